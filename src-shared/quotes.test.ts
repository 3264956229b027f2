import { describe, expect, test } from 'vitest';
import { money } from './money';
import { newId } from './ids';
import { parseOrderEvent } from '../machines/orderEvents';
import { defaultTaxTable } from './tax';
import { priceCart } from './cartPricing';
import { safeParseRecord } from './validation';
import {
  QuoteSchema,
  convertQuote,
  makeQuote,
  markConverted,
  parseValidDays,
  quoteAmounts,
  quoteDay,
  quoteNumber,
  quoteValidUntil,
  quoteStatus,
  renewQuote,
  type Quote,
} from './quotes';

const gbp = (amount: number) => money(amount, 'GBP');
const created = new Date('2026-05-15T10:00:00Z');
const chairId = newId();
const deskId = newId();

function sampleQuote(): Quote {
  return QuoteSchema.parse(
    makeQuote(
      {
        number: 'Q1-000007',
        currency: 'GBP',
        customerName: 'Acme Ltd',
        lines: [
          {
            id: newId(),
            variantId: chairId,
            sku: 'CHAIR-OAK',
            name: 'Oak chair',
            quantity: 12,
            unitPrice: gbp(85_00),
            taxClass: 'standard',
            discount: gbp(20_00),
          },
          {
            id: newId(),
            variantId: deskId,
            sku: 'DESK-OAK',
            name: 'Oak desk',
            quantity: 2,
            unitPrice: gbp(320_00),
            taxClass: 'standard',
          },
        ],
      },
      { now: created },
    ),
  );
}

describe('quotes', () => {
  test('a new quote is valid for 30 days, the last day included', () => {
    const quote = sampleQuote();
    expect(quote.validUntil).toBe('2026-06-14');
    expect(quoteStatus(quote, created)).toEqual({
      status: 'open',
      validUntil: '2026-06-14',
      daysLeft: 30,
      message: 'Quote Q1-000007 is valid until 14 June 2026 (30 days left)',
    });
    expect(quoteStatus(quote, new Date('2026-06-14T22:00:00Z'))).toMatchObject({
      status: 'open',
      daysLeft: 0,
    });
  });

  test('the day after its last day a quote is expired, judged in the store time zone', () => {
    const quote = sampleQuote();
    expect(quoteStatus(quote, new Date('2026-06-15T00:30:00Z'))).toEqual({
      status: 'expired',
      expiredOn: '2026-06-14',
      message: 'Quote Q1-000007 expired on 14 June 2026',
    });
    // 22:30 UTC on the last day is already the next day in Berlin.
    expect(quoteStatus(quote, new Date('2026-06-14T22:30:00Z'), 'Europe/Berlin').status).toBe('expired');
  });

  test('converting an open quote keeps the quoted prices even after the catalog changed', () => {
    const quote = sampleQuote();
    const result = convertQuote(
      quote,
      { now: new Date('2026-06-01T09:00:00Z') },
      { [chairId]: gbp(95_00), [deskId]: gbp(320_00) },
    );
    if (!result.ok) throw new Error(result.reason);
    expect(result.events.map((e) => [e.sku, e.quantity, e.unitPrice])).toEqual([
      ['CHAIR-OAK', 12, 85_00],
      ['DESK-OAK', 2, 320_00],
    ]);
    for (const event of result.events) expect(parseOrderEvent(event).ok).toBe(true);
    expect(result.priceChanges).toEqual([
      { variantId: chairId, sku: 'CHAIR-OAK', name: 'Oak chair', quoted: gbp(85_00), current: gbp(95_00) },
    ]);
    expect(result.message).toBe(
      "Prices from quote Q1-000007, valid until 14 June 2026; 1 price differs from today's catalog and is held as quoted",
    );
    // The converted cart prices at the quote: 12 × 85 − 20 + 2 × 320.
    const priced = priceCart({
      currency: 'GBP',
      lines: result.cartLines,
      tax: { basis: 'inclusive', table: defaultTaxTable('GB'), destination: { country: 'GB' } },
    });
    expect(priced.ok && priced.total).toEqual(gbp(12 * 85_00 - 20_00 + 2 * 320_00));
  });

  test('an expired quote is not converted, and the refusal says what to do', () => {
    const result = convertQuote(sampleQuote(), { now: new Date('2026-07-01T09:00:00Z') });
    expect(result).toEqual({
      ok: false,
      reason:
        "Quote Q1-000007 expired on 14 June 2026, so its prices are no longer held; renew it at today's prices or build a new cart",
    });
  });

  test('a quote is converted once', () => {
    const done = markConverted(sampleQuote(), newId());
    expect(quoteStatus(done, created).status).toBe('converted');
    expect(convertQuote(done, { now: created })).toEqual({
      ok: false,
      reason: 'Quote Q1-000007 has already been turned into an order',
    });
  });

  test('renewing an expired quote takes today prices, a new validity, and drops what is no longer sold', () => {
    const later = { now: new Date('2026-07-01T09:00:00Z') };
    const renewal = renewQuote(sampleQuote(), { [chairId]: gbp(95_00) }, later);
    expect(renewal.quote.validUntil).toBe('2026-07-31');
    expect(renewal.quote.lines.map((l) => [l.sku, l.unitPrice.amount])).toEqual([['CHAIR-OAK', 95_00]]);
    expect(renewal.removed.map((l) => l.sku)).toEqual(['DESK-OAK']);
    expect(renewal.message).toBe(
      'Renewed until 31 July 2026; new prices: Oak chair £85.00 → £95.00; no longer sold: Oak desk',
    );
    expect(QuoteSchema.safeParse(renewal.quote).success).toBe(true);
    expect(convertQuote(renewal.quote, later).ok).toBe(true);
  });

  test('the schema refuses an empty quote, a bad number and lines in another currency', () => {
    const quote = sampleQuote();
    const bad = [
      { ...quote, lines: [] },
      { ...quote, number: 'quote 7' },
      { ...quote, lines: quote.lines.map((l) => ({ ...l, unitPrice: money(85_00, 'EUR') })) },
      { ...quote, validUntil: '14/06/2026' },
    ];
    for (const input of bad) {
      const parsed = safeParseRecord(QuoteSchema, input);
      expect(parsed.ok).toBe(false);
    }
    const empty = safeParseRecord(QuoteSchema, { ...quote, lines: [] });
    expect(!empty.ok && empty.issues.join('; ')).toMatch(/at least one line/);
  });

  test('a quote cannot be valid for a negative or absurd number of days', () => {
    expect(() =>
      makeQuote({ number: 'Q1-000001', currency: 'GBP', lines: [] }, { now: created }, -1),
    ).toThrow(/0 to 366 days/);
  });
});

describe('quote numbers', () => {
  test('follow the desk code, like order numbers, and always fit the quote schema', () => {
    expect(quoteNumber('D1', 1)).toBe('Q1-000001');
    expect(quoteNumber('D12', 42)).toBe('Q12-000042');
    expect(quoteNumber('BACK', 7)).toBe('QBACK-000007');
    for (const n of [quoteNumber('D1', 999_999), quoteNumber('FRONT', 3)]) {
      expect(QuoteSchema.shape.number.safeParse(n).success).toBe(true);
    }
  });

  test('refuse a desk code or sequence that cannot make a valid number', () => {
    expect(() => quoteNumber('FRONT1', 1)).toThrow(/1–5 capital letters/);
    expect(() => quoteNumber('D1', 0)).toThrow(/1 to 999,999/);
    expect(() => quoteNumber('D1', 1.5)).toThrow(/whole number/);
  });
});

describe('quote validity as the seller types it', () => {
  test('reads whole days from 0 to 366 and says what is wrong otherwise', () => {
    expect(parseValidDays(' 30 ')).toEqual({ ok: true, days: 30 });
    expect(parseValidDays('0')).toEqual({ ok: true, days: 0 });
    expect(parseValidDays('thirty')).toEqual({ ok: false, message: '“thirty” is not a number of days' });
    expect(parseValidDays('1.5')).toEqual({
      ok: false,
      message: 'A quote is valid for a whole number of days',
    });
    expect(parseValidDays('-3')).toEqual({
      ok: false,
      message: 'A quote is valid for 0 to 366 days, not -3',
    });
    expect(parseValidDays('400')).toMatchObject({ ok: false });
  });

  test('the last valid day counts from today in the store time zone, as makeQuote does', () => {
    const lateEvening = new Date('2026-05-15T23:30:00Z');
    expect(quoteValidUntil({ now: lateEvening }, 30)).toBe('2026-06-14');
    expect(quoteValidUntil({ now: lateEvening, timeZone: 'Europe/London' }, 30)).toBe('2026-06-15');
    expect(quoteDay('2026-06-14')).toBe('14 June 2026');
  });
});

test('a quote comes to its lines at the quoted prices, less line and order discounts', () => {
  const quote = sampleQuote();
  const { lines, total } = quoteAmounts(quote);
  const expected = quote.lines.map((l) => l.unitPrice.amount * l.quantity - (l.discount?.amount ?? 0));
  expect(lines.map((l) => l.amount)).toEqual(expected);
  const sum = expected.reduce((a, b) => a + b, 0);
  expect(total).toEqual(gbp(sum - (quote.orderDiscount?.amount ?? 0)));
  expect(quoteAmounts({ ...quote, orderDiscount: gbp(sum + 1) }).total).toEqual(gbp(0));
});
