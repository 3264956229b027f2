// Backup and restore: a restore onto an empty desk gives back every table (the unsent outbox too),
// and a file from a newer Orderline, another store or with a bad row is refused with nothing written.
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadShipFrom } from '$lib/packBench';
import { DEVICE_KEY, SERVER_KEY } from '../sync/syncSettings';
import { createBackup, restoreBackup, STORE_ID_KEY } from './backup';
import { OrderlineDb } from './database';
import { loadPromos } from './storeSettings';
import { paidMugOrder, stockedCap } from './testFixtures';

const dbs: OrderlineDb[] = [];
const freshDb = () => {
  const db = new OrderlineDb(`test-${crypto.randomUUID()}`);
  dbs.push(db);
  return db;
};
afterEach(async () => {
  await Promise.all(dbs.splice(0).map((db) => db.delete()));
});

async function everything(db: OrderlineDb) {
  const out: Record<string, unknown[]> = {};
  for (const table of db.tables) out[table.name] = await table.toArray();
  return out;
}

let source: OrderlineDb;
beforeEach(async () => {
  source = freshDb();
  await stockedCap(source);
  await paidMugOrder(source, { deskId: 'D1', staffName: 'Sam' }, { customerName: 'Ada Lovelace' });
});

describe('backup and restore', () => {
  it('restores every table of the desk, unsent changes included, onto an empty desk', async () => {
    const { text, file } = await createBackup(source, '0.1.0');
    expect(file.counts['outbox']).toBeGreaterThan(0);
    expect(await source.outbox.where('state').equals('pending').count()).toBe(file.counts['outbox']);
    const target = freshDb();
    const seen: number[] = [];
    await restoreBackup(target, text, (f) => seen.push(f));
    expect(await everything(target)).toEqual(await everything(source));
    expect(seen.at(-1)).toBe(1);
  });

  it('keeps the store id in the file and refuses a backup of another store on an enrolled desk', async () => {
    const { text, file } = await createBackup(source);
    expect((await source.settings.get(STORE_ID_KEY))?.value).toBe(file.storeId);
    const enrolled = freshDb();
    await enrolled.settings.bulkPut([
      { key: SERVER_KEY, value: 'http://127.0.0.1:9' },
      {
        key: DEVICE_KEY,
        value: {
          deviceId: 'd',
          token: 't',
          storeId: 'another-store',
          storeName: 'Shop B',
          enrolledAt: file.createdAt,
        },
      },
    ]);
    await expect(restoreBackup(enrolled, text)).rejects.toThrow(/This backup is of another store/);
    expect(await enrolled.products.count()).toBe(0);
  });

  it('refuses a backup from a newer Orderline with a sentence', async () => {
    const { file } = await createBackup(source, '0.1.0');
    const newer = JSON.stringify({ ...file, formatVersion: file.formatVersion + 1 });
    await expect(restoreBackup(freshDb(), newer)).rejects.toThrow(
      'This backup was made by a newer Orderline (0.1.0); update Orderline on this desk, then restore it',
    );
  });

  it('refuses to overwrite a desk that holds a store', async () => {
    const { text } = await createBackup(source);
    const busy = freshDb();
    await stockedCap(busy);
    await expect(restoreBackup(busy, text)).rejects.toThrow(/already holds a store/);
    expect(await busy.variants.count()).toBe(1);
  });

  it('refuses a file with a broken row, naming the table and row, and writes nothing', async () => {
    const { file } = await createBackup(source);
    const products = file.tables['products']!.map((p, i) => (i === 0 ? { ...(p as object), name: '' } : p));
    const broken = JSON.stringify({ ...file, tables: { ...file.tables, products } });
    const target = freshDb();
    await expect(restoreBackup(target, broken)).rejects.toThrow(
      /products row 1: Product name cannot be empty/,
    );
    expect(await target.orders.count()).toBe(0);
  });
});

describe('a backup made by an older Orderline', () => {
  const v1Text = readFileSync(new URL('./fixtures/backup-schema-v1.json', import.meta.url), 'utf8');

  it('is upgraded as the desk itself would be, then restored: search words, stock levels, outbox order', async () => {
    const target = freshDb();
    const restored = await restoreBackup(target, v1Text);
    expect(restored.schemaVersion).toBe(target.verno);

    // v2: products, customers and orders are found by word, customers by phone digits.
    expect((await target.products.where('searchWords').equals('creme').toArray()).map((p) => p.name)).toEqual(
      ['Crème Brûlée Mug'],
    );
    const [zoe] = await target.customers.where('searchWords').equals('fairweather').toArray();
    expect(zoe?.phoneDigits).toBe('4402079460018');
    expect(await target.orders.where('searchWords').equals('d1-000042').count()).toBe(1);
    // …and the stock level cache is built from the ledger.
    const mug = await target.variants.where('sku').equals('MUG-CREME').first();
    const tee = await target.variants.where('sku').equals('TSH-ORG-M').first();
    expect(await target.stockLevels.get(mug!.id)).toMatchObject({ onHand: 8, reserved: 1 });
    expect(await target.stockLevels.get(tee!.id)).toMatchObject({ onHand: 4, reserved: 0 });

    // v4: what was waiting to be sent is numbered in the order it was queued.
    const waiting = await target.outbox
      .where('[state+seq]')
      .between(['pending', 0], ['pending', Infinity])
      .toArray();
    expect(waiting.map((e) => [e.seq, e.recordId])).toEqual([
      [1, mug!.productId],
      [2, tee!.productId],
    ]);

    // Settings kept under their old names are read as the store's.
    expect((await loadPromos(target)).map((p) => p.code)).toEqual(['AUTUMN10']);
    expect(await loadShipFrom(target)).toMatchObject({ ok: true, address: { line1: '1 Quay Street' } });
  });
});
