// The running totals in a real desk database: kept right by every order and parcel write (local
// writes, a pulled page from sync, deletions), folded by the upgrade from version 12, and rebuilt
// when the store's time zone changes. Each step compares the figures read from the totals with the
// figures added up from the orders the database holds.
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { newId } from '$shared/ids';
import type { Order, Parcel } from '$shared/records';
import { figuresFromAggregates, type AggregateInput } from '$shared/reports/reportAggregates';
import { figuresFromOrders, type ReportInput } from '$shared/reports/reportBook';
import { line, order } from '$shared/reports/reportFixtures';
import type { DayRange } from '$shared/reports/reportOrders';
import { STORE_PROFILE_KEY, DEFAULT_STORE_PROFILE } from '$shared/storeProfile';
import type { Change } from '$shared/syncProtocol';
import { applyPulledPage } from '../sync/applyPulledPage';
import { OrderlineDb, SCHEMA_VERSION } from './database';
import { olderDatabase } from './olderDatabase';
import { newOrderRow } from './writeOrderChange';
import { currentBasis, ensureReportAggregates } from './reportAggregateFold';
import { BASIS_KEY, shipByUnder } from './reportAggregateWrites';
import { loadReportData } from './reportData';

const opened: Dexie[] = [];
afterEach(async () => {
  for (const db of opened.splice(0)) {
    db.close();
    await db.delete();
  }
});

const winter = { from: '2026-11-01', to: '2026-12-31' };
const pay = (at: string) => [
  { id: newId(), method: 'cash' as const, amount: { amount: 100, currency: 'GBP' }, at },
];

function sale(createdAt: string, customerId: string, total: number, extra: Partial<Order> = {}): Order {
  return order({
    status: 'processing',
    createdAt,
    customerId,
    customerName: `Customer ${customerId}`,
    total,
    payments: pay(createdAt),
    ...extra,
  }) as unknown as Order;
}

/** The figures from the totals the desk keeps, and from its orders read whole. */
async function figures(db: OrderlineDb, range: DayRange) {
  const basis = await currentBasis(db);
  const data = await loadReportData(db, range, `${range.from}T00:00:00Z`, `${range.to}T23:59:59Z`);
  const reference: ReportInput & AggregateInput = {
    ...data,
    orders: await db.orders.orderBy('createdAt').toArray(),
    parcels: await db.parcels.toArray(),
    shipByOf: shipByUnder(basis),
    range,
    granularity: 'week',
    timeZone: basis.timeZone,
    formatMoney: String,
    minorPerMajor: 100,
    label: String,
    sourceLabel: (id) => id ?? '',
    lapsedDays: 30,
  };
  return { fromTotals: figuresFromAggregates(reference), fromOrders: figuresFromOrders(reference) };
}

async function freshDb() {
  const db = new OrderlineDb(`aggregates-${newId()}`);
  opened.push(db);
  await db.open();
  return db;
}

describe('the running totals in the desk database', () => {
  it('follow local writes, parcels, deletions and pulled orders', async () => {
    const db = await freshDb();
    // A new desk has no totals yet: the first report builds them (from no orders).
    expect(await ensureReportAggregates(db, await currentBasis(db))).toBe(true);
    expect(await ensureReportAggregates(db, await currentBasis(db))).toBe(false);

    const a = sale('2026-11-03T10:00:00Z', 'c1', 2000);
    const b = sale('2026-11-10T10:00:00Z', 'c1', 3000, { channel: 'mail' });
    const c = sale('2026-12-01T10:00:00Z', 'c2', 1500);
    await db.orders.bulkPut([a, b, c]);
    let now = await figures(db, winter);
    expect(now.fromTotals).toEqual(now.fromOrders);
    expect(now.fromTotals.sales).toEqual({ orders: 3, net: 6500 });

    // A parcel ships (read by the funnel and lead times), then the order is delivered.
    const parcel = { id: newId(), orderId: a.id, shippedAt: '2026-11-04T09:00:00Z' } as Parcel;
    await db.parcels.put(parcel);
    await db.orders.update(a.id, { status: 'delivered' });
    // b is refunded in full, c deleted, in one transaction with other tables.
    await db.transaction('rw', [db.orders, db.settings], async () => {
      await db.orders.update(b.id, { status: 'refunded', totals: { ...b.totals, refunded: 3000 } });
      await db.orders.delete(c.id);
    });
    now = await figures(db, winter);
    expect(now.fromTotals).toEqual(now.fromOrders);
    expect(now.fromTotals.sales).toEqual({ orders: 2, net: 2000 });
    expect(now.fromTotals.lead.shipped).toBe(1);

    // The parcel is taken back: the order counts as shipped only by its status now.
    await db.parcels.delete(parcel.id);
    now = await figures(db, winter);
    expect(now.fromTotals).toEqual(now.fromOrders);
    expect(now.fromTotals.lead.shipped).toBe(0);

    // An order another desk took arrives by sync.
    const pulled = {
      ...newOrderRow(
        { channel: 'phone', currency: 'GBP' },
        'D2-000001',
        { deskId: 'desk-2' },
        '2026-12-02T10:00:00.000Z',
      ),
      status: 'processing',
      lines: [{ ...line('MUG', 2, 1250), variantId: newId() }],
      totals: { subtotal: 2500, discount: 0, shipping: 0, tax: 0, total: 2500, paid: 2500, refunded: 0 },
      payments: pay('2026-12-02T10:00:00.000Z'),
      customerId: newId(),
    } as Order;
    const change: Change = {
      seq: 1,
      table: 'orders',
      recordId: pulled.id,
      op: 'put',
      record: pulled as unknown as Record<string, unknown>,
    };
    const applied = await applyPulledPage(db, { changes: [change], cursor: 1, hasMore: false });
    expect(applied.skipped).toEqual([]);
    now = await figures(db, winter);
    expect(now.fromTotals).toEqual(now.fromOrders);
    expect(now.fromTotals.sales).toEqual({ orders: 3, net: 4500 });
    expect(now.fromTotals.products.find((p) => p.sku === 'MUG')).toMatchObject({ units: 2, revenue: 2500 });
  });

  it('are rebuilt when the store moves to another time zone, and after the orders are cleared', async () => {
    const db = await freshDb();
    await ensureReportAggregates(db, await currentBasis(db));
    // 23:30 in London on 30 November is 1 December in Athens.
    await db.orders.put(sale('2026-11-30T23:30:00Z', 'c1', 1000));
    await db.settings.put({
      key: STORE_PROFILE_KEY,
      value: { ...DEFAULT_STORE_PROFILE, timeZone: 'Europe/Athens' },
    });
    const december = { from: '2026-12-01', to: '2026-12-31' };
    const now = await figures(db, december);
    expect(now.fromTotals).toEqual(now.fromOrders);
    expect(now.fromTotals.sales.orders).toBe(1);

    await db.orders.clear();
    expect(await db.reportMeta.get(BASIS_KEY)).toBeUndefined();
    const cleared = await figures(db, december);
    expect(cleared.fromTotals).toEqual(cleared.fromOrders);
    expect(await db.reportDays.count()).toBe(0);
  });
});

describe('what a report reads', () => {
  it('keeps the customers, their totals and the stock from one report to the next until a write changes them', async () => {
    const db = await freshDb();
    await db.customers.put({
      id: 'c1',
      name: 'Ada Byron',
      phoneDigits: '',
      addresses: [],
      isBusiness: false,
      searchWords: ['ada', 'byron'],
      createdAt: '2026-11-01T09:00:00Z',
      updatedAt: '2026-11-01T09:00:00Z',
    } as never);
    await db.orders.put(sale('2026-11-03T10:00:00Z', 'c1', 2000));
    const read = (range: DayRange) =>
      loadReportData(db, range, `${range.from}T00:00:00Z`, `${range.to}T23:59:59Z`);
    const first = await read(winter);
    // Another range, nothing written: the same customers, read once.
    const second = await read({ from: '2026-11-01', to: '2026-11-30' });
    expect(second.customers).toBe(first.customers);
    expect(second.customerHistories).toBe(first.customerHistories);
    expect(second.days.map((d) => d.day)).toEqual(['2026-11-03']);

    // A customer renamed and a second sale: both are read again.
    await db.customers.update('c1', { name: 'Ada Lovelace' });
    const renamed = await read(winter);
    expect(renamed.customers).not.toBe(first.customers);
    expect(renamed.customers.get('c1')?.name).toBe('Ada Lovelace');
    await db.orders.put(sale('2026-12-03T10:00:00Z', 'c1', 500));
    const again = await read(winter);
    expect(Object.values(again.customerHistories.find((c) => c.customerId === 'c1')!.days)).toEqual([
      { orders: 1, net: 2000 },
      { orders: 1, net: 500 },
    ]);
  });
});

describe('the upgrade from schema version 13', () => {
  it('folds the orders and parcels already on the desk', async () => {
    const name = `test-${crypto.randomUUID()}`;
    const v13 = olderDatabase(name, 13);
    await v13.open();
    const orders = [
      sale('2026-11-03T10:00:00Z', 'c1', 2000),
      sale('2026-11-20T10:00:00Z', 'c1', 1000),
      sale('2026-12-05T10:00:00Z', 'c2', 700, { status: 'shipped', channel: 'mail' }),
    ];
    await v13.table('orders').bulkAdd(orders);
    await v13
      .table('parcels')
      .add({ id: newId(), orderId: orders[2]!.id, shippedAt: '2026-12-06T10:00:00Z' });
    v13.close();

    const db = new OrderlineDb(name);
    opened.push(db);
    await db.open();
    expect(db.verno).toBe(SCHEMA_VERSION);
    expect(await db.reportFacts.count()).toBe(3);
    // Folded under today's basis: the first report has nothing to rebuild.
    expect(await ensureReportAggregates(db, await currentBasis(db))).toBe(false);
    const now = await figures(db, winter);
    expect(now.fromTotals).toEqual(now.fromOrders);
    expect(now.fromTotals.sales).toEqual({ orders: 3, net: 3700 });
    expect(now.fromTotals.repeat).toEqual({ customers: 2, repeat: 1, rate: 0.5 });
  });
});
