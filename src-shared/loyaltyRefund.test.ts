import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { acceptMovement, balanceOf, type BalanceMovement } from './balances';
import { describePointsOnRefund, pointsToTakeBack, settleReversal } from './loyaltyRefund';
import { referralTakeBack } from './referrals';

// An order paid £40.00 in money earned 400 points; the customer holds 400.
const order = { earned: 400, takenBack: 0, paid: 4000, balance: 400 };

describe('pointsToTakeBack', () => {
  it('takes back every point earned when everything paid in money is refunded', () => {
    expect(pointsToTakeBack({ ...order, refundedAfter: 4000 })).toEqual({ points: 400, spent: 0 });
  });

  it('takes back the refunded share, rounded down in the customer’s favour', () => {
    // £10.01 of £40.00 is 100.1 points' worth: 100 come back.
    expect(pointsToTakeBack({ ...order, refundedAfter: 1001 })).toEqual({ points: 100, spent: 0 });
  });

  it('takes only what earlier refunds have not, so two partial refunds add up to the whole', () => {
    const first = pointsToTakeBack({ ...order, refundedAfter: 1001 });
    const second = pointsToTakeBack({
      ...order,
      takenBack: first.points,
      balance: order.balance - first.points,
      refundedAfter: 4000,
    });
    expect(first.points + second.points).toBe(400);
  });

  it('never takes the balance below zero: what the customer already spent is said, not taken', () => {
    expect(pointsToTakeBack({ ...order, balance: 150, refundedAfter: 4000 })).toEqual({
      points: 150,
      spent: 250,
    });
    expect(pointsToTakeBack({ ...order, balance: 0, refundedAfter: 4000 })).toEqual({
      points: 0,
      spent: 400,
    });
  });

  it('takes nothing from an order that earned nothing or was paid only in points', () => {
    expect(pointsToTakeBack({ ...order, earned: 0, refundedAfter: 4000 })).toEqual({ points: 0, spent: 0 });
    expect(pointsToTakeBack({ ...order, paid: 0, refundedAfter: 0 })).toEqual({ points: 0, spent: 0 });
  });
});

describe('describePointsOnRefund', () => {
  it('says what went back and what was taken back', () => {
    expect(describePointsOnRefund(250, { points: 100, spent: 0 })).toBe(
      'Points: 250 points paid with went back to the customer; 100 points earned on this order were taken back.',
    );
  });

  it('says when the points earned were already spent', () => {
    expect(describePointsOnRefund(0, { points: 150, spent: 250 })).toBe(
      'Points: 150 points earned on this order were taken back; 250 points earned on it were already spent, so the balance is now 0.',
    );
    expect(describePointsOnRefund(0, { points: 0, spent: 1 })).toBe(
      'Points: 1 point earned on it was already spent, so the balance stays at 0.',
    );
  });

  it('says what will happen before the refund is confirmed', () => {
    expect(describePointsOnRefund(250, { points: 150, spent: 250 }, 'preview')).toBe(
      'Points: 250 points paid with go back to the customer; 150 points earned on this order will be taken back; 250 points earned on it are already spent, so the balance will be 0.',
    );
  });

  it('says nothing when no points moved', () => {
    expect(describePointsOnRefund(0, { points: 0, spent: 0 })).toBeNull();
  });
});

describe('settleReversal', () => {
  it('takes all of it while the ledger holds enough, as much as is left when not, none at zero', () => {
    expect(settleReversal(400, { amount: -400 })).toEqual({ ok: true, amount: -400, clamped: false });
    expect(settleReversal(120, { amount: -400 })).toEqual({ ok: true, amount: -120, clamped: true });
    expect(settleReversal(0, { amount: -400 })).toEqual({
      ok: false,
      reason:
        'The customer had already spent the 400 points this refund took back, so nothing was taken and the balance stays at 0',
    });
  });
});

// Two desks sell, spend points and store credit, refund and see referral credit, each offline against
// what it last pulled; the server takes their pushes in any interleaving with the same rules
// (acceptMovement for debits, settleReversal for points taken back, the order machine's "no refund
// above what was paid" with the refund's reversal refused alongside it, ids for what is posted
// once). Whatever happens, every ledger on the server is the sum of its movements and never dips
// below zero, no desk ever shows a negative balance, a refund never takes back more points than
// its order earned, and after a last pull every desk agrees with the server.
describe('points and credit across two desks (property)', () => {
  type Movement = Pick<BalanceMovement, 'id' | 'account' | 'amount' | 'reason' | 'orderId'>;
  type Refund = { orderId: string; amount: number };
  type Entry =
    | { movement: Movement; refund?: undefined; referredRefunded?: undefined }
    | { refund: Refund; movement?: Movement; referredRefunded?: undefined }
    | { referredRefunded: string; movement?: undefined; refund?: undefined };
  type Op =
    | { kind: 'sale'; desk: 0 | 1; paid: number; spend: number }
    | { kind: 'refund'; desk: 0 | 1; order: number; share: number }
    | { kind: 'referral'; desk: 0 | 1; order: number }
    | { kind: 'referredRefunded'; desk: 0 | 1; order: number }
    | { kind: 'spendCredit'; desk: 0 | 1; amount: number }
    | { kind: 'sync'; desk: 0 | 1 };
  const desk = fc.constantFrom(0 as const, 1 as const);
  const op: fc.Arbitrary<Op> = fc.oneof(
    fc.record({
      kind: fc.constant('sale' as const),
      desk,
      paid: fc.integer({ min: 1, max: 5000 }),
      spend: fc.integer({ min: 0, max: 300 }),
    }),
    fc.record({
      kind: fc.constant('refund' as const),
      desk,
      order: fc.nat(),
      share: fc.integer({ min: 1, max: 4 }),
    }),
    fc.record({ kind: fc.constant('referral' as const), desk, order: fc.nat() }),
    fc.record({ kind: fc.constant('referredRefunded' as const), desk, order: fc.nat() }),
    fc.record({ kind: fc.constant('spendCredit' as const), desk, amount: fc.integer({ min: 1, max: 1500 }) }),
    fc.record({ kind: fc.constant('sync' as const), desk }),
  );
  const POINTS = 'loyalty_points:0193a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b';
  const CREDIT = 'store_credit:0193a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b';
  const sum = (list: readonly { amount: number }[]) => list.reduce((n, m) => n + m.amount, 0);

  it('keeps every ledger the sum of its movements, never below zero, on the server and each desk', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 80 }), (ops) => {
        const server = { movements: [] as Movement[], refunds: [] as Refund[] };
        const desks = [0, 1].map(() => ({
          known: [] as Movement[],
          refunds: [] as Refund[],
          outbox: [] as Entry[],
        }));
        type Desk = (typeof desks)[number];
        // An order's sale is known everywhere at once; its refunds travel with the desk's pushes.
        const orders: { id: string; paid: number }[] = [];
        let ids = 0;
        const next = () => `m${ids++}`;
        const add = (d: Desk, entry: Entry) => {
          if (entry.movement) d.known.push(entry.movement);
          if (entry.refund) d.refunds.push(entry.refund);
          d.outbox.push(entry);
        };
        const refundedOf = (refunds: readonly Refund[], orderId: string) =>
          sum(refunds.filter((r) => r.orderId === orderId));
        const take = (m: Movement) => {
          if (server.movements.some((s) => s.id === m.id)) return; // already there: posted once
          const balance = balanceOf(server.movements, m.account);
          if (m.reason === 'reversed') {
            const settled = settleReversal(balance, m);
            if (settled.ok) server.movements.push({ ...m, amount: settled.amount });
          } else if (acceptMovement(balance, m).ok) server.movements.push(m);
          let running = 0;
          for (const s of server.movements.filter((s) => s.account === m.account)) {
            running += s.amount;
            expect(running).toBeGreaterThanOrEqual(0);
          }
        };
        const sync = (d: Desk) => {
          for (const entry of d.outbox) {
            if (entry.refund) {
              const order = orders.find((o) => o.id === entry.refund.orderId)!;
              // The machine refuses a refund above what is held, and the reversal that follows it.
              if (refundedOf(server.refunds, order.id) + entry.refund.amount > order.paid) continue;
              server.refunds.push(entry.refund);
            }
            if (entry.movement) take(entry.movement);
            // The referred first order refunded in full: the server takes the reward's credit back
            // once (its id from the refund, at most one per reward), as far as the referrer holds it.
            const referred = entry.referredRefunded;
            if (referred && server.movements.some((m) => m.id === `credit:${referred}`)) {
              if (!server.movements.some((m) => m.id.startsWith(`reversal:${referred}:`))) {
                const reward = { kind: 'credit' as const, amount: { amount: 500, currency: 'GBP' } };
                const { takenBack, notTakenBack } = referralTakeBack(
                  reward,
                  balanceOf(server.movements, CREDIT),
                );
                expect(takenBack + notTakenBack).toBe(500);
                if (takenBack > 0)
                  server.movements.push({
                    id: `reversal:${referred}:${next()}`,
                    account: CREDIT,
                    amount: -takenBack,
                    reason: 'reversed',
                    orderId: referred,
                  });
              }
            }
          }
          d.outbox = [];
          d.known = [...server.movements];
          d.refunds = [...server.refunds];
        };
        for (const o of ops) {
          const d = desks[o.desk]!;
          if (o.kind === 'sale') {
            const orderId = `o${orders.length}`;
            const spend = Math.min(o.spend, balanceOf(d.known, POINTS));
            if (spend > 0) {
              add(d, {
                movement: { id: next(), account: POINTS, amount: -spend, reason: 'redeemed', orderId },
              });
            }
            orders.push({ id: orderId, paid: o.paid });
            const earned = Math.floor(o.paid / 100);
            if (earned > 0) {
              add(d, {
                movement: { id: next(), account: POINTS, amount: earned, reason: 'earned', orderId },
              });
            }
          } else if (o.kind === 'refund' && orders.length) {
            const order = orders[o.order % orders.length]!;
            const before = refundedOf(d.refunds, order.id);
            const amount = Math.ceil(((order.paid - before) * o.share) / 4);
            if (amount <= 0) continue;
            const ofOrder = d.known.filter((m) => m.orderId === order.id && m.account === POINTS);
            const earned = sum(ofOrder.filter((m) => m.reason === 'earned'));
            const takenBack = -sum(ofOrder.filter((m) => m.reason === 'reversed'));
            const back = pointsToTakeBack({
              earned,
              takenBack,
              paid: order.paid,
              refundedAfter: before + amount,
              balance: balanceOf(d.known, POINTS),
            });
            expect(takenBack + back.points).toBeLessThanOrEqual(earned);
            const refund = { orderId: order.id, amount };
            const reversal: Movement = {
              id: next(),
              account: POINTS,
              amount: -back.points,
              reason: 'reversed',
              orderId: order.id,
            };
            add(d, back.points > 0 ? { refund, movement: reversal } : { refund });
          } else if (o.kind === 'referral' && orders.length) {
            // Both desks may see the referred order paid: the credit's id comes from the order.
            const order = orders[o.order % orders.length]!;
            if (!d.known.some((m) => m.id === `credit:${order.id}`)) {
              add(d, {
                movement: { id: `credit:${order.id}`, account: CREDIT, amount: 500, reason: 'issued' },
              });
            }
          } else if (o.kind === 'referredRefunded' && orders.length) {
            add(d, { referredRefunded: orders[o.order % orders.length]!.id });
          } else if (o.kind === 'spendCredit') {
            const m: Movement = { id: next(), account: CREDIT, amount: -o.amount, reason: 'redeemed' };
            if (acceptMovement(balanceOf(d.known, CREDIT), m).ok) add(d, { movement: m });
          } else if (o.kind === 'sync') sync(d);
          for (const each of desks) {
            expect(balanceOf(each.known, POINTS)).toBeGreaterThanOrEqual(0);
            expect(balanceOf(each.known, CREDIT)).toBeGreaterThanOrEqual(0);
          }
        }
        sync(desks[0]!);
        sync(desks[1]!);
        for (const d of desks) d.known = [...server.movements];
        for (const account of [POINTS, CREDIT]) {
          const total = sum(server.movements.filter((m) => m.account === account));
          expect(balanceOf(server.movements, account)).toBe(total);
          expect(total).toBeGreaterThanOrEqual(0);
          for (const d of desks) expect(balanceOf(d.known, account)).toBe(total);
        }
        for (const order of orders) {
          const ofOrder = server.movements.filter((m) => m.orderId === order.id && m.account === POINTS);
          const earned = sum(ofOrder.filter((m) => m.reason === 'earned'));
          const reversed = -sum(ofOrder.filter((m) => m.reason === 'reversed'));
          expect(reversed).toBeLessThanOrEqual(earned);
          expect(refundedOf(server.refunds, order.id)).toBeLessThanOrEqual(order.paid);
        }
        // A referral credit is on the server at most once per order.
        const credits = server.movements.filter((m) => m.id.startsWith('credit:')).map((m) => m.id);
        expect(new Set(credits).size).toBe(credits.length);
        // And taken back at most once, never more than it gave.
        for (const id of credits) {
          const orderId = id.slice('credit:'.length);
          const back = server.movements.filter((m) => m.id.startsWith(`reversal:${orderId}:`));
          expect(back.length).toBeLessThanOrEqual(1);
          expect(-sum(back)).toBeLessThanOrEqual(500);
        }
      }),
      {
        numRuns: 500,
        // The race the server settles: desk 1 spends points desk 0 then takes back on a refund.
        examples: [
          [
            [
              { kind: 'sale', desk: 0, paid: 5000, spend: 0 },
              { kind: 'sync', desk: 0 },
              { kind: 'sync', desk: 1 },
              { kind: 'sale', desk: 1, paid: 100, spend: 40 },
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
