// A desk's first download of a big catalogue shows how far it has got: from the first page, and after each page the status
// carries changes stored so far of the total, and the bar is gone once the pull is over.
import { describe, expect, it } from 'vitest';
import { newId } from '$shared/ids';
import type { SyncStatus } from '../../../src-renderer/src/sync/syncStatus';
import { saveMug } from './deskActions';
import { enrolledDesk, newStore, useSyncServer } from './syncHarness';

const ctx = useSyncServer();

describe('pull progress', () => {
  it('reports each page of a long first pull against the total, then clears', async () => {
    const store = await newStore(ctx.server, `Store ${newId()}`);
    const seller = await enrolledDesk(ctx.server, store, 'S1');
    ctx.desks.push(seller);
    for (let i = 0; i < 12; i += 1) {
      await saveMug(seller.db, `${i}`.padStart(8, '0'), { name: `Mug ${i}`, bin: 'A-01-1' });
    }
    await seller.client.syncNow();

    // 12 products and 12 variants, five to a page: a new desk needs five pages.
    const fresh = await enrolledDesk(ctx.server, store, 'S2', { pullLimit: 5 });
    ctx.desks.push(fresh);
    const seen: NonNullable<SyncStatus['pullProgress']>[] = [];
    fresh.client.status.subscribe((status) => {
      if (status.pullProgress) seen.push(status.pullProgress);
    });
    const done = await fresh.client.syncNow();

    expect(seen).toEqual([
      { done: 0, total: 24 },
      { done: 5, total: 24 },
      { done: 10, total: 24 },
      { done: 15, total: 24 },
      { done: 20, total: 24 },
    ]);
    expect(done.pullProgress).toBeUndefined();
    expect(await fresh.db.variants.count()).toBe(12);
  });
});
