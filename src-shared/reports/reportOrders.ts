// Which orders count as sales, when, and for how much: the one rule every report reads, so two
// reports never disagree about the same order.
import type { Order } from '../records';
import type { OrderStatus } from '../orderStatus';
import { isGiftCardLine } from '../balances';

/** Statuses an order reaches only after its payment was taken (or put on account). */
export const SOLD_STATUSES: ReadonlySet<OrderStatus> = new Set<OrderStatus>([
  'receipt',
  'processing',
  'packaging',
  'partially_shipped',
  'shipped',
  'delivered',
  'returned',
  'refunded',
]);

export type ReportOrder = Pick<
  Order,
  | 'id'
  | 'number'
  | 'customerId'
  | 'customerName'
  | 'channel'
  | 'status'
  | 'totals'
  | 'lines'
  | 'payments'
  | 'acquisitionSource'
  | 'campaignCode'
  | 'soldBy'
  | 'createdAt'
>;

/** A sale: an order past payment, or one on hold with money taken. */
export function isSale(order: ReportOrder): boolean {
  return SOLD_STATUSES.has(order.status) || (order.status === 'on_hold' && order.totals.paid > 0);
}

/** What the sale is worth to the store: its total less what was refunded, and less the gift cards it
 * sold (a card is money held for the customer, takings only when it is spent on a later sale). */
export function netSale(order: ReportOrder): number {
  let giftCards = 0;
  for (const line of order.lines)
    if (isGiftCardLine(line)) giftCards += line.quantity * line.unitPrice.amount;
  return order.totals.total - order.totals.refunded - giftCards;
}

/** When the first payment was taken, or the order's creation for a sale put on account at once. */
export function paidAt(order: ReportOrder): string {
  let first: string | undefined;
  for (const payment of order.payments) if (!first || payment.at < first) first = payment.at;
  return first ?? order.createdAt;
}

/** An inclusive range of store days (YYYY-MM-DD). */
export interface DayRange {
  from: string;
  to: string;
}

export function inRange(day: string, range: DayRange): boolean {
  return day >= range.from && day <= range.to;
}
