// A desk's order numbers after it lost its own memory of them: restored from an old copy of its
// database, or wiped and joined to its store again, it learns from the server which numbers of
// its series the store holds, and its next order continues after the highest.
import { describe, expect, it } from 'vitest';
import { createOrder } from '$db/writeOrderChange';
import { joinStore } from '../../../src-renderer/src/sync/storeSetup';
import { CURSOR_KEY } from '../../../src-renderer/src/sync/syncSettings';
import { enrolledDesk, newStore, useSyncServer, type Desk } from './syncHarness';

const ctx = useSyncServer();

async function newCart(desk: Desk) {
  return createOrder(
    desk.db,
    { channel: 'counter', currency: 'GBP', deskCode: desk.code },
    {
      deskId: desk.deviceId,
    },
  );
}

describe('a desk learns its last used numbers from the server', () => {
  it('continues after the server’s highest number once restored from a copy made before it', async () => {
    const storeId = await newStore(ctx.server, 'Restored desk');
    const desk = await enrolledDesk(ctx.server, storeId, 'A');
    ctx.desks.push(desk);
    const first = await newCart(desk);
    // The copy: made after the first order was sent, before the next two were made.
    await desk.client.syncNow();
    const copy = {
      cursor: (await desk.db.settings.get(CURSOR_KEY))?.value,
      sequence: (await desk.db.settings.get(`orderSequence:${desk.code}`))?.value,
    };
    const later = [await newCart(desk), await newCart(desk)];
    expect((await desk.client.syncNow()).pending).toBe(0);

    // Restored: the later orders and the counter's memory of them are gone from the desk.
    await desk.db.orders.bulkDelete(later.map((o) => o.id));
    await desk.db.settings.bulkPut([
      { key: CURSOR_KEY, value: copy.cursor },
      { key: `orderSequence:${desk.code}`, value: copy.sequence },
    ]);
    expect(first.number).toBe(`${desk.code}-000001`);

    await desk.client.syncNow();
    const next = await newCart(desk);
    expect(next.number).toBe(`${desk.code}-000004`);
    expect((await desk.client.syncNow()).rejected).toEqual([]);
    const [row] = await ctx.server.db.query<{ number: string; former: unknown }>(
      "SELECT number, data->'formerNumbers' AS former FROM orders WHERE id = $1",
      [next.id],
    );
    // Taken under the number it was given: nothing was renumbered.
    expect(row).toEqual({ number: `${desk.code}-000004`, former: null });
  });

  it('continues after the server’s highest number once wiped and joined to its store again', async () => {
    const storeId = await newStore(ctx.server, 'Joined again');
    const desk = await enrolledDesk(ctx.server, storeId, 'B');
    ctx.desks.push(desk);
    for (let i = 0; i < 3; i++) await newCart(desk);
    expect((await desk.client.syncNow()).pending).toBe(0);
    // Joined again, after a wipe: it holds nothing of its own, not even its counters.
    await desk.db.orders.clear();
    await joinStore(desk.db);
    expect(await desk.db.settings.get(`orderSequence:${desk.code}`)).toBeUndefined();

    await desk.client.syncNow();
    expect((await newCart(desk)).number).toBe(`${desk.code}-000004`);
  });
});
