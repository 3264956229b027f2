// Referrals as the server judges them: whose code a checkout names and whether its customer is new
// (the checkout is priced with the same rule the desk used), and the referrer's reward, issued once
// when the referred first order is paid, whichever desk took the money (a credit reward also goes
// on the referrer's store credit ledger), and taken back once when that order is refunded in full.
import { balanceOf } from '../src-shared/balances';
import {
  isReferralCode,
  paidInFull,
  referralRewardId,
  ReferralRewardSchema,
  referralReversalMovement,
  referralTakeBack,
  refundedInFull,
  type ReferralReward,
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
import { postServerMovement } from './serverMovements';

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
  await postServerMovement(tx, log, storeId, deviceId, credit);
}

/**
 * Takes the referrer's reward back when this change is the refund that refunded the referred first
 * order in full: credit off their store credit ledger as far as they still hold it (never below
 * zero; what was already spent is recorded on the reward), a discount not yet given voided. Once per
 * reward (it records reversedAt), the movement's id made from the refund.
 */
export async function reverseReferrerReward(
  tx: Sql,
  storeId: string,
  deviceId: string,
  before: Order,
  after: Order,
  refundId: string,
  log: ChangeLogWriter,
): Promise<void> {
  if (refundedInFull(before) || !refundedInFull(after)) return;
  const rewardId = referralRewardId(after.id);
  const [row] = await tx.query<{ data: ReferralReward; field_seqs: Record<string, number> }>(
    `SELECT data, field_seqs FROM records
      WHERE store_id = $1 AND table_name = 'referralRewards' AND id = $2 FOR UPDATE`,
    [storeId, rewardId],
  );
  if (!row || row.data.reversedAt) return;
  const reward = row.data;
  const account = `store_credit:${reward.referrerId}`;
  const ledger = await tx.query<{ account: string; amount: string | number }>(
    `SELECT account, amount FROM balance_movements WHERE store_id = $1 AND account = $2`,
    [storeId, account],
  );
  const balance = balanceOf(
    ledger.map((m) => ({ account: m.account, amount: Number(m.amount) })),
    account,
  );
  const { takenBack, notTakenBack } = referralTakeBack(reward, balance);
  const now = new Date().toISOString();
  const movement = referralReversalMovement(reward, takenBack, refundId, deviceId, now);
  if (movement) {
    await postServerMovement(tx, log, storeId, deviceId, movement);
  }
  const reversed = ReferralRewardSchema.parse({ ...reward, reversedAt: now, takenBack, notTakenBack });
  const seq = log.nextSeq;
  const fields = ['reversedAt', 'takenBack', 'notTakenBack'];
  await tx.query(
    `UPDATE records SET data = $4::jsonb, field_seqs = $5::jsonb, updated_seq = $6
      WHERE store_id = $1 AND table_name = $2 AND id = $3`,
    [
      storeId,
      'referralRewards',
      rewardId,
      JSON.stringify(reversed),
      JSON.stringify({ ...row.field_seqs, ...Object.fromEntries(fields.map((f) => [f, seq])) }),
      seq,
    ],
  );
  await log.append('referralRewards', rewardId, reversed);
}
