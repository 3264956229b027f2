// Line discounts: checked before anyone is asked, a seller's waits for a manager, a manager's is
// given alone, and the discount, the event and the 'discount' audit entry are written together.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { newId } from '$shared/ids';
import { listAudit } from '$db/auditLog';
import { OrderlineDb } from '$db/database';
import { mugCart, staffMember } from '$db/testFixtures';
import { discountLine, discountOrder } from './discountLine';
import { DEFAULT_DESK, emptyDraft, priceSale } from './sale';
import { staffSession } from './staffSession.svelte';

let db: OrderlineDb;
const sam = staffMember('Sam Seller', 'seller');
const mia = { staffId: newId(), staffName: 'Mia Manager' };

beforeEach(() => {
  db = new OrderlineDb(`test-${crypto.randomUUID()}`);
});
afterEach(async () => {
  staffSession.current = null;
  await db.delete();
});

describe('discountLine', () => {
  it('refuses a bad amount, more than the line, a missing reason or no change before asking anyone', async () => {
    const { order, lineId } = await mugCart(db);
    staffSession.current = sam;
    const ask = vi.fn();
    const give = (typed: string, reason = 'Damaged box') =>
      discountLine(db, DEFAULT_DESK, order, lineId, typed, reason, ask);
    await expect(give('lots')).rejects.toThrow('or a percent such as 10%');
    await expect(give('30')).rejects.toThrow('A discount of £30.00 is more than the £25.00 it is taken off');
    await expect(give('10%', ' ')).rejects.toThrow('Give a reason, in a few words');
    await expect(give('0')).rejects.toThrow('Blue Mug has no discount to take away');
    expect(ask).not.toHaveBeenCalled();
  });

  it('a seller’s discount waits for a manager, is audited with both names, and checkout takes it off', async () => {
    const { order, lineId } = await mugCart(db);
    staffSession.current = sam;
    await expect(
      discountLine(db, DEFAULT_DESK, order, lineId, '10%', 'Damaged box', async () => null),
    ).rejects.toThrow('No manager approved the discount, so nothing was changed.');
    expect((await db.orders.get(order.id))!.lines[0]!.discount).toBeUndefined();
    expect(await listAudit(db)).toEqual([]);

    const ask = vi.fn(async () => mia);
    const next = await discountLine(db, DEFAULT_DESK, order, lineId, '10%', 'Damaged box', ask);
    expect(ask).toHaveBeenCalledWith(
      'discount',
      `Discount on Blue Mug on ${order.number}: 10% (£2.50) off £25.00: Damaged box`,
    );
    expect(next.lines[0]!.discount).toEqual({ amount: 250, currency: 'GBP' });
    expect(next.totals).toMatchObject({ subtotal: 2500, discount: 250, total: 2250 });
    const [entry] = await listAudit(db, { kind: 'discount' });
    expect(entry).toMatchObject({
      staffName: 'Sam Seller',
      approvedByName: 'Mia Manager',
      orderId: order.id,
    });

    // Checkout prices the line at £22.50: the discount is in the totals that are charged.
    const priced = await priceSale(db, next, emptyDraft());
    expect(priced.pricing.discounts.lines.amount).toBe(250);
    expect(priced.pricing.total.amount).toBe(2250);
  });

  it('a manager gives and takes away a discount alone; a packer is refused', async () => {
    const { order, lineId } = await mugCart(db);
    staffSession.current = staffMember('Jo Packer', 'packer');
    await expect(discountLine(db, DEFAULT_DESK, order, lineId, '1', 'Loyal customer')).rejects.toThrow(
      /packer/i,
    );
    staffSession.current = staffMember('Mia Manager', 'manager');
    const ask = vi.fn();
    const given = await discountLine(db, DEFAULT_DESK, order, lineId, '1.00', 'Loyal customer', ask);
    expect(given.lines[0]!.discount?.amount).toBe(100);
    const taken = await discountLine(db, DEFAULT_DESK, given, lineId, '0', 'Changed my mind', ask);
    expect(taken.lines[0]!.discount).toBeUndefined();
    expect(ask).not.toHaveBeenCalled();
  });
});

describe('discountOrder', () => {
  it('takes an order discount off what the items come to after line discounts, and checkout charges it', async () => {
    const { order, lineId } = await mugCart(db);
    staffSession.current = staffMember('Mia Manager', 'manager');
    const lined = await discountLine(db, DEFAULT_DESK, order, lineId, '5', 'Damaged box');
    await expect(discountOrder(db, DEFAULT_DESK, lined, '25', 'Regular')).rejects.toThrow(
      'A discount of £25.00 is more than the £20.00 it is taken off',
    );
    const next = await discountOrder(db, DEFAULT_DESK, lined, '10%', 'Regular');
    expect(next.orderDiscount).toEqual({ amount: 200, currency: 'GBP' });
    expect(next.totals).toMatchObject({ subtotal: 2500, discount: 700, total: 1800 });
    const priced = await priceSale(db, next, emptyDraft());
    expect(priced.pricing.discounts).toMatchObject({ lines: { amount: 500 }, order: { amount: 200 } });
    expect(priced.pricing.total.amount).toBe(1800);
    const [entry] = await listAudit(db, { kind: 'discount' });
    expect(entry?.summary).toBe(`Order discount on ${order.number}: 10% (£2.00) off £20.00: Regular`);
  });

  it('a seller’s order discount waits for a manager; without one nothing changes', async () => {
    const { order } = await mugCart(db);
    staffSession.current = sam;
    await expect(discountOrder(db, DEFAULT_DESK, order, '1', 'Regular', async () => null)).rejects.toThrow(
      'No manager approved the discount',
    );
    expect((await db.orders.get(order.id))!.orderDiscount).toBeUndefined();
    const next = await discountOrder(db, DEFAULT_DESK, order, '1', 'Regular', async () => mia);
    expect(next.totals.total).toBe(2400);
  });
});
