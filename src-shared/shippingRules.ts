// Shipping fees as data: zones, methods and their fee rules, and the function that prices every
// method for a destination and cart, with expected dispatch and delivery dates, or says why none fits.
import { EUROPE, UNDELIVERABLE, countryLabel } from './countries';
import { MoneyError, money, type Money } from './money';

export type ShippingZone =
  | { id: string; name: string; kind: 'domestic' }
  | { id: string; name: string; kind: 'countries'; countries: readonly string[] }
  /** Every country no other zone claims. */
  | { id: string; name: string; kind: 'rest_of_world' };

/** Fees in minor units of the rule set's currency. */
export type Fee =
  | { kind: 'flat'; amount: number }
  | { kind: 'per_item'; first: number; additional: number }
  /** The first band whose limit the parcel is within; heavier than the last band: not available. */
  | { kind: 'weight_bands'; bands: readonly { upToGrams: number; amount: number }[] };

export type DayRange = { min: number; max: number };

export type ZoneRate = {
  zone: string;
  fee: Fee;
  /** Free when the cart's subtotal after discounts is at least this (minor units). */
  freeFrom?: number;
  /** Overrides the method's transit days in this zone. */
  transitDays?: DayRange;
};

export type ShippingMethod = {
  id: string;
  name: string;
  carrier: string;
  /** The zones it serves, with the fee in each. */
  rates: readonly ZoneRate[];
  /** Business days from the order to handing the parcel to the carrier. */
  dispatchDays: number;
  /** Business days from dispatch to delivery. */
  transitDays: DayRange;
  maxWeightGrams?: number;
};

export type ShippingRules = {
  origin: string;
  currency: string;
  zones: readonly ShippingZone[];
  methods: readonly ShippingMethod[];
  /** Countries no method delivers to, whatever the zones say. */
  noDelivery: readonly string[];
};

/** What shipping needs to know about a cart; subtotal is after discounts. */
export type ShippingCart = { weightGrams: number; itemCount: number; subtotal: Money };

export type ShippingQuote = {
  methodId: string;
  name: string;
  carrier: string;
  zone: string;
  fee: Money;
  free: boolean;
  /** Calendar dates (YYYY-MM-DD) in the store's time zone. */
  dispatchDate: string;
  deliveryEarliest: string;
  deliveryLatest: string;
};

export type UnavailableMethod = { methodId: string; name: string; reason: string };

export type ShippingOptions =
  | { ok: true; zone: string; quotes: ShippingQuote[]; unavailable: UnavailableMethod[] }
  | { ok: false; reason: string; unavailable: UnavailableMethod[] };

export function zoneFor(rules: ShippingRules, country: string): ShippingZone | undefined {
  if (rules.noDelivery.includes(country)) return undefined;
  if (country === rules.origin) {
    const domestic = rules.zones.find((z) => z.kind === 'domestic');
    if (domestic) return domestic;
  }
  return (
    rules.zones.find((z) => z.kind === 'countries' && z.countries.includes(country)) ??
    rules.zones.find((z) => z.kind === 'rest_of_world')
  );
}

function formatWeight(grams: number): string {
  return grams < 1000 ? `${grams} g` : `${Math.round(grams / 100) / 10} kg`;
}

/** The fee in minor units, or why the method cannot take this parcel. */
function feeFor(fee: Fee, cart: ShippingCart): number | string {
  switch (fee.kind) {
    case 'flat':
      return fee.amount;
    case 'per_item':
      return fee.first + fee.additional * Math.max(0, cart.itemCount - 1);
    case 'weight_bands': {
      const bands = [...fee.bands].sort((a, b) => a.upToGrams - b.upToGrams);
      const band = bands.find((b) => cart.weightGrams <= b.upToGrams);
      const heaviest = bands.at(-1)?.upToGrams ?? 0;
      return band
        ? band.amount
        : `takes up to ${formatWeight(heaviest)}; this parcel weighs ${formatWeight(cart.weightGrams)}`;
    }
  }
}

const DAY_MS = 86_400_000;

function parseDate(date: string): number {
  const time = Date.parse(`${date}T00:00:00Z`);
  if (
    !/^\d{4}-\d{2}-\d{2}$/.test(date) ||
    Number.isNaN(time) ||
    new Date(time).toISOString().slice(0, 10) !== date
  ) {
    throw new Error(`"${date}" is not a calendar date written as YYYY-MM-DD`);
  }
  return time;
}

/**
 * The date `days` business days (Monday–Friday, not a listed holiday) after `date`. With 0 days,
 * a weekend or holiday moves to the next business day, because nothing is dispatched on one.
 */
export function addBusinessDays(date: string, days: number, holidays: readonly string[] = []): string {
  const iso = (t: number) => new Date(t).toISOString().slice(0, 10);
  const isBusinessDay = (t: number) => {
    const weekday = new Date(t).getUTCDay();
    return weekday !== 0 && weekday !== 6 && !holidays.includes(iso(t));
  };
  let time = parseDate(date);
  while (!isBusinessDay(time)) time += DAY_MS;
  for (let left = days; left > 0;) {
    time += DAY_MS;
    if (isBusinessDay(time)) left -= 1;
  }
  return iso(time);
}

/** Every method that delivers to `country`, priced for this cart, cheapest first. */
export function shippingOptions(
  rules: ShippingRules,
  country: string,
  cart: ShippingCart,
  orderDate: string,
  holidays: readonly string[] = [],
): ShippingOptions {
  if (cart.subtotal.currency !== rules.currency) {
    throw new MoneyError(
      `Shipping rules are priced in ${rules.currency} but the cart is in ${cart.subtotal.currency}`,
    );
  }
  if (
    !Number.isSafeInteger(cart.weightGrams) ||
    cart.weightGrams < 0 ||
    !Number.isSafeInteger(cart.itemCount) ||
    cart.itemCount < 0
  ) {
    throw new Error(
      `A cart's weight (${cart.weightGrams} g) and item count (${cart.itemCount}) must be whole numbers of zero or more`,
    );
  }
  if (cart.itemCount < 1)
    return { ok: false, reason: 'The cart is empty; add items before choosing shipping', unavailable: [] };

  const zone = zoneFor(rules, country);
  const serving = zone ? rules.methods.filter((m) => m.rates.some((r) => r.zone === zone.id)) : [];
  if (!zone || serving.length === 0) {
    return { ok: false, reason: `No shipping method delivers to ${countryLabel(country)}`, unavailable: [] };
  }

  const quotes: ShippingQuote[] = [];
  const unavailable: UnavailableMethod[] = [];
  for (const method of serving) {
    const rate = method.rates.find((r) => r.zone === zone.id);
    if (!rate) continue;
    const fee =
      method.maxWeightGrams !== undefined && cart.weightGrams > method.maxWeightGrams
        ? `takes up to ${formatWeight(method.maxWeightGrams)}; this parcel weighs ${formatWeight(cart.weightGrams)}`
        : feeFor(rate.fee, cart);
    if (typeof fee === 'string') {
      unavailable.push({ methodId: method.id, name: method.name, reason: `${method.name} ${fee}` });
      continue;
    }
    const free = rate.freeFrom !== undefined && cart.subtotal.amount >= rate.freeFrom;
    const transit = rate.transitDays ?? method.transitDays;
    const dispatchDate = addBusinessDays(orderDate, method.dispatchDays, holidays);
    quotes.push({
      methodId: method.id,
      name: method.name,
      carrier: method.carrier,
      zone: zone.name,
      fee: money(free ? 0 : fee, rules.currency),
      free,
      dispatchDate,
      deliveryEarliest: addBusinessDays(dispatchDate, transit.min, holidays),
      deliveryLatest: addBusinessDays(dispatchDate, transit.max, holidays),
    });
  }
  if (quotes.length === 0) {
    const reasons = unavailable.map((u) => u.reason).join('; ');
    return {
      ok: false,
      reason: `No shipping method to ${zone.name} can take this parcel: ${reasons}`,
      unavailable,
    };
  }
  quotes.sort((a, b) => a.fee.amount - b.fee.amount || a.deliveryLatest.localeCompare(b.deliveryLatest));
  return { ok: true, zone: zone.name, quotes, unavailable };
}

/** A starting rule set for a store shipping from Great Britain (2025-ish public prices). */
export const DEFAULT_SHIPPING_GB: ShippingRules = {
  origin: 'GB',
  currency: 'GBP',
  noDelivery: UNDELIVERABLE,
  zones: [
    { id: 'uk', name: 'United Kingdom', kind: 'domestic' },
    { id: 'europe', name: 'Europe', kind: 'countries', countries: EUROPE.filter((c) => c !== 'GB') },
    { id: 'world', name: 'Rest of the world', kind: 'rest_of_world' },
  ],
  methods: [
    {
      id: 'rm-tracked-48',
      name: 'Royal Mail Tracked 48',
      carrier: 'Royal Mail',
      dispatchDays: 1,
      transitDays: { min: 2, max: 3 },
      rates: [
        {
          zone: 'uk',
          freeFrom: 50_00,
          fee: {
            kind: 'weight_bands',
            bands: [
              { upToGrams: 1000, amount: 3_95 },
              { upToGrams: 2000, amount: 4_95 },
              { upToGrams: 10_000, amount: 6_95 },
              { upToGrams: 20_000, amount: 9_95 },
            ],
          },
        },
      ],
    },
    {
      id: 'rm-tracked-24',
      name: 'Royal Mail Tracked 24',
      carrier: 'Royal Mail',
      dispatchDays: 1,
      transitDays: { min: 1, max: 2 },
      maxWeightGrams: 20_000,
      rates: [{ zone: 'uk', fee: { kind: 'flat', amount: 5_95 } }],
    },
    {
      id: 'dpd-next-day',
      name: 'DPD Next Day',
      carrier: 'DPD',
      dispatchDays: 1,
      transitDays: { min: 1, max: 1 },
      maxWeightGrams: 30_000,
      rates: [{ zone: 'uk', fee: { kind: 'per_item', first: 6_95, additional: 1_00 } }],
    },
    {
      id: 'rm-international-tracked',
      name: 'Royal Mail International Tracked',
      carrier: 'Royal Mail',
      dispatchDays: 1,
      transitDays: { min: 3, max: 5 },
      rates: [
        {
          zone: 'europe',
          fee: {
            kind: 'weight_bands',
            bands: [
              { upToGrams: 1000, amount: 11_95 },
              { upToGrams: 2000, amount: 15_95 },
            ],
          },
        },
        {
          zone: 'world',
          transitDays: { min: 5, max: 10 },
          fee: {
            kind: 'weight_bands',
            bands: [
              { upToGrams: 1000, amount: 17_95 },
              { upToGrams: 2000, amount: 24_95 },
            ],
          },
        },
      ],
    },
    {
      id: 'dhl-express',
      name: 'DHL Express Worldwide',
      carrier: 'DHL',
      dispatchDays: 1,
      transitDays: { min: 1, max: 2 },
      maxWeightGrams: 30_000,
      rates: [
        {
          zone: 'europe',
          fee: {
            kind: 'weight_bands',
            bands: [
              { upToGrams: 5000, amount: 34_00 },
              { upToGrams: 30_000, amount: 79_00 },
            ],
          },
        },
        {
          zone: 'world',
          transitDays: { min: 2, max: 4 },
          fee: {
            kind: 'weight_bands',
            bands: [
              { upToGrams: 5000, amount: 59_00 },
              { upToGrams: 30_000, amount: 149_00 },
            ],
          },
        },
      ],
    },
  ],
};

/** A starting rule set for a store shipping from the United States. */
export const DEFAULT_SHIPPING_US: ShippingRules = {
  origin: 'US',
  currency: 'USD',
  noDelivery: UNDELIVERABLE,
  zones: [
    { id: 'us', name: 'United States', kind: 'domestic' },
    { id: 'north-america', name: 'Canada and Mexico', kind: 'countries', countries: ['CA', 'MX'] },
    { id: 'world', name: 'Rest of the world', kind: 'rest_of_world' },
  ],
  methods: [
    {
      id: 'usps-ground-advantage',
      name: 'USPS Ground Advantage',
      carrier: 'USPS',
      dispatchDays: 1,
      transitDays: { min: 2, max: 5 },
      rates: [
        {
          zone: 'us',
          freeFrom: 75_00,
          fee: {
            kind: 'weight_bands',
            bands: [
              { upToGrams: 454, amount: 5_50 }, // 1 lb
              { upToGrams: 2268, amount: 9_95 }, // 5 lb
              { upToGrams: 9072, amount: 14_95 }, // 20 lb
              { upToGrams: 31_751, amount: 24_95 }, // 70 lb
            ],
          },
        },
      ],
    },
    {
      id: 'ups-2nd-day-air',
      name: 'UPS 2nd Day Air',
      carrier: 'UPS',
      dispatchDays: 1,
      transitDays: { min: 2, max: 2 },
      maxWeightGrams: 68_039, // 150 lb
      rates: [{ zone: 'us', fee: { kind: 'per_item', first: 14_95, additional: 2_00 } }],
    },
    {
      id: 'usps-priority-international',
      name: 'USPS Priority Mail International',
      carrier: 'USPS',
      dispatchDays: 1,
      transitDays: { min: 6, max: 10 },
      rates: [
        {
          zone: 'north-america',
          fee: {
            kind: 'weight_bands',
            bands: [
              { upToGrams: 1814, amount: 45_00 },
              { upToGrams: 9072, amount: 79_00 },
            ],
          },
        },
        {
          zone: 'world',
          fee: {
            kind: 'weight_bands',
            bands: [
              { upToGrams: 1814, amount: 65_00 },
              { upToGrams: 9072, amount: 119_00 },
            ],
          },
        },
      ],
    },
  ],
};
