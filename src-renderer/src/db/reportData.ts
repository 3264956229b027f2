// What the Reports screen reads from the desk's store: the running totals of the range's store days
// and every customer's purchases by day (first purchases and repeat rates need the history before
// the range), kept in step with the orders (reportAggregateWrites.ts) and rebuilt first when stale;
// the range's quotes and feedback, the customers (segments list their phone and e-mail) and the
// catalogue's stock (value, low stock). No order is read: that is what keeps 50,000 of them quick;
// what does not depend on the range is kept from one report to the next until a write changes it.
import type { FunnelQuote } from '$shared/reports/funnelReport';
import type { ReportFeedback } from '$shared/reports/npsReport';
import type { CustomerAggregate, DayAggregate, ProductNames } from '$shared/reports/reportAggregates';
import type { DayRange } from '$shared/reports/reportOrders';
import type { SegmentCustomer } from '$shared/reports/segments';
import type { StockVariant } from '$shared/reports/stockReport';
import type { StockLevel } from '$shared/records';
import Dexie from 'dexie';
import type { OrderlineDb } from './database';
import { currentBasis, ensureReportAggregates } from './reportAggregateFold';
import { NAMES_KEY } from './reportAggregateWrites';

export interface ReportData {
  days: DayAggregate[];
  customerHistories: CustomerAggregate[];
  productNames: ProductNames;
  quotes: FunnelQuote[];
  customers: Map<string, SegmentCustomer>;
  variants: StockVariant[];
  levels: Map<string, Pick<StockLevel, 'onHand' | 'reserved'>>;
  feedback: ReportFeedback[];
}

/** What the reports read that does not depend on the range: every customer's totals and record,
 * the product names and the catalogue's stock. */
type Standing = Pick<ReportData, 'customerHistories' | 'productNames' | 'customers' | 'variants' | 'levels'>;

/** The tables `Standing` is read from, and those whose writes change it (an order or parcel write
 * changes the customers' totals in the same transaction). */
const STANDING_TABLES = [
  'reportCustomers',
  'reportMeta',
  'customers',
  'variants',
  'stockLevels',
  'orders',
  'parcels',
  'reportFacts',
];

// The last Standing read, per database, until a write to one of its tables (in this window or, by
// Dexie's broadcast, another) makes it stale: a manager changing the range or the grouping reads
// only the range's day rows, quotes and feedback again, not 10,000 customers twice. Each database's
// writes are counted, so a read that a write overtook is not kept.
const standing = new WeakMap<OrderlineDb, { data: Standing; at: number }>();
const writes = new Map<string, number>();
let watching = false;

function watchWrites(): void {
  if (watching) return;
  watching = true;
  Dexie.on('storagemutated', (parts) => {
    for (const part of Object.keys(parts)) {
      if (!part.startsWith('idb://')) continue;
      const [name, table] = part.slice('idb://'.length).split('/');
      if (name === undefined || !STANDING_TABLES.includes(table ?? '')) continue;
      writes.set(name, (writes.get(name) ?? 0) + 1);
    }
  });
}

async function readStanding(db: OrderlineDb): Promise<Standing> {
  const [customerHistories, names, customers, variants, levels] = await Promise.all([
    db.reportCustomers.toArray(),
    db.reportMeta.get(NAMES_KEY),
    db.customers.toArray(),
    db.variants.toArray(),
    db.stockLevels.toArray(),
  ]);
  return {
    customerHistories,
    productNames: names?.names ?? {},
    customers: new Map(
      customers.map((c) => [c.id, { id: c.id, name: c.name, phone: c.phone, email: c.email }]),
    ),
    variants: variants.map((v) => ({
      id: v.id,
      sku: v.sku,
      price: v.price,
      costPrice: v.costPrice,
      reorderPoint: v.reorderPoint,
    })),
    levels: new Map(levels.map((l) => [l.variantId, { onHand: l.onHand, reserved: l.reserved }])),
  };
}

/** `sinceIso`…`untilIso` are instants either side of the range's store days (quotes, feedback). */
export async function loadReportData(
  db: OrderlineDb,
  range: DayRange,
  sinceIso: string,
  untilIso: string,
): Promise<ReportData> {
  watchWrites();
  await ensureReportAggregates(db, await currentBasis(db));
  const before = writes.get(db.name) ?? 0;
  return db.transaction(
    'r',
    [
      db.reportDays,
      db.reportCustomers,
      db.reportMeta,
      db.quotes,
      db.feedback,
      db.customers,
      db.variants,
      db.stockLevels,
    ],
    async () => {
      const kept = standing.get(db);
      const known = kept?.at === (writes.get(db.name) ?? 0) ? kept.data : undefined;
      const [days, quotes, feedback, read] = await Promise.all([
        db.reportDays.where('day').between(range.from, range.to, true, true).toArray(),
        db.quotes.where('createdAt').between(sinceIso, untilIso).toArray(),
        db.feedback.where('createdAt').between(sinceIso, untilIso).toArray(),
        known ?? readStanding(db),
      ]);
      if (!known && (writes.get(db.name) ?? 0) === before) standing.set(db, { data: read, at: before });
      return {
        ...read,
        days,
        quotes: quotes.map((q) => ({ createdAt: q.createdAt, convertedOrderId: q.convertedOrderId })),
        feedback,
      };
    },
  );
}
