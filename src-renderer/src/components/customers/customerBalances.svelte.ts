// A customer's points and store credit as this desk knows them, and store credit given by hand
// (a goodwill gesture, a return without its receipt): owners and managers only, with a reason.
import {
  accountOf,
  formatBalance,
  pointsValue,
  type BalanceMovement,
  type LoyaltyRules,
} from '$shared/balances';
import { parseMoney } from '$shared/money';
import type { Decision } from '$shared/permissions';

export type CustomerBalanceView = { points: string; credit: string };

export type CustomerBalanceDeps = {
  balance(account: string): Promise<number>;
  loyalty(): Promise<LoyaltyRules>;
  issue(input: {
    customerId: string;
    amount: number;
    currency: string;
    note: string;
  }): Promise<BalanceMovement>;
  decide(action: 'refund'): Decision;
};

/** "1,250 points (£12.50)" and "£5.00" for the customer's card. */
export async function customerBalanceView(
  deps: Pick<CustomerBalanceDeps, 'balance' | 'loyalty'>,
  customerId: string,
  currency: string,
): Promise<CustomerBalanceView> {
  const [points, credit, rules] = await Promise.all([
    deps.balance(accountOf('loyalty_points', customerId)),
    deps.balance(accountOf('store_credit', customerId)),
    deps.loyalty(),
  ]);
  const worth = formatBalance('store_credit', pointsValue(rules, points), currency);
  return {
    points: `${formatBalance('loyalty_points', points, currency)} (worth ${worth})`,
    credit: formatBalance('store_credit', credit, currency),
  };
}

export class StoreCreditForm {
  amountText = $state('');
  reason = $state('');
  notice = $state<{ ok: boolean; text: string } | null>(null);
  busy = $state(false);

  constructor(private readonly deps: CustomerBalanceDeps) {}

  async give(customerId: string, currency: string): Promise<boolean> {
    if (this.busy) return false;
    const decision = this.deps.decide('refund');
    if (decision.verdict !== 'allow') {
      this.notice = { ok: false, text: `${decision.message}: ask a manager to give store credit` };
      return false;
    }
    const parsed = parseMoney(this.amountText, currency);
    if (!parsed.ok) {
      this.notice = { ok: false, text: `Amount: ${parsed.message}` };
      return false;
    }
    this.busy = true;
    try {
      const given = await this.deps.issue({
        customerId,
        amount: parsed.value.amount,
        currency,
        note: this.reason,
      });
      this.notice = {
        ok: true,
        text: `${formatBalance('store_credit', given.amount, currency)} store credit given`,
      };
      this.amountText = '';
      this.reason = '';
      return true;
    } catch (failure) {
      this.notice = { ok: false, text: failure instanceof Error ? failure.message : String(failure) };
      return false;
    } finally {
      this.busy = false;
    }
  }
}
