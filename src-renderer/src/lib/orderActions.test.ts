// After the sale: a cancel refunds what was paid and puts reserved stock back; a refund never
// pays back more than was paid; reasons are required; only what the machine allows is offered.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { newId } from '$shared/ids';
import type { Order } from '$shared/records';
import { OrderlineDb } from '$db/database';
import { createOrder, writeOrderChange } from '$db/writeOrderChange';
import {
  ActionRefused,
  allowedActions,
  approvalNote,
  cancelOrder,
  confirmDelivery,
  describeRefundTo,
  holdOrder,
  refundOrder,
  refundTo,
  refundable,
  releaseOrder,
  shipmentsOf,
} from './orderActions';
import { DEFAULT_DESK } from './sale';
import { stockedMug } from '$db/testFixtures';

let db: OrderlineDb;
beforeEach(() => {
  db = new OrderlineDb(`test-${crypto.randomUUID()}`);
});
afterEach(async () => {
  vi.restoreAllMocks();
  await db.delete();
});

const desk = DEFAULT_DESK;
const who = { deskId: 'D1', staffName: 'Sam Seller' };

async function stockedMugVariant(onHand: number) {
  return (await stockedMug(db, onHand)).variant;
}

async function apply(order: Order, ...events: unknown[]): Promise<Order> {
  let current = order;
  for (const event of events) current = await writeOrderChange(db, { orderId: order.id, event }, who);
  return current;
}

/** Two mugs (£25.00) paid as £15.00 cash then £10.00 on card ending 4242, taken up to `stop`. */
async function paidOrder(stop: 'receipt' | 'reserved' | 'shipped' | 'delivered') {
  const mug = await stockedMugVariant(10);
  const cart = await createOrder(db, { deskCode: 'D1', channel: 'phone', currency: 'GBP' }, who);
  let order = await apply(
    cart,
    {
      type: 'cart.addItem',
      lineId: newId(),
      variantId: mug.id,
      sku: mug.sku,
      name: 'Blue Mug',
      quantity: 2,
      unitPrice: 1250,
      taxClass: 'standard',
    },
    { type: 'checkout.start', total: 2500 },
    { type: 'payment.capture', paymentId: newId(), method: 'cash', amount: 1500 },
  );
  order = await writeOrderChange(
    db,
    {
      orderId: order.id,
      event: { type: 'payment.capture', paymentId: newId(), method: 'card_terminal', amount: 1000 },
      details: { payment: { cardLast4: '4242' } },
    },
    who,
  );
  if (stop === 'receipt') return { order, mug };
  order = await apply(order, { type: 'receipt.issue', format: 'receipt80mm' }, { type: 'stock.reserve' });
  if (stop === 'reserved') return { order, mug };
  order = await apply(
    order,
    { type: 'pack.start' },
    {
      type: 'ship.dispatch',
      carrier: 'Royal Mail',
      trackingNumber: 'AB123456789GB',
      units: 2,
    },
  );
  if (stop === 'shipped') return { order, mug };
  return { order: await confirmDelivery(db, desk, order), mug };
}

const level = async (variantId: string) => (await db.stockLevels.get(variantId))!;

describe('cancelOrder', () => {
  it('refunds what was paid, cancels, and puts the reserved stock back on the shelf', async () => {
    const { order, mug } = await paidOrder('reserved');
    expect(await level(mug.id)).toMatchObject({ onHand: 10, reserved: 2 });

    const cancelled = await cancelOrder(db, desk, order, '  Customer changed their mind  ');

    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.totals).toMatchObject({ paid: 2500, refunded: 2500 });
    expect(await level(mug.id)).toMatchObject({ onHand: 10, reserved: 0 });
    const events = await db.orderEvents.where('orderId').equals(order.id).sortBy('seq');
    expect(events.slice(-2).map((e) => e.event)).toEqual([
      {
        type: 'refund.issue',
        refundId: expect.any(String),
        amount: 2500,
        reason: 'Customer changed their mind',
      },
      { type: 'order.cancel', reason: 'Customer changed their mind' },
    ]);
    const releases = (await db.stockMovements.toArray()).filter((m) => m.kind === 'release');
    expect(releases.map((m) => [m.variantId, m.quantity, m.orderId])).toEqual([[mug.id, 2, order.id]]);
  });

  it('cancels an unpaid cart without inventing a refund', async () => {
    const cart = await createOrder(db, { deskCode: 'D1', channel: 'phone', currency: 'GBP' }, who);
    const cancelled = await cancelOrder(db, desk, cart, 'Caller hung up');
    expect(cancelled.status).toBe('cancelled');
    const events = await db.orderEvents.where('orderId').equals(cart.id).toArray();
    expect(events.map((e) => e.event.type)).toEqual(['order.cancel']);
  });

  it('refuses a shipped order with the machine’s sentence and writes nothing', async () => {
    const { order } = await paidOrder('shipped');
    const before = await db.orderEvents.count();
    await expect(cancelOrder(db, desk, order, 'Too late')).rejects.toThrow(
      /cannot be cancelled: .*not possible while the order is Shipped|return/,
    );
    expect(await db.orderEvents.count()).toBe(before);
  });

  it('writes neither the refund nor the cancel when the second write fails', async () => {
    const { order, mug } = await paidOrder('reserved');
    const before = await db.orderEvents.count();
    const add = db.orderEvents.add.bind(db.orderEvents);
    let calls = 0;
    vi.spyOn(db.orderEvents, 'add').mockImplementation((...args) => {
      calls += 1;
      if (calls === 2) throw new Error('disk full');
      return add(...args);
    });
    await expect(cancelOrder(db, desk, order, 'Customer changed their mind')).rejects.toThrow('disk full');
    vi.restoreAllMocks();
    expect(await db.orderEvents.count()).toBe(before);
    expect((await db.orders.get(order.id))!.totals.refunded).toBe(0);
    expect(await level(mug.id)).toMatchObject({ reserved: 2 });
  });

  it('requires a reason of at most 200 characters', async () => {
    const { order } = await paidOrder('reserved');
    await expect(cancelOrder(db, desk, order, '   ')).rejects.toThrow(/Give a reason/);
    await expect(cancelOrder(db, desk, order, 'x'.repeat(201))).rejects.toThrow(/201 characters long/);
    expect((await db.orders.get(order.id))!.status).toBe('processing');
  });
});

describe('refundOrder', () => {
  it('takes partial refunds until nothing is left, and refuses more than was paid before writing', async () => {
    const { order } = await paidOrder('delivered');
    await expect(refundOrder(db, desk, order, 2501, 'Chipped')).rejects.toThrow(
      'A refund of £25.01 is more than the £25.00 paid and not yet refunded',
    );
    const partly = await refundOrder(db, desk, order, 500, 'One mug chipped');
    expect(partly).toMatchObject({ status: 'delivered', totals: { refunded: 500 } });
    expect(refundable(partly)).toBe(2000);
    // The reason stays in the order's history, for the audit of refunds.
    const last = (await db.orderEvents.where('orderId').equals(order.id).sortBy('seq')).at(-1);
    expect(last?.event).toMatchObject({ type: 'refund.issue', amount: 500, reason: 'One mug chipped' });

    const before = await db.orderEvents.count();
    await expect(refundOrder(db, desk, partly, 2001, 'Both chipped')).rejects.toBeInstanceOf(ActionRefused);
    expect(await db.orderEvents.count()).toBe(before);

    const all = await refundOrder(db, desk, partly, 2000, 'Both chipped');
    expect(all.totals.refunded).toBe(2500);
    await expect(refundOrder(db, desk, all, 1, 'Again')).rejects.toThrow(/Nothing paid .* is left to refund/);
  });

  it('refuses zero, fractions and a missing reason', async () => {
    const { order } = await paidOrder('delivered');
    await expect(refundOrder(db, desk, order, 0, 'x')).rejects.toThrow(/more than zero/);
    await expect(refundOrder(db, desk, order, 1.5, 'x')).rejects.toThrow(/more than zero/);
    await expect(refundOrder(db, desk, order, 100, '')).rejects.toThrow(/Give a reason/);
  });
});

describe('refundTo', () => {
  it('pays back the most recent payment first, remembering earlier refunds', async () => {
    const { order } = await paidOrder('delivered');
    expect(refundTo(order, 1200)).toEqual([
      { method: 'card_terminal', cardLast4: '4242', amount: 1000 },
      { method: 'cash', amount: 200 },
    ]);
    expect(describeRefundTo(order, 1200)).toBe('£10.00 to the card ending 4242, £2.00 in cash');
    const partly = await refundOrder(db, desk, order, 600, 'Chipped');
    expect(refundTo(partly, 1900)).toEqual([
      { method: 'card_terminal', cardLast4: '4242', amount: 400 },
      { method: 'cash', amount: 1500 },
    ]);
  });
});

describe('hold, release and delivery', () => {
  it('holds with a reason and releases to the step it was held at', async () => {
    const { order } = await paidOrder('reserved');
    const held = await holdOrder(db, desk, order, 'Address to be checked');
    expect(held.status).toBe('on_hold');
    expect(allowedActions(held)).toEqual(['cancel', 'refund', 'release']);
    expect((await releaseOrder(db, desk, held)).status).toBe('processing');
  });

  it('refuses to confirm delivery of an order that has not shipped', async () => {
    const { order } = await paidOrder('reserved');
    await expect(confirmDelivery(db, desk, order)).rejects.toThrow(/cannot be marked delivered/);
  });
});

describe('allowedActions and approvals', () => {
  it('offers only what the machine allows at each step', async () => {
    const { order } = await paidOrder('shipped');
    expect(allowedActions(order)).toEqual(['refund', 'confirmDelivery']);
    const delivered = await confirmDelivery(db, desk, order);
    expect(allowedActions(delivered)).toEqual(['refund']);
    const cancelled = await cancelOrder(db, desk, (await paidOrder('receipt')).order, 'Duplicate order');
    expect(allowedActions(cancelled)).toEqual([]);
  });

  it('says a seller needs a manager to refund or cancel a paid order, but not to hold it', async () => {
    const { order } = await paidOrder('reserved');
    expect(approvalNote(order, 'refund', 'seller')).toMatch(/needs a manager to approve/);
    expect(approvalNote(order, 'cancel', 'seller')).toMatch(/cancel a paid order/);
    expect(approvalNote(order, 'hold', 'seller')).toBeNull();
    expect(approvalNote(order, 'refund', 'manager')).toBeNull();
  });

  it('lists every shipment with its carrier and tracking number', async () => {
    const { order } = await paidOrder('shipped');
    expect(shipmentsOf(order)).toEqual([{ carrier: 'Royal Mail', trackingNumber: 'AB123456789GB' }]);
  });
});
