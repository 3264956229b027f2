// What the Reports screen reads from the desk's store: orders up to the end of the range (first
// purchases and repeat rates need the history before it), the range's quotes, parcels, the
// customers (segments list their phone and e-mail) and the catalogue's stock (value, low stock).
import type { FunnelQuote } from '../../../src-shared/reports/funnelReport';
import type { ShippedParcel } from '../../../src-shared/reports/fulfilmentReport';
import type { ReportFeedback } from '../../../src-shared/reports/npsReport';
import type { ReportOrder } from '../../../src-shared/reports/reportOrders';
import type { SegmentCustomer } from '../../../src-shared/reports/segments';
import type { StockVariant } from '../../../src-shared/reports/stockReport';
import type { StockLevel } from '../../../src-shared/records';
import type { OrderlineDb } from './database';

export interface ReportData {
  orders: ReportOrder[];
  quotes: FunnelQuote[];
  parcels: ShippedParcel[];
  customers: Map<string, SegmentCustomer>;
  variants: StockVariant[];
  levels: Map<string, Pick<StockLevel, 'onHand' | 'reserved'>>;
  feedback: ReportFeedback[];
}

/** `untilIso` is an instant after the range's last store day, so a day's late sales are in. */
export async function loadReportData(
  db: OrderlineDb,
  sinceIso: string,
  untilIso: string,
): Promise<ReportData> {
  return db.transaction(
    'r',
    [db.orders, db.quotes, db.parcels, db.feedback, db.customers, db.variants, db.stockLevels],
    async () => {
      const [orders, quotes, parcels, feedback, customers, variants, levels] = await Promise.all([
        db.orders.where('createdAt').below(untilIso).toArray(),
        db.quotes.where('createdAt').between(sinceIso, untilIso).toArray(),
        db.parcels.toArray(),
        db.feedback.where('createdAt').between(sinceIso, untilIso).toArray(),
        db.customers.toArray(),
        db.variants.toArray(),
        db.stockLevels.toArray(),
      ]);
      return {
        orders,
        quotes: quotes.map((q) => ({ createdAt: q.createdAt, convertedOrderId: q.convertedOrderId })),
        parcels: parcels.map((p) => ({ orderId: p.orderId, shippedAt: p.shippedAt })),
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
