// Dexie v13 → v14, frozen: the reports' running totals are folded from the orders and parcels the
// desk already holds, in the upgrade itself, so the first Reports screen after it is as quick as
// any. The totals are a cache of today's report rules, not records: what one order adds is decided
// by the `fold` handed in (reportAggregates.ts, stamped with its rules version and the store's time
// zone and shipping rules), and a desk whose stamp no longer matches rebuilds them. This step only
// reads the rows and stores what the fold returns. Only types may be imported here.
import type { Transaction } from 'dexie';

export interface V14Fold {
  (
    orders: unknown[],
    parcels: { orderId: string; shippedAt?: string }[],
    settings: { profile: unknown; shipping: unknown },
  ): { facts: unknown[]; days: unknown[]; customers: unknown[]; meta: unknown[] };
}

export async function upgradeToV14(tx: Transaction, fold: V14Fold): Promise<void> {
  const [orders, parcels, profile, shipping] = await Promise.all([
    tx.table('orders').toArray(),
    tx.table('parcels').toArray(),
    tx.table('settings').get('store.profile'),
    tx.table('settings').get('store.shipping'),
  ]);
  const folded = fold(orders, parcels, { profile: profile?.value, shipping: shipping?.value });
  await Promise.all([
    tx.table('reportFacts').bulkPut(folded.facts),
    tx.table('reportDays').bulkPut(folded.days),
    tx.table('reportCustomers').bulkPut(folded.customers),
    tx.table('reportMeta').bulkPut(folded.meta),
  ]);
}
