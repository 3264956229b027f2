// Telling desks at once that their store changed. A push that applied something announces it with
// NOTIFY after its transactions committed; every server copy LISTENs on the same database, so a desk
// connected to any copy hears of a change made through any other, and pulls.
import type { Database, Sql } from './db';

export const CHANGES_CHANNEL = 'orderline_changes';

type Listener = () => void;

export class StoreEvents {
  private readonly listeners = new Map<string, Set<Listener>>();
  private stopListening: (() => Promise<void>) | null = null;

  constructor(private readonly sql: Sql & Partial<Pick<Database, 'listen'>>) {}

  /** Starts hearing every copy's announcements; without LISTEN only this copy's are heard. */
  async start(): Promise<void> {
    if (!this.sql.listen || this.stopListening) return;
    this.stopListening = await this.sql.listen(CHANGES_CHANNEL, (storeId) => this.deliver(storeId));
  }

  async stop(): Promise<void> {
    const stop = this.stopListening;
    this.stopListening = null;
    this.listeners.clear();
    await stop?.();
  }

  /** Called after a push committed: every desk of the store, on every copy, hears of it. */
  async announce(storeId: string): Promise<void> {
    if (!this.stopListening) return this.deliver(storeId);
    await this.sql.query('SELECT pg_notify($1, $2)', [CHANGES_CHANNEL, storeId]);
  }

  subscribe(storeId: string, listener: Listener): () => void {
    const set = this.listeners.get(storeId) ?? new Set<Listener>();
    set.add(listener);
    this.listeners.set(storeId, set);
    return () => {
      set.delete(listener);
      if (!set.size) this.listeners.delete(storeId);
    };
  }

  /** How many desks are listening, on this copy (for the tests and the logs). */
  get listening(): number {
    let n = 0;
    for (const set of this.listeners.values()) n += set.size;
    return n;
  }

  private deliver(storeId: string): void {
    for (const listener of this.listeners.get(storeId) ?? []) listener();
  }
}
