// Keeps the reports' running totals (src-shared/reports/reportAggregates.ts) right in the same
// transaction as every order or parcel write, whoever writes it (a sale, a status change, a pulled
// page from sync, an import): a DBCore middleware adds the report tables to any transaction that
// writes orders or parcels, and after the write takes each touched order's old facts out of the
// totals and puts its new ones in. The totals are built for one basis (the store's time zone and
// shipping rules, and the rules version); when the basis changes, or a write could not be folded,
// the totals are marked stale and the Reports screen rebuilds them from the orders once.
import type {
  DBCore,
  DBCoreMutateRequest,
  DBCoreRangeType,
  DBCoreTable,
  DBCoreTransaction,
  Middleware,
} from 'dexie';
import {
  REPORT_RULES_VERSION,
  applyFacts,
  emptyDay,
  factKeys,
  firstShipped,
  foldOrders,
  isEmptyDay,
  orderFacts,
  type CustomerAggregate,
  type DayAggregate,
  type OrderFacts,
  type ProductNames,
} from '$shared/reports/reportAggregates';
import type { ReportOrder } from '$shared/reports/reportOrders';
import { shipByOf } from '$shared/packingQueue';
import type { ShippingRules } from '$shared/shippingRules';

export const REPORT_TABLES = ['reportFacts', 'reportDays', 'reportCustomers', 'reportMeta'] as const;
export const BASIS_KEY = 'basis';
/** The reportMeta row holding each SKU's name (ProductNames). */
export const NAMES_KEY = 'productNames';

/** What the totals were added up under: change any of it and they are rebuilt. */
export interface ReportBasis {
  rules: number;
  timeZone: string;
  shipping: ShippingRules;
}

export interface ReportMeta {
  key: string;
  /** The basis row: JSON of the ReportBasis. */
  basis?: string;
  /** The names row. */
  names?: ProductNames;
}

export function basisOf(timeZone: string, shipping: ShippingRules): ReportBasis {
  return { rules: REPORT_RULES_VERSION, timeZone, shipping };
}

export function basisKey(basis: ReportBasis): string {
  return JSON.stringify(basis);
}

/** The ship-by day of an order under a basis (counter sales are not shipped). */
export function shipByUnder(basis: ReportBasis): (order: ReportOrder) => string | undefined {
  return (order) =>
    order.channel === 'counter' ? undefined : shipByOf(order as never, basis.shipping, [], basis.timeZone);
}

/** Every order and parcel folded into fresh totals under `basis` (rows to store as they are). */
export function foldEverything(
  orders: readonly ReportOrder[],
  parcels: readonly { orderId: string; shippedAt?: string }[],
  basis: ReportBasis,
): { facts: OrderFacts[]; days: DayAggregate[]; customers: CustomerAggregate[]; meta: ReportMeta[] } {
  const folded = foldOrders(orders, parcels, shipByUnder(basis), basis.timeZone);
  return {
    facts: folded.facts,
    customers: folded.customers,
    days: folded.days.filter((d) => !isEmptyDay(d)),
    meta: [
      { key: NAMES_KEY, names: folded.names },
      { key: BASIS_KEY, basis: basisKey(basis) },
    ],
  };
}

const parsed = new Map<string, ReportBasis>();

function basisFrom(meta: ReportMeta): ReportBasis {
  const key = meta.basis ?? '';
  let basis = parsed.get(key);
  if (!basis) parsed.set(key, (basis = JSON.parse(key) as ReportBasis));
  return basis;
}

type Trans = DBCoreTransaction;

async function markStale(down: DBCore, trans: Trans): Promise<void> {
  try {
    await down.table('reportMeta').mutate({ trans, type: 'delete', keys: [BASIS_KEY] });
  } catch {
    // The transaction itself failed; the order write fails with it and nothing is out of step.
  }
}

async function parcelsOf(parcels: DBCoreTable, trans: Trans, orderId: string) {
  const index = parcels.schema.getIndexByKeyPath('orderId');
  if (!index) return [];
  const found = await parcels.query({
    trans,
    values: true,
    // 1 is DBCoreRangeType.Equal (a const enum, which isolated modules cannot read).
    query: { index, range: { type: 1 as DBCoreRangeType, lower: orderId, upper: orderId } },
  });
  return found.result as { shippedAt?: string }[];
}

/** Takes the touched orders' old facts out of the totals and puts their new ones in. */
async function refold(down: DBCore, trans: Trans, orderIds: string[], parcelsChanged: boolean) {
  const [meta, namesRow] = (await down
    .table('reportMeta')
    .getMany({ trans, keys: [BASIS_KEY, NAMES_KEY] })) as (ReportMeta | undefined)[];
  if (!meta) return; // already stale: the next Reports screen rebuilds from the orders
  const basis = basisFrom(meta);
  const shipBy = shipByUnder(basis);
  const ids = [...new Set(orderIds)];
  const factsTable = down.table('reportFacts');
  const [orders, old] = (await Promise.all([
    down.table('orders').getMany({ trans, keys: ids }),
    factsTable.getMany({ trans, keys: ids }),
  ])) as [(ReportOrder | undefined)[], (OrderFacts | undefined)[]];
  const parcels = down.table('parcels');
  const next = await Promise.all(
    ids.map(async (_, i) => {
      const order = orders[i];
      if (!order) return undefined;
      const known = old[i];
      const shippedAt =
        known && !parcelsChanged ? known.shippedAt : firstShipped(await parcelsOf(parcels, trans, order.id));
      return orderFacts(order, shippedAt, shipBy, basis.timeZone);
    }),
  );
  const dayKeys = new Set<string>();
  const customerKeys = new Set<string>();
  for (const facts of [...old, ...next]) {
    if (!facts) continue;
    const keys = factKeys(facts);
    keys.days.forEach((d) => dayKeys.add(d));
    keys.customers.forEach((c) => customerKeys.add(c));
  }
  const dayList = [...dayKeys];
  const customerList = [...customerKeys];
  const [dayRows, customerRows] = (await Promise.all([
    down.table('reportDays').getMany({ trans, keys: dayList }),
    down.table('reportCustomers').getMany({ trans, keys: customerList }),
  ])) as [(DayAggregate | undefined)[], (CustomerAggregate | undefined)[]];
  const days = new Map(dayList.map((d, i) => [d, dayRows[i] ? structuredClone(dayRows[i]) : emptyDay(d)]));
  const customers = new Map(
    customerList.map((c, i) => [
      c,
      customerRows[i] ? structuredClone(customerRows[i]) : { customerId: c, nameAt: '', days: {} },
    ]),
  );
  const dayRow = (d: string) => days.get(d)!;
  const customerRow = (c: string) => customers.get(c)!;
  const names: ProductNames = namesRow?.names ? { ...namesRow.names } : {};
  const skus = next.flatMap((f) => f?.sale?.products.map((p) => p.sku) ?? []);
  const namesBefore = skus.map((sku) => names[sku]);
  for (const facts of old) if (facts) applyFacts(facts, -1, dayRow, customerRow);
  for (const facts of next) if (facts) applyFacts(facts, 1, dayRow, customerRow, names);
  const renamed = skus.some((sku, i) => names[sku] !== namesBefore[i]);

  const write = (table: string, put: unknown[], del: string[]) =>
    Promise.all([
      put.length ? down.table(table).mutate({ trans, type: 'put', values: put }) : undefined,
      del.length ? down.table(table).mutate({ trans, type: 'delete', keys: del }) : undefined,
    ]);
  const rows = [...days.values()];
  const people = [...customers.values()];
  await Promise.all([
    write(
      'reportDays',
      rows.filter((r) => !isEmptyDay(r)),
      rows.filter(isEmptyDay).map((r) => r.day),
    ),
    write(
      'reportCustomers',
      people.filter((c) => Object.keys(c.days).length > 0),
      people.filter((c) => Object.keys(c.days).length === 0).map((c) => c.customerId),
    ),
    write('reportMeta', renamed ? [{ key: NAMES_KEY, names }] : [], []),
    write(
      'reportFacts',
      next.filter((f) => f !== undefined),
      ids.filter((_, i) => !next[i]),
    ),
  ]);
}

function isUpgrade(trans: Trans): boolean {
  return (trans as { mode?: string }).mode === 'versionchange';
}

/**
 * The orders a write to orders or parcels touches. Nothing may be awaited before the write itself
 * is issued (Dexie's lower layers read the transaction's zone, which an await loses), so a parcel
 * deletion's rows are asked for in the same tick, just before the deletion: IndexedDB answers
 * requests in order, so they come back as they were.
 */
function touchedOrders(table: DBCoreTable, req: DBCoreMutateRequest): Promise<string[]> | 'all' {
  if (req.type === 'deleteRange') return 'all';
  if (table.name === 'orders')
    return Promise.resolve(
      req.type === 'delete'
        ? (req.keys as string[])
        : req.values.map((v: { id: string }) => v.id).filter((id) => typeof id === 'string'),
    );
  if (req.type === 'delete')
    return table
      .getMany({ trans: req.trans, keys: req.keys })
      .then((before: ({ orderId: string } | undefined)[]) => before.flatMap((p) => (p ? [p.orderId] : [])));
  return Promise.resolve(
    req.values.map((v: { orderId: string }) => v.orderId).filter((id) => typeof id === 'string'),
  );
}

export const reportAggregates: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'reportAggregates',
  create(down) {
    return {
      ...down,
      transaction(stores, mode, options) {
        const writesOrders =
          mode === 'readwrite' && (stores.includes('orders') || stores.includes('parcels'));
        const scope = writesOrders ? [...new Set([...stores, ...REPORT_TABLES])] : stores;
        return down.transaction(scope, mode, options);
      },
      table(name) {
        const table = down.table(name);
        if (name !== 'orders' && name !== 'parcels') return table;
        return {
          ...table,
          async mutate(req) {
            if (isUpgrade(req.trans)) return table.mutate(req);
            const touching = touchedOrders(table, req);
            const writing = table.mutate(req);
            const [touched, result] = await Promise.all([touching, writing]);
            try {
              if (touched === 'all') await markStale(down, req.trans);
              else if (touched.length) await refold(down, req.trans, touched, name === 'parcels');
            } catch {
              // A fold that fails must never lose a sale: the totals are rebuilt instead.
              await markStale(down, req.trans);
            }
            return result;
          },
        };
      },
    };
  },
};
