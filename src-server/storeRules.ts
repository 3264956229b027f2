// The one place the server reads a store's pricing rules: the same synced settings rows the desks
// price with (store.tax, store.shipping and store.promos as dated versions, store.profile), read
// the way the desk reads them, so a checkout the desk priced is priced the same here.
import type { StoreRules } from '../src-shared/checkoutCheck';
import { promosAt } from '../src-shared/promotions';
import { DEFAULT_REFERRAL_SETTINGS, REFERRALS_KEY, readReferralSettings } from '../src-shared/referrals';
import { STORE_PROFILE_KEY, readStoreProfile } from '../src-shared/storeProfile';
import {
  DEFAULT_SHIPPING_RULES,
  DEFAULT_TAX_SETTINGS,
  PROMOS_KEY,
  SHIPPING_RULES_KEY,
  ShippingRulesSchema,
  TAX_RULES_KEY,
  TaxSettingsSchema,
  rulesAt,
  type TaxSettings,
} from '../src-shared/storeRules';
import type { ShippingRules } from '../src-shared/shippingRules';
import type { z } from 'zod';
import type { Sql } from './db';

const SETTING_KEYS = [TAX_RULES_KEY, SHIPPING_RULES_KEY, PROMOS_KEY, STORE_PROFILE_KEY, REFERRALS_KEY];
const TAX_SCHEMA = TaxSettingsSchema as unknown as z.ZodType<TaxSettings>;
const SHIPPING_SCHEMA = ShippingRulesSchema as unknown as z.ZodType<ShippingRules>;

/** The rules a store with no rules of its own prices with (what a new desk starts with). */
export function defaultStoreRules(): StoreRules {
  const { basis, zone, rules } = DEFAULT_TAX_SETTINGS;
  return {
    tax: { basis, table: { zone, rules } },
    homeCountry: DEFAULT_SHIPPING_RULES.origin,
    shipping: DEFAULT_SHIPPING_RULES,
    promos: [],
    referrals: DEFAULT_REFERRAL_SETTINGS,
    timeZone: readStoreProfile(undefined).timeZone,
  };
}

/**
 * The store's rules in force at `at` (the cart's start: a change saved since reaches new carts only),
 * each falling back to the default when the store has none or a damaged one.
 */
export async function storeRules(tx: Sql, storeId: string, at: string): Promise<StoreRules> {
  const rows = await tx.query<{ key: string; value: unknown }>(
    `SELECT data->>'key' AS key, data->'value' AS value FROM records
      WHERE store_id = $1 AND table_name = 'settings' AND data->>'key' = ANY($2::text[])`,
    [storeId, SETTING_KEYS],
  );
  const setting = (key: string) => rows.find((r) => r.key === key)?.value;
  const { basis, zone, rules } = rulesAt(setting(TAX_RULES_KEY), TAX_SCHEMA, at, DEFAULT_TAX_SETTINGS);
  const shipping = rulesAt(setting(SHIPPING_RULES_KEY), SHIPPING_SCHEMA, at, DEFAULT_SHIPPING_RULES);
  return {
    tax: { basis, table: { zone, rules } },
    homeCountry: shipping.origin,
    shipping,
    promos: promosAt(setting(PROMOS_KEY), at),
    referrals: readReferralSettings(setting(REFERRALS_KEY)),
    timeZone: readStoreProfile(setting(STORE_PROFILE_KEY)).timeZone,
  };
}
