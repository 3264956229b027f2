import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import {
  CurrencyMismatchError,
  MoneyError,
  add,
  allocate,
  compare,
  divideRounded,
  equals,
  exactFraction,
  formatMoney,
  isNegative,
  isZero,
  minimum,
  minorUnitExponent,
  money,
  multiply,
  multiplyByRate,
  parseMoney,
  split,
  subtract,
  sum,
  toDecimalString,
  zero,
} from './money';

const gbp = (amount: number) => money(amount, 'GBP');

describe('making money', () => {
  test('knows the ISO 4217 minor units of each currency', () => {
    expect(minorUnitExponent('USD')).toBe(2);
    expect(minorUnitExponent('EUR')).toBe(2);
    expect(minorUnitExponent('GBP')).toBe(2);
    expect(minorUnitExponent('JPY')).toBe(0);
    expect(minorUnitExponent('KRW')).toBe(0);
    expect(minorUnitExponent('KWD')).toBe(3);
    expect(minorUnitExponent('BHD')).toBe(3);
  });

  test('refuses fractions of a minor unit and badly written currency codes', () => {
    expect(() => money(12.5, 'GBP')).toThrow('whole number of minor units');
    expect(() => money(Number.NaN, 'GBP')).toThrow(MoneyError);
    expect(() => money(100, 'gbp')).toThrow('Currency "gbp" must be a three-letter ISO 4217 code');
    expect(() => money(100, 'POUNDS')).toThrow('ISO 4217');
  });

  test('never produces negative zero', () => {
    expect(Object.is(multiply(gbp(-5), 0).amount, 0)).toBe(true);
  });
});

describe('arithmetic', () => {
  test('adds, subtracts and sums amounts of one currency', () => {
    expect(add(gbp(1250), gbp(99))).toEqual(gbp(1349));
    expect(subtract(gbp(1000), gbp(1250))).toEqual(gbp(-250));
    expect(sum([gbp(1), gbp(2), gbp(3)], 'GBP')).toEqual(gbp(6));
    expect(sum([], 'JPY')).toEqual(zero('JPY'));
  });

  test('refuses to mix currencies, naming both amounts', () => {
    expect(() => add(gbp(1250), money(300, 'EUR'))).toThrow(CurrencyMismatchError);
    expect(() => add(gbp(1250), money(300, 'EUR'))).toThrow(
      'Cannot add 12.50 GBP and 3.00 EUR: the currencies differ, convert one of them first',
    );
    expect(() => compare(gbp(1), money(1, 'USD'))).toThrow('Cannot compare');
    expect(() => sum([gbp(1), money(1, 'JPY')], 'GBP')).toThrow('1 JPY');
  });

  test('multiplies by a whole quantity only', () => {
    expect(multiply(gbp(1999), 3)).toEqual(gbp(5997));
    expect(() => multiply(gbp(1999), 1.5)).toThrow(
      'Quantity 1.5 must be a whole number to multiply 19.99 GBP',
    );
  });

  test('refuses results beyond the safe integer range instead of losing precision', () => {
    expect(() => multiply(gbp(Number.MAX_SAFE_INTEGER), 2)).toThrow('whole number of minor units');
    expect(() => add(gbp(Number.MAX_SAFE_INTEGER), gbp(1))).toThrow(MoneyError);
  });

  test('compares', () => {
    expect(compare(gbp(1), gbp(2))).toBe(-1);
    expect(compare(gbp(2), gbp(2))).toBe(0);
    expect(compare(gbp(3), gbp(2))).toBe(1);
    expect(equals(gbp(2), gbp(2))).toBe(true);
    expect(equals(gbp(2), money(2, 'USD'))).toBe(false);
    expect(minimum(gbp(5), gbp(3))).toEqual(gbp(3));
    expect(isZero(zero('GBP'))).toBe(true);
    expect(isNegative(gbp(-1))).toBe(true);
  });
});

describe('multiplying by a rate', () => {
  test('reads decimals as exact fractions', () => {
    expect(exactFraction(0.055)).toEqual({ numerator: 55n, denominator: 1000n });
    expect(exactFraction('8.875')).toEqual({ numerator: 8875n, denominator: 1000n });
    expect(exactFraction(1e-7)).toEqual({ numerator: 1n, denominator: 10_000_000n });
    expect(exactFraction(20)).toEqual({ numerator: 20n, denominator: 1n });
    expect(() => exactFraction('twenty')).toThrow('"twenty" is not a decimal number');
  });

  test('is exact where floating point is not (1000 × 5.5% is 55, 1.15 × 100 is 115)', () => {
    expect(multiplyByRate(gbp(1000), 0.055)).toEqual(gbp(55));
    expect(multiplyByRate(gbp(100), 1.15)).toEqual(gbp(115));
  });

  test('rounds half to even by default (banker’s rounding)', () => {
    expect(multiplyByRate(gbp(25), 0.1)).toEqual(gbp(2)); // 2.5 → 2
    expect(multiplyByRate(gbp(35), 0.1)).toEqual(gbp(4)); // 3.5 → 4
    expect(multiplyByRate(gbp(-25), 0.1)).toEqual(gbp(-2));
    expect(multiplyByRate(gbp(26), 0.1)).toEqual(gbp(3)); // 2.6 → 3
    expect(multiplyByRate(gbp(24), 0.1)).toEqual(gbp(2)); // 2.4 → 2
  });

  test('rounds half away from zero when asked', () => {
    expect(multiplyByRate(gbp(25), 0.1, 'half-up')).toEqual(gbp(3));
    expect(multiplyByRate(gbp(-25), 0.1, 'half-up')).toEqual(gbp(-3));
  });

  test('divideRounded handles negative denominators and refuses zero', () => {
    expect(divideRounded(7n, -2n, 'half-even')).toBe(-4n);
    expect(() => divideRounded(1n, 0n, 'half-even')).toThrow('Cannot divide an amount by zero');
  });
});

describe('splitting', () => {
  test('splits 100 into three parts that add up, the remainder going first', () => {
    expect(split(gbp(100), 3).map((m) => m.amount)).toEqual([34, 33, 33]);
    expect(split(gbp(-100), 3).map((m) => m.amount)).toEqual([-34, -33, -33]);
  });

  test('allocates by weight using the largest remainder', () => {
    // 1000 × [1,2,3]/6 = 166.67, 333.33, 500: the one left-over unit goes to the biggest remainder.
    expect(allocate(gbp(1000), [1, 2, 3]).map((m) => m.amount)).toEqual([167, 333, 500]);
    expect(allocate(gbp(5), [0, 1, 0]).map((m) => m.amount)).toEqual([0, 5, 0]);
    expect(allocate(gbp(0), [0, 0]).map((m) => m.amount)).toEqual([0, 0]);
  });

  test('refuses splits that cannot be made', () => {
    expect(() => allocate(gbp(100), [])).toThrow('zero parts');
    expect(() => allocate(gbp(100), [0, 0])).toThrow('Cannot split 1.00 GBP by weights that are all zero');
    expect(() => allocate(gbp(100), [1, -1])).toThrow(
      'Split weight -1 must be a whole number of zero or more',
    );
    expect(() => split(gbp(100), 0)).toThrow('Cannot split an amount into 0 parts');
  });

  test('parts always add up exactly and each is within one unit of its fair share', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -10_000_000, max: 10_000_000 }),
        fc.array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 1, maxLength: 20 }),
        (amount, weights) => {
          fc.pre(weights.some((w) => w > 0));
          const parts = allocate(gbp(amount), weights);
          const total = weights.reduce((s, w) => s + w, 0);
          expect(parts.reduce((s, p) => s + p.amount, 0)).toBe(amount);
          parts.forEach((part, i) => {
            expect(Math.abs(part.amount - (amount * (weights[i] ?? 0)) / total)).toBeLessThan(1);
          });
        },
      ),
    );
  });
});

describe('parsing what people type', () => {
  const parsed = (typed: string, currency = 'GBP') => {
    const result = parseMoney(typed, currency);
    return result.ok ? result.value.amount : result.message;
  };

  test('reads plain and grouped amounts into minor units', () => {
    expect(parsed('12.50')).toBe(1250);
    expect(parsed('1,234.5')).toBe(123450);
    expect(parsed('1 234.56')).toBe(123456);
    expect(parsed('  7 ')).toBe(700);
    expect(parsed('.5')).toBe(50);
    expect(parsed('£3.20')).toBe(320);
    expect(parsed('GBP 3')).toBe(300);
    expect(parsed('1250', 'JPY')).toBe(1250);
    expect(parsed('1.234', 'KWD')).toBe(1234);
  });

  test('reads a comma as the decimal mark when told to', () => {
    const result = parseMoney('1.234,5', 'EUR', { decimalMark: ',' });
    expect(result).toEqual({ ok: true, value: money(123450, 'EUR') });
  });

  test('explains too many decimals', () => {
    expect(parsed('12.505')).toBe('"12.505" has 3 decimal places; GBP allows at most 2');
    expect(parsed('100.5', 'JPY')).toBe(
      'JPY has no minor units; enter a whole number such as 1250, not "100.5"',
    );
  });

  test('explains input that is not a number', () => {
    expect(parsed('')).toBe('Enter an amount, such as 12.50');
    expect(parsed('abc')).toBe('"abc" is not an amount; type a number such as 12.50');
    expect(parsed('12a')).toBe('"12a" is not an amount; type a number such as 12.50');
    expect(parsed('1.2.3')).toBe('"1.2.3" has more than one "."; type an amount such as 12.50');
    expect(parsed('12,50')).toBe(
      '"12,50" has a "," or space in the wrong place; use "." for decimals, as in 12.50',
    );
    expect(parsed('£')).toBe('"£" has no digits; type an amount such as 12.50');
    expect(parsed('99999999999999999')).toBe('"99999999999999999" is too large an amount');
  });

  test('refuses negative amounts unless they are allowed', () => {
    expect(parsed('-5')).toBe('"-5" is negative; enter an amount of zero or more');
    expect(parseMoney('-5', 'GBP', { allowNegative: true })).toEqual({ ok: true, value: gbp(-500) });
    expect(parsed('-0')).toBe(0);
  });

  test('reads back every amount it formats as a plain decimal', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
        fc.constantFrom('GBP', 'JPY', 'KWD'),
        (amount, currency) => {
          const m = money(amount, currency);
          expect(parseMoney(toDecimalString(m), currency)).toEqual({ ok: true, value: m });
        },
      ),
    );
  });
});

describe('display', () => {
  test('writes exact decimals in major units', () => {
    expect(toDecimalString(gbp(1250))).toBe('12.50');
    expect(toDecimalString(gbp(-5))).toBe('-0.05');
    expect(toDecimalString(money(1234, 'KWD'))).toBe('1.234');
    expect(toDecimalString(money(500, 'JPY'))).toBe('500');
  });

  test('formats with the locale’s conventions and the currency’s minor units', () => {
    expect(formatMoney(gbp(123450), 'en-GB')).toBe('£1,234.50');
    expect(formatMoney(money(123450, 'USD'), 'en-US')).toBe('$1,234.50');
    expect(formatMoney(money(123456, 'EUR'), 'de-DE')).toBe('1.234,56\u00a0€');
    expect(formatMoney(money(1234, 'KWD'), 'en-US', 'code')).toBe('KWD\u00a01.234');
    expect(formatMoney(money(500, 'JPY'), 'en-US')).toBe('¥500');
  });

  test('formats the largest amounts without float error', () => {
    expect(formatMoney(money(Number.MAX_SAFE_INTEGER, 'USD'), 'en-US')).toBe('$90,071,992,547,409.91');
  });

  test('keeps one formatter per locale, currency and display: each call still formats its own way', () => {
    // The same amounts asked for in turn, as a report does: none takes another's formatter.
    for (let i = 0; i < 2; i++) {
      expect(formatMoney(gbp(250), 'en-GB')).toBe('£2.50');
      expect(formatMoney(gbp(250), 'en-GB', 'code')).toBe('GBP\u00a02.50');
      expect(formatMoney(money(250, 'EUR'), 'de-DE')).toBe('2,50\u00a0€');
      expect(formatMoney(money(250, 'JPY'), 'en-US')).toBe('¥250');
      expect(formatMoney(gbp(-1999), 'en-GB')).toBe('-£19.99');
    }
  });
});
