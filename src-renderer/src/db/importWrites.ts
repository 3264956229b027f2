// Writing a checked CSV import: products, variants, opening stock (a 'receive' movement with its
// level) and customers in ONE transaction with their outbox entries, so they sync, or nothing at all.
// New records are queued as batch entries (one per 500 records, see outboxBatch), not one per record.
import type { CustomerImportPlan } from '$shared/customerImport';
import { normaliseGtin } from '$shared/gtin';
import type { Who } from '$shared/orderRow';
import type { ProductImportPlan } from '$shared/productImport';
import type { OutboxEntry, Product, Variant } from '$shared/records';
import { ValidationError } from '$shared/validation';
import { auditEntry, auditedBy } from './auditLog';
import type { OrderlineDb } from './database';
import { queueBatches } from './outboxBatch';
import { recordEntry } from './syncedWrites';

const CHUNK = 2000;
/** A plan's records were made by safeParseRecord, which read their text and nesting. */
const checked = { textChecked: true };

/** What the catalogue already holds: variants by SKU, products by id, and barcode keys (by value)
 * → the SKU that has each. */
export async function catalogueNow(db: OrderlineDb): Promise<{
  variants: Map<string, Variant>;
  products: Map<string, Product>;
  barcodes: Map<string, string>;
}> {
  const [variantRows, productRows] = await Promise.all([db.variants.toArray(), db.products.toArray()]);
  const variants = new Map<string, Variant>();
  const barcodes = new Map<string, string>();
  for (const v of variantRows) {
    variants.set(v.sku, v);
    const key = normaliseGtin(v.barcode);
    if (key) barcodes.set(key, v.sku);
  }
  return { variants, products: new Map(productRows.map((p) => [p.id, p])), barcodes };
}

/** E-mail addresses already in the store (lower-cased) → the customer's name. */
export async function customerEmails(db: OrderlineDb): Promise<Map<string, string>> {
  const emails = new Map<string, string>();
  await db.customers.each((c) => {
    if (c.email) emails.set(c.email.toLowerCase(), c.name);
  });
  return emails;
}

/**
 * Places the writes of `rows` in chunks without waiting for each: IndexedDB runs a transaction's
 * requests in the order they were placed, so this desk prepares the next rows while the database
 * stores the ones before (no pause per chunk). Await `done()` for all of them.
 */
function chunkedWrites(step: (count: number) => void) {
  const writes: Promise<unknown>[] = [];
  return {
    add<T>(rows: readonly T[], write: (chunk: T[]) => Promise<unknown>): void {
      for (let i = 0; i < rows.length; i += CHUNK) {
        const chunk = rows.slice(i, i + CHUNK);
        const written = write(chunk).then(() => step(chunk.length));
        // Handled here so a failed chunk is one error (the transaction's), not one per chunk.
        written.catch(() => {});
        writes.push(written);
      }
    },
    done: () => Promise.all(writes),
  };
}

/** A SKU or barcode arriving by sync between the check and the write would break the unique index. */
function refusedByIndex(error: unknown): never {
  if (error instanceof Error && (error.name === 'ConstraintError' || error.name === 'BulkError')) {
    throw new ValidationError('The import', [
      'a SKU or barcode in the file reached the catalogue meanwhile (from another desk); check the file again',
    ]);
  }
  throw error;
}

/** Writes the good rows of a product import; `onProgress` gets 0..1. Nothing is written on failure. */
export async function writeProductImport(
  db: OrderlineDb,
  plan: Pick<
    ProductImportPlan,
    'products' | 'variants' | 'movements' | 'updatedProducts' | 'updatedVariants'
  >,
  who: Who,
  source: string,
  onProgress: (fraction: number) => void = () => {},
): Promise<void> {
  const now = new Date().toISOString();
  const units = plan.movements.reduce((sum, m) => sum + m.quantity, 0);
  // Changes to items already there carry the fields they change: another desk's edit of the
  // others is kept (last writer per field). New records are queued in batches (outboxBatch).
  const updates: OutboxEntry[] = [
    ...plan.updatedProducts.map(({ row, fields }) => recordEntry('products', row, fields)),
    ...plan.updatedVariants.map(({ row, fields }) => recordEntry('variants', row, fields)),
  ];
  const updatedProducts = plan.updatedProducts.map((u) => u.row);
  const updatedVariants = plan.updatedVariants.map((u) => u.row);
  const levels = plan.movements.map((m) => ({
    variantId: m.variantId,
    onHand: m.quantity,
    reserved: 0,
    updatedAt: now,
  }));
  const total =
    plan.products.length +
      plan.variants.length +
      updatedProducts.length +
      updatedVariants.length +
      plan.movements.length * 2 +
      updates.length || 1;
  let done = 0;
  const step = (count: number) => onProgress(Math.min(1, (done += count) / total));
  await db
    .transaction(
      'rw',
      [db.products, db.variants, db.stockMovements, db.stockLevels, db.outbox, db.auditLog],
      async () => {
        const writes = chunkedWrites(step);
        writes.add(plan.products, (c) => db.products.bulkAdd(c));
        writes.add(plan.variants, (c) => db.variants.bulkAdd(c));
        writes.add(updatedProducts, (c) => db.products.bulkPut(c));
        writes.add(updatedVariants, (c) => db.variants.bulkPut(c));
        writes.add(plan.movements, (c) => db.stockMovements.bulkAdd(c));
        writes.add(levels, (c) => db.stockLevels.bulkPut(c));
        // In the order a per-record queue had them: products, variants, stock, then the changes.
        // (Their check that each record can be sent runs while the rows above are being stored.)
        await queueBatches(db, 'products', plan.products, checked);
        await queueBatches(db, 'variants', plan.variants, checked);
        await queueBatches(db, 'stockMovements', plan.movements, checked);
        writes.add(updates, (c) => db.outbox.bulkAdd(c));
        await writes.done();
        await db.auditLog.add(
          auditEntry({
            kind: 'stock_receive',
            ...auditedBy(who),
            at: now,
            summary:
              `Imported ${plan.products.length.toLocaleString('en')} products (${plan.variants.length.toLocaleString('en')} variants) with opening stock of ${units.toLocaleString('en')} units from ${source}${updatedVariants.length || updatedProducts.length ? `; changed ${updatedProducts.length.toLocaleString('en')} products and ${updatedVariants.length.toLocaleString('en')} variants already in the catalogue` : ''}`.slice(
                0,
                500,
              ),
          }),
        );
      },
    )
    .catch(refusedByIndex);
  onProgress(1);
}

/** Writes the good rows of a customer import, with their outbox entries. */
export async function writeCustomerImport(
  db: OrderlineDb,
  plan: Pick<CustomerImportPlan, 'customers'>,
  onProgress: (fraction: number) => void = () => {},
): Promise<void> {
  const total = plan.customers.length || 1;
  let done = 0;
  const step = (count: number) => onProgress(Math.min(1, (done += count) / total));
  await db.transaction('rw', [db.customers, db.outbox], async () => {
    const writes = chunkedWrites(step);
    writes.add(plan.customers, (c) => db.customers.bulkAdd(c));
    await queueBatches(db, 'customers', plan.customers, checked);
    await writes.done();
  });
  onProgress(1);
}
