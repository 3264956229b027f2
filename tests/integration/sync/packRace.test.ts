// Two pack benches race for one order (issue #13). The bench that loses keeps its own row of the
// order while its change waits; when the server refuses that change, the desk must end on the
// server's copy, whichever came first on the desk: the pull or the push's answer. A parcel closed
// on the losing bench is refused by the server and dropped by the desk, so one parcel stands.
import { describe, expect, it } from 'vitest';
import { newId } from '$shared/ids';
import type { Order, OutboxEntry } from '$shared/records';
import { updateParcel } from '$db/parcelWrites';
import { closeParcel } from '$lib/packBench';
import { dispatch, startPacking } from '$lib/packQueue';
import { pullChanges } from '../../../src-renderer/src/sync/pullChanges';
import { pushOutbox } from '../../../src-renderer/src/sync/pushOutbox';
import { readSyncSettings } from '../../../src-renderer/src/sync/syncSettings';
import type { FetchLike } from '../../../src-renderer/src/sync/syncHttp';
import { paidOrder, stockedVariant } from './deskActions';
import { type Desk, enrolledDesk, newStore, useSyncServer } from './syncHarness';

const ctx = useSyncServer();

const bench = (desk: Desk) => ({ code: desk.code, id: desk.deviceId, name: `Bench ${desk.code}` });
const packer = (desk: Desk) => ({ deskId: desk.deviceId, staffName: `Packer ${desk.code}` });

/** A paid order both benches hold; bench A packs it and closes its parcel, while bench B (offline)
 * only claims it, or also closes a parcel of its own. */
async function race(bClosesParcel: boolean) {
  const store = await newStore(ctx.server, `Store ${newId()}`);
  const seller = await enrolledDesk(ctx.server, store, 'S1');
  const a = await enrolledDesk(ctx.server, store, 'PA');
  const b = await enrolledDesk(ctx.server, store, 'PB');
  ctx.desks.push(seller, a, b);
  const variant = await stockedVariant(seller.db, 'S1');
  const sold = await paidOrder(seller.db, 'S1', variant, 1);
  await seller.client.syncNow();
  for (const desk of [a, b]) expect((await desk.client.syncNow()).pending).toBe(0);

  b.net.down = true;
  const onB = await startPacking(b.db, bench(b), (await b.db.orders.get(sold.id))!);
  const bParcel = bClosesParcel ? await close(b, onB) : null;
  const aParcel = await close(a, await startPacking(a.db, bench(a), (await a.db.orders.get(sold.id))!));
  expect((await a.client.syncNow()).pending).toBe(0);
  b.net.down = false;
  return { a, b, sold, aParcel, bParcel };
}

async function close(desk: Desk, order: Order) {
  const { parcel } = await closeParcel(desk.db, packer(desk), {
    order,
    outcome: { kind: 'complete', units: 1 },
    contents: [{ variantId: order.lines[0]!.variantId, quantity: 1 }],
  });
  return parcel;
}

async function settingsOf(desk: Desk) {
  const settings = await readSyncSettings(desk.db);
  if (!settings) throw new Error('not enrolled');
  return settings;
}

/** What bench B holds of the order once it is settled: the server's packing, A's parcel only. */
async function expectServersCopy(b: Desk, orderId: string, aParcelId: string) {
  const order = (await b.db.orders.get(orderId))!;
  expect(order.status).toBe('packaging');
  expect((order.machine as { packed?: { parcelId?: string } }).packed?.parcelId).toBe(aParcelId);
  expect((await b.db.parcels.where('orderId').equals(orderId).toArray()).map((p) => p.id)).toEqual([
    aParcelId,
  ]);
  expect(await b.db.serverCopies.count()).toBe(0);
  expect(await b.db.outbox.where('state').equals('pending').count()).toBe(0);
}

describe('a bench whose claim of an order is refused ends on the server’s copy', () => {
  it('when the pull came before the refused push (the pulled copy is held, then written)', async () => {
    const { b, sold, aParcel } = await race(false);
    const settings = await settingsOf(b);
    // The pull while B's claim waits keeps B's row and holds the server's packed order.
    await pullChanges(b.db, settings, { fetch: b.net.fetch });
    expect((await b.db.orders.get(sold.id))!.machine).not.toHaveProperty('packed');
    expect(await b.db.serverCopies.get(['orders', sold.id])).toMatchObject({ recordId: sold.id });
    // The refused claim puts the held copy in place at once, before any other pull.
    expect(await pushOutbox(b.db, settings, { fetch: b.net.fetch })).toMatchObject({ rejected: 1 });
    await expectServersCopy(b, sold.id, aParcel.id);
  });

  it('when the refused push came before the pull', async () => {
    const { b, sold, aParcel } = await race(false);
    const settings = await settingsOf(b);
    expect(await pushOutbox(b.db, settings, { fetch: b.net.fetch })).toMatchObject({ rejected: 1 });
    await pullChanges(b.db, settings, { fetch: b.net.fetch });
    await expectServersCopy(b, sold.id, aParcel.id);
  });

  it('when a pull fetched after the server refused the claim is stored before the answer is', async () => {
    const { b, sold, aParcel } = await race(false);
    const settings = await settingsOf(b);
    // The push's answer is held back until a whole pull (which already carries the server's
    // copy of the order logged again after the refusal) is stored: the worst interleaving.
    const pullFirst: FetchLike = async (input, init) => {
      const response = await b.net.fetch(input, init);
      if (new URL(input).pathname === '/v1/push') await pullChanges(b.db, settings, { fetch: b.net.fetch });
      return response;
    };
    expect(await pushOutbox(b.db, settings, { fetch: pullFirst })).toMatchObject({ rejected: 1 });
    await expectServersCopy(b, sold.id, aParcel.id);
    // Nothing later puts B's own version back.
    expect((await b.client.syncNow()).pending).toBe(0);
    await expectServersCopy(b, sold.id, aParcel.id);
  });
});

describe('a parcel closed on the bench that lost the race', () => {
  /** Everything bench B holds of the order and its parcel is the server's, on both benches. */
  async function expectOneParcel(a: Desk, b: Desk, sold: Order, aParcelId: string, bParcelId: string) {
    await expectServersCopy(b, sold.id, aParcelId);
    expect(await b.db.parcels.get(bParcelId)).toBeUndefined();
    await a.client.syncNow();
    expect((await a.db.parcels.where('orderId').equals(sold.id).toArray()).map((p) => p.id)).toEqual([
      aParcelId,
    ]);
    const onServer = await ctx.server.db.query<{ id: string }>(
      `SELECT id::text AS id FROM records WHERE table_name = 'parcels' AND data->>'orderId' = $1`,
      [sold.id],
    );
    expect(onServer).toEqual([{ id: aParcelId }]);
    const completes = await ctx.server.db.query<{ n: string }>(
      `SELECT count(*)::text AS n FROM order_events WHERE order_id = $1 AND data->'event'->>'type' = 'pack.complete'`,
      [sold.id],
    );
    expect(completes).toEqual([{ n: '1' }]);
  }

  it('is refused with its packing and dropped by the desk: one parcel stands everywhere', async () => {
    const { a, b, sold, aParcel, bParcel } = await race(true);
    const status = await b.client.syncNow();
    expect(status.pending).toBe(0);
    expect(status.rejected.find((r) => r.table === 'parcels')?.reason).toMatch(
      /^Not applied because the change it follows was refused: Order /,
    );
    await expectOneParcel(a, b, sold, aParcel.id, bParcel!.id);
  });

  it('is refused by the server when an older desk sends it without naming its packing', async () => {
    const { a, b, sold, aParcel, bParcel } = await race(true);
    const parcelEntries = await b.db.outbox.where('recordId').equals(bParcel!.id).toArray();
    await b.db.outbox.bulkPut(
      parcelEntries.map((entry) => {
        const { dependsOn: _dropped, ...older } = entry as OutboxEntry & { dependsOn?: string };
        return older;
      }),
    );
    const status = await b.client.syncNow();
    expect(status.rejected.find((r) => r.table === 'parcels')?.reason).toBe(
      `Parcel of order ${sold.number} was not saved: the order was packed at desk ${a.code} first (a parcel of 1 unit); this bench's parcel is not kept: do not use its label or slip`,
    );
    await expectOneParcel(a, b, sold, aParcel.id, bParcel!.id);
  });
});

describe('a parcel closed and weighed on a bench whose claim lost', () => {
  it('is refused with its packing even before any bench completed the order', async () => {
    const store = await newStore(ctx.server, `Store ${newId()}`);
    const seller = await enrolledDesk(ctx.server, store, 'S1');
    const a = await enrolledDesk(ctx.server, store, 'PA');
    const b = await enrolledDesk(ctx.server, store, 'PB');
    ctx.desks.push(seller, a, b);
    const variant = await stockedVariant(seller.db, 'S1');
    const sold = await paidOrder(seller.db, 'S1', variant, 1);
    await seller.client.syncNow();
    for (const desk of [a, b]) await desk.client.syncNow();

    b.net.down = true;
    const onB = await startPacking(b.db, bench(b), (await b.db.orders.get(sold.id))!);
    // A's claim reaches the server first; A has not closed a parcel yet.
    await startPacking(a.db, bench(a), (await a.db.orders.get(sold.id))!);
    expect((await a.client.syncNow()).pending).toBe(0);
    const mine = await close(b, onB);
    await updateParcel(b.db, mine.id, { weightGrams: 400 });
    b.net.down = false;
    const status = await b.client.syncNow();
    expect(status.pending).toBe(0);
    // The claim, the pack.complete, the parcel and its weight: all refused, the claim's reason first.
    expect(status.rejected).toHaveLength(4);
    expect(status.rejected.filter((r) => r.table === 'parcels').map((r) => r.reason)).toEqual([
      expect.stringMatching(/^Not applied because the change it follows was refused: Order /),
      expect.stringMatching(/^Not applied because the change it follows was refused: Order /),
    ]);
    expect(await b.db.parcels.where('orderId').equals(sold.id).count()).toBe(0);
    const onServer = await ctx.server.db.query(
      `SELECT id FROM records WHERE table_name = 'parcels' AND data->>'orderId' = $1`,
      [sold.id],
    );
    expect(onServer).toEqual([]);
    const order = (await b.db.orders.get(sold.id))!;
    expect(order.machine).not.toHaveProperty('packed');
  });
});

describe('a split shipment', () => {
  it('is two packings, each naming its own parcel: the server keeps both parcels', async () => {
    const store = await newStore(ctx.server, `Store ${newId()}`);
    const seller = await enrolledDesk(ctx.server, store, 'S1');
    const a = await enrolledDesk(ctx.server, store, 'PA');
    ctx.desks.push(seller, a);
    const variant = await stockedVariant(seller.db, 'S1');
    const sold = await paidOrder(seller.db, 'S1', variant, 2);
    await seller.client.syncNow();
    await a.client.syncNow();

    const claimed = await startPacking(a.db, bench(a), (await a.db.orders.get(sold.id))!);
    const { parcel: first } = await closeParcel(a.db, packer(a), {
      order: claimed,
      outcome: {
        kind: 'split',
        reason: 'One mug is chipped',
        units: 1,
        backordered: [{ variantId: variant.id, sku: variant.sku, quantity: 1 }],
      },
      contents: [{ variantId: variant.id, quantity: 1 }],
    });
    const shipped = await dispatch(a.db, bench(a), (await a.db.orders.get(sold.id))!, {
      carrier: 'Van',
      units: 1,
      noTrackingReason: 'Hand delivered',
    });
    expect(shipped.status).toBe('partially_shipped');
    const again = await startPacking(a.db, bench(a), shipped);
    const second = await close(a, again);

    const status = await a.client.syncNow();
    expect(status).toMatchObject({ pending: 0, rejected: [] });
    const onServer = await ctx.server.db.query<{ id: string }>(
      `SELECT id::text AS id FROM records WHERE table_name = 'parcels' AND data->>'orderId' = $1 ORDER BY data->>'createdAt'`,
      [sold.id],
    );
    expect(onServer.map((p) => p.id).sort()).toEqual([first.id, second.id].sort());
  });
});
