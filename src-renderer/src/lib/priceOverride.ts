// A price changed by hand on a cart line: checked (a price, a reason, a real change) before anyone
// is asked, a manager's approval when the signed-in role needs one, then the cart.setPrice event
// and its price_override audit entry written in one transaction.
import { parseMoney } from '$shared/money';
import type { Order } from '$shared/records';
import type { OrderlineDb } from '$db/database';
import { approvedCartChange, askManager, type Ask } from './approvedCartChange';
import { minor } from './format';
import { ActionRefused, reasonProblem } from './orderActions';
import type { Desk } from './sale';

export type { Ask };

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
  ask: Ask = askManager,
): Promise<Order> {
  const checked = check(order, lineId, typedPrice, reason);
  const money = (amount: number) => minor(amount, order.currency);
  const summary = `Price of ${checked.lineName} on ${order.number} from ${money(checked.from)} to ${money(checked.to)}: ${checked.reason}`;
  const event = { type: 'cart.setPrice', lineId, unitPrice: checked.to, reason: checked.reason };
  return approvedCartChange(
    db,
    desk,
    order,
    {
      action: 'price_override',
      auditKind: 'price_override',
      event,
      summary,
      unapproved: 'No manager approved the new price, so nothing was changed.',
    },
    ask,
  );
}
