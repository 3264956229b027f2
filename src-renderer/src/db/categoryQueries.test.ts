import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withCheckDigit } from '$shared/barcodes';
import { saveProduct } from './catalogWrites';
import { listCategories, productsInCategory } from './categoryQueries';
import { OrderlineDb } from './database';
import { stockedCap, stockedMug } from './testFixtures';

let db: OrderlineDb;
beforeEach(() => {
  db = new OrderlineDb(`test-${crypto.randomUUID()}`);
});
afterEach(async () => {
  await db.delete();
});

describe('browsing by category', () => {
  it('lists each category once, in alphabetical order', async () => {
    await stockedMug(db);
    await stockedCap(db);
    expect(await listCategories(db)).toEqual(['Hats', 'Kitchen']);
  });

  it('lists a category’s active products with their variants, and leaves out retired ones', async () => {
    const { product } = await stockedMug(db);
    await stockedCap(db);
    await saveProduct(
      db,
      {
        name: 'Old Teapot',
        category: 'Kitchen',
        taxClass: 'standard',
        options: [],
        allowBackorder: false,
        active: false,
      },
      [
        {
          sku: 'POT-OLD',
          barcode: withCheckDigit('590123400001'),
          attributes: {},
          price: { amount: 900, currency: 'GBP' },
          weightGrams: 800,
          bin: 'A-01-1',
        },
      ],
    );
    const kitchen = await productsInCategory(db, 'Kitchen');
    expect(kitchen.map((row) => row.product.id)).toEqual([product.id]);
    expect(kitchen[0]!.variants.map((v) => v.sku)).toEqual(['MUG-BLUE']);
    expect(await productsInCategory(db, 'Garden')).toEqual([]);
  });
});
