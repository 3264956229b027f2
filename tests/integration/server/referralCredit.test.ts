// A referrer's store credit reward on the server: posted to the referrer's store credit ledger in the
// same transaction as the reward, once, whichever desk's change shows the referred order paid and
// however many times it is seen.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountOf, type BalanceMovement } from '$shared/balances';
import { newId } from '$shared/ids';
import type { Order } from '$shared/records';
import { referralCodeOf, referralCreditId, REFERRALS_KEY } from '$shared/referrals';
import { withStoreLog } from '../../../src-server/changeLog';
import { rewardReferrer } from '../../../src-server/referralRecords';
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
