// The move of a desk's data from file:// to orderline://app, run end to end on two separate
// in-memory IndexedDB origins: the page scripts go through the same text (pageScript) that the main
// process hands to executeJavaScript, so a script that is not self-contained fails here.
import Dexie from 'dexie';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { OrderlineDb, SCHEMA_V1 } from '$db/database';
import { exportDatabasesInPage, importDatabasesInPage } from './idbTransfer';
import {
  migrateFromFileOrigin,
  missingRows,
  OriginMigrationError,
  type MigrationMarker,
  type Origin,
  type OriginMigrationDeps,
} from './originMigration';

let oldOrigin: IDBFactory;
let newOrigin: IDBFactory;

/** Runs a script as a page at that origin would: `indexedDB` is the origin's own. */
const runInPage = async (origin: Origin, script: string) =>
  (new Function('indexedDB', `return ${script}`) as (factory: IDBFactory) => Promise<unknown>)(
    origin === 'old' ? oldOrigin : newOrigin,
  );

function deps(overrides: Partial<OriginMigrationDeps> = {}) {
  const written: MigrationMarker[] = [];
  const log = { info: vi.fn(), warn: vi.fn() };
  const all: OriginMigrationDeps = {
    readMarker: async () => {
      throw new Error('ENOENT');
    },
    writeMarker: async (marker) => {
      written.push(marker);
    },
    runInPage,
    log,
    now: () => new Date('2026-12-07T12:00:00Z'),
    ...overrides,
  };
  return { deps: all, written, log };
}

/** A desk as Orderline 0.1 left it: schema version 1 at file://, with an unsent sale. */
async function oldDeskWithUnsentSale() {
  const old = new Dexie('orderline', { indexedDB: oldOrigin, IDBKeyRange });
  old.version(1).stores(SCHEMA_V1);
  await old.table('products').add({ id: 'p1', name: 'Blue mug', category: 'Mugs', updatedAt: '2026-01-02' });
  await old.table('orders').add({
    id: 'o1',
    number: 'D1-0001',
    status: 'paid',
    createdAt: '2026-01-02T10:00:00Z',
    customerId: 'c1',
    lines: [{ sku: 'MUG-BLUE', qty: 2, unitPrice: 1299 }],
    totals: { total: 2598 },
  });
  await old
    .table('outbox')
    .add({ id: 'x1', state: 'pending', createdAt: '2026-01-02T10:00:01Z', body: { n: 1 } });
  await old.table('settings').put({ key: 'sync.server', value: 'https://sync.example' });
  old.close();
}

beforeEach(() => {
  oldOrigin = new IDBFactory();
  newOrigin = new IDBFactory();
});

describe('migrateFromFileOrigin', () => {
  it('moves a v1 desk’s data, unsent sale included, and the current app reads it after its upgrade', async () => {
    await oldDeskWithUnsentSale();
    const { deps: d, written } = deps();
    const outcome = await migrateFromFileOrigin(d);
    expect(outcome).toMatchObject({ outcome: 'moved' });
    expect(written).toEqual([outcome]);
    expect(outcome.outcome === 'moved' && outcome.databases[0]?.rows).toMatchObject({
      orders: 1,
      outbox: 1,
      products: 1,
      settings: 1,
    });

    // The app, at its current version, opens the copy at the new origin and upgrades it.
    const original = Dexie.dependencies.indexedDB;
    Dexie.dependencies.indexedDB = newOrigin;
    const db = new OrderlineDb();
    try {
      expect(await db.orders.get('o1')).toMatchObject({
        number: 'D1-0001',
        lines: [{ sku: 'MUG-BLUE', qty: 2, unitPrice: 1299 }],
        searchWords: expect.any(Array),
      });
      expect(await db.outbox.where('state').equals('pending').count()).toBe(1);
      expect(await db.settings.get('sync.server')).toEqual({
        key: 'sync.server',
        value: 'https://sync.example',
      });
      expect(await db.orders.where('number').equals('D1-0001').count()).toBe(1);
    } finally {
      db.close();
      Dexie.dependencies.indexedDB = original;
    }

    // The old copy stays as it was: nothing is ever deleted.
    const stillThere = await runInPage('old', `(${exportDatabasesInPage.toString()})(indexedDB)`);
    expect(stillThere).toMatchObject({ summary: [{ name: 'orderline', rows: { orders: 1, outbox: 1 } }] });
  });

  it('does nothing once it has run, and runs no page at all', async () => {
    const run = vi.fn();
    const { deps: d, written } = deps({
      readMarker: async () => ({ outcome: 'moved', at: '2026-12-01T00:00:00Z', databases: [] }),
      runInPage: run,
    });
    expect(await migrateFromFileOrigin(d)).toEqual({ outcome: 'done-before' });
    expect(run).not.toHaveBeenCalled();
    expect(written).toEqual([]);
  });

  it('leaves the new origin alone when it already holds the app database', async () => {
    await oldDeskWithUnsentSale();
    const fresh = new Dexie('orderline', { indexedDB: newOrigin, IDBKeyRange });
    fresh.version(1).stores({ settings: 'key' });
    await fresh.table('settings').put({ key: 'desk', value: 'newer' });
    fresh.close();
    const { deps: d, written } = deps();
    expect(await migrateFromFileOrigin(d)).toEqual({
      outcome: 'new-origin-had-data',
      at: '2026-12-07T12:00:00.000Z',
    });
    expect(written).toHaveLength(1);
  });

  it('marks a fresh install done when the old origin has nothing', async () => {
    const { deps: d, written } = deps();
    expect(await migrateFromFileOrigin(d)).toMatchObject({ outcome: 'nothing-to-move' });
    expect(written).toHaveLength(1);
    expect(await newOrigin.databases()).toEqual([]);
  });

  it('fails without a marker when the copy is short, so the next start tries again', async () => {
    await oldDeskWithUnsentSale();
    const { deps: d, written } = deps({
      runInPage: async (origin, script) => {
        const result = (await runInPage(origin, script)) as { copied?: { rows: Record<string, number> }[] };
        if (result && 'copied' in result) result.copied![0]!.rows['orders'] = 0;
        return result;
      },
    });
    await expect(migrateFromFileOrigin(d)).rejects.toThrow(OriginMigrationError);
    // The short copy was removed, so the second start tries again and fails the same way.
    await expect(migrateFromFileOrigin(d)).rejects.toThrow('orderline.orders has 0 of 1 rows');
    expect(written).toEqual([]);
    expect(await newOrigin.databases()).toEqual([]);
  });

  it('passes on a page that fails (the window could not load), writing no marker', async () => {
    const { deps: d, written } = deps({
      runInPage: async () => {
        throw new Error('ERR_FILE_NOT_FOUND');
      },
    });
    await expect(migrateFromFileOrigin(d)).rejects.toThrow('ERR_FILE_NOT_FOUND');
    expect(written).toEqual([]);
  });
});

describe('the page scripts', () => {
  it('carry keys, key paths, indexes and values JSON cannot hold', async () => {
    const db = await new Promise<IDBDatabase>((resolve) => {
      const open = oldOrigin.open('raw', 3);
      open.onupgradeneeded = () => {
        const inline = open.result.createObjectStore('inline', { keyPath: ['a', 'b'] });
        inline.createIndex('byTags', 'tags', { multiEntry: true });
        inline.createIndex('byCode', 'code', { unique: true });
        open.result.createObjectStore('outOfLine', { autoIncrement: true });
      };
      open.onsuccess = () => resolve(open.result);
    });
    const tx = db.transaction(['inline', 'outOfLine'], 'readwrite');
    tx.objectStore('inline').put({
      a: 1,
      b: 'x',
      tags: ['t1', 't2'],
      code: 'C1',
      when: new Date('2026-01-02T03:04:05Z'),
      bytes: new Uint8Array([0, 1, 255]),
      nothing: undefined,
      big: Number.POSITIVE_INFINITY,
      '\u0000orderline': 'a key that looks like a tag',
    });
    tx.objectStore('outOfLine').put({ note: 'second' }, 7);
    await new Promise((resolve) => (tx.oncomplete = resolve));
    db.close();

    const exported = await exportDatabasesInPage(oldOrigin);
    const imported = await importDatabasesInPage(newOrigin, exported.dump);
    expect(imported).toEqual({ copied: [{ name: 'raw', rows: { inline: 1, outOfLine: 1 } }], skipped: [] });
    expect(missingRows(exported.summary, imported)).toEqual([]);

    const copy = await new Promise<IDBDatabase>((resolve) => {
      const open = newOrigin.open('raw');
      open.onsuccess = () => resolve(open.result);
    });
    expect(copy.version).toBe(3);
    const read = copy.transaction(['inline', 'outOfLine']);
    const inline = read.objectStore('inline');
    expect(inline.keyPath).toEqual(['a', 'b']);
    expect(inline.index('byTags').multiEntry).toBe(true);
    expect(inline.index('byCode').unique).toBe(true);
    const value = await new Promise<Record<string, unknown>>((resolve) => {
      const get = inline.index('byTags').get('t2');
      get.onsuccess = () => resolve(get.result as Record<string, unknown>);
    });
    expect(value['when']).toEqual(new Date('2026-01-02T03:04:05Z'));
    expect(value['bytes']).toEqual(new Uint8Array([0, 1, 255]));
    expect(value).toHaveProperty('nothing', undefined);
    expect(value['big']).toBe(Number.POSITIVE_INFINITY);
    expect(value['\u0000orderline']).toBe('a key that looks like a tag');
    const second = await new Promise((resolve) => {
      const get = read.objectStore('outOfLine').get(7);
      get.onsuccess = () => resolve(get.result);
    });
    expect(second).toEqual({ note: 'second' });
    copy.close();
  });

  it('leave no half-made database when a row breaks a unique index', async () => {
    const dump = JSON.stringify([
      {
        name: 'orderline',
        version: 10,
        stores: [
          {
            name: 'variants',
            keyPath: 'id',
            autoIncrement: false,
            indexes: [{ name: 'sku', keyPath: 'sku', unique: true, multiEntry: false }],
            keys: ['v1', 'v2'],
            values: [
              { id: 'v1', sku: 'SAME' },
              { id: 'v2', sku: 'SAME' },
            ],
          },
        ],
      },
    ]);
    await expect(importDatabasesInPage(newOrigin, dump)).rejects.toBeTruthy();
    expect(await newOrigin.databases()).toEqual([]);
  });
});
