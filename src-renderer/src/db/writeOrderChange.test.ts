// Orders on the desk: numbered per desk, changed only through events the machine allows, and
// written all-or-nothing (order row, event, stock movements and outbox in one transaction).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { withCheckDigit } from '$shared/barcodes';
import { newId } from '$shared/ids';
import type { Order } from '$shared/records';
import { saveProduct } from './catalogWrites';
import { OrderlineDb } from './database';
import { recordStockMovement } from './stockWrites';
import { OrderRefused, createOrder, writeOrderChange, type Who } from './writeOrderChange';

let db: OrderlineDb;
beforeEach(() => {
  db = new OrderlineDb(`test-${crypto.randomUUID()}`);
});
afterEach(async () => {
  vi.restoreAllMocks();
  await db.delete();
});

const seller: Who = { deskId: 'D1', staffName: 'Sam Seller' };
const CARD = '4242424242424242';

/** Every row of every table, so "nothing was written" can be checked exactly. */
async function everything(): Promise<Record<string, unknown[]>> {
  const dump = await Promise.all(db.tables.map(async (t) => [t.name, await t.toArray()] as const));
  return Object.fromEntries(dump);
}

type Stocked = { variantId: string; sku: string; name: string; unitPrice: number };

/** A product with one variant and `onHand` units received. */
async function stockedProduct(
  sku: string,
  name: string,
  barcodeBody: string,
  unitPrice: number,
  onHand: number,
) {
  const product = await saveProduct(
    db,
    { name, category: 'Kitchen', taxClass: 'standard', options: [], allowBackorder: false, active: true },
    [
      {
        sku,
        barcode: withCheckDigit(barcodeBody),
        attributes: {},
        price: { amount: unitPrice, currency: 'GBP' },
        weightGrams: 400,
        bin: 'A-01-1',
      },
    ],
  );
  const variant = await db.variants.where('productId').equals(product.id).first();
  await recordStockMovement(db, { variantId: variant!.id, kind: 'receive', quantity: onHand, deskId: 'D1' });
  return { variantId: variant!.id, sku, name, unitPrice } satisfies Stocked;
}

const addItem = (item: Stocked, quantity: number) => ({
  type: 'cart.addItem',
  lineId: newId(),
  variantId: item.variantId,
  sku: item.sku,
  name: item.name,
  quantity,
  unitPrice: item.unitPrice,
  taxClass: 'standard',
});

const newCart = (deskCode = 'D1') =>
  createOrder(db, { deskCode, channel: 'phone', currency: 'GBP', customerName: 'Ada Lovelace' }, seller);

async function apply(order: Order, ...events: unknown[]): Promise<Order> {
  let current = order;
  for (const event of events) current = await writeOrderChange(db, { orderId: order.id, event }, seller);
  return current;
}

/** A paid order with a mug ×2 and a teapot ×1, taken up to `stop`. */
async function paidOrder(stop: 'processing' | 'reserved' | 'packaging') {
  const mug = await stockedProduct('MUG-BLUE', 'Blue Mug', '400638133393', 1250, 10);
  const teapot = await stockedProduct('TEA-POT-1', 'Cast Iron Teapot', '500000000001', 2000, 4);
  let order = await apply(
    await newCart(),
    addItem(mug, 2),
    addItem(teapot, 1),
    { type: 'checkout.start', total: 4500 },
    { type: 'payment.capture', paymentId: newId(), method: 'card_terminal', amount: 4500 },
    { type: 'receipt.issue', format: 'receipt80mm' },
  );
  if (stop !== 'processing') order = await apply(order, { type: 'stock.reserve' });
  if (stop === 'packaging') order = await apply(order, { type: 'pack.start' });
  return { order, mug, teapot };
}

describe('createOrder', () => {
  it('numbers carts per desk: D1-000001, D1-000002, and D2 counts on its own', async () => {
    const first = await newCart('D1');
    const second = await newCart('D1');
    const otherDesk = await newCart('D2');
    expect([first.number, second.number, otherDesk.number]).toEqual(['D1-000001', 'D1-000002', 'D2-000001']);
    expect(first).toMatchObject({ status: 'cart', version: 0, lines: [], deskId: 'D1' });
    expect(await db.orders.get(second.id)).toEqual(second);
    const outbox = await db.outbox.toArray();
    expect(outbox.map((e) => [e.kind, e.recordId])).toEqual([
      ['record.put', first.id],
      ['record.put', second.id],
      ['record.put', otherDesk.id],
    ]);
  });

  it('makes a new cart findable by its number and customer name', async () => {
    const order = await newCart();
    expect(order.searchWords).toEqual(
      expect.arrayContaining(['d1-000001', '000001', '1', 'ada', 'lovelace']),
    );
  });
});

describe('who sold it, and the campaign it came from', () => {
  it('records the person who checks the cart out, and keeps them through later changes', async () => {
    const mug = await stockedProduct('MUG-BLUE', 'Blue Mug', '400638133393', 1250, 10);
    const cart = await newCart();
    let order = await apply(cart, addItem(mug, 1));
    expect(order.soldBy).toBeUndefined();
    order = await apply(order, { type: 'checkout.start', total: 1250 });
    expect(order.soldBy).toEqual({ name: 'Sam Seller' });
    const packer: Who = { deskId: 'D2', staffName: 'Pat Packer' };
    order = await writeOrderChange(
      db,
      {
        orderId: cart.id,
        event: { type: 'payment.capture', paymentId: newId(), method: 'cash', amount: 1250 },
      },
      packer,
    );
    expect(order.soldBy).toEqual({ name: 'Sam Seller' });
  });

  it('carries a campaign code as a detail of the order, and refuses one that is not a code', async () => {
    const mug = await stockedProduct('MUG-GREEN', 'Green Mug', '400638133394', 1250, 10);
    const cart = await newCart();
    const changed = await writeOrderChange(
      db,
      { orderId: cart.id, event: addItem(mug, 1), details: { campaignCode: 'SPRING-26' } },
      seller,
    );
    expect(changed.campaignCode).toBe('SPRING-26');
    await expect(
      writeOrderChange(
        db,
        { orderId: cart.id, event: addItem(mug, 1), details: { campaignCode: 'spring 26!' } },
        seller,
      ),
    ).rejects.toThrow(/letters, digits and dashes/);
    expect((await db.orders.get(cart.id))!.lines).toHaveLength(1);
  });
});

describe('writeOrderChange through a whole order', () => {
  it('takes an order from cart to delivered, moving stock and queueing every event', async () => {
    const mug = await stockedProduct('MUG-BLUE', 'Blue Mug', '400638133393', 1250, 10);
    const teapot = await stockedProduct('TEA-POT-1', 'Cast Iron Teapot', '500000000001', 2000, 4);
    const cart = await newCart();
    const outboxBefore = await db.outbox.count();

    let order = await apply(cart, addItem(mug, 2), addItem(teapot, 1));
    expect(order).toMatchObject({ status: 'cart', version: 2 });
    expect(order.totals).toMatchObject({ subtotal: 4500, total: 4500, paid: 0 });

    order = await apply(order, { type: 'checkout.start', total: 4500 });
    expect(order.status).toBe('payment');
    order = await writeOrderChange(
      db,
      {
        orderId: cart.id,
        event: { type: 'payment.capture', paymentId: newId(), method: 'card_terminal', amount: 4500 },
        details: { payment: { reference: 'TERM-0042', cardLast4: '4242' } },
      },
      seller,
    );
    expect(order.status).toBe('receipt');
    expect(order.totals.paid).toBe(4500);
    expect(order.payments).toEqual([
      expect.objectContaining({
        method: 'card_terminal',
        amount: { amount: 4500, currency: 'GBP' },
        cardLast4: '4242',
      }),
    ]);

    order = await apply(order, { type: 'receipt.issue', format: 'receipt80mm' });
    expect(order.status).toBe('processing');
    expect(await db.stockMovements.where('orderId').equals(cart.id).count()).toBe(0);

    order = await apply(order, { type: 'stock.reserve' });
    expect(order.status).toBe('processing');
    const reserves = await db.stockMovements.where('orderId').equals(cart.id).toArray();
    expect(reserves.map((m) => [m.variantId, m.kind, m.quantity])).toEqual([
      [mug.variantId, 'reserve', 2],
      [teapot.variantId, 'reserve', 1],
    ]);
    expect(await db.stockLevels.get(mug.variantId)).toMatchObject({ onHand: 10, reserved: 2 });
    expect(await db.stockLevels.get(teapot.variantId)).toMatchObject({ onHand: 4, reserved: 1 });

    order = await apply(order, { type: 'pack.start' });
    expect(order.status).toBe('packaging');
    order = await writeOrderChange(
      db,
      {
        orderId: cart.id,
        event: { type: 'ship.dispatch', carrier: 'UPS', trackingNumber: '1Z999AA10123456784', units: 3 },
        details: { tracking: { carrier: 'UPS', number: '1Z999AA10123456784' } },
      },
      seller,
    );
    expect(order.status).toBe('shipped');
    expect(order.tracking).toEqual({ carrier: 'UPS', number: '1Z999AA10123456784' });
    const ships = await db.stockMovements
      .where('orderId')
      .equals(cart.id)
      .filter((m) => m.kind === 'ship')
      .toArray();
    expect(ships.map((m) => [m.variantId, m.quantity])).toEqual([
      [mug.variantId, 2],
      [teapot.variantId, 1],
    ]);
    expect(await db.stockLevels.get(mug.variantId)).toMatchObject({ onHand: 8, reserved: 0 });
    expect(await db.stockLevels.get(teapot.variantId)).toMatchObject({ onHand: 3, reserved: 0 });

    order = await apply(order, { type: 'delivery.confirm' });
    expect(order).toMatchObject({ status: 'delivered', version: 9 });
    expect(await db.orders.get(cart.id)).toEqual(order);

    const events = await db.orderEvents
      .where('[orderId+seq]')
      .between([cart.id, 0], [cart.id, Infinity])
      .toArray();
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(events.map((e) => e.to)).toEqual([
      'cart',
      'cart',
      'payment',
      'receipt',
      'processing',
      'processing',
      'packaging',
      'shipped',
      'delivered',
    ]);
    expect(events.every((e) => e.deskId === 'D1' && e.staffName === 'Sam Seller')).toBe(true);

    const queued = (await db.outbox.toArray()).slice(outboxBefore);
    const eventEntries = queued.filter((e) => e.kind === 'order.event');
    expect(eventEntries.map((e) => e.recordId)).toEqual(events.map((e) => e.id));
    const movementEntries = queued.filter((e) => e.kind === 'stock.movement').map((e) => e.recordId);
    const movements = await db.stockMovements.where('orderId').equals(cart.id).primaryKeys();
    expect(movementEntries.sort()).toEqual([...movements].sort());
    expect(queued).toHaveLength(events.length + movements.length);
  });

  it('queues the stock an event moves as depending on that event, so a refused event moves none', async () => {
    const { order } = await paidOrder('processing');
    await apply(order, { type: 'stock.reserve' });
    const queued = await db.outbox.orderBy('id').toArray();
    const reserve = queued.findLast((e) => e.kind === 'order.event')!;
    const reservations = queued.filter((e) => e.kind === 'stock.movement' && e.id > reserve.id);
    expect(reservations).toHaveLength(2);
    for (const entry of reservations) expect(entry).toMatchObject({ dependsOn: reserve.id });
  });

  it('queues a change as following the desk’s previous change to the order while that one waits', async () => {
    const { order } = await paidOrder('reserved');
    const queued = async () =>
      (await db.outbox.orderBy('id').toArray()).filter((e) => e.kind === 'order.event');
    const before = (await queued()).at(-1)!;
    await apply(order, { type: 'pack.start' });
    expect((await queued()).at(-1)).toMatchObject({ dependsOn: before.id });
    // Once the earlier change has been answered, the next one stands on its own.
    await db.outbox.toCollection().modify({ state: 'applied' });
    await apply((await db.orders.get(order.id))!, { type: 'pack.abandon' });
    expect((await queued()).at(-1)).not.toHaveProperty('dependsOn');
  });

  it('ships a partial shipment from the first lines and the rest later', async () => {
    const { order, mug, teapot } = await paidOrder('packaging');
    const dispatch = (units: number) => ({
      type: 'ship.dispatch',
      carrier: 'UPS',
      trackingNumber: `1Z${units}`,
      units,
    });
    const partly = await apply(order, dispatch(1));
    expect(partly.status).toBe('partially_shipped');
    const done = await apply(partly, { type: 'pack.start' }, dispatch(2));
    expect(done.status).toBe('shipped');
    const ships = await db.stockMovements
      .where('orderId')
      .equals(order.id)
      .filter((m) => m.kind === 'ship')
      .toArray();
    expect(ships.map((m) => [m.variantId, m.quantity])).toEqual([
      [mug.variantId, 1],
      [mug.variantId, 1],
      [teapot.variantId, 1],
    ]);
    expect(await db.stockLevels.get(mug.variantId)).toMatchObject({ onHand: 8, reserved: 0 });
  });
});

describe('writeOrderChange refuses what the machine does not allow', () => {
  it('refuses a shipment without tracking or a reason, and writes nothing', async () => {
    const { order } = await paidOrder('packaging');
    const before = await everything();
    const attempt = writeOrderChange(
      db,
      { orderId: order.id, event: { type: 'ship.dispatch', carrier: 'UPS', units: 3 } },
      seller,
    );
    await expect(attempt).rejects.toThrow(OrderRefused);
    await expect(attempt).rejects.toThrow(
      `Order ${order.number}: A shipment needs a tracking number or a reason why there is none`,
    );
    expect(await everything()).toEqual(before);
  });

  it('refuses checkout and payment on an empty cart, and writes nothing', async () => {
    const cart = await newCart();
    const before = await everything();
    await expect(
      writeOrderChange(db, { orderId: cart.id, event: { type: 'checkout.start', total: 0 } }, seller),
    ).rejects.toThrow('Order D1-000001: Cannot take payment on an empty cart; add an item first');
    await expect(
      writeOrderChange(
        db,
        {
          orderId: cart.id,
          event: { type: 'payment.capture', paymentId: newId(), method: 'cash', amount: 500 },
        },
        seller,
      ),
    ).rejects.toThrow(/“payment\.capture” is not possible while the order is Cart/);
    expect(await everything()).toEqual(before);
  });

  it('refuses an event for an order that does not exist', async () => {
    const missing = newId();
    await expect(
      writeOrderChange(db, { orderId: missing, event: { type: 'stock.reserve' } }, seller),
    ).rejects.toThrow(`no order has the id ${missing}`);
    expect(await db.orderEvents.count()).toBe(0);
  });

  it('refuses an event carrying a card number and stores the digits nowhere', async () => {
    const mug = await stockedProduct('MUG-BLUE', 'Blue Mug', '400638133393', 1250, 10);
    const order = await apply(await newCart(), addItem(mug, 1), { type: 'checkout.start', total: 1250 });
    const before = await everything();
    const attempt = writeOrderChange(
      db,
      {
        orderId: order.id,
        event: {
          type: 'payment.capture',
          paymentId: newId(),
          method: 'card_terminal',
          amount: 1250,
          cardNumber: CARD,
        },
      },
      seller,
    );
    await expect(attempt).rejects.toThrow(OrderRefused);
    await expect(attempt).rejects.toThrow(/unexpected field cardNumber/i);
    expect(await everything()).toEqual(before);
    expect(JSON.stringify(await everything())).not.toContain(CARD);
  });

  it('refuses a card number typed as the payment reference, with a sentence saying where it belongs', async () => {
    const mug = await stockedProduct('MUG-BLUE', 'Blue Mug', '400638133393', 1250, 10);
    const order = await apply(await newCart(), addItem(mug, 1), { type: 'checkout.start', total: 1250 });
    const before = await everything();
    const attempt = writeOrderChange(
      db,
      {
        orderId: order.id,
        event: { type: 'payment.capture', paymentId: newId(), method: 'card_terminal', amount: 1250 },
        details: { payment: { reference: '4242 4242 4242 4242' } },
      },
      seller,
    );
    // Refused by the details check before the order row is even built.
    await expect(attempt).rejects.toThrow(OrderRefused);
    await expect(attempt).rejects.toThrow(/looks like a full card number/);
    expect(await everything()).toEqual(before);
  });

  // Regression: details were once stored verbatim and details.payment was only checked on a
  // payment.capture, so a card number given as the
  // reference on any other event reaches the event log and the outbox.
  it('never stores a card number sent as payment details with a non-payment event', async () => {
    const { order } = await paidOrder('processing');
    await writeOrderChange(
      db,
      {
        orderId: order.id,
        event: { type: 'stock.reserve' },
        details: { payment: { reference: '4242 4242 4242 4242' } },
      },
      seller,
    ).catch(() => undefined);
    expect(JSON.stringify(await everything()).replace(/\s/g, '')).not.toContain(CARD);
  });
});

describe('writeOrderChange writes all or nothing', () => {
  it('leaves nothing written when the outbox write fails', async () => {
    const { order } = await paidOrder('processing');
    const before = await everything();
    const diskFull = () => {
      throw new Error('disk full');
    };
    db.outbox.hook('creating', diskFull);
    await expect(
      writeOrderChange(db, { orderId: order.id, event: { type: 'stock.reserve' } }, seller),
    ).rejects.toThrow('disk full');
    db.outbox.hook('creating').unsubscribe(diskFull);
    expect(await everything()).toEqual(before);
  });

  it('leaves nothing written when the last write of the transaction (queueing the movements) fails', async () => {
    const { order } = await paidOrder('processing');
    const before = await everything();
    vi.spyOn(db.outbox, 'bulkAdd').mockRejectedValueOnce(new Error('disk full'));
    await expect(
      writeOrderChange(db, { orderId: order.id, event: { type: 'stock.reserve' } }, seller),
    ).rejects.toThrow('disk full');
    expect(await everything()).toEqual(before);
    // The same event goes through once the disk has room again.
    const reserved = await writeOrderChange(
      db,
      { orderId: order.id, event: { type: 'stock.reserve' } },
      seller,
    );
    expect(reserved.version).toBe(order.version + 1);
  });

  it('leaves nothing written when a line points at a variant that does not exist', async () => {
    const mug = await stockedProduct('MUG-BLUE', 'Blue Mug', '400638133393', 1250, 10);
    const ghost = { variantId: newId(), sku: 'GHOST-1', name: 'Deleted product', unitPrice: 500 };
    const order = await apply(
      await newCart(),
      addItem(mug, 1),
      addItem(ghost, 1),
      { type: 'checkout.start', total: 1750 },
      { type: 'payment.capture', paymentId: newId(), method: 'cash', amount: 1750 },
      { type: 'receipt.issue', format: 'receipt80mm' },
    );
    const before = await everything();
    // The mug's reserve is applied before the ghost line fails: it must be rolled back too.
    await expect(
      writeOrderChange(db, { orderId: order.id, event: { type: 'stock.reserve' } }, seller),
    ).rejects.toThrow(`no product variant has the id ${ghost.variantId}`);
    expect(await everything()).toEqual(before);
    expect(await db.stockLevels.get(mug.variantId)).toMatchObject({ onHand: 10, reserved: 0 });
  });
});
