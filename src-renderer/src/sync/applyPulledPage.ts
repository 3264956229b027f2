// Applying one pulled page: every record checked against its schema and upserted into its table,
// stock levels recomputed from the ledger, and the new cursor stored, all in ONE transaction.
import type { z } from 'zod';
import {
  CustomerSchema,
  OrderEventSchema,
  OrderSchema,
  ProductSchema,
  StaffSchema,
  StockMovementSchema,
  VariantSchema,
} from '../../../src-shared/records';
import { foldLedger } from '../../../src-shared/stockLevels';
import type { PullResponse, SyncTable } from '../../../src-shared/syncProtocol';
import { safeParseRecord } from '../../../src-shared/validation';
import type { OrderlineDb } from '../db/database';
import { CURSOR_KEY } from './syncSettings';

const SCHEMAS: Record<SyncTable, z.ZodType<{ id: string }>> = {
  products: ProductSchema,
  variants: VariantSchema,
  customers: CustomerSchema,
  staff: StaffSchema,
  orders: OrderSchema,
  orderEvents: OrderEventSchema,
  stockMovements: StockMovementSchema,
};

/** A pulled change the desk could not store, and why (shown to the user, never blocks the pull). */
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

export async function applyPulledPage(db: OrderlineDb, page: PullResponse): Promise<AppliedPage> {
  const tables = [
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
  ];
  return db.transaction('rw', tables, async () => {
    const result: AppliedPage = { applied: 0, keptLocal: 0, skipped: [] };
    const pending = await pendingRecordIds(db);
    const touchedVariants = new Set<string>();
    for (const change of page.changes) {
      const skip = (reason: string) =>
        result.skipped.push({ seq: change.seq, table: change.table, recordId: change.recordId, reason });
      const parsed = safeParseRecord(SCHEMAS[change.table], change.record);
      if (!parsed.ok) {
        skip(`The server sent a ${change.table} record this desk cannot store: ${parsed.issues.join('; ')}`);
        continue;
      }
      if (parsed.value.id !== change.recordId) {
        skip(`The server sent record ${parsed.value.id} under the id ${change.recordId}`);
        continue;
      }
      // Stock movements and order events are append-only: the same id is the same fact.
      const appendOnly = change.table === 'stockMovements' || change.table === 'orderEvents';
      if (!appendOnly && pending.has(change.recordId)) {
        result.keptLocal += 1;
        continue;
      }
      try {
        // Caught inside the transaction, a failed put (a unique SKU held by another record, say)
        // skips only this record instead of aborting the page and jamming every later pull.
        await db.table(change.table).put(parsed.value);
      } catch (error) {
        skip(`This desk could not store ${change.table} record ${change.recordId}: ${message(error)}`);
        continue;
      }
      if (change.table === 'stockMovements') {
        touchedVariants.add((parsed.value as z.infer<typeof StockMovementSchema>).variantId);
      }
      result.applied += 1;
    }
    // Recomputed from the whole ledger, not incremented: a movement pulled back after this desk
    // already counted it must not count twice.
    const updatedAt = new Date().toISOString();
    for (const variantId of touchedVariants) {
      const ledger = await db.stockMovements.where('variantId').equals(variantId).toArray();
      const counts = foldLedger(ledger).get(variantId) ?? { onHand: 0, reserved: 0 };
      await db.stockLevels.put({ variantId, ...counts, updatedAt });
    }
    await db.settings.put({ key: CURSOR_KEY, value: page.cursor });
    return result;
  });
}
