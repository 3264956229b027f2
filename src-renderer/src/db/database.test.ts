// The schema upgrade from version 1 (as the first desks shipped it) and the request for
// persistent storage: a desk that updates must find every record where search looks for it.
import Dexie from 'dexie';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { withCheckDigit } from '$shared/barcodes';
import { newId } from '$shared/ids';
import { OrderlineDb, SCHEMA_VERSION, requestPersistentStorage } from './database';
import { olderDatabase } from './olderDatabase';
import { pendingChangeCount } from './outboxBatch';
import { outboxEntry } from './outbox';
import { searchOrders, searchProducts } from './queries';
import { openSales } from '$lib/sale';

const opened: Dexie[] = [];
afterEach(async () => {
  for (const db of opened.splice(0)) await db.delete();
});

const at = '2024-03-01T10:00:00.000Z';
/** The newest schema version every upgrade ends at. */
const LATEST = SCHEMA_VERSION;

/** Rows as version 1 stored them: no searchWords, no phoneDigits, no stock level cache. */
function v1Rows() {
  const mugId = newId();
  const mugVariant = newId();
  const teeId = newId();
  const teeVariant = newId();
  const customerId = newId();
  const products = [
    {
      id: mugId,
      name: 'Crème Brûlée Mug',
      category: 'Kitchen',
      brand: 'Ösel',
      taxClass: 'standard',
      options: [],
      allowBackorder: false,
      active: true,
      createdAt: at,
      updatedAt: at,
    },
    {
      id: teeId,
      name: 'Organic Cotton T-shirt',
      category: 'Clothing',
      taxClass: 'standard',
      options: ['Size'],
      allowBackorder: false,
      active: true,
      createdAt: at,
      updatedAt: at,
    },
  ];
  const variant = (id: string, productId: string, sku: string, body: string) => ({
    id,
    productId,
    sku,
    barcode: withCheckDigit(body),
    attributes: {},
    price: { amount: 1250, currency: 'GBP' },
    weightGrams: 300,
    bin: 'A-01-1',
    createdAt: at,
    updatedAt: at,
  });
  const variants = [
    variant(mugVariant, mugId, 'MUG-CREME', '400638133393'),
    variant(teeVariant, teeId, 'TSH-ORG-M', '500000000001'),
  ];
  const customers = [
    {
      id: customerId,
      name: 'Zoë Fairweather',
      company: 'Fairweather & Daughters',
      email: 'zoe.fairweather@example.com',
      phone: '+44 (0)20 7946-0018',
      addresses: [],
      acquisitionSource: 'word_of_mouth',
      isBusiness: true,
      createdAt: at,
      updatedAt: at,
    },
  ];
  const orders = [
    {
      id: newId(),
      number: 'D1-000042',
      deskId: 'D1',
      customerId,
      customerName: 'Zoë Fairweather',
      channel: 'phone',
      status: 'processing',
      currency: 'GBP',
      lines: [],
      totals: { subtotal: 0, discount: 0, shipping: 0, tax: 0, total: 0, paid: 0, refunded: 0 },
      payments: [],
      machine: {},
      version: 3,
      createdAt: at,
      updatedAt: at,
    },
  ];
  const movement = (variantId: string, kind: string, quantity: number, reason?: string) => ({
    id: newId(),
    variantId,
    kind,
    quantity,
    deskId: 'D1',
    createdAt: at,
    ...(reason ? { reason } : {}),
  });
  const stockMovements = [
    movement(mugVariant, 'receive', 10),
    movement(mugVariant, 'reserve', 3),
    movement(mugVariant, 'ship', 2),
    movement(teeVariant, 'receive', 5),
    movement(teeVariant, 'adjust', -1, 'Stock count found one fewer'),
  ];
  return {
    products,
    variants,
    customers,
    orders,
    stockMovements,
    ids: { mugVariant, teeVariant, customerId },
  };
}

async function createV1Database(name: string, rows: ReturnType<typeof v1Rows>): Promise<void> {
  const v1 = olderDatabase(name, 1);
  await v1.open();
  await v1.table('products').bulkAdd(rows.products);
  await v1.table('variants').bulkAdd(rows.variants);
  await v1.table('customers').bulkAdd(rows.customers);
  await v1.table('orders').bulkAdd(rows.orders);
  await v1.table('stockMovements').bulkAdd(rows.stockMovements);
  v1.close();
}

describe('the upgrade from schema version 1', () => {
  it('fills search words, phone digits and the stock level cache from the ledger', async () => {
    const name = `test-${crypto.randomUUID()}`;
    const rows = v1Rows();
    await createV1Database(name, rows);

    const db = new OrderlineDb(name);
    opened.push(db);
    await db.open();
    expect(db.verno).toBe(LATEST);

    const mug = await db.products.get(rows.products[0]!.id);
    expect(mug?.searchWords).toEqual(['creme', 'brulee', 'mug', 'osel', 'kitchen']);
    const tee = await db.products.get(rows.products[1]!.id);
    expect(tee?.searchWords).toEqual(['organic', 'cotton', 't', 'shirt', 'clothing']);

    const customer = await db.customers.get(rows.ids.customerId);
    expect(customer?.phoneDigits).toBe('4402079460018');
    // Name, company and the e-mail's local part, folded and without repeats.
    expect(customer?.searchWords).toEqual(['zoe', 'fairweather', 'daughters']);

    const order = await db.orders.get(rows.orders[0]!.id);
    expect(order?.searchWords).toEqual(
      expect.arrayContaining(['d1-000042', '000042', '42', 'zoe', 'fairweather']),
    );

    // Mug: 10 received, 3 reserved, 2 of them shipped. T-shirt: 5 received, one counted missing.
    const mugLevel = await db.stockLevels.get(rows.ids.mugVariant);
    expect(mugLevel).toMatchObject({ onHand: 8, reserved: 1 });
    const teeLevel = await db.stockLevels.get(rows.ids.teeVariant);
    expect(teeLevel).toMatchObject({ onHand: 4, reserved: 0 });
    expect(await db.stockLevels.count()).toBe(2);
  });

  it('keeps every v1 row and makes the upgraded rows findable through the new indexes', async () => {
    const name = `test-${crypto.randomUUID()}`;
    const rows = v1Rows();
    await createV1Database(name, rows);

    const db = new OrderlineDb(name);
    opened.push(db);
    expect(await db.products.count()).toBe(rows.products.length);
    expect(await db.variants.count()).toBe(rows.variants.length);
    expect(await db.stockMovements.count()).toBe(rows.stockMovements.length);

    const byAccentlessWord = await searchProducts(db, 'brul');
    expect(byAccentlessWord.map((m) => m.product.name)).toEqual(['Crème Brûlée Mug']);
    const byBrand = await searchProducts(db, 'osel mug');
    expect(byBrand.map((m) => m.product.name)).toEqual(['Crème Brûlée Mug']);
    const bySku = await searchProducts(db, 'tsh-org');
    expect(bySku.map((m) => [m.product.name, m.matchedBy])).toEqual([['Organic Cotton T-shirt', 'sku']]);

    const byPhone = await db.customers.where('phoneDigits').startsWith('44020794').toArray();
    expect(byPhone.map((c) => c.id)).toEqual([rows.ids.customerId]);
    const byCompanyWord = await db.customers.where('searchWords').startsWith('daught').toArray();
    expect(byCompanyWord.map((c) => c.id)).toEqual([rows.ids.customerId]);

    expect((await searchOrders(db, '42')).map((o) => o.number)).toEqual(['D1-000042']);
    expect((await searchOrders(db, 'fairweather')).map((o) => o.number)).toEqual(['D1-000042']);
    const processing = await db.orders
      .where('[status+createdAt]')
      .between(['processing', ''], ['processing', '\uffff'])
      .toArray();
    expect(processing.map((o) => o.number)).toEqual(['D1-000042']);
  });

  it('opens an empty version 1 database with an empty stock level cache', async () => {
    const name = `test-${crypto.randomUUID()}`;
    const v1 = olderDatabase(name, 1);
    await v1.open();
    v1.close();

    const db = new OrderlineDb(name);
    opened.push(db);
    await db.open();
    expect(db.verno).toBe(LATEST);
    expect(await db.stockLevels.count()).toBe(0);
    expect(await db.products.count()).toBe(0);
  });
});

describe('the upgrade from schema version 2', () => {
  it('keeps every v2 row, adds the v3 tables empty and lists the outbox by record', async () => {
    const name = `test-${crypto.randomUUID()}`;
    const v2 = olderDatabase(name, 2);
    await v2.open();
    const rows = v1Rows();
    await v2.table('products').bulkAdd(rows.products);
    const recordId = rows.products[0]!.id;
    await v2.table('outbox').add({
      id: crypto.randomUUID(),
      kind: 'record.put',
      table: 'products',
      recordId,
      payload: rows.products[0],
      createdAt: '2026-11-20T09:00:00.000Z',
      state: 'pending',
    });
    v2.close();

    const db = new OrderlineDb(name);
    opened.push(db);
    await db.open();
    expect(db.verno).toBe(LATEST);
    expect(await db.products.count()).toBe(rows.products.length);
    expect(await db.outbox.where('recordId').equals(recordId).count()).toBe(1);
    for (const table of [db.quotes, db.shifts, db.auditLog, db.parcels, db.returns, db.deliveries]) {
      expect(await table.count()).toBe(0);
    }
  });
});

describe('the upgrade from schema version 3', () => {
  it('keeps every v3 row and adds the empty table of pulled changes set aside', async () => {
    const name = `test-${crypto.randomUUID()}`;
    const v3 = olderDatabase(name, 3);
    await v3.open();
    const rows = v1Rows();
    await v3.table('products').bulkAdd(rows.products);
    await v3.table('settings').put({ key: 'sync.cursor', value: 42 });
    v3.close();

    const db = new OrderlineDb(name);
    opened.push(db);
    await db.open();
    expect(db.verno).toBe(LATEST);
    expect(await db.products.count()).toBe(rows.products.length);
    expect((await db.settings.get('sync.cursor'))?.value).toBe(42);
    expect(await db.setAside.count()).toBe(0);
    await db.setAside.add({
      seq: 7,
      table: 'customers',
      recordId: rows.customers[0]!.id,
      record: rows.customers[0]!,
      reason: 'test',
      at,
    });
    expect(await db.setAside.where('table').equals('customers').count()).toBe(1);
  });
});

describe('the upgrade from schema version 6', () => {
  it('keeps every v6 row and adds the empty feedback, referral reward and balance movement tables', async () => {
    const name = `test-${crypto.randomUUID()}`;
    const v6 = olderDatabase(name, 6);
    await v6.open();
    const rows = v1Rows();
    await v6.table('customers').bulkAdd(rows.customers);
    await v6.table('packProgress').put({ orderId: rows.customers[0]!.id, counts: {} });
    v6.close();

    const db = new OrderlineDb(name);
    opened.push(db);
    await db.open();
    expect(db.verno).toBe(LATEST);
    expect(await db.customers.count()).toBe(rows.customers.length);
    expect(await db.packProgress.count()).toBe(1);
    expect(await db.feedback.count()).toBe(0);
    const customerId = rows.customers[0]!.id;
    await db.feedback.add({
      id: newId(),
      orderId: newId(),
      orderNumber: 'D1-000001',
      customerId,
      satisfaction: 5,
      recommend: 9,
      source: 'phone',
      createdAt: at,
    });
    expect(await db.feedback.where('customerId').equals(customerId).count()).toBe(1);
    expect(await db.referralRewards.where('referrerId').equals(customerId).count()).toBe(0);
    expect(await db.balanceMovements.count()).toBe(0);
    await db.balanceMovements.add({
      id: newId(),
      account: `store_credit:${customerId}`,
      reason: 'issued',
      amount: 500,
      currency: 'GBP',
      customerId,
      note: 'Goodwill',
      deskId: 'D1',
      createdAt: at,
    });
    expect(await db.balanceMovements.where('account').equals(`store_credit:${customerId}`).count()).toBe(1);
    expect(await db.balanceMovements.where('customerId').equals(customerId).count()).toBe(1);
  });
});

describe('the upgrade from schema version 12', () => {
  it('keeps every v12 row and adds the empty table of server copies held back', async () => {
    const name = `test-${crypto.randomUUID()}`;
    const v12 = olderDatabase(name, 12);
    await v12.open();
    const rows = v1Rows();
    await v12.table('customers').bulkAdd(rows.customers);
    await v12.table('feedback').add({ id: newId(), orderId: newId(), customerId: rows.customers[0]!.id });
    v12.close();

    const db = new OrderlineDb(name);
    opened.push(db);
    await db.open();
    expect(db.verno).toBe(LATEST);
    expect(await db.customers.count()).toBe(rows.customers.length);
    expect(await db.feedback.count()).toBe(1);
    expect(await db.serverCopies.count()).toBe(0);
    const customer = rows.customers[0]!;
    await db.serverCopies.put({ table: 'customers', recordId: customer.id, seq: 9, record: customer });
    expect(await db.serverCopies.get(['customers', customer.id])).toMatchObject({ seq: 9 });
    expect(await db.serverCopies.where('recordId').equals(customer.id).count()).toBe(1);
  });
});

/** A StorageManager stand-in that only has what requestPersistentStorage touches. */
function fakeStorage(persisted: boolean, grants: boolean) {
  const storage = {
    persisted: vi.fn(async () => persisted),
    persist: vi.fn(async () => grants),
  };
  return { storage, manager: storage as unknown as StorageManager };
}

describe('requestPersistentStorage', () => {
  it('says yes without asking again when the store is already persistent', async () => {
    const { storage, manager } = fakeStorage(true, false);
    expect(await requestPersistentStorage(manager)).toBe(true);
    expect(storage.persist).not.toHaveBeenCalled();
  });

  it('asks the browser once and reports that it agreed', async () => {
    const { storage, manager } = fakeStorage(false, true);
    expect(await requestPersistentStorage(manager)).toBe(true);
    expect(storage.persist).toHaveBeenCalledTimes(1);
  });

  it('reports a refusal as false', async () => {
    const { storage, manager } = fakeStorage(false, false);
    expect(await requestPersistentStorage(manager)).toBe(false);
    expect(storage.persist).toHaveBeenCalledTimes(1);
  });

  it('reports false where the browser has no storage manager or no persist()', async () => {
    vi.stubGlobal('navigator', {});
    try {
      expect(await requestPersistentStorage()).toBe(false);
    } finally {
      vi.unstubAllGlobals();
    }
    const withoutPersist = { persisted: vi.fn(async () => false) } as unknown as StorageManager;
    expect(await requestPersistentStorage(withoutPersist)).toBe(false);
  });
});

describe('the upgrade from schema version 14', () => {
  it('keeps the queued changes and counts batch entries by their size from version 15 on', async () => {
    const name = `test-${crypto.randomUUID()}`;
    const v14 = olderDatabase(name, 14);
    await v14.open();
    const queued = [1, 2, 3].map((seq) => ({
      ...outboxEntry('record.put', 'customers', newId(), { id: 'c' }),
      seq,
    }));
    await v14.table('outbox').bulkAdd(queued);
    v14.close();

    const db = new OrderlineDb(name);
    opened.push(db);
    await db.open();
    expect(db.verno).toBe(LATEST);
    expect(await db.outbox.count()).toBe(3);
    expect(await pendingChangeCount(db)).toBe(3);
    await db.outbox.add({
      id: newId(),
      kind: 'batch',
      table: 'customers',
      recordId: newId(),
      payload: { ids: Array.from({ length: 40 }, () => newId()) },
      createdAt: at,
      state: 'pending',
      seq: 43,
      batchSize: 40,
    });
    expect(await pendingChangeCount(db)).toBe(43);
  });
});

describe('the upgrade from schema version 15', () => {
  it('keeps every order and lists the open ones by their latest change from version 20 on', async () => {
    const name = `test-${crypto.randomUUID()}`;
    const v15 = olderDatabase(name, 15);
    await v15.open();
    const order = (number: string, status: string, createdAt: string, updatedAt: string) => ({
      id: newId(),
      number,
      status,
      searchWords: [number.toLowerCase()],
      createdAt,
      updatedAt,
    });
    const rows = [
      order('D1-000001', 'cart', '2024-03-01T09:00:00.000Z', '2024-03-01T12:00:00.000Z'),
      order('D1-000002', 'payment', '2024-03-01T10:00:00.000Z', '2024-03-01T10:30:00.000Z'),
      order('D1-000003', 'cart', '2024-03-01T11:00:00.000Z', '2024-03-01T11:00:00.000Z'),
      order('D1-000004', 'delivered', '2024-03-01T11:30:00.000Z', '2024-03-01T13:00:00.000Z'),
    ];
    await v15.table('orders').bulkAdd(rows);
    v15.close();

    const db = new OrderlineDb(name);
    opened.push(db);
    await db.open();
    expect(db.verno).toBe(LATEST);
    expect(await db.orders.count()).toBe(4);
    // The oldest cart was changed last: it comes first; the delivered order is not at the till.
    const open = await openSales(db, 2);
    expect(open.total).toBe(3);
    expect(open.sales.map((o) => o.number)).toEqual(['D1-000001', 'D1-000003']);
  });
});
