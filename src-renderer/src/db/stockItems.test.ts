// A scan at the bench with a quantity typed before it: the item and how many, or one sentence
// (a bad quantity is refused before the catalog is even asked).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OrderlineDb } from './database';
import { findScanned } from './stockItems';
import { stockedMug } from './testFixtures';

let db: OrderlineDb;
beforeEach(() => {
  db = new OrderlineDb(`test-${crypto.randomUUID()}`);
});
afterEach(async () => {
  await db.delete();
});

describe('findScanned', () => {
  it('finds the scanned item, one of it when no quantity is typed, else the typed number', async () => {
    const { variant } = await stockedMug(db, 5);
    expect(await findScanned(db, variant.barcode, '')).toMatchObject({
      ok: true,
      item: { variantId: variant.id, sku: 'MUG-BLUE' },
      quantity: 1,
    });
    expect(await findScanned(db, variant.barcode, ' 12 ')).toMatchObject({ ok: true, quantity: 12 });
  });

  it('refuses a bad typed quantity, and says when the code is not in the catalog', async () => {
    const { variant } = await stockedMug(db, 5);
    expect(await findScanned(db, variant.barcode, 'two')).toEqual({
      ok: false,
      message: '“two” is not a whole number of items; type the quantity again, then scan',
    });
    expect(await findScanned(db, 'NO-SUCH-SKU', '3')).toMatchObject({
      ok: false,
      message: expect.stringContaining('is not a barcode or SKU in the catalog'),
    });
  });
});
