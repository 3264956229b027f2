// Undoing "Clear cart": the cleared lines come back as cart.addItem events with the same ids,
// quantities and prices, offered for a short while and only while nothing else changed the order.
import type { OrderLine } from './records';

export const UNDO_CLEAR_MS = 10_000;

/** What a clear took away, and the order's version right after it. */
export type ClearedCart = { orderId: string; lines: readonly OrderLine[]; version: number; at: number };

export type CartAddItemEvent = {
  type: 'cart.addItem';
  lineId: string;
  variantId: string;
  sku: string;
  name: string;
  quantity: number;
  unitPrice: number;
  taxClass: OrderLine['taxClass'];
};

/** The events that put the cleared lines back as they were (an overridden price included). */
export function restoreEvents(lines: readonly OrderLine[]): CartAddItemEvent[] {
  return lines.map((line) => ({
    type: 'cart.addItem',
    lineId: line.id,
    variantId: line.variantId,
    sku: line.sku,
    name: line.name,
    quantity: line.quantity,
    unitPrice: line.unitPrice.amount,
    taxClass: line.taxClass,
  }));
}

/** Undo is offered for UNDO_CLEAR_MS after the clear, on the same order, until its next change. */
export function canUndoClear(
  cleared: ClearedCart | null,
  order: { id: string; version: number; status: string } | undefined,
  now: number,
): boolean {
  return (
    !!cleared &&
    !!order &&
    order.id === cleared.orderId &&
    order.status === 'cart' &&
    order.version === cleared.version &&
    now - cleared.at < UNDO_CLEAR_MS
  );
}
