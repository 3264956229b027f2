// Writing a checked CSV import: products, variants, opening stock (a 'receive' movement with its
// level) and customers in ONE transaction with their outbox entries, so they sync, or nothing at all.
import type { CustomerImportPlan } from '../../../src-shared/customerImport';
import { normaliseGtin } from '../../../src-shared/gtin';
import type { Who } from '../../../src-shared/orderRow';
import type { ProductImportPlan } from '../../../src-shared/productImport';
import type { OutboxEntry } from '../../../src-shared/records';
import { ValidationError } from '../../../src-shared/validation';
import { auditEntry, auditedBy } from './auditLog';
import type { OrderlineDb } from './database';
import { outboxEntry } from './outbox';

const CHUNK = 2000;

/** What the catalogue already holds: SKUs, and barcode keys (by value) → the SKU that has each. */
export async function catalogCodes(
  db: OrderlineDb,
): Promise<{ skus: Set<string>; barcodes: Map<string, string> }> {
  const skus = new Set<string>();
  const barcodes = new Map<string, string>();
  await db.variants.each((v) => {
    skus.add(v.sku);
    const key = normaliseGtin(v.barcode);
    if (key) barcodes.set(key, v.sku);
  });
  return { skus, barcodes };
}

/** E-mail addresses already in the store (lower-cased) → the customer's name. */
export async function customerEmails(db: OrderlineDb): Promise<Map<string, string>> {
  const emails = new Map<string, string>();
  await db.customers.each((c) => {
    if (c.email) emails.set(c.email.toLowerCase(), c.name);
  });
  return emails;
}

async function addInChunks<T>(
  rows: readonly T[],
  add: (chunk: T[]) => Promise<unknown>,
  step: (count: number) => void,
): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    await add(chunk);
    step(chunk.length);
  }
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
  plan: Pick<ProductImportPlan, 'products' | 'variants' | 'movements'>,
  who: Who,
  source: string,
  onProgress: (fraction: number) => void = () => {},
): Promise<void> {
  const now = new Date().toISOString();
  const units = plan.movements.reduce((sum, m) => sum + m.quantity, 0);
  const outbox: OutboxEntry[] = [
    ...plan.products.map((p) => outboxEntry('record.put', 'products', p.id, p)),
    ...plan.variants.map((v) => outboxEntry('record.put', 'variants', v.id, v)),
    ...plan.movements.map((m) => outboxEntry('stock.movement', 'stockMovements', m.id, m)),
  ];
  const levels = plan.movements.map((m) => ({
    variantId: m.variantId,
    onHand: m.quantity,
    reserved: 0,
    updatedAt: now,
  }));
  const total = plan.products.length + plan.variants.length + plan.movements.length * 2 + outbox.length || 1;
  let done = 0;
  const step = (count: number) => onProgress(Math.min(1, (done += count) / total));
  await db
    .transaction(
      'rw',
      [db.products, db.variants, db.stockMovements, db.stockLevels, db.outbox, db.auditLog],
      async () => {
        await addInChunks(plan.products, (c) => db.products.bulkAdd(c), step);
        await addInChunks(plan.variants, (c) => db.variants.bulkAdd(c), step);
        await addInChunks(plan.movements, (c) => db.stockMovements.bulkAdd(c), step);
        await addInChunks(levels, (c) => db.stockLevels.bulkPut(c), step);
        await addInChunks(outbox, (c) => db.outbox.bulkAdd(c), step);
        await db.auditLog.add(
          auditEntry({
            kind: 'stock_receive',
            ...auditedBy(who),
            at: now,
            summary:
              `Imported ${plan.products.length.toLocaleString('en')} products (${plan.variants.length.toLocaleString('en')} variants) with opening stock of ${units.toLocaleString('en')} units from ${source}`.slice(
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
  const outbox = plan.customers.map((c) => outboxEntry('record.put', 'customers', c.id, c));
  const total = plan.customers.length + outbox.length || 1;
  let done = 0;
  const step = (count: number) => onProgress(Math.min(1, (done += count) / total));
  await db.transaction('rw', [db.customers, db.outbox], async () => {
    await addInChunks(plan.customers, (c) => db.customers.bulkAdd(c), step);
    await addInChunks(outbox, (c) => db.outbox.bulkAdd(c), step);
  });
  onProgress(1);
}
