// Referrals as the server judges them: whose code a checkout names and whether its customer is new
// (the checkout is priced with the same rule the desk used), and the referrer's reward, issued once
// when the referred first order is paid, whichever desk took the money (a credit reward also goes
// on the referrer's store credit ledger).
import {
  isReferralCode,
  paidInFull,
  PRIOR_ORDER_EXCLUDED,
  readReferralSettings,
  referralCreditMovement,
  referralIdSuffix,
  referralRewardFor,
  REFERRALS_KEY,
  type ReferralFacts,
} from '../src-shared/referrals';
import type { Order } from '../src-shared/records';
import type { ChangeLogWriter } from './changeLog';
import type { Sql } from './db';

/** The store's customer a referral code names, or null. */
export async function referrerOf(tx: Sql, storeId: string, code: string): Promise<string | null> {
  const suffix = referralIdSuffix(code);
  if (!suffix) return null;
  const [row] = await tx.query<{ id: string }>(
    `SELECT id::text AS id FROM records
      WHERE store_id = $1 AND table_name = 'customers' AND replace(id::text, '-', '') LIKE '%' || $2
      LIMIT 1`,
    [storeId, suffix],
  );
  return row?.id ?? null;
}

/** What pricing needs to judge the order's referral code, or undefined when it has none. */
export async function referralFactsOf(
  tx: Sql,
  storeId: string,
  order: Order,
): Promise<ReferralFacts | undefined> {
  if (!order.promoCode || !isReferralCode(order.promoCode)) return undefined;
  const referrerId = await referrerOf(tx, storeId, order.promoCode);
  if (!order.customerId) return { referrerId, otherOrders: 0 };
  const [row] = await tx.query<{ n: unknown }>(
    `SELECT count(*) AS n FROM orders
      WHERE store_id = $1 AND id <> $2 AND data->>'customerId' = $3 AND NOT (status = ANY($4::text[]))`,
    [storeId, order.id, order.customerId, [...PRIOR_ORDER_EXCLUDED]],
  );
  return { customerId: order.customerId, referrerId, otherOrders: Number(row?.n ?? 0) };
}

/** Issues the referrer's reward when this change is the one that paid a referred order in full. */
export async function rewardReferrer(
  tx: Sql,
  storeId: string,
  deviceId: string,
  before: Order,
  after: Order,
  log: ChangeLogWriter,
): Promise<void> {
  if (!after.promoCode || !isReferralCode(after.promoCode)) return;
  if (paidInFull(before) || !paidInFull(after)) return;
  const referrerId = await referrerOf(tx, storeId, after.promoCode);
  if (!referrerId) return;
  const [setting] = await tx.query<{ value: unknown }>(
    `SELECT data->'value' AS value FROM records
      WHERE store_id = $1 AND table_name = 'settings' AND data->>'key' = $2`,
    [storeId, REFERRALS_KEY],
  );
  const reward = referralRewardFor(
    readReferralSettings(setting?.value),
    after,
    referrerId,
    new Date().toISOString(),
  );
  if (!reward) return;
  const seq = log.nextSeq;
  const inserted = await tx.query(
    `INSERT INTO records (store_id, table_name, id, data, field_seqs, updated_seq)
     VALUES ($1, 'referralRewards', $2, $3::jsonb, $4::jsonb, $5)
     ON CONFLICT (store_id, table_name, id) DO NOTHING RETURNING 1`,
    [
      storeId,
      reward.id,
      JSON.stringify(reward),
      JSON.stringify(Object.fromEntries(Object.keys(reward).map((f) => [f, seq]))),
      seq,
    ],
  );
  if (!inserted.length) return;
  await log.append('referralRewards', reward.id, reward);
  // A credit reward goes on the referrer's store credit ledger in the same transaction, once: its
  // id comes from the order, so a second sight of the payment finds it there.
  const credit = referralCreditMovement(reward, deviceId);
  if (!credit) return;
  const posted = await tx.query(
    `INSERT INTO balance_movements (store_id, id, account, amount, device_id, data)
     VALUES ($1, $2, $3, $4, $5, $6::jsonb)
     ON CONFLICT (store_id, id) DO NOTHING RETURNING 1`,
    [storeId, credit.id, credit.account, credit.amount, deviceId, JSON.stringify(credit)],
  );
  if (posted.length) await log.append('balanceMovements', credit.id, credit);
}
