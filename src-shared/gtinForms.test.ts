import { describe, expect, it } from 'vitest';
import { sameGtin } from './gtin';
import { gtinForms } from './gtinForms';

describe('gtinForms', () => {
  it('gives every stored form of a UPC-A, whichever form was scanned', () => {
    const forms = ['036000291452', '0036000291452', '00036000291452'];
    for (const scanned of forms) expect(gtinForms(scanned).sort()).toEqual([...forms].sort());
  });

  it('keeps an EAN-8 findable as itself and as its padded forms', () => {
    expect(gtinForms('96385074')).toEqual(['00000096385074', '0000096385074', '000096385074', '96385074']);
  });

  it('gives an EAN-13 that does not start with 0 only itself and its GTIN-14', () => {
    expect(gtinForms('4006381333931')).toEqual(['04006381333931', '4006381333931']);
  });

  it('gives a case code only itself: a GTIN-14 with an indicator digit is another code', () => {
    expect(gtinForms('10036000291459')).toEqual(['10036000291459']);
  });

  it('gives nothing for a misread or a non-GTIN', () => {
    expect(gtinForms('036000291453')).toEqual([]);
    expect(gtinForms('TSH-RED-M')).toEqual([]);
  });

  it('every form is the same GTIN by value', () => {
    for (const form of gtinForms('0036000291452')) expect(sameGtin(form, '036000291452')).toBe(true);
  });
});
