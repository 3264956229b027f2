import { describe, expect, it } from 'vitest';
import { receiptBalanceLines } from './balanceReceipt';
import type { BalanceMovement } from './balances';

const base = {
  deskId: 'D1',
  createdAt: '2026-12-07T10:00:00.000Z',
  orderId: '0196f0a0-0000-7000-8000-0000000000aa',
};
const CUSTOMER = '0196f0a0-0000-7000-8000-000000000001';
const move = (id: number, m: Partial<BalanceMovement>) =>
  ({ ...base, id: `0196f0a0-0000-7000-8000-${String(id).padStart(12, '0')}`, ...m }) as BalanceMovement;

describe('receiptBalanceLines', () => {
  it('prints a sold card’s whole code, what a card paid and what is left, and points with the balance', () => {
    const movements = [
      move(1, { account: 'gift_card:7KQ2MX9P3HRT', reason: 'sold', amount: 2500, currency: 'GBP' }),
      move(2, { account: 'gift_card:ABCDEFGHJKMN', reason: 'redeemed', amount: -500, currency: 'GBP' }),
      move(3, { account: `loyalty_points:${CUSTOMER}`, reason: 'earned', amount: 25 }),
    ];
    const balances = new Map([
      ['gift_card:ABCDEFGHJKMN', 1500],
      [`loyalty_points:${CUSTOMER}`, 125],
    ]);
    expect(receiptBalanceLines(movements, balances, 'GBP')).toEqual([
      { label: 'Gift card 7KQ2-MX9P-3HRT', value: '£25.00' },
      { label: 'Gift card ••••-••••-JKMN used', value: '£5.00' },
      { label: 'Points earned', value: '25 points' },
      { label: 'Gift card ••••-••••-JKMN balance', value: '£15.00' },
      { label: 'Loyalty points balance', value: '125 points' },
    ]);
  });

  it('prints nothing for an order that touched no balance', () => {
    expect(receiptBalanceLines([], new Map(), 'GBP')).toEqual([]);
  });
});
