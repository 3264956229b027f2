// Returns: a shipped item received back is restocked ('return') or written off (no stock back), the
// order counts the return, and the record, the movements and the audit are written together or not at all.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { newId } from '$shared/ids';
import type { Order, Variant } from '$shared/records';
import { OrderlineDb } from './database';
import { ReturnRefused, receiveReturn, returnableOf } from './returnWrites';
import { stockedCap, stockedMug } from './testFixtures';
import { createOrder, writeOrderChange } from './writeOrderChange';

let db: OrderlineDb;
beforeEach(() => {
  db = new OrderlineDb(`test-${crypto.randomUUID()}`);
});
afterEach(async () => {
  vi.restoreAllMocks();
  await db.delete();
});

const who = { deskId: 'D1', staffName: 'Mo Manager' };
const onHand = async (variantId: string) => (await db.stockLevels.get(variantId))!.onHand;

const add = (v: Variant, name: string, quantity: number, unitPrice: number) => ({
  type: 'cart.addItem',
  lineId: newId(),
  variantId: v.id,
  sku: v.sku,
  name,
  quantity,
  unitPrice,
  taxClass: 'standard',
});

/** Two mugs (£12.50) and a cap (£9.00), paid £34.00 and shipped. */
async function shippedOrder(): Promise<{ order: Order; mug: Variant; hat: Variant }> {
  const { variant: mug } = await stockedMug(db, 10);
  const hat = await stockedCap(db);
  let order = await createOrder(db, { deskCode: 'D1', channel: 'phone', currency: 'GBP' }, who);
  for (const event of [
    add(mug, 'Blue Mug', 2, 1250),
    add(hat, 'Cap', 1, 900),
    { type: 'checkout.start', total: 3400 },
    { type: 'payment.capture', paymentId: newId(), method: 'cash', amount: 3400 },
    { type: 'receipt.issue', format: 'receipt80mm' },
    { type: 'stock.reserve' },
    { type: 'pack.start' },
    { type: 'ship.dispatch', carrier: 'Royal Mail', trackingNumber: 'AB123456789GB', units: 3 },
  ]) {
    order = await writeOrderChange(db, { orderId: order.id, event }, who);
  }
  return { order, mug, hat };
}

async function counts() {
  return {
    returns: await db.returns.count(),
    movements: await db.stockMovements.count(),
    events: await db.orderEvents.count(),
    audit: await db.auditLog.count(),
  };
}

describe('receiveReturn', () => {
  it('restocks a returned item, records the return on the order and proposes the refund of what it cost', async () => {
    const { order, mug } = await shippedOrder();
    expect(await onHand(mug.id)).toBe(8);
    const result = await receiveReturn(
      db,
      who,
      order.id,
      [{ variantId: mug.id, quantity: 1, disposition: 'restock' }],
      'Too small',
    );
    expect(await onHand(mug.id)).toBe(9);
    expect(result.order.status).toBe('returned');
    expect(result.proposedRefund).toBe(1250);
    expect(result.record).toMatchObject({
      orderNumber: order.number,
      reason: 'Too small',
      lines: [{ sku: 'MUG-BLUE', quantity: 1, disposition: 'restock' }],
    });
    expect((await db.auditLog.toArray())[0]).toMatchObject({
      kind: 'return',
      orderId: order.id,
      summary: `Return of ${order.number}: 1 × MUG-BLUE restocked; Too small`,
    });
    expect((await returnableOf(db, result.order)).map((l) => [l.sku, l.returnable])).toEqual([
      ['MUG-BLUE', 1],
      ['CAP-RED', 1],
    ]);
  });

  it('puts back the item that came back even when it is not the order’s first line', async () => {
    const { order, mug, hat } = await shippedOrder();
    await receiveReturn(
      db,
      who,
      order.id,
      [{ variantId: hat.id, quantity: 1, disposition: 'restock' }],
      'Wrong colour',
    );
    expect(await onHand(hat.id)).toBe(10);
    expect(await onHand(mug.id)).toBe(8);
  });

  it('writes off a damaged item: the order counts it back, the shelf does not', async () => {
    const { order, mug } = await shippedOrder();
    const result = await receiveReturn(
      db,
      who,
      order.id,
      [{ variantId: mug.id, quantity: 2, disposition: 'write_off' }],
      'Arrived broken',
    );
    expect(await onHand(mug.id)).toBe(8);
    expect(result.proposedRefund).toBe(2500);
    const adjust = await db.stockMovements.filter((m) => m.kind === 'adjust').toArray();
    expect(adjust).toMatchObject([
      { quantity: -2, reason: `Return ${order.number} written off: Arrived broken` },
    ]);
  });

  it('refuses more than shipped minus already returned, and writes nothing', async () => {
    const { order, mug } = await shippedOrder();
    await receiveReturn(
      db,
      who,
      order.id,
      [{ variantId: mug.id, quantity: 2, disposition: 'restock' }],
      'Too small',
    );
    const before = await counts();
    await expect(
      receiveReturn(db, who, order.id, [{ variantId: mug.id, quantity: 1, disposition: 'restock' }], 'Again'),
    ).rejects.toThrow(new ReturnRefused('MUG-BLUE has nothing left to return (2 shipped, 2 back already)'));
    expect(await counts()).toEqual(before);
    expect(await onHand(mug.id)).toBe(10);
  });

  it('rolls back the order event and the stock when the return record cannot be written', async () => {
    const { order, mug } = await shippedOrder();
    const before = await counts();
    vi.spyOn(db.auditLog, 'add').mockRejectedValueOnce(new Error('disk full'));
    await expect(
      receiveReturn(
        db,
        who,
        order.id,
        [{ variantId: mug.id, quantity: 1, disposition: 'restock' }],
        'Too small',
      ),
    ).rejects.toThrow('disk full');
    expect(await counts()).toEqual(before);
    expect(await onHand(mug.id)).toBe(8);
    expect((await db.orders.get(order.id))!.status).toBe('shipped');
  });
});
