// Sales over time and by who or what brought them in: totals, order counts and average order value,
// with the store's days deciding which bucket a sale falls in.
import { storeDay } from '../storeDay';
import { isGiftCardLine } from '../balances';
import { isSale, netSale, inRange, type DayRange, type ReportOrder } from './reportOrders';

export type Granularity = 'day' | 'week' | 'month';

export interface SalesRow {
  /** The bucket: a day (2026-12-07), a week by its Monday (2026-12-07) or a month (2026-12). */
  key: string;
  orders: number;
  net: number;
  averageOrderValue: number;
}

/** The Monday of a YYYY-MM-DD day's week (ISO weeks start on Monday). */
export function weekOf(day: string): string {
  const time = Date.parse(`${day}T00:00:00Z`);
  const weekday = (new Date(time).getUTCDay() + 6) % 7;
  return new Date(time - weekday * 86_400_000).toISOString().slice(0, 10);
}

export function bucketOf(day: string, granularity: Granularity): string {
  if (granularity === 'day') return day;
  if (granularity === 'week') return weekOf(day);
  return day.slice(0, 7);
}

function row(key: string, orders: number, net: number): SalesRow {
  return { key, orders, net, averageOrderValue: orders ? Math.round(net / orders) : 0 };
}

/** The sales of the range, counted on the store's day each order was placed. */
export function salesInRange(
  orders: readonly ReportOrder[],
  range: DayRange,
  timeZone: string,
): { order: ReportOrder; day: string }[] {
  const sales: { order: ReportOrder; day: string }[] = [];
  for (const order of orders) {
    if (!isSale(order)) continue;
    const day = storeDay(order.createdAt, timeZone);
    if (inRange(day, range)) sales.push({ order, day });
  }
  return sales;
}

/** Every bucket of the range in order, empty ones included, so a chart shows the quiet days too. */
export function salesByPeriod(
  sales: readonly { order: ReportOrder; day: string }[],
  range: DayRange,
  granularity: Granularity,
): SalesRow[] {
  const buckets = new Map<string, { orders: number; net: number }>();
  for (
    let time = Date.parse(`${range.from}T00:00:00Z`);
    time <= Date.parse(`${range.to}T00:00:00Z`);
    time += 86_400_000
  ) {
    buckets.set(bucketOf(new Date(time).toISOString().slice(0, 10), granularity), { orders: 0, net: 0 });
  }
  for (const { order, day } of sales) {
    const bucket = buckets.get(bucketOf(day, granularity));
    if (!bucket) continue;
    bucket.orders += 1;
    bucket.net += netSale(order);
  }
  return [...buckets].map(([key, b]) => row(key, b.orders, b.net));
}

/** Sales grouped by a property of the order (channel, acquisition source…), biggest first. */
export function salesBy(
  sales: readonly { order: ReportOrder }[],
  keyOf: (order: ReportOrder) => string,
): SalesRow[] {
  const groups = new Map<string, { orders: number; net: number }>();
  for (const { order } of sales) {
    const key = keyOf(order);
    const group = groups.get(key) ?? { orders: 0, net: 0 };
    group.orders += 1;
    group.net += netSale(order);
    groups.set(key, group);
  }
  return [...groups]
    .map(([key, g]) => row(key, g.orders, g.net))
    .sort((a, b) => b.net - a.net || a.key.localeCompare(b.key));
}

export interface TopProduct {
  sku: string;
  name: string;
  units: number;
  /** Line value after line discounts (before order discounts, which belong to no one line). */
  revenue: number;
}

/** `nameOf` names a SKU (the reports: its first sale's line); else the first line of these sales. */
export function topProducts(
  sales: readonly { order: ReportOrder }[],
  limit = 10,
  nameOf?: (sku: string) => string | undefined,
): TopProduct[] {
  const bySku = new Map<string, TopProduct>();
  for (const { order } of sales) {
    for (const line of order.lines) {
      if (isGiftCardLine(line)) continue;
      const top = bySku.get(line.sku) ?? {
        sku: line.sku,
        name: nameOf?.(line.sku) ?? line.name,
        units: 0,
        revenue: 0,
      };
      top.units += line.quantity;
      top.revenue += line.quantity * line.unitPrice.amount - (line.discount?.amount ?? 0);
      bySku.set(line.sku, top);
    }
  }
  return [...bySku.values()]
    .sort((a, b) => b.revenue - a.revenue || b.units - a.units || a.sku.localeCompare(b.sku))
    .slice(0, limit);
}

export interface TopCustomer {
  customerId: string;
  name: string;
  orders: number;
  net: number;
}

/** `nameOf` names a customer (the reports: as the segments do); else their first sale here. */
export function topCustomers(
  sales: readonly { order: ReportOrder }[],
  limit = 10,
  nameOf?: (customerId: string) => string | undefined,
): TopCustomer[] {
  const byCustomer = new Map<string, TopCustomer>();
  for (const { order } of sales) {
    if (!order.customerId) continue;
    const top = byCustomer.get(order.customerId) ?? {
      customerId: order.customerId,
      name: nameOf?.(order.customerId) ?? order.customerName ?? order.customerId,
      orders: 0,
      net: 0,
    };
    top.orders += 1;
    top.net += netSale(order);
    byCustomer.set(order.customerId, top);
  }
  return [...byCustomer.values()]
    .sort((a, b) => b.net - a.net || a.name.localeCompare(b.name) || a.customerId.localeCompare(b.customerId))
    .slice(0, limit);
}
