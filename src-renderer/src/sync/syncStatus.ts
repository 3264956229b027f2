// What the status area shows about sync, as a plain observable value: the Svelte store contract
// (subscribe calls back at once and returns an unsubscribe), with no framework inside.
import type { SkippedChange } from './applyPulledPage';

export type SyncState = 'unenrolled' | 'offline' | 'idle' | 'pushing' | 'pulling' | 'backingOff' | 'failed';

/** A change of this desk's that the server refused for good, with its reason. */
export interface RejectedChange {
  id: string;
  kind: string;
  table: string;
  recordId: string;
  createdAt: string;
  reason: string;
}

export interface SyncStatus {
  state: SyncState;
  /** When a push and a pull last both finished (ISO time). */
  lastSyncedAt?: string;
  /** Outbox entries the server has not answered yet. */
  pending: number;
  rejected: RejectedChange[];
  /** Pulled records this desk could not store. */
  skipped: SkippedChange[];
  lastError?: string;
  /** While a pull brings more than one page: changes stored so far of the total (first download). */
  pullProgress?: { done: number; total?: number };
  /** While backing off: how long until the next try. */
  retryInMs?: number;
  /** Enrolled, waiting for a person to create the store from this desk or join it. */
  awaitingSetup?: boolean;
}

export type Listener = (status: SyncStatus) => void;

export class SyncStatusStore {
  private value: SyncStatus = { state: 'unenrolled', pending: 0, rejected: [], skipped: [] };
  private readonly listeners = new Set<Listener>();

  get(): SyncStatus {
    return this.value;
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    listener(this.value);
    return () => this.listeners.delete(listener);
  }

  update(change: Partial<SyncStatus>): void {
    this.value = { ...this.value, ...change };
    for (const listener of this.listeners) listener(this.value);
  }
}
