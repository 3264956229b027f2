// The funnel from intent to a kept sale: quotes and carts → checked out → paid → shipped →
// delivered, with returns beside, and each stage's conversion from the one before.
import { storeDay } from '../storeDay';
import type { OrderStatus } from '../orderStatus';
import { inRange, isSale, type DayRange, type ReportOrder } from './reportOrders';

export interface FunnelQuote {
  createdAt: string;
  convertedOrderId?: string;
}

export interface FunnelStage {
  stage: 'intent' | 'checkout' | 'paid' | 'shipped' | 'delivered' | 'returned';
  label: string;
  count: number;
  /** Of the stage before (returned: of delivered); null for the first stage or an empty one before. */
  conversion: number | null;
}

const SHIPPED: ReadonlySet<OrderStatus> = new Set(['partially_shipped', 'shipped', 'delivered', 'returned']);
const DELIVERED: ReadonlySet<OrderStatus> = new Set(['delivered', 'returned']);

/**
 * Orders placed in the range (carts with at least one line) and quotes written in it that never
 * became an order (a converted quote is already counted as its order).
 * `shippedOrderIds` names orders with a dispatched parcel, so a refunded order that shipped first
 * still counts as shipped.
 */
export function funnel(
  orders: readonly ReportOrder[],
  quotes: readonly FunnelQuote[],
  shippedOrderIds: ReadonlySet<string>,
  range: DayRange,
  timeZone: string,
): FunnelStage[] {
  let intent = 0;
  let checkout = 0;
  let paid = 0;
  let shipped = 0;
  let delivered = 0;
  let returned = 0;
  for (const order of orders) {
    if (order.lines.length === 0 || !inRange(storeDay(order.createdAt, timeZone), range)) continue;
    intent++;
    if (order.status !== 'cart') checkout++;
    if (!isSale(order)) continue;
    paid++;
    if (SHIPPED.has(order.status) || shippedOrderIds.has(order.id)) shipped++;
    if (DELIVERED.has(order.status)) delivered++;
    if (order.status === 'returned') returned++;
  }
  for (const quote of quotes) {
    if (!quote.convertedOrderId && inRange(storeDay(quote.createdAt, timeZone), range)) intent++;
  }
  const rate = (count: number, of: number) => (of > 0 ? count / of : null);
  return [
    { stage: 'intent', label: 'Quotes and carts', count: intent, conversion: null },
    { stage: 'checkout', label: 'Checked out', count: checkout, conversion: rate(checkout, intent) },
    { stage: 'paid', label: 'Paid', count: paid, conversion: rate(paid, checkout) },
    { stage: 'shipped', label: 'Shipped', count: shipped, conversion: rate(shipped, paid) },
    { stage: 'delivered', label: 'Delivered', count: delivered, conversion: rate(delivered, shipped) },
    { stage: 'returned', label: 'Returned', count: returned, conversion: rate(returned, delivered) },
  ];
}
