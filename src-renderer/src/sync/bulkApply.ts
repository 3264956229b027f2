// Applying a pulled page in bulk: the same outcome as applyPulledPage (every record checked, a
// record with an unsent local edit kept, a bad record skipped with its reason, stock levels
// recomputed from the ledger, the cursor stored with the page) but one bulkPut per table and one
// ledger read for the page, instead of a put and a ledger query per record. The check is a pure
// step (validatePulledPage) so it can run in a worker; the write needs only its result.
import Dexie, { type Table } from 'dexie';
import type { z } from 'zod';
import {
  CustomerSchema,
  OrderEventSchema,
  OrderSchema,
  ProductSchema,
  StaffSchema,
  StockMovementSchema,
  VariantSchema,
  type StockMovement,
} from '../../../src-shared/records';
import { foldLedger } from '../../../src-shared/stockLevels';
import {
  RECORD_TABLES,
  SYNC_TABLES,
  type PullResponse,
  type RecordTable,
  type SyncTable,
} from '../../../src-shared/syncProtocol';
import { BalanceMovementSchema } from '../../../src-shared/balances';
import { RECORD_KINDS } from '../../../src-shared/syncedRecords';
import { safeParseRecord } from '../../../src-shared/validation';
import type { OrderlineDb } from '../db/database';
import type { AppliedPage, SkippedChange } from './applyPulledPage';
import { CURSOR_KEY } from './syncSettings';

// Not yet wired into pullChanges: it covers the catalogue, customers, staff, orders and the ledger;
// the record kinds added since (quotes, shifts, parcels, settings…) are checked by their synced
// schema here but written with their own rules only by applyPulledPage.
const SCHEMAS: Record<SyncTable, z.ZodType<{ id: string }>> = {
  ...(Object.fromEntries(RECORD_TABLES.map((table) => [table, RECORD_KINDS[table].schema])) as Record<
    RecordTable,
    z.ZodType<{ id: string }>
  >),
  products: ProductSchema,
  variants: VariantSchema,
  customers: CustomerSchema,
  staff: StaffSchema,
  orders: OrderSchema,
  orderEvents: OrderEventSchema,
  stockMovements: StockMovementSchema,
  balanceMovements: BalanceMovementSchema,
};

/** Stock movements and order events are append-only: the same id is the same fact. */
const APPEND_ONLY: ReadonlySet<SyncTable> = new Set(['stockMovements', 'orderEvents', 'balanceMovements']);

export type ValidRecord = { seq: number; recordId: string; record: { id: string } };

/** A page after its check: the records worth writing, per table in page order, and what was refused. */
export interface ValidatedPage {
  cursor: number;
  records: Record<SyncTable, ValidRecord[]>;
  skipped: SkippedChange[];
}

/** Checks every record of a page against its schema and its id (pure: no database, no DOM). */
export function validatePulledPage(page: Pick<PullResponse, 'changes' | 'cursor'>): ValidatedPage {
  const records = Object.fromEntries(SYNC_TABLES.map((t) => [t, [] as ValidRecord[]])) as Record<
    SyncTable,
    ValidRecord[]
  >;
  const skipped: SkippedChange[] = [];
  for (const change of page.changes) {
    const skip = (reason: string) =>
      skipped.push({ seq: change.seq, table: change.table, recordId: change.recordId, reason });
    const parsed = safeParseRecord(SCHEMAS[change.table], change.record);
    if (!parsed.ok) {
      skip(`The server sent a ${change.table} record this desk cannot store: ${parsed.issues.join('; ')}`);
      continue;
    }
    if (parsed.value.id !== change.recordId) {
      skip(`The server sent record ${parsed.value.id} under the id ${change.recordId}`);
      continue;
    }
    records[change.table].push({ seq: change.seq, recordId: change.recordId, record: parsed.value });
  }
  return { cursor: page.cursor, records, skipped };
}

/** Records with a change of this desk's still in the outbox (see applyPulledPage): kept as they are. */
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

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** One bulkPut for a table's rows; a row the table refuses (a unique SKU held by another record)
 * is skipped alone: the BulkError is caught, so the rest of the page is kept (Dexie's rule). */
async function putAll(table: Table, rows: ValidRecord[], name: SyncTable, skipped: SkippedChange[]) {
  if (!rows.length) return new Set<number>();
  const failed = new Set<number>();
  try {
    await table.bulkPut(rows.map((r) => r.record));
  } catch (error) {
    if (!(error instanceof Dexie.BulkError)) throw error;
    for (const [pos, failure] of Object.entries(error.failuresByPos)) {
      const row = rows[Number(pos)]!;
      failed.add(Number(pos));
      skipped.push({
        seq: row.seq,
        table: name,
        recordId: row.recordId,
        reason: `This desk could not store ${name} record ${row.recordId}: ${message(failure)}`,
      });
    }
  }
  return failed;
}

/** Writes a checked page: per table one bulkPut, then the stock levels of every variant the page's
 * movements touched (one indexed read of their ledgers, one bulkPut), then the cursor; ONE transaction. */
export async function writeValidatedPage(db: OrderlineDb, page: ValidatedPage): Promise<AppliedPage> {
  const tables = [...SYNC_TABLES.map((t) => db.table(t)), db.stockLevels, db.settings, db.outbox];
  return db.transaction('rw', tables, async () => {
    const result: AppliedPage = { applied: 0, keptLocal: 0, skipped: [...page.skipped], recovered: 0 };
    const pending = await pendingRecordIds(db);
    const touchedVariants = new Set<string>();
    for (const table of SYNC_TABLES) {
      const rows = page.records[table].filter((row) => APPEND_ONLY.has(table) || !pending.has(row.recordId));
      result.keptLocal += page.records[table].length - rows.length;
      const failed = await putAll(db.table(table), rows, table, result.skipped);
      result.applied += rows.length - failed.size;
      if (table === 'stockMovements') {
        rows.forEach((row, i) => {
          if (!failed.has(i)) touchedVariants.add((row.record as StockMovement).variantId);
        });
      }
    }
    if (touchedVariants.size) {
      // Recomputed from the whole ledger, not incremented: a movement pulled back after this desk
      // already counted it must not count twice.
      // One getAll per variant, all sent at once so IndexedDB runs them back to back: anyOf() walks
      // a cursor a step per key instead.
      const ledgers = await Promise.all(
        [...touchedVariants].map((id) => db.stockMovements.where('variantId').equals(id).toArray()),
      );
      const folded = foldLedger(ledgers.flat());
      const updatedAt = new Date().toISOString();
      await db.stockLevels.bulkPut(
        [...touchedVariants].map((variantId) => ({
          variantId,
          ...(folded.get(variantId) ?? { onHand: 0, reserved: 0 }),
          updatedAt,
        })),
      );
    }
    await db.settings.put({ key: CURSOR_KEY, value: page.cursor });
    result.skipped.sort((a, b) => a.seq - b.seq);
    return result;
  });
}

/** validatePulledPage then writeValidatedPage: a drop-in for applyPulledPage. */
export function bulkApplyPage(db: OrderlineDb, page: PullResponse): Promise<AppliedPage> {
  return writeValidatedPage(db, validatePulledPage(page));
}
