// Balances as ledgers: the sum of their movements, a debit refused below zero, and across two desks
// spending offline, the server's rule keeps every ledger at zero or above and equal to its sum.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  acceptMovement,
  accountOf,
  balanceOf,
  BalanceMovementSchema,
  earningBase,
  GIFT_CARD_VARIANT_ID,
  isGiftCardCode,
  maskGiftCardCode,
  newGiftCardCode,
  normaliseGiftCardCode,
  pointsEarned,
  pointsFor,
  type BalanceMovement,
} from './balances';

const CARD = accountOf('gift_card', '7KQ2MX9P3HRT');
const CUSTOMER = '0196f0a0-0000-7000-8000-000000000001';
const RULES = { enabled: true, pointsPerUnit: 1, pointValue: 1 };

describe('gift card codes', () => {
  it('makes twelve unmistakable characters, read back however they are typed', () => {
    const code = newGiftCardCode();
    expect(isGiftCardCode(code)).toBe(true);
    expect(normaliseGiftCardCode(' 7kq2-mx9p 3hrt ')).toBe('7KQ2MX9P3HRT');
    expect(isGiftCardCode('0OIL1ABCDEFG')).toBe(false);
    expect(maskGiftCardCode('7KQ2MX9P3HRT')).toBe('••••-••••-3HRT');
  });
});

describe('BalanceMovementSchema', () => {
  const base = { id: CUSTOMER, deskId: 'D1', createdAt: '2026-12-07T10:00:00.000Z' };
  it('refuses a debit called a sale, money without a currency and an adjustment without a reason', () => {
    const bad = [
      { ...base, account: CARD, reason: 'sold', amount: -500, currency: 'GBP' },
      { ...base, account: CARD, reason: 'sold', amount: 500 },
      { ...base, account: CARD, reason: 'adjusted', amount: -5, currency: 'GBP' },
      { ...base, account: 'gift_card:SHORT', reason: 'sold', amount: 500, currency: 'GBP' },
    ];
    for (const input of bad) expect(BalanceMovementSchema.safeParse(input).success).toBe(false);
    const points = { ...base, account: accountOf('loyalty_points', CUSTOMER), reason: 'earned', amount: 25 };
    expect(BalanceMovementSchema.safeParse(points).success).toBe(true);
  });
});

describe('acceptMovement', () => {
  it('takes what adds, and a debit only down to zero, naming what is left', () => {
    expect(acceptMovement(0, { account: CARD, amount: 2500, currency: 'GBP' })).toEqual({
      ok: true,
      after: 2500,
    });
    expect(acceptMovement(2500, { account: CARD, amount: -2500, currency: 'GBP' })).toEqual({
      ok: true,
      after: 0,
    });
    expect(acceptMovement(300, { account: CARD, amount: -500, currency: 'GBP' })).toEqual({
      ok: false,
      reason: 'Gift card ••••-••••-3HRT holds £3.00, not the £5.00 taken from it',
    });
  });
});

describe('loyalty points', () => {
  it('earns per whole unit spent, rounded down, nothing when off', () => {
    expect(pointsEarned(RULES, 2599, 'GBP')).toBe(25);
    expect(pointsEarned({ ...RULES, pointsPerUnit: 3 }, 1000, 'JPY')).toBe(3000);
    expect(pointsEarned({ ...RULES, enabled: false }, 2599, 'GBP')).toBe(0);
    expect(pointsFor({ ...RULES, pointValue: 2 }, 501)).toBe(251);
  });

  it('earns on money paid, not on points spent nor on gift cards bought', () => {
    const order = {
      lines: [
        { variantId: GIFT_CARD_VARIANT_ID, quantity: 2, unitPrice: { amount: 1000 } },
        { variantId: CUSTOMER, quantity: 1, unitPrice: { amount: 3000 } },
      ],
      payments: [
        { method: 'card_terminal', amount: { amount: 4500 } },
        { method: 'loyalty_points', amount: { amount: 500 } },
      ],
    };
    expect(earningBase(order)).toBe(2500);
  });
});

// Two desks, each spending a card offline against what it last pulled; the server applies their
// pushes in some interleaving with acceptMovement. Whatever the order, every ledger on the server
// equals the sum of its accepted movements and never dips below zero.
describe('across desks (property)', () => {
  type Op = { desk: 0 | 1; account: number; amount: number; sync: boolean };
  const op = fc.record({
    desk: fc.constantFrom(0 as const, 1 as const),
    account: fc.integer({ min: 0, max: 2 }),
    amount: fc.integer({ min: -3000, max: 3000 }).filter((n) => n !== 0),
    sync: fc.boolean(),
  });
  const accounts = [CARD, accountOf('store_credit', CUSTOMER), accountOf('loyalty_points', CUSTOMER)];

  it('keeps every ledger equal to the sum of its movements and never below zero', () => {
    fc.assert(
      fc.property(
        fc.array(op, { maxLength: 60 }),
        fc.array(fc.boolean(), { maxLength: 200 }),
        (ops, coin) => {
          const server: Pick<BalanceMovement, 'account' | 'amount'>[] = [];
          const desks = [
            { known: [] as typeof server, outbox: [] as typeof server },
            { known: [] as typeof server, outbox: [] as typeof server },
          ];
          let flips = 0;
          const push = (d: (typeof desks)[number]) => {
            for (const m of d.outbox) {
              const verdict = acceptMovement(balanceOf(server, m.account), m);
              if (verdict.ok) server.push(m);
              else d.known.splice(d.known.indexOf(m), 1); // the desk undoes a refused debit
            }
            d.outbox = [];
            d.known = [...server]; // and pulls
          };
          for (const o of ops as Op[]) {
            const desk = desks[o.desk]!;
            const movement = { account: accounts[o.account]!, amount: o.amount };
            // The desk checks offline against what it knows, as the till does.
            if (acceptMovement(balanceOf(desk.known, movement.account), movement).ok) {
              desk.known.push(movement);
              desk.outbox.push(movement);
            }
            if (o.sync) push(desks[coin[flips++ % Math.max(1, coin.length)] ? 1 : 0]!);
          }
          push(desks[0]!);
          push(desks[1]!);
          for (const d of desks) d.known = [...server]; // a last pull: every desk agrees with the server
          for (const account of accounts) {
            let running = 0;
            for (const m of server.filter((s) => s.account === account)) {
              running += m.amount;
              expect(running).toBeGreaterThanOrEqual(0);
            }
            expect(balanceOf(server, account)).toBe(running);
            for (const d of desks) expect(balanceOf(d.known, account)).toBe(running);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
