// The store's settings rows (profile, tax, shipping, carriers, promo codes): read with their
// defaults, and written in one transaction with an outbox entry keyed by the setting's name so
// every desk of the store gets them.
import type { z } from 'zod';
import {
  DEFAULT_STORE_PROFILE,
  STORE_PROFILE_KEY,
  StoreProfileSchema,
  readStoreProfile,
  type StoreProfile,
} from '$shared/storeProfile';
import {
  CARRIERS_KEY,
  CarriersSchema,
  DEFAULT_CARRIERS,
  DEFAULT_SHIPPING_RULES,
  DEFAULT_TAX_SETTINGS,
  PROMOS_KEY,
  SHIPPING_RULES_KEY,
  ShippingRulesSchema,
  TAX_RULES_KEY,
  TaxSettingsSchema,
  addVersion,
  currentRules,
  rulesAt,
  unlistedCarriers,
  type StoreRules,
  type TaxSettings,
} from '$shared/storeRules';
import type { ShippingRules } from '$shared/shippingRules';
import { inStorePrefixes } from '$shared/productForm';
import { PromoSchema, addPromoVersion, promosAt, type Promo } from '$shared/promotions';
import { LEGACY_SETTING_KEYS } from '$shared/syncedRecords';
import { ValidationError, parseRecord } from '$shared/validation';
import type { OrderlineDb } from './database';
import { saveStoreSetting } from './syncedWrites';

const TAX_SCHEMA = TaxSettingsSchema as unknown as z.ZodType<TaxSettings>;
const SHIPPING_SCHEMA = ShippingRulesSchema as unknown as z.ZodType<ShippingRules>;

/** Writes one store setting and its outbox entry together, so it reaches every desk of the store. */
export function putStoreSetting(db: OrderlineDb, key: string, value: unknown): Promise<void> {
  return saveStoreSetting(db, key, value);
}

/** A store setting's stored value; a desk that saved it before store settings synced finds it under
 * its old key (LEGACY_SETTING_KEYS) until it is saved again. */
export async function loadStoreSetting(db: OrderlineDb, key: string): Promise<unknown> {
  const legacy = LEGACY_SETTING_KEYS[key];
  const row = (await db.settings.get(key)) ?? (legacy ? await db.settings.get(legacy) : undefined);
  return row?.value;
}

/** The settings key of the prefix (20–29, not the scale's) for barcodes the store makes itself. */
export const BARCODE_PREFIX_KEY = 'store.barcodePrefix';

/** The store's prefix for in-store barcodes (the first free one until the store chooses). */
export async function loadBarcodePrefix(db: OrderlineDb): Promise<string> {
  const stored = (await db.settings.get(BARCODE_PREFIX_KEY))?.value;
  return typeof stored === 'string' && inStorePrefixes().includes(stored) ? stored : inStorePrefixes()[0]!;
}

export async function loadStoreProfile(db: OrderlineDb): Promise<StoreProfile> {
  return readStoreProfile((await db.settings.get(STORE_PROFILE_KEY))?.value);
}

/** Whether the store has saved a profile of its own (else the defaults stand in). */
export async function hasStoreProfile(db: OrderlineDb): Promise<boolean> {
  return StoreProfileSchema.safeParse((await db.settings.get(STORE_PROFILE_KEY))?.value).success;
}

export async function saveStoreProfile(db: OrderlineDb, input: unknown): Promise<StoreProfile> {
  const profile = parseRecord(StoreProfileSchema, input, 'The store settings');
  await putStoreSetting(db, STORE_PROFILE_KEY, profile);
  return profile;
}

/** The carriers the store ships with (the default methods' carriers until it lists its own). */
export async function loadCarriers(db: OrderlineDb): Promise<string[]> {
  const parsed = CarriersSchema.safeParse((await db.settings.get(CARRIERS_KEY))?.value);
  return parsed.success ? parsed.data : [...DEFAULT_CARRIERS];
}

/**
 * The rules a cart started at `at` is priced by; without `at`, the rules new carts get now.
 * Rules saved after a cart started do not reach it, so its price holds.
 */
export async function loadStoreRules(db: OrderlineDb, at?: string): Promise<StoreRules> {
  const [tax, shipping, carriers] = await Promise.all([
    db.settings.get(TAX_RULES_KEY),
    db.settings.get(SHIPPING_RULES_KEY),
    loadCarriers(db),
  ]);
  return at
    ? {
        tax: rulesAt(tax?.value, TAX_SCHEMA, at, DEFAULT_TAX_SETTINGS),
        shipping: rulesAt(shipping?.value, SHIPPING_SCHEMA, at, DEFAULT_SHIPPING_RULES),
        carriers,
      }
    : {
        tax: currentRules(tax?.value, TAX_SCHEMA, DEFAULT_TAX_SETTINGS),
        shipping: currentRules(shipping?.value, SHIPPING_SCHEMA, DEFAULT_SHIPPING_RULES),
        carriers,
      };
}

/** The store's own country (the origin of its shipping rules, Settings › Shipping): where a new
 *  customer's address starts. */
export async function storeCountry(db: OrderlineDb): Promise<string> {
  return (await loadStoreRules(db)).shipping.origin;
}

/** Saves a new tax table for carts started from now on. */
export async function saveTaxSettings(
  db: OrderlineDb,
  input: unknown,
  now = new Date().toISOString(),
): Promise<TaxSettings> {
  const tax = parseRecord(TAX_SCHEMA, input, 'The tax rates');
  const stored = (await db.settings.get(TAX_RULES_KEY))?.value;
  await putStoreSetting(db, TAX_RULES_KEY, addVersion(stored, TAX_SCHEMA, tax, now));
  return tax;
}

/** Saves new shipping rules for carts started from now on; every method's carrier must be listed. */
export async function saveShippingRules(
  db: OrderlineDb,
  input: unknown,
  now = new Date().toISOString(),
): Promise<ShippingRules> {
  const rules = parseRecord(SHIPPING_SCHEMA, input, 'The shipping rules');
  const [profile, carriers] = await Promise.all([loadStoreProfile(db), loadCarriers(db)]);
  const problems = unlistedCarriers(rules, carriers);
  if (rules.currency !== profile.currency)
    problems.push(`shipping prices are in ${rules.currency} but the store sells in ${profile.currency}`);
  if (problems.length) throw new ValidationError('The shipping rules', problems);
  const stored = (await db.settings.get(SHIPPING_RULES_KEY))?.value;
  await putStoreSetting(db, SHIPPING_RULES_KEY, addVersion(stored, SHIPPING_SCHEMA, rules, now));
  return rules;
}

/** Saves the carrier list; a carrier still used by a shipping method cannot be taken off. */
export async function saveCarriers(db: OrderlineDb, input: unknown): Promise<string[]> {
  const carriers = parseRecord(CarriersSchema, input, 'The carriers');
  const problems = unlistedCarriers((await loadStoreRules(db)).shipping, carriers);
  if (problems.length) throw new ValidationError('The carriers', problems);
  await putStoreSetting(db, CARRIERS_KEY, carriers);
  return carriers;
}

/**
 * The store's promo codes (a stored code that no longer parses is left out): as a cart started at
 * `at` sees them (an edit saved since does not reach it), or without `at` as they stand now.
 */
export async function loadPromos(db: OrderlineDb, at?: string): Promise<Promo[]> {
  return promosAt(await loadStoreSetting(db, PROMOS_KEY), at);
}

/** Adds one promo code, or a new version of one (by id) for carts started from now on; the same
 * code twice is refused. */
export async function savePromo(
  db: OrderlineDb,
  input: unknown,
  now = new Date().toISOString(),
): Promise<Promo> {
  const promo = parseRecord(PromoSchema, input, 'The promo code');
  const stored = await loadStoreSetting(db, PROMOS_KEY);
  if (promosAt(stored).some((p) => p.code === promo.code && p.id !== promo.id))
    throw new ValidationError('The promo code', [`code ${promo.code} already exists; edit that one instead`]);
  await putStoreSetting(db, PROMOS_KEY, addPromoVersion(stored, promo, now));
  return promo;
}

export { DEFAULT_STORE_PROFILE };
