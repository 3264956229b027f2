// Paying with a gift card, store credit or points: the account named, the balance read on this
// desk, and the tender built for planSplit (which refuses more than the balance).
import { describe, expect, it } from 'vitest';
import { accountOf } from '$shared/balances';
import type { Order } from '$shared/records';
import { BalancePayment } from './balancePayment.svelte';

const CUSTOMER = '0196f0a0-0000-7000-8000-000000000001';
const order = (over: Partial<Order> = {}) =>
  ({
    id: '0196f0a0-0000-7000-8000-0000000000aa',
    currency: 'GBP',
    customerId: CUSTOMER,
    totals: { subtotal: 3000, discount: 0, shipping: 0, tax: 0, total: 3000, paid: 1000, refunded: 0 },
    ...over,
  }) as Order;

function payment(balances: Record<string, number>) {
  return new BalancePayment({
    balance: async (account) => balances[account] ?? 0,
    loyalty: async () => ({ enabled: true, pointsPerUnit: 1, pointValue: 1 }),
  });
}

describe('BalancePayment', () => {
  it('takes as much of a gift card as is due, typed with spaces and in lower case', async () => {
    const account = accountOf('gift_card', '7KQ2MX9P3HRT');
    const form = payment({ [account]: 2500 });
    form.code = '7kq2 mx9p 3hrt';
    const tender = await form.tender(order());
    expect(tender).toEqual({
      method: 'gift_card',
      amount: { amount: 2000, currency: 'GBP' },
      account,
      available: { amount: 2500, currency: 'GBP' },
    });
    expect(form.checked?.shown).toBe('£25.00');
  });

  it('takes only what the card holds when that is less than due', async () => {
    const account = accountOf('gift_card', '7KQ2MX9P3HRT');
    const form = payment({ [account]: 500 });
    form.code = '7KQ2-MX9P-3HRT';
    expect((await form.tender(order()))?.amount.amount).toBe(500);
  });

  it('says what a gift card code looks like instead of looking up a mistyped one', async () => {
    const form = payment({});
    form.code = '12345';
    expect(await form.tender(order())).toBeNull();
    expect(form.error).toMatch(/12 letters and digits/);
  });

  it('refuses an empty card plainly', async () => {
    const form = payment({});
    form.code = '7KQ2-MX9P-3HRT';
    expect(await form.tender(order())).toBeNull();
    expect(form.error).toBe('Gift card holds nothing to pay with');
  });

  it('needs the customer on the sale for store credit and points', async () => {
    const form = payment({});
    form.choose('store_credit');
    expect(await form.tender(order({ customerId: undefined }))).toBeNull();
    expect(form.error).toMatch(/choose the customer on the sale first/);
  });

  it('shows points with their worth and pays with that worth', async () => {
    const form = payment({ [accountOf('loyalty_points', CUSTOMER)]: 1250 });
    form.choose('loyalty_points');
    const tender = await form.tender(order());
    expect(form.checked?.shown).toBe('1,250 points (£12.50)');
    expect(tender?.amount.amount).toBe(1250);
    expect(tender?.available.amount).toBe(1250);
  });

  it('keeps a typed amount, so planSplit can refuse more than the balance', async () => {
    const form = payment({ [accountOf('store_credit', CUSTOMER)]: 300 });
    form.choose('store_credit');
    form.amountText = '5.00';
    const tender = await form.tender(order());
    expect(tender?.amount.amount).toBe(500);
    expect(tender?.available.amount).toBe(300);
  });
});
