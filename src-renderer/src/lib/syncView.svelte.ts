// The window's one sync client and what the screens show of it: the status mirrored into rune
// state, and a sentence for the status area ("Synced 2 min ago · 3 changes waiting").
import { getDb } from '$db/database';
import { count } from './format';
import { SyncClient } from '../sync/syncClient';
import type { SyncStatus } from '../sync/syncStatus';

let client: SyncClient | null = null;

/** The window's sync client (started by the shell; it stays quiet until the desk is enrolled). */
export function getSyncClient(): SyncClient {
  client ??= new SyncClient(getDb());
  return client;
}

export class SyncView {
  status = $state<SyncStatus>({ state: 'unenrolled', pending: 0, rejected: [], skipped: [] });

  /** Mirrors the client's status; returns the unsubscribe. */
  follow(source: Pick<SyncClient, 'status'>): () => void {
    return source.status.subscribe((status) => (this.status = status));
  }
}

function ago(from: string, now: number): string {
  const minutes = Math.round((now - Date.parse(from)) / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  return hours < 24 ? `${hours} h ago` : `${Math.round(hours / 24)} d ago`;
}

const waiting = (n: number) => (n === 0 ? '' : ` · ${n} change${n === 1 ? '' : 's'} waiting`);

/** One line for the status area; never blank, never alarming when the desk simply works alone. */
export function describeSync(status: SyncStatus, now: number = Date.now()): string {
  const refused = status.rejected.length ? ` · ${status.rejected.length} refused` : '';
  switch (status.state) {
    case 'unenrolled':
      return status.awaitingSetup
        ? 'Enrolled: create the store from this desk or join it (Settings)'
        : 'Not connected to a store server';
    case 'offline':
      return `Server not reachable${waiting(status.pending)}${refused}`;
    case 'pulling':
      if (status.pullProgress?.total)
        return `Downloading store data… ${count(status.pullProgress.done)} of ${count(status.pullProgress.total)}`;
      return `Syncing…${waiting(status.pending)}`;
    case 'pushing':
      return `Syncing…${waiting(status.pending)}`;
    case 'backingOff':
      return `Retrying in ${Math.ceil((status.retryInMs ?? 0) / 1000)} s${waiting(status.pending)}`;
    case 'failed':
      return `Sync stopped: ${status.lastError ?? 'the server refused this desk'}`;
    case 'idle':
      return `${status.lastSyncedAt ? `Synced ${ago(status.lastSyncedAt, now)}` : 'Connected'}${waiting(status.pending)}${refused}`;
  }
}
