// A discount given on a cart line or on the whole order: checked (an amount or percent within the line's value, a
// reason, a real change) before anyone is asked, a manager's approval when the signed-in role needs
// one, then the cart.setDiscount (or cart.setOrderDiscount) event and its 'discount' audit entry
// written in one transaction.
import { parseDiscount } from '../../../src-shared/lineDiscount';
import type { Order } from '../../../src-shared/records';
import { auditedBy, recordAudit } from '../db/auditLog';
import type { OrderlineDb } from '../db/database';
import { orderChangeTables, writeOrderChange } from '../db/writeOrderChange';
import { approvals, type Approver } from './approval.svelte';
import { minor } from './format';
import { ActionRefused, reasonProblem } from './orderActions';
import { sellerOf, type Desk } from './sale';
import { staffSession } from './staffSession.svelte';

export type AskDiscount = (action: 'discount', summary: string) => Promise<Approver | null>;

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
  ask: AskDiscount = (action, summary) => approvals.ask(action, summary),
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
  return approveAndWrite(db, desk, order, event, summary, ask);
}

/** Sets the discount on the whole order ("5", "10%", "0" to take it away), checked against what
 * the items come to after their own discounts; approval and audit as for a line. */
export async function discountOrder(
  db: OrderlineDb,
  desk: Desk,
  order: Order,
  typed: string,
  reason: string,
  ask: AskDiscount = (action, summary) => approvals.ask(action, summary),
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
  return approveAndWrite(db, desk, order, event, summary, ask);
}

async function approveAndWrite(
  db: OrderlineDb,
  desk: Desk,
  order: Order,
  event: { type: string },
  summary: string,
  ask: AskDiscount,
): Promise<Order> {
  const decision = staffSession.decide('discount');
  if (decision.verdict === 'deny') throw new ActionRefused(decision.message);
  let approvedBy: Approver | null = null;
  if (decision.verdict === 'approval') {
    approvedBy = await ask('discount', summary);
    if (!approvedBy) throw new ActionRefused('No manager approved the discount, so nothing was changed.');
  }
  const who = sellerOf(desk);
  return db.transaction('rw', [...orderChangeTables(db), db.auditLog], async () => {
    const next = await writeOrderChange(db, { orderId: order.id, event }, who);
    await recordAudit(db, {
      kind: 'discount',
      ...auditedBy(who, approvedBy),
      orderId: order.id,
      orderNumber: order.number,
      summary,
    });
    return next;
  });
}
