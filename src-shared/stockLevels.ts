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
