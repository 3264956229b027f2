import { describe, expect, it, vi } from 'vitest';
import { accountOf, type BalanceMovement } from '$shared/balances';
import { customerBalanceView, StoreCreditForm, type CustomerBalanceDeps } from './customerBalances.svelte';

const CUSTOMER = '0196f0a0-0000-7000-8000-000000000001';

function deps(over: Partial<CustomerBalanceDeps> = {}): CustomerBalanceDeps {
  return {
    balance: async (account) => (account === accountOf('loyalty_points', CUSTOMER) ? 1250 : 500),
    loyalty: async () => ({ enabled: true, pointsPerUnit: 1, pointValue: 2 }),
    issue: vi.fn(async (input) => ({ amount: input.amount }) as BalanceMovement),
    decide: () => ({ verdict: 'allow' }),
    ...over,
  };
}

describe('customer balances', () => {
  it('shows points with what they are worth, and store credit', async () => {
    expect(await customerBalanceView(deps(), CUSTOMER, 'GBP')).toEqual({
      points: '1,250 points (worth £25.00)',
      credit: '£5.00',
    });
  });

  it('gives store credit with the amount read in the store’s currency', async () => {
    const d = deps();
    const form = new StoreCreditForm(d);
    form.amountText = '7.50';
    form.reason = 'Returned without receipt';
    expect(await form.give(CUSTOMER, 'GBP')).toBe(true);
    expect(d.issue).toHaveBeenCalledWith({
      customerId: CUSTOMER,
      amount: 750,
      currency: 'GBP',
      note: 'Returned without receipt',
    });
    expect(form.notice).toEqual({ ok: true, text: '£7.50 store credit given' });
    expect(form.amountText).toBe('');
  });

  it('refuses a seller, saying to ask a manager, and writes nothing', async () => {
    const d = deps({
      decide: () => ({ verdict: 'approval', message: 'A seller needs a manager to refund' }),
    });
    const form = new StoreCreditForm(d);
    form.amountText = '5';
    form.reason = 'x';
    expect(await form.give(CUSTOMER, 'GBP')).toBe(false);
    expect(form.notice?.text).toMatch(/ask a manager/);
    expect(d.issue).not.toHaveBeenCalled();
  });

  it('keeps what was typed when the amount cannot be read', async () => {
    const form = new StoreCreditForm(deps());
    form.amountText = 'five';
    form.reason = 'Goodwill';
    expect(await form.give(CUSTOMER, 'GBP')).toBe(false);
    expect(form.notice?.ok).toBe(false);
    expect(form.reason).toBe('Goodwill');
  });
});
