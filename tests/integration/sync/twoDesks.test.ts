import { describe, expect, it } from 'vitest';
import { sample } from '$machines/orderSampleEvents';
import { newId } from '$shared/ids';
import { saveCustomer } from '$db/customerWrites';
import { recordStockMovement } from '$db/stockWrites';
import { createOrder, writeOrderChange } from '$db/writeOrderChange';
import { saveMug, uniqueDigits } from './deskActions';
import { type Desk, enrolledDesk, newStore, useSyncServer } from './syncHarness';

const ctx = useSyncServer();
const desks = ctx.desks;

async function twoDesks(): Promise<[Desk, Desk]> {
  const store = await newStore(ctx.server, `Store ${newId()}`);
  const a = await enrolledDesk(ctx.server, store, 'A1');
  const b = await enrolledDesk(ctx.server, store, 'B1');
  desks.push(a, b);
  return [a, b];
}

function mug(desk: Desk) {
  return saveMug(desk.db, uniqueDigits(), { name: 'Blue Mug', currency: 'EUR' });
}

describe('two desks syncing through one server', () => {
  it('carries a customer and an order made offline on desk A to desk B', async () => {
    const [a, b] = await twoDesks();
    a.net.down = true;
    const { variant } = await mug(a);
    const customer = await saveCustomer(a.db, {
      name: 'Ada Lovelace',
      phone: '+44 20 7946 0001',
      addresses: [],
      acquisitionSource: 'word_of_mouth',
      isBusiness: false,
    });
    const order = await createOrder(
      a.db,
      {
        channel: 'phone',
        currency: 'EUR',
        customerId: customer.id,
        customerName: customer.name,
        deskCode: a.code,
      },
      { deskId: 'A1' },
    );
    const added = await writeOrderChange(
      a.db,
      {
        orderId: order.id,
        event: { ...sample.addItem(1, 2, 1250), variantId: variant.id, sku: variant.sku, name: 'Blue Mug' },
      },
      { deskId: 'A1' },
    );

    const offline = await a.client.syncNow();
    expect(offline.state).toBe('offline');
    expect(offline.pending).toBe(5); // product, variant, customer, order, order event

    a.net.down = false;
    const synced = await a.client.syncNow();
    expect(synced).toMatchObject({ state: 'idle', pending: 0, rejected: [] });
    expect(synced.lastSyncedAt).toBeDefined();

    expect(await b.client.syncNow()).toMatchObject({ state: 'idle', pending: 0 });
    expect(await b.db.customers.get(customer.id)).toEqual(customer);
    const pulledOrder = await b.db.orders.get(order.id);
    expect(pulledOrder).toMatchObject({ number: order.number, customerId: customer.id, version: 1 });
    expect(pulledOrder?.lines).toEqual(added.lines);
    expect(await b.db.orderEvents.where('[orderId+seq]').equals([order.id, 1]).count()).toBe(1);
    expect(await b.db.variants.get(variant.id)).toEqual(variant);
    // Found by the same indexes the desk's own search uses.
    expect(await b.db.customers.where('searchWords').equals('lovelace').count()).toBe(1);
  });

  it('adds up stock movements both desks recorded for one variant, on both desks', async () => {
    const [a, b] = await twoDesks();
    const { variant } = await mug(a);
    await a.client.syncNow();
    await b.client.syncNow();
    expect(await b.db.variants.get(variant.id)).toBeDefined();

    a.net.down = true;
    b.net.down = true;
    await recordStockMovement(a.db, { variantId: variant.id, kind: 'receive', quantity: 10, deskId: 'A1' });
    await recordStockMovement(b.db, { variantId: variant.id, kind: 'receive', quantity: 5, deskId: 'B1' });
    await recordStockMovement(b.db, {
      variantId: variant.id,
      kind: 'adjust',
      quantity: -2,
      reason: 'Stock count',
      deskId: 'B1',
    });
    await recordStockMovement(a.db, { variantId: variant.id, kind: 'reserve', quantity: 3, deskId: 'A1' });
    expect((await a.db.stockLevels.get(variant.id))?.onHand).toBe(10);
    expect((await b.db.stockLevels.get(variant.id))?.onHand).toBe(3);

    a.net.down = false;
    b.net.down = false;
    await a.client.syncNow();
    await b.client.syncNow();
    await a.client.syncNow();

    for (const desk of [a, b]) {
      expect(await desk.db.stockLevels.get(variant.id)).toMatchObject({ onHand: 13, reserved: 3 });
      expect(await desk.db.stockMovements.where('variantId').equals(variant.id).count()).toBe(4);
      expect((await desk.client.syncNow()).pending).toBe(0);
    }
  });

  it('pulls in pages, storing the cursor with each page', async () => {
    const store = await newStore(ctx.server, `Store ${newId()}`);
    const a = await enrolledDesk(ctx.server, store, 'P1');
    const b = await enrolledDesk(ctx.server, store, 'P2', { pullLimit: 2 });
    desks.push(a, b);
    for (let i = 0; i < 5; i++) await mug(a);
    await a.client.syncNow();
    await b.client.syncNow();
    expect(b.net.log.filter((line) => line === 'POST /v1/pull')).toHaveLength(5); // 10 changes, 2 a page
    expect(await b.db.variants.count()).toBe(5);
    expect((await b.db.settings.get('sync.cursor'))?.value).toBe(
      (await a.db.settings.get('sync.cursor'))?.value,
    );
  });
});
