// The reports' running totals, so a report over 50,000 orders reads a few hundred small rows instead
// of every order: one row per store day (sales by channel, source, campaign and staff, top products
// and customers, funnel counts, and the lead times of the orders paid that day) and one per customer
// (their purchases by day, for repeat rates, cohorts and segments). Each order's share of them is
// its "facts", kept beside it: a change takes the old facts out and puts the new ones in, so the
// totals stay right through edits, deletions and parcels shipped later.
import { isGiftCardLine } from '../balances';
import { storeDay } from '../storeDay';
import type { FunnelQuote, FunnelStage } from './funnelReport';
import { percentile } from './fulfilmentReport';
import type { ReportFigures, ReportPresentation } from './reportBook';
import { inRange, isSale, netSale, paidAt, type DayRange, type ReportOrder } from './reportOrders';
import { cohortsOf, repeatPurchaseOf } from './retentionReport';
import { bucketOf, type Granularity, type SalesRow, type TopCustomer, type TopProduct } from './salesReport';
import { segmentsOf, type SegmentMember } from './segments';
import type { OrderStatus } from '../orderStatus';

/** Bumped whenever the rules below change what an order adds: stored totals of another version are rebuilt. */
export const REPORT_RULES_VERSION = 1;

export interface Tally {
  orders: number;
  net: number;
}

/** Which of several orders' names a total shows: the first order's (by creation, then id). */
interface Named {
  name?: string;
  /** `createdAt id` of the order the name came from. */
  nameAt: string;
}

export interface OrderFacts {
  id: string;
  /** The store day the order was placed. */
  day: string;
  /** `createdAt id`: which order came first, for names. */
  at: string;
  customerId?: string;
  customerName?: string;
  /** The first parcel's dispatch (kept so an order change need not read its parcels again). */
  shippedAt?: string;
  /** Orders with lines only: the funnel stages passed. */
  funnel?: { checkout: boolean; paid: boolean; shipped: boolean; delivered: boolean; returned: boolean };
  sale?: {
    net: number;
    channel: string;
    source: string;
    campaign: string;
    staff: string;
    products: { sku: string; name: string; units: number; revenue: number }[];
  };
  /** Sales that ship (not counter): counted on the store day they were paid. */
  lead?: { paidDay: string; hours?: number; waiting: boolean; due: boolean; onTime: boolean };
}

export interface DayAggregate {
  day: string;
  sales: Tally;
  channel: Record<string, Tally>;
  source: Record<string, Tally>;
  campaign: Record<string, Tally>;
  staff: Record<string, Tally>;
  /** By SKU: [lines, units, revenue]. Names are kept once for the store (ProductNames), not per day:
   * a day of 550 orders held 1,500 named products, 245 kB a row. */
  products: Record<string, [number, number, number]>;
  funnel: {
    intent: number;
    checkout: number;
    paid: number;
    shipped: number;
    delivered: number;
    returned: number;
  };
  /** Of the orders paid this day: hours from paid to the first parcel, and the counts beside. */
  lead: { hours: number[]; waiting: number; due: number; onTime: number };
}

/** Each SKU's name on its first sale's line, and `createdAt id` of that sale. */
export type ProductNames = Record<string, [string, string]>;

export interface CustomerAggregate extends Named {
  customerId: string;
  /** Purchases by store day. */
  days: Record<string, Tally>;
}

const SHIPPED: ReadonlySet<OrderStatus> = new Set(['partially_shipped', 'shipped', 'delivered', 'returned']);
const DELIVERED: ReadonlySet<OrderStatus> = new Set(['delivered', 'returned']);

/** What one order adds to the totals (the same rules as the reports that read orders). */
export function orderFacts(
  order: ReportOrder,
  shippedAt: string | undefined,
  shipByOf: (order: ReportOrder) => string | undefined,
  timeZone: string,
): OrderFacts {
  const facts: OrderFacts = {
    id: order.id,
    day: storeDay(order.createdAt, timeZone),
    at: `${order.createdAt} ${order.id}`,
    ...(order.customerId ? { customerId: order.customerId } : {}),
    ...(order.customerName !== undefined ? { customerName: order.customerName } : {}),
    ...(shippedAt ? { shippedAt } : {}),
  };
  const sale = isSale(order);
  if (order.lines.length > 0)
    facts.funnel = {
      checkout: order.status !== 'cart',
      paid: sale,
      shipped: sale && (SHIPPED.has(order.status) || !!shippedAt),
      delivered: sale && DELIVERED.has(order.status),
      returned: sale && order.status === 'returned',
    };
  if (!sale) return facts;
  const products: NonNullable<OrderFacts['sale']>['products'] = [];
  for (const line of order.lines) {
    if (isGiftCardLine(line)) continue;
    let product = products.find((p) => p.sku === line.sku);
    if (!product) products.push((product = { sku: line.sku, name: line.name, units: 0, revenue: 0 }));
    product.units += line.quantity;
    product.revenue += line.quantity * line.unitPrice.amount - (line.discount?.amount ?? 0);
  }
  facts.sale = {
    net: netSale(order),
    channel: order.channel,
    source: order.acquisitionSource ?? '',
    campaign: order.campaignCode ?? '',
    staff: order.soldBy?.name ?? '',
    products,
  };
  if (order.channel !== 'counter') {
    const paid = paidAt(order);
    const shipBy = shippedAt ? shipByOf(order) : undefined;
    facts.lead = {
      paidDay: storeDay(paid, timeZone),
      ...(shippedAt ? { hours: Math.max(0, (Date.parse(shippedAt) - Date.parse(paid)) / 3_600_000) } : {}),
      waiting: !shippedAt && order.status !== 'refunded',
      due: !!shipBy,
      onTime: !!shipBy && !!shippedAt && storeDay(shippedAt, timeZone) <= shipBy,
    };
  }
  return facts;
}

/** The first dispatch among an order's parcels. */
export function firstShipped(parcels: readonly { shippedAt?: string }[]): string | undefined {
  let first: string | undefined;
  for (const parcel of parcels)
    if (parcel.shippedAt && (!first || parcel.shippedAt < first)) first = parcel.shippedAt;
  return first;
}

export function emptyDay(day: string): DayAggregate {
  return {
    day,
    sales: { orders: 0, net: 0 },
    channel: {},
    source: {},
    campaign: {},
    staff: {},
    products: {},
    funnel: { intent: 0, checkout: 0, paid: 0, shipped: 0, delivered: 0, returned: 0 },
    lead: { hours: [], waiting: 0, due: 0, onTime: 0 },
  };
}

/** Whether a day row holds nothing any more (and can be deleted). */
export function isEmptyDay(row: DayAggregate): boolean {
  return (
    row.funnel.intent === 0 && row.sales.orders === 0 && row.lead.hours.length === 0 && row.lead.waiting === 0
  );
}

function tally(group: Record<string, Tally>, key: string, sign: 1 | -1, net: number) {
  const t = (group[key] ??= { orders: 0, net: 0 });
  t.orders += sign;
  t.net += sign * net;
  if (t.orders === 0) delete group[key];
}

function name<T extends Named>(entry: T, at: string, value: string | undefined) {
  // `<=`: an order changed in place (taken out, put back) brings its new name.
  if (entry.nameAt === '' || at <= entry.nameAt) {
    entry.nameAt = at;
    if (value === undefined) delete entry.name;
    else entry.name = value;
  }
}

/** The days and customers whose rows one order's facts touch. */
export function factKeys(facts: OrderFacts): { days: string[]; customers: string[] } {
  const days = new Set<string>();
  if (facts.funnel || facts.sale) days.add(facts.day);
  if (facts.lead) days.add(facts.lead.paidDay);
  return { days: [...days], customers: facts.sale && facts.customerId ? [facts.customerId] : [] };
}

/**
 * Adds (sign 1) or takes out (sign -1) one order's facts. `dayRow` and `customerRow` give the row
 * to change, made empty when there is none yet.
 */
export function applyFacts(
  facts: OrderFacts,
  sign: 1 | -1,
  dayRow: (day: string) => DayAggregate,
  customerRow: (customerId: string) => CustomerAggregate,
  names?: ProductNames,
): void {
  if (facts.funnel) {
    const f = dayRow(facts.day).funnel;
    f.intent += sign;
    if (facts.funnel.checkout) f.checkout += sign;
    if (facts.funnel.paid) f.paid += sign;
    if (facts.funnel.shipped) f.shipped += sign;
    if (facts.funnel.delivered) f.delivered += sign;
    if (facts.funnel.returned) f.returned += sign;
  }
  const sale = facts.sale;
  if (sale) {
    const row = dayRow(facts.day);
    row.sales.orders += sign;
    row.sales.net += sign * sale.net;
    tally(row.channel, sale.channel, sign, sale.net);
    tally(row.source, sale.source, sign, sale.net);
    tally(row.campaign, sale.campaign, sign, sale.net);
    tally(row.staff, sale.staff, sign, sale.net);
    for (const p of sale.products) {
      const entry = (row.products[p.sku] ??= [0, 0, 0]);
      entry[0] += sign;
      entry[1] += sign * p.units;
      entry[2] += sign * p.revenue;
      if (entry[0] === 0) delete row.products[p.sku];
      const known = names?.[p.sku];
      // `<=`: an order changed in place brings its new name.
      if (names && sign === 1 && (!known || facts.at <= known[1])) names[p.sku] = [p.name, facts.at];
    }
    if (facts.customerId) {
      const customer = customerRow(facts.customerId);
      tally(customer.days, facts.day, sign, sale.net);
      if (sign === 1) name(customer, facts.at, facts.customerName);
    }
  }
  if (facts.lead) {
    const lead = dayRow(facts.lead.paidDay).lead;
    if (facts.lead.hours !== undefined) {
      if (sign === 1) lead.hours.push(facts.lead.hours);
      else {
        const at = lead.hours.indexOf(facts.lead.hours);
        if (at >= 0) lead.hours.splice(at, 1);
      }
    }
    if (facts.lead.waiting) lead.waiting += sign;
    if (facts.lead.due) lead.due += sign;
    if (facts.lead.onTime) lead.onTime += sign;
  }
}

/** Every order folded at once (a rebuild, or the upgrade of a desk that already has orders). */
export function foldOrders(
  orders: Iterable<ReportOrder>,
  parcels: readonly { orderId: string; shippedAt?: string }[],
  shipByOf: (order: ReportOrder) => string | undefined,
  timeZone: string,
): { facts: OrderFacts[]; days: DayAggregate[]; customers: CustomerAggregate[]; names: ProductNames } {
  const shipped = new Map<string, string>();
  for (const parcel of parcels) {
    if (!parcel.shippedAt) continue;
    const known = shipped.get(parcel.orderId);
    if (!known || parcel.shippedAt < known) shipped.set(parcel.orderId, parcel.shippedAt);
  }
  const days = new Map<string, DayAggregate>();
  const customers = new Map<string, CustomerAggregate>();
  const dayRow = (day: string) => days.get(day) ?? days.set(day, emptyDay(day)).get(day)!;
  const customerRow = (id: string) =>
    customers.get(id) ?? customers.set(id, { customerId: id, nameAt: '', days: {} }).get(id)!;
  const facts: OrderFacts[] = [];
  const names: ProductNames = {};
  for (const order of orders) {
    const f = orderFacts(order, shipped.get(order.id), shipByOf, timeZone);
    facts.push(f);
    applyFacts(f, 1, dayRow, customerRow, names);
  }
  return { facts, days: [...days.values()], customers: [...customers.values()], names };
}

export interface AggregateInput extends ReportPresentation {
  /** The day rows of the range (others are left out). */
  days: readonly DayAggregate[];
  /** Every customer's row (repeat rates, cohorts and segments look before the range). */
  customerHistories: readonly CustomerAggregate[];
  productNames: ProductNames;
  quotes: readonly FunnelQuote[];
}

const averaged = (key: string, t: Tally): SalesRow => ({
  key,
  orders: t.orders,
  net: t.net,
  averageOrderValue: t.orders ? Math.round(t.net / t.orders) : 0,
});

function grouped(
  days: readonly DayAggregate[],
  pick: (d: DayAggregate) => Record<string, Tally>,
): SalesRow[] {
  const sum = new Map<string, Tally>();
  for (const day of days)
    for (const [key, t] of Object.entries(pick(day))) {
      const s = sum.get(key) ?? { orders: 0, net: 0 };
      s.orders += t.orders;
      s.net += t.net;
      sum.set(key, s);
    }
  return [...sum]
    .map(([key, t]) => averaged(key, t))
    .sort((a, b) => b.net - a.net || a.key.localeCompare(b.key));
}

function periodsOf(days: readonly DayAggregate[], range: DayRange, granularity: Granularity): SalesRow[] {
  const buckets = new Map<string, Tally>();
  for (
    let time = Date.parse(`${range.from}T00:00:00Z`);
    time <= Date.parse(`${range.to}T00:00:00Z`);
    time += 86_400_000
  )
    buckets.set(bucketOf(new Date(time).toISOString().slice(0, 10), granularity), { orders: 0, net: 0 });
  for (const day of days) {
    const bucket = buckets.get(bucketOf(day.day, granularity));
    if (!bucket) continue;
    bucket.orders += day.sales.orders;
    bucket.net += day.sales.net;
  }
  return [...buckets].map(([key, t]) => averaged(key, t));
}

function topProductsOf(days: readonly DayAggregate[], names: ProductNames, limit = 10): TopProduct[] {
  const bySku = new Map<string, TopProduct>();
  for (const day of days)
    for (const [sku, [, units, revenue]] of Object.entries(day.products)) {
      const top = bySku.get(sku);
      if (top) {
        top.units += units;
        top.revenue += revenue;
      } else bySku.set(sku, { sku, name: names[sku]?.[0] ?? '', units, revenue });
    }
  return [...bySku.values()]
    .sort((a, b) => b.revenue - a.revenue || b.units - a.units || a.sku.localeCompare(b.sku))
    .slice(0, limit);
}

/** The figures from the day and customer rows: the same numbers `figuresFromOrders` adds up. */
export function figuresFromAggregates(input: AggregateInput): ReportFigures {
  const { range, timeZone } = input;
  const days = input.days.filter((d) => inRange(d.day, range));
  const sales = { orders: 0, net: 0 };
  const f = { intent: 0, checkout: 0, paid: 0, shipped: 0, delivered: 0, returned: 0 };
  const hours: number[] = [];
  let waiting = 0;
  let due = 0;
  let onTime = 0;
  for (const day of days) {
    sales.orders += day.sales.orders;
    sales.net += day.sales.net;
    for (const stage of Object.keys(f) as (keyof typeof f)[]) f[stage] += day.funnel[stage];
    hours.push(...day.lead.hours);
    waiting += day.lead.waiting;
    due += day.lead.due;
    onTime += day.lead.onTime;
  }
  for (const quote of input.quotes)
    if (!quote.convertedOrderId && inRange(storeDay(quote.createdAt, timeZone), range)) f.intent++;
  hours.sort((a, b) => a - b);
  const rate = (count: number, of: number) => (of > 0 ? count / of : null);
  const stages: FunnelStage[] = [
    { stage: 'intent', label: 'Quotes and carts', count: f.intent, conversion: null },
    { stage: 'checkout', label: 'Checked out', count: f.checkout, conversion: rate(f.checkout, f.intent) },
    { stage: 'paid', label: 'Paid', count: f.paid, conversion: rate(f.paid, f.checkout) },
    { stage: 'shipped', label: 'Shipped', count: f.shipped, conversion: rate(f.shipped, f.paid) },
    { stage: 'delivered', label: 'Delivered', count: f.delivered, conversion: rate(f.delivered, f.shipped) },
    { stage: 'returned', label: 'Returned', count: f.returned, conversion: rate(f.returned, f.delivered) },
  ];

  // Each customer's purchases up to the range's end: one entry per purchase, as the orders give them.
  const histories: string[][] = [];
  const members: SegmentMember[] = [];
  const tops: TopCustomer[] = [];
  for (const row of input.customerHistories) {
    const list: string[] = [];
    let spent = 0;
    const inRangeTally = { orders: 0, net: 0 };
    for (const day of Object.keys(row.days).sort()) {
      if (day > range.to) break;
      const t = row.days[day]!;
      for (let i = 0; i < t.orders; i++) list.push(day);
      spent += t.net;
      if (day >= range.from) {
        inRangeTally.orders += t.orders;
        inRangeTally.net += t.net;
      }
    }
    if (list.length === 0) continue;
    histories.push(list);
    const customer = input.customers.get(row.customerId);
    const name = customer?.name ?? row.name ?? 'Customer';
    if (inRangeTally.orders > 0) tops.push({ customerId: row.customerId, name, ...inRangeTally });
    members.push({
      customerId: row.customerId,
      name,
      ...(customer?.phone ? { phone: customer.phone } : {}),
      ...(customer?.email ? { email: customer.email } : {}),
      orders: list.length,
      spent,
      firstDay: list[0]!,
      lastDay: list[list.length - 1]!,
    });
  }
  return {
    sales,
    periods: periodsOf(days, range, input.granularity),
    byChannel: grouped(days, (d) => d.channel),
    bySource: grouped(days, (d) => d.source),
    byCampaign: grouped(days, (d) => d.campaign),
    byStaff: grouped(days, (d) => d.staff),
    stages,
    lead: {
      shipped: hours.length,
      waiting,
      p50Hours: percentile(hours, 50),
      p90Hours: percentile(hours, 90),
      onTimeRate: due > 0 ? onTime / due : null,
    },
    repeat: repeatPurchaseOf(histories, range),
    cohorts: cohortsOf(histories, range.to.slice(0, 7)),
    segments: segmentsOf(members, range, input.lapsedDays),
    products: topProductsOf(days, input.productNames),
    customers: tops
      .sort(
        (a, b) => b.net - a.net || a.name.localeCompare(b.name) || a.customerId.localeCompare(b.customerId),
      )
      .slice(0, 10),
  };
}
