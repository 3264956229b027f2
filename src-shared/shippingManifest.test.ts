// Manifest days are the store's calendar days, in its time zone.
import { describe, expect, it } from 'vitest';
import { buildManifest, dayOf, dayRange, kilograms, type ManifestParcel } from './shippingManifest';

describe('manifest days', () => {
  it("bounds a store day from its midnight to the next in the store's time zone", () => {
    expect(dayRange('2026-11-23', 'Europe/London')).toEqual({
      from: '2026-11-23T00:00:00.000Z',
      to: '2026-11-24T00:00:00.000Z',
    });
    // New York is five hours behind UTC in November, whatever the desk's own clock says.
    expect(dayRange('2026-11-23', 'America/New_York')).toEqual({
      from: '2026-11-23T05:00:00.000Z',
      to: '2026-11-24T05:00:00.000Z',
    });
    expect(dayOf('2026-11-24T03:30:00.000Z', 'America/New_York')).toBe('2026-11-23');
    expect(dayOf(new Date('2026-11-24T05:00:00.000Z'), 'America/New_York')).toBe('2026-11-24');
  });

  it('refuses a day that is not written as one or not in the calendar', () => {
    expect(() => dayRange('23/11/2026', 'Europe/London')).toThrow('give it as year-month-day');
    expect(() => dayRange('2026-02-29', 'Europe/London')).toThrow('2026-02-29 is not a date in the calendar');
  });
});

describe('the manifest sheet', () => {
  const address = {
    id: '01930000-0000-7000-8000-000000000001',
    kind: 'shipping' as const,
    name: 'Ada Lovelace',
    line1: '1 Harbour Street',
    city: 'Leith',
    postalCode: 'EH6 6AB',
    country: 'GB',
  };
  const orders = [
    { id: 'o1', customerName: 'Ada L.', shippingAddress: address },
    { id: 'o2', customerName: 'Grace Hopper' },
  ];
  const parcel = (id: string, orderId: string, extra: Partial<ManifestParcel> = {}): ManifestParcel => ({
    id,
    orderId,
    orderNumber: `D1-00000${id}`,
    units: 2,
    weightGrams: 850,
    trackingNumber: 'RR123456785GB',
    service: 'Registered',
    shippedAt: '2026-11-23T15:00:00.000Z',
    ...extra,
  });

  it('lists each parcel with recipient, postcode and tracking, and totals units and weight', () => {
    const manifest = buildManifest(
      [parcel('1', 'o1'), parcel('2', 'o2', { units: 1, weightGrams: undefined, trackingNumber: undefined })],
      orders,
    );
    expect(manifest.rows[0]).toMatchObject({
      orderNumber: 'D1-000001',
      recipient: 'Ada Lovelace',
      postcode: 'EH6 6AB',
      country: 'GB',
      trackingNumber: 'RR123456785GB',
    });
    expect(manifest.rows[1]).toMatchObject({ recipient: 'Grace Hopper', postcode: '', trackingNumber: '' });
    expect(manifest).toMatchObject({
      parcels: 2,
      units: 3,
      weightGrams: 850,
      unweighed: 1,
      unverified: 0,
      closedAt: null,
    });
    expect(kilograms(manifest.weightGrams)).toBe('0.85 kg');
  });

  it('marks a tracking number no carrier format knows as unverified, and counts them', () => {
    const manifest = buildManifest(
      [
        parcel('1', 'o1'),
        parcel('2', 'o2', { trackingNumber: '15501234567890', trackingVerified: false }),
        parcel('3', 'o2', { trackingNumber: undefined, trackingVerified: false }),
      ],
      orders,
    );
    expect(manifest.rows.map((row) => row.trackingUnverified)).toEqual([false, true, false]);
    expect(manifest.unverified).toBe(1);
  });

  it('is closed only when every parcel on it was handed over', () => {
    const handed = parcel('1', 'o1', { handedOverAt: '2026-11-23T17:00:00.000Z' });
    expect(buildManifest([handed, parcel('2', 'o2')], orders).closedAt).toBeNull();
    expect(buildManifest([handed], orders).closedAt).toBe('2026-11-23T17:00:00.000Z');
    expect(buildManifest([], orders)).toMatchObject({ parcels: 0, units: 0, closedAt: null });
  });
});
