// A referrer's store credit reward on the server: posted to the referrer's store credit ledger in the
// same transaction as the reward, once, whichever desk's change shows the referred order paid and
// however many times it is seen.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountOf, type BalanceMovement } from '$shared/balances';
import { newId } from '$shared/ids';
import type { Order } from '$shared/records';
import {
  referralCodeOf,
  referralCreditId,
  referralReversalId,
  referralRewardId,
  REFERRALS_KEY,
  type ReferralReward,
} from '$shared/referrals';
import { withStoreLog } from '../../../src-server/changeLog';
import { reverseReferrerReward, rewardReferrer } from '../../../src-server/referralRecords';
import { newOrderRow } from '$db/writeOrderChange';
import { enrolledDesk } from './fakeDesk';
import { START_TIMEOUT, startTestServer, type TestServer } from './testServer';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ enrollRateLimit: { capacity: 1000, refillPerMinute: 1000 } });
}, START_TIMEOUT);
afterAll(() => server?.close());

async function putRecord(storeId: string, table: string, id: string, data: object) {
  await server.db.query(
    `INSERT INTO records (store_id, table_name, id, data, field_seqs, updated_seq)
     VALUES ($1, $2, $3, $4::jsonb, '{}'::jsonb, 0)`,
    [storeId, table, id, JSON.stringify(data)],
  );
}

/** Runs rewardReferrer as a push does: in a transaction, its change log written at the end. */
async function seePaid(storeId: string, deviceId: string, before: Order, after: Order) {
  await withStoreLog(server.db, storeId, async (tx, log) => {
    // As a push does before each change: seqs at hand for what the change may log.
    await log.reserve(4);
    await rewardReferrer(tx, storeId, deviceId, before, after, log);
  });
}

/** Runs reverseReferrerReward as a push of a refund.issue does. */
async function seeRefunded(storeId: string, deviceId: string, before: Order, after: Order, refundId: string) {
  await withStoreLog(server.db, storeId, async (tx, log) => {
    await log.reserve(4);
    await reverseReferrerReward(tx, storeId, deviceId, before, after, refundId, log);
  });
}

/** A referred first order for a new customer of `referrerId`, unpaid and paid (£18.00). */
function referredOrder(deskId: string, number: string, referrerId: string) {
  const at = new Date().toISOString();
  const unpaid: Order = {
    ...newOrderRow({ channel: 'phone', currency: 'GBP' }, number, { deskId }, at),
    customerId: newId(),
    customerName: 'Nia Newcomer',
    promoCode: referralCodeOf(referrerId),
    status: 'payment',
  };
  unpaid.totals = { ...unpaid.totals, total: 1800, paid: 0 };
  const paid: Order = { ...unpaid, status: 'receipt', totals: { ...unpaid.totals, paid: 1800 } };
  return { unpaid, paid };
}

async function creditRows(storeId: string, referrerId: string) {
  const rows = await server.db.query<{ id: string; amount: string | number }>(
    `SELECT id::text AS id, amount FROM balance_movements WHERE store_id = $1 AND account = $2
      ORDER BY amount DESC`,
    [storeId, accountOf('store_credit', referrerId)],
  );
  return rows.map((r) => [r.id, Number(r.amount)]);
}

describe('a referral reward when the referred first order is refunded in full', () => {
  it('takes the credit back once, as far as the referrer still holds it, and says what was spent', async () => {
    const a = await enrolledDesk(server.app, server.db, 'R3A');
    const b = await enrolledDesk(server.app, server.db, 'R3B', a.enrolled.storeId);
    const storeId = a.enrolled.storeId;
    const referrerId = newId();
    const at = new Date().toISOString();
    await putRecord(storeId, 'customers', referrerId, {
      id: referrerId,
      name: 'Ada Referrer',
      createdAt: at,
    });
    await putRecord(storeId, 'settings', newId(), {
      key: REFERRALS_KEY,
      value: { active: true, welcomePercent: 10, rewardKind: 'credit', rewardAmount: 750 },
    });
    const { unpaid, paid } = referredOrder(a.deviceId, 'R3A-000001', referrerId);
    await seePaid(storeId, a.deviceId, unpaid, paid);
    // The referrer spends £5.00 of the £7.50 credit at desk B.
    const spent: BalanceMovement = {
      id: newId(),
      account: accountOf('store_credit', referrerId),
      reason: 'redeemed',
      amount: -500,
      currency: 'GBP',
      deskId: b.deviceId,
      createdAt: at,
    };
    await server.db.query(
      `INSERT INTO balance_movements (store_id, id, account, amount, device_id, data)
       VALUES ($1, $2, $3, $4, $5, $6::jsonb)`,
      [storeId, spent.id, spent.account, spent.amount, b.deviceId, JSON.stringify(spent)],
    );
    // £10.00 back first: not in full, so the reward stands.
    const part = { ...paid, totals: { ...paid.totals, refunded: 1000 } };
    await seeRefunded(storeId, a.deviceId, paid, part, newId());
    expect(await creditRows(storeId, referrerId)).toEqual([
      [referralCreditId(paid.id), 750],
      [spent.id, -500],
    ]);
    // The last £8.00 back: refunded in full. £2.50 is left to take; £5.00 was spent.
    const refundId = newId();
    const full = { ...paid, status: 'refunded' as const, totals: { ...paid.totals, refunded: 1800 } };
    await seeRefunded(storeId, a.deviceId, part, full, refundId);
    // Seen again (another copy of the change): nothing more is taken.
    await seeRefunded(storeId, b.deviceId, part, full, refundId);
    expect(await creditRows(storeId, referrerId)).toEqual([
      [referralCreditId(paid.id), 750],
      [referralReversalId(refundId), -250],
      [spent.id, -500],
    ]);
    const pulled = await b.pullAll();
    // The change log holds the reward as issued, then as taken back: the last is what stands.
    const reward = pulled.filter((c) => c.table === 'referralRewards').at(-1)?.record as ReferralReward;
    expect(reward).toMatchObject({ id: referralRewardId(paid.id), takenBack: 250, notTakenBack: 500 });
    expect(reward.reversedAt).toBeDefined();
    const reversal = pulled.find((c) => c.recordId === referralReversalId(refundId))
      ?.record as BalanceMovement;
    expect(reversal).toMatchObject({
      reason: 'reversed',
      amount: -250,
      orderId: paid.id,
      note: "Referral reward taken back: Nia Newcomer's first order R3A-000001 was refunded in full; £5.00 already spent, not taken back",
    });
  });

  it('voids a discount reward not yet given, and records one already given as not taken back', async () => {
    const a = await enrolledDesk(server.app, server.db, 'R4A');
    const storeId = a.enrolled.storeId;
    const referrerId = newId();
    const at = new Date().toISOString();
    await putRecord(storeId, 'customers', referrerId, { id: referrerId, name: 'Bo Referrer', createdAt: at });
    const first = referredOrder(a.deviceId, 'R4A-000001', referrerId);
    await seePaid(storeId, a.deviceId, first.unpaid, first.paid);
    const refunded = (o: Order) => ({
      ...o,
      status: 'refunded' as const,
      totals: { ...o.totals, refunded: 1800 },
    });
    await seeRefunded(storeId, a.deviceId, first.paid, refunded(first.paid), newId());
    const second = referredOrder(a.deviceId, 'R4A-000002', referrerId);
    await seePaid(storeId, a.deviceId, second.unpaid, second.paid);
    await server.db.query(
      `UPDATE records SET data = data || '{"usedAt": "2026-12-01T10:00:00.000Z"}'::jsonb
        WHERE store_id = $1 AND table_name = 'referralRewards' AND id = $2`,
      [storeId, referralRewardId(second.paid.id)],
    );
    await seeRefunded(storeId, a.deviceId, second.paid, refunded(second.paid), newId());
    // The last of each reward's changes is what stands.
    const latest = new Map<string, ReferralReward>();
    for (const c of await a.pullAll())
      if (c.table === 'referralRewards') latest.set(c.recordId, c.record as ReferralReward);
    const rewards = [...latest.values()];
    expect(rewards.find((r) => r.orderId === first.paid.id)).toMatchObject({
      takenBack: 500,
      notTakenBack: 0,
    });
    expect(rewards.find((r) => r.orderId === second.paid.id)).toMatchObject({
      takenBack: 0,
      notTakenBack: 500,
    });
    expect(await creditRows(storeId, referrerId)).toEqual([]);
  });
});

describe('a referral rewarded in store credit', () => {
  it('posts the credit to the referrer’s ledger exactly once, even when two desks see the payment', async () => {
    const a = await enrolledDesk(server.app, server.db, 'R1A');
    const b = await enrolledDesk(server.app, server.db, 'R1B', a.enrolled.storeId);
    const storeId = a.enrolled.storeId;
    const referrerId = newId();
    const at = new Date().toISOString();
    await putRecord(storeId, 'customers', referrerId, {
      id: referrerId,
      name: 'Ada Referrer',
      createdAt: at,
    });
    await putRecord(storeId, 'settings', newId(), {
      key: REFERRALS_KEY,
      value: { active: true, welcomePercent: 10, rewardKind: 'credit', rewardAmount: 750 },
    });
    const unpaid: Order = {
      ...newOrderRow({ channel: 'phone', currency: 'GBP' }, 'R1A-000001', { deskId: a.deviceId }, at),
      customerId: newId(),
      customerName: 'Nia Newcomer',
      promoCode: referralCodeOf(referrerId),
      status: 'payment',
    };
    unpaid.totals = { ...unpaid.totals, total: 1800, paid: 0 };
    const paid: Order = { ...unpaid, status: 'receipt', totals: { ...unpaid.totals, paid: 1800 } };

    await seePaid(storeId, a.deviceId, unpaid, paid);
    await seePaid(storeId, b.deviceId, unpaid, paid);

    const credit = accountOf('store_credit', referrerId);
    const rows = await server.db.query<{ id: string; amount: string | number }>(
      'SELECT id::text AS id, amount FROM balance_movements WHERE store_id = $1 AND account = $2',
      [storeId, credit],
    );
    expect(rows.map((r) => [r.id, Number(r.amount)])).toEqual([[referralCreditId(paid.id), 750]]);

    const pulled = await b.pullAll();
    const movements = pulled.filter((c) => c.table === 'balanceMovements');
    expect(movements).toHaveLength(1);
    expect(movements[0]!.record as BalanceMovement).toMatchObject({
      account: credit,
      reason: 'issued',
      amount: 750,
      currency: 'GBP',
      customerId: referrerId,
      note: "Referral reward: Nia Newcomer's first order R1A-000001",
    });
    expect(pulled.filter((c) => c.table === 'referralRewards')).toHaveLength(1);
  });

  it('posts nothing to the ledger when the reward is a discount', async () => {
    const a = await enrolledDesk(server.app, server.db, 'R2A');
    const storeId = a.enrolled.storeId;
    const referrerId = newId();
    const at = new Date().toISOString();
    await putRecord(storeId, 'customers', referrerId, { id: referrerId, name: 'Bo Referrer', createdAt: at });
    const unpaid: Order = {
      ...newOrderRow({ channel: 'phone', currency: 'GBP' }, 'R2A-000001', { deskId: a.deviceId }, at),
      customerId: newId(),
      promoCode: referralCodeOf(referrerId),
      status: 'payment',
    };
    unpaid.totals = { ...unpaid.totals, total: 1800, paid: 0 };
    await seePaid(storeId, a.deviceId, unpaid, {
      ...unpaid,
      status: 'receipt',
      totals: { ...unpaid.totals, paid: 1800 },
    });
    const pulled = await a.pullAll();
    expect(pulled.filter((c) => c.table === 'referralRewards')).toHaveLength(1);
    expect(pulled.filter((c) => c.table === 'balanceMovements')).toHaveLength(0);
  });
});
