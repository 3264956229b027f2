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

/**
 * Each SKU's name as on the line of its first sale (orders by creation, then id; a sale's first
 * line of the SKU): one name per product for every range, however its lines were named since.
 */
export function firstLineNames(orders: readonly ReportOrder[]): Map<string, string> {
  const first = new Map<string, { name: string; at: string }>();
  for (const order of orders) {
    if (!isSale(order)) continue;
    const at = `${order.createdAt} ${order.id}`;
    for (const line of order.lines) {
      if (isGiftCardLine(line)) continue;
      const known = first.get(line.sku);
      if (!known || at < known.at) first.set(line.sku, { name: line.name, at });
    }
  }
  return new Map([...first].map(([sku, { name }]) => [sku, name]));
}
