// Referrals: every customer has a code (made from their id, so every desk and the server agree
// without asking anyone); a new customer who gives it gets the store's welcome discount on their
// first order, and the referrer earns the store's reward once that order is paid.
import { z } from 'zod';
import { accountOf, formatBalance, type BalanceMovement } from './balances';
import { findPromo, normalizeCode, type Promo } from './promotions';
import type { OrderStatus } from './orderStatus';
import { Id, MoneySchema, type Order } from './records';
import { uuidv5 } from './uuidv5';

export const REFERRALS_KEY = 'store.referrals';

// Crockford's base 32: no I, L, O or U, so a code read over the phone is typed back right.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const PREFIX = 'REF-';
const CODE_PATTERN = /^REF-[0-9A-HJKMNP-TV-Z]{8}$/;
/** Hex digits of the customer id the code carries (40 bits: eight base-32 characters). */
export const REFERRAL_ID_HEX_DIGITS = 10;

/** The customer's referral code, e.g. REF-7KQ2M9XD: the last 40 bits of their id in base 32. */
export function referralCodeOf(customerId: string): string {
  const hex = customerId.replace(/-/g, '').slice(-REFERRAL_ID_HEX_DIGITS);
  let bits = BigInt(`0x${hex}`);
  let code = '';
  for (let i = 0; i < 8; i++) {
    code = ALPHABET[Number(bits & 31n)]! + code;
    bits >>= 5n;
  }
  return PREFIX + code;
}

/** The code as typed (any case, spaces, O for 0 and I or L for 1) the way codes are stored. */
export function normalizeReferralCode(typed: string): string {
  const code = normalizeCode(typed);
  if (!code.startsWith(PREFIX)) return code;
  return PREFIX + code.slice(PREFIX.length).replace(/O/g, '0').replace(/[IL]/g, '1');
}

export function isReferralCode(typed: string): boolean {
  return CODE_PATTERN.test(normalizeReferralCode(typed));
}

/** The end of the referrer's id (lower-case hex) a code names: what a lookup matches ids against. */
export function referralIdSuffix(typed: string): string | null {
  const code = normalizeReferralCode(typed);
  if (!CODE_PATTERN.test(code)) return null;
  let bits = 0n;
  for (const char of code.slice(PREFIX.length)) bits = (bits << 5n) | BigInt(ALPHABET.indexOf(char));
  return bits.toString(16).padStart(REFERRAL_ID_HEX_DIGITS, '0');
}

/** Whether the customer id is the one the code names. */
export function codeNames(typed: string, customerId: string): boolean {
  const suffix = referralIdSuffix(typed);
  return suffix !== null && customerId.replace(/-/g, '').toLowerCase().endsWith(suffix);
}

export const REWARD_KINDS = ['discount', 'credit'] as const;
export type RewardKind = (typeof REWARD_KINDS)[number];
export const REWARD_LABELS: Record<RewardKind, string> = {
  discount: 'a discount on their next order',
  credit: 'store credit',
};

export const ReferralSettingsSchema = z.object({
  active: z.boolean(),
  /** Taken off the new customer's first order. */
  welcomePercent: z
    .number({ message: 'The welcome discount must be a number' })
    .gt(0, { message: 'The welcome discount must be more than 0%' })
    .max(50, { message: 'The welcome discount cannot be more than 50%' }),
  rewardKind: z.enum(REWARD_KINDS, { message: 'The reward is a discount or store credit' }),
  /** The referrer's reward in minor units of the order's currency. */
  rewardAmount: z
    .int({ message: 'The reward must be a whole number of minor units (cents)' })
    .min(1, { message: 'The reward must be more than zero' })
    .max(100_000_00, { message: 'The reward is not believable' }),
});
export type ReferralSettings = z.infer<typeof ReferralSettingsSchema>;

/** What a store that never set referrals up offers: 10% off the first order, 5.00 off the referrer's next. */
export const DEFAULT_REFERRAL_SETTINGS: ReferralSettings = {
  active: true,
  welcomePercent: 10,
  rewardKind: 'discount',
  rewardAmount: 500,
};

export function readReferralSettings(stored: unknown): ReferralSettings {
  const parsed = ReferralSettingsSchema.safeParse(stored);
  return parsed.success ? parsed.data : DEFAULT_REFERRAL_SETTINGS;
}

/** Orders that do not make a customer "not new": open carts and cancelled orders. */
export const PRIOR_ORDER_EXCLUDED: ReadonlySet<OrderStatus> = new Set<OrderStatus>(['cart', 'cancelled']);

/** What the checkout knows about a referral code: whose it is, and whether the customer is new. */
export interface ReferralFacts {
  customerId?: string;
  /** The customer the code names, or null when no customer of the store has it. */
  referrerId: string | null;
  /** The customer's other orders that were not cancelled. */
  otherOrders: number;
}

// Any fixed UUID: the same on every desk and the server, for ever.
const REFERRAL_NAMESPACE = '9a41c7e2-5b3d-4f18-8e6a-0c2d7b9f3e55';

/** The store's welcome discount for a referral code as a promo (one use, this customer's first order). */
export function referralPromo(
  settings: ReferralSettings,
  typed: string,
  facts: ReferralFacts,
): { ok: true; promo: Promo } | { ok: false; reason: string } {
  const code = normalizeReferralCode(typed);
  const fail = (reason: string) => ({ ok: false as const, reason });
  if (!settings.active) return fail('Referral codes are switched off in this store');
  if (!facts.referrerId) return fail(`No customer has referral code ${code}; check the spelling`);
  if (!facts.customerId)
    return fail(`Referral code ${code} is for a new customer; choose the customer first`);
  if (facts.referrerId === facts.customerId) return fail('Customers cannot use their own referral code');
  if (facts.otherOrders > 0) {
    return fail(
      `Referral code ${code} is for a new customer's first order, and this customer has ordered before`,
    );
  }
  return {
    ok: true,
    promo: {
      id: uuidv5(`referral:${code}`, REFERRAL_NAMESPACE),
      code,
      kind: 'percent',
      percent: settings.welcomePercent,
      description: `Referral ${code}: ${settings.welcomePercent}% off the first order`,
      oncePerCustomer: true,
      active: true,
    },
  };
}

/** A typed code: one of the store's promo codes, or else a referral code judged by its facts
 * (worked out by the caller, only when `isReferralCode`: on the desk from its copy, on the server
 * from the store's records). */
export function findCode(
  promos: readonly Promo[],
  settings: ReferralSettings,
  typed: string,
  facts: ReferralFacts | undefined,
): { ok: true; promo: Promo } | { ok: false; reason: string } {
  const found = findPromo(promos, typed);
  if (found.ok || !isReferralCode(typed) || !facts) return found;
  return referralPromo(settings, typed, facts);
}

/** Paid in full: money taken (not owed on account) covers the total. */
export function paidInFull(order: Pick<Order, 'status' | 'totals'>): boolean {
  const { total, paid, owed } = order.totals;
  return order.status !== 'cart' && order.status !== 'cancelled' && paid - (owed ?? 0) >= total;
}

export const ReferralRewardSchema = z.object({
  id: Id,
  referrerId: Id,
  referralCode: z.string().regex(CODE_PATTERN),
  /** The new customer and the first order that earned it. */
  customerId: Id,
  customerName: z.string().trim().max(120).optional(),
  orderId: Id,
  orderNumber: z.string().trim().min(1).max(40),
  kind: z.enum(REWARD_KINDS),
  amount: MoneySchema.refine((m) => m.amount > 0, { message: 'must be more than zero', path: ['amount'] }),
  createdAt: z.iso.datetime({ message: 'must be a date and time (ISO 8601, UTC)' }),
  /** When a seller applied it, and on which order. */
  usedAt: z.iso.datetime().optional(),
  usedOnOrderNumber: z.string().trim().max(40).optional(),
  /** When the order that earned it was refunded in full and the reward taken back (the server's). */
  reversedAt: z.iso.datetime().optional(),
  /** Minor units taken back: credit off the ledger, or a discount not yet given, voided. */
  takenBack: z.int().min(0).optional(),
  /** Minor units that could not be taken back: credit already spent, a discount already given. */
  notTakenBack: z.int().min(0).optional(),
});
export type ReferralReward = z.infer<typeof ReferralRewardSchema>;

/** The reward an order earns its referrer, when it is a referred first order and now paid. */
export function referralRewardFor(
  settings: ReferralSettings,
  order: Pick<
    Order,
    'id' | 'number' | 'customerId' | 'customerName' | 'promoCode' | 'currency' | 'status' | 'totals'
  >,
  referrerId: string,
  now: string,
): ReferralReward | null {
  if (!settings.active || !order.promoCode || !order.customerId) return null;
  if (!isReferralCode(order.promoCode) || !codeNames(order.promoCode, referrerId)) return null;
  if (referrerId === order.customerId || !paidInFull(order)) return null;
  return {
    id: referralRewardId(order.id),
    referrerId,
    referralCode: normalizeReferralCode(order.promoCode),
    customerId: order.customerId,
    ...(order.customerName ? { customerName: order.customerName } : {}),
    orderId: order.id,
    orderNumber: order.number,
    kind: settings.rewardKind,
    amount: { amount: settings.rewardAmount, currency: order.currency },
    createdAt: now,
  };
}

/** One reward per referred order, whichever desk or server copy sees it paid first. */
export function referralRewardId(orderId: string): string {
  return uuidv5(`referral-reward:${orderId}`, REFERRAL_NAMESPACE);
}

/** The store credit movement a credit reward puts on the referrer's ledger: one per referred order. */
export function referralCreditMovement(reward: ReferralReward, deskId: string): BalanceMovement | null {
  if (reward.kind !== 'credit') return null;
  const who = reward.customerName ?? 'a new customer';
  return {
    id: referralCreditId(reward.orderId),
    account: accountOf('store_credit', reward.referrerId),
    reason: 'issued',
    amount: reward.amount.amount,
    currency: reward.amount.currency,
    customerId: reward.referrerId,
    note: `Referral reward: ${who}'s first order ${reward.orderNumber}`.slice(0, 200),
    deskId,
    createdAt: reward.createdAt,
  };
}

/** The credit's id, from the order that earned it: every server copy and retry names the same one. */
export function referralCreditId(orderId: string): string {
  return uuidv5(`referral-credit:${orderId}`, REFERRAL_NAMESPACE);
}

/** The receipt's invitation to refer a friend, for a customer's order while referrals are on. */
export function receiptReferralLine(
  settings: ReferralSettings,
  customerId: string | undefined,
): string | null {
  if (!settings.active || !customerId) return null;
  return `Refer a friend: with code ${referralCodeOf(customerId)} they get ${settings.welcomePercent}% off their first order`;
}

/** Refunded in full: everything paid has gone back. */
export function refundedInFull(order: Pick<Order, 'totals'>): boolean {
  return order.totals.paid > 0 && order.totals.refunded >= order.totals.paid;
}

/** The credit take-back's id, from the refund that refunded the referred order in full. */
export function referralReversalId(refundId: string): string {
  return uuidv5(`referral-reversal:${refundId}`, REFERRAL_NAMESPACE);
}

/**
 * What a reward loses when the first order that earned it is refunded in full: a credit reward as
 * much of its credit as the referrer still holds (never below zero), a discount reward all of it
 * unless a seller already gave it. `creditBalance` is the referrer's store credit now.
 */
export function referralTakeBack(
  reward: Pick<ReferralReward, 'kind' | 'amount' | 'usedAt'>,
  creditBalance: number,
): { takenBack: number; notTakenBack: number } {
  const amount = reward.amount.amount;
  const takenBack =
    reward.kind === 'credit' ? Math.min(amount, Math.max(0, creditBalance)) : reward.usedAt ? 0 : amount;
  return { takenBack, notTakenBack: amount - takenBack };
}

/** The store credit movement that takes a credit reward back, or null when nothing can be taken. */
export function referralReversalMovement(
  reward: ReferralReward,
  takenBack: number,
  refundId: string,
  deskId: string,
  now: string,
): BalanceMovement | null {
  if (reward.kind !== 'credit' || takenBack <= 0) return null;
  const short = reward.amount.amount - takenBack;
  const note =
    `Referral reward taken back: ${reward.customerName ?? 'the new customer'}'s first order ${reward.orderNumber} was refunded in full` +
    (short > 0
      ? `; ${formatBalance('store_credit', short, reward.amount.currency)} already spent, not taken back`
      : '');
  return {
    id: referralReversalId(refundId),
    account: accountOf('store_credit', reward.referrerId),
    reason: 'reversed',
    amount: -takenBack,
    currency: reward.amount.currency,
    customerId: reward.referrerId,
    orderId: reward.orderId,
    note: note.slice(0, 200),
    deskId,
    createdAt: now,
  };
}
