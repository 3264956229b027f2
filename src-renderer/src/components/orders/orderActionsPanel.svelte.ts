// After the sale, without the DOM: the actions the order machine allows right now, one small form
// open at a time (a reason where one is needed, the amount for a refund), the manager's PIN a
// seller's refund or paid cancel waits for (a packer's is refused), and the sentence left once the
// order is written. OrderActions.svelte draws it; the order is read through a getter, so the panel
// follows the order as it redraws.
import { money, parseMoney, toDecimalString } from '$shared/money';
import type { Action, Decision } from '$shared/permissions';
import type { Order } from '$shared/records';
import type { OrderlineDb } from '$db/database';
import type { Approver } from '$lib/approval.svelte';
import { minor } from '$lib/format';
import {
  allowedActions,
  cancelOrder,
  confirmDelivery,
  describeRefundTo,
  balancesOnRefund,
  holdOrder,
  permissionFor,
  reasonProblem,
  refundOrder,
  refundable,
  releaseOrder,
  type AfterSaleAction,
} from '$lib/orderActions';
import { DEFAULT_DESK, currentDesk, type Desk } from '$lib/sale';

export const ACTION_LABELS: Record<AfterSaleAction, string> = {
  cancel: 'Cancel order',
  refund: 'Refund',
  hold: 'Put on hold',
  release: 'Release from hold',
  confirmDelivery: 'Mark delivered',
};

export const SUBMIT_LABELS: Record<AfterSaleAction, string> = {
  cancel: 'Cancel the order',
  refund: 'Refund',
  hold: 'Put on hold',
  release: 'Release it',
  confirmDelivery: 'Confirm delivery',
};

export const NEEDS_REASON: Record<AfterSaleAction, boolean> = {
  cancel: true,
  refund: true,
  hold: true,
  release: false,
  confirmDelivery: false,
};

/** Who decides: the signed-in person's permissions, and a manager's PIN when one is needed. */
export type ActionAuthority = {
  decide(action: Action): Decision;
  ask(action: Action, summary: string): Promise<Approver | null>;
};

export class OrderActionsPanel {
  readonly #db: OrderlineDb;
  readonly #order: () => Order;
  readonly #authority: ActionAuthority;

  desk = $state<Desk>(DEFAULT_DESK);
  open = $state<AfterSaleAction | null>(null);
  reason = $state('');
  amountText = $state('');
  busy = $state(false);
  error = $state('');
  done = $state('');

  constructor(db: OrderlineDb, order: () => Order, authority: ActionAuthority) {
    this.#db = db;
    this.#order = order;
    this.#authority = authority;
  }

  async start(): Promise<void> {
    this.desk = await currentDesk(this.#db);
  }

  get order(): Order {
    return this.#order();
  }
  get allowed(): AfterSaleAction[] {
    return allowedActions(this.order);
  }
  /** What was paid and not yet refunded: the most a refund may give back. */
  get heldAmount(): number {
    return refundable(this.order);
  }
  get parsedAmount(): ReturnType<typeof parseMoney> | null {
    return this.open === 'refund' ? parseMoney(this.amountText, this.order.currency) : null;
  }
  get canReprint(): boolean {
    return this.order.payments.length > 0;
  }

  /** Opens an action's form, the refund at the whole amount held. */
  choose(action: AfterSaleAction): void {
    this.open = action;
    this.reason = '';
    this.amountText = toDecimalString(money(this.heldAmount, this.order.currency));
    this.error = '';
    this.done = '';
  }

  /** The action's button: opens its form, or closes it when it is the one open. */
  toggle(action: AfterSaleAction): void {
    if (this.open === action) this.close();
    else this.choose(action);
  }

  close(): void {
    this.open = null;
    this.error = '';
  }

  /** A return's refund: the refund form opened with its amount and reason, when a refund is allowed. */
  propose(proposal: { amount: number; reason: string }): void {
    if (!this.allowed.includes('refund')) return;
    this.choose('refund');
    this.amountText = toDecimalString(money(proposal.amount, this.order.currency));
    this.reason = proposal.reason;
  }

  /** Checks the open form, asks for a manager where needed, and writes the action. */
  async submit(): Promise<void> {
    if (!this.open || this.busy) return;
    const action = this.open;
    const order = this.order;
    this.error = '';
    if (NEEDS_REASON[action]) {
      const problem = reasonProblem(this.reason);
      if (problem) {
        this.error = problem;
        return;
      }
    }
    let amount = 0;
    if (action === 'refund') {
      const parsed = this.parsedAmount;
      if (!parsed?.ok) {
        this.error = parsed?.message ?? 'Enter an amount to refund';
        return;
      }
      amount = parsed.value.amount;
    }
    // A seller's refund or paid cancel waits for a manager's PIN on this desk; a packer's is refused.
    let approvedBy: Approver | undefined;
    const permission = permissionFor(order, action);
    const decision = permission ? this.#authority.decide(permission) : { verdict: 'allow' as const };
    if (permission && decision.verdict === 'deny') {
      this.error = decision.message;
      return;
    }
    if (permission && decision.verdict === 'approval') {
      const summary =
        action === 'refund'
          ? `Refund ${minor(amount, order.currency)} on order ${order.number}: ${this.reason.trim()}`
          : `Cancel order ${order.number}${this.heldAmount > 0 ? ` and refund ${minor(this.heldAmount, order.currency)}` : ''}: ${this.reason.trim()}`;
      const approver = await this.#authority.ask(permission, summary);
      if (!approver) {
        this.error = 'No manager approved it, so nothing was changed.';
        return;
      }
      approvedBy = approver;
    }
    this.busy = true;
    try {
      // The order as it is now: it may have redrawn while a manager was asked.
      const current = this.order;
      const heldBefore = this.heldAmount;
      const goesBack = describeRefundTo(current, action === 'refund' ? amount : heldBefore);
      const db = this.#db;
      const desk = this.desk;
      const reason = this.reason;
      // Said before the change, as the money is: what the refund does to the customer's points and
      // the gift cards the order sold (a refusal is thrown by the refund itself, writing nothing).
      const refunding = action === 'refund' ? amount : action === 'cancel' ? heldBefore : 0;
      const balances = refunding > 0 ? await balancesOnRefund(db, desk, current, refunding) : null;
      const pointsSaid = balances && !balances.refused ? ` ${balances.text}` : '';
      let next: Order;
      if (action === 'cancel') next = await cancelOrder(db, desk, current, reason, approvedBy);
      else if (action === 'refund') next = await refundOrder(db, desk, current, amount, reason, approvedBy);
      else if (action === 'hold') next = await holdOrder(db, desk, current, reason);
      else if (action === 'release') next = await releaseOrder(db, desk, current);
      else next = await confirmDelivery(db, desk, current);
      this.done = {
        cancel: `Order ${next.number} is cancelled${heldBefore > 0 ? `; refunded ${goesBack}` : ''}. Reserved stock is back on the shelf.${pointsSaid}`,
        refund: `Refunded ${goesBack}.${pointsSaid}`,
        hold: `Order ${next.number} is on hold.`,
        release: `Order ${next.number} is released and back in the queue.`,
        confirmDelivery: `Order ${next.number} is marked delivered.`,
      }[action];
      this.open = null;
    } catch (caught) {
      // ActionRefused and OrderRefused carry the sentence to show; anything else is shown as it came.
      this.error = caught instanceof Error ? caught.message : String(caught);
    } finally {
      this.busy = false;
    }
  }

  /** What a reprint came to: its sentence, or why it did not print. */
  printed(outcome: { kind: string; text: string }): void {
    if (outcome.kind === 'ok') this.done = `${outcome.text}.`;
    else this.error = outcome.text;
  }
}
