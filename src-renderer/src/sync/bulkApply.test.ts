import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withCheckDigit } from '../../../src-shared/barcodes';
import { newId } from '../../../src-shared/ids';
import type { Customer, StockMovement, Variant } from '../../../src-shared/records';
import type { Change, PullResponse, SyncTable } from '../../../src-shared/syncProtocol';
import { OrderlineDb } from '../db/database';
import { outboxEntry } from '../db/outbox';
import { applyPulledPage } from './applyPulledPage';
import { bulkApplyPage, validatePulledPage } from './bulkApply';
import { readCursor } from './syncSettings';

const dbs: OrderlineDb[] = [];
async function freshDb(): Promise<OrderlineDb> {
  const db = new OrderlineDb(`bulk-${newId()}`);
  dbs.push(db);
  await db.open();
  return db;
}
let db: OrderlineDb;
beforeEach(async () => {
  db = await freshDb();
});
afterEach(async () => {
  for (const d of dbs.splice(0)) {
    d.close();
    await d.delete();
  }
});

const at = '2026-11-23T12:00:00.000Z';
let seq = 0;
const change = <R extends { id: string }>(table: SyncTable, record: R): Change => ({
  seq: ++seq,
  table,
  recordId: record.id,
  op: 'put',
  record: record as unknown as Record<string, unknown>,
});
const page = (changes: Change[]): PullResponse => ({
  changes,
  cursor: changes.at(-1)?.seq ?? 0,
  hasMore: false,
});

const customer = (name: string): Customer => ({
  id: newId(),
  name,
  phoneDigits: '',
  addresses: [],
  acquisitionSource: 'walk_in',
  isBusiness: false,
  searchWords: [name.toLowerCase()],
  createdAt: at,
  updatedAt: at,
});

const variant = (sku: string, barcodeBody: string): Variant => ({
  id: newId(),
  productId: newId(),
  sku,
  barcode: withCheckDigit(barcodeBody),
  attributes: {},
  price: { amount: 500, currency: 'EUR' },
  weightGrams: 100,
  bin: 'A-01-1',
  createdAt: at,
  updatedAt: at,
});

const movement = (variantId: string, kind: StockMovement['kind'], quantity: number): StockMovement => ({
  id: newId(),
  variantId,
  kind,
  quantity,
  deskId: 'D2',
  createdAt: at,
});

describe('checking a pulled page (pure, worker-ready)', () => {
  it('sorts valid records by table in page order and names each refused one with its reason', () => {
    const ada = customer('Ada');
    const bad = { ...customer('x'), name: '' };
    const v = variant('SKU-1', '400638133390');
    const checked = validatePulledPage(
      page([change('customers', ada), change('customers', bad), change('variants', v)]),
    );
    expect(checked.records.customers.map((r) => r.recordId)).toEqual([ada.id]);
    expect(checked.records.variants.map((r) => r.record)).toEqual([v]);
    expect(checked.skipped).toHaveLength(1);
    expect(checked.skipped[0]).toMatchObject({ table: 'customers', recordId: bad.id });
    expect(checked.skipped[0]?.reason).toMatch(/cannot store: .*Customer name cannot be empty/);
    expect(checked.cursor).toBe(seq);
  });

  it('refuses a record sent under another id', () => {
    const ada = customer('Ada');
    const checked = validatePulledPage(page([{ ...change('customers', ada), recordId: newId() }]));
    expect(checked.records.customers).toEqual([]);
    expect(checked.skipped[0]?.reason).toMatch(new RegExp(`sent record ${ada.id} under the id`));
  });
});

describe('applying a pulled page in bulk', () => {
  it('stores each record in its table and the page’s cursor, in one go', async () => {
    const ada = customer('Ada');
    const v = variant('SKU-1', '400638133390');
    const result = await bulkApplyPage(db, page([change('customers', ada), change('variants', v)]));
    expect(result).toEqual({ applied: 2, keptLocal: 0, skipped: [], recovered: 0 });
    expect(await db.customers.get(ada.id)).toEqual(ada);
    expect(await db.variants.get(v.id)).toEqual(v);
    expect(await readCursor(db)).toBe(seq);
  });

  it('skips a record whose unique SKU another local variant holds, without losing the rest of the page', async () => {
    await db.variants.add(variant('SKU-1', '400638133390'));
    const clash = variant('SKU-1', '400638133391');
    const other = variant('SKU-2', '400638133392');
    const result = await bulkApplyPage(db, page([change('variants', clash), change('variants', other)]));
    expect(result.applied).toBe(1);
    expect(result.skipped.map((s) => s.recordId)).toEqual([clash.id]);
    expect(result.skipped[0]?.reason).toMatch(/could not store variants record/);
    expect(await db.variants.get(other.id)).toEqual(other);
    expect(await readCursor(db)).toBe(seq);
  });

  it('keeps the desk’s own copy of a record whose edit is still waiting, but always adds ledger facts', async () => {
    const local = { ...customer('Ada'), notes: 'Edited here, not yet pushed' };
    await db.customers.add(local);
    await db.outbox.add(outboxEntry('record.put', 'customers', local.id, local));
    const v = variant('SKU-9', '400638133399');
    const m = movement(v.id, 'receive', 3);
    await db.outbox.add(outboxEntry('stock.movement', 'stockMovements', m.id, m));
    const result = await bulkApplyPage(
      db,
      page([change('customers', { ...local, notes: 'Older' }), change('stockMovements', m)]),
    );
    expect(result).toMatchObject({ applied: 1, keptLocal: 1 });
    expect((await db.customers.get(local.id))?.notes).toBe('Edited here, not yet pushed');
    expect(await db.stockMovements.get(m.id)).toEqual(m);
  });

  it('recomputes stock from the ledger, so a movement pulled back after the desk counted it counts once', async () => {
    const v = variant('SKU-9', '400638133399');
    await db.variants.add(v);
    const own = movement(v.id, 'receive', 10);
    await db.stockMovements.add(own);
    await db.stockLevels.put({ variantId: v.id, onHand: 10, reserved: 0, updatedAt: at });
    const theirs = movement(v.id, 'reserve', 4);
    await bulkApplyPage(db, page([change('stockMovements', own), change('stockMovements', theirs)]));
    expect(await db.stockLevels.get(v.id)).toMatchObject({ onHand: 10, reserved: 4 });
    expect(await db.stockMovements.count()).toBe(2);
  });

  it('leaves the desk as applyPulledPage does, for a mixed page with clashes, kept edits and movements', async () => {
    const other = await freshDb();
    const shared = variant('SKU-1', '400638133390');
    const clash = variant('SKU-1', '400638133391');
    const edited = customer('Kept');
    const variants = [variant('SKU-2', '400638133392'), variant('SKU-3', '400638133393')];
    const movements = variants.flatMap((v) => [movement(v.id, 'receive', 7), movement(v.id, 'reserve', 2)]);
    for (const d of [db, other]) {
      await d.variants.add(shared);
      await d.customers.add(edited);
      await d.outbox.add(outboxEntry('record.put', 'customers', edited.id, edited));
      await d.stockMovements.add(movements[0]!);
    }
    const changes = [
      change('customers', customer('Ada')),
      change('variants', clash),
      ...variants.map((v) => change('variants', v)),
      change('customers', { ...edited, notes: 'server copy' }),
      ...movements.map((m) => change('stockMovements', m)),
      change('customers', { ...customer('bad'), name: '' }),
    ];
    const slow = await applyPulledPage(other, page(changes));
    const bulk = await bulkApplyPage(db, page(changes));
    // The same outcome; only the wording of the browser's constraint error may differ.
    const outcome = (r: typeof bulk) => ({
      ...r,
      skipped: r.skipped.map(({ reason, ...rest }) => ({ ...rest, reason: reason.split(':')[0] })),
    });
    expect(outcome(bulk)).toEqual(outcome(slow));
    expect(bulk.skipped).toHaveLength(2);
    for (const table of ['customers', 'variants', 'stockMovements', 'settings'] as const) {
      expect(await db.table(table).toArray()).toEqual(await other.table(table).toArray());
    }
    const levels = async (d: OrderlineDb) =>
      (await d.stockLevels.toArray()).map(({ variantId, onHand, reserved }) => ({
        variantId,
        onHand,
        reserved,
      }));
    expect(await levels(db)).toEqual(await levels(other));
  });
});
