// The business rules behind the order machine's guards, each written once as "why not": a rule
// returns null when the event may happen, or the sentence to show when it may not. The machine's
// guards call these, and a refusal reports the same sentence, so the two cannot disagree.
import type { OrderMachineEvent } from './orderEvents';
import {
  amountDue,
  formatMinorUnits as money,
  moneyHeld,
  owedOnAccount,
  sellsGiftCards,
  unitsOrdered,
  unitsToShip,
  type OrderMachineContext,
} from './orderContext';

type EventOf<T extends OrderMachineEvent['type']> = Extract<OrderMachineEvent, { type: T }>;
type Rule<T extends OrderMachineEvent['type']> = (
  context: OrderMachineContext,
  event: EventOf<T>,
) => string | null;

/** An order holds at most this many lines (the same cap as the stored order). */
export const MAX_LINES = 500;
export const MAX_LINE_QUANTITY = 9999;

const units = (n: number) => `${n} unit${n === 1 ? '' : 's'}`;

const findLine = (context: OrderMachineContext, lineId: string) =>
  context.lines.find((l) => l.lineId === lineId);

export const addItemRule: Rule<'cart.addItem'> = (context, event) => {
  const line = findLine(context, event.lineId);
  if (!line) {
    return context.lines.length >= MAX_LINES
      ? `An order holds at most ${MAX_LINES} lines; start a second order`
      : null;
  }
  if (line.variantId !== event.variantId) {
    return `Line ${event.lineId} already holds ${line.name} (${line.sku}); add ${event.sku} on a new line`;
  }
  const quantity = line.quantity + event.quantity;
  return quantity > MAX_LINE_QUANTITY
    ? `Line ${line.name} would hold ${quantity} units; one line holds at most 9,999`
    : null;
};

const lineExists = (context: OrderMachineContext, lineId: string) =>
  findLine(context, lineId)
    ? null
    : `There is no line ${lineId} in the cart; it may have been removed already`;

export const setQuantityRule: Rule<'cart.setQuantity'> = (context, event) => {
  const missing = lineExists(context, event.lineId);
  if (missing) return missing;
  return findLine(context, event.lineId)?.quantity === event.quantity
    ? `Line ${event.lineId} already has a quantity of ${event.quantity}`
    : null;
};

export const removeItemRule: Rule<'cart.removeItem'> = (context, event) => lineExists(context, event.lineId);

export const setPriceRule: Rule<'cart.setPrice'> = (context, event) => {
  const missing = lineExists(context, event.lineId);
  if (missing) return missing;
  return findLine(context, event.lineId)?.unitPrice === event.unitPrice
    ? `Line ${event.lineId} already has that price`
    : null;
};

export const setDiscountRule: Rule<'cart.setDiscount'> = (context, event) => {
  const line = findLine(context, event.lineId);
  if (!line) return lineExists(context, event.lineId);
  const value = line.quantity * line.unitPrice;
  if (event.discount > value)
    return `A discount of ${money(event.discount)} is more than ${line.name} costs (${money(value)})`;
  return (line.discount ?? 0) === event.discount ? `Line ${event.lineId} already has that discount` : null;
};

export const setOrderDiscountRule: Rule<'cart.setOrderDiscount'> = (context, event) => {
  const left = context.lines.reduce((sum, l) => sum + l.quantity * l.unitPrice - (l.discount ?? 0), 0);
  if (event.discount > left)
    return `An order discount of ${money(event.discount)} is more than the items come to (${money(left)})`;
  return (context.orderDiscount ?? 0) === event.discount ? 'The order already has that discount' : null;
};

export const clearRule: Rule<'cart.clear'> = (context) =>
  context.lines.length ? null : 'The cart is already empty';

export const checkoutRule: Rule<'checkout.start'> = (context) =>
  context.lines.length ? null : 'Cannot take payment on an empty cart; add an item first';

export const backToCartRule: Rule<'checkout.back'> = (context) =>
  moneyHeld(context) > 0
    ? `${money(moneyHeld(context))} has already been paid; refund it before changing the cart`
    : null;

export const captureRule: Rule<'payment.capture'> = (context, event) => {
  if (context.paymentIds.includes(event.paymentId)) {
    return `Payment ${event.paymentId} has already been recorded; it is not taken a second time`;
  }
  const due = amountDue(context);
  if (event.amount > due) {
    return `Payment of ${money(event.amount)} is more than the ${money(due)} still due; record only what is kept (give change for the rest)`;
  }
  return null;
};

export const receiveRule: Rule<'payment.receive'> = (context, event) => {
  if (context.paymentIds.includes(event.paymentId)) {
    return `Payment ${event.paymentId} has already been recorded; it is not taken a second time`;
  }
  const owed = owedOnAccount(context);
  if (owed === 0) return 'Nothing is owed on account on this order';
  return event.amount > owed
    ? `Payment of ${money(event.amount)} is more than the ${money(owed)} still owed on account`
    : null;
};

export const collectRule: Rule<'counter.collect'> = (context) => {
  if (!context.reserved) return 'Reserve stock for this order before handing it over';
  if (context.unitsShipped > 0) return 'Part of this order has already shipped; ship the rest instead';
  // Gift cards alone are handed over too: their codes are on the receipt.
  return unitsToShip(context) > 0 || sellsGiftCards(context) ? null : 'This order has nothing to hand over';
};

export const reserveRule: Rule<'stock.reserve'> = (context) =>
  context.reserved ? 'Stock is already reserved for this order' : null;

export const packRule: Rule<'pack.start'> = (context) => {
  if (!context.reserved) return 'Reserve stock for this order before packing it';
  if (unitsOrdered(context) === 0 && sellsGiftCards(context)) {
    return 'This order holds only gift cards: there is nothing to pack (their codes are on the receipt); hand it over instead';
  }
  return unitsToShip(context) > 0 ? null : 'Every unit of this order has already shipped';
};

const packedSentence = (context: OrderMachineContext) =>
  context.packed
    ? `This order is already packed (a parcel of ${units(context.packed.units)}); ship that parcel, or put it back in the queue to pack it again`
    : null;

/** One parcel per packing round: an order already packed is never packed a second time. */
export const packCompleteRule: Rule<'pack.complete'> = (context, event) => {
  const packed = packedSentence(context);
  if (packed) return packed;
  const left = unitsToShip(context);
  return event.units > left
    ? `Only ${units(left)} ${left === 1 ? 'is' : 'are'} left to ship; this parcel says ${event.units}`
    : null;
};

export const dispatchRule: Rule<'ship.dispatch'> = (context, event) => {
  // Blank text is no tracking number: the schema trims, and this rule does not rely on it.
  if (!event.trackingNumber?.trim() && !event.noTrackingReason?.trim()) {
    return 'A shipment needs a tracking number or a reason why there is none';
  }
  const left = unitsToShip(context);
  if (event.units > left)
    return `Only ${units(left)} ${left === 1 ? 'is' : 'are'} left to ship; this shipment says ${event.units}`;
  // The packed parcel is what leaves: a shipment of another size would leave the count wrong.
  return context.packed && event.units !== context.packed.units
    ? `The packed parcel holds ${units(context.packed.units)}; this shipment says ${event.units}`
    : null;
};

export const cancelRule: Rule<'order.cancel'> = (context) => {
  if (context.unitsShipped > 0) {
    return `${units(context.unitsShipped)} already shipped; receive them as a return instead of cancelling`;
  }
  const held = moneyHeld(context);
  return held > 0 ? `Refund the ${money(held)} paid before cancelling the order` : null;
};

export const refundRule: Rule<'refund.issue'> = (context, event) => {
  if (context.refundIds.includes(event.refundId)) {
    return `Refund ${event.refundId} has already been recorded; it is not paid out a second time`;
  }
  const held = moneyHeld(context);
  if (held === 0) return 'Nothing paid on this order is left to refund';
  return event.amount > held
    ? `Refund of ${money(event.amount)} is more than the ${money(held)} paid and not yet refunded`
    : null;
};

export const returnRule: Rule<'return.receive'> = (context, event) => {
  const returnable = context.unitsShipped - context.unitsReturned;
  return event.units > returnable
    ? `Only ${units(returnable)} shipped ${returnable === 1 ? 'has' : 'have'} not come back; this return says ${event.units}`
    : null;
};

export const releaseRule: Rule<'order.release'> = (context) =>
  context.heldFrom ? null : 'This order does not say which step it was held at, so it cannot be released';

const RULES: { [T in OrderMachineEvent['type']]?: Rule<T> } = {
  'cart.addItem': addItemRule,
  'cart.setQuantity': setQuantityRule,
  'cart.removeItem': removeItemRule,
  'cart.setPrice': setPriceRule,
  'cart.setDiscount': setDiscountRule,
  'cart.setOrderDiscount': setOrderDiscountRule,
  'cart.clear': clearRule,
  'checkout.start': checkoutRule,
  'checkout.back': backToCartRule,
  'payment.capture': captureRule,
  'payment.receive': receiveRule,
  'counter.collect': collectRule,
  'stock.reserve': reserveRule,
  'pack.start': packRule,
  'pack.complete': packCompleteRule,
  'ship.dispatch': dispatchRule,
  'order.cancel': cancelRule,
  'refund.issue': refundRule,
  'return.receive': returnRule,
  'order.release': releaseRule,
};

/** Why this event may not happen to an order with this context, or null if the rules allow it. */
export function refusalFor(context: OrderMachineContext, event: OrderMachineEvent): string | null {
  const rule = RULES[event.type] as Rule<typeof event.type> | undefined;
  return rule ? rule(context, event as never) : null;
}
