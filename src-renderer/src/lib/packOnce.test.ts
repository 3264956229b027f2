// One parcel per order: closing a parcel writes the order's pack.complete, the parcel and forgets the
// bench's stored counts in one transaction; a second close is refused and writes nothing; a packed
// order reopens packed; putting it back unpacks it; and the hand-over asks before another carrier.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Order } from '$shared/records';
import { DEFAULT_SHIPPING_RULES } from '$shared/storeRules';
import { OrderlineDb } from '$db/database';
import { loadPackProgress, savePackProgress } from '$db/packProgress';
import { loadStoreRules, saveShippingRules } from '$db/storeSettings';
import { paidMugOrder } from '$db/testFixtures';
import { writeOrderChange } from '$db/writeOrderChange';
import { closeParcel, packedParcelOf } from './packBench';
import { describeEvent } from './describeEvent';
import { shipmentsOf } from './orderActions';
import { abandonPacking, packLines } from './packQueue';
import { DEFAULT_DESK } from './sale';
import { judgeHandOver, shipParcel } from './shipParcel';

let db: OrderlineDb;
beforeEach(() => {
  db = new OrderlineDb(`test-${crypto.randomUUID()}`);
});
afterEach(async () => {
  await db.delete();
});

const who = { deskId: DEFAULT_DESK.id, staffName: 'Jo Walsh' };

async function beingPacked(quantity = 3, shippingMethod?: string): Promise<Order> {
  let order = await paidMugOrder(db, who, { quantity });
  if (shippingMethod) {
    await db.orders.update(order.id, { shippingMethod });
    order = (await db.orders.get(order.id))!;
  }
  return writeOrderChange(db, { orderId: order.id, event: { type: 'pack.start' } }, who);
}

const fresh = async (order: Order) => (await db.orders.get(order.id))!;

describe('closing a parcel', () => {
  it('marks the order packed, stores the parcel with its contents and forgets the stored counts', async () => {
    const order = await beingPacked(3);
    await savePackProgress(db, order.id, who.deskId, { [order.lines[0]!.variantId]: 3 });
    const kept = await closeParcel(db, who, { order, outcome: { kind: 'complete', units: 3 } });
    const after = await fresh(order);
    expect(after.status).toBe('packaging');
    expect(after.machine['packed']).toEqual({ parcelId: kept.parcel.id, units: 3 });
    expect(kept.parcel).toMatchObject({ orderId: order.id, units: 3, verified: true });
    expect(await loadPackProgress(db, order.id, who.deskId)).toEqual({});
    const history = await db.orderEvents
      .where('[orderId+seq]')
      .between([order.id, 0], [order.id, 99])
      .toArray();
    expect(history.at(-1)?.event).toEqual({ type: 'pack.complete', parcelId: kept.parcel.id, units: 3 });
  });

  it('refuses a second parcel for a packed order and writes nothing', async () => {
    const order = await beingPacked(3);
    await closeParcel(db, who, { order, outcome: { kind: 'complete', units: 3 } });
    const parcels = await db.parcels.count();
    await expect(
      closeParcel(db, who, { order: await fresh(order), outcome: { kind: 'complete', units: 3 } }),
    ).rejects.toThrow(/already packed \(a parcel of 3 units\)/);
    expect(await db.parcels.count()).toBe(parcels);
  });

  it('reopens a packed order packed, with its parcel, and a split one with what it holds', async () => {
    const order = await beingPacked(3);
    const variantId = order.lines[0]!.variantId;
    const kept = await closeParcel(db, who, {
      order,
      outcome: { kind: 'split', reason: 'bin short', units: 2, backordered: [] },
      contents: [{ variantId, quantity: 2 }],
    });
    const packed = await packedParcelOf(db, await fresh(order));
    expect(packed?.parcel.id).toBe(kept.parcel.id);
    expect(packed?.outcome).toMatchObject({
      kind: 'split',
      units: 2,
      backordered: [{ variantId, quantity: 1 }],
    });
  });

  it('puts a packed order back unpacked: no parcel, no counts, ready to pack again', async () => {
    const order = await beingPacked(2);
    await closeParcel(db, who, { order, outcome: { kind: 'complete', units: 2 } });
    await abandonPacking(db, DEFAULT_DESK, await fresh(order));
    const after = await fresh(order);
    expect(after.status).toBe('processing');
    expect(after.machine['packed']).toBeUndefined();
    expect(await db.parcels.where('orderId').equals(order.id).count()).toBe(0);
  });

  it('resumes the station’s lines at the stored counts, never above the quantity', async () => {
    const order = await beingPacked(3);
    const variantId = order.lines[0]!.variantId;
    expect((await packLines(db, order, { [variantId]: 2 }))[0]).toMatchObject({ quantity: 3, verified: 2 });
    expect((await packLines(db, order, { [variantId]: 9 }))[0]).toMatchObject({ verified: 3 });
    expect((await packLines(db, order))[0]?.verified).toBeUndefined();
  });
});

describe('handing a packed parcel over', () => {
  it('asks before shipping with another carrier than the order is booked with, and ships once confirmed', async () => {
    const order = await beingPacked(1, 'Royal Mail Tracked 48');
    const { parcel } = await closeParcel(db, who, { order, outcome: { kind: 'complete', units: 1 } });
    const judged = judgeHandOver(order, '1Z999AA10123456784', 'UPS', DEFAULT_SHIPPING_RULES);
    expect(judged).toMatchObject({ ok: true, conflict: expect.stringMatching(/booked with Royal Mail/) });
    await expect(
      shipParcel(db, DEFAULT_DESK, parcel.id, { carrier: 'UPS', trackingNumber: '1Z999AA10123456784' }),
    ).rejects.toThrow(/is a UPS number, but order .* is booked with Royal Mail/);
    expect((await fresh(order)).status).toBe('packaging');
    const shipped = await shipParcel(db, DEFAULT_DESK, parcel.id, {
      carrier: 'UPS',
      trackingNumber: '1Z999AA10123456784',
      confirmedCarrier: true,
    });
    expect(shipped.order.status).toBe('shipped');
  });

  it('judges the booked carrier by the store’s own shipping rules, not the defaults', async () => {
    // This store sends "Royal Mail Tracked 48" with DPD (a carrier the defaults already list).
    await saveShippingRules(db, {
      ...DEFAULT_SHIPPING_RULES,
      methods: DEFAULT_SHIPPING_RULES.methods.map((m) =>
        m.name === 'Royal Mail Tracked 48' ? { ...m, carrier: 'DPD' } : m,
      ),
    });
    const { shipping } = await loadStoreRules(db);
    const order = await beingPacked(1, 'Royal Mail Tracked 48');
    const { parcel } = await closeParcel(db, who, { order, outcome: { kind: 'complete', units: 1 } });
    expect(judgeHandOver(order, '1Z999AA10123456784', 'UPS', shipping)).toMatchObject({
      ok: true,
      conflict: expect.stringMatching(/booked with DPD/),
    });
    await expect(
      shipParcel(db, DEFAULT_DESK, parcel.id, { carrier: 'UPS', trackingNumber: '1Z999AA10123456784' }),
    ).rejects.toThrow(/is a UPS number, but order .* is booked with DPD/);
    expect((await fresh(order)).status).toBe('packaging');
  });

  it('keeps a DPD number no format knows as unverified, for the DPD order', async () => {
    const order = await beingPacked(1, 'DPD Next Day');
    const { parcel } = await closeParcel(db, who, { order, outcome: { kind: 'complete', units: 1 } });
    const shipped = await shipParcel(db, DEFAULT_DESK, parcel.id, {
      carrier: 'DPD',
      trackingNumber: '15501234567890',
    });
    expect(shipped.parcel).toMatchObject({ trackingNumber: '15501234567890', trackingVerified: false });
    expect(shipped.order.machine['packed']).toBeUndefined();
  });

  it('records an unverified number in the order event and on the order, so its history and tracking say so', async () => {
    const order = await beingPacked(1, 'DPD Next Day');
    const { parcel } = await closeParcel(db, who, { order, outcome: { kind: 'complete', units: 1 } });
    const shipped = await shipParcel(db, DEFAULT_DESK, parcel.id, {
      carrier: 'DPD',
      trackingNumber: '15501234567890',
    });
    expect(shipped.order.tracking).toEqual({ carrier: 'DPD', number: '15501234567890', verified: false });
    const history = await db.orderEvents.where('orderId').equals(order.id).sortBy('seq');
    const dispatched = history.at(-1)!;
    expect(dispatched.details).toEqual({
      tracking: { carrier: 'DPD', number: '15501234567890', verified: false },
    });
    expect(describeEvent(dispatched.event, 'GBP', dispatched.details)).toBe(
      'Shipped 1 unit with DPD, tracking 15501234567890 (unverified: no carrier format matches it)',
    );
    expect(shipmentsOf(shipped.order, history)).toEqual([
      { carrier: 'DPD', trackingNumber: '15501234567890', unverified: true },
    ]);
  });

  it('records a recognised number as it always was: no verified flag, nothing said', async () => {
    const order = await beingPacked(1, 'Royal Mail Tracked 48');
    const { parcel } = await closeParcel(db, who, { order, outcome: { kind: 'complete', units: 1 } });
    const shipped = await shipParcel(db, DEFAULT_DESK, parcel.id, {
      carrier: 'Royal Mail',
      trackingNumber: 'RR123456785GB',
    });
    expect(shipped.order.tracking).toEqual({ carrier: 'Royal Mail', number: 'RR123456785GB' });
    expect(shipped.parcel.trackingVerified).toBeUndefined();
    const history = await db.orderEvents.where('orderId').equals(order.id).sortBy('seq');
    expect(shipmentsOf(shipped.order, history)).toEqual([
      { carrier: 'Royal Mail', trackingNumber: 'RR123456785GB' },
    ]);
  });
});
