// The running totals give exactly the numbers the reports add up from the orders: on a small store
// built by hand (a few of its numbers worked out on paper too) and on a random one, through
// changes and deletions taken back out of the totals.
import { describe, expect, it } from 'vitest';
import type { OrderStatus } from '../orderStatus';
import {
  applyFacts,
  emptyDay,
  figuresFromAggregates,
  foldOrders,
  isEmptyDay,
  orderFacts,
  type CustomerAggregate,
  type DayAggregate,
} from './reportAggregates';
import { figuresFromOrders, reportTables, type ReportInput } from './reportBook';
import type { FunnelQuote } from './funnelReport';
import type { ShippedParcel } from './fulfilmentReport';
import { line, order } from './reportFixtures';
import type { DayRange, ReportOrder } from './reportOrders';
import type { Granularity } from './salesReport';

const TZ = 'Europe/London';
const shipBy = (o: ReportOrder) =>
  o.channel === 'counter'
    ? undefined
    : new Date(Date.parse(o.createdAt) + 86_400_000).toISOString().slice(0, 10);

function input(
  orders: ReportOrder[],
  parcels: ShippedParcel[],
  quotes: FunnelQuote[],
  range: DayRange,
  granularity: Granularity,
): ReportInput {
  return {
    orders,
    quotes,
    parcels,
    feedback: [],
    shipByOf: shipBy,
    range,
    granularity,
    timeZone: TZ,
    formatMoney: (minor) => `£${(minor / 100).toFixed(2)}`,
    minorPerMajor: 100,
    label: (key) => key,
    sourceLabel: (id) => id ?? 'Not asked',
    customers: new Map([['c1', { id: 'c1', name: 'Ada Lovelace', phone: '+441632960001' }]]),
    lapsedDays: 30,
    variants: [],
    levels: new Map(),
  };
}

/** Both ways of adding up, side by side (the orders in the order the desk's index gives them). */
function both(
  orders: ReportOrder[],
  parcels: ShippedParcel[],
  quotes: FunnelQuote[],
  range: DayRange,
  granularity: Granularity,
  totals = foldOrders(orders, parcels, shipBy, TZ),
) {
  const sorted = [...orders].sort(
    (a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id),
  );
  const reference = input(sorted, parcels, quotes, range, granularity);
  const fromOrders = figuresFromOrders(reference);
  const fromTotals = figuresFromAggregates({
    ...reference,
    days: totals.days.filter((d) => d.day >= range.from && d.day <= range.to),
    customerHistories: totals.customers,
    productNames: totals.names,
  });
  return {
    fromOrders,
    fromTotals,
    tables: [reportTables(fromOrders, reference), reportTables(fromTotals, reference)],
  };
}

const pay = (at: string) => [
  {
    id: '00000000-0000-7000-8000-00000000ffff',
    method: 'cash' as const,
    amount: { amount: 1, currency: 'GBP' },
    at,
  },
];

describe('the running totals, on a store built by hand', () => {
  const orders = [
    // 30 June 23:30 UTC is 1 July 00:30 in London (summer time): a July sale.
    order({
      id: 'a',
      status: 'shipped',
      createdAt: '2026-06-30T23:30:00Z',
      total: 2000,
      customerId: 'c1',
      customerName: 'Ada',
      payments: pay('2026-07-01T09:00:00Z'),
      lines: [line('MUG', 2, 1000)],
    }),
    order({
      id: 'b',
      status: 'delivered',
      createdAt: '2026-07-02T10:00:00Z',
      total: 3000,
      refunded: 500,
      customerId: 'c1',
      channel: 'mail',
      acquisitionSource: 'radio',
      campaignCode: 'SUMMER',
      soldBy: { name: 'Sam' },
      payments: pay('2026-07-02T12:00:00Z'),
      lines: [line('MUG', 1, 1000), line('POT', 1, 2000, 0)],
    }),
    order({ id: 'c', status: 'cart', createdAt: '2026-07-03T10:00:00Z', total: 900, customerId: 'c2' }),
    order({
      id: 'd',
      status: 'refunded',
      createdAt: '2026-07-04T10:00:00Z',
      total: 1500,
      refunded: 1500,
      customerId: 'c2',
      customerName: 'Bo',
      payments: pay('2026-07-04T10:05:00Z'),
    }),
    order({ id: 'e', status: 'receipt', channel: 'counter', createdAt: '2026-07-05T10:00:00Z', total: 700 }),
    order({
      id: 'f',
      status: 'processing',
      createdAt: '2026-05-20T10:00:00Z',
      total: 400,
      customerId: 'c2',
      customerName: 'Bo',
    }),
  ];
  const parcels = [
    { orderId: 'a', shippedAt: '2026-07-02T09:00:00Z' },
    { orderId: 'b', shippedAt: '2026-07-05T12:00:00Z' },
    { orderId: 'b', shippedAt: '2026-07-03T12:00:00Z' },
    { orderId: 'd', shippedAt: '2026-07-04T18:05:00Z' },
  ];
  const quotes = [
    { createdAt: '2026-07-06T10:00:00Z' },
    { createdAt: '2026-07-06T11:00:00Z', convertedOrderId: 'b' },
  ];
  const july = { from: '2026-07-01', to: '2026-07-31' };

  it('adds up July as the orders do, and as worked out by hand', () => {
    const { fromOrders, fromTotals, tables } = both(orders, parcels, quotes, july, 'week');
    expect(fromTotals).toEqual(fromOrders);
    expect(tables[1]).toEqual(tables[0]);
    // Sales: a 2000, b 3000 − 500 = 2500, d 0, e 700 (f is May, c a cart) = 5200 over 4 orders.
    expect(fromTotals.sales).toEqual({ orders: 4, net: 5200 });
    // Funnel: a, b, c, d, e have lines + 1 open quote = 6; checked out 4 (not c); paid 4;
    // shipped a, b (status) and d (a parcel before its refund) = 3; delivered b; returned none.
    expect(fromTotals.stages.map((s) => s.count)).toEqual([6, 4, 4, 3, 1, 0]);
    // Paid → first parcel: a 24 h (9:00 → 9:00 next day), b 24 h, d 8 h; e is a counter sale.
    expect(fromTotals.lead).toMatchObject({ shipped: 3, waiting: 0, p50Hours: 24, p90Hours: 24 });
    // Ada (c1) bought twice in July; Bo (c2) once in July (d) after May (f): both repeat.
    expect(fromTotals.repeat).toEqual({ customers: 2, repeat: 2, rate: 1 });
    expect(fromTotals.products[0]).toEqual({ sku: 'MUG', name: 'Item MUG', units: 3, revenue: 3000 });
    expect(fromTotals.customers.map((c) => [c.name, c.net])).toEqual([
      // Ada's name as the store keeps it; Bo is not in its list: the name on her first sale (May).
      ['Ada Lovelace', 4500],
      ['Bo', 0],
    ]);
  });

  it('stays right as orders change, ship and go', () => {
    const totals = foldOrders(orders, parcels, shipBy, TZ);
    const days = new Map(totals.days.map((d) => [d.day, d]));
    const customers = new Map(totals.customers.map((c) => [c.customerId, c]));
    const dayRow = (day: string) => days.get(day) ?? days.set(day, emptyDay(day)).get(day)!;
    const customerRow = (id: string) =>
      customers.get(id) ?? customers.set(id, { customerId: id, nameAt: '', days: {} }).get(id)!;
    const factsOf = new Map(totals.facts.map((f) => [f.id, f]));
    const change = (next: ReportOrder | undefined, id: string, shippedAt?: string) => {
      applyFacts(factsOf.get(id)!, -1, dayRow, customerRow);
      factsOf.delete(id);
      if (!next) return;
      const facts = orderFacts(next, shippedAt, shipBy, TZ);
      factsOf.set(id, facts);
      applyFacts(facts, 1, dayRow, customerRow, totals.names);
    };
    // The cart is paid; order a is returned; order e is deleted.
    const paidCart = {
      ...orders[2]!,
      status: 'processing' as OrderStatus,
      payments: pay('2026-07-07T10:00:00Z'),
    };
    const returned = { ...orders[0]!, status: 'returned' as OrderStatus };
    change(paidCart, 'c');
    change(returned, 'a', '2026-07-02T09:00:00Z');
    change(undefined, 'e');
    const now = [returned, orders[1]!, paidCart, orders[3]!, orders[5]!];
    const left = {
      days: [...days.values()].filter((d) => !isEmptyDay(d)),
      customers: [...customers.values()].filter((c) => Object.keys(c.days).length > 0),
      facts: [...factsOf.values()],
      names: totals.names,
    };
    const { fromOrders, fromTotals } = both(now, parcels, quotes, july, 'day', left);
    expect(fromTotals).toEqual(fromOrders);
    expect(fromTotals.sales).toEqual({ orders: 4, net: 5400 });
  });
});

/** A day row with its lead hours in order (the order they were added in is not a total). */
function comparable(d: DayAggregate) {
  return { ...d, lead: { ...d.lead, hours: [...d.lead.hours].sort((a, b) => a - b) } };
}
const byDay = (a: { day: string }, b: { day: string }) => a.day.localeCompare(b.day);

/** A small seeded random source (mulberry32), so a failure can be replayed. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('the running totals, on a random store', () => {
  const STATUSES: OrderStatus[] = [
    'cart',
    'payment',
    'on_hold',
    'receipt',
    'processing',
    'packaging',
    'partially_shipped',
    'shipped',
    'delivered',
    'returned',
    'refunded',
    'cancelled',
  ];
  const CHANNELS = ['phone', 'mail', 'counter', 'email'] as const;

  function store(seed: number, count: number) {
    const rnd = random(seed);
    const pick = <T>(list: readonly T[]) => list[Math.floor(rnd() * list.length)]!;
    const start = Date.parse('2026-01-01T00:00:00Z');
    const orders: ReportOrder[] = [];
    const parcels: ShippedParcel[] = [];
    for (let i = 0; i < count; i++) {
      // Whole minutes over ten months (both clock changes), some orders sharing a minute.
      const created = start + Math.floor(rnd() * 300 * 24 * 60) * 60_000;
      const customer = rnd() < 0.85 ? Math.floor(rnd() * 40) : undefined;
      const lines = Array.from({ length: Math.floor(rnd() * 4) }, () => {
        const sku = `SKU${Math.floor(rnd() * 25)}`;
        return line(sku, 1 + Math.floor(rnd() * 3), 100 * (1 + Math.floor(rnd() * 50)), rnd() < 0.2 ? 50 : 0);
      });
      const total = lines.reduce(
        (s, l) => s + l.quantity * l.unitPrice.amount - (l.discount?.amount ?? 0),
        0,
      );
      const status = pick(STATUSES);
      const paid =
        rnd() < 0.9 ? new Date(created + Math.floor(rnd() * 48 * 60) * 60_000).toISOString() : undefined;
      const id = `00000000-0000-7000-b000-${String(i).padStart(12, '0')}`;
      orders.push(
        order({
          id,
          status,
          createdAt: new Date(created).toISOString(),
          total,
          refunded: status === 'refunded' ? total : rnd() < 0.1 ? 100 : 0,
          channel: pick(CHANNELS),
          lines,
          payments: paid ? pay(paid) : [],
          ...(status === 'on_hold' && rnd() < 0.5
            ? { totals: { subtotal: total, discount: 0, shipping: 0, tax: 0, total, paid: 0, refunded: 0 } }
            : {}),
          ...(customer !== undefined
            ? {
                customerId: `c${customer}`,
                ...(customer % 7 ? { customerName: `Customer ${customer}` } : {}),
              }
            : {}),
          ...(rnd() < 0.5 ? { acquisitionSource: pick(['radio', 'friend', 'web']) } : {}),
          ...(rnd() < 0.3 ? { campaignCode: pick(['SPRING', 'SUMMER']) } : {}),
          ...(rnd() < 0.7 ? { soldBy: { name: pick(['Sam', 'Alex', 'Jo']) } } : {}),
        }),
      );
      for (let p = Math.floor(rnd() * 3); p > 0; p--)
        parcels.push({
          orderId: id,
          ...(rnd() < 0.8
            ? { shippedAt: new Date(created + Math.floor(rnd() * 96 * 60) * 60_000).toISOString() }
            : {}),
        });
    }
    const quotes = Array.from({ length: 60 }, () => ({
      createdAt: new Date(start + Math.floor(rnd() * 300 * 86_400_000)).toISOString(),
      ...(rnd() < 0.4 ? { convertedOrderId: 'x' } : {}),
    }));
    return { orders, parcels, quotes };
  }

  it.each([1, 2, 3])('gives the same numbers as the orders (seed %i)', (seed) => {
    const { orders, parcels, quotes } = store(seed, 1500);
    for (const [range, granularity] of [
      [{ from: '2026-03-20', to: '2026-04-05' }, 'day'],
      [{ from: '2026-07-01', to: '2026-09-28' }, 'week'],
      [{ from: '2026-01-01', to: '2026-10-31' }, 'month'],
    ] as const) {
      const { fromOrders, fromTotals, tables } = both(orders, parcels, quotes, range, granularity);
      expect(fromTotals).toEqual(fromOrders);
      expect(tables[1]).toEqual(tables[0]);
      expect(fromTotals.sales.orders).toBeGreaterThan(0);
    }
  });

  it('gives the same numbers after a third of the orders changed and a tenth were deleted', () => {
    const { orders, parcels, quotes } = store(9, 1200);
    const totals = foldOrders(orders, parcels, shipBy, TZ);
    const days = new Map<string, DayAggregate>(totals.days.map((d) => [d.day, d]));
    const customers = new Map<string, CustomerAggregate>(totals.customers.map((c) => [c.customerId, c]));
    const dayRow = (day: string) => days.get(day) ?? days.set(day, emptyDay(day)).get(day)!;
    const customerRow = (id: string) =>
      customers.get(id) ?? customers.set(id, { customerId: id, nameAt: '', days: {} }).get(id)!;
    const { orders: others } = store(10, 1200);
    const shippedOf = new Map<string, string>();
    for (const p of parcels)
      if (p.shippedAt && (!shippedOf.has(p.orderId) || p.shippedAt < shippedOf.get(p.orderId)!))
        shippedOf.set(p.orderId, p.shippedAt);
    const now: ReportOrder[] = [];
    totals.facts.forEach((facts, i) => {
      const before = orders[i]!;
      if (i % 10 === 3) return applyFacts(facts, -1, dayRow, customerRow);
      if (i % 3 !== 0) return now.push(before);
      // Same order, another status, channel, lines and customer (the customer keeps their name rule).
      const after = { ...others[i]!, id: before.id, createdAt: before.createdAt, number: before.number };
      applyFacts(facts, -1, dayRow, customerRow);
      applyFacts(
        orderFacts(after, shippedOf.get(after.id), shipBy, TZ),
        1,
        dayRow,
        customerRow,
        totals.names,
      );
      now.push(after);
    });
    const left = {
      facts: [],
      days: [...days.values()].filter((d) => !isEmptyDay(d)),
      customers: [...customers.values()].filter((c) => Object.keys(c.days).length > 0),
      names: totals.names,
    };
    const range = { from: '2026-02-01', to: '2026-08-31' };
    const { fromOrders, fromTotals } = both(now, parcels, quotes, range, 'month', left);
    expect(fromTotals).toEqual(fromOrders);
    // Nothing left behind: the changed store folded afresh has the same rows.
    const afresh = foldOrders(now, parcels, shipBy, TZ);
    expect(left.days.map(comparable).sort(byDay)).toEqual(afresh.days.map(comparable).sort(byDay));
  });
});
