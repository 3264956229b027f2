// Gift cards, store credit and points on the server: movements from many desks add up, and a debit
// that would take a ledger below zero is refused — even when two desks spend the same card at once —
// with a sentence, and the change that followed it (the sale's payment) is refused with it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountOf, type BalanceMovement } from '$shared/balances';
import { newId } from '$shared/ids';
import type { Customer } from '$shared/records';

import { outboxEntry } from '$db/outbox';
import { newOrderRow } from '$db/writeOrderChange';
import { giftCardReversalId } from '$shared/giftCardRefund';
import type { Order } from '$shared/records';
import { withStoreLog } from '../../../src-server/changeLog';
import { takeBackGiftCards } from '../../../src-server/giftCardRefunds';
import { enrolledDesk, type FakeDesk, type Mutation } from './fakeDesk';
import { START_TIMEOUT, startTestServer, type TestServer } from './testServer';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ enrollRateLimit: { capacity: 1000, refillPerMinute: 1000 } });
}, START_TIMEOUT);
afterAll(() => server?.close());

const CARD = accountOf('gift_card', '7KQ2MX9P3HRT');

function movement(d: FakeDesk, account: string, reason: BalanceMovement['reason'], amount: number): Mutation {
  const m: BalanceMovement = {
    id: newId(),
    account,
    reason,
    amount,
    ...(account.startsWith('loyalty_points') ? {} : { currency: 'GBP' }),
    deskId: d.deviceId,
    createdAt: new Date().toISOString(),
  };
  return outboxEntry('balance.movement', 'balanceMovements', m.id, m);
}

function customerPut(dependsOn: string): Mutation {
  const at = new Date().toISOString();
  const customer: Customer = {
    id: newId(),
    name: 'Ada Lovelace',
    phoneDigits: '',
    addresses: [],
    acquisitionSource: 'word_of_mouth',
    isBusiness: false,
    searchWords: ['ada', 'lovelace'],
    createdAt: at,
    updatedAt: at,
  };
  return { ...outboxEntry('record.put', 'customers', customer.id, customer), dependsOn };
}

async function twoDesks(code: string) {
  const a = await enrolledDesk(server.app, server.db, `${code}A`);
  const b = await enrolledDesk(server.app, server.db, `${code}B`, a.enrolled.storeId);
  return { a, b };
}

describe('balance movements', () => {
  it('refuses the second desk spending a card the first already spent, and what followed the debit', async () => {
    const { a, b } = await twoDesks('G1');
    expect((await a.push([movement(a, CARD, 'sold', 2500)]))[0]?.status).toBe('applied');
    // Both desks saw £25 when they were last online, and each takes £20.
    expect((await a.push([movement(a, CARD, 'redeemed', -2000)]))[0]?.status).toBe('applied');
    const debit = movement(b, CARD, 'redeemed', -2000);
    const [refused, followed] = await b.push([debit, customerPut(debit.id)]);
    expect(refused).toMatchObject({ status: 'rejected' });
    expect(refused?.reason).toBe(
      'Gift card ••••-••••-3HRT holds £5.00, not the £20.00 taken from it: another desk used it first. Nothing was taken from it; the order still owes this amount — take it another way',
    );
    expect(followed?.status).toBe('rejected');
    expect(followed?.reason).toMatch(/^Not applied because the change it follows was refused: Gift card/);
    // Sent again, the same answer: it is never applied later by surprise.
    expect((await b.push([debit]))[0]?.status).toBe('rejected');

    const pulled = (await b.pullAll()).filter((c) => c.table === 'balanceMovements');
    expect(pulled.map((c) => (c.record as BalanceMovement).amount)).toEqual([2500, -2000]);
  });

  it('lets exactly one of two desks pushing at the same moment spend the last of a credit', async () => {
    const { a, b } = await twoDesks('G2');
    const credit = accountOf('store_credit', newId());
    await a.push([movement(a, credit, 'issued', 1000)]);
    const results = await Promise.all([
      a.push([movement(a, credit, 'redeemed', -700)]),
      b.push([movement(b, credit, 'redeemed', -700)]),
    ]);
    expect(results.map((r) => r[0]?.status).sort()).toEqual(['applied', 'rejected']);
    const [row] = await server.db.query<{ balance: string }>(
      'SELECT SUM(amount)::text AS balance FROM balance_movements WHERE account = $1',
      [credit],
    );
    expect(row?.balance).toBe('300');
  });

  it('takes points earned from any desk, answers a movement sent twice as a duplicate, and refuses a wrong-way one', async () => {
    const { a, b } = await twoDesks('G3');
    const points = accountOf('loyalty_points', newId());
    const earned = movement(a, points, 'earned', 40);
    expect((await a.push([earned]))[0]?.status).toBe('applied');
    expect((await b.push([movement(b, points, 'earned', 60)]))[0]?.status).toBe('applied');
    expect((await a.push([{ ...earned, id: newId() }]))[0]).toMatchObject({
      status: 'duplicate',
      reason: 'This balance movement is already on the server',
    });
    const wrong = movement(a, points, 'earned', 10);
    (wrong.payload as { amount: number }).amount = -10;
    const [answer] = await a.push([wrong]);
    expect(answer?.status).toBe('rejected');
    expect(answer?.reason).toMatch(/goes the wrong way/);
    expect((await b.push([movement(b, points, 'redeemed', -100)]))[0]?.status).toBe('applied');
  });

  it('takes back a refund’s points only as far as the customer still holds them, across desks', async () => {
    const { a, b } = await twoDesks('G4');
    const points = accountOf('loyalty_points', newId());
    expect((await a.push([movement(a, points, 'earned', 100)]))[0]?.status).toBe('applied');
    // Desk B spends 80 of them; desk A, not knowing, refunds the order that earned all 100.
    expect((await b.push([movement(b, points, 'redeemed', -80)]))[0]?.status).toBe('applied');
    const reversal = movement(a, points, 'reversed', -100);
    expect((await a.push([reversal]))[0]?.status).toBe('applied');
    const pulled = (await a.pullAll()).filter((c) => c.table === 'balanceMovements');
    const stored = pulled.find((c) => c.recordId === reversal.recordId)?.record as BalanceMovement;
    expect(stored.amount).toBe(-20);
    // Nothing left: a further reversal is refused with a sentence, and the balance stays at 0.
    const [nothing] = await a.push([movement(a, points, 'reversed', -10)]);
    expect(nothing).toMatchObject({
      status: 'rejected',
      reason:
        'The customer had already spent the 10 points this refund took back, so nothing was taken and the balance stays at 0',
    });
    const [row] = await server.db.query<{ balance: string }>(
      'SELECT SUM(amount)::text AS balance FROM balance_movements WHERE account = $1',
      [points],
    );
    expect(row?.balance).toBe('0');
  });

  it('takes a refunded gift card sale back off the card by its own ledger, never below zero', async () => {
    const { a, b } = await twoDesks('G5');
    const storeId = a.enrolled.storeId;
    const card = accountOf('gift_card', '4DNF8WJ2CQ6Z');
    const at = new Date().toISOString();
    // Desk A sold a £25.00 card alone (order paid £25.00).
    const order: Order = {
      ...newOrderRow({ channel: 'counter', currency: 'GBP' }, 'G5A-000001', { deskId: a.deviceId }, at),
      status: 'delivered',
    };
    order.totals = { ...order.totals, total: 2500, paid: 2500 };
    const sold = { ...movement(a, card, 'sold', 2500) };
    sold.payload = { ...(sold.payload as BalanceMovement), orderId: order.id };
    expect((await a.push([sold]))[0]?.status).toBe('applied');
    // Desk B spends £8.00 of it; desk A, not knowing, refunds the whole sale.
    expect((await b.push([movement(b, card, 'redeemed', -800)]))[0]?.status).toBe('applied');
    const refundId = newId();
    await withStoreLog(server.db, storeId, async (tx, log) => {
      await log.reserve(4);
      await takeBackGiftCards(tx, storeId, a.deviceId, order, { refundId, amount: 2500 }, log);
    });
    const pulled = (await b.pullAll()).filter((c) => c.table === 'balanceMovements');
    const taken = pulled.find((c) => c.recordId === giftCardReversalId(refundId, card))?.record;
    expect(taken).toMatchObject({
      reason: 'reversed',
      amount: -1700,
      orderId: order.id,
      note: 'Sold on order G5A-000001, taken back on its refund; £8.00 already spent, not taken back',
    });
    // Desk A's own take-back of the same refund is the same movement: a duplicate.
    const mine: BalanceMovement = {
      ...(taken as BalanceMovement),
      amount: -2500,
      note: 'Sold on order G5A-000001, taken back on its refund',
      deskId: a.deviceId,
    };
    const [again] = await a.push([outboxEntry('balance.movement', 'balanceMovements', mine.id, mine)]);
    expect(again?.status).toBe('duplicate');
    // A take-back the server did not make is refused, and the card stays at zero.
    const stray: BalanceMovement = { ...mine, id: giftCardReversalId(newId(), card), amount: -100 };
    const [refused] = await a.push([outboxEntry('balance.movement', 'balanceMovements', stray.id, stray)]);
    expect(refused).toMatchObject({
      status: 'rejected',
      reason:
        "Nothing more was taken off Gift card ••••-••••-CQ6Z for this refund: by every desk's movements its value was already spent or taken back, or the refund did not reach it",
    });
    const [row] = await server.db.query<{ balance: string }>(
      'SELECT SUM(amount)::text AS balance FROM balance_movements WHERE store_id = $1 AND account = $2',
      [storeId, card],
    );
    expect(row?.balance).toBe('0');
  });
});
