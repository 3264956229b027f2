// Applying one pulled page: every record checked against its schema and written into its table,
// stock levels moved by the movements new to the desk, and the new cursor stored, all in ONE
// transaction. A record the desk cannot store is kept aside with the reason (listed in Settings,
// tried again with every later page) — never passed over in silence. The check is a pure step (checkPulledPage); the write
// is one bulkPut per table, and stock levels move by the page's new movements (no ledger read).
import Dexie, { type Table } from 'dexie';
import type { z } from 'zod';
import { OrderEventSchema, OrderSchema, StockMovementSchema, type StockMovement } from '$shared/records';
import { BalanceMovementSchema } from '$shared/balances';
import { lastNumbersIn, orderSequenceKey, quoteSequenceKey } from '$shared/deskNumbers';
import { applyMovement, type StockCounts } from '$shared/stockLevels';
import { RECORD_KINDS } from '$shared/syncedRecords';
import {
  RECORD_TABLES,
  SYNC_TABLES,
  type Change,
  type PullResponse,
  type RecordTable,
  type SyncTable,
} from '$shared/syncProtocol';
import { safeParseRecord } from '$shared/validation';
import type { OrderlineDb, ServerCopy, SetAsideChange } from '$db/database';
import { batchedIds } from '$db/outboxBatch';
import { holdServerCopies } from './serverCopies';
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
  balanceMovements: BalanceMovementSchema,
};

const isRecordTable = (table: string): table is RecordTable =>
  (RECORD_TABLES as readonly string[]).includes(table);

/** Stock movements, order events and append-only records: the same id is the same fact, so a
 * pulled copy is written even while an edit of this desk's waits in the outbox. */
const appendOnly = (table: SyncTable) =>
  table === 'stockMovements' ||
  table === 'balanceMovements' ||
  table === 'orderEvents' ||
  (isRecordTable(table) && RECORD_KINDS[table].rule === 'append');

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

/** The part of a change the checks and the set-aside table need. */
type Pulled = Pick<Change, 'seq' | 'recordId' | 'record'> & { table: string };

/** A change that passed its checks: its record as parsed, ready for its table. */
export interface CheckedRow {
  change: Pulled;
  table: SyncTable;
  record: Record<string, unknown>;
}

/** A page after its checks: the rows worth writing in page order, and what was refused and why. */
export interface CheckedPage {
  cursor: number;
  rows: CheckedRow[];
  refused: { change: Pulled; reason: string }[];
  /** Every record the page carries, checked or not: a newer copy supersedes one set aside. */
  recordIds: Set<string>;
}

type Checked = { ok: true; row: CheckedRow } | { ok: false; reason: string };

/** Checks one change against its kind's schema and its id (pure: no database, no DOM). */
export function checkChange(change: Pulled): Checked {
  const { table, recordId } = change;
  if (!(table in SCHEMAS))
    return { ok: false, reason: `This desk does not know the kind “${table}”; update Orderline` };
  const syncTable = table as SyncTable;
  const parsed = safeParseRecord(SCHEMAS[syncTable], change.record);
  if (!parsed.ok) {
    return {
      ok: false,
      reason: `The server sent a ${table} record this desk cannot store: ${parsed.issues.join('; ')}`,
    };
  }
  // Store settings are keyed by their name, so their id is derived from it (and a desk-only
  // setting never passes its schema).
  const id = isRecordTable(syncTable) ? RECORD_KINDS[syncTable].idOf(parsed.value) : parsed.value.id;
  if (id !== recordId)
    return { ok: false, reason: `The server sent record ${String(id)} under the id ${recordId}` };
  return { ok: true, row: { change, table: syncTable, record: parsed.value } };
}

/** Checks every change of a page (pure, so it can run away from the screen's thread). */
export function checkPulledPage(page: Pick<PullResponse, 'changes' | 'cursor'>): CheckedPage {
  const checked: CheckedPage = { cursor: page.cursor, rows: [], refused: [], recordIds: new Set() };
  for (const change of page.changes) {
    checked.recordIds.add(change.recordId);
    const result = checkChange(change);
    if (result.ok) checked.rows.push(result.row);
    else checked.refused.push({ change, reason: result.reason });
  }
  return checked;
}

/** Records with a change of this desk's still in the outbox: the server has not seen it yet, so its
 * copy is older than ours. The desk's row stays and the server's copy is held (serverCopies): a
 * later page brings the merged record if the change is taken, and the held copy stands if not. */
async function pendingRecordIds(db: OrderlineDb): Promise<Set<string>> {
  const ids = new Set<string>();
  await db.outbox
    .where('state')
    .equals('pending')
    .each((entry) => {
      ids.add(entry.recordId);
      for (const id of batchedIds(entry)) ids.add(id);
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
    db.balanceMovements,
    db.settings,
    db.outbox,
    db.quotes,
    db.shifts,
    db.auditLog,
    db.parcels,
    db.returns,
    db.deliveries,
    db.feedback,
    db.referralRewards,
    db.setAside,
    db.serverCopies,
  ];
}

/** One bulkPut for a table's rows. A row the table refuses (a unique SKU another record holds) fails
 * alone: Dexie reports it in a BulkError and keeps the rest and the transaction. Returns the reason
 * per refused position. */
async function putAll(table: Table, rows: CheckedRow[]): Promise<Map<number, string>> {
  const failed = new Map<number, string>();
  try {
    await table.bulkPut(rows.map((row) => row.record));
  } catch (error) {
    if (!(error instanceof Dexie.BulkError)) throw error;
    for (const [pos, failure] of Object.entries(error.failuresByPos)) {
      const { change } = rows[Number(pos)]!;
      failed.set(
        Number(pos),
        `This desk could not store ${change.table} record ${change.recordId}: ${message(failure)}`,
      );
    }
  }
  return failed;
}

/** Writes a checked page, with what earlier pages set aside tried again first; ONE transaction. */
export async function writeCheckedPage(db: OrderlineDb, page: CheckedPage): Promise<AppliedPage> {
  return db.transaction('rw', pullTables(db), async () => {
    const result: AppliedPage = { applied: 0, keptLocal: 0, skipped: [], recovered: 0 };
    const pending = await pendingRecordIds(db);
    const at = new Date().toISOString();
    const asideNow: SetAsideChange[] = [];
    const setAside = (change: Pulled, reason: string) => {
      asideNow.push({ ...change, reason, at } as SetAsideChange);
      result.skipped.push({
        seq: change.seq,
        table: change.table as SyncTable,
        recordId: change.recordId,
        reason,
      });
    };

    // What an earlier page could not store may fit now (the clashing SKU was renamed, say); a newer
    // copy of the same record in this page supersedes the one set aside.
    const earlier = await db.setAside.toArray();
    const superseded = earlier.filter((aside) => page.recordIds.has(aside.recordId));
    if (superseded.length) await db.setAside.bulkDelete(superseded.map((aside) => aside.seq));
    const retried = new Set<CheckedRow>();
    const recoveredSeqs: number[] = [];
    for (const aside of earlier) {
      if (page.recordIds.has(aside.recordId)) continue;
      const checked = checkChange(aside);
      if (checked.ok) retried.add(checked.row);
    }

    const byTable = new Map<SyncTable, CheckedRow[]>();
    for (const row of [...retried, ...page.rows]) {
      const rows = byTable.get(row.table) ?? byTable.set(row.table, []).get(row.table)!;
      rows.push(row);
    }
    // Stock movements new to this desk, by variant: what each level moves by (see below).
    const moved = new Map<string, StockCounts>();
    const holding = (await db.serverCopies.count()) > 0;
    const held: ServerCopy[] = [];
    for (const table of SYNC_TABLES) {
      const rows = byTable.get(table);
      if (!rows) continue;
      const isKept = (row: CheckedRow) => !appendOnly(table) && pending.has(row.change.recordId);
      const writing = rows.filter((row) => !isKept(row));
      for (const row of rows.filter(isKept)) {
        held.push({ table, recordId: row.change.recordId, seq: row.change.seq, record: row.record });
        if (retried.has(row)) {
          recoveredSeqs.push(row.change.seq);
          result.recovered += 1;
        } else result.keptLocal += 1;
      }
      // A copy written now is newer than any held before (one left when a waiting change was dropped).
      if (holding && writing.length && !appendOnly(table))
        await db.serverCopies.bulkDelete(
          writing.map((row): [string, string] => [table, row.change.recordId]),
        );
      // A movement already here (this desk's own, pulled back; or a page applied again) is the same
      // fact, already counted: asked for before the write, by key alone.
      const known =
        table === 'stockMovements' && writing.length
          ? new Set(
              await db.stockMovements
                .where(':id')
                .anyOf(writing.map((row) => row.change.recordId))
                .primaryKeys(),
            )
          : null;
      const failed = writing.length ? await putAll(db.table(table), writing) : new Map<number, string>();
      writing.forEach((row, pos) => {
        const reason = failed.get(pos);
        // A record set aside before that still does not fit simply stays where it is.
        if (retried.has(row)) {
          if (reason === undefined) {
            recoveredSeqs.push(row.change.seq);
            result.recovered += 1;
          }
        } else if (reason !== undefined) setAside(row.change, reason);
        else result.applied += 1;
        if (reason === undefined && known && !known.has(row.change.recordId)) {
          known.add(row.change.recordId);
          const movement = row.record as unknown as StockMovement;
          moved.set(
            movement.variantId,
            applyMovement(moved.get(movement.variantId) ?? { onHand: 0, reserved: 0 }, movement),
          );
        }
      });
    }
    await holdServerCopies(db, held);
    for (const { change, reason } of page.refused) setAside(change, reason);
    if (recoveredSeqs.length) await db.setAside.bulkDelete(recoveredSeqs);
    if (asideNow.length) await db.setAside.bulkPut(asideNow);

    if (moved.size) {
      // Each level moves by the movements new to this desk: the level is its ledger's sum (every
      // writer keeps them together, and sums commute), so adding the new ones equals folding the
      // whole ledger again, without reading it (at 100k variants that read was the largest cost
      // of a download). A movement counted already is never counted twice (known, above).
      const variantIds = [...moved.keys()];
      const levels = await db.stockLevels.bulkGet(variantIds);
      await db.stockLevels.bulkPut(
        variantIds.map((variantId, i) => {
          const before = levels[i] ?? { onHand: 0, reserved: 0 };
          const delta = moved.get(variantId)!;
          return {
            variantId,
            onHand: before.onHand + delta.onHand,
            reserved: before.reserved + delta.reserved,
            updatedAt: at,
          };
        }),
      );
    }
    await learnLastNumbers(db, page);
    await db.settings.put({ key: CURSOR_KEY, value: page.cursor });
    result.skipped.sort((a, b) => a.seq - b.seq);
    return result;
  });
}

/**
 * Raises this desk's order and quote counters past any number of its series in the page: the
 * server holds it, so issuing it again would collide (a desk restored from an old copy, or wiped
 * and joined again, learns its last numbers here). Must run inside the page's transaction.
 */
async function learnLastNumbers(db: OrderlineDb, page: CheckedPage): Promise<void> {
  const code = ((await db.settings.get(DESK_KEY))?.value as { code?: unknown } | undefined)?.code;
  if (typeof code !== 'string') return;
  // Every change counts, stored or set aside: the server holds that number either way.
  const last = lastNumbersIn([...page.rows.map((r) => r.change), ...page.refused.map((r) => r.change)], code);
  const raise = async (key: string, to: number) => {
    if (to === 0) return;
    const now = (await db.settings.get(key))?.value;
    if (typeof now !== 'number' || now < to) await db.settings.put({ key, value: to });
  };
  await raise(orderSequenceKey(code), last.orders);
  await raise(quoteSequenceKey(code), last.quotes);
}

/** checkPulledPage then writeCheckedPage: the one way a pulled page reaches this desk's tables. */
export function applyPulledPage(db: OrderlineDb, page: PullResponse): Promise<AppliedPage> {
  return writeCheckedPage(db, checkPulledPage(page));
}
