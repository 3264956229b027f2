// What "the desks and the server agree" means, checked after healing: the same orders, events,
// customers, catalog and stock movements everywhere; every order once; stock that adds up; and
// every queued change answered exactly once (applied on the server, or refused with no effect).
import { expect } from 'vitest';
import { foldLedger } from '$shared/stockLevels';
import type { Order, OrderEvent, OutboxEntry, StockMovement } from '$shared/records';
import type { Sql } from '../../../src-server/db';
import { readCursor, readSyncSettings } from '../../../src-renderer/src/sync/syncSettings';
import type { Desk } from './syncHarness';

type Json = Record<string, unknown> & { id: string };

export interface StoreData {
  orders: Json[];
  orderEvents: Json[];
  customers: Json[];
  products: Json[];
  variants: Json[];
  stockMovements: Json[];
  auditLog: Json[];
  parcels: Json[];
  /** The store-wide settings (`store.…`), as { id: key, value }. */
  storeSettings: Json[];
}

const byId = (rows: Json[]) => [...rows].sort((a, b) => a.id.localeCompare(b.id));
const json = (value: unknown): Json => (typeof value === 'string' ? JSON.parse(value) : value) as Json;

export async function serverData(sql: Sql, storeId: string): Promise<StoreData> {
  const data = async (text: string) =>
    byId((await sql.query<{ data: unknown }>(text, [storeId])).map((r) => json(r.data)));
  const records = (table: string) =>
    data(`SELECT data FROM records WHERE store_id = $1 AND table_name = '${table}'`);
  return {
    orders: await data('SELECT data FROM orders WHERE store_id = $1'),
    orderEvents: await data('SELECT data FROM order_events WHERE store_id = $1'),
    customers: await records('customers'),
    products: await records('products'),
    variants: await records('variants'),
    stockMovements: await data('SELECT data FROM stock_movements WHERE store_id = $1'),
    auditLog: await records('auditLog'),
    parcels: await records('parcels'),
    storeSettings: byId(
      (await records('settings')).map((s) => ({ id: String(s.key), value: s.value }) as Json),
    ),
  };
}

export async function deskData(desk: Desk): Promise<StoreData> {
  const { db } = desk;
  const all = async (table: { toArray(): Promise<unknown[]> }) => byId((await table.toArray()) as Json[]);
  return {
    orders: await all(db.orders),
    orderEvents: await all(db.orderEvents),
    customers: await all(db.customers),
    products: await all(db.products),
    variants: await all(db.variants),
    stockMovements: await all(db.stockMovements),
    auditLog: await all(db.auditLog),
    parcels: await all(db.parcels),
    storeSettings: byId(
      (await db.settings.toArray())
        .filter((s) => s.key.startsWith('store.'))
        .map((s) => ({ id: s.key, value: s.value }) as Json),
    ),
  };
}

async function lastSeq(sql: Sql, storeId: string): Promise<number> {
  const [row] = await sql.query<{ last_seq: unknown }>(
    'SELECT COALESCE(max(seq), 0) AS last_seq FROM change_log WHERE store_id = $1',
    [storeId],
  );
  return Number(row?.last_seq);
}

/** Syncs every desk, one after another, until none has anything to send and all have pulled all. */
export async function syncUntilQuiet(sql: Sql, storeId: string, desks: readonly Desk[]): Promise<void> {
  const seen: string[] = [];
  for (let round = 0; round < 8; round++) {
    const statuses = [];
    for (const desk of desks) statuses.push(await desk.client.syncNow());
    const seq = await lastSeq(sql, storeId);
    const cursors = await Promise.all(desks.map((d) => readCursor(d.db)));
    seen.push(
      statuses.map((s, i) => `${desks[i]!.code}:${s.state}/${s.pending}/${cursors[i]}of${seq}`).join(' '),
    );
    const quiet = statuses.every((s) => s.state === 'idle' && s.pending === 0);
    if (quiet && cursors.every((c) => c === seq)) return;
  }
  throw new Error(`The desks did not settle after 8 rounds of syncing: ${seen.join(' | ')}`);
}

/** Reserved stock the orders account for: every line of a reserved order not cancelled or shipped. */
export function reservedByOrders(orders: readonly Order[]): Map<string, number> {
  const reserved = new Map<string, number>();
  for (const order of orders) {
    // Orders ship whole in these tests: a shipped order holds nothing any more.
    if (order.machine['reserved'] !== true || ['cancelled', 'shipped', 'delivered'].includes(order.status))
      continue;
    for (const line of order.lines) {
      reserved.set(line.variantId, (reserved.get(line.variantId) ?? 0) + line.quantity);
    }
  }
  return reserved;
}

export interface Converged {
  data: StoreData;
  /** Changes the server refused, per desk (each checked to have left no trace). */
  rejected: OutboxEntry[];
}

/**
 * Every invariant of a healed store. `createdOrders` are the ids of every order a desk created:
 * each must be on the server once. `shipping` false: no order ships, so reserved stock must equal
 * what reserved orders hold. `restored`: codes of desks put back from an old copy of their database,
 * whose outbox has forgotten the changes made after the copy: for them only the changes the outbox
 * still holds are matched with the server's records.
 */
export async function expectConverged(
  sql: Sql,
  storeId: string,
  desks: readonly Desk[],
  createdOrders: readonly string[],
  context = '',
  restored: ReadonlySet<string> = new Set(),
): Promise<Converged> {
  const server = await serverData(sql, storeId);
  for (const desk of desks) {
    expect(await deskData(desk), `desk ${desk.code} holds what the server holds ${context}`).toEqual(server);
  }

  // Every order exactly once, by id and by number.
  const orders = server.orders as unknown as Order[];
  expect(new Set(orders.map((o) => o.number)).size, `order numbers are unique ${context}`).toBe(
    orders.length,
  );
  expect(orders.map((o) => o.id).sort(), `every order made is on the server once ${context}`).toEqual(
    [...createdOrders].sort(),
  );
  // Each order's events are its history: seqs 1..version, no gaps, no repeats.
  const events = server.orderEvents as unknown as OrderEvent[];
  for (const order of orders) {
    const seqs = events
      .filter((e) => e.orderId === order.id)
      .map((e) => e.seq)
      .sort((a, b) => a - b);
    expect(seqs, `order ${order.number}'s events ${context}`).toEqual(
      Array.from({ length: order.version }, (_, i) => i + 1),
    );
    // One packer: the order ships from the bench whose claim stands.
    let claim: string | null = null;
    for (const event of events.filter((e) => e.orderId === order.id).sort((a, b) => a.seq - b.seq)) {
      if (event.event.type === 'pack.start') claim = event.deskId;
      if (event.event.type === 'ship.dispatch') {
        expect(event.deskId, `order ${order.number} shipped by its packer ${context}`).toBe(claim);
      }
    }
  }

  // Stock: each desk's cached level is the sum of the ledger, and reserved is what orders hold.
  const movements = server.stockMovements as unknown as StockMovement[];
  const ledger = foldLedger(movements);
  const heldByOrders = reservedByOrders(orders);
  for (const [variantId, counts] of ledger) {
    expect(counts.reserved, `reserved stock of ${variantId} ${context}`).toBe(
      heldByOrders.get(variantId) ?? 0,
    );
  }
  for (const desk of desks) {
    const levels = await desk.db.stockLevels.toArray();
    expect(
      Object.fromEntries(levels.map((l) => [l.variantId, { onHand: l.onHand, reserved: l.reserved }])),
      `desk ${desk.code}'s stock levels are the sum of its movements ${context}`,
    ).toEqual(Object.fromEntries(ledger));
  }

  // No change applied twice: the log holds each event and movement once.
  const repeated = await sql.query(
    `SELECT record_id, count(*) AS n FROM change_log
      WHERE store_id = $1 AND table_name IN ('orderEvents', 'stockMovements')
      GROUP BY record_id HAVING count(*) > 1`,
    [storeId],
  );
  expect(repeated, `events and movements logged once ${context}`).toEqual([]);

  // Every queued change answered once: applied ones are on the server, refused ones left nothing.
  const rejected: OutboxEntry[] = [];
  const eventIds = new Set(events.map((e) => e.id));
  const movementIds = new Set(movements.map((m) => m.id));
  for (const desk of desks) {
    const settings = (await readSyncSettings(desk.db))!;
    const recorded = await sql.query<{ mutation_id: string; status: string }>(
      'SELECT mutation_id, status FROM applied_mutations WHERE device_id = $1',
      [settings.device.deviceId],
    );
    const outbox = await desk.db.outbox.toArray();
    const held = new Set(outbox.map((e) => e.id));
    const verdict = (status: string) => (status === 'rejected' ? 'rejected' : 'applied');
    expect(
      Object.fromEntries(
        recorded
          .filter((r) => !restored.has(desk.code) || held.has(r.mutation_id))
          .map((r) => [r.mutation_id, verdict(r.status)]),
      ),
      `desk ${desk.code}'s changes each recorded once, as the desk settled them ${context}`,
    ).toEqual(Object.fromEntries(outbox.map((e) => [e.id, e.state])));
    for (const entry of outbox) {
      if (entry.state === 'rejected') rejected.push(entry);
      // A record edit leaves no row of its own; its effect is the record compared above.
      if (entry.kind === 'record.put') continue;
      const ids = entry.kind === 'order.event' ? eventIds : movementIds;
      expect(ids.has(entry.recordId), `${entry.kind} ${entry.recordId} (${entry.state}) ${context}`).toBe(
        entry.state === 'applied',
      );
    }
  }
  return { data: server, rejected };
}

/** For a failure message: every refused change per desk, and the server's orders and order stock. */
export async function describeStore(sql: Sql, storeId: string, desks: readonly Desk[]): Promise<string[]> {
  const lines: string[] = [];
  for (const desk of desks) {
    for (const entry of await desk.db.outbox.where('state').equals('rejected').toArray()) {
      const payload = entry.payload as { orderId?: string; event?: { type?: string }; kind?: string };
      const what = payload.event?.type ?? payload.kind ?? entry.table;
      lines.push(
        `refused at ${desk.code}: ${entry.kind} ${what} of ${payload.orderId ?? entry.recordId}: ${entry.rejection}`,
      );
    }
  }
  const orders = await sql.query<{ data: unknown }>('SELECT data FROM orders WHERE store_id = $1', [storeId]);
  for (const row of orders) {
    const order = json(row.data) as unknown as Order;
    const reserved = String(order.machine['reserved']);
    lines.push(
      `server: ${order.number} (${order.id}) ${order.status} v${order.version} reserved=${reserved}`,
    );
  }
  const moves = await sql.query<{ data: unknown }>('SELECT data FROM stock_movements WHERE store_id = $1', [
    storeId,
  ]);
  for (const row of moves) {
    const move = json(row.data) as unknown as StockMovement;
    if (move.orderId) lines.push(`server: ${move.kind} ${move.quantity} for order ${move.orderId}`);
  }
  return lines;
}
