// What can happen to an order after the sale — cancel, refund, hold, release, confirm delivery —
// as order-machine events written through writeOrderChange, each checked before anything is written.
import { newId } from '$shared/ids';
import { machineStateOf } from '$shared/orderRow';
import { decide, type Action, type Role } from '$shared/permissions';
import type { Order, OrderEvent, Payment } from '$shared/records';
import { nextOrderState, type OrderMachineContext } from '$machines/orderMachine';
import type { OrderlineDb } from '$db/database';
import { orderChangeTables, pendingChangeOf, writeOrderChange } from '$db/writeOrderChange';
import { loadLoyalty, queueMovements, refundBalanceMovements } from '$db/balanceWrites';
import { recordShiftRefund } from '$db/shiftWrites';
import { auditedBy, recordAudit } from '$db/auditLog';
import type { Approver } from './approval.svelte';
import { staffSession } from './staffSession.svelte';
import { minor } from './format';
import { trackingUnverified } from './describeEvent';
import { sellerOf, type Desk } from './sale';

export type AfterSaleAction = 'cancel' | 'refund' | 'hold' | 'release' | 'confirmDelivery';

/** A refusal made before anything was written, worded for the person at the desk. */
export class ActionRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ActionRefused';
  }
}

export const MAX_REASON_LENGTH = 200;

/** Why this reason cannot be used, or null when it can. */
export function reasonProblem(reason: string): string | null {
  const text = reason.trim();
  if (!text) return 'Give a reason, in a few words';
  if (text.length > MAX_REASON_LENGTH)
    return `The reason is ${text.length} characters long; keep it to ${MAX_REASON_LENGTH}`;
  return null;
}

function requireReason(reason: string): string {
  const problem = reasonProblem(reason);
  if (problem) throw new ActionRefused(problem);
  return reason.trim();
}

/** Money paid on the order and not yet paid back, in minor units. */
export function refundable(order: Order): number {
  return Math.max(0, order.totals.paid - order.totals.refunded);
}

export type RefundPart = { method: Payment['method']; cardLast4?: string; amount: number };

/**
 * Where a refund goes: back to the payments it came from, the most recent first (earlier refunds
 * are taken to have come off the most recent payments too), so a split payment is paid back the
 * way it was paid in.
 */
export function refundTo(order: Order, amount: number): RefundPart[] {
  let alreadyBack = order.totals.refunded;
  let left = amount;
  const parts: RefundPart[] = [];
  // Money owed on account that has since arrived is refunded the way it arrived, not twice.
  let arrived = order.payments.filter((p) => p.received).reduce((sum, p) => sum + p.amount.amount, 0);
  const sources = order.payments.flatMap((payment) => {
    if (payment.received || !['invoice', 'cash_on_delivery'].includes(payment.method)) return [payment];
    const settled = Math.min(arrived, payment.amount.amount);
    arrived -= settled;
    const open = payment.amount.amount - settled;
    return open > 0 ? [{ ...payment, amount: { ...payment.amount, amount: open } }] : [];
  });
  for (const payment of sources.reverse()) {
    const stillThere = Math.max(0, payment.amount.amount - alreadyBack);
    alreadyBack = Math.max(0, alreadyBack - payment.amount.amount);
    const take = Math.min(left, stillThere);
    if (take > 0) {
      parts.push({
        method: payment.method,
        ...(payment.cardLast4 ? { cardLast4: payment.cardLast4 } : {}),
        amount: take,
      });
    }
    left -= take;
    if (left <= 0) break;
  }
  return parts;
}

/** Money paid back other than as points once `amount` more is refunded: what earned points follow. */
export function moneyRefundedAfter(order: Order, amount: number): number {
  const all = refundTo(
    { ...order, totals: { ...order.totals, refunded: 0 } },
    order.totals.refunded + amount,
  );
  return all.filter((p) => p.method !== 'loyalty_points').reduce((sum, p) => sum + p.amount, 0);
}

/** What refunding `amount` does to the customer's points and the gift cards the order sold,
 * worked out before anything is written: as done (the message after the refund) or as a preview
 * (the refund form, where it also says why a refund that would pay back spent card value cannot be
 * made). */
export async function balancesOnRefund(
  db: OrderlineDb,
  desk: Desk,
  order: Order,
  amount: number,
  when: 'done' | 'preview' = 'done',
): Promise<{ text: string; refused: boolean } | null> {
  const refund = refundMoney(order, amount);
  const rules = await loadLoyalty(db);
  const balances = await refundBalanceMovements(db, order, refund, rules, sellerOf(desk), when);
  return balances.said ? { text: balances.said, refused: balances.refusal !== null } : null;
}

/** A refund of `amount` on the order: where it goes and what it brings the refunds to. */
function refundMoney(order: Order, amount: number, refundId = newId()) {
  return {
    refundId,
    amount,
    parts: refundTo(order, amount),
    refundedAfter: moneyRefundedAfter(order, amount),
  };
}

const METHOD: Record<Payment['method'], string> = {
  cash: 'in cash',
  card_terminal: 'to the card on the terminal',
  cash_on_delivery: 'in cash (paid on delivery)',
  invoice: 'as a credit on the invoice',
  bank_transfer: 'by bank transfer',
  gift_card: 'back onto the gift card',
  store_credit: 'as store credit',
  loyalty_points: 'back as points',
};

/** "£20.00 to card ending 4242, £5.00 in cash": what the seller tells the customer. */
export function describeRefundTo(order: Order, amount: number): string {
  const parts = refundTo(order, amount);
  if (parts.length === 0) return 'Nothing paid on this order is left to refund';
  return parts
    .map(
      (p) =>
        `${minor(p.amount, order.currency)} ${p.cardLast4 ? `to the card ending ${p.cardLast4}` : METHOD[p.method]}`,
    )
    .join(', ');
}

/** The events a cancel takes: everything still held is refunded first, then the order is cancelled. */
function cancelEvents(order: Order, reason: string): unknown[] {
  const held = refundable(order);
  return [
    ...(held > 0 ? [{ type: 'refund.issue', refundId: newId(), amount: held, reason }] : []),
    { type: 'order.cancel', reason },
  ];
}

/** Runs events through the machine without writing: the first refusal, or null when all are legal. */
function dryRun(order: Order, events: readonly unknown[]): string | null {
  let state = machineStateOf(order);
  for (const event of events) {
    const step = nextOrderState(state, event);
    if (!step.ok) return step.reason;
    state = step.state;
  }
  return null;
}

const PROBE_REASON = 'probe';

/** The after-sale actions the order machine allows for this order right now. */
export function allowedActions(order: Order): AfterSaleAction[] {
  const probes: Record<AfterSaleAction, unknown[]> = {
    cancel: cancelEvents(order, PROBE_REASON),
    refund: [{ type: 'refund.issue', refundId: newId(), amount: Math.max(1, refundable(order)) }],
    hold: [{ type: 'order.hold', reason: PROBE_REASON }],
    release: [{ type: 'order.release' }],
    confirmDelivery: [{ type: 'delivery.confirm' }],
  };
  return (Object.keys(probes) as AfterSaleAction[]).filter(
    (action) => dryRun(order, probes[action]) === null,
  );
}

/** The permission an action needs from the person at the desk. */
export function permissionFor(order: Order, action: AfterSaleAction): Action | null {
  if (action === 'refund') return 'refund';
  if (action === 'cancel') return refundable(order) > 0 ? 'cancel_paid_order' : 'cancel_order';
  return null;
}

/** The sentence to show when this role needs a manager (or may not) for the action; null when free. */
export function approvalNote(order: Order, action: AfterSaleAction, role: Role): string | null {
  const permission = permissionFor(order, action);
  if (!permission) return null;
  const decision = decide(role, permission);
  return decision.verdict === 'allow' ? null : decision.message;
}

/**
 * Refuses an action the signed-in person may not do alone, unless a manager approved it on the
 * spot: the screens ask first, and this keeps any other caller from skipping the question.
 */
function requirePermission(order: Order, action: AfterSaleAction, approvedBy?: Approver): void {
  const permission = permissionFor(order, action);
  if (!permission) return;
  const decision = staffSession.decide(permission);
  if (decision.verdict === 'deny' || (decision.verdict === 'approval' && !approvedBy)) {
    throw new ActionRefused(decision.message);
  }
}

/** Who makes the change, with the manager who approved it on the spot (the server checks both). */
function approvedWho(desk: Desk, approvedBy?: Approver) {
  const who = sellerOf(desk);
  return approvedBy ? { ...who, approvedById: approvedBy.staffId } : who;
}

/** The audit entry for money going back, by the signed-in person and the approving manager. */
function auditOrder(
  db: OrderlineDb,
  desk: Desk,
  order: Order,
  kind: 'refund' | 'cancel',
  summary: string,
  approvedBy?: Approver,
) {
  const who = sellerOf(desk);
  return recordAudit(db, {
    kind,
    ...auditedBy(who, approvedBy),
    orderId: order.id,
    orderNumber: order.number,
    summary,
  });
}

export type ShipmentShown = {
  carrier: string;
  trackingNumber?: string;
  /** No carrier format recognised the number: it was kept as the packer gave it. */
  unverified?: true;
  note?: string;
};

/**
 * Every shipment with its carrier and tracking number (or why there is none), oldest first. A number
 * is unverified when the ship.dispatch event that carried it recorded so (or, without the events, the
 * order's last tracking did).
 */
export function shipmentsOf(
  order: Order,
  events: readonly Pick<OrderEvent, 'event' | 'details'>[] = [],
): ShipmentShown[] {
  const unverified = new Set(
    events
      .filter((e) => e.event.type === 'ship.dispatch' && trackingUnverified(e.details))
      .map((e) => String(e.event.trackingNumber)),
  );
  if (order.tracking?.verified === false) unverified.add(order.tracking.number);
  const context = order.machine as Partial<OrderMachineContext>;
  const shipments = Array.isArray(context.shipments) ? context.shipments : [];
  const listed = shipments.map((s) => ({
    carrier: s.carrier,
    ...(s.trackingNumber ? { trackingNumber: s.trackingNumber } : {}),
    ...(s.trackingNumber && unverified.has(s.trackingNumber) ? { unverified: true as const } : {}),
    ...(s.noTrackingReason ? { note: s.noTrackingReason } : {}),
  }));
  if (listed.length === 0 && order.tracking) {
    return [
      {
        carrier: order.tracking.carrier,
        trackingNumber: order.tracking.number,
        ...(order.tracking.verified === false ? { unverified: true as const } : {}),
      },
    ];
  }
  return listed;
}

/**
 * Cancels an order before it is packed. Money still held is refunded first, to the way it was
 * paid; the refund and the cancel are written in one transaction, so a cancel never leaves a
 * refund behind without the cancel (or the other way round). Reserved stock is released by the
 * cancel event itself (writeOrderChange writes the release movements).
 */
export async function cancelOrder(
  db: OrderlineDb,
  desk: Desk,
  order: Order,
  reason: string,
  approvedBy?: Approver,
): Promise<Order> {
  const why = requireReason(reason);
  requirePermission(order, 'cancel', approvedBy);
  const events = cancelEvents(order, why);
  const refusal = dryRun(order, events);
  if (refusal) throw new ActionRefused(`Order ${order.number} cannot be cancelled: ${refusal}`);
  const parts = refundTo(order, refundable(order));
  const summary = `Cancelled ${order.number}${parts.length ? `, refunding ${describeRefundTo(order, refundable(order))}` : ''}: ${why}`;
  const loyalty = await loadLoyalty(db);
  const tables = [...orderChangeTables(db), db.shifts, db.auditLog, db.balanceMovements];
  return db.transaction('rw', tables, async () => {
    const issued = events[0] as { type: string; refundId?: string };
    const refund = refundMoney(order, refundable(order), issued.refundId);
    const balances = await refundBalanceMovements(db, order, refund, loyalty, sellerOf(desk));
    if (balances.refusal)
      throw new ActionRefused(`Order ${order.number} cannot be cancelled: ${balances.refusal}`);
    let current = order;
    for (const event of events) {
      current = await writeOrderChange(db, { orderId: order.id, event }, approvedWho(desk, approvedBy));
    }
    await queueMovements(db, balances.movements, await pendingChangeOf(db, current));
    if (parts.length) {
      await recordShiftRefund(db, sellerOf(desk), {
        orderId: order.id,
        currency: order.currency,
        parts,
        reason: why,
      });
    }
    const said = balances.said ? `${summary}. ${balances.said}` : summary;
    await auditOrder(db, desk, order, 'cancel', said, approvedBy);
    return current;
  });
}

/**
 * Pays back part or all of what was paid, to the original payment method. Refuses an amount
 * above what was paid and not yet refunded before writing anything.
 *
 * The reason is required and travels on the refund.issue event, so the history says why.
 */
export async function refundOrder(
  db: OrderlineDb,
  desk: Desk,
  order: Order,
  amount: number,
  reason: string,
  approvedBy?: Approver,
): Promise<Order> {
  requireReason(reason);
  requirePermission(order, 'refund', approvedBy);
  if (!Number.isInteger(amount) || amount <= 0) {
    throw new ActionRefused('Enter an amount to refund that is more than zero');
  }
  const left = refundable(order);
  if (left === 0) throw new ActionRefused(`Nothing paid on order ${order.number} is left to refund`);
  if (amount > left) {
    throw new ActionRefused(
      `A refund of ${minor(amount, order.currency)} is more than the ${minor(left, order.currency)} paid and not yet refunded`,
    );
  }
  const event = { type: 'refund.issue', refundId: newId(), amount, reason: reason.trim() };
  const refusal = dryRun(order, [event]);
  if (refusal) throw new ActionRefused(`Order ${order.number} cannot be refunded now: ${refusal}`);
  // A cash refund leaves this desk's drawer: the open register records it in the same transaction,
  // and refuses it (writing nothing) when the drawer cannot hold that much.
  const parts = refundTo(order, amount);
  const summary = `Refunded ${describeRefundTo(order, amount)} on ${order.number}: ${event.reason}`;
  const loyalty = await loadLoyalty(db);
  const tables = [...orderChangeTables(db), db.shifts, db.auditLog, db.balanceMovements];
  return db.transaction('rw', tables, async () => {
    // What a gift card, credit or points paid goes back onto the same account, after the refund;
    // the points the order earned are taken back pro rata, and the gift cards it sold lose what the
    // refund reaches into (refused, writing nothing, when that value was already spent).
    const balances = await refundBalanceMovements(
      db,
      order,
      refundMoney(order, amount, event.refundId),
      loyalty,
      sellerOf(desk),
    );
    if (balances.refusal)
      throw new ActionRefused(`Order ${order.number} cannot be refunded now: ${balances.refusal}`);
    const next = await writeOrderChange(db, { orderId: order.id, event }, approvedWho(desk, approvedBy));
    await queueMovements(db, balances.movements, await pendingChangeOf(db, next));
    const refund = { orderId: order.id, currency: order.currency, parts, reason: event.reason };
    await recordShiftRefund(db, sellerOf(desk), refund);
    const said = balances.said ? `${summary}. ${balances.said}` : summary;
    await auditOrder(db, desk, order, 'refund', said, approvedBy);
    return next;
  });
}

export async function holdOrder(db: OrderlineDb, desk: Desk, order: Order, reason: string): Promise<Order> {
  const event = { type: 'order.hold', reason: requireReason(reason) };
  return write(db, desk, order, event, 'put on hold');
}

export function releaseOrder(db: OrderlineDb, desk: Desk, order: Order): Promise<Order> {
  return write(db, desk, order, { type: 'order.release' }, 'released');
}

export function confirmDelivery(db: OrderlineDb, desk: Desk, order: Order): Promise<Order> {
  return write(db, desk, order, { type: 'delivery.confirm' }, 'marked delivered');
}

async function write(db: OrderlineDb, desk: Desk, order: Order, event: unknown, what: string) {
  const refusal = dryRun(order, [event]);
  if (refusal) throw new ActionRefused(`Order ${order.number} cannot be ${what}: ${refusal}`);
  return writeOrderChange(db, { orderId: order.id, event }, sellerOf(desk));
}
