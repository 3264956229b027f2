// After-sale actions by role: a signed-in seller's refund or paid cancel is refused until a manager
// approves it, a packer's is refused outright, and every refund and cancel is audited with who did
// it and who approved it.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newId } from '$shared/ids';
import type { Order } from '$shared/records';
import { listAudit } from '$db/auditLog';
import { OrderlineDb } from '$db/database';
import { staffMember, stockedMug } from '$db/testFixtures';
import { createOrder, writeOrderChange } from '$db/writeOrderChange';
import { ActionRefused, cancelOrder, refundOrder } from './orderActions';
import { DEFAULT_DESK } from './sale';
import { staffSession } from './staffSession.svelte';

let db: OrderlineDb;
const sam = staffMember('Sam Seller', 'seller');
const jo = staffMember('Jo Packer', 'packer');
const mia = { staffId: newId(), staffName: 'Mia Manager' };

beforeEach(() => {
  db = new OrderlineDb(`test-${crypto.randomUUID()}`);
});
afterEach(async () => {
  staffSession.current = null;
  await db.delete();
});

/** A £12.50 mug paid in cash, receipted. */
async function paidOrder(): Promise<Order> {
  const { variant } = await stockedMug(db, 5);
  const who = { deskId: 'D1', staffName: 'Till' };
  let order = await createOrder(db, { deskCode: 'D1', channel: 'counter', currency: 'GBP' }, who);
  const events = [
    {
      type: 'cart.addItem',
      lineId: newId(),
      variantId: variant.id,
      sku: variant.sku,
      name: 'Blue Mug',
      quantity: 1,
      unitPrice: 1250,
      taxClass: 'standard',
    },
    { type: 'checkout.start', total: 1250 },
    { type: 'payment.capture', paymentId: newId(), method: 'cash', amount: 1250 },
    { type: 'receipt.issue', format: 'receipt80mm' },
  ];
  for (const event of events) order = await writeOrderChange(db, { orderId: order.id, event }, who);
  return order;
}

describe('after-sale permissions', () => {
  it('refuses a seller’s refund without a manager, writing nothing', async () => {
    const order = await paidOrder();
    staffSession.current = sam;
    await expect(refundOrder(db, DEFAULT_DESK, order, 500, 'scratched')).rejects.toThrow(
      'A seller needs a manager to approve this: ask a manager to enter their PIN to refund',
    );
    expect((await db.orders.get(order.id))!.totals.refunded).toBe(0);
    expect(await listAudit(db)).toEqual([]);
  });

  it('refunds once a manager approved, by the seller, audited with both names', async () => {
    const order = await paidOrder();
    staffSession.current = sam;
    const next = await refundOrder(db, DEFAULT_DESK, order, 500, 'scratched', mia);
    expect(next.totals.refunded).toBe(500);
    const events = await db.orderEvents
      .where('[orderId+seq]')
      .between([order.id, 0], [order.id, 1e9])
      .toArray();
    // The approver travels on the event, so the server can check the approval too.
    expect(events.at(-1)).toMatchObject({
      event: { type: 'refund.issue' },
      staffId: sam.id,
      staffName: 'Sam Seller',
      approvedById: mia.staffId,
    });
    const [entry] = await listAudit(db, { kind: 'refund' });
    expect(entry).toMatchObject({
      staffName: 'Sam Seller',
      approvedByName: 'Mia Manager',
      orderNumber: order.number,
      summary: `Refunded £5.00 in cash on ${order.number}: scratched`,
    });
  });

  it('refuses a packer’s cancel of a paid order even with an approver', async () => {
    const order = await paidOrder();
    staffSession.current = jo;
    const cancel = cancelOrder(db, DEFAULT_DESK, order, 'changed mind', mia);
    await expect(cancel).rejects.toBeInstanceOf(ActionRefused);
    await expect(cancel).rejects.toThrow('A packer cannot cancel a paid order; ask a manager or owner');
    expect((await db.orders.get(order.id))!.status).toBe('processing');
  });

  it('audits an approved cancel with the refund it made', async () => {
    const order = await paidOrder();
    staffSession.current = sam;
    await cancelOrder(db, DEFAULT_DESK, order, 'changed mind', mia);
    const [entry] = await listAudit(db, { kind: 'cancel' });
    expect(entry?.summary).toBe(`Cancelled ${order.number}, refunding £12.50 in cash: changed mind`);
    expect(entry?.approvedByName).toBe('Mia Manager');
  });
});
