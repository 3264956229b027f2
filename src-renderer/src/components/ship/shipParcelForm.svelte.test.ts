// One parcel's hand-over without the DOM: it starts from the parcel's carrier; a Royal Mail scan is
// recognised with its check digit; a misread changes nothing and sounds the error tone; a number no
// format knows is kept, unverified, for the carrier chosen and follows a change of carrier; without
// tracking a reason is needed; a partial parcel says how much stays, and Mark shipped hands it over.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Order, Parcel } from '$shared/records';
import { DEFAULT_SHIPPING_RULES } from '$shared/storeRules';
import { OrderlineDb } from '$db/database';
import { recordParcel } from '$db/parcelWrites';
import { saveShippingRules } from '$db/storeSettings';
import { paidMugOrder } from '$db/testFixtures';
import { writeOrderChange } from '$db/writeOrderChange';
import { DEFAULT_DESK } from '$lib/sale';
import { ShipParcelForm } from './shipParcelForm.svelte';

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

async function packed(quantity: number, units: number): Promise<{ order: Order; parcel: Parcel }> {
  const paid = await paidMugOrder(db, who, { quantity });
  const order = await writeOrderChange(db, { orderId: paid.id, event: { type: 'pack.start' } }, who);
  const parcel = await recordParcel(db, {
    orderId: order.id,
    orderNumber: order.number,
    units,
    verified: true,
    deskId: 'D1',
  });
  return { order, parcel };
}

const formFor = ({ order, parcel }: { order: Order; parcel: Parcel }) =>
  new ShipParcelForm(
    db,
    () => ({ order, parcel, desk: DEFAULT_DESK }),
    (kind) => tones.push(kind),
  );

describe('the parcel hand-over', () => {
  it('asks about another carrier than the one the store’s own shipping rules book the order with', async () => {
    await saveShippingRules(db, {
      ...DEFAULT_SHIPPING_RULES,
      methods: DEFAULT_SHIPPING_RULES.methods.map((m) =>
        m.name === 'Royal Mail Tracked 48' ? { ...m, carrier: 'DPD' } : m,
      ),
    });
    const { order, parcel } = await packed(1, 1);
    const booked = { ...order, shippingMethod: 'Royal Mail Tracked 48' };
    const form = formFor({ order: booked, parcel });
    await form.loadRules();
    form.scan('RR123456785GB');
    expect(form.conflict).toMatch(/booked with DPD/);
    expect(form.canShip).toBe(false);
    form.confirmed = true;
    expect(form.canShip).toBe(true);
  });

  it('recognises a Royal Mail number, and keeps it when a misread follows', async () => {
    const form = formFor(await packed(1, 1));
    expect(form.feedback).toEqual({
      kind: 'idle',
      message: 'Scan the tracking barcode on the carrier’s label',
    });
    expect(form.canShip).toBe(false);
    form.scan('RR123456785GB');
    expect(form.carrier).toBe('Royal Mail');
    expect(form.tracking?.number).toBe('RR123456785GB');
    expect(form.feedback.kind).toBe('ok');
    expect(form.feedback.message).toMatch(/^Royal Mail tracked.*, check digit OK$/);
    expect(form.canShip).toBe(true);

    form.trackingText = 'RR123456784GB';
    expect(form.typedEnter()).toBe(true);
    expect(form.feedback.kind).toBe('error');
    expect(form.tracking?.number).toBe('RR123456785GB');
    expect(form.trackingText).toBe('RR123456785GB');
    expect(form.flash).toBe(2);
    expect(tones).toEqual(['ok', 'error']);
    // Enter on the number already taken does nothing.
    expect(form.typedEnter()).toBe(false);
  });

  it('keeps an unknown number unverified for the carrier chosen, following a change of carrier', async () => {
    const form = formFor(await packed(1, 1));
    form.carrier = 'Courier';
    form.scan('ZX-99-ABC');
    expect(form.tracking).toMatchObject({ unverified: true, carrierName: 'Courier' });
    expect(form.feedback.message).toBe(
      'Unverified Courier number: no carrier format matches it; check it against the label',
    );
    form.carrier = 'DPD';
    form.followCarrier();
    expect(form.tracking?.carrierName).toBe('DPD');
  });

  it('needs a reason without tracking, and hands over a partial parcel saying how much stays', async () => {
    const { order, parcel } = await packed(3, 2);
    const form = formFor({ order, parcel });
    form.carrier = 'Courier';
    expect(form.left).toBe(3);
    expect(form.partial).toBe(true);
    expect(form.stayLater).toBe('1 unit stays to ship later');
    expect(form.canShip).toBe(false);
    expect(await form.markShipped()).toBeNull();

    form.noTrackingReason = 'hand delivered by our van';
    expect(form.canShip).toBe(true);
    const shipped = await form.markShipped();
    expect(shipped?.parcel.id).toBe(parcel.id);
    expect(shipped?.unitsRemaining).toBe(1);
    expect(form.busy).toBe(false);
    expect(tones).toEqual(['ok']);
    expect((await db.orders.get(order.id))?.status).toBe('partially_shipped');
  });
});
