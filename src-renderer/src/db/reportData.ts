// What the Reports screen reads from the desk's store: orders up to the end of the range (first
// purchases and repeat rates need the history before it), the range's quotes, and parcels.
import type { FunnelQuote } from '../../../src-shared/reports/funnelReport';
import type { ShippedParcel } from '../../../src-shared/reports/fulfilmentReport';
import type { ReportFeedback } from '../../../src-shared/reports/npsReport';
import type { ReportOrder } from '../../../src-shared/reports/reportOrders';
import type { OrderlineDb } from './database';

export interface ReportData {
  orders: ReportOrder[];
  quotes: FunnelQuote[];
  parcels: ShippedParcel[];
  feedback: ReportFeedback[];
}

/** `untilIso` is an instant after the range's last store day, so a day's late sales are in. */
export async function loadReportData(
  db: OrderlineDb,
  sinceIso: string,
  untilIso: string,
): Promise<ReportData> {
  return db.transaction('r', [db.orders, db.quotes, db.parcels, db.feedback], async () => {
    const [orders, quotes, parcels, feedback] = await Promise.all([
      db.orders.where('createdAt').below(untilIso).toArray(),
      db.quotes.where('createdAt').between(sinceIso, untilIso).toArray(),
      db.parcels.toArray(),
      db.feedback.where('createdAt').between(sinceIso, untilIso).toArray(),
    ]);
    return {
      orders,
      quotes: quotes.map((q) => ({ createdAt: q.createdAt, convertedOrderId: q.convertedOrderId })),
      parcels: parcels.map((p) => ({ orderId: p.orderId, shippedAt: p.shippedAt })),
      feedback,
    };
  });
}
