// Setting a store up after enrolling: the first desk creates the store on its server by uploading
// everything it holds (queued in the outbox, so a cut-off upload resumes where it stopped), and
// every other desk joins by downloading it. A desk holding the demo store says so: joining would mix
// made-up data into a real store, so it is wiped first.
import { initialOrderState } from '$machines/orderMachine';
import type { Order, OrderEvent, OutboxEntry, Staff } from '$shared/records';
import { LEGACY_SETTING_KEYS, isStoreSetting } from '$shared/syncedRecords';
import {
  CreateStoreResponseSchema,
  PROTOCOL_VERSION,
  StoreStatusSchema,
  type RecordTable,
  type StoreStatus,
} from '$shared/syncProtocol';
import type { OrderlineDb } from '$db/database';
import { outboxEntry } from '$db/outbox';
import { BATCH_KINDS, queueBatches, type BatchTable } from '$db/outboxBatch';
import { recordEntry } from '$db/syncedWrites';
import { getJson, postJson, type FetchLike } from './syncHttp';
import { CURSOR_KEY, DESK_KEY, DEVICE_KEY, SERVER_KEY, type SyncSettings } from './syncSettings';

export const SETUP_KEY = 'sync.setup';

/** `choose`: enrolled, waiting for a person to create or join; sync holds until then.
 * `creating`: this desk's data is queued for the server (`total` entries from `firstId` on). */
export type StoreSetup =
  | { state: 'choose' }
  | { state: 'creating'; total: number; firstId: string }
  | { state: 'created' }
  | { state: 'joined' };

export async function readSetup(db: OrderlineDb): Promise<StoreSetup> {
  const value = (await db.settings.get(SETUP_KEY))?.value as StoreSetup | undefined;
  // Desks enrolled before this step existed were already syncing: they count as joined.
  return value && typeof value === 'object' && 'state' in value ? value : { state: 'joined' };
}

export interface Holdings {
  demo: boolean;
  products: number;
  customers: number;
  orders: number;
  staff: number;
}

export async function deskHoldings(db: OrderlineDb): Promise<Holdings> {
  const [demo, products, customers, orders, staff] = await Promise.all([
    db.settings.get('demoStore').then((row) => row?.value === true),
    db.products.count(),
    db.customers.count(),
    db.orders.count(),
    db.staff.count(),
  ]);
  return { demo, products, customers, orders, staff };
}

/** Only people and settings: nothing a store would miss if this desk joined another. */
export function holdsStoreData(h: Holdings): boolean {
  return h.products + h.customers + h.orders > 0;
}

export async function fetchStoreStatus(fetchFn: FetchLike, settings: SyncSettings): Promise<StoreStatus> {
  return getJson(fetchFn, `${settings.serverUrl}/v1/store`, StoreStatusSchema, settings.device.token);
}

/** The empty cart an order started as: the server takes a new order only so, then its events. */
function emptyCartOf(order: Order): Order {
  const initial = initialOrderState();
  return {
    ...order,
    status: initial.status,
    lines: [],
    totals: { subtotal: 0, discount: 0, shipping: 0, tax: 0, total: 0, paid: 0, refunded: 0 },
    payments: [],
    machine: initial.context as unknown as Record<string, unknown>,
    version: 0,
    updatedAt: order.createdAt,
  };
}

const isBatchTable = (table: string): table is BatchTable => table in BATCH_KINDS;

const PLAIN_ORDER: RecordTable[] = ['staff', 'customers', 'products', 'variants', 'quotes'];
const AFTER_ORDERS: RecordTable[] = [
  'shifts',
  'parcels',
  'returns',
  'deliveries',
  'auditLog',
  'feedback',
  'referralRewards',
];

/**
 * The store's people, its first owner first: the server takes the first person of an empty store
 * as they come, and every later staff record as a change that owner made (it checks who may add whom).
 */
function staffEntries(staff: Staff[]): OutboxEntry[] {
  const owner = staff.find((person) => person.role === 'owner' && person.active);
  const ordered = owner ? [owner, ...staff.filter((person) => person !== owner)] : staff;
  return ordered.map((person, i) => {
    const entry = recordEntry('staff', person);
    return owner && i > 0 ? { ...entry, changedBy: owner.id } : entry;
  });
}

/**
 * Replaces what waits in the outbox with the whole store as this desk holds it, in the order the
 * server needs it (people and catalogue before the orders and stock that name them; each order as
 * an empty cart, then its events). E-mails waiting to be sent go last, after their orders.
 * Customers, products, variants and stock movements, a store's many records, are queued as batch
 * entries (outboxBatch: one per 500 records, expanded as they are sent), the rest one per record.
 * One transaction: the outbox holds either the old queue or the whole upload. `total` counts
 * changes (a batch as the records it names); `firstId` is the first entry queued.
 */
export async function queueUpload(db: OrderlineDb): Promise<{ total: number; firstId: string }> {
  const tables = [
    db.outbox,
    db.settings,
    db.staff,
    db.customers,
    db.products,
    db.variants,
    db.quotes,
    db.orders,
    db.orderEvents,
    db.stockMovements,
    db.balanceMovements,
    db.shifts,
    db.parcels,
    db.returns,
    db.deliveries,
    db.auditLog,
    db.feedback,
    db.referralRewards,
  ];
  return db.transaction('rw', tables, async () => {
    const waiting = await db.outbox.where('state').equals('pending').toArray();
    await db.outbox.bulkDelete(waiting.map((e) => e.id));
    let total = 0;
    let firstId = '';
    // Each step is numbered after the one before it (outboxSequence, queueBatches), so the server
    // gets them in this order.
    let entries: OutboxEntry[] = [];
    const flush = async () => {
      if (!entries.length) return;
      firstId ||= entries[0]!.id;
      total += entries.length;
      await db.outbox.bulkAdd(entries);
      entries = [];
    };
    const batches = async (table: BatchTable, rows: readonly { id: string }[]) => {
      await flush();
      const queued = await queueBatches(db, table, rows);
      firstId ||= queued[0] ?? '';
      total += rows.length;
    };
    const settings = await db.settings.toArray();
    for (const s of settings) if (isStoreSetting(s.key)) entries.push(recordEntry('settings', s));
    // A store setting this desk still holds under its old name goes up under its new one.
    const keys = new Set(settings.map((s) => s.key));
    for (const [key, legacy] of Object.entries(LEGACY_SETTING_KEYS)) {
      const old = settings.find((s) => s.key === legacy);
      if (old && !keys.has(key)) entries.push(recordEntry('settings', { key, value: old.value }));
    }
    for (const table of PLAIN_ORDER) {
      if (table === 'staff') {
        entries.push(...staffEntries(await db.staff.toArray()));
        continue;
      }
      const rows = (await db.table(table).toArray()) as Array<{ id: string }>;
      if (isBatchTable(table)) await batches(table, rows);
      else for (const row of rows) entries.push(recordEntry(table, row));
    }
    const orders = await db.orders.orderBy('createdAt').toArray();
    for (const order of orders) {
      entries.push(outboxEntry('record.put', 'orders', order.id, emptyCartOf(order)));
      const events: OrderEvent[] = await db.orderEvents
        .where('[orderId+seq]')
        .between([order.id, 0], [order.id, Infinity])
        .toArray();
      let previous: string | undefined;
      for (const event of events) {
        const entry = {
          ...outboxEntry('order.event', 'orderEvents', event.id, event),
          ...(previous ? { dependsOn: previous } : {}),
        };
        entries.push(entry);
        previous = entry.id;
      }
    }
    await batches('stockMovements', await db.stockMovements.orderBy('createdAt').toArray());
    // Credits before debits, so no ledger dips below zero while the server replays it.
    const balances = await db.balanceMovements.orderBy('createdAt').toArray();
    balances.sort((a, b) => Number(a.amount < 0) - Number(b.amount < 0));
    for (const m of balances) entries.push(outboxEntry('balance.movement', 'balanceMovements', m.id, m));
    for (const table of AFTER_ORDERS) {
      const rows = (await db.table(table).toArray()) as Array<{ id: string }>;
      for (const row of rows) entries.push(recordEntry(table, row));
    }
    for (const email of waiting.filter((e) => e.kind === 'email.send')) {
      entries.push(outboxEntry(email.kind, email.table, email.recordId, email.payload));
    }
    await flush();
    await db.settings.put({ key: SETUP_KEY, value: { state: 'creating', total, firstId } });
    return { total, firstId };
  });
}

/** Claims the store on the server for this desk, then queues the upload. The server refuses with a
 * sentence when the store already holds data or another desk created it. */
export async function createStoreFromDesk(
  db: OrderlineDb,
  fetchFn: FetchLike,
  settings: SyncSettings,
): Promise<{ total: number }> {
  const prefixes = new Set<string>();
  await db.orders.each((order) => void prefixes.add(order.number.split('-')[0] ?? ''));
  await postJson(
    fetchFn,
    `${settings.serverUrl}/v1/store/create`,
    { protocolVersion: PROTOCOL_VERSION, orderPrefixes: [...prefixes].filter(Boolean).slice(0, 50) },
    CreateStoreResponseSchema,
    settings.device.token,
  );
  return queueUpload(db);
}

/** Upload progress: entries the server has answered, of the total queued. */
export async function uploadProgress(
  db: OrderlineDb,
  setup: Extract<StoreSetup, { state: 'creating' }>,
): Promise<{ done: number; total: number }> {
  // A batch entry waits for as many changes as the records it names.
  let left = 0;
  await db.outbox
    .where('state')
    .equals('pending')
    .each((e) => {
      if (e.id >= setup.firstId) left += e.batchSize ?? 1;
    });
  return { done: setup.total - left, total: setup.total };
}

// Kept through a wipe: the enrollment, this desk's code and the pull cursor.
const KEEP = new Set([SERVER_KEY, DEVICE_KEY, DESK_KEY, CURSOR_KEY, 'firstRunDone']);

/** Empties every store table and this desk's own counters (the demo's order sequence, say), keeping
 * only the enrollment: what the store's server holds is then downloaded from the start. */
export async function wipeLocalStore(db: OrderlineDb): Promise<void> {
  await db.transaction('rw', db.tables, async () => {
    for (const table of db.tables) {
      if (table.name !== 'settings') await table.clear();
    }
    const settings = await db.settings.toArray();
    await db.settings.bulkDelete(settings.filter((s) => !KEEP.has(s.key)).map((s) => s.key));
    await db.settings.put({ key: CURSOR_KEY, value: 0 });
  });
}

/** Joins the store as the server holds it: a desk holding the demo (or only its own first owner)
 * is wiped first; a desk with store data of its own is refused (that would mix two stores). */
export async function joinStore(db: OrderlineDb): Promise<void> {
  const holdings = await deskHoldings(db);
  if (holdsStoreData(holdings) && !holdings.demo) {
    throw new Error(
      `This desk holds its own store (${holdings.products} products, ${holdings.customers} customers, ${holdings.orders} orders); joining would mix two stores. Create a new store from it instead, on a server store with no data.`,
    );
  }
  await wipeLocalStore(db);
  await db.settings.put({ key: SETUP_KEY, value: { state: 'joined' } });
}

/** After enrolling: a desk with nothing of its own joins at once; any other waits for a person. */
export async function setupAfterEnroll(db: OrderlineDb, sameStore: boolean): Promise<StoreSetup> {
  if (sameStore) return readSetup(db);
  const holdings = await deskHoldings(db);
  const setup: StoreSetup =
    holdsStoreData(holdings) || holdings.demo || holdings.staff > 0
      ? { state: 'choose' }
      : { state: 'joined' };
  await db.settings.put({ key: SETUP_KEY, value: setup });
  return setup;
}
