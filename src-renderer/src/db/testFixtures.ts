// Fixtures shared by the renderer's database tests: small, known records written through the
// real validated writers, so a test starts from rows the app itself could have made.
import { withCheckDigit } from '../../../src-shared/barcodes';
import type { Product, Variant } from '../../../src-shared/records';
import { saveProduct } from './catalogWrites';
import type { OrderlineDb } from './database';
import { recordStockMovement } from './stockWrites';

/** A Blue Mug at £12.50 (400 g, bin A-01-1) with `onHand` received; made once per database. */
export async function stockedMug(
  db: OrderlineDb,
  onHand = 20,
): Promise<{ product: Product; variant: Variant }> {
  const known = await db.variants.where('sku').equals('MUG-BLUE').first();
  if (known) return { product: (await db.products.get(known.productId))!, variant: known };
  const product = await saveProduct(
    db,
    {
      name: 'Blue Mug',
      category: 'Kitchen',
      taxClass: 'standard',
      options: [],
      allowBackorder: false,
      active: true,
    },
    [
      {
        sku: 'MUG-BLUE',
        barcode: withCheckDigit('400638133393'),
        attributes: {},
        price: { amount: 1250, currency: 'GBP' },
        weightGrams: 400,
        bin: 'A-01-1',
      },
    ],
  );
  const variant = (await db.variants.where('productId').equals(product.id).first())!;
  await recordStockMovement(db, { variantId: variant.id, kind: 'receive', quantity: onHand, deskId: 'D1' });
  return { product, variant };
}

/** A Red Cap at £9.00 (80 g, option Colour: Red) in `bin` with `onHand` received. */
export async function stockedCap(db: OrderlineDb, bin = 'B-02-1', onHand = 10): Promise<Variant> {
  const product = await saveProduct(
    db,
    {
      name: 'Cap',
      category: 'Hats',
      taxClass: 'standard',
      options: ['Colour'],
      allowBackorder: false,
      active: true,
    },
    [
      {
        sku: 'CAP-RED',
        barcode: withCheckDigit('590123412345'),
        attributes: { Colour: 'Red' },
        price: { amount: 900, currency: 'GBP' },
        weightGrams: 80,
        bin,
      },
    ],
  );
  const variant = (await db.variants.where('productId').equals(product.id).first())!;
  await recordStockMovement(db, { variantId: variant.id, kind: 'receive', quantity: onHand, deskId: 'D1' });
  return variant;
}
