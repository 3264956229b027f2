// The desk's sync client: runs the sync machine with the real push and pull, probes the server
// on a timer and on the window's online/offline events, and keeps an observable status.
import { createActor, fromPromise, waitFor, type Actor } from 'xstate';
import {
  syncMachine,
  type BackoffOptions,
  type PullSummary,
  type PushSummary,
} from '../../../machines/syncMachine';
import type { OrderlineDb } from '../db/database';
import { pullChanges } from './pullChanges';
import { pushOutbox } from './pushOutbox';
import { serverReachable } from './reachability';
import { SyncError, type FetchLike } from './syncHttp';
import { readSyncSettings, type SyncSettings } from './syncSettings';
import { SyncStatusStore, type RejectedChange, type SyncState, type SyncStatus } from './syncStatus';

type NetworkEvents = Pick<EventTarget, 'addEventListener' | 'removeEventListener'>;

export interface SyncClientOptions {
  fetch?: FetchLike;
  /** How often to probe the server and sync (default 30 s). */
  intervalMs?: number;
  probeTimeoutMs?: number;
  backoff?: BackoffOptions;
  random?: () => number;
  batchSize?: number;
  pullLimit?: number;
  now?: () => Date;
  /** Where 'online'/'offline' events come from (the window); null to ignore them. */
  networkEvents?: NetworkEvents | null;
  /** navigator.onLine, when there is one: false skips the probe (no network at all). */
  isOnline?: () => boolean;
}

const SETTLED: SyncState[] = ['idle', 'offline', 'failed', 'backingOff'];

export class SyncClient {
  readonly status = new SyncStatusStore();
  private readonly fetchFn: FetchLike;
  private readonly actor: Actor<typeof syncMachine>;
  private timer: ReturnType<typeof setInterval> | undefined;
  private events: NetworkEvents | null = null;
  private stopped = false;
  private readonly onOnline = () => void this.check(false);
  private readonly onOffline = () => this.actor.send({ type: 'sync.offline' });

  constructor(
    private readonly db: OrderlineDb,
    private readonly options: SyncClientOptions = {},
  ) {
    this.fetchFn = options.fetch ?? globalThis.fetch.bind(globalThis);
    const machine = syncMachine.provide({
      actors: {
        pushOutbox: fromPromise<PushSummary>(async () =>
          pushOutbox(db, await this.settings(), { fetch: this.fetchFn, batchSize: options.batchSize }),
        ),
        pullChanges: fromPromise<PullSummary>(async () => {
          const summary = await pullChanges(db, await this.settings(), {
            fetch: this.fetchFn,
            limit: options.pullLimit,
            // The newest hundred: enough to act on, and a server sending bad records cannot fill memory.
            onSkipped: (skipped) =>
              this.status.update({ skipped: [...this.status.get().skipped, ...skipped].slice(-100) }),
            // Only a pull of several pages is worth a progress bar; one page is over at once.
            onProgress: (progress) => {
              if (progress.total !== undefined && progress.total > progress.done)
                this.status.update({ pullProgress: progress });
              else if (this.status.get().pullProgress) this.status.update({ pullProgress: undefined });
            },
          }).finally(() => {
            if (this.status.get().pullProgress) this.status.update({ pullProgress: undefined });
          });
          // Set only after the last page committed (the machine moves to idle right after).
          this.status.update({ lastSyncedAt: this.now().toISOString() });
          return summary;
        }),
      },
    });
    this.actor = createActor(machine, { input: { backoff: options.backoff, random: options.random } });
    this.actor.subscribe((snapshot) => {
      this.status.update({
        state: snapshot.value,
        lastError: snapshot.context.lastError,
        retryInMs: snapshot.value === 'backingOff' ? snapshot.context.retryInMs : undefined,
      });
      // The counts change with every push and pull; read them once the work has settled.
      // A failed re-read (the database closing as the window does) only leaves old counts shown.
      if (SETTLED.includes(snapshot.value)) this.refresh().catch(() => undefined);
    });
  }

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }

  private async settings(): Promise<SyncSettings> {
    const settings = await readSyncSettings(this.db);
    if (!settings)
      throw new SyncError('This desk is not enrolled with a server yet; enroll it in Settings', false);
    return settings;
  }

  /** Starts the machine, the timer and the network listeners, and syncs once. */
  start(): void {
    this.actor.start();
    const events =
      this.options.networkEvents === undefined
        ? typeof (globalThis as { addEventListener?: unknown }).addEventListener === 'function'
          ? (globalThis as unknown as NetworkEvents)
          : null
        : this.options.networkEvents;
    this.events = events;
    events?.addEventListener('online', this.onOnline);
    events?.addEventListener('offline', this.onOffline);
    this.timer = setInterval(() => void this.check(false), this.options.intervalMs ?? 30_000);
    void this.check(false);
  }

  stop(): void {
    clearInterval(this.timer);
    this.events?.removeEventListener('online', this.onOnline);
    this.events?.removeEventListener('offline', this.onOffline);
    this.events = null;
    this.stopped = true;
    this.actor.stop();
  }

  /** Syncs now, as when a person presses "Sync now": also retries after a failure. Resolves once the
   * attempt has finished, with the status it left. */
  async syncNow(): Promise<SyncStatus> {
    await this.check(true);
    return this.status.get();
  }

  /**
   * Probes the server and tells the machine what it found. A periodic check leaves a failed sync
   * alone (a revoked token stays revoked); a person asking tries again.
   */
  private async check(manual: boolean): Promise<void> {
    if (this.stopped) return;
    // Idempotent: syncNow works without start(), for a desk that only syncs when asked.
    this.actor.start();
    const settings = await readSyncSettings(this.db);
    if (!settings) {
      this.status.update({ state: 'unenrolled' });
      return;
    }
    const networkUp = this.options.isOnline?.() ?? globalThis.navigator?.onLine ?? true;
    const reachable =
      networkUp && (await serverReachable(this.fetchFn, settings.serverUrl, this.options.probeTimeoutMs));
    const state = this.actor.getSnapshot().value;
    if (!reachable) this.actor.send({ type: 'sync.offline' });
    else if (state === 'offline' || (manual && (state === 'failed' || state === 'backingOff')))
      this.actor.send({ type: 'sync.online' });
    else this.actor.send({ type: 'sync.tick' });
    await waitFor(this.actor, (snapshot) => SETTLED.includes(snapshot.value));
    await this.refresh();
  }

  /** Re-reads the pending count and the refused changes from the outbox. */
  async refresh(): Promise<void> {
    const [pending, rejectedRows] = await Promise.all([
      this.db.outbox.where('state').equals('pending').count(),
      this.db.outbox.where('state').equals('rejected').toArray(),
    ]);
    const rejected: RejectedChange[] = rejectedRows.map((entry) => ({
      id: entry.id,
      kind: entry.kind,
      table: entry.table,
      recordId: entry.recordId,
      createdAt: entry.createdAt,
      reason: entry.rejection ?? 'The server refused this change',
    }));
    this.status.update({ pending, rejected });
  }
}
