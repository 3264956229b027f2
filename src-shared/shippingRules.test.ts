import { describe, expect, test } from 'vitest';
import { money } from './money';
import {
  DEFAULT_SHIPPING_GB,
  DEFAULT_SHIPPING_US,
  addBusinessDays,
  shippingOptions,
  zoneFor,
  type ShippingCart,
  type ShippingRules,
} from './shippingRules';

const FRIDAY = '2025-06-06';
const cart = (weightGrams: number, itemCount: number, subtotal: number, currency = 'GBP'): ShippingCart => ({
  weightGrams,
  itemCount,
  subtotal: money(subtotal, currency),
});
const fees = (options: ReturnType<typeof shippingOptions>) =>
  options.ok ? Object.fromEntries(options.quotes.map((q) => [q.methodId, q.fee.amount])) : options.reason;

describe('business days', () => {
  test('skip weekends and holidays', () => {
    expect(addBusinessDays(FRIDAY, 1)).toBe('2025-06-09');
    expect(addBusinessDays('2025-06-09', 4)).toBe('2025-06-13');
    expect(addBusinessDays('2025-06-09', 5)).toBe('2025-06-16');
    expect(addBusinessDays('2025-08-22', 1, ['2025-08-25'])).toBe('2025-08-26');
  });

  test('an order on a weekend with no dispatch delay goes out on Monday', () => {
    expect(addBusinessDays('2025-06-07', 0)).toBe('2025-06-09');
    expect(addBusinessDays(FRIDAY, 0)).toBe(FRIDAY);
  });

  test('refuse dates that are not calendar dates', () => {
    expect(() => addBusinessDays('2025-02-30', 1)).toThrow(
      '"2025-02-30" is not a calendar date written as YYYY-MM-DD',
    );
    expect(() => addBusinessDays('06/06/2025', 1)).toThrow('YYYY-MM-DD');
  });
});

describe('zones', () => {
  test('place a destination at home, in a listed zone, or in the rest of the world', () => {
    expect(zoneFor(DEFAULT_SHIPPING_GB, 'GB')?.id).toBe('uk');
    expect(zoneFor(DEFAULT_SHIPPING_GB, 'FR')?.id).toBe('europe');
    expect(zoneFor(DEFAULT_SHIPPING_GB, 'NO')?.id).toBe('europe');
    expect(zoneFor(DEFAULT_SHIPPING_GB, 'JP')?.id).toBe('world');
    expect(zoneFor(DEFAULT_SHIPPING_US, 'CA')?.id).toBe('north-america');
    expect(zoneFor(DEFAULT_SHIPPING_GB, 'AQ')).toBeUndefined();
  });

  test('without a rest-of-world zone, unlisted countries have no zone', () => {
    const homeOnly: ShippingRules = {
      ...DEFAULT_SHIPPING_GB,
      zones: [{ id: 'uk', name: 'UK', kind: 'domestic' }],
    };
    expect(zoneFor(homeOnly, 'FR')).toBeUndefined();
  });
});

describe('shipping options for a cart', () => {
  test('prices every domestic method: weight bands, flat and per item, cheapest first', () => {
    const options = shippingOptions(DEFAULT_SHIPPING_GB, 'GB', cart(1500, 3, 30_00), FRIDAY);
    expect(fees(options)).toEqual({ 'rm-tracked-48': 4_95, 'rm-tracked-24': 5_95, 'dpd-next-day': 8_95 });
    expect(options.ok && options.quotes.map((q) => q.methodId)).toEqual([
      'rm-tracked-48',
      'rm-tracked-24',
      'dpd-next-day',
    ]);
  });

  test('gives expected dispatch and delivery dates in business days', () => {
    const options = shippingOptions(DEFAULT_SHIPPING_GB, 'GB', cart(500, 1, 10_00), FRIDAY);
    const tracked48 = options.ok ? options.quotes.find((q) => q.methodId === 'rm-tracked-48') : undefined;
    expect(tracked48).toMatchObject({
      carrier: 'Royal Mail',
      zone: 'United Kingdom',
      dispatchDate: '2025-06-09',
      deliveryEarliest: '2025-06-11',
      deliveryLatest: '2025-06-12',
    });
  });

  test('is free from the threshold on the subtotal after discounts, not below it', () => {
    const at = shippingOptions(DEFAULT_SHIPPING_GB, 'GB', cart(500, 1, 50_00), FRIDAY);
    const below = shippingOptions(DEFAULT_SHIPPING_GB, 'GB', cart(500, 1, 49_99), FRIDAY);
    expect(at.ok && at.quotes[0]).toMatchObject({
      methodId: 'rm-tracked-48',
      fee: money(0, 'GBP'),
      free: true,
    });
    expect(below.ok && below.quotes[0]).toMatchObject({
      methodId: 'rm-tracked-48',
      fee: money(3_95, 'GBP'),
      free: false,
    });
  });

  test('uses the zone’s own fee and transit days abroad', () => {
    const europe = shippingOptions(DEFAULT_SHIPPING_GB, 'DE', cart(800, 1, 20_00), FRIDAY);
    const world = shippingOptions(DEFAULT_SHIPPING_GB, 'JP', cart(800, 1, 20_00), FRIDAY);
    expect(fees(europe)).toEqual({ 'rm-international-tracked': 11_95, 'dhl-express': 34_00 });
    expect(fees(world)).toEqual({ 'rm-international-tracked': 17_95, 'dhl-express': 59_00 });
    const rm = world.ok ? world.quotes[0] : undefined;
    expect(rm).toMatchObject({
      zone: 'Rest of the world',
      deliveryEarliest: '2025-06-16',
      deliveryLatest: '2025-06-23',
    });
  });

  test('lists methods that cannot take a heavy parcel, and why', () => {
    const options = shippingOptions(DEFAULT_SHIPPING_GB, 'FR', cart(4000, 2, 90_00), FRIDAY);
    expect(fees(options)).toEqual({ 'dhl-express': 34_00 });
    expect(options.unavailable).toEqual([
      {
        methodId: 'rm-international-tracked',
        name: 'Royal Mail International Tracked',
        reason: 'Royal Mail International Tracked takes up to 2 kg; this parcel weighs 4 kg',
      },
    ]);
  });

  test('says why no method applies when the parcel is too heavy for all of them', () => {
    const options = shippingOptions(DEFAULT_SHIPPING_GB, 'GB', cart(31_500, 2, 200_00), FRIDAY);
    expect(options).toMatchObject({ ok: false });
    expect(!options.ok && options.reason).toBe(
      'No shipping method to United Kingdom can take this parcel: Royal Mail Tracked 48 takes up to 20 kg; this parcel weighs 31.5 kg; ' +
        'Royal Mail Tracked 24 takes up to 20 kg; this parcel weighs 31.5 kg; DPD Next Day takes up to 30 kg; this parcel weighs 31.5 kg',
    );
  });

  test('says no method delivers to Antarctica', () => {
    expect(fees(shippingOptions(DEFAULT_SHIPPING_GB, 'AQ', cart(500, 1, 10_00), FRIDAY))).toBe(
      'No shipping method delivers to Antarctica (AQ)',
    );
  });

  test('says no method delivers to a zone no method serves', () => {
    const domesticOnly: ShippingRules = {
      ...DEFAULT_SHIPPING_US,
      methods: DEFAULT_SHIPPING_US.methods.filter((m) => m.rates.every((r) => r.zone === 'us')),
    };
    expect(fees(shippingOptions(domesticOnly, 'MX', cart(500, 1, 10_00, 'USD'), FRIDAY))).toBe(
      'No shipping method delivers to Mexico (MX)',
    );
  });

  test('needs something in the cart', () => {
    expect(fees(shippingOptions(DEFAULT_SHIPPING_GB, 'GB', cart(0, 0, 0), FRIDAY))).toBe(
      'The cart is empty; add items before choosing shipping',
    );
  });

  test('refuses a cart in another currency and impossible weights', () => {
    expect(() => shippingOptions(DEFAULT_SHIPPING_GB, 'GB', cart(500, 1, 10_00, 'USD'), FRIDAY)).toThrow(
      'Shipping rules are priced in GBP but the cart is in USD',
    );
    expect(() => shippingOptions(DEFAULT_SHIPPING_GB, 'GB', cart(-1, 1, 10_00), FRIDAY)).toThrow(
      'whole numbers of zero or more',
    );
  });

  test('the US defaults ship free over $75 and charge UPS per item', () => {
    const options = shippingOptions(DEFAULT_SHIPPING_US, 'US', cart(3000, 4, 80_00, 'USD'), FRIDAY);
    expect(fees(options)).toEqual({ 'usps-ground-advantage': 0, 'ups-2nd-day-air': 20_95 });
  });
});
