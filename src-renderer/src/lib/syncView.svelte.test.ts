import { describe, expect, it } from 'vitest';
import type { SyncStatus } from '../sync/syncStatus';
import { SyncStatusStore } from '../sync/syncStatus';
import { SyncView, describeSync } from './syncView.svelte';

const base: SyncStatus = { state: 'idle', pending: 0, rejected: [], skipped: [] };
const now = Date.parse('2026-11-23T12:00:00Z');

describe('the sync status line', () => {
  it('says plainly when the desk works alone', () => {
    expect(describeSync({ ...base, state: 'unenrolled' }, now)).toBe('Not connected to a store server');
  });

  it('says when it last synced and what is still waiting', () => {
    expect(describeSync({ ...base, lastSyncedAt: '2026-11-23T11:58:00Z', pending: 3 }, now)).toBe(
      'Synced 2 min ago · 3 changes waiting',
    );
    expect(describeSync({ ...base, state: 'offline', pending: 1 }, now)).toBe(
      'Server not reachable · 1 change waiting',
    );
  });

  it('counts a long first download in records stored of the total', () => {
    const pulling = { ...base, state: 'pulling' as const, pullProgress: { done: 1500, total: 24000 } };
    expect(describeSync(pulling, now)).toBe('Downloading store data… 1,500 of 24,000');
    expect(describeSync({ ...base, state: 'pulling', pending: 2 }, now)).toBe('Syncing… · 2 changes waiting');
  });

  it('counts refused changes and gives the reason a sync stopped', () => {
    const rejected = [
      {
        id: 'm',
        kind: 'order.event',
        table: 'orderEvents',
        recordId: 'r',
        createdAt: '',
        reason: 'Already packed',
      },
    ];
    expect(describeSync({ ...base, lastSyncedAt: '2026-11-23T11:59:50Z', rejected }, now)).toBe(
      'Synced just now · 1 refused',
    );
    expect(
      describeSync({ ...base, state: 'failed', lastError: 'This desk was removed from the store' }, now),
    ).toBe('Sync stopped: This desk was removed from the store');
    expect(describeSync({ ...base, state: 'backingOff', retryInMs: 4200, pending: 2 }, now)).toBe(
      'Retrying in 5 s · 2 changes waiting',
    );
  });

  it('mirrors the client’s status into rune state', () => {
    const store = new SyncStatusStore();
    const view = new SyncView();
    const stop = view.follow({ status: store });
    store.update({ state: 'pushing', pending: 4 });
    expect(view.status).toMatchObject({ state: 'pushing', pending: 4 });
    stop();
    store.update({ state: 'idle' });
    expect(view.status.state).toBe('pushing');
  });
});
