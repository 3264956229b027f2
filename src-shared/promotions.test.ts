import { describe, expect, it, test } from 'vitest';
import fc from 'fast-check';
import { money, sum } from './money';
import { newId } from './ids';
import {
  KEPT_PROMO_VERSIONS,
  PromoSchema,
  addPromoVersion,
  applyPromo,
  findPromo,
  normalizeCode,
  promoVersions,
  promosAt,
  type Promo,
  type PromoCart,
} from './promotions';
import { safeParseRecord } from './validation';

const gbp = (amount: number) => money(amount, 'GBP');
const now = new Date('2026-05-15T12:00:00Z');
const customerId = newId();
const shoesId = newId();

function promo(fields: Record<string, unknown>): Promo {
  return PromoSchema.parse({
    id: newId(),
    code: 'SPRING10',
    oncePerCustomer: false,
    active: true,
    ...fields,
  });
}
const spring10 = promo({ kind: 'percent', percent: 10, expiresOn: '2026-05-31' });
const summer5 = promo({ code: 'summer5', kind: 'fixed', amount: gbp(5_00), minSpend: gbp(30_00) });

const cart: PromoCart = {
  currency: 'GBP',
  lines: [
    { productId: shoesId, category: 'Shoes', quantity: 1, unitPrice: gbp(40_00) },
    { category: 'Socks', quantity: 2, unitPrice: gbp(5_00), discount: gbp(1_00) },
  ],
};

describe('promo codes', () => {
  test('a percent code takes its share off every line, after line discounts', () => {
    const result = applyPromo(spring10, cart, { now });
    expect(result).toMatchObject({
      ok: true,
      code: 'SPRING10',
      discount: gbp(4_90),
      description: 'SPRING10: 10% off',
    });
    // 10% of £40 and of £9 (two £5 socks less £1).
    expect(result.ok && result.lineDiscounts).toEqual([gbp(4_00), gbp(90)]);
  });

  test('a code is stored in capitals and found in any case or spacing', () => {
    expect(summer5.code).toBe('SUMMER5');
    expect(normalizeCode(' summer 5 ')).toBe('SUMMER5');
    const found = findPromo([spring10, summer5], 'Summer5');
    expect(found.ok && found.promo.id).toBe(summer5.id);
    expect(findPromo([spring10], 'SPRNG10')).toEqual({
      ok: false,
      reason: 'There is no promo code SPRNG10; check the spelling',
    });
  });

  test('an expired code says on which day it expired', () => {
    const result = applyPromo(spring10, cart, { now: new Date('2026-06-01T08:00:00Z') });
    expect(result).toEqual({ ok: false, reason: 'Code SPRING10 expired on 31 May 2026' });
  });

  test('the last valid day is judged in the store time zone', () => {
    // 23:30 UTC on 31 May is already 1 June in Berlin.
    const late = new Date('2026-05-31T23:30:00Z');
    expect(applyPromo(spring10, cart, { now: late }).ok).toBe(true);
    expect(applyPromo(spring10, cart, { now: late, timeZone: 'Europe/Berlin' }).ok).toBe(false);
  });

  test('a code that has not started yet says when it starts', () => {
    const later = promo({ kind: 'percent', percent: 10, startsOn: '2026-06-01' });
    expect(applyPromo(later, cart, { now })).toEqual({
      ok: false,
      reason: 'Code SPRING10 starts on 1 June 2026',
    });
  });

  test('below the minimum spend, the reason says how much more to spend', () => {
    const small: PromoCart = { currency: 'GBP', lines: [{ quantity: 1, unitPrice: gbp(10_00) }] };
    expect(applyPromo(summer5, small, { now })).toEqual({
      ok: false,
      reason: 'Spend £20.00 more to use SUMMER5',
    });
    expect(applyPromo(summer5, cart, { now })).toMatchObject({ ok: true, discount: gbp(5_00) });
  });

  test('a fixed code never takes off more than the cart is worth', () => {
    const big = promo({ kind: 'fixed', amount: gbp(100_00) });
    const result = applyPromo(big, cart, { now });
    expect(result.ok && result.discount).toEqual(gbp(49_00));
  });

  test('one use per customer needs the customer, and refuses a second use in any case', () => {
    const once = promo({ kind: 'percent', percent: 10, oncePerCustomer: true });
    expect(applyPromo(once, cart, { now })).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/choose the customer/),
    });
    expect(applyPromo(once, cart, { now, customerId, usedCodes: ['spring10'] })).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/already used it/),
    });
    expect(applyPromo(once, cart, { now, customerId, usedCodes: ['OTHER'] }).ok).toBe(true);
  });

  test('a code limited to a category discounts only those lines', () => {
    const shoes = promo({ kind: 'percent', percent: 25, categories: ['Shoes'] });
    const result = applyPromo(shoes, cart, { now });
    expect(result.ok && result.lineDiscounts).toEqual([gbp(10_00), gbp(0)]);
    const sockCart: PromoCart = {
      currency: 'GBP',
      lines: [{ category: 'Socks', quantity: 1, unitPrice: gbp(5_00) }],
    };
    expect(applyPromo(shoes, sockCart, { now })).toEqual({
      ok: false,
      reason: 'Code SPRING10 applies only to Shoes; nothing in the cart qualifies',
    });
  });

  test('a code limited to a product discounts only that product', () => {
    const onlyShoe = promo({ kind: 'fixed', amount: gbp(3_00), productIds: [shoesId] });
    const result = applyPromo(onlyShoe, cart, { now });
    expect(result.ok && result.lineDiscounts).toEqual([gbp(3_00), gbp(0)]);
  });

  test('a switched-off code, an empty cart and a code in another currency are refused in words', () => {
    expect(applyPromo(promo({ kind: 'percent', percent: 5, active: false }), cart, { now })).toMatchObject({
      reason: 'Code SPRING10 is switched off',
    });
    expect(applyPromo(spring10, { currency: 'GBP', lines: [] }, { now })).toMatchObject({
      reason: expect.stringMatching(/cart is empty/),
    });
    const euros = promo({ kind: 'fixed', amount: money(5_00, 'EUR') });
    expect(applyPromo(euros, cart, { now })).toMatchObject({
      reason: expect.stringMatching(/in EUR and cannot be used on a GBP order/),
    });
  });

  test('the schema refuses codes that cannot work, in sentences', () => {
    const base = { id: newId(), oncePerCustomer: false, active: true };
    const bad = [
      { ...base, code: 'X', kind: 'percent', percent: 10 },
      { ...base, code: 'BIG', kind: 'percent', percent: 150 },
      { ...base, code: 'NEG', kind: 'fixed', amount: gbp(-5) },
      { ...base, code: 'FRAC', kind: 'fixed', amount: { amount: 1.5, currency: 'GBP' } },
      { ...base, code: 'BACK', kind: 'percent', percent: 5, startsOn: '2026-06-01', expiresOn: '2026-05-01' },
    ];
    for (const input of bad) {
      const parsed = safeParseRecord(PromoSchema, input);
      expect(parsed.ok, JSON.stringify(input)).toBe(false);
      expect(!parsed.ok && parsed.issues.join(' ')).toMatch(/[a-z]{4}/);
    }
  });

  test('for any cart, the discount is never negative, never above what it covers, and the line shares add up', () => {
    const line = fc.record({
      quantity: fc.integer({ min: 1, max: 50 }),
      unitPrice: fc.integer({ min: 0, max: 100_000 }).map(gbp),
      discount: fc.integer({ min: 0, max: 200_000 }).map(gbp),
      category: fc.constantFrom('Shoes', 'Socks'),
    });
    const rule = fc.oneof(
      fc.integer({ min: 1, max: 100 }).map((percent) => promo({ kind: 'percent', percent })),
      fc.integer({ min: 1, max: 500_000 }).map((amount) => promo({ kind: 'fixed', amount: gbp(amount) })),
      fc
        .integer({ min: 1, max: 100 })
        .map((percent) => promo({ kind: 'percent', percent, categories: ['Shoes'] })),
    );
    fc.assert(
      fc.property(fc.array(line, { maxLength: 8 }), rule, (lines, code) => {
        const result = applyPromo(code, { currency: 'GBP', lines }, { now });
        if (!result.ok) return;
        expect(result.discount.amount).toBeGreaterThan(-1);
        expect(sum(result.lineDiscounts, 'GBP')).toEqual(result.discount);
        lines.forEach((l, i) => {
          const after = Math.max(0, l.unitPrice.amount * l.quantity - l.discount.amount);
          expect(result.lineDiscounts[i]?.amount).toBeLessThanOrEqual(after);
          expect(result.lineDiscounts[i]?.amount).toBeGreaterThanOrEqual(0);
        });
      }),
    );
  });
});

describe('promo codes in the store’s time zone, with a usage limit', () => {
  const island = promo({ code: 'ISLAND10', kind: 'percent', percent: 10, expiresOn: '2026-03-14' });

  test('a code works all through its last day in the store’s zone, and not a minute after its midnight', () => {
    const auckland = { timeZone: 'Pacific/Auckland' };
    // 23:59 on the 14th in Auckland.
    expect(applyPromo(island, cart, { now: new Date('2026-03-14T10:59:00Z'), ...auckland }).ok).toBe(true);
    // 00:30 on the 15th in Auckland: expired there, though still the 14th in UTC and London.
    const late = new Date('2026-03-14T11:30:00Z');
    expect(applyPromo(island, cart, { now: late, ...auckland })).toEqual({
      ok: false,
      reason: 'Code ISLAND10 expired on 14 March 2026',
    });
    expect(applyPromo(island, cart, { now: late, timeZone: 'Europe/London' }).ok).toBe(true);
  });

  test('a code with a usage limit is refused once used that many times', () => {
    const limited = promo({ code: 'FIRST100', kind: 'percent', percent: 10, usageLimit: 100 });
    expect(applyPromo(limited, cart, { now, timesUsed: 99 }).ok).toBe(true);
    expect(applyPromo(limited, cart, { now, timesUsed: 100 })).toEqual({
      ok: false,
      reason: 'Code FIRST100 has been used 100 times, its limit; it cannot be used again',
    });
    const once = promo({ code: 'ONCE', kind: 'percent', percent: 10, usageLimit: 1 });
    expect(applyPromo(once, cart, { now, timesUsed: 1 })).toMatchObject({
      reason: expect.stringContaining('used once'),
    });
    expect(safeParseRecord(PromoSchema, { ...once, usageLimit: 0 })).toEqual({
      ok: false,
      issues: ['Usage limit must be at least 1 use'],
    });
  });
});

describe('promo versions (store.promos)', () => {
  const lateId = newId();
  const base = {
    id: newId(),
    code: 'SPRING',
    kind: 'percent',
    percent: 10,
    oncePerCustomer: false,
    active: true,
  };
  const stored = [
    { ...base },
    { ...base, percent: 25, from: '2026-03-14T10:00:00.000Z' },
    { ...base, id: lateId, code: 'LATE', percent: 5, from: '2026-03-14T11:00:00.000Z' },
    { ...base, id: lateId, code: 'LATE', percent: 7, from: '2026-03-14T12:00:00.000Z' },
    { code: 'BROKEN' },
  ];
  const percents = (promos: Promo[]) => promos.map((p) => [p.code, (p as { percent: number }).percent]);

  it('gives a cart the version in force when it started, or a later code’s first version', () => {
    expect(percents(promosAt(stored, '2026-03-14T09:00:00.000Z'))).toEqual([
      ['SPRING', 10],
      ['LATE', 5],
    ]);
    expect(percents(promosAt(stored, '2026-03-14T12:30:00.000Z'))).toEqual([
      ['SPRING', 25],
      ['LATE', 7],
    ]);
    expect(percents(promosAt(stored))).toEqual([
      ['SPRING', 25],
      ['LATE', 7],
    ]);
  });

  it('adds an edit as a new version and keeps at most the last few of one code', () => {
    let list: unknown = [];
    for (let i = 1; i <= KEPT_PROMO_VERSIONS + 3; i++)
      list = addPromoVersion(
        list,
        { ...base, percent: i } as Promo,
        `2026-03-14T${String(i).padStart(2, '0')}:00:00.000Z`,
      );
    const versions = promoVersions(list);
    expect(versions).toHaveLength(KEPT_PROMO_VERSIONS);
    expect((versions.at(-1)!.promo as { percent: number }).percent).toBe(KEPT_PROMO_VERSIONS + 3);
  });
});
