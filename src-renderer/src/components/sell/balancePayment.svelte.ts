// Paying with what the customer holds with the store: a gift card (by its code), their store
// credit or their points. The balance is checked on this desk, offline; the server settles it
// across desks when the payment syncs (a card spent elsewhere first is refused there, plainly).
import {
  accountOf,
  formatBalance,
  isGiftCardCode,
  normaliseGiftCardCode,
  pointsValue,
  type BalanceKind,
  type LoyaltyRules,
} from '$shared/balances';
import { money, parseMoney } from '$shared/money';
import type { BalanceTender } from '$shared/payments';
import type { Order } from '$shared/records';

export type BalanceDeps = {
  balance(account: string): Promise<number>;
  loyalty(): Promise<LoyaltyRules>;
};

export type Checked = {
  account: string;
  /** What it holds, in its own unit (minor units, or points). */
  held: number;
  /** What it can pay, in minor units of the order's currency. */
  worth: number;
  /** "£25.00", or "1,250 points (£12.50)". */
  shown: string;
};

export const BALANCE_LABELS: Record<BalanceKind, string> = {
  gift_card: 'Gift card',
  store_credit: 'Store credit',
  loyalty_points: 'Points',
};

export class BalancePayment {
  method = $state<BalanceKind>('gift_card');
  code = $state('');
  amountText = $state('');
  checked = $state<Checked | null>(null);
  error = $state('');

  constructor(private readonly deps: BalanceDeps) {}

  choose(method: BalanceKind): void {
    this.method = method;
    this.checked = null;
    this.error = '';
  }

  /** The ledger the chosen method debits for this order, or why there is none. */
  account(
    order: Pick<Order, 'customerId' | 'customerName'>,
  ): { ok: true; account: string } | { ok: false; reason: string } {
    if (this.method === 'gift_card') {
      const code = normaliseGiftCardCode(this.code);
      if (!code) return { ok: false, reason: 'Type or scan the gift card’s code' };
      if (!isGiftCardCode(code)) {
        return { ok: false, reason: 'A gift card code is 12 letters and digits, like 7KQ2-MX9P-3HRT' };
      }
      return { ok: true, account: accountOf('gift_card', code) };
    }
    if (!order.customerId) {
      return {
        ok: false,
        reason: `${BALANCE_LABELS[this.method]} belongs to a customer: choose the customer on the sale first`,
      };
    }
    return { ok: true, account: accountOf(this.method, order.customerId) };
  }

  /** Looks the balance up on this desk. */
  async check(order: Pick<Order, 'customerId' | 'customerName' | 'currency'>): Promise<Checked | null> {
    this.error = '';
    this.checked = null;
    const named = this.account(order);
    if (!named.ok) {
      this.error = named.reason;
      return null;
    }
    const held = await this.deps.balance(named.account);
    let worth = held;
    let shown = formatBalance(this.method, held, order.currency);
    if (this.method === 'loyalty_points') {
      const rules = await this.deps.loyalty();
      worth = pointsValue(rules, held);
      shown = `${shown} (${formatBalance('store_credit', worth, order.currency)})`;
    }
    this.checked = { account: named.account, held, worth, shown };
    if (worth <= 0) this.error = `${BALANCE_LABELS[this.method]} holds nothing to pay with`;
    return this.checked;
  }

  /** The tender to take: the amount typed, or as much as is due and the balance allows. */
  async tender(order: Order): Promise<BalanceTender | null> {
    const checked = await this.check(order);
    if (!checked || checked.worth <= 0) return null;
    const due = order.totals.total - order.totals.paid;
    let amount = Math.min(due, checked.worth);
    if (this.amountText.trim()) {
      const parsed = parseMoney(this.amountText, order.currency);
      if (!parsed.ok) {
        this.error = `Amount: ${parsed.message}`;
        return null;
      }
      amount = parsed.value.amount;
    }
    return {
      method: this.method,
      amount: money(amount, order.currency),
      account: checked.account,
      available: money(checked.worth, order.currency),
    };
  }

  reset(): void {
    this.code = '';
    this.amountText = '';
    this.checked = null;
    this.error = '';
  }
}
