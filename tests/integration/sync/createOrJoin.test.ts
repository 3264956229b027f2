// Setting a store up on its server: the first desk creates it by uploading everything it holds
// (orders as an empty cart, then their events, judged by the server one by one), a second desk
// joins by downloading it and holds the same store; the server refuses a second "create", and a
// desk holding the demo joins only after wiping it.
import { describe, expect, it } from 'vitest';
import { loadDemoStore } from '../../../src-renderer/src/demo/loadDemoStore';
import { recordAudit } from '$db/auditLog';
import { batchedIds, isBatch } from '$db/outboxBatch';
import {
  createStoreFromDesk,
  joinStore,
  readSetup,
  uploadProgress,
} from '../../../src-renderer/src/sync/storeSetup';
import { readSyncSettings } from '../../../src-renderer/src/sync/syncSettings';
import { saveStoreSetting } from '$db/syncedWrites';
import { enrolledDesk, newStore, useSyncServer, type Desk } from './syncHarness';

const ctx = useSyncServer();
const SMALL = { products: 12, customers: 8, orders: 15 };

async function settingsOf(desk: Desk) {
  const settings = await readSyncSettings(desk.db);
  if (!settings) throw new Error('not enrolled');
  return settings;
}

async function counts(desk: Desk) {
  const db = desk.db;
  const orders = await db.orders.toArray();
  return {
    products: await db.products.count(),
    variants: await db.variants.count(),
    customers: await db.customers.count(),
    staff: await db.staff.count(),
    orderEvents: await db.orderEvents.count(),
    stockMovements: await db.stockMovements.count(),
    auditLog: await db.auditLog.count(),
    statuses: Object.fromEntries(orders.map((o) => [o.number, `${o.status}@${o.version}`])),
  };
}

describe('creating a store from a desk and joining it', () => {
  it('uploads the whole store (resumably) and a second desk downloads the same store', async () => {
    const storeId = await newStore(ctx.server, 'Practice store');
    // Desk A holds a (small) demo store before it is enrolled: products, customers, staff, orders in every state.
    const a = await enrolledDesk(ctx.server, storeId, 'A', { batchSize: 50 });
    ctx.desks.push(a);
    // Enrolled on a desk that already holds data: it waits for a person's choice.
    await loadDemoStore(a.db, () => {}, SMALL);
    await a.db.settings.put({ key: 'sync.setup', value: { state: 'choose' } });
    await recordAudit(a.db, { kind: 'sign_in', deskId: 'D1', summary: 'Signed in' });
    await saveStoreSetting(a.db, 'store.profile', { name: 'Practice store' });
    expect((await a.client.syncNow()).pending).toBeGreaterThan(0);
    expect(a.net.pushes()).toBe(0);

    const { total } = await createStoreFromDesk(a.db, a.net.fetch, await settingsOf(a));
    const setup = await readSetup(a.db);
    expect(setup).toMatchObject({ state: 'creating', total });
    // Customers, the catalogue and stock go up as batch entries, each counted as the records it names.
    const queued = await a.db.outbox.where('state').equals('pending').toArray();
    const named = (table: string) =>
      queued.filter((e) => e.table === table).flatMap((e) => (isBatch(e) ? batchedIds(e) : [e.recordId]));
    for (const table of ['customers', 'products', 'variants', 'stockMovements'] as const) {
      expect(queued.filter((e) => e.table === table).every(isBatch)).toBe(true);
      expect(named(table).sort()).toEqual((await a.db.table(table).toCollection().primaryKeys()).sort());
    }
    expect(queued.filter((e) => e.table === 'orders').some(isBatch)).toBe(false);
    expect(queued.reduce((sum, e) => sum + (e.batchSize ?? 1), 0)).toBe(total);
    // Cut off after the first batch: the rest waits in the outbox, and goes on at the next sync.
    a.net.beforeRequest = (path) => {
      if (path === '/v1/push' && a.net.pushes() > 1) a.net.down = true;
    };
    const cut = await a.client.syncNow();
    expect(cut.state).not.toBe('idle');
    const halfway = await uploadProgress(a.db, setup as Extract<typeof setup, { state: 'creating' }>);
    expect(halfway.done).toBeGreaterThan(0);
    expect(halfway.done).toBeLessThan(total);
    a.net.down = false;
    a.net.beforeRequest = undefined;
    const started = performance.now();
    const done = await a.client.syncNow();
    console.log(`upload of ${total} changes: ${Math.round(performance.now() - started)} ms`);
    expect(done).toMatchObject({ state: 'idle', pending: 0, rejected: [] });
    expect(await uploadProgress(a.db, setup as Extract<typeof setup, { state: 'creating' }>)).toEqual({
      done: total,
      total,
    });

    // A second "create" into the store is refused with a sentence, from any desk.
    const c = await enrolledDesk(ctx.server, storeId, 'C');
    ctx.desks.push(c);
    await expect(createStoreFromDesk(c.db, c.net.fetch, await settingsOf(c))).rejects.toThrow(
      /already created from desk D1 .*join it instead/,
    );

    // Desk B, empty, joins at once and downloads the same store.
    const b = await enrolledDesk(ctx.server, storeId, 'B', { pullLimit: 100 });
    ctx.desks.push(b);
    expect(await readSetup(b.db)).toEqual({ state: 'joined' });
    expect((await b.client.syncNow()).state).toBe('idle');
    const [inA, inB] = [await counts(a), await counts(b)];
    expect(inB).toEqual(inA);
    expect(inB.products).toBeGreaterThanOrEqual(SMALL.products);
    expect(await b.db.settings.get('store.profile')).toEqual({
      key: 'store.profile',
      value: { name: 'Practice store' },
    });
  }, 120_000);

  it('refuses to create into a store that already holds data, and a demo desk joins only wiped', async () => {
    const storeId = await newStore(ctx.server, 'Real store');
    const first = await enrolledDesk(ctx.server, storeId, 'F');
    ctx.desks.push(first);
    await saveStoreSetting(first.db, 'store.profile', { name: 'Real store' });
    expect((await first.client.syncNow()).pending).toBe(0);

    const demo = await enrolledDesk(ctx.server, storeId, 'G');
    ctx.desks.push(demo);
    await loadDemoStore(demo.db, () => {}, SMALL);
    await expect(createStoreFromDesk(demo.db, demo.net.fetch, await settingsOf(demo))).rejects.toThrow(
      /already holds data \(1 change from its desks\); join it instead/,
    );
    await joinStore(demo.db);
    expect(await demo.db.products.count()).toBe(0);
    expect(await demo.db.outbox.count()).toBe(0);
    expect(await demo.db.settings.get('demoStore')).toBeUndefined();
    expect((await demo.client.syncNow()).state).toBe('idle');
    expect(await demo.db.settings.get('store.profile')).toMatchObject({ value: { name: 'Real store' } });
    expect(demo.net.pushes()).toBe(0);
  }, 120_000);
});
