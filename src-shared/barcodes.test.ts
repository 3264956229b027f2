import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { checkGtin, gtinCheckDigit, withCheckDigit } from './barcodes';

describe('GTIN check digits', () => {
  test('accepts real EAN-13, UPC-A and EAN-8 codes and names their kind', () => {
    expect(checkGtin('4006381333931')).toEqual({ ok: true, kind: 'EAN-13', code: '4006381333931' });
    expect(checkGtin('036000291452')).toEqual({ ok: true, kind: 'UPC-A', code: '036000291452' });
    expect(checkGtin('96385074')).toEqual({ ok: true, kind: 'EAN-8', code: '96385074' });
  });

  test('ignores the whitespace a scanner or a paste leaves around the digits', () => {
    expect(checkGtin(' 4006381333931\n')).toEqual({ ok: true, kind: 'EAN-13', code: '4006381333931' });
  });

  test('says which check digit was expected', () => {
    expect(checkGtin('4006381333932')).toEqual({
      ok: false,
      message: 'Barcode 4006381333932 has a wrong check digit (expected 1)',
      expected: 1,
    });
    expect(checkGtin('036000291453')).toMatchObject({ ok: false, expected: 2 });
    expect(checkGtin('96385075')).toMatchObject({
      ok: false,
      message: 'Barcode 96385075 has a wrong check digit (expected 4)',
    });
  });

  test('explains a wrong number of digits', () => {
    expect(checkGtin('123456789')).toEqual({
      ok: false,
      message: 'Barcode 123456789 has 9 digits; EAN-13 has 13, UPC-A 12, EAN-8 8',
    });
    expect(checkGtin('40063813339310')).toMatchObject({
      ok: false,
      message: expect.stringContaining('has 14 digits'),
    });
  });

  test('refuses letters and other characters', () => {
    expect(checkGtin('40063813339A1')).toEqual({
      ok: false,
      message: 'Barcode "40063813339A1" has characters other than digits',
    });
    expect(checkGtin('4006-3813-3393-1')).toMatchObject({
      ok: false,
      message: expect.stringContaining('other than digits'),
    });
  });

  test('says an empty barcode is empty', () => {
    expect(checkGtin('')).toEqual({
      ok: false,
      message: 'Barcode is empty; scan it or type the digits under the bars',
    });
    expect(checkGtin('   ')).toMatchObject({ ok: false, message: expect.stringContaining('is empty') });
  });

  test('computes and appends check digits', () => {
    expect(gtinCheckDigit('400638133393')).toBe(1);
    expect(withCheckDigit('03600029145')).toBe('036000291452');
    expect(withCheckDigit('9638507')).toBe('96385074');
    expect(() => gtinCheckDigit('12a')).toThrow('"12a" is not all digits');
  });

  test('every code made with withCheckDigit passes, and any single mistyped digit is caught', () => {
    fc.assert(
      fc.property(
        fc
          .constantFrom(7, 11, 12)
          .chain((length) =>
            fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: length, maxLength: length }),
          ),
        fc.nat(),
        fc.integer({ min: 1, max: 9 }),
        (body, position, shift) => {
          const code = withCheckDigit(body);
          expect(checkGtin(code).ok).toBe(true);
          const at = position % code.length;
          const typo = code.slice(0, at) + String((Number(code[at]) + shift) % 10) + code.slice(at + 1);
          expect(checkGtin(typo).ok).toBe(false);
        },
      ),
    );
  });
});
