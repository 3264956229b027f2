// This desk's stock movements the server has not confirmed yet, per variant: what a stock figure
// shown on this desk includes beyond the synced stock.
import type { StockMovement } from '$shared/records';
import { stockSources, type StockCounts, type StockSource } from '$shared/stockLevels';
import type { OrderlineDb } from './database';
import { batchedIds } from './outboxBatch';

/** Pending movements of these variants, read from the outbox (small: only what is not yet sent),
 * and those of an import still queued as batches (read from the ledger by variant). */
export async function pendingMovementsOf(
  db: OrderlineDb,
  variantIds: readonly string[],
): Promise<Map<string, StockMovement[]>> {
  const wanted = new Set(variantIds);
  const byVariant = new Map<string, StockMovement[]>();
  const add = (movement: StockMovement) => {
    if (!wanted.has(movement.variantId)) return;
    byVariant.set(movement.variantId, [...(byVariant.get(movement.variantId) ?? []), movement]);
  };
  const batched = new Set<string>();
  await db.outbox
    .where('state')
    .equals('pending')
    .each((entry) => {
      if (entry.kind === 'stock.movement') add(entry.payload as StockMovement);
      else if (entry.table === 'stockMovements') for (const id of batchedIds(entry)) batched.add(id);
    });
  if (batched.size && wanted.size) {
    const ledger = await db.stockMovements
      .where('variantId')
      .anyOf([...wanted])
      .toArray();
    for (const movement of ledger) if (batched.has(movement.id)) add(movement);
  }
  return byVariant;
}

/** Synced and pending parts of each variant's stock level. */
export async function stockSourcesOf(
  db: OrderlineDb,
  levels: ReadonlyMap<string, StockCounts>,
): Promise<Map<string, StockSource>> {
  const pending = await pendingMovementsOf(db, [...levels.keys()]);
  return new Map(
    [...levels].map(([variantId, level]) => [variantId, stockSources(level, pending.get(variantId) ?? [])]),
  );
}
