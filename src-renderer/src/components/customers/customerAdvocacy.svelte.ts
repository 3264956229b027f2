// A customer's advocacy: their referral code (to read out or print), the rewards their referrals
// earned (a seller marks one used when giving it), and what they said in feedback.
import { npsOf, type NpsSummary } from '$shared/feedback';
import { referralCodeOf, REWARD_LABELS, type ReferralReward } from '$shared/referrals';
import type { CustomerAdvocacy } from '$db/referralQueries';
import { LiveQueryState } from '$lib/liveQueryState.svelte';

export interface CustomerAdvocacyDeps {
  load: (customerId: string) => Promise<CustomerAdvocacy>;
  markUsed: (rewardId: string, onOrderNumber: string | undefined) => Promise<ReferralReward>;
}

export class CustomerAdvocacyPane {
  readonly data = new LiveQueryState<CustomerAdvocacy>();
  code = $state('');
  message = $state('');
  error = $state('');
  busy = $state(false);

  constructor(private readonly deps: CustomerAdvocacyDeps) {}

  watch(customerId: string): void {
    this.code = referralCodeOf(customerId);
    this.data.run(() => this.deps.load(customerId));
  }

  get summary(): NpsSummary | null {
    const feedback = this.data.value?.feedback ?? [];
    return feedback.length ? npsOf(feedback) : null;
  }

  /** What the reward is, as a person reads it. */
  describe(reward: ReferralReward, money: (minor: number, currency: string) => string): string {
    const amount = money(reward.amount.amount, reward.amount.currency);
    const what =
      reward.kind === 'discount' ? `${amount} off their next order` : `${amount} ${REWARD_LABELS.credit}`;
    return `${what}, for referring ${reward.customerName ?? 'a new customer'} (order ${reward.orderNumber})`;
  }

  /** What became of a reward whose order was refunded in full: taken back, or (part of it) already
   * given or spent and so not. */
  reversal(reward: ReferralReward, money: (minor: number, currency: string) => string): string {
    const show = (n: number) => money(n, reward.amount.currency);
    const parts = [
      ...(reward.takenBack ? [`${show(reward.takenBack)} taken back`] : []),
      ...(reward.notTakenBack
        ? [
            `${show(reward.notTakenBack)} already ${reward.kind === 'credit' ? 'spent' : 'given'}, not taken back`,
          ]
        : []),
    ];
    return `Order ${reward.orderNumber} refunded in full: ${parts.join('; ') || 'nothing to take back'}`;
  }

  async markUsed(reward: ReferralReward, onOrderNumber: string): Promise<void> {
    this.message = '';
    this.error = '';
    if (reward.kind === 'credit') {
      this.error = 'A store credit reward is already in their store credit balance; nothing to give by hand';
      return;
    }
    const number = onOrderNumber.trim().toUpperCase();
    if (number && !/^[A-Z0-9]{1,6}-\d{6}$/.test(number)) {
      this.error = `Order number ${number} should look like D1-000042; leave it empty if there is none`;
      return;
    }
    this.busy = true;
    try {
      await this.deps.markUsed(reward.id, number || undefined);
      this.message = number ? `Reward marked used on order ${number}` : 'Reward marked used';
    } catch (failure) {
      this.error = failure instanceof Error ? failure.message : String(failure);
    } finally {
      this.busy = false;
    }
  }

  stop(): void {
    this.data.stop();
  }
}
