import { describe, expect, test } from 'vitest';
import { caseCodeItem, normaliseGtin, sameGtin } from './gtin';

describe('normaliseGtin', () => {
  test('a UPC-A, the same number as EAN-13 and as GTIN-14 have one key', () => {
    expect(normaliseGtin('036000291452')).toBe('00036000291452');
    expect(normaliseGtin('0036000291452')).toBe('00036000291452');
    expect(normaliseGtin('00036000291452')).toBe('00036000291452');
    expect(sameGtin('036000291452', '0036000291452')).toBe(true);
  });

  test('EAN-8 and EAN-13 are padded to fourteen digits', () => {
    expect(normaliseGtin('96385074')).toBe('00000096385074');
    expect(normaliseGtin('4006381333931')).toBe('04006381333931');
  });

  test('ignores spaces and hyphens from a paste', () => {
    expect(normaliseGtin(' 4006381-333931 ')).toBe('04006381333931');
  });

  test('refuses a wrong check digit, letters and other lengths', () => {
    expect(normaliseGtin('4006381333932')).toBeNull();
    expect(normaliseGtin('40063813339X1')).toBeNull();
    expect(normaliseGtin('123456789')).toBeNull();
    expect(normaliseGtin('')).toBeNull();
    expect(sameGtin('4006381333932', '4006381333932')).toBe(false);
  });
});

describe('caseCodeItem', () => {
  test('a GTIN-14 case code names its pack indicator and the single item inside', () => {
    // 1 + 400638133393 + check digit: a case of the EAN-13 4006381333931.
    const body = '1400638133393';
    const check = [...body].reverse().reduce((sum, d, i) => sum + Number(d) * (i % 2 === 0 ? 3 : 1), 0);
    const caseCode = body + String((10 - (check % 10)) % 10);
    expect(caseCodeItem(caseCode)).toEqual({ indicator: 1, itemKey: '04006381333931' });
  });

  test('an item code is not a case code', () => {
    expect(caseCodeItem('4006381333931')).toBeNull();
    expect(caseCodeItem('not a code')).toBeNull();
  });
});
