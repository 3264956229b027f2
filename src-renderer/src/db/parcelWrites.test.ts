// Parcels are validated when written, ship once, and a carrier's manifest lists exactly the parcels
// it took that local day and closes once.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newId } from '$shared/ids';
import { ValidationError } from '$shared/validation';
import { DEFAULT_STORE_PROFILE } from '$shared/storeProfile';
import { OrderlineDb } from './database';
import { saveStoreProfile } from './storeSettings';
import {
  carriersOn,
  closeManifest,
  markParcelShipped,
  parcelsForManifest,
  parcelsOfOrder,
  parcelsWaiting,
  recordParcel,
  updateParcel,
  type ParcelInput,
} from './parcelWrites';

let db: OrderlineDb;
beforeEach(() => {
  db = new OrderlineDb(`test-${crypto.randomUUID()}`);
});
afterEach(async () => {
  await db.delete();
});

const packed = (orderNumber: string, extra: Partial<ParcelInput> = {}): ParcelInput => ({
  orderId: newId(),
  orderNumber,
  units: 2,
  verified: true,
  weightGrams: 850,
  deskId: 'D1',
  ...extra,
});

// Local times, so the tests mean the same in every time zone.
const local = (day: number, hour: number, minute = 0) => new Date(2026, 10, day, hour, minute).toISOString();

describe('parcel writes', () => {
  it('records a packed parcel, lists it as waiting and not once it ships', async () => {
    const parcel = await recordParcel(db, packed('D1-000001', { createdAt: local(23, 9) }));
    await recordParcel(db, packed('D1-000002', { createdAt: local(23, 8) }));
    expect((await parcelsWaiting(db)).map((p) => p.orderNumber)).toEqual(['D1-000002', 'D1-000001']);

    const shipped = await markParcelShipped(db, parcel.id, {
      carrier: 'Royal Mail',
      service: 'Tracked 24',
      trackingNumber: 'RR123456785GB',
      shippedAt: local(23, 15),
    });
    expect(shipped).toMatchObject({
      carrier: 'Royal Mail',
      trackingNumber: 'RR123456785GB',
      service: 'Tracked 24',
    });
    expect((await parcelsWaiting(db)).map((p) => p.orderNumber)).toEqual(['D1-000002']);
    expect(await parcelsOfOrder(db, parcel.orderId)).toEqual([shipped]);
  });

  it('refuses a parcel without units and writes nothing', async () => {
    await expect(recordParcel(db, packed('D1-000003', { units: 0 }))).rejects.toThrow(ValidationError);
    expect(await db.parcels.count()).toBe(0);
  });

  it('refuses to ship a parcel twice and keeps the first shipment', async () => {
    const parcel = await recordParcel(db, packed('D1-000004'));
    await markParcelShipped(db, parcel.id, { carrier: 'UPS', trackingNumber: '1Z999AA10123456784' });
    await expect(markParcelShipped(db, parcel.id, { carrier: 'DHL Express' })).rejects.toThrow(
      'already shipped with UPS (1Z999AA10123456784)',
    );
    expect((await db.parcels.get(parcel.id))?.carrier).toBe('UPS');
  });

  it('updates a field and refuses an unbelievable weight without changing the parcel', async () => {
    const parcel = await recordParcel(db, packed('D1-000005'));
    const printed = await updateParcel(db, parcel.id, { labelPrintedAt: local(23, 10) });
    expect(printed.labelPrintedAt).toBe(local(23, 10));
    await expect(updateParcel(db, parcel.id, { weightGrams: 900_000 })).rejects.toThrow(ValidationError);
    expect((await db.parcels.get(parcel.id))?.weightGrams).toBe(850);
  });
});

describe('the end-of-day manifest', () => {
  // The store keeps the desk's own clock here, so local(…) times mean the same in every time zone.
  beforeEach(async () => {
    const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    await saveStoreProfile(db, { ...DEFAULT_STORE_PROFILE, timeZone });
  });

  async function shipped(orderNumber: string, carrier: string, at: string) {
    const parcel = await recordParcel(db, packed(orderNumber));
    return markParcelShipped(db, parcel.id, { carrier, shippedAt: at });
  }

  it('lists the parcels one carrier took on one local day, first shipped first', async () => {
    await shipped('D1-000010', 'Royal Mail', local(23, 16));
    await shipped('D1-000011', 'Royal Mail', local(23, 0, 5));
    await shipped('D1-000012', 'Royal Mail', local(23, 23, 59));
    await shipped('D1-000013', 'UPS', local(23, 12));
    await shipped('D1-000014', 'Royal Mail', local(22, 23, 59));
    await shipped('D1-000015', 'Royal Mail', local(24, 0, 0));
    await recordParcel(db, packed('D1-000016'));

    const manifest = await parcelsForManifest(db, 'Royal Mail', '2026-11-23');
    expect(manifest.map((p) => p.orderNumber)).toEqual(['D1-000011', 'D1-000010', 'D1-000012']);
    expect(await carriersOn(db, '2026-11-23')).toEqual(['Royal Mail', 'UPS']);
    expect(await parcelsForManifest(db, 'FedEx', '2026-11-23')).toEqual([]);
  });

  it('closes a manifest once: every parcel on it is handed over, other carriers untouched', async () => {
    await shipped('D1-000020', 'UPS', local(23, 10));
    await shipped('D1-000021', 'UPS', local(23, 11));
    const other = await shipped('D1-000022', 'FedEx', local(23, 11));

    const closed = await closeManifest(db, 'UPS', '2026-11-23', local(23, 17));
    expect(closed.map((p) => p.orderNumber)).toEqual(['D1-000020', 'D1-000021']);
    const after = await parcelsForManifest(db, 'UPS', '2026-11-23');
    expect(after.every((p) => p.handedOverAt === local(23, 17))).toBe(true);
    expect((await db.parcels.get(other.id))?.handedOverAt).toBeUndefined();

    await expect(closeManifest(db, 'UPS', '2026-11-23')).rejects.toThrow('already closed');
    await expect(closeManifest(db, 'DHL Express', '2026-11-23')).rejects.toThrow(
      'No parcel shipped with DHL Express on 2026-11-23',
    );
  });

  it("bounds the day by the store's midnights, not the desk's clock", async () => {
    await saveStoreProfile(db, { ...DEFAULT_STORE_PROFILE, timeZone: 'America/New_York' });
    // 22:30 in New York on the 23rd is already the 24th in UTC and in London.
    await shipped('D1-000030', 'UPS', '2026-11-24T03:30:00.000Z');
    await shipped('D1-000031', 'UPS', '2026-11-23T04:30:00.000Z');
    expect((await parcelsForManifest(db, 'UPS', '2026-11-23')).map((p) => p.orderNumber)).toEqual([
      'D1-000030',
    ]);
    expect(await carriersOn(db, '2026-11-22')).toEqual(['UPS']);
    const closed = await closeManifest(db, 'UPS', '2026-11-23', '2026-11-24T04:00:00.000Z');
    expect(closed.map((p) => p.orderNumber)).toEqual(['D1-000030']);
  });

  it('refuses a day that is not a date', async () => {
    await expect(parcelsForManifest(db, 'UPS', '2026-02-30')).rejects.toThrow('not a date in the calendar');
  });
});
