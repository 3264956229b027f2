// Folding every order into the reports' running totals at once: the v14 upgrade (from the raw
// settings rows in the upgrade transaction) and a rebuild when the totals are stale (their basis,
// the store's time zone or shipping rules or the rules version, no longer matches, or a write
// could not be folded).
import { readStoreProfile } from '$shared/storeProfile';
import { DEFAULT_SHIPPING_RULES, ShippingRulesSchema, currentRules } from '$shared/storeRules';
import type { ShippingRules } from '$shared/shippingRules';
import type { ReportOrder } from '$shared/reports/reportOrders';
import type { z } from 'zod';
import type { OrderlineDb } from './database';
import type { V14Fold } from './migrations/v14';
import { loadStoreProfile, loadStoreRules } from './storeSettings';
import { BASIS_KEY, basisKey, basisOf, foldEverything, type ReportBasis } from './reportAggregateWrites';

const SHIPPING_SCHEMA = ShippingRulesSchema as unknown as z.ZodType<ShippingRules>;

export const foldForUpgrade: V14Fold = (orders, parcels, settings) =>
  foldEverything(
    orders as ReportOrder[],
    parcels,
    basisOf(
      readStoreProfile(settings.profile).timeZone,
      currentRules(settings.shipping, SHIPPING_SCHEMA, DEFAULT_SHIPPING_RULES),
    ),
  );

/** The basis the totals should have now. */
export async function currentBasis(db: OrderlineDb): Promise<ReportBasis> {
  const [{ timeZone }, { shipping }] = await Promise.all([loadStoreProfile(db), loadStoreRules(db)]);
  return basisOf(timeZone, shipping);
}

/** Rebuilds the totals from every order when they are stale; returns whether it had to. */
export async function ensureReportAggregates(db: OrderlineDb, basis: ReportBasis): Promise<boolean> {
  const key = basisKey(basis);
  if ((await db.reportMeta.get(BASIS_KEY))?.basis === key) return false;
  await db.transaction(
    'rw',
    [db.orders, db.parcels, db.reportFacts, db.reportDays, db.reportCustomers, db.reportMeta],
    async () => {
      const [orders, parcels] = await Promise.all([db.orders.toArray(), db.parcels.toArray()]);
      const folded = foldEverything(orders, parcels, basis);
      await Promise.all([db.reportFacts.clear(), db.reportDays.clear(), db.reportCustomers.clear()]);
      await Promise.all([
        db.reportFacts.bulkPut(folded.facts),
        db.reportDays.bulkPut(folded.days),
        db.reportCustomers.bulkPut(folded.customers),
        db.reportMeta.bulkPut(folded.meta),
      ]);
    },
  );
  return true;
}
