// Returns: what of an order can still come back, line by line; whether a return asks for more; the
// stock a return moves (restocked items back on the shelf, written-off ones not); the refund it suggests.
import type { StockLine, PlannedMovement } from './orderStock';
import { spreadUnits } from './orderStock';
import type { Order, ReturnRecord } from './records';

export type ReturnableLine = {
  variantId: string;
  sku: string;
  name: string;
  /** Units of this variant that left in a parcel. */
  shipped: number;
  /** Units of this variant already received back by earlier returns. */
  returned: number;
  returnable: number;
  /** Price paid for one unit, line discount taken off, in minor units. */
  unitPaid: number;
};

export type PickedReturn = { variantId: string; quantity: number; disposition: 'restock' | 'write_off' };

type MachineView = { lines?: unknown; unitsShipped?: unknown; unitsReturned?: unknown };

/** Units shipped and returned as the order machine counts them (0 when the order never shipped). */
export function unitsOf(order: Pick<Order, 'machine'>): { shipped: number; returned: number } {
  const machine = order.machine as MachineView;
  const count = (value: unknown) => (typeof value === 'number' && Number.isInteger(value) ? value : 0);
  return { shipped: count(machine.unitsShipped), returned: count(machine.unitsReturned) };
}

/** The order's lines as the machine spreads shipments over them (first line first). */
function stockLines(order: Pick<Order, 'lines'>): StockLine[] {
  return order.lines.map((line) => ({ variantId: line.variantId, quantity: line.quantity }));
}

/**
 * Each variant of the order with what shipped, what came back already and what may still come
 * back: never more than shipped minus returned, per variant and for the order as a whole.
 */
export function returnableLines(
  order: Pick<Order, 'lines' | 'machine'>,
  earlier: readonly Pick<ReturnRecord, 'lines'>[],
): ReturnableLine[] {
  const { shipped, returned } = unitsOf(order);
  const shippedBy = new Map<string, number>();
  for (const m of spreadUnits(stockLines(order), shipped)) {
    shippedBy.set(m.variantId, (shippedBy.get(m.variantId) ?? 0) + m.quantity);
  }
  const returnedBy = new Map<string, number>();
  for (const record of earlier) {
    for (const line of record.lines) {
      returnedBy.set(line.variantId, (returnedBy.get(line.variantId) ?? 0) + line.quantity);
    }
  }
  const byVariant = new Map<string, ReturnableLine & { paid: number; units: number }>();
  for (const line of order.lines) {
    const paid = line.unitPrice.amount * line.quantity - (line.discount?.amount ?? 0);
    const known = byVariant.get(line.variantId);
    if (known) {
      // Two lines of one variant: one row, priced at what its units cost on average.
      known.paid += paid;
      known.units += line.quantity;
      continue;
    }
    const sent = shippedBy.get(line.variantId) ?? 0;
    const back = returnedBy.get(line.variantId) ?? 0;
    byVariant.set(line.variantId, {
      variantId: line.variantId,
      sku: line.sku,
      name: line.name,
      shipped: sent,
      returned: back,
      returnable: Math.max(0, sent - back),
      unitPaid: 0,
      paid,
      units: line.quantity,
    });
  }
  // Returns the machine counted without a return record (older desks, the demo): taken from the
  // first lines with room, as the machine spreads them.
  let unrecorded = returned - [...returnedBy.values()].reduce((sum, q) => sum + q, 0);
  for (const line of byVariant.values()) {
    if (unrecorded <= 0) break;
    const take = Math.min(unrecorded, line.returnable);
    line.returned += take;
    line.returnable -= take;
    unrecorded -= take;
  }
  return [...byVariant.values()].map(({ paid, units, ...line }) => ({
    ...line,
    unitPaid: Math.max(0, Math.round(paid / units)),
  }));
}

/** Why this return cannot be received, as a sentence, or null when it can. */
export function returnProblem(
  returnable: readonly ReturnableLine[],
  picked: readonly PickedReturn[],
  reason: string,
): string | null {
  const wanted = picked.filter((p) => p.quantity !== 0);
  if (wanted.length === 0) return 'Choose at least one item coming back, with how many';
  for (const pick of wanted) {
    const line = returnable.find((l) => l.variantId === pick.variantId);
    if (!line) return 'One of the items is not on this order';
    if (!Number.isInteger(pick.quantity) || pick.quantity < 0)
      return `${line.sku}: the quantity must be a whole number of items`;
    if (pick.quantity > line.returnable) {
      return line.returnable === 0
        ? `${line.sku} has nothing left to return (${line.shipped} shipped, ${line.returned} back already)`
        : `${line.sku}: only ${line.returnable} can come back (${line.shipped} shipped, ${line.returned} back already); this says ${pick.quantity}`;
    }
  }
  if (!reason.trim()) return 'Give the reason for the return, in a few words';
  if (reason.trim().length > 200) return 'Keep the reason for the return to 200 characters';
  return null;
}

export type CorrectionMovement =
  | { variantId: string; kind: 'return'; quantity: number }
  | { variantId: string; kind: 'adjust'; quantity: number; reason: string };

/**
 * The order machine's `return.receive` puts `units` back on the shelf spread over the order's
 * lines (`automatic`). What really goes back is what was picked for restock; this is what brings
 * the ledger from one to the other: more restocked → a 'return', fewer (written off, or another
 * line) → an 'adjust' with the reason.
 */
export function returnCorrections(
  automatic: readonly PlannedMovement[],
  picked: readonly PickedReturn[],
  orderNumber: string,
  reason: string,
): CorrectionMovement[] {
  const net = new Map<string, number>();
  for (const pick of picked) {
    if (pick.disposition === 'restock')
      net.set(pick.variantId, (net.get(pick.variantId) ?? 0) + pick.quantity);
    else net.set(pick.variantId, net.get(pick.variantId) ?? 0);
  }
  for (const m of automatic) net.set(m.variantId, (net.get(m.variantId) ?? 0) - m.quantity);
  const writtenOff = new Set(picked.filter((p) => p.disposition === 'write_off').map((p) => p.variantId));
  const out: CorrectionMovement[] = [];
  for (const [variantId, diff] of net) {
    if (diff > 0) out.push({ variantId, kind: 'return', quantity: diff });
    if (diff < 0) {
      const why = writtenOff.has(variantId) ? 'written off' : 'booked to the item that came back';
      out.push({
        variantId,
        kind: 'adjust',
        quantity: diff,
        reason: `Return ${orderNumber} ${why}: ${reason.trim()}`.slice(0, 200),
      });
    }
  }
  return out;
}

/** Money to propose refunding for the picked items: what they were paid, capped at what is held. */
export function refundForReturn(
  returnable: readonly ReturnableLine[],
  picked: readonly PickedReturn[],
  held: number,
): number {
  const total = picked.reduce((sum, pick) => {
    const line = returnable.find((l) => l.variantId === pick.variantId);
    return sum + (line ? line.unitPaid * pick.quantity : 0);
  }, 0);
  return Math.max(0, Math.min(total, held));
}
