import { describe, expect, it } from 'vitest';
import { withCheckDigit } from './barcodes';
import { money } from './money';
import { classifyScan } from './scanDetector';
import { kilograms, scaleLine, type MeasuredScan } from './scaleLabel';

const cheese = { id: 'cheddar', barcode: withCheckDigit('230004200000'), price: money(18_00, 'GBP') };
const olives = { id: 'olives', barcode: withCheckDigit('210004300000'), price: money(0, 'GBP') };
const catalogue = [cheese, olives];

function measuredScan(body: string): MeasuredScan {
  const read = classifyScan(withCheckDigit(body));
  if (read.kind !== 'measured') throw new Error(`${body} is not a scale label: ${read.kind}`);
  return read;
}

describe('scaleLine', () => {
  it('prices a weight label at weight × price per kg (1.250 kg of £18.00/kg cheddar is £22.50)', () => {
    expect(scaleLine(measuredScan('230004201250'), catalogue)).toEqual({
      ok: true,
      variantId: 'cheddar',
      unitPrice: money(22_50, 'GBP'),
      detail: '1.250 kg × £18.00/kg',
    });
  });

  it('rounds a part of a penny half-to-even (0.333 kg × £18.00 = £5.994 → £5.99; 0.125 kg × £0.20 = 2.5p → 2p)', () => {
    expect(scaleLine(measuredScan('230004200333'), catalogue)).toMatchObject({
      unitPrice: money(5_99, 'GBP'),
    });
    const cheap = [{ ...cheese, price: money(20, 'GBP') }];
    expect(scaleLine(measuredScan('230004200125'), cheap)).toMatchObject({ unitPrice: money(2, 'GBP') });
  });

  it('takes the printed price of a price label as it is (£4.99 olives)', () => {
    expect(scaleLine(measuredScan('210004300499'), catalogue)).toEqual({
      ok: true,
      variantId: 'olives',
      unitPrice: money(4_99, 'GBP'),
      detail: 'label price',
    });
  });

  it('matches the item by its base code, so the same item code under another prefix is not it', () => {
    const result = scaleLine(measuredScan('210004201250'), catalogue);
    expect(result).toMatchObject({ ok: false });
    expect(!result.ok && result.message).toContain('item code 00042');
  });

  it('refuses a label for an item the catalogue does not sell by the scale', () => {
    expect(scaleLine(measuredScan('230009901250'), catalogue)).toEqual({
      ok: false,
      message: `No product is sold by the scale under item code 00099 (catalogue barcode ${withCheckDigit('230009900000')}). Nothing was added.`,
    });
  });

  it('refuses a label with no weight or no price', () => {
    expect(scaleLine(measuredScan('230004200000'), catalogue)).toMatchObject({
      ok: false,
      message: expect.stringContaining('no weight'),
    });
    expect(scaleLine(measuredScan('210004300000'), catalogue)).toMatchObject({
      ok: false,
      message: expect.stringContaining('no price'),
    });
  });

  it('writes grams as kilograms with three decimals', () => {
    expect(kilograms(1250)).toBe('1.250 kg');
    expect(kilograms(5)).toBe('0.005 kg');
  });
});
