// What the Reports screen reads from the desk's store: the running totals of the range's store days
// and every customer's purchases by day (first purchases and repeat rates need the history before
// the range), kept in step with the orders (reportAggregateWrites.ts) and rebuilt first when stale;
// the range's quotes and feedback, the customers (segments list their phone and e-mail) and the
// catalogue's stock (value, low stock). No order is read: that is what keeps 50,000 of them quick.
import type { FunnelQuote } from '$shared/reports/funnelReport';
import type { ReportFeedback } from '$shared/reports/npsReport';
import type { CustomerAggregate, DayAggregate, ProductNames } from '$shared/reports/reportAggregates';
import type { DayRange } from '$shared/reports/reportOrders';
import type { SegmentCustomer } from '$shared/reports/segments';
import type { StockVariant } from '$shared/reports/stockReport';
import type { StockLevel } from '$shared/records';
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

/** `sinceIso`…`untilIso` are instants either side of the range's store days (quotes, feedback). */
export async function loadReportData(
  db: OrderlineDb,
  range: DayRange,
  sinceIso: string,
  untilIso: string,
): Promise<ReportData> {
  await ensureReportAggregates(db, await currentBasis(db));
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
      const [days, customerHistories, names, quotes, feedback, customers, variants, levels] =
        await Promise.all([
          db.reportDays.where('day').between(range.from, range.to, true, true).toArray(),
          db.reportCustomers.toArray(),
          db.reportMeta.get(NAMES_KEY),
          db.quotes.where('createdAt').between(sinceIso, untilIso).toArray(),
          db.feedback.where('createdAt').between(sinceIso, untilIso).toArray(),
          db.customers.toArray(),
          db.variants.toArray(),
          db.stockLevels.toArray(),
        ]);
      return {
        days,
        customerHistories,
        productNames: names?.names ?? {},
        quotes: quotes.map((q) => ({ createdAt: q.createdAt, convertedOrderId: q.convertedOrderId })),
        feedback,
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
    },
  );
}
