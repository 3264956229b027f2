// The Sell and after-sale actions keep the register right: every payment taken at a desk with an
// open register is counted in its shift in the same transaction (cash minus change), a cash refund
// comes out of the drawer, and a refund the drawer cannot pay is refused with nothing written.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { money } from '$shared/money';
import { expectedCash, zReport } from '$shared/registerShift';
import type { Order } from '$shared/records';
import { OrderlineDb } from '$db/database';
import { moveRegisterCash, openRegister, openShiftOf } from '$db/shiftWrites';
import { stockedMug } from '$db/testFixtures';
import { cancelOrder, refundOrder } from './orderActions';
import { DEFAULT_DESK, addVariant, checkout, emptyDraft, priceSale, startSale, takePayment } from './sale';

let db: OrderlineDb;
beforeEach(() => {
  db = new OrderlineDb(`test-${crypto.randomUUID()}`);
});
afterEach(async () => {
  await db.delete();
});

const desk = DEFAULT_DESK;
const gbp = (amount: number) => money(amount, 'GBP');

/** Two Blue Mugs collected at the counter (£25.00), at checkout and waiting for payment. */
async function atPayment(): Promise<Order> {
  const { product, variant } = await stockedMug(db, 10);
  const cart = await addVariant(db, desk, await startSale(db, desk, 'counter'), product, variant, 2);
  const priced = await priceSale(db, cart, emptyDraft());
  return checkout(db, desk, cart, emptyDraft(), priced);
}

describe('the register counts what the Sell screen takes', () => {
  it('counts a split payment as one sale: the card part by method, the cash part less change in the drawer', async () => {
    await openRegister(db, { deskId: desk.id, staffName: 'Sam' }, gbp(10000));
    const order = await atPayment();
    const part = await takePayment(db, desk, order, {
      method: 'card_terminal',
      amount: gbp(1000),
      terminalReference: 'TID-1',
      cardLast4: '4242',
    });
    const paid = await takePayment(db, desk, part, { method: 'cash', amount: gbp(2000) });
    expect(paid.status).toBe('receipt');
    const shift = (await openShiftOf(db, desk.id))!;
    // £100 float + £15.00 cash applied (£20 handed over, £5 change).
    expect(expectedCash(shift)).toEqual(gbp(11500));
    const z = zReport([shift], desk.id);
    expect(z.sales).toBe(1);
    expect(z.byMethod.card_terminal).toEqual(gbp(1000));
    expect(z.byMethod.cash).toEqual(gbp(1500));
  });

  it('still takes the payment when no register is open, and counts it nowhere', async () => {
    const paid = await takePayment(db, desk, await atPayment(), { method: 'cash', amount: gbp(2500) });
    expect(paid.status).toBe('receipt');
    expect(await db.shifts.count()).toBe(0);
  });

  it('takes a cash refund out of the drawer in the same transaction as the refund', async () => {
    await openRegister(db, { deskId: desk.id }, gbp(1000));
    const paid = await takePayment(db, desk, await atPayment(), { method: 'cash', amount: gbp(2500) });
    const refunded = await refundOrder(db, desk, paid, 500, 'chipped handle');
    expect(refunded.totals.refunded).toBe(500);
    const shift = (await openShiftOf(db, desk.id))!;
    expect(expectedCash(shift)).toEqual(gbp(1000 + 2500 - 500));
    expect(shift.entries.at(-1)).toMatchObject({ kind: 'refund', method: 'cash', reason: 'chipped handle' });
  });

  it('refuses a cash refund the drawer cannot pay and writes neither the refund nor the shift entry', async () => {
    const who = { deskId: desk.id };
    await openRegister(db, who, gbp(0));
    const paid = await takePayment(db, desk, await atPayment(), { method: 'cash', amount: gbp(2500) });
    // Banked: the drawer now holds £5.00 only.
    await moveRegisterCash(db, who, { kind: 'cash_out', amount: gbp(2000), reason: 'banking' });
    await expect(refundOrder(db, desk, paid, 1000, 'wrong size')).rejects.toThrow(
      /not enough for a £10.00 cash refund/,
    );
    expect((await db.orders.get(paid.id))?.totals.refunded).toBe(0);
    expect((await openShiftOf(db, desk.id))!.entries.map((e) => e.kind)).toEqual(['sale', 'cash_out']);
  });

  it('counts the refund a cancel makes of a paid order', async () => {
    await openRegister(db, { deskId: desk.id }, gbp(1000));
    const paid = await takePayment(db, desk, await atPayment(), { method: 'cash', amount: gbp(2500) });
    await cancelOrder(db, desk, paid, 'changed their mind');
    expect(expectedCash((await openShiftOf(db, desk.id))!)).toEqual(gbp(1000));
  });
});
