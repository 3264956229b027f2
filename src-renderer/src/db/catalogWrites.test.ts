// Saving products: bad input is refused with a sentence before anything reaches IndexedDB, and
// good input is stored searchable, with one outbox entry per row.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withCheckDigit } from '$shared/barcodes';
import { ValidationError } from '$shared/validation';
import { saveProduct, type ProductInput, type VariantInput } from './catalogWrites';
import { OrderlineDb } from './database';

let db: OrderlineDb;
beforeEach(() => {
  db = new OrderlineDb(`test-${crypto.randomUUID()}`);
});
afterEach(async () => {
  await db.delete();
});

const mug: ProductInput = {
  name: 'Crème Brûlée Mug',
  brand: 'Ösel',
  category: 'Kitchen',
  taxClass: 'standard',
  options: ['Colour'],
  allowBackorder: false,
  active: true,
};

const variant = (sku: string, barcodeBody: string, extra: Partial<VariantInput> = {}): VariantInput => ({
  sku,
  barcode: withCheckDigit(barcodeBody),
  attributes: { Colour: sku.split('-').at(-1) ?? 'Plain' },
  price: { amount: 1250, currency: 'GBP' },
  weightGrams: 350,
  bin: 'A-03-2',
  ...extra,
});

const blue = variant('MUG-BLUE', '400638133393');
const red = variant('MUG-RED', '400638133394');

async function counts() {
  return {
    products: await db.products.count(),
    variants: await db.variants.count(),
    outbox: await db.outbox.count(),
  };
}

/** Saves, expecting a refusal whose message matches; checks nothing was written. */
async function expectRefused(input: ProductInput, variants: VariantInput[], message: string | RegExp) {
  const before = await counts();
  const attempt = saveProduct(db, input, variants);
  await expect(attempt).rejects.toThrow(ValidationError);
  await expect(attempt).rejects.toThrow(message);
  expect(await counts()).toEqual(before);
}

describe('saveProduct refuses bad input before it reaches IndexedDB', () => {
  it('names the expected check digit of a wrong barcode', async () => {
    const right = withCheckDigit('400638133393');
    const wrongDigit = (Number(right.at(-1)) + 1) % 10;
    const wrong = `${right.slice(0, -1)}${wrongDigit}`;
    await expectRefused(
      mug,
      [{ ...blue, barcode: wrong }],
      `Variant 1 of “Crème Brûlée Mug” was not saved: Barcode ${wrong} has a wrong check digit (expected ${right.at(-1)})`,
    );
  });

  it('refuses a lower-case SKU and a SKU with a space, saying what a SKU looks like', async () => {
    const rule = /SKU must be 2–40 capital letters, digits, dots, dashes or underscores/;
    await expectRefused(mug, [{ ...blue, sku: 'mug-blue' }], rule);
    await expectRefused(mug, [{ ...blue, sku: 'MUG BLUE' }], rule);
  });

  it('refuses a negative price and a price in fractions of a cent', async () => {
    await expectRefused(
      mug,
      [{ ...blue, price: { amount: -1, currency: 'GBP' } }],
      /Price cannot be negative/,
    );
    await expectRefused(
      mug,
      [{ ...blue, price: { amount: 12.5, currency: 'GBP' } }],
      'Price must be a whole number of minor units (cents), not a fraction',
    );
  });

  it('refuses a SKU given to two variants of the same product', async () => {
    await expectRefused(mug, [blue, { ...red, sku: 'MUG-BLUE' }], 'SKU MUG-BLUE is given to two variants');
  });

  it('refuses a barcode given to two variants of the same product', async () => {
    await expectRefused(
      mug,
      [blue, { ...red, barcode: blue.barcode }],
      `barcode ${blue.barcode} is given to two variants`,
    );
  });

  it('refuses a SKU or barcode that another product already uses, keeping the first product intact', async () => {
    await saveProduct(db, mug, [blue]);
    const teapot = { ...mug, name: 'Teapot', options: [] };
    await expectRefused(
      teapot,
      [variant('MUG-BLUE', '500000000001')],
      'SKU MUG-BLUE already belongs to another product',
    );
    await expectRefused(
      teapot,
      [{ ...variant('TEA-POT', '500000000001'), barcode: blue.barcode }],
      `barcode ${blue.barcode} already belongs to another product (SKU MUG-BLUE)`,
    );
    expect((await db.variants.toArray()).map((v) => v.sku)).toEqual(['MUG-BLUE']);
  });

  it('refuses a product without a name or without any variant', async () => {
    await expectRefused({ ...mug, name: '   ' }, [blue], 'Product name cannot be empty');
    await expectRefused(mug, [], 'it needs at least one variant (SKU)');
  });

  // Regression: the message was once built from input.name, so a product that arrives
  // without one (an import row, say) is called “undefined” in the sentence shown to the user.
  it('does not call a product without a name “undefined” in the refusal', async () => {
    const { name: _name, ...unnamed } = mug;
    const attempt = saveProduct(db, unnamed as ProductInput, [blue]);
    await expect(attempt).rejects.toThrow('Name is missing');
    await expect(attempt).rejects.not.toThrow('undefined');
  });

  it('refuses a bin that is not aisle-bay-shelf and a negative weight', async () => {
    await expectRefused(mug, [{ ...blue, bin: 'top shelf' }], 'Bin must look like A-03-2 (aisle-bay-shelf)');
    await expectRefused(mug, [{ ...blue, weightGrams: -5 }], 'Weight cannot be negative');
  });
});

describe('saveProduct stores good input', () => {
  it('stores the product searchable by folded words, its variants, and one outbox entry per row', async () => {
    const product = await saveProduct(db, mug, [blue, red]);
    const stored = await db.products.get(product.id);
    expect(stored).toEqual(product);
    expect(stored?.searchWords).toEqual(['creme', 'brulee', 'mug', 'osel', 'kitchen']);

    const variants = await db.variants.where('productId').equals(product.id).toArray();
    expect(variants.map((v) => v.sku).sort()).toEqual(['MUG-BLUE', 'MUG-RED']);

    const outbox = await db.outbox.toArray();
    expect(outbox).toHaveLength(3);
    expect(outbox.every((e) => e.kind === 'record.put' && e.state === 'pending')).toBe(true);
    expect(outbox.map((e) => `${e.table}:${e.recordId}`).sort()).toEqual(
      [`products:${product.id}`, ...variants.map((v) => `variants:${v.id}`)].sort(),
    );
    expect((await db.products.where('searchWords').startsWith('brul').toArray()).map((p) => p.id)).toEqual([
      product.id,
    ]);
  });

  it('saves an edit in place: keeps createdAt and the variant ids kept, drops the variants left out', async () => {
    const first = await saveProduct(db, mug, [blue, red]);
    const [blueRow] = await db.variants.where('sku').equals('MUG-BLUE').toArray();
    await new Promise((resolve) => setTimeout(resolve, 5));

    const edited = await saveProduct(db, { ...mug, id: first.id, name: 'Blue Mug' }, [
      { ...blue, id: blueRow!.id, price: { amount: 1400, currency: 'GBP' } },
    ]);
    expect(edited.createdAt).toBe(first.createdAt);
    expect(await db.products.count()).toBe(1);
    expect((await db.products.get(first.id))?.searchWords).toEqual(['blue', 'mug', 'osel', 'kitchen']);
    const variants = await db.variants.toArray();
    expect(variants.map((v) => [v.id, v.sku, v.price.amount])).toEqual([[blueRow!.id, 'MUG-BLUE', 1400]]);
  });

  it('lets an edit keep its own SKU and barcode (they are not "taken by another product")', async () => {
    const first = await saveProduct(db, mug, [blue]);
    await expect(saveProduct(db, { ...mug, id: first.id }, [blue])).resolves.toMatchObject({ id: first.id });
  });
});
