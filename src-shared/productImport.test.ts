import { describe, expect, it } from 'vitest';
import { withCheckDigit } from './barcodes';
import { readCsv } from './csvText';
import { normaliseGtin } from './gtin';
import { autoMapping, detectLayout } from './importLayouts';
import { inStorePrefixes } from './productForm';
import type { Product, Variant } from './records';
import { htmlToText, inStoreBarcode, planProductImport, type ProductImportOptions } from './productImport';

const SHOPIFY_HEADER =
  'Handle,Title,Body (HTML),Vendor,Type,Tags,Published,Option1 Name,Option1 Value,Option2 Name,Option2 Value,Option3 Name,Option3 Value,Variant SKU,Variant Grams,Variant Inventory Qty,Variant Price,Variant Compare At Price,Variant Barcode,Image Src';

const PREFIX = inStorePrefixes()[0]!;
const EAN = (n: number) => withCheckDigit(String(400000000000 + n));

function plan(text: string, options: Partial<ProductImportOptions> = {}) {
  const read = readCsv(text);
  if (!read.ok) throw new Error(read.message);
  const layout = detectLayout(read.table.headers);
  if (layout === 'customers') throw new Error('not a product file');
  return planProductImport(read.table.rows, {
    layout,
    mapping: autoMapping(layout, read.table.headers),
    currency: 'GBP',
    defaultBin: 'A-01-1',
    defaultCategory: 'Uncategorised',
    existingVariants: new Map(),
    existingProducts: new Map(),
    existingBarcodes: new Map(),
    makeMissingBarcodes: false,
    barcodePrefix: PREFIX,
    source: 'products.csv',
    deskId: 'D1',
    now: '2026-12-07T10:00:00.000Z',
    ...options,
  });
}

const lines = (...rows: string[]) => `\uFEFF${[SHOPIFY_HEADER, ...rows].join('\r\n')}\r\n`;

/** A product already in the catalogue with its variants, as plan options. */
function stored(
  name: string,
  variants: Array<Pick<Variant, 'sku' | 'barcode' | 'attributes'> & Partial<Variant>>,
  extra: Partial<Product> = {},
) {
  const at = '2026-12-01T10:00:00.000Z';
  const product: Product = {
    id: crypto.randomUUID(),
    name,
    category: 'Mugs',
    taxClass: 'standard',
    options: Object.keys(variants[0]?.attributes ?? {}),
    allowBackorder: false,
    active: true,
    searchWords: [name.toLowerCase()],
    createdAt: at,
    updatedAt: at,
    ...extra,
  };
  const rows: Variant[] = variants.map((v) => ({
    id: crypto.randomUUID(),
    productId: product.id,
    price: { amount: 1250, currency: 'GBP' },
    weightGrams: 300,
    bin: 'A-01-1',
    createdAt: at,
    updatedAt: at,
    ...v,
  }));
  return {
    product,
    variants: rows,
    existingProducts: new Map([[product.id, product]]),
    existingVariants: new Map(rows.map((v) => [v.sku, v])),
    existingBarcodes: new Map(rows.map((v) => [normaliseGtin(v.barcode)!, v.sku])),
  };
}

describe('planProductImport, Shopify layout', () => {
  it('makes one product per handle, continuation rows adding its variants with their options', () => {
    const result = plan(
      lines(
        `tee,Tee,"<p>Soft, <b>organic</b> cotton</p>",Acme,Shirts,"summer, cotton",TRUE,Size,S,Colour,Red,,,tee-s-red,200,5,12.50,15.00,${EAN(1)},`,
        `tee,,,,,,,,M,,Red,,,TEE-M-RED,210,0,12.50,,${EAN(2)},`,
        `tee,,,,,,,,,,,,,,,,,,,https://cdn.example/tee2.jpg`,
      ),
    );
    expect(result.problems).toEqual([]);
    expect(result.products).toHaveLength(1);
    expect(result.products[0]).toMatchObject({
      name: 'Tee',
      brand: 'Acme',
      category: 'Shirts',
      description: 'Soft, organic cotton',
      options: ['Size', 'Colour'],
      active: true,
    });
    expect(result.variants.map((v) => [v.sku, v.attributes, v.price.amount, v.weightGrams])).toEqual([
      ['TEE-S-RED', { Size: 'S', Colour: 'Red' }, 1250, 200],
      ['TEE-M-RED', { Size: 'M', Colour: 'Red' }, 1250, 210],
    ]);
    expect(result.skippedRows).toBe(1);
    expect(result.movements).toEqual([
      expect.objectContaining({ kind: 'receive', quantity: 5, variantId: result.variants[0]!.id }),
    ]);
  });

  it('reads a product without options (Title / Default Title) as one variant without attributes', () => {
    const result = plan(lines(`mug,Mug,,,,,,Title,Default Title,,,,,MUG-1,350,2,8,,${EAN(3)},`));
    expect(result.problems).toEqual([]);
    expect(result.products[0]!.options).toEqual([]);
    expect(result.variants[0]!.attributes).toEqual({});
  });

  it('names a continuation row with an empty option value, keeping the product’s other variants', () => {
    const result = plan(
      lines(
        `tee,Tee,,,,,,Size,S,,,,,TEE-S,200,1,10,,${EAN(4)},`,
        `tee,,,,,,,,,,,,,TEE-M,200,1,10,,${EAN(5)},`,
      ),
    );
    expect(result.problems).toEqual([{ row: 3, message: expect.stringContaining('Option1 Value is empty') }]);
    expect(result.variants.map((v) => v.sku)).toEqual(['TEE-S']);
  });

  it('refuses a handle used again for a different product, and merges one used again for the same', () => {
    const result = plan(
      lines(
        `tee,Tee,,,,,,Size,S,,,,,TEE-S,200,1,10,,${EAN(6)},`,
        `mug,Mug,,,,,,Title,Default Title,,,,,MUG,300,1,5,,${EAN(7)},`,
        `tee,Teapot,,,,,,Title,Default Title,,,,,POT,900,1,25,,${EAN(8)},`,
        `tee,,,,,,,,M,,,,,TEE-M,200,1,10,,${EAN(9)},`,
      ),
    );
    expect(result.problems).toEqual([
      {
        row: 4,
        message: 'Handle “tee” is already used for “Tee” on row 2; a second product needs its own handle',
      },
    ]);
    expect(result.products.map((p) => p.name)).toEqual(['Tee', 'Mug']);
    expect(result.variants.filter((v) => v.productId === result.products[0]!.id).map((v) => v.sku)).toEqual([
      'TEE-S',
      'TEE-M',
    ]);
  });

  it('gives every variant with stock its own opening movement, and refuses each row whose stock is unbelievable', () => {
    const result = plan(
      lines(
        `a,A,,,,,,Title,Default Title,,,,,A-1,100,7,3.00,,${EAN(20)},`,
        `b,B,,,,,,Title,Default Title,,,,,B-1,100,7,3.00,,${EAN(21)},`,
        `c,C,,,,,,Title,Default Title,,,,,C-1,100,200000,3.00,,${EAN(22)},`,
        `d,D,,,,,,Title,Default Title,,,,,D-1,100,200000,3.00,,${EAN(23)},`,
        `e,E,,,,,,Title,Default Title,,,,,E-1,100,2,3.00,,${EAN(24)},`,
      ),
    );
    expect(result.problems).toEqual([
      { row: 4, message: 'Quantity above 100,000 units is not believable' },
      { row: 5, message: 'Quantity above 100,000 units is not believable' },
    ]);
    expect(result.variants.map((v) => v.sku)).toEqual(['A-1', 'B-1', 'E-1']);
    expect(result.movements.map((m) => [m.variantId, m.quantity])).toEqual(
      result.variants.map((v, i) => [v.id, [7, 7, 2][i]]),
    );
    expect(new Set(result.movements.map((m) => m.id)).size).toBe(3);
    for (const m of result.movements)
      expect(m).toMatchObject({ kind: 'receive', reason: 'Opening stock from products.csv', deskId: 'D1' });
  });

  it('lists bad prices, weights and stock with their row numbers and reasons', () => {
    const result = plan(
      lines(
        `a,A,,,,,,Title,Default Title,,,,,A-1,100,1,abc,,${EAN(10)},`,
        `b,B,,,,,,Title,Default Title,,,,,B-1,100,1,-4.00,,${EAN(11)},`,
        `c,C,,,,,,Title,Default Title,,,,,C-1,100,1,,,${EAN(12)},`,
        `d,D,,,,,,Title,Default Title,,,,,D-1,heavy,-2,1.999,,${EAN(13)},`,
        `e,E,,,,,,Title,Default Title,,,,,E-1,100,1,3.00,,${EAN(14)},`,
      ),
    );
    expect(result.problems.map((p) => p.row)).toEqual([2, 3, 4, 5]);
    expect(result.problems[0]!.message).toMatch(/^Price: "abc" is not an amount/);
    expect(result.problems[1]!.message).toMatch(/negative/);
    expect(result.problems[2]!.message).toBe('Price is empty; every variant needs a price');
    expect(result.problems[3]!.message).toBe(
      'Price: "1.999" has 3 decimal places; GBP allows at most 2; Weight “heavy” is not a number; Opening stock -2 is negative',
    );
    expect(result.variants.map((v) => v.sku)).toEqual(['E-1']);
  });

  it('refuses wrong check digits, spreadsheet-mangled and missing barcodes, each with its reason', () => {
    const good = EAN(15);
    const wrong = good.slice(0, 12) + String((Number(good[12]) + 1) % 10);
    const result = plan(
      lines(
        `a,A,,,,,,Title,Default Title,,,,,A-1,100,1,1,,${wrong},`,
        `b,B,,,,,,Title,Default Title,,,,,B-1,100,1,1,,4.00638E+12,`,
        `c,C,,,,,,Title,Default Title,,,,,C-1,100,1,1,,,`,
        `d,D,,,,,,Title,Default Title,,,,,D-1,100,1,1,,'${good},`,
      ),
    );
    expect(result.problems).toEqual([
      { row: 2, message: expect.stringMatching(/wrong check digit \(expected \d\)/) },
      { row: 3, message: expect.stringMatching(/turned into a number by a spreadsheet/) },
      { row: 4, message: 'Barcode is empty; every item needs one to be scanned' },
    ]);
    expect(result.variants[0]!.barcode).toBe(good);
  });

  it('de-duplicates barcodes by value: a UPC-A and the same number as EAN-13 are one code', () => {
    const upc = '036000291452';
    const result = plan(
      lines(
        `a,A,,,,,,Title,Default Title,,,,,A-1,100,1,1,,${upc},`,
        `b,B,,,,,,Title,Default Title,,,,,B-1,100,1,1,,0${upc},`,
        `c,C,,,,,,Title,Default Title,,,,,C-1,100,1,1,,${EAN(16)},`,
      ),
      { existingBarcodes: new Map([[normaliseGtin(EAN(16))!, 'OLD-1']]) },
    );
    expect(result.problems).toEqual([
      { row: 3, message: `Barcode 0${upc} is the same code as ${upc} on row 2` },
      { row: 4, message: `Barcode ${EAN(16)} is already in the catalogue (SKU OLD-1)` },
    ]);
  });

  it('refuses a SKU repeated in the file, or one the catalogue gives another product of the file', () => {
    const old = stored('Old Thing', [{ sku: 'OLD-1', barcode: EAN(40), attributes: { Size: 'S' } }]);
    const other = stored('Other Thing', [{ sku: 'OTHER-1', barcode: EAN(41), attributes: { Size: 'M' } }]);
    const result = plan(
      lines(
        `a,A,,,,,,Title,Default Title,,,,,dup-1,100,1,1,,${EAN(17)},`,
        `b,B,,,,,,Title,Default Title,,,,,DUP-1,100,1,1,,${EAN(18)},`,
        `c,C,,,,,,Size,S,,,,,OLD-1,100,1,1,,,`,
        `c,,,,,,,,M,,,,,OTHER-1,100,1,1,,,`,
      ),
      {
        existingProducts: new Map([...old.existingProducts, ...other.existingProducts]),
        existingVariants: new Map([...old.existingVariants, ...other.existingVariants]),
        existingBarcodes: new Map([...old.existingBarcodes, ...other.existingBarcodes]),
      },
    );
    expect(result.problems).toEqual([
      { row: 3, message: 'SKU DUP-1 is already on row 2' },
      { row: 5, message: 'SKU OTHER-1 is “Other Thing” in the catalogue, not “C”' },
    ]);
    // Handle c names the stored Old Thing by its SKU: the file renames it.
    expect(result.updatedProducts.map((u) => [u.row.id, u.row.name])).toEqual([[old.product.id, 'C']]);
    expect(result.changes[0]!.changes).toContain('name “Old Thing” → “C”');
  });

  it('gives items without a barcode new in-store codes that never collide, when asked', () => {
    const result = plan(lines(`a,A,,,,,,Size,S,,,,,,100,1,1,,,`, `a,,,,,,,,M,,,,,,100,1,1,,,`), {
      makeMissingBarcodes: true,
      barcodePrefix: '27',
      existingBarcodes: new Map([
        [normaliseGtin(inStoreBarcode(7, '27'))!, 'OLD-7'],
        [normaliseGtin(inStoreBarcode(9, PREFIX))!, 'OTHER-9'],
      ]),
    });
    expect(result.problems).toEqual([]);
    expect(result.variants.map((v) => [v.sku, v.barcode])).toEqual([
      ['A-S', inStoreBarcode(8, '27')],
      ['A-M', inStoreBarcode(9, '27')],
    ]);
    expect(result.variants[0]!.barcode).toMatch(/^27\d{11}$/);
    expect(result.madeBarcodes).toBe(2);
  });

  it('makes no barcode with the label scale’s prefix, and says why', () => {
    const result = plan(lines(`a,A,,,,,,Title,Default Title,,,,,,100,1,1,,,`), {
      makeMissingBarcodes: true,
      barcodePrefix: '02',
    });
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]!.message).toMatch(
      /^No barcode, and none can be made: In-store barcodes need a prefix/,
    );
  });

  it('refuses every row of a product whose first row is bad, naming that row', () => {
    const result = plan(
      lines(`x,,,,,,,Size,S,,,,,X-S,1,1,1,,${EAN(20)},`, `x,,,,,,,,M,,,,,X-M,1,1,1,,${EAN(21)},`),
    );
    expect(result.problems).toEqual([
      { row: 2, message: expect.stringContaining('Title is empty on the first row of handle “x”') },
      { row: 3, message: 'Belongs to “x” on row 2, which cannot be imported' },
    ]);
    expect(result.products).toEqual([]);
  });
});

describe('planProductImport, Orderline layout', () => {
  it('groups rows by product name and reads bins, tax class and stock', () => {
    const text = [
      'Product,SKU,Barcode,Price,Option1 Name,Option1 Value,Category,Brand,Tax class,Weight (g),Bin,Active,On hand',
      `Mug,MUG-B,${EAN(22)},8.00,Colour,Blue,Kitchen,Acme,reduced,350,b-02-1,yes,4`,
      `Mug,MUG-R,${EAN(23)},8.00,Colour,Red,Kitchen,Acme,reduced,350,B-02-2,yes,0`,
    ].join('\n');
    const result = plan(text);
    expect(result.problems).toEqual([]);
    expect(result.products).toEqual([
      expect.objectContaining({ name: 'Mug', taxClass: 'reduced', options: ['Colour'] }),
    ]);
    expect(result.variants.map((v) => v.bin)).toEqual(['B-02-1', 'B-02-2']);
    expect(result.movements.map((m) => m.quantity)).toEqual([4]);
  });
});

describe('htmlToText', () => {
  it('turns Shopify body HTML into plain text', () => {
    expect(htmlToText('<p>Fish &amp; chips</p><ul><li>hot</li><li>salty</li></ul>')).toBe(
      'Fish & chips\nhot\nsalty',
    );
  });
});

describe('planProductImport, items already in the catalogue', () => {
  const ORDERLINE = 'Product,SKU,Barcode,Price,Option1 Name,Option1 Value,Category,Bin,On hand';
  const mug = stored('Stoneware Mug', [
    { sku: 'MUG-S', barcode: EAN(30), attributes: { Size: 'S' } },
    { sku: 'MUG-M', barcode: EAN(31), attributes: { Size: 'M' } },
  ]);

  it('changes them, matched by SKU or else by barcode, says what changes, and adds new variants to them', () => {
    const result = plan(
      [
        ORDERLINE,
        `Stoneware Mug,MUG-S,${EAN(30)},13.00,Size,S,Kitchen,B-02-1,5`,
        `Stoneware Mug,MUG-MED,${EAN(31)},12.50,Size,M,,,`,
        `Stoneware Mug,MUG-L,${EAN(32)},14.00,Size,L,,,3`,
      ].join('\n'),
      mug,
    );
    expect(result.problems).toEqual([]);
    expect(result.goodRows).toBe(3);
    expect(result.products).toEqual([]);
    expect(result.variants.map((v) => [v.sku, v.productId, v.attributes])).toEqual([
      ['MUG-L', mug.product.id, { Size: 'L' }],
    ]);
    expect(result.movements.map((m) => m.quantity)).toEqual([3]);
    expect(result.updatedProducts.map((u) => [u.row.id, u.row.category, u.fields])).toEqual([
      [mug.product.id, 'Kitchen', ['category', 'searchWords', 'updatedAt']],
    ]);
    expect(result.updatedProducts[0]!.row.createdAt).toBe(mug.product.createdAt);
    expect(result.updatedVariants.map((u) => [u.row.id, u.fields])).toEqual([
      [mug.variants[0]!.id, ['price', 'bin', 'updatedAt']],
      [mug.variants[1]!.id, ['sku', 'updatedAt']],
    ]);
    expect(result.changes).toEqual([
      {
        row: 2,
        sku: 'MUG-S',
        product: 'Stoneware Mug',
        changes: ['category Mugs → Kitchen', 'price £12.50 → £13.00', 'bin A-01-1 → B-02-1'],
      },
      { row: 3, sku: 'MUG-MED', product: 'Stoneware Mug', changes: ['SKU MUG-M → MUG-MED'] },
    ]);
    // Stock of an item already there is counted in Stock, not imported.
    expect(result.stockNotChanged).toBe(1);
  });

  it('counts rows that change nothing, and keeps what a cell leaves empty', () => {
    const result = plan([ORDERLINE, `Stoneware Mug,MUG-S,,,Size,S,,,`].join('\n'), mug);
    expect(result.problems).toEqual([]);
    expect(result).toMatchObject({ goodRows: 1, unchangedRows: 1, changes: [], updatedVariants: [] });
    expect(result.updatedProducts).toEqual([]);
  });

  it('refuses a new variant that repeats a stored one’s options, or a barcode another item has', () => {
    const result = plan(
      [
        ORDERLINE,
        `Stoneware Mug,MUG-S2,${EAN(35)},13.00,Size,S,,,`,
        `Stoneware Mug,MUG-M,${EAN(30)},13.00,Size,M,,,`,
      ].join('\n'),
      mug,
    );
    expect(result.problems).toEqual([
      { row: 2, message: '“Stoneware Mug” already has S as SKU MUG-S' },
      { row: 3, message: `Barcode ${EAN(30)} is already in the catalogue (SKU MUG-S)` },
    ]);
  });
});
