// The pack bench's hand-over without the DOM: a Royal Mail scan names its carrier and ships the stored
// parcel; a misread is refused with the error tone and never ships as "no tracking"; a number of
// another carrier than chosen is refused; another carrier than booked ships only once confirmed; a
// number no format knows ships unverified for the carrier chosen (no stored parcel: the order alone);
// a refusal from the database is shown with the error tone.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Order } from '$shared/records';
import { DEFAULT_SHIPPING_RULES } from '$shared/storeRules';
import { OrderlineDb } from '$db/database';
import { recordParcel } from '$db/parcelWrites';
import { saveShippingRules } from '$db/storeSettings';
import { paidMugOrder } from '$db/testFixtures';
import { writeOrderChange } from '$db/writeOrderChange';
import { UNVERIFIED_NOTE } from '$lib/describeEvent';
import { DEFAULT_DESK } from '$lib/sale';
import { PackDispatchForm } from './packDispatch.svelte';

const who = { deskId: 'D1', staffName: 'Sam Seller' };
let db: OrderlineDb;
let tones: string[];
beforeEach(() => {
  db = new OrderlineDb(`test-${crypto.randomUUID()}`);
  tones = [];
});
afterEach(async () => {
  await db.delete();
});

/** An order packed at the bench, with its parcel stored (or not, when `stored` is false). */
async function packed(stored = true): Promise<{ order: Order; parcelId: string | null }> {
  const paid = await paidMugOrder(db, who, { quantity: 1 });
  const order = await writeOrderChange(db, { orderId: paid.id, event: { type: 'pack.start' } }, who);
  if (!stored) return { order, parcelId: null };
  const parcel = await recordParcel(db, {
    orderId: order.id,
    orderNumber: order.number,
    units: 1,
    verified: true,
    deskId: 'D1',
  });
  return { order, parcelId: parcel.id };
}

const formFor = ({ order, parcelId }: { order: Order; parcelId: string | null }) =>
  new PackDispatchForm(
    db,
    () => ({ order, units: 1, parcelId, desk: DEFAULT_DESK }),
    (kind) => tones.push(kind),
  );

describe('the pack bench hand-over', () => {
  it('takes a Royal Mail scan, names its carrier and ships the stored parcel with it', async () => {
    const { order, parcelId } = await packed();
    const form = formFor({ order, parcelId });
    await form.loadRules();
    expect(form.canDispatch).toBe(false);
    expect(form.take('RR123456785GB')).toEqual(['[data-focus="ship-parcel"]']);
    expect(tones).toEqual(['ok']);
    form.followTracking();
    expect(form.carrier).toBe('Royal Mail');
    expect(form.tracking).toMatchObject({ number: 'RR123456785GB', checkDigitVerified: true });
    expect(form.canDispatch).toBe(true);

    expect(await form.dispatch()).toBe(`Order ${order.number} shipped with Royal Mail`);
    expect(form.busy).toBe(false);
    expect((await db.orders.get(order.id))?.status).toBe('shipped');
    expect(await db.parcels.get(parcelId!)).toMatchObject({
      carrier: 'Royal Mail',
      trackingNumber: 'RR123456785GB',
    });
  });

  it('refuses a misread with the error tone, and never ships it as “no tracking”', async () => {
    const form = formFor(await packed());
    form.carrier = 'Royal Mail';
    form.noTrackingReason = 'hand delivered by our van';
    expect(form.take('RR123456784GB')).toBeNull();
    expect(tones).toEqual(['error']);
    expect(form.tracking).toBeNull();
    expect(form.judged).toMatchObject({ ok: false });
    expect(form.canDispatch).toBe(false);
    expect(await form.dispatch()).toBeNull();
    // Emptied, the box leaves the reason to speak for the parcel.
    form.trackingText = '';
    expect(form.canDispatch).toBe(true);
  });

  it('refuses a number of another carrier than the one chosen', async () => {
    const form = formFor(await packed());
    form.carrier = 'DPD';
    expect(form.take('RR123456785GB')).toBeNull();
    expect(form.judged).toEqual({
      ok: false,
      reason:
        "Tracking number RR123456785GB is Royal Mail's, not DPD's; choose Royal Mail or scan the DPD label",
    });
    expect(form.canDispatch).toBe(false);
  });

  it('ships with another carrier than the order is booked with only once confirmed', async () => {
    await saveShippingRules(db, {
      ...DEFAULT_SHIPPING_RULES,
      methods: DEFAULT_SHIPPING_RULES.methods.map((m) =>
        m.name === 'Royal Mail Tracked 48' ? { ...m, carrier: 'DPD' } : m,
      ),
    });
    const { order, parcelId } = await packed();
    const form = formFor({ order: { ...order, shippingMethod: 'Royal Mail Tracked 48' }, parcelId });
    await form.loadRules();
    expect(form.take('RR123456785GB')).toEqual(['[data-focus="carrier-confirm"]']);
    form.followTracking();
    expect(form.conflict).toMatch(/booked with DPD/);
    expect(form.canDispatch).toBe(false);
    form.confirmed = true;
    expect(form.canDispatch).toBe(true);
    // Typing into the number again takes the answer back.
    form.typed();
    expect(form.confirmed).toBe(false);
    expect(form.canDispatch).toBe(false);
  });

  it('ships a number no format knows, unverified, for the carrier chosen when no parcel was stored', async () => {
    const { order } = await packed(false);
    const form = formFor({ order, parcelId: null });
    form.carrier = 'Courier';
    expect(form.take('ZX-99-ABC')).toEqual(['[data-focus="ship-parcel"]']);
    form.followTracking();
    expect(form.carrier).toBe('Courier');
    expect(form.tracking).toMatchObject({ unverified: true, carrierName: 'Courier', number: 'ZX99ABC' });
    expect(await form.dispatch()).toBe(
      `Order ${order.number} shipped with Courier: ZX99ABC (${UNVERIFIED_NOTE})`,
    );
    expect((await db.orders.get(order.id))?.status).toBe('shipped');
  });

  it('shows a refusal from the database with the error tone, and ships nothing', async () => {
    const { order } = await packed(false);
    const form = formFor({ order, parcelId: 'no-such-parcel' });
    form.carrier = 'Courier';
    form.noTrackingReason = 'hand delivered by our van';
    expect(form.canDispatch).toBe(true);
    expect(await form.dispatch()).toBeNull();
    expect(form.shipError).not.toBe('');
    expect(tones).toEqual(['error']);
    expect(form.busy).toBe(false);
    expect((await db.orders.get(order.id))?.status).toBe('packaging');
  });
});
