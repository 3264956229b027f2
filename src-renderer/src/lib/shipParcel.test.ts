// Handing a parcel to a carrier: the order and the parcel change together, a misread tracking number
// changes nothing, a parcel with fewer units than are left ships part of the order, and the customer's
// notification says what is still to come.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Order } from '$shared/records';
import { dayOf } from '$shared/shippingManifest';
import { DEFAULT_STORE_PROFILE } from '$shared/storeProfile';
import { OrderlineDb } from '$db/database';
import { saveCustomer } from '$db/customerWrites';
import { queuedEmailsFor } from '$db/emailQueue';
import { recordParcel } from '$db/parcelWrites';
import { paidMugOrder } from '$db/testFixtures';
import { writeOrderChange } from '$db/writeOrderChange';
import { DEFAULT_DESK } from './sale';
import {
  loadManifest,
  parcelToShip,
  readyToHandOver,
  shipParcel,
  unitsLeftToShip,
  waitingParcels,
} from './shipParcel';
import { acceptTracking } from '$shared/trackingNumbers';

let db: OrderlineDb;
beforeEach(() => {
  db = new OrderlineDb(`test-${crypto.randomUUID()}`);
});
afterEach(async () => {
  await db.delete();
});

const who = { deskId: 'D1', staffName: 'Sam Seller' };

/** A paid order for `quantity` mugs being packed (packaging), for a customer with an e-mail. */
async function orderBeingPacked(quantity: number, email: string | null = 'ada@example.com'): Promise<Order> {
  const customer = await saveCustomer(db, {
    name: 'Ada Lovelace',
    ...(email ? { email } : {}),
    addresses: [],
    acquisitionSource: 'word_of_mouth',
    isBusiness: false,
  });
  const order = await paidMugOrder(db, who, {
    quantity,
    customerId: customer.id,
    customerName: customer.name,
  });
  return writeOrderChange(db, { orderId: order.id, event: { type: 'pack.start' } }, who);
}

const packedParcel = (order: Order, units: number) =>
  recordParcel(db, { orderId: order.id, orderNumber: order.number, units, verified: true, deskId: 'D1' });

describe('shipping a parcel', () => {
  it('ships the whole order with a Royal Mail number: order shipped with tracking, parcel shipped, e-mail composed', async () => {
    const order = await orderBeingPacked(2);
    const parcel = await packedParcel(order, 2);
    expect((await waitingParcels(db)).map((w) => w.order?.number)).toEqual([order.number]);

    const shipped = await shipParcel(db, DEFAULT_DESK, parcel.id, {
      carrier: 'Royal Mail',
      service: 'Tracked 48',
      trackingNumber: 'rr 123 456 785 gb',
    });

    expect(shipped.order.status).toBe('shipped');
    expect(shipped.order.tracking).toEqual({ carrier: 'Royal Mail', number: 'RR123456785GB' });
    expect(shipped.parcel).toMatchObject({
      carrier: 'Royal Mail',
      service: 'Tracked 48',
      trackingNumber: 'RR123456785GB',
    });
    expect(shipped.parcel.shippedAt).toBeDefined();
    expect(shipped.unitsRemaining).toBe(0);
    expect(shipped.email).toMatchObject({
      ok: true,
      to: 'ada@example.com',
      subject: `Your order ${order.number} is on its way`,
    });
    expect(await waitingParcels(db)).toEqual([]);
    expect(await parcelToShip(db, shipped.order)).toEqual({
      ok: false,
      reason: `Order ${order.number} has already shipped; every parcel has left`,
    });
  });

  it('refuses a UPS number with a wrong check digit and changes neither the order nor the parcel', async () => {
    const order = await orderBeingPacked(2);
    const parcel = await packedParcel(order, 2);
    await expect(
      shipParcel(db, DEFAULT_DESK, parcel.id, { carrier: 'UPS', trackingNumber: '1Z999AA10123456785' }),
    ).rejects.toThrow('UPS tracking number 1Z999AA10123456785 has a wrong check digit (expected 4)');
    expect((await db.orders.get(order.id))?.status).toBe('packaging');
    expect(await db.parcels.get(parcel.id)).toEqual(parcel);
    expect(await db.orderEvents.count()).toBe(6);
    expect(await queuedEmailsFor(db, order.id)).toEqual([]);
  });

  it('ships part of an order when the parcel holds fewer units than are left; the rest stays to ship', async () => {
    const order = await orderBeingPacked(3);
    const parcel = await packedParcel(order, 1);
    const shipped = await shipParcel(db, DEFAULT_DESK, parcel.id, {
      carrier: 'UPS',
      trackingNumber: '1Z999AA10123456784',
    });
    expect(shipped.order.status).toBe('partially_shipped');
    expect(unitsLeftToShip(shipped.order)).toBe(2);
    expect(shipped.unitsRemaining).toBe(2);
    expect(shipped.email.ok && shipped.email.subject).toBe(
      `Part of your order ${order.number} is on its way`,
    );
    expect((await parcelToShip(db, shipped.order)).ok).toBe(false);
  });

  it('ships without tracking given a reason, and says why no e-mail goes to a customer without an address', async () => {
    const order = await orderBeingPacked(1, null);
    const parcel = await packedParcel(order, 1);
    const shipped = await shipParcel(db, DEFAULT_DESK, parcel.id, {
      carrier: 'Courier',
      noTrackingReason: 'hand delivered by our van',
    });
    expect(shipped.order.status).toBe('shipped');
    expect(shipped.parcel.trackingNumber).toBeUndefined();
    expect(shipped.email).toEqual({
      ok: false,
      reason: `Order ${order.number} has no customer e-mail address, so no shipping notification was queued`,
    });
    expect(await queuedEmailsFor(db, order.id)).toEqual([]);
  });

  it('refuses a tracking number of another carrier than the one chosen, and changes nothing', async () => {
    const order = await orderBeingPacked(1);
    const parcel = await packedParcel(order, 1);
    await expect(
      shipParcel(db, DEFAULT_DESK, parcel.id, { carrier: 'UPS', trackingNumber: 'RR123456785GB' }),
    ).rejects.toThrow("Tracking number RR123456785GB is Royal Mail's, not UPS's");
    expect((await db.orders.get(order.id))?.status).toBe('packaging');
    expect((await db.parcels.get(parcel.id))?.shippedAt).toBeUndefined();
  });

  it('lists a shipped parcel on the carrier manifest for the day, with recipient and totals', async () => {
    const order = await orderBeingPacked(2);
    const parcel = await packedParcel(order, 2);
    await db.parcels.update(parcel.id, { weightGrams: 850 });
    const shipped = await shipParcel(db, DEFAULT_DESK, parcel.id, {
      carrier: 'Royal Mail',
      trackingNumber: 'RR123456785GB',
    });
    const manifest = await loadManifest(
      db,
      'Royal Mail',
      dayOf(shipped.parcel.shippedAt!, DEFAULT_STORE_PROFILE.timeZone),
    );
    expect(manifest.rows).toEqual([
      expect.objectContaining({
        orderNumber: order.number,
        recipient: 'Ada Lovelace',
        trackingNumber: 'RR123456785GB',
        weightGrams: 850,
      }),
    ]);
    expect(manifest).toMatchObject({ parcels: 1, units: 2, weightGrams: 850, closedAt: null });
  });

  it('refuses to ship a parcel a second time', async () => {
    const order = await orderBeingPacked(2);
    const parcel = await packedParcel(order, 1);
    await shipParcel(db, DEFAULT_DESK, parcel.id, { carrier: 'UPS', trackingNumber: '1Z999AA10123456784' });
    await expect(
      shipParcel(db, DEFAULT_DESK, parcel.id, { carrier: 'UPS', trackingNumber: '1Z999AA10123456784' }),
    ).rejects.toThrow('already shipped with UPS');
    expect((await db.orders.get(order.id))?.status).toBe('partially_shipped');
  });

  it('does not offer a parcel whose order already left at the pack bench', async () => {
    const order = await orderBeingPacked(1);
    await packedParcel(order, 1);
    await writeOrderChange(
      db,
      {
        orderId: order.id,
        event: { type: 'ship.dispatch', carrier: 'Courier', noTrackingReason: 'van', units: 1 },
      },
      who,
    );
    expect(await waitingParcels(db)).toEqual([]);
  });

  it('says an order with no packed parcel must be packed first', async () => {
    const order = await orderBeingPacked(1);
    expect(await parcelToShip(db, order)).toEqual({
      ok: false,
      reason: `Order ${order.number} has no packed parcel; pack it at the Pack station, then scan it here`,
    });
  });
});

describe('ready to hand over (Pack bench and Ship screen alike)', () => {
  const taken = acceptTracking('1Z999AA10123456784', 'UPS');
  const tracking = taken.ok ? taken : null;
  const form = { carrier: 'UPS', tracking, conflict: null, confirmed: false, noTrackingReason: '' };

  it('needs a carrier, then a number taken, or a reason for none', () => {
    expect(tracking).not.toBeNull();
    expect(readyToHandOver(form)).toBe(true);
    expect(readyToHandOver({ ...form, carrier: '' })).toBe(false);
    expect(readyToHandOver({ ...form, tracking: null })).toBe(false);
    expect(readyToHandOver({ ...form, tracking: null, noTrackingReason: '  ' })).toBe(false);
    expect(readyToHandOver({ ...form, tracking: null, noTrackingReason: 'our own van' })).toBe(true);
  });

  it('ships with another carrier than booked only once confirmed', () => {
    const conflict = 'This order is booked with Royal Mail; ship it with UPS?';
    expect(readyToHandOver({ ...form, conflict })).toBe(false);
    expect(readyToHandOver({ ...form, conflict, confirmed: true })).toBe(true);
  });

  it('never ships a typed number that was not taken as "no tracking"', () => {
    const none = { ...form, tracking: null, noTrackingReason: 'our own van' };
    expect(readyToHandOver({ ...none, typed: '1Z999AA1012345678X' })).toBe(false);
    expect(readyToHandOver({ ...none, typed: ' ' })).toBe(true);
  });
});
