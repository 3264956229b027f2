// Undoing "Clear cart": the cleared lines come back as cart.addItem events with the same ids,
// quantities and prices (and the discounts already given, line and order), offered for a short
// while and only while nothing else changed the order.
import type { OrderLine } from './records';

export const UNDO_CLEAR_MS = 10_000;

/** What a clear took away, and the order's version right after it. */
export type ClearedCart = {
  orderId: string;
  lines: readonly OrderLine[];
  /** The order discount the clear took away, in minor units. */
  orderDiscount?: number;
  version: number;
  at: number;
};

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

export type RestoreEvent =
  | CartAddItemEvent
  | { type: 'cart.setDiscount'; lineId: string; discount: number; reason: string }
  | { type: 'cart.setOrderDiscount'; discount: number; reason: string };

const RESTORED = 'Given before the cart was cleared; put back by Undo';

/** The events that put the cleared cart back as it was (overridden prices and discounts included). */
export function restoreEvents(lines: readonly OrderLine[], orderDiscount = 0): RestoreEvent[] {
  const added = lines.map((line): CartAddItemEvent => ({
    type: 'cart.addItem',
    lineId: line.id,
    variantId: line.variantId,
    sku: line.sku,
    name: line.name,
    quantity: line.quantity,
    unitPrice: line.unitPrice.amount,
    taxClass: line.taxClass,
  }));
  const discounts = lines.flatMap((line): RestoreEvent[] =>
    line.discount?.amount
      ? [{ type: 'cart.setDiscount', lineId: line.id, discount: line.discount.amount, reason: RESTORED }]
      : [],
  );
  const order: RestoreEvent[] =
    orderDiscount > 0 ? [{ type: 'cart.setOrderDiscount', discount: orderDiscount, reason: RESTORED }] : [];
  return [...added, ...discounts, ...order];
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
