// The Ship desk without the DOM: an order barcode opens its waiting parcel, an unknown order or a
// tracking number with no parcel open is refused with a sentence and the error tone, a tracking
// number with a parcel open goes to that parcel, and the hand-over is summed up afterwards.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Order } from '$shared/records';
import { OrderlineDb } from '$db/database';
import { recordParcel } from '$db/parcelWrites';
import { paidMugOrder } from '$db/testFixtures';
import { writeOrderChange } from '$db/writeOrderChange';
import { DEFAULT_DESK } from '$lib/sale';
import { handOverFocusTargets, shipParcel } from '$lib/shipParcel';
import { ShipDesk, afterShippedFocus, manifestFocusTargets } from './shipDesk.svelte';

const who = { deskId: 'D1', staffName: 'Sam Seller' };
let db: OrderlineDb;
let tones: string[];
let desk: ShipDesk;
beforeEach(() => {
  db = new OrderlineDb(`test-${crypto.randomUUID()}`);
  tones = [];
  desk = new ShipDesk(db, (kind) => tones.push(kind));
});
afterEach(async () => {
  desk.waiting.stop();
  await db.delete();
});

async function packed(quantity: number, units: number): Promise<{ order: Order; parcelId: string }> {
  const paid = await paidMugOrder(db, who, { quantity });
  const order = await writeOrderChange(db, { orderId: paid.id, event: { type: 'pack.start' } }, who);
  const parcel = await recordParcel(db, {
    orderId: order.id,
    orderNumber: order.number,
    units,
    verified: true,
    deskId: 'D1',
  });
  return { order, parcelId: parcel.id };
}

const until = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
};

describe('the Ship desk', () => {
  it('opens the waiting parcel of a scanned order barcode', async () => {
    const { order, parcelId } = await packed(2, 2);
    await until(() => (desk.waiting.value ?? []).length === 1);
    desk.view = 'manifest';
    expect(await desk.scan(order.number)).toBe('opened');
    expect(desk.view).toBe('handover');
    expect(desk.selectedId).toBe(parcelId);
    expect(desk.selected?.order?.number).toBe(order.number);
    expect(tones).toEqual(['ok']);
  });

  it('refuses an order that is not on this desk, and a tracking number with no parcel open', async () => {
    expect(await desk.scan('D9-000999')).toBe('refused');
    expect(desk.notice).toBe('No order D9-000999 on this desk; check the barcode is an order’s');
    expect(await desk.scan('RR123456785GB')).toBe('refused');
    expect(desk.notice).toBe(
      '“RR123456785GB” was scanned with no parcel open; scan the order barcode on the packing slip (like D1-000042) first',
    );
    expect(tones).toEqual(['error', 'error']);
  });

  it('hands a tracking number to the open parcel, and sums up a partial hand-over', async () => {
    const { order, parcelId } = await packed(3, 2);
    await until(() => (desk.waiting.value ?? []).length === 1);
    await desk.scan(order.number);
    expect(await desk.scan('RR123456785GB')).toBe('to-parcel');

    const shipped = await shipParcel(db, DEFAULT_DESK, parcelId, {
      carrier: 'Royal Mail',
      trackingNumber: 'RR123456785GB',
    });
    desk.shipped(shipped);
    expect(desk.selectedId).toBeNull();
    expect(desk.lastRemaining).toBe('Partly shipped: 1 unit stays to ship; pack it at the Pack station.');
    expect(desk.lastTrackingUrl).toContain('RR123456785GB');
    expect(desk.lastShipped).toBe(`Order ${order.number} shipped with Royal Mail: RR123456785GB`);
  });

  it('says a number no carrier format knows went out unverified, with no tracking link', async () => {
    const { order, parcelId } = await packed(1, 1);
    const shipped = await shipParcel(db, DEFAULT_DESK, parcelId, {
      carrier: 'DPD',
      trackingNumber: '15501234567890',
      confirmedCarrier: true,
    });
    desk.shipped(shipped);
    expect(desk.lastShipped).toBe(
      `Order ${order.number} shipped with DPD: 15501234567890 (unverified: no carrier format matches it)`,
    );
    expect(desk.lastTrackingUrl).toBeNull();
  });
});

describe('focus at the Ship desk', () => {
  it('goes from a taken tracking number to Mark shipped, or to the carrier question first', () => {
    expect(handOverFocusTargets(false)).toEqual(['[data-focus="ship-parcel"]']);
    expect(handOverFocusTargets(true)).toEqual(['[data-focus="carrier-confirm"]']);
  });

  it('goes to the next parcel waiting once one ships, never the one just shipped, else to the manifest', () => {
    expect(afterShippedFocus('p1')).toEqual([
      '[data-parcel]:not([data-parcel="p1"])',
      '[data-focus="manifest-tab"]',
    ]);
  });

  it('goes through the manifest: Print, then Close, then back to handing over parcels', () => {
    expect(manifestFocusTargets('opened')).toEqual(['[data-focus="print-manifest"]']);
    expect(manifestFocusTargets('printed')).toEqual(['[data-focus="close-manifest"]']);
    expect(manifestFocusTargets('closed')).toEqual(['[data-focus="handover-tab"]']);
  });
});
