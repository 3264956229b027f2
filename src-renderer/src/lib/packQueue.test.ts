// The packers' queue and the events a bench sends: only reserved orders are offered, oldest
// first; packing claims an order; a shipment needs a recognised tracking number or a reason.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Order } from '$shared/records';
import { OrderlineDb } from '$db/database';
import { OrderRefused } from '$db/writeOrderChange';
import {
  DispatchRefused,
  ageOf,
  claimClash,
  packingClaim,
  abandonPacking,
  arrangedReadyQueue,
  countReadyToPack,
  countStages,
  dispatch,
  findOrderByNumber,
  packLines,
  startPacking,
} from './packQueue';
import { DEFAULT_DESK } from './sale';
import { paidMugOrder } from '$db/testFixtures';

let db: OrderlineDb;
beforeEach(() => {
  db = new OrderlineDb(`test-${crypto.randomUUID()}`);
});
afterEach(async () => {
  await db.delete();
});

const who = { deskId: 'D1', staffName: 'Sam Seller' };
const desk = DEFAULT_DESK;

/** A paid order for `quantity` mugs, taken to processing and (unless told) reserved. */
async function paidOrder(customerName: string, at: string, quantity = 2, reserve = true): Promise<Order> {
  const order = await paidMugOrder(db, who, { quantity, customerName, reserve, at });
  // The queue sorts by when the order was taken, so the fixture sets it.
  await db.orders.update(order.id, { createdAt: at });
  return (await db.orders.get(order.id))!;
}

describe('the pack queue', () => {
  it('offers only reserved processing orders, most urgent first, filtered by channel', async () => {
    const newer = await paidOrder('Newer', '2026-03-02T10:00:00.000Z');
    const older = await paidOrder('Older', '2026-03-01T10:00:00.000Z');
    await paidOrder('Unreserved', '2026-02-01T10:00:00.000Z', 1, false);
    const queue = await arrangedReadyQueue(db, { today: '2026-03-02' });
    expect(queue.map((q) => [q.order.customerName, q.shipBy, q.overdue])).toEqual([
      // No shipping method: collected, due the day taken (Sunday's order on Monday).
      ['Older', '2026-03-02', false],
      ['Newer', '2026-03-02', false],
    ]);
    expect(await countReadyToPack(db)).toBe(2);
    expect(await arrangedReadyQueue(db, { filter: { channel: 'mail' } })).toEqual([]);
    const collected = await arrangedReadyQueue(db, { filter: { carrier: 'Collection' } });
    expect(collected.map((q) => q.order.id)).toEqual([older.id, newer.id]);
    expect(await arrangedReadyQueue(db, { filter: { dueBy: '2026-03-01' } })).toEqual([]);
    expect(newer.status).toBe('processing');
  });

  it('counts orders at each stage, and packing moves one from ready to packing', async () => {
    const order = await paidOrder('Ada', '2026-03-01T10:00:00.000Z');
    await paidOrder('Bob', '2026-03-01T11:00:00.000Z', 1, false);
    expect(await countStages(db)).toEqual({
      ready: 1,
      waitingForStock: 1,
      packing: 0,
      partlyShipped: 0,
      shipped: 0,
    });
    const packing = await startPacking(db, desk, order);
    expect(packing.status).toBe('packaging');
    expect(await countStages(db)).toMatchObject({ ready: 0, packing: 1 });
    expect(await arrangedReadyQueue(db)).toEqual([]);
  });

  it('finds an order by the number scanned from its barcode', async () => {
    const order = await paidOrder('Ada', '2026-03-01T10:00:00.000Z');
    expect((await findOrderByNumber(db, order.number.toLowerCase()))?.id).toBe(order.id);
    expect(await findOrderByNumber(db, 'D9-999999')).toBeUndefined();
  });

  it('gives the pack station each line with the barcode printed on the item', async () => {
    const order = await paidOrder('Ada', '2026-03-01T10:00:00.000Z', 3);
    expect(await packLines(db, order)).toEqual([
      expect.objectContaining({ sku: 'MUG-BLUE', name: 'Blue Mug', quantity: 3, barcode: '4006381333931' }),
    ]);
  });
});

describe('packing and dispatch', () => {
  it('puts an abandoned order back in the queue', async () => {
    const order = await paidOrder('Ada', '2026-03-01T10:00:00.000Z');
    const back = await abandonPacking(db, desk, await startPacking(db, desk, order));
    expect(back.status).toBe('processing');
    expect(await countReadyToPack(db)).toBe(1);
  });

  it('refuses to claim an order twice, so two benches never pack the same one', async () => {
    const order = await paidOrder('Ada', '2026-03-01T10:00:00.000Z');
    await startPacking(db, desk, order);
    await expect(startPacking(db, desk, order)).rejects.toBeInstanceOf(OrderRefused);
  });

  it('shows a clash when another bench has already claimed the order, instead of packing it twice', async () => {
    const order = await paidOrder('Ada', '2026-03-01T10:00:00.000Z');
    const otherBench = { code: 'B2', id: 'B2', name: 'Bench 2' };
    const claimed = await startPacking(db, otherBench, order);
    const claim = await packingClaim(db, claimed);
    expect(claim?.deskId).toBe('B2');
    expect(claimClash(claimed, claim, desk)).toMatch(/already being packed at desk B2/);
    expect(claimClash(claimed, claim, otherBench)).toBeNull();
    expect(await packingClaim(db, order)).toBeNull();
  });

  it('ships with a recognised UPS number, stored normalised with its carrier', async () => {
    const order = await startPacking(db, desk, await paidOrder('Ada', '2026-03-01T10:00:00.000Z'));
    const shipped = await dispatch(db, desk, order, {
      carrier: 'UPS',
      trackingNumber: '1z 999 aa1 01 2345 6784',
      units: 2,
    });
    expect(shipped.status).toBe('shipped');
    expect(shipped.tracking).toEqual({ carrier: 'UPS', number: '1Z999AA10123456784' });
    const events = await db.orderEvents
      .where('[orderId+seq]')
      .between([order.id, 0], [order.id, 1e9])
      .toArray();
    expect(events.at(-1)?.event).toMatchObject({
      type: 'ship.dispatch',
      trackingNumber: '1Z999AA10123456784',
    });
  });

  it('refuses a tracking number with a wrong check digit and writes nothing', async () => {
    const order = await startPacking(db, desk, await paidOrder('Ada', '2026-03-01T10:00:00.000Z'));
    const attempt = dispatch(db, desk, order, {
      carrier: 'UPS',
      trackingNumber: '1Z999AA10123456785',
      units: 2,
    });
    await expect(attempt).rejects.toThrow(/wrong check digit \(expected 4\)/);
    expect((await db.orders.get(order.id))?.status).toBe('packaging');
  });

  it('ships without tracking only with a reason', async () => {
    const order = await startPacking(db, desk, await paidOrder('Ada', '2026-03-01T10:00:00.000Z'));
    await expect(
      dispatch(db, desk, order, { carrier: 'Courier', noTrackingReason: '  ', units: 2 }),
    ).rejects.toBeInstanceOf(DispatchRefused);
    const shipped = await dispatch(db, desk, order, {
      carrier: 'Courier',
      noTrackingReason: 'Hand delivered',
      units: 2,
    });
    expect(shipped.status).toBe('shipped');
  });

  it('ships part of an order as a partial shipment', async () => {
    const order = await startPacking(db, desk, await paidOrder('Ada', '2026-03-01T10:00:00.000Z', 3));
    const partly = await dispatch(db, desk, order, {
      carrier: 'UPS',
      trackingNumber: '1Z999AA10123456784',
      units: 2,
    });
    expect(partly.status).toBe('partially_shipped');
    expect(await countStages(db)).toMatchObject({ partlyShipped: 1 });
  });
});

describe('ageOf', () => {
  it('says how long an order has waited in minutes, hours, then days', () => {
    const now = Date.parse('2026-03-10T12:00:00.000Z');
    expect(ageOf('2026-03-10T11:48:00.000Z', now)).toBe('12 min');
    expect(ageOf('2026-03-10T09:00:00.000Z', now)).toBe('3 h');
    expect(ageOf('2026-03-07T12:00:00.000Z', now)).toBe('3 days');
  });
});
