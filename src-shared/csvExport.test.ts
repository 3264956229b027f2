import { describe, expect, it } from 'vitest';
import { customersCsv, neutraliseCell, productsCsv, toCsv } from './csvExport';
import { readCsv } from './csvText';
import type { Customer, Product, Variant } from './records';

describe('neutraliseCell', () => {
  it.each([
    ['=HYPERLINK("http://evil","x")', `'=HYPERLINK("http://evil","x")`],
    ['+1 555 0100', "'+1 555 0100"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tcmd', "'\tcmd"],
    ['\r=1', "'\r=1"],
    ['Blue mug', 'Blue mug'],
    ['a=b', 'a=b'],
  ])('makes %j safe to open in a spreadsheet', (input, output) => {
    expect(neutraliseCell(input)).toBe(output);
  });

  it('leaves numbers as numbers, negative ones too, and empties empty', () => {
    expect(neutraliseCell(-3)).toBe('-3');
    expect(neutraliseCell(undefined)).toBe('');
    expect(neutraliseCell(null)).toBe('');
  });
});

describe('toCsv', () => {
  it('writes a BOM and CRLF, quotes commas, quotes and line breaks, and reads back as written', () => {
    const text = toCsv(
      ['Name', 'Note'],
      [
        ['Mug, blue', 'Says "hi"\nTwice'],
        ['=1+1', ''],
      ],
    );
    expect(text.startsWith('\uFEFFName,Note\r\n')).toBe(true);
    const read = readCsv(text);
    if (!read.ok) throw new Error(read.message);
    expect(read.table.rows.map((r) => r.cells)).toEqual([
      ['Mug, blue', 'Says "hi"\nTwice'],
      ["'=1+1", ''],
    ]);
  });
});

const now = '2026-12-07T10:00:00.000Z';
const product: Product = {
  id: '0193a000-0000-7000-8000-000000000101',
  name: '=Evil Mug',
  category: 'Kitchen',
  taxClass: 'standard',
  options: ['Colour'],
  allowBackorder: false,
  active: true,
  searchWords: [],
  createdAt: now,
  updatedAt: now,
};
const variant: Variant = {
  id: '0193a000-0000-7000-8000-000000000102',
  productId: product.id,
  sku: 'MUG-B',
  barcode: '4006381333931',
  attributes: { Colour: 'Blue' },
  price: { amount: 850, currency: 'GBP' },
  weightGrams: 350,
  bin: 'B-02-1',
  createdAt: now,
  updatedAt: now,
};

describe('productsCsv', () => {
  it('writes the Orderline layout, one row per variant, with stock on hand and neutralised text', () => {
    const text = productsCsv([product], [variant], new Map([[variant.id, { onHand: 4 }]]));
    const read = readCsv(text);
    if (!read.ok) throw new Error(read.message);
    expect(read.table.headers.slice(0, 4)).toEqual(['Product', 'SKU', 'Barcode', 'Price']);
    expect(read.table.rows[0]!.cells).toEqual([
      "'=Evil Mug",
      'MUG-B',
      '4006381333931',
      '8.50',
      'Colour',
      'Blue',
      '',
      '',
      '',
      '',
      'Kitchen',
      '',
      'standard',
      '350',
      'B-02-1',
      '',
      'yes',
      '4',
    ]);
  });
});

describe('customersCsv', () => {
  it('neutralises a phone number that starts with +', () => {
    const customer: Customer = {
      id: '0193a000-0000-7000-8000-000000000103',
      name: 'Ada',
      phone: '+44 20 7946 0000',
      phoneDigits: '442079460000',
      addresses: [],
      acquisitionSource: 'other',
      isBusiness: false,
      searchWords: [],
      createdAt: now,
      updatedAt: now,
    };
    expect(customersCsv([customer])).toContain("'+44 20 7946 0000");
  });
});
