import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newId } from '$shared/ids';
import { OrderlineDb } from '$db/database';
import { saveCustomer } from '$db/customerWrites';
import { StoreSetupPanel, describeHoldings, describeServerStore } from './storeSetup.svelte';
import { DEVICE_KEY, SERVER_KEY } from '../../sync/syncSettings';
import { SETUP_KEY } from '../../sync/storeSetup';

let db: OrderlineDb;
beforeEach(async () => {
  db = new OrderlineDb(`setup-${newId()}`);
  await db.open();
  await db.settings.bulkPut([
    { key: SERVER_KEY, value: 'http://127.0.0.1:8787' },
    {
      key: DEVICE_KEY,
      value: {
        deviceId: newId(),
        token: 't'.repeat(40),
        storeId: newId(),
        storeName: 'Main St',
        enrolledAt: new Date().toISOString(),
      },
    },
    { key: SETUP_KEY, value: { state: 'choose' } },
  ]);
});
afterEach(async () => {
  db.close();
  await db.delete();
});

/** A fetch standing in for the server: GET /v1/store says what `status` holds; create answers `create`. */
function server(
  status: object,
  create: { status: number; body: object } = { status: 200, body: { ok: true } },
) {
  const calls: string[] = [];
  const fetch = async (url: string, init?: RequestInit) => {
    calls.push(`${init?.method} ${new URL(url).pathname}`);
    if (url.endsWith('/v1/store')) return Response.json(status);
    return Response.json(create.body, { status: create.status });
  };
  return { fetch, calls };
}

describe('describing what a desk and a store hold', () => {
  it('says when a desk holds the demo, its own store, or nothing yet', () => {
    const none = { demo: false, products: 0, customers: 0, orders: 0, staff: 0 };
    expect(describeHoldings({ ...none, demo: true, products: 520, customers: 300, orders: 420 })).toBe(
      'This desk holds the demo store (520 products, 300 customers and 420 orders): made-up data, not your store’s.',
    );
    expect(describeHoldings({ ...none, products: 1, customers: 2 })).toBe(
      'This desk holds its own store: 1 product, 2 customers and 0 orders.',
    );
    expect(describeHoldings({ ...none, staff: 1 })).toBe(
      'This desk holds no store data yet, only 1 staff member.',
    );
    expect(describeServerStore({ storeName: 'Main St', changes: 1200, createdFrom: 'anotherDesk' })).toBe(
      '“Main St” on the server already holds the store’s data (1,200 changes).',
    );
  });
});

describe('the create-or-join panel', () => {
  it('offers create for an empty server store and queues the upload with its progress', async () => {
    await saveCustomer(db, { name: 'Ada', addresses: [], acquisitionSource: 'walk_in', isBusiness: false });
    const fake = server({ storeName: 'Main St', changes: 0, createdFrom: 'nobody' });
    let synced = 0;
    const panel = new StoreSetupPanel({ db, fetch: fake.fetch, sync: async () => (synced += 1) });
    await panel.load();
    expect(panel.canCreate).toBe(true);
    expect(panel.canJoin).toBe(false);
    await panel.create();
    expect(panel.error).toBe('');
    expect(panel.setup).toMatchObject({ state: 'creating', total: 1 });
    expect(panel.upload).toEqual({ done: 0, total: 1 });
    expect(synced).toBe(1);
    // The server answered everything: the store counts as created.
    await db.outbox.toCollection().modify({ state: 'applied' });
    await panel.refreshUpload();
    expect(panel.setup).toEqual({ state: 'created' });
  });

  it('shows the server’s refusal as it said it, and changes nothing', async () => {
    const fake = server(
      { storeName: 'Main St', changes: 0, createdFrom: 'nobody' },
      {
        status: 409,
        body: {
          error:
            '“Main St” already holds data (3 changes from its desks); join it instead of creating it again',
        },
      },
    );
    const panel = new StoreSetupPanel({ db, fetch: fake.fetch, sync: async () => undefined });
    await panel.load();
    await panel.create();
    expect(panel.error).toMatch(/already holds data .*join it instead/);
    expect(panel.setup).toEqual({ state: 'choose' });
    expect(await db.outbox.count()).toBe(0);
  });

  it('joins a desk holding the demo after wiping it', async () => {
    await db.settings.put({ key: 'demoStore', value: true });
    await saveCustomer(db, {
      name: 'Demo person',
      addresses: [],
      acquisitionSource: 'walk_in',
      isBusiness: false,
    });
    const fake = server({ storeName: 'Main St', changes: 40, createdFrom: 'anotherDesk' });
    const panel = new StoreSetupPanel({ db, fetch: fake.fetch, sync: async () => undefined });
    await panel.load();
    expect(panel.canCreate).toBe(false);
    expect(panel.canJoin).toBe(true);
    await panel.join();
    expect(panel.setup).toEqual({ state: 'joined' });
    expect(await db.customers.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
    expect(await db.settings.get('demoStore')).toBeUndefined();
    expect(await db.settings.get(SERVER_KEY)).toBeTruthy();
  });
});
