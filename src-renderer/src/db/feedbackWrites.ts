// Feedback taken by phone and a referral reward marked used: each written with its outbox entry in
// one transaction, so every desk and the server get it.
import { FeedbackSchema, type Feedback, type FeedbackAnswer } from '$shared/feedback';
import { newId } from '$shared/ids';
import type { Order } from '$shared/records';
import { ReferralRewardSchema, type ReferralReward } from '$shared/referrals';
import { parseRecord } from '$shared/validation';
import type { OrderlineDb } from './database';
import { queueRecord } from './syncedWrites';

export type Taker = { staffId?: string; staffName?: string };

export async function recordPhoneFeedback(
  db: OrderlineDb,
  order: Pick<Order, 'id' | 'number' | 'customerId' | 'customerName'>,
  answer: FeedbackAnswer,
  taker: Taker,
  now = new Date().toISOString(),
): Promise<Feedback> {
  const feedback = parseRecord(
    FeedbackSchema,
    {
      id: newId(),
      orderId: order.id,
      orderNumber: order.number,
      ...(order.customerId ? { customerId: order.customerId } : {}),
      ...(order.customerName ? { customerName: order.customerName } : {}),
      ...answer,
      source: 'phone',
      ...(taker.staffId ? { staffId: taker.staffId } : {}),
      ...(taker.staffName ? { staffName: taker.staffName } : {}),
      createdAt: now,
    },
    `Feedback on order ${order.number}`,
  );
  await db.transaction('rw', [db.feedback, db.outbox], async () => {
    await db.feedback.add(feedback);
    await queueRecord(db, 'feedback', feedback);
  });
  return feedback;
}

/** Marks the reward as given (the seller took it off an order, or issued the credit). */
export async function markRewardUsed(
  db: OrderlineDb,
  rewardId: string,
  onOrderNumber: string | undefined,
  now = new Date().toISOString(),
): Promise<ReferralReward> {
  return db.transaction('rw', [db.referralRewards, db.outbox], async () => {
    const stored = await db.referralRewards.get(rewardId);
    if (!stored) throw new Error('This reward is not on this desk; it may not have synced here yet');
    if (stored.reversedAt)
      throw new Error(
        `This reward was taken back: order ${stored.orderNumber}, which earned it, was refunded in full`,
      );
    if (stored.usedAt)
      throw new Error(
        `This reward was already used${stored.usedOnOrderNumber ? ` on order ${stored.usedOnOrderNumber}` : ''}`,
      );
    const used = parseRecord(
      ReferralRewardSchema,
      { ...stored, usedAt: now, ...(onOrderNumber ? { usedOnOrderNumber: onOrderNumber } : {}) },
      'The referral reward',
    );
    await db.referralRewards.put(used);
    await queueRecord(
      db,
      'referralRewards',
      used,
      onOrderNumber ? ['usedAt', 'usedOnOrderNumber'] : ['usedAt'],
    );
    return used;
  });
}
