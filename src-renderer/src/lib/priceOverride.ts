// A price changed by hand on a cart line: checked (a price, a reason, a real change) before anyone
// is asked, a manager's approval when the signed-in role needs one, then the cart.setPrice event
// and its price_override audit entry written in one transaction.
import { parseMoney } from '../../../src-shared/money';
import type { Order } from '../../../src-shared/records';
import { auditedBy, recordAudit } from '../db/auditLog';
import type { OrderlineDb } from '../db/database';
import { orderChangeTables, writeOrderChange } from '../db/writeOrderChange';
import { approvals, type Approver } from './approval.svelte';
import { minor } from './format';
import { ActionRefused, reasonProblem } from './orderActions';
import { sellerOf, type Desk } from './sale';
import { staffSession } from './staffSession.svelte';

export type Ask = (action: 'price_override', summary: string) => Promise<Approver | null>;

type Checked = { lineName: string; from: number; to: number; reason: string };

function check(order: Order, lineId: string, typed: string, reason: string): Checked {
  if (order.status !== 'cart')
    throw new ActionRefused('Prices change in the cart only; go back to the cart first');
  const line = order.lines.find((l) => l.id === lineId);
  if (!line) throw new ActionRefused('That line is no longer in the cart');
  const price = parseMoney(typed, order.currency);
  if (!price.ok) throw new ActionRefused(price.message);
  const problem = reasonProblem(reason);
  if (problem) throw new ActionRefused(problem);
  if (price.value.amount === line.unitPrice.amount) {
    throw new ActionRefused(`${line.name} is already ${minor(line.unitPrice.amount, order.currency)}`);
  }
  return { lineName: line.name, from: line.unitPrice.amount, to: price.value.amount, reason: reason.trim() };
}

/**
 * Overrides one line's unit price as the signed-in person. A role that needs approval asks `ask`
 * (the approval dialog); no approval, or a role that may not, changes nothing.
 */
export async function overridePrice(
  db: OrderlineDb,
  desk: Desk,
  order: Order,
  lineId: string,
  typedPrice: string,
  reason: string,
  ask: Ask = (action, summary) => approvals.ask(action, summary),
): Promise<Order> {
  const checked = check(order, lineId, typedPrice, reason);
  const money = (amount: number) => minor(amount, order.currency);
  const summary = `Price of ${checked.lineName} on ${order.number} from ${money(checked.from)} to ${money(checked.to)}: ${checked.reason}`;
  const decision = staffSession.decide('price_override');
  if (decision.verdict === 'deny') throw new ActionRefused(decision.message);
  let approvedBy: Approver | null = null;
  if (decision.verdict === 'approval') {
    approvedBy = await ask('price_override', summary);
    if (!approvedBy) throw new ActionRefused('No manager approved the new price, so nothing was changed.');
  }
  const who = sellerOf(desk);
  return db.transaction('rw', [...orderChangeTables(db), db.auditLog], async () => {
    const event = { type: 'cart.setPrice', lineId, unitPrice: checked.to, reason: checked.reason };
    const next = await writeOrderChange(db, { orderId: order.id, event }, who);
    await recordAudit(db, {
      kind: 'price_override',
      ...auditedBy(who, approvedBy),
      orderId: order.id,
      orderNumber: order.number,
      summary,
    });
    return next;
  });
}
