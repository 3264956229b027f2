// A CSV import queues its new records as batch entries (one per 500 records) instead of one outbox
// entry each. Against a real server: the store ends exactly as a per-record queue of the same
// import leaves it (same records, same order in the change log), another desk downloads the same
// catalogue and stock, an edit made before the upload still wins, and an upload cut off midway
// resumes without sending anything twice.
import { describe, expect, it } from 'vitest';
import { withCheckDigit } from '$shared/barcodes';
import { readCsv } from '$shared/csvText';
import { newId } from '$shared/ids';
import { autoMapping, detectLayout } from '$shared/importLayouts';
import { planProductImport, type ProductImportPlan } from '$shared/productImport';
import { writeProductImport } from '$db/importWrites';
import { outboxEntry } from '$db/outbox';
import type { OrderlineDb } from '$db/database';
import { queueRecord } from '$db/syncedWrites';
import { type Desk, enrolledDesk, newStore, useSyncServer } from './syncHarness';

const ctx = useSyncServer();

const SIZES = ['S', 'M', 'L', 'XL'];
const HEADER =
  'Handle,Title,Body (HTML),Vendor,Type,Tags,Published,Option1 Name,Option1 Value,Variant SKU,Variant Grams,Variant Inventory Qty,Variant Price,Variant Barcode';

/** A Shopify export of `rows` rows: products of four sizes, most with opening stock. */
function importPlan(rows: number): ProductImportPlan {
  const lines = [HEADER];
  for (let i = 0; i < rows; i++) {
    const product = Math.floor(i / SIZES.length);
    const size = SIZES[i % SIZES.length]!;
    const barcode = withCheckDigit(String(500000000000 + i));
    lines.push(
      i % SIZES.length === 0
        ? `tee-${product},Cotton Tee ${product},<p>Soft tee</p>,Harbour & Co,Shirts,cotton,TRUE,Size,${size},TEE-${product}-${size},180,${i % 7},12.50,${barcode}`
        : `tee-${product},,,,,,,,${size},TEE-${product}-${size},180,${i % 7},12.50,${barcode}`,
    );
  }
  const read = readCsv(lines.join('\r\n'));
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
    barcodePrefix: '25',
    source: 'products.csv',
    deskId: 'D1',
    now: '2026-12-07T10:00:00.000Z',
  });
}

const who = { deskId: 'D1', staffName: 'Olive Owner' };

/** The import as it was queued before batches: the same rows, one outbox entry per record. */
async function writePerRecord(db: OrderlineDb, plan: ProductImportPlan): Promise<void> {
  const now = new Date().toISOString();
  await db.transaction(
    'rw',
    [db.products, db.variants, db.stockMovements, db.stockLevels, db.outbox],
    async () => {
      await db.products.bulkAdd(plan.products);
      await db.variants.bulkAdd(plan.variants);
      await db.stockMovements.bulkAdd(plan.movements);
      await db.stockLevels.bulkPut(
        plan.movements.map((m) => ({
          variantId: m.variantId,
          onHand: m.quantity,
          reserved: 0,
          updatedAt: now,
        })),
      );
      await db.outbox.bulkAdd([
        ...plan.products.map((p) => outboxEntry('record.put', 'products', p.id, p)),
        ...plan.variants.map((v) => outboxEntry('record.put', 'variants', v.id, v)),
        ...plan.movements.map((m) => outboxEntry('stock.movement', 'stockMovements', m.id, m)),
      ]);
    },
  );
}

/** What the server logged for a store, in its order, without what differs between two stores. */
async function serverLog(storeId: string) {
  const rows = await ctx.server.db.query<{
    table_name: string;
    record_id: string;
    record: Record<string, unknown>;
  }>(
    'SELECT table_name, record_id::text AS record_id, record FROM change_log WHERE store_id = $1 ORDER BY seq',
    [storeId],
  );
  return rows.map(({ table_name, record_id, record }) => {
    const { deviceId: _deviceId, deskId: _deskId, ...rest } = record;
    return { table: table_name, id: record_id, record: rest };
  });
}

async function storeWithDesk(code: string): Promise<{ storeId: string; desk: Desk }> {
  const storeId = await newStore(ctx.server, `Store ${newId()}`);
  const desk = await enrolledDesk(ctx.server, storeId, code);
  ctx.desks.push(desk);
  return { storeId, desk };
}

/** A price edit of a variant, queued as the catalogue editor queues one (its changed fields). */
async function saveVariantPrice(db: OrderlineDb, variantId: string, amount: number): Promise<void> {
  await db.transaction('rw', [db.variants, db.outbox], async () => {
    const variant = await db.variants.get(variantId);
    if (!variant) throw new Error('no such variant');
    const edited = { ...variant, price: { ...variant.price, amount }, updatedAt: new Date().toISOString() };
    await db.variants.put(edited);
    await queueRecord(db, 'variants', edited, ['price', 'updatedAt']);
  });
}

const sorted = <T extends { id: string }>(rows: T[]) => [...rows].sort((a, b) => a.id.localeCompare(b.id));

describe('an import queued in batches', () => {
  it('leaves the server and another desk as a per-record queue of the same rows does', async () => {
    const plan = importPlan(603);
    expect(plan.variants).toHaveLength(603);
    expect(plan.movements.length).toBeGreaterThan(500);

    const batched = await storeWithDesk('A1');
    await writeProductImport(batched.desk.db, plan, who, 'products.csv');
    // 151 products, 603 variants and their movements, at most 500 to an entry.
    const queued = await batched.desk.db.outbox.toArray();
    expect(queued).toHaveLength(1 + 2 + Math.ceil(plan.movements.length / 500));
    expect(new Set(queued.map((e) => e.kind))).toEqual(new Set(['batch']));

    const perRecord = await storeWithDesk('L1');
    await writePerRecord(perRecord.desk.db, plan);

    expect(await batched.desk.client.syncNow()).toMatchObject({ state: 'idle', pending: 0, rejected: [] });
    expect(await perRecord.desk.client.syncNow()).toMatchObject({ state: 'idle', pending: 0, rejected: [] });
    // Every change once, each in one push of 500: no more requests than before.
    expect(batched.desk.net.pushes()).toBe(perRecord.desk.net.pushes());

    const log = await serverLog(batched.storeId);
    expect(log).toHaveLength(plan.products.length + plan.variants.length + plan.movements.length);
    expect(log).toEqual(await serverLog(perRecord.storeId));

    // Another desk of the store downloads the same catalogue and stock.
    const other = await enrolledDesk(ctx.server, batched.storeId, 'B1');
    ctx.desks.push(other);
    expect(await other.client.syncNow()).toMatchObject({ state: 'idle' });
    const a = batched.desk.db;
    const b = other.db;
    expect(sorted(await b.products.toArray())).toEqual(sorted(await a.products.toArray()));
    expect(sorted(await b.variants.toArray())).toEqual(sorted(await a.variants.toArray()));
    expect(sorted(await b.stockMovements.toArray())).toEqual(sorted(await a.stockMovements.toArray()));
    const levels = async (db: OrderlineDb) =>
      (await db.stockLevels.toArray())
        .filter((l) => l.onHand !== 0)
        .map(({ variantId, onHand, reserved }) => ({ variantId, onHand, reserved }))
        .sort((x, y) => x.variantId.localeCompare(y.variantId));
    expect(await levels(b)).toEqual(await levels(a));
  });

  it('sends an edit made before the upload after the imported record, so the edit stands', async () => {
    const plan = importPlan(12);
    const { storeId, desk } = await storeWithDesk('A1');
    await writeProductImport(desk.db, plan, who, 'products.csv');
    const variant = plan.variants[5]!;
    await saveVariantPrice(desk.db, variant.id, 1999);

    expect(await desk.client.syncNow()).toMatchObject({ state: 'idle', pending: 0, rejected: [] });
    const [row] = await ctx.server.db.query<{ data: { price: { amount: number } } }>(
      `SELECT data FROM records WHERE store_id = $1 AND table_name = 'variants' AND id = $2`,
      [storeId, variant.id],
    );
    expect(row?.data.price.amount).toBe(1999);
  });

  it('resumes an upload cut off midway and sends nothing twice', async () => {
    const plan = importPlan(900);
    const { storeId, desk } = await storeWithDesk('A1');
    await writeProductImport(desk.db, plan, who, 'products.csv');
    const total = plan.products.length + plan.variants.length + plan.movements.length;

    // The cable goes after two pushes have been answered.
    desk.net.beforeRequest = (path) => {
      if (path === '/v1/push' && desk.net.pushes() > 2) desk.net.down = true;
    };
    const cut = await desk.client.syncNow();
    expect(cut.state).toBe('backingOff');
    // Counted in changes, not entries: the ones not yet sent.
    expect(cut.pending).toBe(total - 1000);
    expect(await serverLog(storeId)).toHaveLength(1000);

    desk.net.down = false;
    desk.net.beforeRequest = undefined;
    expect(await desk.client.syncNow()).toMatchObject({ state: 'idle', pending: 0, rejected: [] });
    const log = await serverLog(storeId);
    expect(log).toHaveLength(total);
    expect(new Set(log.map((c) => c.id)).size).toBe(total);
  });
});
