// Writing a checked product import: every row in one transaction with its batched outbox entries,
// or nothing at all when a SKU or barcode reached the catalogue between the check and the write.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withCheckDigit } from '$shared/barcodes';
import { readCsv } from '$shared/csvText';
import { autoMapping, detectLayout } from '$shared/importLayouts';
import { planProductImport, type ProductImportPlan } from '$shared/productImport';
import { ValidationError } from '$shared/validation';
import { OrderlineDb } from './database';
import { writeProductImport } from './importWrites';
import { batchedIds } from './outboxBatch';

let db: OrderlineDb;
beforeEach(() => {
  db = new OrderlineDb(`test-${crypto.randomUUID()}`);
});
afterEach(() => db.delete());

const who = { deskId: 'D1', staffName: 'Olive Owner' };

function plan(rows: number): ProductImportPlan {
  const lines = [
    'Handle,Title,Option1 Name,Option1 Value,Variant SKU,Variant Inventory Qty,Variant Price,Variant Barcode',
  ];
  for (let i = 0; i < rows; i++) {
    const product = Math.floor(i / 2);
    lines.push(
      `mug-${product},Mug ${product},Colour,${i % 2 ? 'Red' : 'Blue'},MUG-${i},${i % 3},8.00,${withCheckDigit(String(500000000000 + i))}`,
    );
  }
  const read = readCsv(lines.join('\n'));
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
    source: 'mugs.csv',
    deskId: 'D1',
    now: '2026-12-07T10:00:00.000Z',
  });
}

describe('writeProductImport', () => {
  it('stores every row, its opening stock and one batch entry per 500 records of a table', async () => {
    const checked = plan(4_100);
    const seen: number[] = [];
    await writeProductImport(db, checked, who, 'mugs.csv', (f) => seen.push(f));

    expect(await db.products.count()).toBe(2_050);
    expect(await db.variants.count()).toBe(4_100);
    expect(await db.stockMovements.count()).toBe(checked.movements.length);
    expect(await db.stockLevels.count()).toBe(checked.movements.length);
    const queued = await db.outbox.orderBy('seq').toArray();
    expect(queued.map((e) => [e.table, batchedIds(e).length])).toEqual([
      ...[500, 500, 500, 500, 50].map((n) => ['products', n]),
      ...[500, 500, 500, 500, 500, 500, 500, 500, 100].map((n) => ['variants', n]),
      ...Array.from({ length: Math.ceil(checked.movements.length / 500) }, (_, i) => [
        'stockMovements',
        Math.min(500, checked.movements.length - i * 500),
      ]),
    ]);
    expect(queued.flatMap(batchedIds)).toEqual([
      ...checked.products.map((p) => p.id),
      ...checked.variants.map((v) => v.id),
      ...checked.movements.map((m) => m.id),
    ]);
    expect(seen.at(-1)).toBe(1);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
  });

  it('writes nothing when a SKU in the file reached the catalogue meanwhile', async () => {
    const checked = plan(3_000);
    const clash = { ...checked.variants[2_999]!, id: crypto.randomUUID(), barcode: '5012345678900' };
    await db.variants.add(clash);

    const failed = writeProductImport(db, checked, who, 'mugs.csv');
    await expect(failed).rejects.toBeInstanceOf(ValidationError);
    await expect(failed).rejects.toThrow(/reached the catalogue meanwhile/);
    expect(await db.products.count()).toBe(0);
    expect(await db.variants.count()).toBe(1);
    expect(await db.stockMovements.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
    expect(await db.auditLog.count()).toBe(0);
  });
});
