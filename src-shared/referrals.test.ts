import { describe, expect, it } from 'vitest';
import { BalanceMovementSchema } from './balances';
import {
  DEFAULT_REFERRAL_SETTINGS,
  codeNames,
  findCode,
  isReferralCode,
  normalizeReferralCode,
  paidInFull,
  referralCodeOf,
  referralIdSuffix,
  referralPromo,
  referralRewardFor,
  referralCreditId,
  referralCreditMovement,
  referralRewardId,
  referralReversalId,
  referralReversalMovement,
  referralTakeBack,
  refundedInFull,
  ReferralRewardSchema,
  type ReferralFacts,
} from './referrals';

const REFERRER = '0193a1b2-c3d4-7e5f-8a6b-00000000001f';
const NEWCOMER = '0193a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b';

describe('a referral code', () => {
  it('is the last 40 bits of the customer id in base 32', () => {
    // 0x000000001f = 31, the last symbol of the alphabet; the seven before it are zeros.
    expect(referralCodeOf(REFERRER)).toBe('REF-0000000Z');
    expect(referralIdSuffix('REF-0000000Z')).toBe('000000001f');
  });

  it('names its customer and no other, typed in any case with O for 0 and L for 1', () => {
    const code = referralCodeOf(NEWCOMER);
    expect(codeNames(code, NEWCOMER)).toBe(true);
    expect(codeNames(code, REFERRER)).toBe(false);
    expect(normalizeReferralCode(' ref-oooooooz ')).toBe('REF-0000000Z');
    expect(isReferralCode('ref-0000 000z')).toBe(true);
    expect(isReferralCode('SPRING10')).toBe(false);
    expect(referralIdSuffix('SPRING10')).toBeNull();
  });
});

describe('the welcome discount', () => {
  const facts: ReferralFacts = { customerId: NEWCOMER, referrerId: REFERRER, otherOrders: 0 };

  it("is the store's percent off, once per customer, for a new customer's first order", () => {
    const result = referralPromo(DEFAULT_REFERRAL_SETTINGS, 'ref-0000000z', facts);
    expect(result).toMatchObject({
      ok: true,
      promo: { code: 'REF-0000000Z', kind: 'percent', percent: 10, oncePerCustomer: true, active: true },
    });
  });

  it('is refused with a sentence for each reason it cannot apply', () => {
    const reason = (over: Partial<ReferralFacts>, settings = DEFAULT_REFERRAL_SETTINGS) => {
      const result = referralPromo(settings, 'REF-0000000Z', { ...facts, ...over });
      return result.ok ? null : result.reason;
    };
    expect(reason({ referrerId: null })).toBe(
      'No customer has referral code REF-0000000Z; check the spelling',
    );
    expect(reason({ customerId: undefined })).toMatch(/choose the customer first/);
    expect(reason({ customerId: REFERRER })).toBe('Customers cannot use their own referral code');
    expect(reason({ otherOrders: 1 })).toMatch(/first order, and this customer has ordered before/);
    expect(reason({}, { ...DEFAULT_REFERRAL_SETTINGS, active: false })).toBe(
      'Referral codes are switched off in this store',
    );
  });

  it("leaves the store's own promo codes first", () => {
    const promo = {
      id: NEWCOMER,
      code: 'REF-0000000Z',
      kind: 'fixed' as const,
      amount: { amount: 100, currency: 'GBP' },
      oncePerCustomer: false,
      active: true,
    };
    expect(findCode([promo], DEFAULT_REFERRAL_SETTINGS, 'REF-0000000Z', facts)).toEqual({ ok: true, promo });
    expect(findCode([], DEFAULT_REFERRAL_SETTINGS, 'NOPE', undefined)).toMatchObject({ ok: false });
  });
});

describe("the referrer's reward", () => {
  const order = {
    id: '0193a1b2-c3d4-7e5f-8a6b-aaaaaaaaaaaa',
    number: 'D1-000007',
    customerId: NEWCOMER,
    customerName: 'Nia New',
    promoCode: 'REF-0000000Z',
    currency: 'GBP',
    status: 'receipt' as const,
    totals: { subtotal: 2000, discount: 200, shipping: 0, tax: 300, total: 1800, paid: 1800, refunded: 0 },
  };
  const now = '2026-12-07T12:00:00.000Z';

  it('is earned once the referred order is paid in full, with one id per order', () => {
    expect(referralRewardFor(DEFAULT_REFERRAL_SETTINGS, order, REFERRER, now)).toEqual({
      id: referralRewardId(order.id),
      referrerId: REFERRER,
      referralCode: 'REF-0000000Z',
      customerId: NEWCOMER,
      customerName: 'Nia New',
      orderId: order.id,
      orderNumber: 'D1-000007',
      kind: 'discount',
      amount: { amount: 500, currency: 'GBP' },
      createdAt: now,
    });
  });

  it('is not earned while money is owed, for another code, or by the wrong customer', () => {
    const owed = { ...order, totals: { ...order.totals, owed: 1800 } };
    expect(paidInFull(owed)).toBe(false);
    expect(referralRewardFor(DEFAULT_REFERRAL_SETTINGS, owed, REFERRER, now)).toBeNull();
    expect(
      referralRewardFor(DEFAULT_REFERRAL_SETTINGS, { ...order, promoCode: 'SPRING10' }, REFERRER, now),
    ).toBeNull();
    expect(referralRewardFor(DEFAULT_REFERRAL_SETTINGS, order, NEWCOMER, now)).toBeNull();
    expect(paidInFull({ ...order, status: 'cart' })).toBe(false);
  });

  it('as store credit, is one valid issued movement on the referrer’s credit, its id made from the order', () => {
    const settings = { ...DEFAULT_REFERRAL_SETTINGS, rewardKind: 'credit' as const, rewardAmount: 750 };
    const reward = referralRewardFor(settings, order, REFERRER, now)!;
    const movement = referralCreditMovement(reward, 'D1')!;
    expect(BalanceMovementSchema.parse(movement)).toEqual({
      id: referralCreditId(order.id),
      account: `store_credit:${REFERRER}`,
      reason: 'issued',
      amount: 750,
      currency: 'GBP',
      customerId: REFERRER,
      note: "Referral reward: Nia New's first order D1-000007",
      deskId: 'D1',
      createdAt: now,
    });
    expect(referralCreditMovement(reward, 'D2')?.id).toBe(movement.id);
    expect(referralCreditId(order.id)).not.toBe(referralRewardId(order.id));
    const discount = referralRewardFor(DEFAULT_REFERRAL_SETTINGS, order, REFERRER, now)!;
    expect(referralCreditMovement(discount, 'D1')).toBeNull();
  });

  it('is taken back when its order is refunded in full: credit as far as it is held, a discount unless given', () => {
    expect(refundedInFull(order)).toBe(false);
    expect(refundedInFull({ ...order, totals: { ...order.totals, refunded: 1000 } })).toBe(false);
    expect(refundedInFull({ ...order, totals: { ...order.totals, refunded: 1800 } })).toBe(true);
    const settings = { ...DEFAULT_REFERRAL_SETTINGS, rewardKind: 'credit' as const, rewardAmount: 750 };
    const credit = referralRewardFor(settings, order, REFERRER, now)!;
    // £7.50 credit: the referrer holds £20.00, £2.50 or nothing.
    expect(referralTakeBack(credit, 2000)).toEqual({ takenBack: 750, notTakenBack: 0 });
    expect(referralTakeBack(credit, 250)).toEqual({ takenBack: 250, notTakenBack: 500 });
    expect(referralTakeBack(credit, 0)).toEqual({ takenBack: 0, notTakenBack: 750 });
    const discount = referralRewardFor(DEFAULT_REFERRAL_SETTINGS, order, REFERRER, now)!;
    expect(referralTakeBack(discount, 0)).toEqual({ takenBack: 500, notTakenBack: 0 });
    expect(referralTakeBack({ ...discount, usedAt: now }, 0)).toEqual({ takenBack: 0, notTakenBack: 500 });

    const refundId = '0193a1b2-c3d4-7e5f-8a6b-cccccccccccc';
    const movement = referralReversalMovement(credit, 250, refundId, 'D2', now)!;
    expect(BalanceMovementSchema.parse(movement)).toEqual({
      id: referralReversalId(refundId),
      account: `store_credit:${REFERRER}`,
      reason: 'reversed',
      amount: -250,
      currency: 'GBP',
      customerId: REFERRER,
      orderId: order.id,
      note: "Referral reward taken back: Nia New's first order D1-000007 was refunded in full; £5.00 already spent, not taken back",
      deskId: 'D2',
      createdAt: now,
    });
    expect(referralReversalMovement(credit, 0, refundId, 'D2', now)).toBeNull();
    expect(referralReversalMovement(discount, 500, refundId, 'D2', now)).toBeNull();
    expect(
      ReferralRewardSchema.parse({ ...credit, reversedAt: now, takenBack: 250, notTakenBack: 500 }),
    ).toMatchObject({ takenBack: 250, notTakenBack: 500 });
  });
});
