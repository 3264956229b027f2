// The one place the server reads a store's pricing rules (tax rates, shipping, promo codes). Stores
// keep them as synced settings rows (store.taxRates, store.shipping, store.promos); a store that
// has none synced prices with the defaults a new desk starts with.
import { PromoSchema, type Promo } from '../src-shared/promotions';
import type { StoreRules } from '../src-shared/checkoutCheck';
import { DEFAULT_SHIPPING_GB, type ShippingRules } from '../src-shared/shippingRules';
import { defaultTaxTable, type TaxTable } from '../src-shared/tax';
import type { Sql } from './db';

const SETTING_KEYS = ['store.taxRates', 'store.shipping', 'store.promos'] as const;

/** What a desk prices with before the store's own rules are set (see src-renderer lib/sale.ts). */
export function defaultStoreRules(): StoreRules {
  return {
    tax: { basis: 'inclusive', table: defaultTaxTable('GB') },
    homeCountry: 'GB',
    shipping: DEFAULT_SHIPPING_GB,
    promos: [],
  };
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function taxFrom(value: unknown): StoreRules['tax'] | null {
  if (!isObject(value)) return null;
  const table = value.table as TaxTable | undefined;
  const basis = value.basis;
  if ((basis !== 'inclusive' && basis !== 'exclusive') || !isObject(table)) return null;
  if (!Array.isArray(table.zone) || !Array.isArray(table.rules)) return null;
  return { basis, table };
}

function shippingFrom(value: unknown): ShippingRules | null {
  if (!isObject(value)) return null;
  const rules = value as ShippingRules;
  return typeof rules.currency === 'string' && Array.isArray(rules.zones) && Array.isArray(rules.methods)
    ? rules
    : null;
}

function promosFrom(value: unknown): Promo[] | null {
  if (!Array.isArray(value)) return null;
  return value.flatMap((item) => {
    const parsed = PromoSchema.safeParse(item);
    return parsed.success ? [parsed.data] : [];
  });
}

/** The store's synced rules, each falling back to the default when the store has none (or a damaged one). */
export async function storeRules(tx: Sql, storeId: string): Promise<StoreRules> {
  const rows = await tx.query<{ key: string; value: unknown }>(
    `SELECT data->>'key' AS key, data->'value' AS value FROM records
      WHERE store_id = $1 AND table_name = 'settings' AND data->>'key' = ANY($2::text[])`,
    [storeId, [...SETTING_KEYS]],
  );
  const setting = (key: (typeof SETTING_KEYS)[number]) => rows.find((r) => r.key === key)?.value;
  const defaults = defaultStoreRules();
  return {
    ...defaults,
    tax: taxFrom(setting('store.taxRates')) ?? defaults.tax,
    shipping: shippingFrom(setting('store.shipping')) ?? defaults.shipping,
    promos: promosFrom(setting('store.promos')) ?? defaults.promos,
  };
}
