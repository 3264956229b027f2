// A refund of an order that sold gift cards, as the server settles it: when it applies the
// refund.issue it takes back what the cards owe by the store's own ledger (giftCardsToTakeBack: the
// part of the order's refunds that reaches past its goods into the cards' price), as much as each
// card still holds (never below zero, under the store's lock) and saying on the movement what was
// already spent. The movement ids come from the refund and the card, so the desk's own take-back of
// the same refund is the same movement (a duplicate when it arrives); a desk take-back the server
// did not make is refused (the refund did not reach the cards by the server's reckoning).
import { formatBalance, type BalanceMovement } from '../src-shared/balances';
import { giftCardReversalId, giftCardsToTakeBack, type SoldCard } from '../src-shared/giftCardRefund';
import type { Order } from '../src-shared/records';
import type { ChangeLogWriter } from './changeLog';
import type { Sql } from './db';
import { postServerMovement } from './serverMovements';

type Row = {
  account: string;
  amount: string | number;
  reason: string;
};

/** Takes back off the order's gift cards what this refund reaches into. */
export async function takeBackGiftCards(
  tx: Sql,
  storeId: string,
  deviceId: string,
  before: Order,
  refund: { refundId: string; amount: number },
  log: ChangeLogWriter,
): Promise<void> {
  const ofOrder = await tx.query<Row>(
    `SELECT account, amount, data->>'reason' AS reason FROM balance_movements
      WHERE store_id = $1 AND data->>'orderId' = $2 AND account LIKE 'gift_card:%'`,
    [storeId, before.id],
  );
  const sold = ofOrder.filter((m) => m.reason === 'sold');
  if (!sold.length) return;
  const balances = await tx.query<{ account: string; balance: string | number }>(
    `SELECT account, COALESCE(SUM(amount), 0) AS balance FROM balance_movements
      WHERE store_id = $1 AND account = ANY($2::text[]) GROUP BY account`,
    [storeId, sold.map((m) => m.account)],
  );
  const cards: SoldCard[] = sold.map((m) => ({
    account: m.account,
    sold: Number(m.amount),
    takenBack: -ofOrder
      .filter((r) => r.account === m.account && r.reason === 'reversed')
      .reduce((n, r) => n + Number(r.amount), 0),
    balance: Number(balances.find((b) => b.account === m.account)?.balance ?? 0),
  }));
  const back = giftCardsToTakeBack({
    cards,
    paid: before.totals.paid,
    refundedBefore: before.totals.refunded,
    amount: refund.amount,
  });
  const now = new Date().toISOString();
  const show = (n: number) => formatBalance('gift_card', n, before.currency);
  for (const [i, take] of back.takes.entries()) {
    // Whatever the cards could not give back is said once, on the last card taken.
    const spent =
      i === back.takes.length - 1 && back.spent > 0
        ? `; ${show(back.spent)} already spent, not taken back`
        : '';
    const movement: BalanceMovement = {
      id: giftCardReversalId(refund.refundId, take.account),
      account: take.account,
      reason: 'reversed',
      amount: -take.amount,
      currency: before.currency,
      ...(before.customerId ? { customerId: before.customerId } : {}),
      orderId: before.id,
      note: `Sold on order ${before.number}, taken back on its refund${spent}`.slice(0, 200),
      deskId: deviceId,
      createdAt: now,
    };
    await postServerMovement(tx, log, storeId, deviceId, movement);
  }
}
