import { getShortestPaths } from '@xstate/graph';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createActor, fromPromise, getInitialSnapshot, getNextSnapshot, type SnapshotFrom } from 'xstate';
import { backoffDelay, syncMachine, type PullSummary, type PushSummary, type SyncEvent } from './syncMachine';

type Snapshot = SnapshotFrom<typeof syncMachine>;

const online: SyncEvent = { type: 'sync.online' };
const offline: SyncEvent = { type: 'sync.offline' };
const tick: SyncEvent = { type: 'sync.tick' };
const pushed: SyncEvent = { type: 'sync.pushed', applied: 2, rejected: 0, pending: 0 };
const pulled: SyncEvent = { type: 'sync.pulled', changes: 3, cursor: 9 };
const failure: SyncEvent = { type: 'sync.error', message: 'The server did not answer', retryable: true };
const fatal: SyncEvent = { type: 'sync.error', message: 'This desk’s token was revoked', retryable: false };

const start = (random = () => 0.5) => getInitialSnapshot(syncMachine, { random });
const run = (events: SyncEvent[], from: Snapshot = start()) =>
  events.reduce((snapshot, event) => getNextSnapshot(syncMachine, snapshot, event), from);

describe('backoffDelay', () => {
  const options = { baseMs: 1000, maxMs: 60_000 };

  it.each([
    [1, 1000],
    [2, 2000],
    [3, 4000],
    [6, 32_000],
    [7, 60_000],
    [1000, 60_000],
  ])('after %i failures in a row waits below a ceiling of %i ms', (failures, ceiling) => {
    expect(backoffDelay(failures, () => 0.999999, options)).toBeLessThan(ceiling);
    expect(backoffDelay(failures, () => 0.999999, options)).toBeGreaterThanOrEqual(ceiling * 0.999);
    expect(backoffDelay(failures, () => 0, options)).toBe(0);
  });

  it('draws the whole range in proportion to the random source (full jitter)', () => {
    expect(backoffDelay(3, () => 0.25, options)).toBe(1000);
    expect(backoffDelay(3, () => 0.5, options)).toBe(2000);
  });

  it('never returns the ceiling itself, even from a random source that returns 1', () => {
    expect(backoffDelay(1, () => 1, options)).toBeLessThan(1000);
  });
});

describe('sync machine transitions', () => {
  it.each<[string, SyncEvent[], string]>([
    ['starts offline and stays there on a tick', [tick], 'offline'],
    ['pushes as soon as the server is reachable', [online], 'pushing'],
    ['pulls after a push', [online, pushed], 'pulling'],
    ['is idle after a pull', [online, pushed, pulled], 'idle'],
    ['pushes again on the next tick', [online, pushed, pulled, tick], 'pushing'],
    ['ignores a tick while pushing', [online, tick], 'pushing'],
    ['ignores a tick while pulling', [online, pushed, tick], 'pulling'],
    ['backs off when a push fails', [online, failure], 'backingOff'],
    ['backs off when a pull fails', [online, pushed, failure], 'backingOff'],
    ['does not cut a backoff short on a tick', [online, failure, tick], 'backingOff'],
    ['cuts a backoff short when a probe finds the server answering', [online, failure, online], 'pushing'],
    ['stops on an error that retrying cannot fix', [online, fatal], 'failed'],
    ['stays stopped on ticks', [online, fatal, tick], 'failed'],
    ['starts again from failed when online is reported anew', [online, fatal, online], 'pushing'],
    ['goes offline from idle', [online, pushed, pulled, offline], 'offline'],
    ['goes offline in the middle of a push', [online, offline], 'offline'],
    ['goes offline while backing off', [online, failure, offline], 'offline'],
  ])('%s', (_name, events, state) => {
    expect(run(events).value).toBe(state);
  });

  it('counts failures in a row and keeps the last error to show', () => {
    const snapshot = run([online, failure]);
    expect(snapshot.context.failures).toBe(1);
    expect(snapshot.context.lastError).toBe('The server did not answer');
  });

  it('sets the backoff from the failure count and the random source', () => {
    const first = run(
      [online, failure],
      start(() => 0.5),
    );
    expect(first.context.retryInMs).toBe(backoffDelay(1, () => 0.5));
    const third = run(
      [online, failure, offline, online, failure, offline, online, failure],
      start(() => 0.5),
    );
    expect(third.context.failures).toBe(3);
    expect(third.context.retryInMs).toBe(backoffDelay(3, () => 0.5));
  });

  it('forgets failures once a whole sync succeeds', () => {
    const snapshot = run([online, failure, offline, online, pushed, pulled]);
    expect(snapshot.context.failures).toBe(0);
    expect(snapshot.context.lastError).toBeUndefined();
  });
});

describe('sync machine paths', () => {
  it('reaches every state from offline', () => {
    const paths = getShortestPaths(syncMachine, {
      events: [online, offline, tick, pushed, pulled, failure, fatal],
      input: { random: () => 0.5 },
      // The failure count grows without end; what matters for paths is the state and whether
      // anything has failed since the last good sync.
      serializeState: (snapshot) =>
        `${JSON.stringify(snapshot.value)}:${snapshot.context.failures > 0 ? 'failing' : 'ok'}`,
      limit: 1000,
    });
    const reached = new Set(paths.map((path) => JSON.stringify(path.state.value)));
    expect(reached).toEqual(
      new Set(
        ['offline', 'pushing', 'pulling', 'idle', 'backingOff', 'failed'].map((s) => JSON.stringify(s)),
      ),
    );
    // Idle is only reached through a push and then a pull: a desk never skips pushing its outbox.
    const toIdle = paths.find((path) => path.state.value === 'idle');
    expect(toIdle?.steps.map((step) => step.event.type)).toEqual([
      'xstate.init',
      'sync.online',
      'sync.pushed',
      'sync.pulled',
    ]);
  });
});

describe('sync machine with its actors', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('runs push then pull, retries after the backoff, and settles idle', async () => {
    const calls: string[] = [];
    let pushFailures = 1;
    const machine = syncMachine.provide({
      actors: {
        pushOutbox: fromPromise<PushSummary>(async () => {
          calls.push('push');
          if (pushFailures-- > 0) throw new Error('The server did not answer');
          return { applied: 1, rejected: 0, pending: 0 };
        }),
        pullChanges: fromPromise<PullSummary>(async () => {
          calls.push('pull');
          return { changes: 0, cursor: 4 };
        }),
      },
    });
    const actor = createActor(machine, {
      input: { random: () => 0.5, backoff: { baseMs: 1000, maxMs: 10_000 } },
    }).start();
    actor.send(online);
    await vi.advanceTimersByTimeAsync(0);
    expect(actor.getSnapshot().value).toBe('backingOff');
    expect(actor.getSnapshot().context.retryInMs).toBe(500);
    await vi.advanceTimersByTimeAsync(499);
    expect(calls).toEqual(['push']);
    await vi.advanceTimersByTimeAsync(1);
    expect(actor.getSnapshot().value).toBe('idle');
    expect(calls).toEqual(['push', 'push', 'pull']);
    actor.stop();
  });

  it('stops for good when the push says retrying cannot help', async () => {
    const machine = syncMachine.provide({
      actors: {
        pushOutbox: fromPromise<PushSummary>(async () => {
          throw Object.assign(new Error('This desk’s token was revoked; enroll it again'), {
            retryable: false,
          });
        }),
      },
    });
    const actor = createActor(machine, { input: {} }).start();
    actor.send(online);
    await vi.advanceTimersByTimeAsync(0);
    expect(actor.getSnapshot().value).toBe('failed');
    expect(actor.getSnapshot().context.lastError).toMatch(/enroll it again/);
    actor.stop();
  });
});
