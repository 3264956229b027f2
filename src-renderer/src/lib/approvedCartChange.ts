// A cart change that a role may need a manager for (a price override, a discount): the signed-in
// person's policy decides; when it says approval, `ask` (the approval dialog) must name a manager;
// then the order event and its audit entry are written in one transaction, or nothing is.
import type { Action } from '$shared/permissions';
import type { AuditEntry, Order } from '$shared/records';
import { auditedBy, recordAudit } from '$db/auditLog';
import type { OrderlineDb } from '$db/database';
import { orderChangeTables, writeOrderChange } from '$db/writeOrderChange';
import { approvals, type Approver } from './approval.svelte';
import { ActionRefused } from './orderActions';
import { sellerOf, type Desk } from './sale';
import { staffSession } from './staffSession.svelte';

export type Ask = (action: Action, summary: string) => Promise<Approver | null>;
export const askManager: Ask = (action, summary) => approvals.ask(action, summary);

export type CartChange = {
  action: Action;
  auditKind: AuditEntry['kind'];
  event: { type: string };
  /** The audit sentence, also shown to the manager asked to approve. */
  summary: string;
  /** Said when no manager approves: "No manager approved the new price, so nothing was changed." */
  unapproved: string;
};

export async function approvedCartChange(
  db: OrderlineDb,
  desk: Desk,
  order: Order,
  change: CartChange,
  ask: Ask = askManager,
): Promise<Order> {
  const decision = staffSession.decide(change.action);
  if (decision.verdict === 'deny') throw new ActionRefused(decision.message);
  let approvedBy: Approver | null = null;
  if (decision.verdict === 'approval') {
    approvedBy = await ask(change.action, change.summary);
    if (!approvedBy) throw new ActionRefused(change.unapproved);
  }
  const who = sellerOf(desk);
  // The approver travels on the event too, so the server can check the approval stands.
  const approved = approvedBy ? { ...who, approvedById: approvedBy.staffId } : who;
  return db.transaction('rw', [...orderChangeTables(db), db.auditLog], async () => {
    const next = await writeOrderChange(db, { orderId: order.id, event: change.event }, approved);
    await recordAudit(db, {
      kind: change.auditKind,
      ...auditedBy(who, approvedBy),
      orderId: order.id,
      orderNumber: order.number,
      summary: change.summary,
    });
    return next;
  });
}
