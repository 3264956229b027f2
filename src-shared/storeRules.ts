// The store's pricing rules as stored settings: the tax table and whether prices include tax, the
// shipping zones and methods, and the carriers it ships with. Each is validated with sentences, and
// kept as dated versions so a change reaches new carts only: a cart is priced by the rules that were
// in force when it was started, whatever was saved since.
import { z } from 'zod';
import { CountryCode, CurrencyCode } from './records';
import { DEFAULT_SHIPPING_GB, type ShippingRules } from './shippingRules';
import { DEFAULT_TAX_RULES, type PriceBasis, type TaxTable } from './tax';

export const TAX_RULES_KEY = 'store.tax';
export const SHIPPING_RULES_KEY = 'store.shipping';
export const CARRIERS_KEY = 'store.carriers';
/** Promo codes keep the key they always had (they carry their own dates, so they are not versioned). */
export const PROMOS_KEY = 'store.promos';

const Percent = (label: string) =>
  z
    .number({ message: `${label} must be a number` })
    .min(0, { message: `${label} cannot be negative` })
    .max(100, { message: `${label} cannot be more than 100%` });

const Name = (label: string, max: number) =>
  z
    .string()
    .trim()
    .min(1, { message: `${label} cannot be empty` })
    .max(max, { message: `${label} is longer than ${max} characters` });

export const TaxRuleSchema = z.object({
  country: CountryCode,
  region: z
    .string()
    .trim()
    .regex(/^[A-Z0-9]{1,3}$/, {
      message: 'Region must be a code of 1–3 capital letters or digits, such as CA',
    })
    .optional(),
  regionName: z.string().trim().max(80).optional(),
  name: Name('Tax name', 30),
  standard: Percent('Standard rate'),
  reduced: Percent('Reduced rate'),
});

export type TaxSettings = TaxTable & { basis: PriceBasis };

export const TaxSettingsSchema = z
  .object({
    basis: z.enum(['inclusive', 'exclusive'], { message: 'Prices must either include tax or exclude it' }),
    zone: z.array(CountryCode).min(1, { message: 'The tax area needs at least one country' }),
    rules: z.array(TaxRuleSchema).max(500),
  })
  .superRefine((settings, ctx) => {
    const seen = new Set<string>();
    settings.rules.forEach((rule, i) => {
      const key = `${rule.country}/${rule.region ?? ''}`;
      if (seen.has(key))
        ctx.addIssue({
          code: 'custom',
          path: ['rules', i],
          message: `There are two rates for ${rule.country}${rule.region ? ` ${rule.region}` : ''}; keep one`,
        });
      seen.add(key);
    });
  });

/** What an existing store was charged before tax could be edited: GB VAT, prices including it. */
export const DEFAULT_TAX_SETTINGS: TaxSettings = {
  basis: 'inclusive',
  zone: ['GB', 'IM'],
  rules: DEFAULT_TAX_RULES,
};

const Minor = (label: string) =>
  z
    .int({ message: `${label} must be a whole number of minor units (cents)` })
    .min(0, { message: `${label} cannot be negative` })
    .max(100_000_000, { message: `${label} is not a believable shipping price` });

const Days = (label: string) =>
  z
    .int({ message: `${label} must be a whole number of days` })
    .min(0, { message: `${label} cannot be negative` })
    .max(90, { message: `${label} above 90 days is not believable` });

const DayRangeSchema = z
  .object({ min: Days('Fastest delivery'), max: Days('Slowest delivery') })
  .refine((r) => r.min <= r.max, { message: 'Fastest delivery cannot be slower than the slowest' });

const FeeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('flat'), amount: Minor('Fee') }),
  z.object({ kind: z.literal('per_item'), first: Minor('First item'), additional: Minor('Each extra item') }),
  z.object({
    kind: z.literal('weight_bands'),
    bands: z
      .array(
        z.object({
          upToGrams: z
            .int({ message: 'Band weight must be a whole number of grams' })
            .min(1, { message: 'Band weight must be at least 1 g' })
            .max(1_000_000, { message: 'Band weight above 1000 kg is not a parcel' }),
          amount: Minor('Band price'),
        }),
      )
      .min(1, { message: 'Weight bands need at least one band' })
      .refine((bands) => bands.every((b, i) => i === 0 || b.upToGrams > bands[i - 1]!.upToGrams), {
        message: 'Weight bands must go from light to heavy, each heavier than the one before',
      }),
  }),
]);

const ZoneSchema = z.discriminatedUnion('kind', [
  z.object({ id: Name('Zone id', 40), name: Name('Zone name', 60), kind: z.literal('domestic') }),
  z.object({
    id: Name('Zone id', 40),
    name: Name('Zone name', 60),
    kind: z.literal('countries'),
    countries: z.array(CountryCode).min(1, { message: 'A zone of countries needs at least one country' }),
  }),
  z.object({ id: Name('Zone id', 40), name: Name('Zone name', 60), kind: z.literal('rest_of_world') }),
]);

const MethodSchema = z.object({
  id: Name('Method id', 60),
  name: Name('Method name', 80),
  carrier: Name('Carrier', 40),
  rates: z
    .array(
      z.object({
        zone: z.string(),
        fee: FeeSchema,
        freeFrom: Minor('Free over').optional(),
        transitDays: DayRangeSchema.optional(),
      }),
    )
    .min(1, { message: 'A shipping method needs a price in at least one zone' }),
  dispatchDays: Days('Dispatch days'),
  transitDays: DayRangeSchema,
  maxWeightGrams: z.int().min(1).max(1_000_000).optional(),
});

export const ShippingRulesSchema = z
  .object({
    origin: CountryCode,
    currency: CurrencyCode,
    zones: z.array(ZoneSchema).min(1, { message: 'Shipping needs at least one zone' }),
    methods: z.array(MethodSchema),
    noDelivery: z.array(CountryCode),
  })
  .superRefine((rules, ctx) => {
    const zoneIds = new Set<string>();
    rules.zones.forEach((zone, i) => {
      if (zoneIds.has(zone.id))
        ctx.addIssue({ code: 'custom', path: ['zones', i], message: `Two zones are called ${zone.id}` });
      zoneIds.add(zone.id);
    });
    for (const kind of ['domestic', 'rest_of_world'] as const) {
      if (rules.zones.filter((z) => z.kind === kind).length > 1)
        ctx.addIssue({
          code: 'custom',
          path: ['zones'],
          message: `Only one zone can be ${kind === 'domestic' ? 'the home country' : 'the rest of the world'}`,
        });
    }
    const methodIds = new Set<string>();
    rules.methods.forEach((method, i) => {
      if (methodIds.has(method.id))
        ctx.addIssue({
          code: 'custom',
          path: ['methods', i],
          message: `Two methods are called ${method.name}`,
        });
      methodIds.add(method.id);
      method.rates.forEach((rate, r) => {
        if (!zoneIds.has(rate.zone))
          ctx.addIssue({
            code: 'custom',
            path: ['methods', i, 'rates', r],
            message: `${method.name} has a price for zone “${rate.zone}”, which does not exist`,
          });
      });
    });
  });

/** What an existing store shipped with before shipping could be edited. */
export const DEFAULT_SHIPPING_RULES: ShippingRules = DEFAULT_SHIPPING_GB;

export const CarriersSchema = z
  .array(Name('Carrier', 40))
  .max(40, { message: 'A store ships with at most 40 carriers' })
  .refine((list) => new Set(list.map((c) => c.toLowerCase())).size === list.length, {
    message: 'A carrier is listed twice',
  });

/** The carriers of the default shipping methods, for a store that never listed its own. */
export const DEFAULT_CARRIERS: readonly string[] = [
  ...new Set(DEFAULT_SHIPPING_GB.methods.map((m) => m.carrier)),
];

/** Methods whose carrier the store does not list, as sentences (a carrier removed while in use). */
export function unlistedCarriers(rules: ShippingRules, carriers: readonly string[]): string[] {
  const listed = new Set(carriers.map((c) => c.toLowerCase()));
  return rules.methods
    .filter((m) => !listed.has(m.carrier.toLowerCase()))
    .map(
      (m) => `${m.name} ships with ${m.carrier}, which is not in the store's carriers; add it there first`,
    );
}

/** A stored rule set with the instant it took effect (ISO 8601, UTC). */
export type RuleVersion<T> = { from: string; rules: T };
export type RuleHistory<T> = { versions: RuleVersion<T>[] };

/** How many past versions a setting keeps: enough for any cart still open or held. */
export const KEPT_VERSIONS = 20;

function versionsOf<T>(stored: unknown, schema: z.ZodType<T>): RuleVersion<T>[] {
  const list = (stored as { versions?: unknown } | undefined)?.versions;
  if (!Array.isArray(list)) return [];
  return list.flatMap((entry: unknown) => {
    const from = (entry as { from?: unknown }).from;
    const parsed = schema.safeParse((entry as { rules?: unknown }).rules);
    return typeof from === 'string' && parsed.success ? [{ from, rules: parsed.data }] : [];
  });
}

/**
 * The rules in force at `at` (a cart's start): the newest version that took effect by then, or the
 * defaults for a cart started before the store ever changed them.
 */
export function rulesAt<T>(stored: unknown, schema: z.ZodType<T>, at: string, defaults: T): T {
  const versions = versionsOf(stored, schema).filter((v) => v.from <= at);
  return versions.length ? versions.reduce((a, b) => (b.from >= a.from ? b : a)).rules : defaults;
}

/** The rules new carts get now: the newest version, or the defaults. */
export function currentRules<T>(stored: unknown, schema: z.ZodType<T>, defaults: T): T {
  const versions = versionsOf(stored, schema);
  return versions.length ? versions.reduce((a, b) => (b.from >= a.from ? b : a)).rules : defaults;
}

/** The history with `rules` taking effect at `now`; the oldest versions drop off past KEPT_VERSIONS. */
export function addVersion<T>(stored: unknown, schema: z.ZodType<T>, rules: T, now: string): RuleHistory<T> {
  const versions = [...versionsOf(stored, schema), { from: now, rules }].sort((a, b) =>
    a.from.localeCompare(b.from),
  );
  return { versions: versions.slice(-KEPT_VERSIONS) };
}

/** The store's whole price-making rule set at one moment, as checkout reads it. */
export type StoreRules = { tax: TaxSettings; shipping: ShippingRules; carriers: readonly string[] };
