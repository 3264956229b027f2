// Who a pushed change says did it, checked against the store's staff on the server: the person
// must exist in the store, and an action that needs a role (a refund, a price override, a
// discount, a paid order's cancellation, a staff change) must come from, or be approved by,
// someone holding it. A desk can claim anything; these rules are what the server believes.
import { DEFAULT_PIN_ITERATIONS } from '../src-shared/pinHash';
import { checkApproval, decide, type Action } from '../src-shared/permissions';
import type { OrderEvent, Staff } from '../src-shared/records';
import { addStaffProblem, changeStaffProblem, type StaffEdit } from '../src-shared/staffRules';
import type { PushContext, StaffMember } from './pushContext';

/** The action a role must allow for this event, given the money the order held before it; null for none. */
export function roleActionOf(event: { type: string; discount?: unknown }, moneyHeld: number): Action | null {
  switch (event.type) {
    case 'refund.issue':
      return 'refund';
    case 'cart.setPrice':
      return 'price_override';
    case 'cart.setDiscount':
    case 'cart.setOrderDiscount':
      return event.discount === 0 ? null : 'discount';
    case 'order.cancel':
      return moneyHeld > 0 ? 'cancel_paid_order' : null;
    default:
      return null;
  }
}

async function member(ctx: PushContext, id: string, as: string): Promise<StaffMember | string> {
  const found = (await ctx.staff()).get(id);
  return found ?? `${as} (staff id ${id}) is not on this store's staff`;
}

/**
 * Why the people an order event names cannot stand, or null. A store with no staff on the server
 * yet (a desk used without sign-in) has no one to check against, so only then is no one needed.
 */
export async function eventStaffRefusal(
  ctx: PushContext,
  event: Pick<OrderEvent, 'staffId' | 'approvedById' | 'at'> & {
    event: { type: string; discount?: unknown };
  },
  moneyHeld: number,
  /** What the event needs besides what its type needs (an unlisted price: a price override). */
  needs: Action | null = null,
): Promise<string | null> {
  const staff = await ctx.staff();
  const actor = event.staffId ? await member(ctx, event.staffId, 'The person who made this change') : null;
  if (typeof actor === 'string') return actor;
  const approver = event.approvedById ? await member(ctx, event.approvedById, 'The approving manager') : null;
  if (typeof approver === 'string') return approver;
  const action = needs ?? roleActionOf(event.event, moneyHeld);
  if (!action || staff.size === 0) return null;
  if (!actor) {
    // A store's own history, uploaded by the desk that created it, predates its staff sign-ins.
    const before = await ctx.uploadedHistoryBefore();
    if (before && event.at < before) return null;
    return `“${event.event.type}” needs a signed-in person whose role allows it; none was named`;
  }
  if (!actor.active) return `${actor.name} is no longer active and cannot do this`;
  const decision = decide(actor.role, action);
  if (decision.verdict === 'allow') return null;
  if (decision.verdict === 'deny') return decision.message;
  if (!approver) return decision.message;
  const approval = checkApproval(action, actor, approver);
  return approval.ok ? null : approval.reason;
}

/** Why a PIN hash is weaker than the store's KDF strength, or null. */
export function weakPinHash(pinHash: string | undefined): string | null {
  if (pinHash === undefined) return null;
  const iterations = Number(/^pbkdf2-sha256\$(\d+)\$/.exec(pinHash)?.[1] ?? 0);
  if (iterations >= DEFAULT_PIN_ITERATIONS) return null;
  return `the PIN hash uses ${iterations.toLocaleString('en')} PBKDF2 rounds; this store needs at least ${DEFAULT_PIN_ITERATIONS.toLocaleString('en')}, so set the PIN again on an up-to-date desk`;
}

/**
 * Why a staff record edit cannot stand, or null: the PIN hash must be strong enough, and adding
 * someone or changing their role, PIN or whether they are active needs a person allowed to (the
 * change's changedBy), under the same rules the desk's staff screen applies. The store's very first
 * staff member (its first owner) is the one who needs no one.
 */
export async function staffPutRefusal(
  ctx: PushContext,
  record: Staff,
  stored: Staff | undefined,
  changedBy: string | undefined,
): Promise<string | null> {
  if (record.pinHash !== stored?.pinHash) {
    const weak = weakPinHash(record.pinHash);
    if (weak) return weak;
  }
  const staff = await ctx.staff();
  if (staff.size === 0) return null;
  const edit: StaffEdit = {
    ...(stored && record.role !== stored.role ? { role: record.role } : {}),
    ...(stored && record.active !== stored.active ? { active: record.active } : {}),
    ...(stored && record.pinHash !== stored.pinHash ? { pin: true } : {}),
  };
  if (stored && edit.role === undefined && edit.active === undefined && !edit.pin) return null;
  if (!changedBy) return 'a staff change needs the signed-in person who made it; none was named';
  const actor = await member(ctx, changedBy, 'The person who made this staff change');
  if (typeof actor === 'string') return actor;
  if (!actor.active) return `${actor.name} is no longer active and cannot change staff`;
  if (!stored) return addStaffProblem(actor, record.role);
  const otherOwners = [...staff.values()].filter(
    (s) => s.active && s.role === 'owner' && s.id !== stored.id,
  ).length;
  return changeStaffProblem(actor, stored, edit, otherOwners);
}
