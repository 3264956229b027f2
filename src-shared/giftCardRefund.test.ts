import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { acceptMovement, balanceOf, type BalanceMovement } from './balances';
import {
  describeGiftCardsOnRefund,
  giftCardRefusal,
  giftCardsToTakeBack,
  type SoldCard,
} from './giftCardRefund';
import { settleReversal } from './loyaltyRefund';

const A = 'gift_card:7KQ2MX9P3HRT';
const B = 'gift_card:4DNF8WJ2CQ6Z';
const card = (account: string, sold: number, balance = sold, takenBack = 0): SoldCard => ({
  account,
  sold,
  takenBack,
  balance,
});

describe('giftCardsToTakeBack', () => {
  it('takes an unspent card back in full when its whole sale is refunded', () => {
    // A £25.00 card alone, paid £25.00, refunded £25.00: all £25.00 comes off it.
    expect(
      giftCardsToTakeBack({ cards: [card(A, 2500)], paid: 2500, refundedBefore: 0, amount: 2500 }),
    ).toEqual({ takes: [{ account: A, amount: 2500 }], spent: 0, maxRefund: 2500 });
  });

  it('pays a refund out of the goods first', () => {
    // £12.00 of goods and a £10.00 card, paid £22.00. A £12.00 refund is the goods: the card stays.
    const facts = { cards: [card(A, 1000)], paid: 2200, refundedBefore: 0 };
    expect(giftCardsToTakeBack({ ...facts, amount: 1200 })).toEqual({ takes: [], spent: 0, maxRefund: 2200 });
    // £16.00 reaches £4.00 past the goods into the card.
    expect(giftCardsToTakeBack({ ...facts, amount: 1600 }).takes).toEqual([{ account: A, amount: 400 }]);
    // After that, £6.00 more takes the other £6.00 (the £4.00 already taken is not taken twice).
    expect(
      giftCardsToTakeBack({ cards: [card(A, 1000, 600, 400)], paid: 2200, refundedBefore: 1600, amount: 600 })
        .takes,
    ).toEqual([{ account: A, amount: 600 }]);
  });

  it('refuses to pay back value already spent, saying the most that can be refunded', () => {
    // A £25.00 card with £8.00 spent holds £17.00: refunding £25.00 would need £8.00 spent value.
    const facts = { cards: [card(A, 2500, 1700)], paid: 2500, refundedBefore: 0, amount: 2500 };
    const back = giftCardsToTakeBack(facts);
    expect(back).toEqual({ takes: [{ account: A, amount: 1700 }], spent: 800, maxRefund: 1700 });
    expect(giftCardRefusal(facts, back, 'GBP')).toBe(
      '£8.00 of the gift card value sold on this order has already been spent (Gift card ••••-••••-3HRT holds £17.00 of its £25.00), and spent value cannot be paid back: refund at most £17.00',
    );
    // £17.00 is allowed and empties the card.
    const ok = giftCardsToTakeBack({ ...facts, amount: 1700 });
    expect(ok).toEqual({ takes: [{ account: A, amount: 1700 }], spent: 0, maxRefund: 1700 });
    expect(giftCardRefusal({ ...facts, amount: 1700 }, ok, 'GBP')).toBeNull();
  });

  it('says nothing more can be refunded once a spent card is all that is left', () => {
    const facts = { cards: [card(A, 2500, 0)], paid: 2500, refundedBefore: 0, amount: 100 };
    const back = giftCardsToTakeBack(facts);
    expect(back).toEqual({ takes: [], spent: 100, maxRefund: 0 });
    expect(giftCardRefusal(facts, back, 'GBP')).toMatch(/nothing more can be refunded on this order$/);
  });

  it('takes from the cards in the order they were sold, each no more than it holds', () => {
    // Two £10.00 cards, the first with £3.00 left: a £15.00 refund takes £3.00 and £10.00, and
    // £2.00 of it was spent: refund at most £13.00.
    const facts = { cards: [card(A, 1000, 300), card(B, 1000)], paid: 2000, refundedBefore: 0, amount: 1500 };
    expect(giftCardsToTakeBack(facts)).toEqual({
      takes: [
        { account: A, amount: 300 },
        { account: B, amount: 1000 },
      ],
      spent: 200,
      maxRefund: 1300,
    });
  });

  it('leaves an order that sold no card alone', () => {
    expect(giftCardsToTakeBack({ cards: [], paid: 3000, refundedBefore: 1000, amount: 500 })).toEqual({
      takes: [],
      spent: 0,
      maxRefund: 2000,
    });
  });
});

describe('describeGiftCardsOnRefund', () => {
  it('says what is taken off each card, before and after', () => {
    const back = { takes: [{ account: A, amount: 2500 }], spent: 0, maxRefund: 2500 };
    expect(describeGiftCardsOnRefund(back, 'GBP', 'preview')).toBe(
      'Gift cards: £25.00 will be taken off Gift card ••••-••••-3HRT, so it cannot be spent.',
    );
    expect(describeGiftCardsOnRefund(back, 'GBP')).toBe(
      'Gift cards: £25.00 was taken off Gift card ••••-••••-3HRT, so it cannot be spent.',
    );
    expect(describeGiftCardsOnRefund({ takes: [], spent: 0, maxRefund: 0 }, 'GBP')).toBeNull();
  });
});

describe('settleReversal on a gift card', () => {
  it('takes as much as the card still holds, and says so when it holds nothing', () => {
    const m = { account: A, amount: -2500, currency: 'GBP' };
    expect(settleReversal(900, m)).toEqual({ ok: true, amount: -900, clamped: true });
    expect(settleReversal(0, m)).toEqual({
      ok: false,
      reason:
        'Gift card ••••-••••-3HRT had already been spent, so the £25.00 this refund took back could not be taken and it stays at 0',
    });
  });
});

// Two desks, each offline against what it last pulled, sell gift cards, spend them on other sales
// and refund the sales that sold them; the server takes their pushes in any interleaving with the
// same rules: acceptMovement for spending, "no refund above what was paid", and, when it applies a
// refund, its own take-back off the cards by its ledger (giftCardsToTakeBack, ids from the refund
// and card), so the desk's take-back of the same refund is a duplicate and one the server did not
// make is refused. Whatever happens, a card's ledger is the sum of its movements and never dips
// below zero on the server or a desk, no refund takes more off a card than it was sold for, a desk
// never refunds value it knows was spent, a sale refunded in full leaves its card holding no more
// than was put on it again, and after a last pull every desk agrees with the server.
describe('gift cards refunded across two desks (property)', () => {
  type Movement = Pick<BalanceMovement, 'id' | 'account' | 'amount' | 'reason' | 'orderId'>;
  type Refund = { refundId: string; orderId: string; amount: number };
  type Entry = { movements: Movement[]; refund?: Refund };
  type Op =
    | { kind: 'sell'; desk: 0 | 1; value: number; goods: number }
    | { kind: 'spend'; desk: 0 | 1; card: number; amount: number }
    | { kind: 'refund'; desk: 0 | 1; order: number; share: number }
    | { kind: 'sync'; desk: 0 | 1 };
  const desk = fc.constantFrom(0 as const, 1 as const);
  const op: fc.Arbitrary<Op> = fc.oneof(
    fc.record({
      kind: fc.constant('sell' as const),
      desk,
      value: fc.integer({ min: 100, max: 5000 }),
      goods: fc.integer({ min: 0, max: 3000 }),
    }),
    fc.record({
      kind: fc.constant('spend' as const),
      desk,
      card: fc.nat(),
      amount: fc.integer({ min: 1, max: 3000 }),
    }),
    fc.record({
      kind: fc.constant('refund' as const),
      desk,
      order: fc.nat(),
      share: fc.integer({ min: 1, max: 4 }),
    }),
    fc.record({ kind: fc.constant('sync' as const), desk }),
  );
  const sum = (list: readonly { amount: number }[]) => list.reduce((n, m) => n + m.amount, 0);

  it('keeps every card the sum of its movements, never below zero, on the server and each desk', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
        const server = { movements: [] as Movement[], refunds: [] as Refund[] };
        const desks = [0, 1].map(() => ({
          known: [] as Movement[],
          refunds: [] as Refund[],
          outbox: [] as Entry[],
        }));
        type Desk = (typeof desks)[number];
        // A card's sale is known everywhere at once (it is paid before the card is handed over).
        const orders: { id: string; paid: number; account: string; value: number }[] = [];
        let ids = 0;
        const next = () => `m${ids++}`;
        const add = (d: Desk, entry: Entry) => {
          d.known.push(...entry.movements);
          if (entry.refund) d.refunds.push(entry.refund);
          d.outbox.push(entry);
        };
        const refundedOf = (refunds: readonly Refund[], orderId: string) =>
          sum(refunds.filter((r) => r.orderId === orderId));
        const take = (m: Movement) => {
          if (server.movements.some((s) => s.id === m.id)) return; // the server's own: a duplicate
          if (m.reason === 'reversed') return; // a take-back the server did not make: refused
          if (acceptMovement(balanceOf(server.movements, m.account), m).ok) server.movements.push(m);
        };
        const factsOf = (
          known: readonly Movement[],
          order: (typeof orders)[number],
          before: number,
          amount: number,
        ) => {
          const ofOrder = known.filter((m) => m.orderId === order.id && m.account === order.account);
          return {
            cards: [
              {
                account: order.account,
                sold: order.value,
                takenBack: -sum(ofOrder.filter((m) => m.reason === 'reversed')),
                balance: balanceOf(known, order.account),
              },
            ],
            paid: order.paid,
            refundedBefore: before,
            amount,
          };
        };
        const sync = (d: Desk) => {
          for (const entry of d.outbox) {
            if (entry.refund) {
              const refund = entry.refund;
              const order = orders.find((o) => o.id === refund.orderId)!;
              const before = refundedOf(server.refunds, order.id);
              // The machine refuses a refund above what is held, and the take-back that follows it.
              if (before + refund.amount > order.paid) continue;
              server.refunds.push(refund);
              for (const t of giftCardsToTakeBack(factsOf(server.movements, order, before, refund.amount))
                .takes)
                server.movements.push({
                  id: `${refund.refundId}:${t.account}`,
                  account: t.account,
                  amount: -t.amount,
                  reason: 'reversed',
                  orderId: order.id,
                });
            }
            for (const m of entry.movements) take(m);
          }
          d.outbox = [];
          d.known = [...server.movements];
          d.refunds = [...server.refunds];
        };
        for (const o of ops) {
          const d = desks[o.desk]!;
          if (o.kind === 'sell') {
            const order = {
              id: `o${orders.length}`,
              paid: o.value + o.goods,
              account: `gift_card:C${orders.length}`,
              value: o.value,
            };
            orders.push(order);
            const sold: Movement = {
              id: next(),
              account: order.account,
              amount: o.value,
              reason: 'sold',
              orderId: order.id,
            };
            server.movements.push(sold);
            for (const each of desks) each.known.push(sold);
          } else if (o.kind === 'spend' && orders.length) {
            const order = orders[o.card % orders.length]!;
            const m: Movement = { id: next(), account: order.account, amount: -o.amount, reason: 'redeemed' };
            if (acceptMovement(balanceOf(d.known, order.account), m).ok) add(d, { movements: [m] });
          } else if (o.kind === 'refund' && orders.length) {
            const order = orders[o.order % orders.length]!;
            const before = refundedOf(d.refunds, order.id);
            const amount = Math.ceil(((order.paid - before) * o.share) / 4);
            if (amount <= 0) continue;
            const back = giftCardsToTakeBack(factsOf(d.known, order, before, amount));
            // The desk refuses a refund that would pay back spent value; the seller refunds less.
            const allowed = back.spent > 0 ? Math.min(amount, back.maxRefund) : amount;
            if (allowed <= 0) continue;
            const facts = factsOf(d.known, order, before, allowed);
            const settled = giftCardsToTakeBack(facts);
            expect(settled.spent).toBe(0);
            expect(facts.cards[0]!.takenBack + sum(settled.takes)).toBeLessThanOrEqual(order.value);
            const refund = { refundId: next(), orderId: order.id, amount: allowed };
            add(d, {
              refund,
              movements: settled.takes.map((t) => ({
                id: `${refund.refundId}:${t.account}`,
                account: t.account,
                amount: -t.amount,
                reason: 'reversed' as const,
                orderId: order.id,
              })),
            });
          } else if (o.kind === 'sync') sync(d);
          for (const each of desks)
            for (const order of orders)
              expect(balanceOf(each.known, order.account)).toBeGreaterThanOrEqual(0);
        }
        sync(desks[0]!);
        sync(desks[1]!);
        for (const d of desks) d.known = [...server.movements];
        for (const order of orders) {
          const mine = server.movements.filter((m) => m.account === order.account);
          let running = 0;
          for (const m of mine) {
            running += m.amount;
            expect(running).toBeGreaterThanOrEqual(0);
          }
          expect(balanceOf(server.movements, order.account)).toBe(sum(mine));
          for (const d of desks) expect(balanceOf(d.known, order.account)).toBe(sum(mine));
          const reversed = -sum(mine.filter((m) => m.reason === 'reversed' && m.orderId === order.id));
          expect(reversed).toBeLessThanOrEqual(order.value);
          expect(refundedOf(server.refunds, order.id)).toBeLessThanOrEqual(order.paid);
          // Refunded in full on the server and never spent: nothing is left on the card.
          // Refunded in full: nothing of the card's own value is left on it.
          if (refundedOf(server.refunds, order.id) === order.paid) expect(sum(mine)).toBe(0);
        }
      }),
      {
        numRuns: 400,
        // The race the server settles: desk 1 spends the card while desk 0 refunds its sale.
        examples: [
          [
            [
              { kind: 'sell', desk: 0, value: 2500, goods: 0 },
              { kind: 'spend', desk: 1, card: 0, amount: 800 },
              { kind: 'refund', desk: 0, order: 0, share: 4 },
              { kind: 'sync', desk: 1 },
              { kind: 'sync', desk: 0 },
            ],
          ],
        ],
      },
    );
  });
});
