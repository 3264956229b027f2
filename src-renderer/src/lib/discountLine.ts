// A discount given on a cart line or on the whole order: checked (an amount or percent within the line's value, a
// reason, a real change) before anyone is asked, a manager's approval when the signed-in role needs
// one, then the cart.setDiscount (or cart.setOrderDiscount) event and its 'discount' audit entry
// written in one transaction.
import { parseDiscount } from '$shared/lineDiscount';
import type { Order } from '$shared/records';
import type { OrderlineDb } from '$db/database';
import { approvedCartChange, askManager, type Ask } from './approvedCartChange';
import { minor } from './format';
import { ActionRefused, reasonProblem } from './orderActions';
import type { Desk } from './sale';

export type AskDiscount = Ask;

const DISCOUNT = {
  action: 'discount',
  auditKind: 'discount',
  unapproved: 'No manager approved the discount, so nothing was changed.',
} as const;

/**
 * Sets one line's discount as the signed-in person ("2.50", "10%", "0" to take it away). A role
 * that needs approval asks `ask` (the approval dialog); no approval changes nothing.
 */
export async function discountLine(
  db: OrderlineDb,
  desk: Desk,
  order: Order,
  lineId: string,
  typed: string,
  reason: string,
  ask: AskDiscount = askManager,
): Promise<Order> {
  if (order.status !== 'cart')
    throw new ActionRefused('Discounts are given in the cart only; go back to it first');
  const line = order.lines.find((l) => l.id === lineId);
  if (!line) throw new ActionRefused('That line is no longer in the cart');
  const value = { amount: line.unitPrice.amount * line.quantity, currency: order.currency };
  const parsed = parseDiscount(typed, value);
  if (!parsed.ok) throw new ActionRefused(parsed.message);
  const problem = reasonProblem(reason);
  if (problem) throw new ActionRefused(problem);
  const amount = parsed.discount.amount;
  const money = (minorUnits: number) => minor(minorUnits, order.currency);
  if (amount === (line.discount?.amount ?? 0)) {
    throw new ActionRefused(
      amount ? `${line.name} already has ${money(amount)} off` : `${line.name} has no discount to take away`,
    );
  }
  const off = parsed.percent !== undefined ? `${parsed.percent}% (${money(amount)})` : money(amount);
  const summary = `Discount on ${line.name} on ${order.number}: ${amount ? `${off} off ${money(value.amount)}` : 'taken away'}: ${reason.trim()}`;
  const event = { type: 'cart.setDiscount', lineId, discount: amount, reason: reason.trim() };
  return approvedCartChange(db, desk, order, { ...DISCOUNT, event, summary }, ask);
}

/** Sets the discount on the whole order ("5", "10%", "0" to take it away), checked against what
 * the items come to after their own discounts; approval and audit as for a line. */
export async function discountOrder(
  db: OrderlineDb,
  desk: Desk,
  order: Order,
  typed: string,
  reason: string,
  ask: AskDiscount = askManager,
): Promise<Order> {
  if (order.status !== 'cart')
    throw new ActionRefused('Discounts are given in the cart only; go back to it first');
  if (!order.lines.length) throw new ActionRefused('The cart is empty; add an item before giving a discount');
  const items = order.lines.reduce(
    (sum, l) => sum + l.unitPrice.amount * l.quantity - (l.discount?.amount ?? 0),
    0,
  );
  const parsed = parseDiscount(typed, { amount: items, currency: order.currency });
  if (!parsed.ok) throw new ActionRefused(parsed.message);
  const problem = reasonProblem(reason);
  if (problem) throw new ActionRefused(problem);
  const amount = parsed.discount.amount;
  const money = (minorUnits: number) => minor(minorUnits, order.currency);
  if (amount === (order.orderDiscount?.amount ?? 0)) {
    throw new ActionRefused(
      amount ? `The order already has ${money(amount)} off` : 'The order has no discount to take away',
    );
  }
  const off = parsed.percent !== undefined ? `${parsed.percent}% (${money(amount)})` : money(amount);
  const summary = `Order discount on ${order.number}: ${amount ? `${off} off ${money(items)}` : 'taken away'}: ${reason.trim()}`;
  const event = { type: 'cart.setOrderDiscount', discount: amount, reason: reason.trim() };
  return approvedCartChange(db, desk, order, { ...DISCOUNT, event, summary }, ask);
}
