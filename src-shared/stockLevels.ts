// Stock on hand and reserved, derived from the movement ledger. Movements commute (they only add),
// so desks that record movements at the same time add up instead of overwriting each other.
import type { StockLevel, StockMovement } from './records';

export type StockCounts = Pick<StockLevel, 'onHand' | 'reserved'>;

/** What one movement does to the counts (a shipment takes reserved units out of the building). */
export function movementEffect(movement: Pick<StockMovement, 'kind' | 'quantity'>): StockCounts {
  const q = movement.quantity;
  switch (movement.kind) {
    case 'receive':
    case 'return':
    case 'adjust':
      return { onHand: q, reserved: 0 };
    case 'reserve':
      return { onHand: 0, reserved: q };
    case 'release':
      return { onHand: 0, reserved: -q };
    case 'ship':
      return { onHand: -q, reserved: -q };
  }
}

export function applyMovement(
  counts: StockCounts,
  movement: Pick<StockMovement, 'kind' | 'quantity'>,
): StockCounts {
  const effect = movementEffect(movement);
  // No clamping: a sum commutes, a clamped sum does not (see foldLedger's property test).
  return { onHand: counts.onHand + effect.onHand, reserved: counts.reserved + effect.reserved };
}

/** Units a seller can still promise: on hand minus what paid orders already hold. */
export function available(counts: StockCounts): number {
  return counts.onHand - Math.max(0, counts.reserved);
}

/** Folds a whole ledger into per-variant counts (used to rebuild the cache after an upgrade). */
export function foldLedger(
  movements: Iterable<Pick<StockMovement, 'variantId' | 'kind' | 'quantity'>>,
): Map<string, StockCounts> {
  const levels = new Map<string, StockCounts>();
  for (const m of movements) {
    levels.set(m.variantId, applyMovement(levels.get(m.variantId) ?? { onHand: 0, reserved: 0 }, m));
  }
  return levels;
}

/** What a desk's stock figure is made of: what the server has confirmed, and this desk's movements
 * still waiting to be sent. `level` already includes the pending ones (the desk counts its own at once). */
export type StockSource = { total: StockCounts; synced: StockCounts; pending: StockCounts };

export function stockSources(
  level: StockCounts,
  pendingMovements: readonly Pick<StockMovement, 'kind' | 'quantity'>[],
): StockSource {
  const pending = pendingMovements.reduce<StockCounts>((sum, m) => applyMovement(sum, m), {
    onHand: 0,
    reserved: 0,
  });
  return {
    total: { onHand: level.onHand, reserved: level.reserved },
    synced: { onHand: level.onHand - pending.onHand, reserved: level.reserved - pending.reserved },
    pending,
  };
}

/** "10 synced + 2 from this desk, waiting to sync" — or null when nothing of this desk's is waiting. */
export function describeStockSource(source: StockSource): string | null {
  const { onHand, reserved } = source.pending;
  if (onHand === 0 && reserved === 0) return null;
  const signed = (n: number) => `${n > 0 ? '+' : '−'} ${Math.abs(n)}`;
  const parts = [`${source.synced.onHand} synced`];
  if (onHand !== 0) parts.push(`${signed(onHand)} from this desk`);
  if (reserved !== 0) parts.push(`${signed(reserved)} reserved here`);
  return `${parts.join(' ')}, waiting to sync`;
}
