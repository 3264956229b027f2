// The desk's sync client: runs the sync machine with the real push and pull, and keeps an observable
// status. It syncs soon after this desk queues a change (debounced, so a burst goes as one batch),
// at once when the server's event stream says another desk changed the store, on the window's
// online/offline events, and on a timer (every few seconds while the stream is down: polling).
import { liveQuery, type Subscription } from 'dexie';
import { createActor, fromPromise, waitFor, type Actor } from 'xstate';
import { syncMachine, type BackoffOptions, type PullSummary, type PushSummary } from '$machines/syncMachine';
import type { OrderlineDb } from '$db/database';
import { pendingChangeCount } from '$db/outboxBatch';
import { refreshDeskDirectory } from './deskDirectory';
import { pullChanges } from './pullChanges';
import { pushOutbox } from './pushOutbox';
import { serverReachable } from './reachability';
import { ServerEvents } from './serverEvents';
import { readSetup } from './storeSetup';
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
  /** Listen to the server's change stream (default: when using the real fetch). */
  liveEvents?: boolean;
  /** How long after a change is queued the push starts, so a burst goes together (default 250 ms). */
  pushDelayMs?: number;
  /** How often to poll while the change stream is down (default 5 s). */
  pollWhileDownMs?: number;
}

const SETTLED: SyncState[] = ['idle', 'offline', 'failed', 'backingOff'];

export class SyncClient {
  readonly status = new SyncStatusStore();
  private readonly fetchFn: FetchLike;
  private readonly actor: Actor<typeof syncMachine>;
  private timer: ReturnType<typeof setInterval> | undefined;
  private events: NetworkEvents | null = null;
  private stopped = false;
  private running: Promise<void> | null = null;
  private again = false;
  private debounce: ReturnType<typeof setTimeout> | undefined;
  private outboxWatch: Subscription | null = null;
  private stream: ServerEvents | null = null;
  private streamLive = false;
  private lastCheck = 0;
  private desksKnown = false;
  private readonly onOnline = () => this.requestSync();
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
          // The store's desks, to name them on screen: at the first sync, and whenever the store
          // changed (a desk that enrolled since may be behind the new changes). Never fails a sync.
          if (summary.changes > 0 || !this.desksKnown) {
            this.desksKnown = await refreshDeskDirectory(db, this.fetchFn, await this.settings()).catch(
              () => false,
            );
          }
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
      // A database closed under a running loop ends it (no retry timers failing on a closed database).
      if (this.db.hasBeenClosed()) queueMicrotask(() => this.stopIfClosed());
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

  /** Starts the machine, the timer, the network listeners, the outbox watch and the change stream,
   * and syncs once. */
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
    const interval = this.options.intervalMs ?? 30_000;
    const whileDown = Math.min(interval, this.options.pollWhileDownMs ?? 5_000);
    // Ticks often; syncs every `interval` while the stream is live, every `whileDown` without it.
    this.timer = setInterval(() => {
      const due = this.streamLive ? interval : whileDown;
      if (Date.now() - this.lastCheck >= due) this.requestSync();
    }, whileDown);
    this.watchOutbox();
    if (this.options.liveEvents ?? this.options.fetch === undefined) this.listenToServer();
    this.requestSync();
  }

  /** A change queued on this desk goes out within a second: the pending count rising wakes the push. */
  private watchOutbox(): void {
    let last: number | undefined;
    this.outboxWatch = liveQuery(() => pendingChangeCount(this.db)).subscribe({
      next: (count) => {
        if (last !== undefined && count > last) this.soon();
        last = count;
        // The status line counts down as a long upload goes out, not only when a sync settles.
        if (this.status.get().pending !== count) this.status.update({ pending: count });
      },
      // The database closed under us (the window is going): nothing more to watch.
      error: () => this.stopIfClosed(),
    });
  }

  private listenToServer(): void {
    this.stream = new ServerEvents({
      fetch: this.fetchFn,
      target: async () => {
        if (this.db.hasBeenClosed()) return null;
        const settings = await readSyncSettings(this.db).catch(() => null);
        return settings && { url: settings.serverUrl, token: settings.device.token };
      },
      onChange: () => this.requestSync(),
      onLive: (live) => (this.streamLive = live),
    });
    this.stream.start();
  }

  /** Syncs after a short pause, so several changes made together leave in one push. */
  private soon(): void {
    clearTimeout(this.debounce);
    this.debounce = setTimeout(() => this.requestSync(), this.options.pushDelayMs ?? 250);
  }

  /** One check at a time; asked for while one runs, another follows it (so nothing waits for the timer). */
  private requestSync(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.check(false)
      .catch(() => this.stopIfClosed())
      .finally(() => {
        this.running = null;
        if (this.again) {
          this.again = false;
          this.requestSync();
        }
      });
  }

  /** A sync loop whose database closed stops cleanly instead of failing on every tick. */
  private stopIfClosed(): void {
    if (this.db.hasBeenClosed() && !this.stopped) this.stop();
  }

  stop(): void {
    clearInterval(this.timer);
    clearTimeout(this.debounce);
    this.outboxWatch?.unsubscribe();
    this.outboxWatch = null;
    this.stream?.stop();
    this.stream = null;
    this.streamLive = false;
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
    this.lastCheck = Date.now();
    // Idempotent: syncNow works without start(), for a desk that only syncs when asked.
    this.actor.start();
    const settings = await readSyncSettings(this.db);
    if (!settings) {
      this.status.update({ state: 'unenrolled' });
      return;
    }
    // Enrolled, but nobody has said yet whether this desk creates the store or joins it.
    if ((await readSetup(this.db)).state === 'choose') {
      this.status.update({ state: 'unenrolled', awaitingSetup: true });
      return;
    }
    if (this.status.get().awaitingSetup) this.status.update({ awaitingSetup: false });
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
      pendingChangeCount(this.db),
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
