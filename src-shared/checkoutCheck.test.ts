import { describe, expect, it } from 'vitest';
import { initialOrderState } from '../machines/orderMachine';
import { DEFAULT_REFERRAL_SETTINGS } from './referrals';
import { checkoutMismatch, expectedCheckout, type StoreRules } from './checkoutCheck';
import { newId } from './ids';
import type { Order } from './records';
import { DEFAULT_SHIPPING_GB } from './shippingRules';
import { defaultTaxTable } from './tax';

const RULES: StoreRules = {
  tax: { basis: 'inclusive', table: defaultTaxTable('GB') },
  homeCountry: 'GB',
  timeZone: 'Europe/London',
  shipping: DEFAULT_SHIPPING_GB,
  promos: [
    {
      id: newId(),
      code: 'TENOFF',
      kind: 'percent',
      percent: 10,
      oncePerCustomer: false,
      active: true,
    },
  ],
  referrals: DEFAULT_REFERRAL_SETTINGS,
};

function order(overrides: Partial<Order> = {}): Order {
  const at = '2026-12-07T12:00:00.000Z';
  const line = { id: newId(), variantId: newId(), sku: 'MUG-1', name: 'Mug', taxClass: 'standard' as const };
  return {
    id: newId(),
    number: 'D1-000001',
    deskId: 'desk',
    channel: 'phone',
    status: 'payment',
    currency: 'GBP',
    lines: [{ ...line, quantity: 2, unitPrice: { amount: 1250, currency: 'GBP' } }],
    totals: { subtotal: 0, discount: 0, shipping: 0, tax: 0, total: 0, paid: 0, refunded: 0 },
    payments: [],
    machine: initialOrderState().context as unknown as Record<string, unknown>,
    version: 2,
    searchWords: [],
    createdAt: at,
    updatedAt: at,
    ...overrides,
  };
}

const facts = (o: Order) => ({
  order: o,
  lines: o.lines.map((l) => ({ ...l, lineId: l.id, weightGrams: 350 })),
  usedCodes: [],
  now: new Date('2026-12-07T12:00:00Z'),
});

describe('a checkout worked out again from the order and the store’s rules', () => {
  it('gives 2 × 12.50 collected as 25.00 with 4.17 VAT inside it', () => {
    expect(expectedCheckout(RULES, facts(order()))).toEqual({
      ok: true,
      figures: { subtotal: 2500, discount: 0, shipping: 0, tax: 417, total: 2500 },
    });
  });

  it('prices a referral code as the welcome discount for a new customer, and refuses it for a returning one', () => {
    const referrerId = '0193a1b2-c3d4-7e5f-8a6b-00000000001f';
    const customerId = newId();
    const referred = order({ customerId, promoCode: 'REF-0000000Z' });
    const referral = { customerId, referrerId, otherOrders: 0 };
    // 10% of 25.00 = 2.50 off: 22.50 with 3.75 VAT inside it (22.50 / 6).
    expect(expectedCheckout(RULES, { ...facts(referred), referral })).toEqual({
      ok: true,
      figures: { subtotal: 2500, discount: 250, shipping: 0, tax: 375, total: 2250 },
    });
    expect(
      expectedCheckout(RULES, { ...facts(referred), referral: { ...referral, otherOrders: 1 } }),
    ).toEqual({
      ok: false,
      reason:
        "promo code REF-0000000Z: Referral code REF-0000000Z is for a new customer's first order, and this customer has ordered before",
    });
  });

  it('adds the shipping method the order names, priced by the store’s shipping rules', () => {
    const shipped = order({
      shippingAddress: {
        id: newId(),
        kind: 'shipping',
        name: 'Ada',
        line1: '1 Deansgate',
        city: 'Manchester',
        country: 'GB',
      },
      shippingMethod: 'Royal Mail Tracked 48',
    });
    const expected = expectedCheckout(RULES, facts(shipped));
    expect(expected).toMatchObject({ ok: true, figures: { shipping: 395, total: 2895 } });
  });

  it('takes a promo code off when the store has it, and refuses one it does not have', () => {
    expect(expectedCheckout(RULES, facts(order({ promoCode: 'TENOFF' })))).toMatchObject({
      ok: true,
      figures: { discount: 250, total: 2250 },
    });
    expect(expectedCheckout(RULES, facts(order({ promoCode: 'FREEBIE' })))).toEqual({
      ok: false,
      reason: 'promo code FREEBIE: There is no promo code FREEBIE; check the spelling',
    });
  });
});

describe('claimed figures against the worked-out ones', () => {
  const expected = { subtotal: 2500, discount: 0, shipping: 0, tax: 417, total: 2500 };

  it('agrees when they match, with or without the details', () => {
    expect(checkoutMismatch(expected, 2500, undefined)).toBeNull();
    expect(checkoutMismatch(expected, 2500, expected)).toBeNull();
  });

  it('names each figure that differs, in money', () => {
    expect(checkoutMismatch(expected, 1, { ...expected, total: 1, tax: 0 })).toBe(
      "the checkout's figures do not add up: total 0.01 where the store's prices and rules give 25.00; tax 0.00 where the rules give 4.17",
    );
  });
});
