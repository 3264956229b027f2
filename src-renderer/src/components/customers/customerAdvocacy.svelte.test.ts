import { describe, expect, it, vi } from 'vitest';
import type { ReferralReward } from '$shared/referrals';
import { CustomerAdvocacyPane } from './customerAdvocacy.svelte';

const REWARD: ReferralReward = {
  id: '0193a1b2-c3d4-7e5f-8a6b-aaaaaaaaaaaa',
  referrerId: '0193a1b2-c3d4-7e5f-8a6b-00000000001f',
  referralCode: 'REF-0000000Z',
  customerId: '0193a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b',
  customerName: 'Nia Newcomer',
  orderId: '0193a1b2-c3d4-7e5f-8a6b-bbbbbbbbbbbb',
  orderNumber: 'D1-000007',
  kind: 'discount',
  amount: { amount: 500, currency: 'GBP' },
  createdAt: '2026-12-07T12:00:00.000Z',
};
const money = (minor: number, currency: string) => `${currency} ${(minor / 100).toFixed(2)}`;

function pane() {
  const markUsed = vi.fn(async () => ({ ...REWARD, usedAt: '2026-12-08T09:00:00.000Z' }));
  const view = new CustomerAdvocacyPane({
    load: async () => ({ rewards: [REWARD], feedback: [] }),
    markUsed,
  });
  return { view, markUsed };
}

describe("a customer's referrals", () => {
  it('shows their code and says what each reward is and what earned it', () => {
    const { view } = pane();
    view.watch(REWARD.referrerId);
    expect(view.code).toBe('REF-0000000Z');
    expect(view.describe(REWARD, money)).toBe(
      'GBP 5.00 off their next order, for referring Nia Newcomer (order D1-000007)',
    );
    expect(view.describe({ ...REWARD, kind: 'credit' }, money)).toBe(
      'GBP 5.00 store credit, for referring Nia Newcomer (order D1-000007)',
    );
    view.stop();
  });

  it('says what a refund in full took back of a reward, and what was already spent or given', () => {
    const { view } = pane();
    const reversedAt = '2026-12-09T09:00:00.000Z';
    expect(
      view.reversal({ ...REWARD, kind: 'credit', reversedAt, takenBack: 250, notTakenBack: 250 }, money),
    ).toBe('Order D1-000007 refunded in full: GBP 2.50 taken back; GBP 2.50 already spent, not taken back');
    expect(view.reversal({ ...REWARD, reversedAt, takenBack: 500, notTakenBack: 0 }, money)).toBe(
      'Order D1-000007 refunded in full: GBP 5.00 taken back',
    );
    expect(view.reversal({ ...REWARD, reversedAt, takenBack: 0, notTakenBack: 500 }, money)).toBe(
      'Order D1-000007 refunded in full: GBP 5.00 already given, not taken back',
    );
  });

  it('marks a reward used on the order it was given on, refusing an order number that cannot be one', async () => {
    const { view, markUsed } = pane();
    await view.markUsed(REWARD, 'D1-42');
    expect(view.error).toBe('Order number D1-42 should look like D1-000042; leave it empty if there is none');
    expect(markUsed).not.toHaveBeenCalled();
    await view.markUsed(REWARD, ' d1-000043 ');
    expect(markUsed).toHaveBeenCalledWith(REWARD.id, 'D1-000043');
    expect(view.message).toBe('Reward marked used on order D1-000043');
    await view.markUsed(REWARD, '');
    expect(markUsed).toHaveBeenLastCalledWith(REWARD.id, undefined);
  });

  it('never marks a store credit reward used by hand: the server already put it in their balance', async () => {
    const { view, markUsed } = pane();
    await view.markUsed({ ...REWARD, kind: 'credit' }, '');
    expect(view.error).toBe(
      'A store credit reward is already in their store credit balance; nothing to give by hand',
    );
    expect(markUsed).not.toHaveBeenCalled();
  });
});
