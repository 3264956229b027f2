// This desk's stock movements the server has not confirmed yet, per variant: what a stock figure
// shown on this desk includes beyond the synced stock.
import type { StockMovement } from '../../../src-shared/records';
import { stockSources, type StockCounts, type StockSource } from '../../../src-shared/stockLevels';
import type { OrderlineDb } from './database';

/** Pending movements of these variants, read from the outbox (small: only what is not yet sent). */
export async function pendingMovementsOf(
  db: OrderlineDb,
  variantIds: readonly string[],
): Promise<Map<string, StockMovement[]>> {
  const wanted = new Set(variantIds);
  const byVariant = new Map<string, StockMovement[]>();
  await db.outbox
    .where('state')
    .equals('pending')
    .each((entry) => {
      if (entry.kind !== 'stock.movement') return;
      const movement = entry.payload as StockMovement;
      if (!wanted.has(movement.variantId)) return;
      byVariant.set(movement.variantId, [...(byVariant.get(movement.variantId) ?? []), movement]);
    });
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
