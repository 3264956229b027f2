// Two pack benches claim the same order while offline: the server takes the first claim it is
// sent, refuses the second with a reason a packer can read, and both benches end agreeing who packs.
import { describe, expect, it } from 'vitest';
import { newId } from '$shared/ids';
import { claimClash, dispatch, packingClaim, startPacking } from '$lib/packQueue';
import { waitingChanges } from '../../../src-renderer/src/sync/waitingChanges';
import { orderEvent, paidOrder, refundAndCancel, stockedVariant } from './deskActions';
import { type Desk, enrolledDesk, newStore, useSyncServer } from './syncHarness';

const ctx = useSyncServer();

async function benches(): Promise<[Desk, Desk, Desk]> {
  const store = await newStore(ctx.server, `Store ${newId()}`);
  const seller = await enrolledDesk(ctx.server, store, 'S1');
  const d1 = await enrolledDesk(ctx.server, store, 'P1');
  const d2 = await enrolledDesk(ctx.server, store, 'P2');
  ctx.desks.push(seller, d1, d2);
  return [seller, d1, d2];
}

// A bench as its screens know it: the server's desk code, and its device id as its desk id.
const bench = (desk: Desk) => ({ code: desk.code, id: desk.deviceId, name: `Bench ${desk.code}` });

describe('two benches claiming one order', () => {
  it('ends with exactly one packer, and the bench that lost is told who has it', async () => {
    const [seller, d1, d2] = await benches();
    const variant = await stockedVariant(seller.db, 'S1');
    const sold = await paidOrder(seller.db, 'S1', variant, 2);
    await seller.client.syncNow();
    for (const desk of [d1, d2]) expect((await desk.client.syncNow()).pending).toBe(0);

    // Both benches are offline and both start packing the same order.
    d1.net.down = true;
    d2.net.down = true;
    const onD2 = await startPacking(d2.db, bench(d2), (await d2.db.orders.get(sold.id))!);
    const onD1 = await startPacking(d1.db, bench(d1), (await d1.db.orders.get(sold.id))!);
    expect(onD1.status).toBe('packaging');
    expect(onD2.status).toBe('packaging');

    // D2 comes back first, so its claim is the one the server takes.
    d2.net.down = false;
    expect(await d2.client.syncNow()).toMatchObject({ state: 'idle', pending: 0, rejected: [] });
    d1.net.down = false;
    const lost = await d1.client.syncNow();
    expect(lost.state).toBe('idle');
    expect(lost.pending).toBe(0);
    expect(lost.rejected).toHaveLength(1);
    expect(lost.rejected[0]?.reason).toMatch(
      new RegExp(`^Order ${sold.number}: .+\\(last changed at desk ${d2.code}\\)$`),
    );
    await d2.client.syncNow();
    await seller.client.syncNow();

    // The server holds one pack.start, from D2.
    const starts = await ctx.server.db.query<{ desk: string }>(
      `SELECT data->>'deskId' AS desk FROM order_events WHERE order_id = $1 AND data->'event'->>'type' = 'pack.start'`,
      [sold.id],
    );
    expect(starts).toEqual([{ desk: d2.deviceId }]);

    // Every desk agrees: the order is being packed at D2, with the same history as the server.
    const serverEvents = await ctx.server.db.query<{ id: string }>(
      'SELECT id FROM order_events WHERE order_id = $1 ORDER BY seq',
      [sold.id],
    );
    for (const desk of [seller, d1, d2]) {
      const order = (await desk.db.orders.get(sold.id))!;
      expect(order.status).toBe('packaging');
      expect((await packingClaim(desk.db, order))?.deskId).toBe(d2.deviceId);
      const events = await desk.db.orderEvents
        .where('[orderId+seq]')
        .between([sold.id, 0], [sold.id, Number.MAX_SAFE_INTEGER])
        .toArray();
      expect(events.map((e) => e.id)).toEqual(serverEvents.map((e) => e.id));
    }

    // D1's screen shows the clash instead of letting its packer go on.
    const onD1Now = (await d1.db.orders.get(sold.id))!;
    expect(claimClash(onD1Now, await packingClaim(d1.db, onD1Now), bench(d1))).toMatch(
      new RegExp(`^Order ${sold.number} is already being packed at desk ${d2.code} \\(Desk P2\\) `),
    );
    expect(claimClash(onD1Now, await packingClaim(d2.db, onD1Now), bench(d2))).toBeNull();
    // And its waiting-to-sync list keeps the refused claim, with the reason, under that order.
    const groups = await waitingChanges(d1.db);
    expect(groups).toHaveLength(1);
    expect(groups[0]).toMatchObject({ kind: 'order', label: `Order ${sold.number}` });
    expect(groups[0]?.items).toEqual([
      expect.objectContaining({ state: 'rejected', reason: lost.rejected[0]?.reason }),
    ]);
  }, 60_000);
});

describe('a bench whose claim lost', () => {
  it('does not ship the order either: what it did after the refused claim is refused with it', async () => {
    const [seller, d1, d2] = await benches();
    const variant = await stockedVariant(seller.db, 'S1', 10);
    const sold = await paidOrder(seller.db, 'S1', variant, 2);
    await seller.client.syncNow();
    await d1.client.syncNow();
    await d2.client.syncNow();

    // Both benches claim the same order offline; D1 also ships it. D2's claim reaches the server first.
    d1.net.down = true;
    d2.net.down = true;
    await startPacking(d2.db, bench(d2), (await d2.db.orders.get(sold.id))!);
    const claimed = await startPacking(d1.db, bench(d1), (await d1.db.orders.get(sold.id))!);
    await dispatch(d1.db, bench(d1), claimed, {
      carrier: 'Van',
      units: 2,
      noTrackingReason: 'Hand delivered',
    });
    d2.net.down = false;
    d1.net.down = false;
    await d2.client.syncNow();
    const lost = await d1.client.syncNow();
    await d2.client.syncNow();
    await seller.client.syncNow();

    const claimRefused = `Order ${sold.number}: “pack.start” is not possible while the order is Packaging (last changed at desk ${d2.code})`;
    const withIt = `Not applied because the change it follows was refused: ${claimRefused}`;
    // The dispatch, and the stock movement it made, go with the claim they followed.
    expect(lost.rejected.map((r) => r.reason)).toEqual([claimRefused, withIt, withIt]);
    const shipped = await ctx.server.db.query<{ desk: string; type: string }>(
      `SELECT data->>'deskId' AS desk, data->'event'->>'type' AS type FROM order_events
        WHERE order_id = $1 AND data->'event'->>'type' IN ('pack.start', 'ship.dispatch') ORDER BY seq`,
      [sold.id],
    );
    expect(shipped).toEqual([{ desk: d2.deviceId, type: 'pack.start' }]);
    for (const desk of [seller, d1, d2]) {
      expect(await desk.db.orders.get(sold.id)).toMatchObject({ status: 'packaging' });
      expect(await desk.db.stockLevels.get(variant.id)).toMatchObject({ onHand: 10, reserved: 2 });
    }
  }, 60_000);
});

describe('a change to an order another desk changed meanwhile', () => {
  it('puts the order right on a bench that claimed it while its own sync was pulling the other claim', async () => {
    const [seller, d1, d2] = await benches();
    const variant = await stockedVariant(seller.db, 'S1');
    const sold = await paidOrder(seller.db, 'S1', variant, 1);
    await seller.client.syncNow();
    await d1.client.syncNow();
    await d2.client.syncNow();
    await startPacking(d2.db, bench(d2), (await d2.db.orders.get(sold.id))!);
    await d2.client.syncNow();

    // D1 claims the order after its push and before its pull: the pull skips the order D2 claimed,
    // because D1's own claim of it is still waiting to be sent.
    d1.net.beforeRequest = async (path) => {
      if (path !== '/v1/pull' || d1.net.beforeRequest === undefined) return;
      d1.net.beforeRequest = undefined;
      await startPacking(d1.db, bench(d1), (await d1.db.orders.get(sold.id))!);
    };
    await d1.client.syncNow();
    expect((await d1.db.orders.get(sold.id))?.status).toBe('packaging');
    const refused = await d1.client.syncNow();
    expect(refused.rejected).toHaveLength(1);

    const [onServer] = await ctx.server.db.query<{ data: unknown }>('SELECT data FROM orders WHERE id = $1', [
      sold.id,
    ]);
    expect(await d1.db.orders.get(sold.id)).toEqual(onServer?.data);
    const onD1 = (await d1.db.orders.get(sold.id))!;
    expect(claimClash(onD1, await packingClaim(d1.db, onD1), bench(d1))).toMatch(
      new RegExp(`already being packed at desk ${d2.code} \\(Desk P2\\)`),
    );
  }, 60_000);

  it('puts the order right on a desk whose refused change had a second one waiting behind it', async () => {
    const [seller, d1] = await benches();
    const variant = await stockedVariant(seller.db, 'S1', 20);
    const sold = await paidOrder(seller.db, 'S1', variant, 2);
    await seller.client.syncNow();
    await d1.client.syncNow();
    await startPacking(seller.db, bench(seller), (await seller.db.orders.get(sold.id))!);
    await seller.client.syncNow();

    // D1 refunds the order it thinks is still waiting; its push carries only the refund, and the
    // cancellation is written while that push is on its way, so it waits behind the refund.
    await orderEvent(d1.db, d1.deviceId, sold.id, { type: 'refund.issue', refundId: newId(), amount: 2500 });
    d1.net.beforeRequest = async (path) => {
      if (path !== '/v1/push') return;
      d1.net.beforeRequest = undefined;
      await orderEvent(d1.db, d1.deviceId, sold.id, { type: 'order.cancel', reason: 'Customer cancelled' });
    };
    await d1.client.syncNow();
    const status = await d1.client.syncNow();
    expect(status.rejected).toHaveLength(3); // the refund, the cancellation and its stock release

    const [onServer] = await ctx.server.db.query<{ data: unknown }>('SELECT data FROM orders WHERE id = $1', [
      sold.id,
    ]);
    expect(await d1.db.orders.get(sold.id)).toEqual(onServer?.data);
    expect(await d1.db.stockLevels.get(variant.id)).toMatchObject({ onHand: 20, reserved: 2 });
  }, 60_000);

  it('refuses a cancellation made on an order reserved since, so the stock still adds up', async () => {
    const [seller, d1] = await benches();
    const variant = await stockedVariant(seller.db, 'S1', 20);
    const sold = await paidOrder(seller.db, 'S1', variant, 3, false);
    await seller.client.syncNow();
    await d1.client.syncNow();

    // Offline, the seller reserves the stock while D1, not knowing, refunds and cancels the order.
    seller.net.down = true;
    d1.net.down = true;
    await orderEvent(seller.db, 'S1', sold.id, { type: 'stock.reserve' });
    await refundAndCancel(d1.db, d1.deviceId, sold.id);
    expect(await d1.db.stockLevels.get(variant.id)).toMatchObject({ onHand: 20, reserved: 0 });

    seller.net.down = false;
    d1.net.down = false;
    await seller.client.syncNow();
    const status = await d1.client.syncNow();
    // The refund fits the order as it is now; the cancellation would release stock D1 never saw reserved.
    expect(status.rejected.map((r) => r.reason)).toEqual([
      `Order ${sold.number}: it changed at another desk before this change arrived, so the stock it moves would not add up; open the order again and repeat it`,
    ]);
    await seller.client.syncNow();
    for (const desk of [seller, d1]) {
      expect(await desk.db.stockLevels.get(variant.id)).toMatchObject({ onHand: 20, reserved: 3 });
      expect(await desk.db.orders.get(sold.id)).toMatchObject({ status: 'processing', version: 6 });
    }
  }, 60_000);
});
