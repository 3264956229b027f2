// The packers' queue, arranged: each order's ship-by date (the day its shipping method promises to
// hand it to the carrier), its carrier, filters by ship-by, carrier and channel, and the order to
// work in — most urgent first (earliest ship-by, then oldest) or simply oldest first.
import type { Order } from './records';
import type { OrderChannel } from './orderStatus';
import { addBusinessDays, type ShippingRules } from './shippingRules';
import { storeDay } from './storeDay';

export const COLLECTION = 'Collection';
export const OTHER_CARRIER = 'Other';

export type QueueSort = 'urgent' | 'oldest';
export type QueueFilter = {
  /** Keep orders that must ship on or before this date (YYYY-MM-DD). */
  dueBy?: string;
  carrier?: string;
  channel?: OrderChannel;
};

export type QueuedOrder = { order: Order; shipBy: string; carrier: string; overdue: boolean };

function methodOf(order: Pick<Order, 'shippingMethod'>, rules: ShippingRules) {
  return rules.methods.find((m) => m.name === order.shippingMethod);
}

/** The date the order must leave by: its method's dispatch days after the order, in business days.
 * An order to collect is due the day it was placed; an unknown method, the next business day. */
export function shipByOf(
  order: Pick<Order, 'createdAt' | 'shippingMethod'>,
  rules: ShippingRules,
  holidays: readonly string[] = [],
  timeZone = 'UTC',
): string {
  const days = methodOf(order, rules)?.dispatchDays ?? (carrierOf(order, rules) === COLLECTION ? 0 : 1);
  return addBusinessDays(storeDay(order.createdAt, timeZone), days, holidays);
}

/** Who takes the parcel: the method's carrier, "Collection" at the counter, "Other" when unknown. */
export function carrierOf(order: Pick<Order, 'shippingMethod'>, rules: ShippingRules): string {
  const method = methodOf(order, rules);
  if (method) return method.carrier;
  return !order.shippingMethod || /collect/i.test(order.shippingMethod) ? COLLECTION : OTHER_CARRIER;
}

export type ArrangeOptions = {
  rules: ShippingRules;
  today: string;
  filter?: QueueFilter;
  sort?: QueueSort;
  holidays?: readonly string[];
  /** The store's time zone: which day an order was placed on. */
  timeZone?: string;
};

/** The queue as a packer works it; the input is never changed. */
export function arrangeQueue(orders: readonly Order[], options: ArrangeOptions): QueuedOrder[] {
  const { rules, today, filter = {}, sort = 'urgent', holidays = [], timeZone = 'UTC' } = options;
  const queued = orders.map((order) => {
    const shipBy = shipByOf(order, rules, holidays, timeZone);
    return { order, shipBy, carrier: carrierOf(order, rules), overdue: shipBy < today };
  });
  const kept = queued.filter(
    (q) =>
      (!filter.dueBy || q.shipBy <= filter.dueBy) &&
      (!filter.carrier || q.carrier === filter.carrier) &&
      (!filter.channel || q.order.channel === filter.channel),
  );
  const byAge = (a: QueuedOrder, b: QueuedOrder) =>
    a.order.createdAt.localeCompare(b.order.createdAt) || a.order.number.localeCompare(b.order.number);
  return kept.sort(sort === 'urgent' ? (a, b) => a.shipBy.localeCompare(b.shipBy) || byAge(a, b) : byAge);
}

/** The carriers a filter can offer: those of the store's methods, plus collection and other. */
export function queueCarriers(rules: ShippingRules, carriers: readonly string[] = []): string[] {
  return [...new Set([...rules.methods.map((m) => m.carrier), ...carriers, COLLECTION, OTHER_CARRIER])];
}
