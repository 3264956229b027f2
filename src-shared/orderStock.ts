// The stock movements an order event implies: reserve at payment, ship what is dispatched,
// release what a cancelled order held, take back what comes back. Pure: the writer stores them.
import { GIFT_CARD_VARIANT_ID } from './balances';
import type { StockMovement } from './records';

export type StockLine = { variantId: string; quantity: number };
export type PlannedMovement = Pick<StockMovement, 'variantId' | 'kind' | 'quantity'>;

/** Spreads `units` over the lines in order, skipping the first `skip` units (already handled). */
export function spreadUnits(lines: readonly StockLine[], units: number, skip = 0): PlannedMovement[] {
  const out: { variantId: string; quantity: number }[] = [];
  let toSkip = skip;
  let left = units;
  for (const line of lines) {
    if (left <= 0) break;
    const skipped = Math.min(toSkip, line.quantity);
    toSkip -= skipped;
    const take = Math.min(left, line.quantity - skipped);
    if (take > 0) out.push({ variantId: line.variantId, quantity: take });
    left -= take;
  }
  return out.map((m) => ({ ...m, kind: 'ship' as const }));
}

export type StockView = {
  lines: readonly StockLine[];
  reserved: boolean;
  unitsShipped: number;
  unitsReturned: number;
};

/** Movements for an event that moved an order from `before` to `after` (both already judged legal).
 * A gift card line is not stock: it never moves any. */
export function stockMovementsFor(eventType: string, before: StockView, after: StockView): PlannedMovement[] {
  return movementsFor(eventType, before, after).filter((m) => m.variantId !== GIFT_CARD_VARIANT_ID);
}

function movementsFor(eventType: string, before: StockView, after: StockView): PlannedMovement[] {
  if (!before.reserved && after.reserved) {
    return after.lines.map((l) => ({
      variantId: l.variantId,
      kind: 'reserve' as const,
      quantity: l.quantity,
    }));
  }
  if (after.unitsShipped > before.unitsShipped) {
    return spreadUnits(after.lines, after.unitsShipped - before.unitsShipped, before.unitsShipped);
  }
  if (after.unitsReturned > before.unitsReturned) {
    return spreadUnits(after.lines, after.unitsReturned - before.unitsReturned, before.unitsReturned).map(
      (m) => ({
        ...m,
        kind: 'return' as const,
      }),
    );
  }
  if (eventType === 'order.cancel' && before.reserved) {
    // What was reserved and not shipped goes back on the shelf.
    const unshipped = spreadUnits(before.lines, Number.MAX_SAFE_INTEGER, before.unitsShipped);
    return unshipped.map((m) => ({ ...m, kind: 'release' as const }));
  }
  return [];
}
