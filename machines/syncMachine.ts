// When a desk syncs: push the outbox, then pull what other desks did, while the server is
// reachable; after a failure wait an exponentially growing, fully jittered delay before trying again.
import { assign, fromPromise, raise, setup } from 'xstate';

export interface BackoffOptions {
  /** The ceiling of the first retry's delay. */
  baseMs: number;
  /** No retry waits longer than this, however many failures came before. */
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 1_000, maxMs: 5 * 60_000 };

/**
 * "Full jitter": a delay drawn uniformly from [0, min(max, base·2^(failures−1))), so many desks
 * coming back after one outage spread their retries instead of hitting the server together.
 * `random` returns a number in [0, 1), like Math.random.
 */
export function backoffDelay(failures: number, random: () => number, options = DEFAULT_BACKOFF): number {
  const exponent = Math.max(0, failures - 1);
  // Capped before 2^n overflows into Infinity after a long outage.
  const ceiling = Math.min(options.maxMs, options.baseMs * 2 ** Math.min(exponent, 52));
  const r = Math.min(Math.max(random(), 0), 1 - Number.EPSILON);
  return Math.floor(r * ceiling);
}

export interface PushSummary {
  applied: number;
  rejected: number;
  /** Entries still pending (e.g. written while the push ran). */
  pending: number;
}

export interface PullSummary {
  changes: number;
  cursor: number;
}

export type SyncEvent =
  | { type: 'sync.online' }
  | { type: 'sync.offline' }
  | { type: 'sync.tick' }
  | ({ type: 'sync.pushed' } & PushSummary)
  | ({ type: 'sync.pulled' } & PullSummary)
  /** `retryable` false means trying again cannot help (token revoked, desk too old): stop. */
  | { type: 'sync.error'; message: string; retryable: boolean };

export interface SyncContext {
  /** Failures in a row since the last full sync; sets the next backoff ceiling. */
  failures: number;
  lastError?: string;
  /** How long the current backoff waits. */
  retryInMs: number;
  backoff: BackoffOptions;
  random: () => number;
}

export interface SyncInput {
  backoff?: BackoffOptions;
  random?: () => number;
}

/** Errors thrown by the push and pull actors become sync.error; anything not marked otherwise is retried. */
function errorEvent(error: unknown): SyncEvent {
  const message = error instanceof Error ? error.message : String(error);
  const retryable =
    typeof error === 'object' && error !== null && 'retryable' in error
      ? (error as { retryable: unknown }).retryable !== false
      : true;
  return { type: 'sync.error', message, retryable };
}

export const syncMachine = setup({
  types: {
    context: {} as SyncContext,
    events: {} as SyncEvent,
    input: {} as SyncInput,
  },
  actors: {
    // Placeholders: the sync client provides the real ones, tests provide fakes.
    pushOutbox: fromPromise<PushSummary>(async () => {
      throw new Error('No push was provided to the sync machine');
    }),
    pullChanges: fromPromise<PullSummary>(async () => {
      throw new Error('No pull was provided to the sync machine');
    }),
  },
  guards: {
    isRetryable: ({ event }) => event.type === 'sync.error' && event.retryable,
  },
  actions: {
    recordFailure: assign(({ context, event }) => {
      const failures = context.failures + 1;
      return {
        failures,
        lastError: event.type === 'sync.error' ? event.message : context.lastError,
        retryInMs: backoffDelay(failures, context.random, context.backoff),
      };
    }),
    recordFatal: assign(({ context, event }) => ({
      failures: context.failures + 1,
      lastError: event.type === 'sync.error' ? event.message : context.lastError,
      retryInMs: 0,
    })),
    recordSuccess: assign({ failures: 0, lastError: undefined, retryInMs: 0 }),
  },
  delays: {
    retryDelay: ({ context }) => context.retryInMs,
  },
}).createMachine({
  id: 'sync',
  initial: 'offline',
  context: ({ input }) => ({
    failures: 0,
    retryInMs: 0,
    backoff: input?.backoff ?? DEFAULT_BACKOFF,
    random: input?.random ?? Math.random,
  }),
  on: {
    'sync.offline': '.offline',
  },
  states: {
    offline: {
      on: { 'sync.online': 'pushing' },
    },
    idle: {
      on: { 'sync.tick': 'pushing' },
    },
    pushing: {
      invoke: {
        src: 'pushOutbox',
        onDone: { actions: raise(({ event }) => ({ type: 'sync.pushed' as const, ...event.output })) },
        onError: { actions: raise(({ event }) => errorEvent(event.error)) },
      },
      on: {
        'sync.pushed': 'pulling',
        'sync.error': [
          { guard: 'isRetryable', target: 'backingOff', actions: 'recordFailure' },
          { target: 'failed', actions: 'recordFatal' },
        ],
      },
    },
    pulling: {
      invoke: {
        src: 'pullChanges',
        onDone: { actions: raise(({ event }) => ({ type: 'sync.pulled' as const, ...event.output })) },
        onError: { actions: raise(({ event }) => errorEvent(event.error)) },
      },
      on: {
        'sync.pulled': { target: 'idle', actions: 'recordSuccess' },
        'sync.error': [
          { guard: 'isRetryable', target: 'backingOff', actions: 'recordFailure' },
          { target: 'failed', actions: 'recordFatal' },
        ],
      },
    },
    backingOff: {
      // A tick does not cut a backoff short: that is what keeps a struggling server from a stampede.
      // A probe that just found the server answering (sync.online) does: waiting longer gains nothing.
      after: { retryDelay: 'pushing' },
      on: { 'sync.online': 'pushing' },
    },
    failed: {
      // Only a fresh start (the desk enrolled again, or came back online) tries again.
      on: { 'sync.online': 'pushing' },
    },
  },
});
