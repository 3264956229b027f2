// Applying one pulled page: every record checked against its schema and upserted into its table,
// stock levels recomputed from the ledger, and the new cursor stored, all in ONE transaction. A record
// the desk cannot store is kept aside with the reason (listed in Settings, tried again with every
// later page) — never passed over in silence.
import type { z } from 'zod';
import { OrderEventSchema, OrderSchema, StockMovementSchema } from '../../../src-shared/records';
import { lastNumbersIn, orderSequenceKey, quoteSequenceKey } from '../../../src-shared/deskNumbers';
import { foldLedger } from '../../../src-shared/stockLevels';
import { RECORD_KINDS } from '../../../src-shared/syncedRecords';
import {
  RECORD_TABLES,
  type PullResponse,
  type RecordTable,
  type SyncTable,
} from '../../../src-shared/syncProtocol';
import { safeParseRecord } from '../../../src-shared/validation';
import type { OrderlineDb, SetAsideChange } from '../db/database';
import { CURSOR_KEY, DESK_KEY } from './syncSettings';

type Schema = z.ZodType<Record<string, unknown>>;

const SCHEMAS: Record<SyncTable, Schema> = {
  ...(Object.fromEntries(RECORD_TABLES.map((t) => [t, RECORD_KINDS[t].schema])) as Record<
    RecordTable,
    Schema
  >),
  orders: OrderSchema,
  orderEvents: OrderEventSchema,
  stockMovements: StockMovementSchema,
};

const isRecordTable = (table: string): table is RecordTable =>
  (RECORD_TABLES as readonly string[]).includes(table);

/** A pulled change the desk could not store, and why (kept aside, shown to the user). */
export interface SkippedChange {
  seq: number;
  table: SyncTable;
  recordId: string;
  reason: string;
}

export interface AppliedPage {
  applied: number;
  /** Kept as the desk has them because an edit of theirs is still waiting to be pushed. */
  keptLocal: number;
  skipped: SkippedChange[];
  /** Set-aside records of earlier pages that could be stored this time. */
  recovered: number;
}

/** Records with a change of this desk's still in the outbox: the server has not seen it yet, so its
 * copy is older than ours; the push will bring it, and a later page the merged record. */
async function pendingRecordIds(db: OrderlineDb): Promise<Set<string>> {
  const ids = new Set<string>();
  await db.outbox
    .where('state')
    .equals('pending')
    .each((entry) => {
      ids.add(entry.recordId);
      const orderId = (entry.payload as { orderId?: unknown } | null)?.orderId;
      if (entry.kind === 'order.event' && typeof orderId === 'string') ids.add(orderId);
    });
  return ids;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Every table a pulled page may write (one transaction spans them all). */
export function pullTables(db: OrderlineDb) {
  return [
    db.products,
    db.variants,
    db.customers,
    db.staff,
    db.orders,
    db.orderEvents,
    db.stockMovements,
    db.stockLevels,
    db.settings,
    db.outbox,
    db.quotes,
    db.shifts,
    db.auditLog,
    db.parcels,
    db.returns,
    db.deliveries,
    db.setAside,
  ];
}

type Stored = { ok: true; keptLocal?: boolean; variantId?: string } | { ok: false; reason: string };

/** Stores one change; must run inside the page's transaction. */
async function storeChange(
  db: OrderlineDb,
  table: string,
  recordId: string,
  record: unknown,
  pending: Set<string>,
): Promise<Stored> {
  if (!(table in SCHEMAS))
    return { ok: false, reason: `This desk does not know the kind “${table}”; update Orderline` };
  const syncTable = table as SyncTable;
  const parsed = safeParseRecord(SCHEMAS[syncTable], record);
  if (!parsed.ok) {
    return {
      ok: false,
      reason: `The server sent a ${table} record this desk cannot store: ${parsed.issues.join('; ')}`,
    };
  }
  const id = isRecordTable(syncTable) ? RECORD_KINDS[syncTable].idOf(parsed.value) : parsed.value.id;
  if (id !== recordId)
    return { ok: false, reason: `The server sent record ${String(id)} under the id ${recordId}` };
  // Stock movements, order events and append-only records: the same id is the same fact.
  const appendOnly =
    syncTable === 'stockMovements' ||
    syncTable === 'orderEvents' ||
    (isRecordTable(syncTable) && RECORD_KINDS[syncTable].rule === 'append');
  if (!appendOnly && pending.has(recordId)) return { ok: true, keptLocal: true };
  try {
    // Caught inside the transaction, a failed put (a unique SKU held by another record, say)
    // sets aside only this record instead of aborting the page and jamming every later pull.
    await db.table(syncTable).put(parsed.value);
  } catch (error) {
    return { ok: false, reason: `This desk could not store ${table} record ${recordId}: ${message(error)}` };
  }
  const variantId = syncTable === 'stockMovements' ? String(parsed.value.variantId) : undefined;
  return { ok: true, ...(variantId ? { variantId } : {}) };
}

/**
 * Raises this desk's order and quote counters past any number of its series in the page: the
 * server holds it, so issuing it again would collide (a desk restored from an old copy, or wiped
 * and joined again, learns its last numbers here). Must run inside the page's transaction.
 */
async function learnLastNumbers(db: OrderlineDb, page: PullResponse): Promise<void> {
  const code = ((await db.settings.get(DESK_KEY))?.value as { code?: unknown } | undefined)?.code;
  if (typeof code !== 'string') return;
  const last = lastNumbersIn(page.changes, code);
  const raise = async (key: string, to: number) => {
    if (to === 0) return;
    const now = (await db.settings.get(key))?.value;
    if (typeof now !== 'number' || now < to) await db.settings.put({ key, value: to });
  };
  await raise(orderSequenceKey(code), last.orders);
  await raise(quoteSequenceKey(code), last.quotes);
}

export async function applyPulledPage(db: OrderlineDb, page: PullResponse): Promise<AppliedPage> {
  return db.transaction('rw', pullTables(db), async () => {
    const result: AppliedPage = { applied: 0, keptLocal: 0, skipped: [], recovered: 0 };
    const pending = await pendingRecordIds(db);
    const touchedVariants = new Set<string>();
    const at = new Date().toISOString();
    // What an earlier page could not store may fit now (the clashing SKU was renamed, say).
    const earlier = await db.setAside.toArray();
    const newer = new Set(page.changes.map((c) => c.recordId));
    for (const aside of earlier) {
      // A newer copy of the same record in this page supersedes the one set aside.
      if (newer.has(aside.recordId)) {
        await db.setAside.delete(aside.seq);
        continue;
      }
      const stored = await storeChange(db, aside.table, aside.recordId, aside.record, pending);
      if (!stored.ok) continue;
      await db.setAside.delete(aside.seq);
      if (stored.variantId) touchedVariants.add(stored.variantId);
      result.recovered += 1;
    }
    for (const change of page.changes) {
      const stored = await storeChange(db, change.table, change.recordId, change.record, pending);
      if (!stored.ok) {
        const aside: SetAsideChange = { ...change, reason: stored.reason, at };
        await db.setAside.put(aside);
        result.skipped.push({
          seq: change.seq,
          table: change.table,
          recordId: change.recordId,
          reason: stored.reason,
        });
        continue;
      }
      if (stored.keptLocal) {
        result.keptLocal += 1;
        continue;
      }
      if (stored.variantId) touchedVariants.add(stored.variantId);
      result.applied += 1;
    }
    // Recomputed from the whole ledger, not incremented: a movement pulled back after this desk
    // already counted it must not count twice.
    for (const variantId of touchedVariants) {
      const ledger = await db.stockMovements.where('variantId').equals(variantId).toArray();
      const counts = foldLedger(ledger).get(variantId) ?? { onHand: 0, reserved: 0 };
      await db.stockLevels.put({ variantId, ...counts, updatedAt: at });
    }
    await learnLastNumbers(db, page);
    await db.settings.put({ key: CURSOR_KEY, value: page.cursor });
    return result;
  });
}
