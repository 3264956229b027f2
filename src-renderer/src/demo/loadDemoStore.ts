// Loads the demo store into an empty desk: every row validated first, then written in one
// transaction with progress, so a failure leaves the desk as empty as it was.
import {
  CustomerSchema,
  OrderEventSchema,
  OrderSchema,
  ProductSchema,
  StaffSchema,
  StockMovementSchema,
  VariantSchema,
  type Staff,
} from '$shared/records';
import { parseRecord } from '$shared/validation';
import type { z } from 'zod';
import type { OrderlineDb } from '$db/database';
import { isStoreEmpty } from '$lib/firstRun';

export { isStoreEmpty };
import { DEMO_DESK, DEMO_SIZE, generateStore, type GeneratedStore, type StoreSize } from './generateStore';
import { demoStaffRows } from './demoStaff';
import { SHIP_FROM_KEY } from '$shared/packDocuments';
import { PROMOS_KEY } from '$shared/storeRules';

// Where the demo store's parcels come from: printed on every label and packing slip.
export const DEMO_SHIP_FROM = {
  id: '0193a000-0000-7000-8000-00000000f001',
  kind: 'shipping',
  name: 'Orderline Demo Store',
  line1: 'Unit 4, Wharf Road Trading Estate',
  city: 'London',
  postalCode: 'N1 7GR',
  country: 'GB',
  phone: '020 7946 0000',
} as const;

function validateAll<S extends z.ZodType>(schema: S, rows: readonly unknown[], what: string): void {
  for (const row of rows) parseRecord(schema, row, what);
}

/** Refuses a generated store that breaks any record schema, before anything is written. */
export function validateStore(store: GeneratedStore): void {
  validateAll(ProductSchema, store.products, 'A demo product');
  validateAll(VariantSchema, store.variants, 'A demo variant');
  validateAll(CustomerSchema, store.customers, 'A demo customer');
  validateAll(OrderSchema, store.orders, 'A demo order');
  validateAll(OrderEventSchema, store.orderEvents, 'A demo order event');
  validateAll(StockMovementSchema, store.stockMovements, 'A demo stock movement');
}

const CHUNK = 500;

/** Writes a generated store (and its staff, already hashed); `onProgress` gets 0..1 as tables fill. */
export async function writeStore(
  db: OrderlineDb,
  store: GeneratedStore,
  onProgress: (fraction: number) => void = () => {},
  staff: readonly Staff[] = [],
): Promise<void> {
  validateAll(StaffSchema, staff, 'A demo staff member');
  const plan = [
    [db.staff, staff],
    [db.products, store.products],
    [db.variants, store.variants],
    [db.customers, store.customers],
    [db.orders, store.orders],
    [db.orderEvents, store.orderEvents],
    [db.stockMovements, store.stockMovements],
    [db.stockLevels, store.stockLevels],
  ] as const;
  const total = plan.reduce((sum, [, rows]) => sum + rows.length, 0);
  let done = 0;
  const tables = plan.map(([table]) => table);
  await db.transaction('rw', [...tables, db.settings], async () => {
    if (!(await isStoreEmpty(db)))
      throw new Error('this desk already has a store; the demo only loads into an empty one');
    for (const [table, rows] of plan) {
      for (let i = 0; i < rows.length; i += CHUNK) {
        const chunk = rows.slice(i, i + CHUNK);
        // Each table's rows match its own type; the tuple loses that pairing.
        await (table as unknown as { bulkAdd(rows: readonly unknown[]): Promise<unknown> }).bulkAdd(chunk);
        done += chunk.length;
        onProgress(done / total);
      }
    }
    await db.settings.bulkPut([
      { key: 'desk', value: DEMO_DESK },
      { key: SHIP_FROM_KEY, value: DEMO_SHIP_FROM },
      { key: `orderSequence:${DEMO_DESK.code}`, value: store.orders.length },
      { key: 'demoStore', value: true },
      // Demo promo codes (PromoSchema): one to use, one that expired a month ago, one with a high minimum.
      {
        key: PROMOS_KEY,
        value: [
          {
            id: '0193a000-0000-7000-8000-000000000001',
            code: 'WELCOME10',
            description: 'WELCOME10: 10% off orders of £20 or more',
            kind: 'percent',
            percent: 10,
            minSpend: { amount: 2000, currency: 'GBP' },
            oncePerCustomer: false,
            active: true,
          },
          {
            id: '0193a000-0000-7000-8000-000000000002',
            code: 'SPRING5',
            kind: 'fixed',
            amount: { amount: 500, currency: 'GBP' },
            expiresOn: new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10),
            oncePerCustomer: false,
            active: true,
          },
          {
            id: '0193a000-0000-7000-8000-000000000003',
            code: 'BIGSPEND15',
            kind: 'fixed',
            amount: { amount: 1500, currency: 'GBP' },
            minSpend: { amount: 15000, currency: 'GBP' },
            oncePerCustomer: true,
            active: true,
          },
        ],
      },
    ]);
  });
}

/** Generates, validates and writes the demo store (progress: 0–0.3 generating, 0.3–1 writing). */
export async function loadDemoStore(
  db: OrderlineDb,
  onProgress: (fraction: number) => void = () => {},
  size: StoreSize = DEMO_SIZE,
): Promise<GeneratedStore> {
  onProgress(0);
  // Let the progress bar paint before the generator takes the thread.
  await new Promise((resolve) => setTimeout(resolve, 0));
  const store = generateStore(size, { onProgress: (f) => onProgress(f * 0.25) });
  validateStore(store);
  // Hashed before the write: a slow KDF awaited inside the transaction would let it commit early.
  const staff = await demoStaffRows();
  onProgress(0.3);
  await writeStore(db, store, (f) => onProgress(0.3 + f * 0.7), staff);
  return store;
}
