import { describe, expect, it } from 'vitest';
import { money } from './money';
import { parseDiscount } from './lineDiscount';

const line = money(25_00, 'GBP');

describe('parseDiscount', () => {
  it('reads an amount, with or without the currency sign', () => {
    expect(parseDiscount('2.50', line)).toEqual({ ok: true, discount: money(2_50, 'GBP') });
    expect(parseDiscount('£3', line)).toEqual({ ok: true, discount: money(3_00, 'GBP') });
  });

  it('reads a percent of the value, rounded half-to-even to the penny', () => {
    expect(parseDiscount('10%', line)).toEqual({ ok: true, discount: money(2_50, 'GBP'), percent: 10 });
    // 12.5% of £0.99 is 12.375p → 12p; 50% of 5p is 2.5p → 2p (even).
    expect(parseDiscount('12.5 %', money(99, 'GBP'))).toMatchObject({ discount: money(12, 'GBP') });
    expect(parseDiscount('50%', money(5, 'GBP'))).toMatchObject({ discount: money(2, 'GBP') });
    expect(parseDiscount('100%', line)).toMatchObject({ discount: line });
  });

  it('takes 0 as “no discount”', () => {
    expect(parseDiscount('0', line)).toEqual({ ok: true, discount: money(0, 'GBP') });
  });

  it('refuses more than the value, above 100%, negatives and words, saying why', () => {
    expect(parseDiscount('30', line)).toEqual({
      ok: false,
      message: 'A discount of £30.00 is more than the £25.00 it is taken off',
    });
    expect(parseDiscount('120%', line)).toMatchObject({
      ok: false,
      message: expect.stringContaining('at most 100%'),
    });
    expect(parseDiscount('-5%', line)).toMatchObject({
      ok: false,
      message: expect.stringContaining('not a percent'),
    });
    expect(parseDiscount('lots', line)).toMatchObject({ ok: false, message: expect.stringContaining('10%') });
  });
});
