// Saving products with their variants: validated as a whole, written in one transaction with
// their outbox entries, and refused with a sentence when a SKU or barcode is already taken.
import { newId } from '$shared/ids';
import { normaliseGtin } from '$shared/gtin';
import { ProductSchema, VariantSchema, type Product, type Variant } from '$shared/records';
import { ValidationError, parseRecord, recordLabel } from '$shared/validation';
import { productSearchWords, type OrderlineDb } from './database';
import { outboxEntry } from './outbox';
import { variantByGtin } from './variantLookup';

export type ProductInput = Omit<Product, 'id' | 'searchWords' | 'createdAt' | 'updatedAt'> & { id?: string };
export type VariantInput = Omit<Variant, 'id' | 'productId' | 'createdAt' | 'updatedAt'> & { id?: string };

/** Builds validated rows (with ids, timestamps and search words) without writing anything. */
export function productRows(
  input: ProductInput,
  variants: readonly VariantInput[],
  now = new Date().toISOString(),
) {
  const id = input.id ?? newId();
  const product = parseRecord(
    ProductSchema,
    { ...input, id, searchWords: productSearchWords(input), createdAt: now, updatedAt: now },
    recordLabel('Product', input.name),
  );
  if (variants.length === 0)
    throw new ValidationError(recordLabel('Product', product.name), ['it needs at least one variant (SKU)']);
  const rows = variants.map((variant, i) =>
    parseRecord(
      VariantSchema,
      { ...variant, id: variant.id ?? newId(), productId: id, createdAt: now, updatedAt: now },
      `Variant ${i + 1} of “${product.name}”`,
    ),
  );
  const keyOf = (row: Variant, key: 'sku' | 'barcode') =>
    key === 'barcode' ? (normaliseGtin(row.barcode) ?? row.barcode) : row.sku;
  const repeated = (key: 'sku' | 'barcode') =>
    rows.find((row, i) => rows.findIndex((r) => keyOf(r, key) === keyOf(row, key)) !== i);
  const sameSku = repeated('sku');
  if (sameSku)
    throw new ValidationError(recordLabel('Product', product.name), [
      `SKU ${sameSku.sku} is given to two variants`,
    ]);
  const sameBarcode = repeated('barcode');
  if (sameBarcode)
    throw new ValidationError(recordLabel('Product', product.name), [
      `barcode ${sameBarcode.barcode} is given to two variants`,
    ]);
  return { product, variants: rows };
}

/** Refuses a SKU or barcode that another product already uses (the unique index would only say "ConstraintError"). */
async function assertCodesFree(
  db: OrderlineDb,
  productId: string,
  variants: readonly Variant[],
): Promise<void> {
  const problems: string[] = [];
  for (const variant of variants) {
    const bySku = await db.variants.where('sku').equals(variant.sku).first();
    if (bySku && bySku.productId !== productId)
      problems.push(`SKU ${variant.sku} already belongs to another product`);
    // By value: 036000291452 and 0036000291452 are one code, so one product.
    const byBarcode = await variantByGtin(db, variant.barcode);
    if (byBarcode && byBarcode.productId !== productId) {
      problems.push(`barcode ${variant.barcode} already belongs to another product (SKU ${byBarcode.sku})`);
    }
  }
  if (problems.length) throw new ValidationError('The product', problems);
}

export async function saveProduct(
  db: OrderlineDb,
  input: ProductInput,
  variants: readonly VariantInput[],
): Promise<Product> {
  const rows = productRows(input, variants);
  await db.transaction('rw', [db.products, db.variants, db.outbox], async () => {
    await assertCodesFree(db, rows.product.id, rows.variants);
    const existing = await db.products.get(rows.product.id);
    if (existing) rows.product.createdAt = existing.createdAt;
    const keep = new Set(rows.variants.map((v) => v.id));
    const removed = (await db.variants.where('productId').equals(rows.product.id).primaryKeys()).filter(
      (id) => !keep.has(id),
    );
    await db.variants.bulkDelete(removed);
    await db.products.put(rows.product);
    await db.variants.bulkPut(rows.variants);
    await db.outbox.bulkAdd([
      outboxEntry('record.put', 'products', rows.product.id, rows.product),
      ...rows.variants.map((v) => outboxEntry('record.put', 'variants', v.id, v)),
    ]);
  });
  return rows.product;
}
