// The pack bench's counts as they are scanned: one small write per counted scan, so a crash or a
// restart opens the order again at the same count. Local to the bench that packs it (never synced):
// the order's claim (pack.start) already says which bench that is.
import type { OrderlineDb } from './database';

export interface PackProgress {
  orderId: string;
  /** The bench counting it. */
  deskId: string;
  /** Units scanned so far, per variant id. */
  counts: Record<string, number>;
  updatedAt: string;
}

/** Stores the counts after a scan (replacing the ones before). */
export async function savePackProgress(
  db: OrderlineDb,
  orderId: string,
  deskId: string,
  counts: Record<string, number>,
): Promise<void> {
  await db.packProgress.put({ orderId, deskId, counts: { ...counts }, updatedAt: new Date().toISOString() });
}

/** The counts stored for an order on this bench, or none (another bench's counts are not ours). */
export async function loadPackProgress(
  db: OrderlineDb,
  orderId: string,
  deskId: string,
): Promise<Record<string, number>> {
  const row = await db.packProgress.get(orderId);
  return row && row.deskId === deskId ? row.counts : {};
}

/** Forgets the counts once the parcel is stored, or the order is put back in the queue. */
export async function clearPackProgress(db: OrderlineDb, orderId: string): Promise<void> {
  await db.packProgress.delete(orderId);
}
