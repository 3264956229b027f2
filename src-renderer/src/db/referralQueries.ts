// The desk's side of referrals: whose code was typed, whether the customer is new, the store's
// referral offer, and a customer's rewards, feedback and referrals to show.
import type { Feedback } from '$shared/feedback';
import {
  PRIOR_ORDER_EXCLUDED,
  readReferralSettings,
  referralIdSuffix,
  REFERRALS_KEY,
  type ReferralFacts,
  type ReferralReward,
  type ReferralSettings,
} from '$shared/referrals';
import type { OrderlineDb } from './database';

export async function loadReferralSettings(db: OrderlineDb): Promise<ReferralSettings> {
  return readReferralSettings((await db.settings.get(REFERRALS_KEY))?.value);
}

/** The customer a referral code names (their id ends with the code's 40 bits), or null. */
export async function referrerIdOf(db: OrderlineDb, code: string): Promise<string | null> {
  const suffix = referralIdSuffix(code);
  if (!suffix) return null;
  // Keys only: no customer row is read, so a store of tens of thousands scans in milliseconds.
  const ids = (await db.customers.toCollection().primaryKeys()) as string[];
  return ids.find((id) => id.replace(/-/g, '').toLowerCase().endsWith(suffix)) ?? null;
}

export async function referralFacts(
  db: OrderlineDb,
  code: string,
  customerId: string | undefined,
  exceptOrderId: string,
): Promise<ReferralFacts> {
  const referrerId = await referrerIdOf(db, code);
  if (!customerId) return { referrerId, otherOrders: 0 };
  const otherOrders = await db.orders
    .where('customerId')
    .equals(customerId)
    .filter((o) => o.id !== exceptOrderId && !PRIOR_ORDER_EXCLUDED.has(o.status))
    .count();
  return { customerId, referrerId, otherOrders };
}

export async function feedbackForOrder(db: OrderlineDb, orderId: string): Promise<Feedback[]> {
  return db.feedback.where('orderId').equals(orderId).sortBy('createdAt');
}

export interface CustomerAdvocacy {
  /** Rewards this customer earned by referring others, newest first. */
  rewards: ReferralReward[];
  /** What they said about their orders, newest first. */
  feedback: Feedback[];
}

export async function customerAdvocacy(db: OrderlineDb, customerId: string): Promise<CustomerAdvocacy> {
  const [rewards, feedback] = await Promise.all([
    db.referralRewards.where('referrerId').equals(customerId).reverse().sortBy('createdAt'),
    db.feedback.where('customerId').equals(customerId).reverse().sortBy('createdAt'),
  ]);
  return { rewards, feedback };
}
