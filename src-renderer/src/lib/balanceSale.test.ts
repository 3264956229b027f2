// Gift cards, store credit and points at the till, against a real (fake-indexeddb) store: a card
// sold comes alive when the sale is paid, pays for a later sale, its debit is queued before the
// payment that depends on it, points are earned and spent, and a refund puts money back on the card.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { accountOf, formatGiftCardCode, keyOf, kindOf } from '$shared/balances';
import { newId } from '$shared/ids';
import { money } from '$shared/money';
import type { Order } from '$shared/records';
import { accountBalance, saveLoyalty } from '$db/balanceWrites';
import { OrderlineDb } from '$db/database';
import { stockedMug } from '$db/testFixtures';
import { emailReceipt } from './emailReceipt';
import { cancelOrder, balancesOnRefund, refundOrder } from './orderActions';
import { countReadyToPack, packLines } from './packQueue';
import { unitsLeftToShip } from './shipParcel';
import {
  DEFAULT_DESK as desk,
  addGiftCard,
  addVariant,
  checkout,
  emptyDraft,
  finishSale,
  priceSale,
  startSale,
  takePayment,
  type SaleDraft,
} from './sale';

let db: OrderlineDb;
beforeEach(() => {
  db = new OrderlineDb(`test-${crypto.randomUUID()}`);
});
afterEach(async () => {
  await db.delete();
});

const NOW = new Date('2026-06-15T10:00:00Z');
const customer = { id: newId(), name: 'Bianka Steinecke' };

async function toPayment(order: Order, draft: SaleDraft = emptyDraft()) {
  return checkout(db, desk, order, draft, await priceSale(db, order, draft, NOW));
}

async function soldCard(value = '25.00') {
  const cart = await addGiftCard(db, desk, await startSale(db, desk, 'counter'), value);
  const paying = await toPayment(cart);
  const paid = await takePayment(db, desk, paying, {
    method: 'cash',
    amount: money(paying.totals.total, 'GBP'),
  });
  const [sold] = await db.balanceMovements.where('orderId').equals(paid.id).toArray();
  return { paid, account: sold!.account };
}

describe('gift cards at the till', () => {
  it('sells a card outside tax and stock, and makes it alive with its value once paid', async () => {
    const { paid, account } = await soldCard();
    expect(paid.totals).toMatchObject({ total: 2500, tax: 0 });
    expect(kindOf(account)).toBe('gift_card');
    expect(await accountBalance(db, account)).toBe(2500);
    const done = await finishSale(db, desk, paid, 'receipt80mm');
    expect(done.status).toBe('delivered');
    expect(await db.stockMovements.where('orderId').equals(paid.id).count()).toBe(0);
  });

  it('pays for a sale, queuing the debit before the payment that depends on it', async () => {
    const { account } = await soldCard();
    const { product, variant } = await stockedMug(db);
    const paying = await toPayment(
      await addVariant(db, desk, await startSale(db, desk, 'counter'), product, variant),
    );
    const due = paying.totals.total;
    const paid = await takePayment(db, desk, paying, {
      method: 'gift_card',
      amount: money(due, 'GBP'),
      account,
      available: money(2500, 'GBP'),
    });
    expect(paid.status).toBe('receipt');
    expect(paid.payments.at(-1)).toMatchObject({
      method: 'gift_card',
      reference: 'Gift card ' + `••••-••••-${account.slice(-4)}`,
    });
    expect(await accountBalance(db, account)).toBe(2500 - due);
    const [debit] = await db.balanceMovements.where('orderId').equals(paid.id).toArray();
    const debitEntry = await db.outbox.where('recordId').equals(debit!.id).first();
    const captureEvent = await db.orderEvents.where('[orderId+seq]').equals([paid.id, paid.version]).first();
    const captureEntry = await db.outbox.where('recordId').equals(captureEvent!.id).first();
    expect(debitEntry?.kind).toBe('balance.movement');
    expect((captureEntry as { dependsOn?: string }).dependsOn).toBe(debitEntry!.id);
    expect(captureEntry!.seq!).toBeGreaterThan(debitEntry!.seq!);
  });

  it('refuses more than the card holds on this desk and writes nothing', async () => {
    const { account } = await soldCard('5.00');
    const { product, variant } = await stockedMug(db);
    const paying = await toPayment(
      await addVariant(db, desk, await startSale(db, desk, 'counter'), product, variant),
    );
    await expect(
      takePayment(db, desk, paying, {
        method: 'gift_card',
        amount: money(800, 'GBP'),
        account,
        available: money(800, 'GBP'), // a stale look-up: the ledger in the transaction decides
      }),
    ).rejects.toThrow(/holds £5\.00, not the £8\.00/);
    expect(await accountBalance(db, account)).toBe(500);
    expect((await db.orders.get(paying.id))?.totals.paid).toBe(0);
  });

  it('puts a refund of a card payment back on the same card', async () => {
    const { account } = await soldCard();
    const { product, variant } = await stockedMug(db);
    const paying = await toPayment(
      await addVariant(db, desk, await startSale(db, desk, 'counter'), product, variant),
    );
    const paid = await takePayment(db, desk, paying, {
      method: 'gift_card',
      amount: money(paying.totals.total, 'GBP'),
      account,
      available: money(2500, 'GBP'),
    });
    await refundOrder(db, desk, paid, paid.totals.total, 'Chipped');
    expect(await accountBalance(db, account)).toBe(2500);
  });
});

describe('gift cards are not parcels', () => {
  it('hands over a phone order of gift cards only at once: nothing waits for the packers', async () => {
    const cart = await addGiftCard(db, desk, await startSale(db, desk, 'phone'), '40.00');
    const paying = await toPayment(cart);
    const paid = await takePayment(db, desk, paying, { method: 'cash', amount: money(4000, 'GBP') });
    const done = await finishSale(db, desk, paid, 'email');
    expect(done.status).toBe('delivered');
    expect(await countReadyToPack(db)).toBe(0);
    // Bought by phone, the card reaches its buyer on the e-mailed receipt.
    const [sold] = await db.balanceMovements.where('orderId').equals(paid.id).toArray();
    const email = await emailReceipt(db, done, { name: 'Ada Byron', email: 'ada@example.com' }, null);
    expect(email.text).toContain(`Gift card ${formatGiftCardCode(keyOf(sold!.account))}: £40.00`);
  });

  it('packs only the goods of an order that also sells a gift card', async () => {
    const { product, variant } = await stockedMug(db);
    const withMug = await addVariant(db, desk, await startSale(db, desk, 'phone'), product, variant);
    const paying = await toPayment(await addGiftCard(db, desk, withMug, '10.00'));
    const paid = await takePayment(db, desk, paying, {
      method: 'cash',
      amount: money(paying.totals.total, 'GBP'),
    });
    const queued = await finishSale(db, desk, paid, 'receipt80mm');
    expect(queued.status).toBe('processing');
    expect(unitsLeftToShip(queued)).toBe(1);
    const lines = await packLines(db, queued);
    expect(lines.map((l) => l.sku)).toEqual([variant.sku]);
  });
});

describe('gift cards when the order that sold them is refunded', () => {
  /** A sale paid £8.00 with the card, at the counter (what "spent" means). */
  async function spend(account: string, amount: number) {
    const { product, variant } = await stockedMug(db);
    const paying = await toPayment(
      await addVariant(db, desk, await startSale(db, desk, 'counter'), product, variant),
    );
    await takePayment(db, desk, paying, {
      method: 'gift_card',
      amount: money(amount, 'GBP'),
      account,
      available: money(amount, 'GBP'),
    });
  }

  it('takes an unspent card back in full when its sale is refunded in full, queued for the server', async () => {
    const { paid, account } = await soldCard('25.00');
    expect((await balancesOnRefund(db, desk, paid, 2500, 'preview'))?.text).toBe(
      `Gift cards: £25.00 will be taken off Gift card ••••-••••-${account.slice(-4)}, so it cannot be spent.`,
    );
    await refundOrder(db, desk, paid, 2500, 'Changed their mind');
    expect(await accountBalance(db, account)).toBe(0);
    const reversed = (await db.balanceMovements.where('orderId').equals(paid.id).toArray()).filter(
      (m) => m.reason === 'reversed',
    );
    expect(reversed).toMatchObject([{ account, amount: -2500, currency: 'GBP' }]);
    expect(await db.outbox.where('recordId').equals(reversed[0]!.id).first()).toMatchObject({
      kind: 'balance.movement',
    });
  });

  it('refuses to pay back value already spent with the card, and writes nothing', async () => {
    const { paid, account } = await soldCard('25.00');
    await spend(account, 800);
    // £25.00 sold, £8.00 spent: £17.00 is left on the card, so £17.00 at most can go back.
    const said = await balancesOnRefund(db, desk, paid, 2500, 'preview');
    const refusal =
      `£8.00 of the gift card value sold on this order has already been spent ` +
      `(Gift card ••••-••••-${account.slice(-4)} holds £17.00 of its £25.00), ` +
      'and spent value cannot be paid back: refund at most £17.00';
    expect(said).toEqual({ text: refusal, refused: true });
    await expect(refundOrder(db, desk, paid, 2500, 'Changed their mind')).rejects.toThrow(refusal);
    expect((await db.orders.get(paid.id))?.totals.refunded).toBe(0);
    expect(await accountBalance(db, account)).toBe(1700);
    // What is left on the card can be refunded: the card is then empty.
    await refundOrder(db, desk, paid, 1700, 'Changed their mind');
    expect(await accountBalance(db, account)).toBe(0);
    expect((await db.orders.get(paid.id))?.totals.refunded).toBe(1700);
  });

  it('pays a refund out of the goods first: the card loses only what reaches into its price', async () => {
    const { product, variant } = await stockedMug(db);
    const withMug = await addVariant(db, desk, await startSale(db, desk, 'counter'), product, variant);
    const paying = await toPayment(await addGiftCard(db, desk, withMug, '10.00'));
    const paid = await takePayment(db, desk, paying, {
      method: 'cash',
      amount: money(paying.totals.total, 'GBP'),
    });
    const mug = paid.totals.total - 1000;
    const [sold] = (await db.balanceMovements.where('orderId').equals(paid.id).toArray()).filter(
      (m) => m.reason === 'sold',
    );
    // The mug's price back: the £10.00 card is still covered by money the store keeps.
    const afterMug = await refundOrder(db, desk, paid, mug, 'Mug chipped');
    expect(await accountBalance(db, sold!.account)).toBe(1000);
    // £4.00 more reaches £4.00 into the card: it keeps £6.00.
    const afterFour = await refundOrder(db, desk, afterMug, 400, 'Card not wanted');
    expect(await accountBalance(db, sold!.account)).toBe(600);
    await refundOrder(db, desk, afterFour, 600, 'Card not wanted');
    expect(await accountBalance(db, sold!.account)).toBe(0);
  });

  it('cancelling a paid gift card order takes the card back too', async () => {
    const cart = await addGiftCard(db, desk, await startSale(db, desk, 'phone'), '40.00');
    const paying = await toPayment(cart);
    const paid = await takePayment(db, desk, paying, { method: 'cash', amount: money(4000, 'GBP') });
    const [sold] = await db.balanceMovements.where('orderId').equals(paid.id).toArray();
    await cancelOrder(db, desk, paid, 'Bought by mistake');
    expect(await accountBalance(db, sold!.account)).toBe(0);
  });
});

describe('loyalty points at the till', () => {
  it('earns on a paid sale for a customer and spends points as a tender', async () => {
    await saveLoyalty(db, { enabled: true, pointsPerUnit: 10, pointValue: 1 });
    const { product, variant } = await stockedMug(db);
    const draft = { ...emptyDraft(), customer };
    const first = await toPayment(
      await addVariant(db, desk, await startSale(db, desk, 'counter'), product, variant),
      draft,
    );
    await takePayment(db, desk, first, { method: 'cash', amount: money(first.totals.total, 'GBP') });
    const points = accountOf('loyalty_points', customer.id);
    const earned = Math.floor((first.totals.total * 10) / 100);
    expect(await accountBalance(db, points)).toBe(earned);

    const second = await toPayment(
      await addVariant(db, desk, await startSale(db, desk, 'counter'), product, variant),
      draft,
    );
    const paid = await takePayment(db, desk, second, {
      method: 'loyalty_points',
      amount: money(100, 'GBP'),
      account: points,
      available: money(earned, 'GBP'),
    });
    expect(paid.status).toBe('payment');
    expect(await accountBalance(db, points)).toBe(earned - 100);
  });
});

describe('loyalty points when an order is refunded', () => {
  const points = accountOf('loyalty_points', customer.id);

  /** A paid counter sale of two mugs for the customer, earning 10 points a pound. */
  async function earningSale() {
    await saveLoyalty(db, { enabled: true, pointsPerUnit: 10, pointValue: 1 });
    const { product, variant } = await stockedMug(db, 20);
    let cart = await addVariant(db, desk, await startSale(db, desk, 'counter'), product, variant);
    cart = await addVariant(db, desk, cart, product, variant);
    const paying = await toPayment(cart, { ...emptyDraft(), customer });
    const paid = await takePayment(db, desk, paying, {
      method: 'cash',
      amount: money(paying.totals.total, 'GBP'),
    });
    const earned = Math.floor((paid.totals.total * 10) / 100);
    expect(await accountBalance(db, points)).toBe(earned);
    return { paid, earned };
  }

  it('takes back every point earned on a full refund, and says so', async () => {
    const { paid, earned } = await earningSale();
    expect((await balancesOnRefund(db, desk, paid, paid.totals.total, 'preview'))?.text).toBe(
      `Points: ${earned} points earned on this order will be taken back.`,
    );
    expect((await balancesOnRefund(db, desk, paid, paid.totals.total))?.text).toBe(
      `Points: ${earned} points earned on this order were taken back.`,
    );
    await refundOrder(db, desk, paid, paid.totals.total, 'Both chipped');
    expect(await accountBalance(db, points)).toBe(0);
    const [reversal] = (await db.balanceMovements.where('orderId').equals(paid.id).toArray()).filter(
      (m) => m.reason === 'reversed',
    );
    expect(reversal).toMatchObject({ account: points, amount: -earned });
    expect(await db.outbox.where('recordId').equals(reversal!.id).count()).toBe(1);
    const audit = await db.auditLog.where('orderId').equals(paid.id).last();
    expect(audit?.summary).toContain(`Points: ${earned} points earned on this order were taken back.`);
  });

  it('takes back every point earned when a paid order is cancelled', async () => {
    const { paid, earned } = await earningSale();
    await cancelOrder(db, desk, paid, 'Ordered twice');
    expect(await accountBalance(db, points)).toBe(0);
    const audit = await db.auditLog.where('orderId').equals(paid.id).last();
    expect(audit?.summary).toContain(`Points: ${earned} points earned on this order were taken back.`);
  });

  it('takes back pro rata on part refunds, and the whole once everything is refunded', async () => {
    const { paid, earned } = await earningSale();
    const half = Math.floor(paid.totals.total / 2);
    const partly = await refundOrder(db, desk, paid, half, 'One chipped');
    const share = Math.floor((earned * half) / paid.totals.total);
    expect(await accountBalance(db, points)).toBe(earned - share);
    await refundOrder(db, desk, partly, paid.totals.total - half, 'The other chipped too');
    expect(await accountBalance(db, points)).toBe(0);
  });

  it('never takes the balance below zero when the points were already spent, and says so', async () => {
    const { paid, earned } = await earningSale();
    const { product, variant } = await stockedMug(db);
    const next = await toPayment(
      await addVariant(db, desk, await startSale(db, desk, 'counter'), product, variant),
      { ...emptyDraft(), customer },
    );
    // Spends all but 30 of the points on another sale.
    await takePayment(db, desk, next, {
      method: 'loyalty_points',
      amount: money(earned - 30, 'GBP'),
      account: points,
      available: money(earned, 'GBP'),
    });
    expect(await accountBalance(db, points)).toBe(30);
    expect((await balancesOnRefund(db, desk, paid, paid.totals.total))?.text).toBe(
      `Points: 30 points earned on this order were taken back; ${earned - 30} points earned on it were already spent, so the balance is now 0.`,
    );
    await refundOrder(db, desk, paid, paid.totals.total, 'Returned');
    expect(await accountBalance(db, points)).toBe(0);
  });

  it('gives back points paid with when the refund reaches them, and says so', async () => {
    const { earned } = await earningSale();
    const { product, variant } = await stockedMug(db);
    const next = await toPayment(
      await addVariant(db, desk, await startSale(db, desk, 'counter'), product, variant),
      { ...emptyDraft(), customer },
    );
    const byPoints = await takePayment(db, desk, next, {
      method: 'loyalty_points',
      amount: money(100, 'GBP'),
      account: points,
      available: money(earned, 'GBP'),
    });
    const paid = await takePayment(db, desk, byPoints, {
      method: 'cash',
      amount: money(byPoints.totals.total - byPoints.totals.paid, 'GBP'),
    });
    const afterSale = await accountBalance(db, points);
    const earnedHere = Math.floor(((paid.totals.total - 100) * 10) / 100);
    expect(afterSale).toBe(earned - 100 + earnedHere);
    expect((await balancesOnRefund(db, desk, paid, paid.totals.total))?.text).toBe(
      `Points: 100 points paid with went back to the customer; ${earnedHere} points earned on this order were taken back.`,
    );
    await refundOrder(db, desk, paid, paid.totals.total, 'Wrong colour');
    expect(await accountBalance(db, points)).toBe(earned);
  });
});
