// Customer segments for the store to call or e-mail: new customers (first purchase in the range),
// repeat customers (two purchases or more), lapsed customers (nothing for N days before the range
// ends) and top spenders (the top tenth by what they spent, at least one). One pass over the sales.
import { addCalendarDays, storeDay } from '../storeDay';
import type { Customer } from '../records';
import { inRange, isSale, netSale, type DayRange, type ReportOrder } from './reportOrders';

export type SegmentId = 'new' | 'repeat' | 'lapsed' | 'top';

export interface SegmentMember {
  customerId: string;
  name: string;
  phone?: string;
  email?: string;
  orders: number;
  spent: number;
  firstDay: string;
  lastDay: string;
}

export interface Segment {
  id: SegmentId;
  title: string;
  members: SegmentMember[];
}

export type SegmentCustomer = Pick<Customer, 'id' | 'name' | 'phone' | 'email'>;

/**
 * Segments as of the range's last day. Only sales up to that day count, so a report run for last
 * month reads as it would have then.
 */
export function customerSegments(
  orders: readonly ReportOrder[],
  customers: ReadonlyMap<string, SegmentCustomer>,
  range: DayRange,
  timeZone: string,
  lapsedDays: number,
): Segment[] {
  return segmentsOf(segmentMembers(orders, customers, range, timeZone), range, lapsedDays);
}

/** Every customer with a purchase up to the range's last day, with what they bought up to it. */
export function segmentMembers(
  orders: readonly ReportOrder[],
  customers: ReadonlyMap<string, SegmentCustomer>,
  range: DayRange,
  timeZone: string,
): SegmentMember[] {
  const byCustomer = new Map<string, SegmentMember>();
  for (const order of orders) {
    if (!order.customerId || !isSale(order)) continue;
    const day = storeDay(order.createdAt, timeZone);
    if (day > range.to) continue;
    const known = byCustomer.get(order.customerId);
    if (known) {
      known.orders++;
      known.spent += netSale(order);
      if (day < known.firstDay) known.firstDay = day;
      if (day > known.lastDay) known.lastDay = day;
      continue;
    }
    const customer = customers.get(order.customerId);
    byCustomer.set(order.customerId, {
      customerId: order.customerId,
      name: customer?.name ?? order.customerName ?? 'Customer',
      ...(customer?.phone ? { phone: customer.phone } : {}),
      ...(customer?.email ? { email: customer.email } : {}),
      orders: 1,
      spent: netSale(order),
      firstDay: day,
      lastDay: day,
    });
  }
  return [...byCustomer.values()];
}

// Names as localeCompare orders them, with one collator made once; days and ids are ASCII, where
// code order is the same.
const byName = new Intl.Collator().compare;
const byCode = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The segments from each customer's purchases up to the range's last day. */
export function segmentsOf(all: readonly SegmentMember[], range: DayRange, lapsedDays: number): Segment[] {
  // Every list breaks ties by name, then id: sorted so once, each list is a stable sort or a filter
  // of it (one collator pass over thousands of customers, not one per list).
  const byNameThenId = [...all].sort((a, b) => byName(a.name, b.name) || byCode(a.customerId, b.customerId));
  const ranked = [...byNameThenId].sort((a, b) => b.spent - a.spent);
  const lapsedBefore = addCalendarDays(range.to, -lapsedDays);
  const topCount = ranked.length ? Math.max(1, Math.ceil(ranked.length / 10)) : 0;
  return [
    {
      id: 'new',
      title: 'New customers (first purchase in the range)',
      members: byNameThenId
        .filter((m) => inRange(m.firstDay, range))
        .sort((a, b) => byCode(b.lastDay, a.lastDay)),
    },
    {
      id: 'repeat',
      title: 'Repeat customers (two purchases or more)',
      members: ranked.filter((m) => m.orders >= 2),
    },
    {
      id: 'lapsed',
      title: `Lapsed customers (nothing for ${lapsedDays} days)`,
      members: ranked.filter((m) => m.lastDay < lapsedBefore),
    },
    { id: 'top', title: 'Top spenders (the top tenth)', members: ranked.slice(0, topCount) },
  ];
}
