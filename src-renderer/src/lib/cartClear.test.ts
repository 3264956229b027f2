// Clear cart and its undo against a real (fake-indexeddb) store: the lines come back with their ids,
// quantities and prices, as cart.addItem events after the cart.clear.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OrderlineDb } from '$db/database';
import { stockedCap, stockedMug } from '$db/testFixtures';
import { writeOrderChange } from '$db/writeOrderChange';
import { restoreEvents } from '$shared/cartUndo';
import { DEFAULT_DESK, addScaleLine, addVariant, clearCart, startSale, undoClear } from './sale';

let db: OrderlineDb;
beforeEach(() => {
  db = new OrderlineDb(`test-${crypto.randomUUID()}`);
});
afterEach(async () => {
  await db.delete();
});
const desk = DEFAULT_DESK;

describe('clear cart with undo', () => {
  it('clears every line, and undo restores the same lines and prices after the clear', async () => {
    const { product, variant } = await stockedMug(db);
    let order = await startSale(db, desk, 'counter');
    order = await addVariant(db, desk, order, product, variant, 2);
    order = await addScaleLine(db, desk, order, product, variant, { unitPrice: 2_250, detail: '1.250 kg' });
    // The screen's copy is one scan behind: the clear still takes (and gives back) what is stored.
    const stale = { ...order, lines: order.lines.slice(0, 1) };

    const { order: emptied, lines } = await clearCart(db, desk, stale);
    expect(emptied.lines).toEqual([]);
    expect(lines).toEqual(order.lines);

    const restored = await undoClear(db, desk, order.id, lines);
    expect(restored?.lines).toEqual(order.lines);
    const log = await db.orderEvents.where('[orderId+seq]').between([order.id, 0], [order.id, 1e9]).toArray();
    expect(log.slice(-3).map((e) => e.event.type)).toEqual(['cart.clear', 'cart.addItem', 'cart.addItem']);
  });

  it('gives back the line and order discounts the clear took away', async () => {
    const { product, variant } = await stockedMug(db);
    let order = await addVariant(db, desk, await startSale(db, desk, 'counter'), product, variant, 2);
    const lineId = order.lines[0]!.id;
    const reason = 'Damaged box';
    order = await writeOrderChange(
      db,
      { orderId: order.id, event: { type: 'cart.setDiscount', lineId, discount: 300, reason } },
      { deskId: 'D1' },
    );
    order = await writeOrderChange(
      db,
      { orderId: order.id, event: { type: 'cart.setOrderDiscount', discount: 100, reason } },
      { deskId: 'D1' },
    );
    const { lines, orderDiscount } = await clearCart(db, desk, order);
    expect((await db.orders.get(order.id))!.orderDiscount).toBeUndefined();
    const restored = await undoClear(db, desk, order.id, lines, orderDiscount);
    expect(restored?.lines).toEqual(order.lines);
    expect(restored?.orderDiscount).toEqual(order.orderDiscount);
    expect(restored?.totals.total).toBe(order.totals.total);
  });

  it('restores nothing when one line is refused (its line id was taken meanwhile)', async () => {
    const { product, variant } = await stockedMug(db);
    const cap = await stockedCap(db);
    let order = await startSale(db, desk, 'counter');
    order = await addVariant(db, desk, order, product, variant);
    const capProduct = (await db.products.get(cap.productId))!;
    order = await addScaleLine(db, desk, order, capProduct, cap, { unitPrice: 850, detail: 'label price' });
    const { lines } = await clearCart(db, desk, order);
    // Another desk's event took the cap line's id for a mug: the mug line would come back, the cap not.
    const taken = { ...restoreEvents(lines)[0]!, lineId: lines[1]!.id };
    await writeOrderChange(db, { orderId: order.id, event: taken }, { deskId: 'D1' });
    const before = await db.orders.get(order.id);
    await expect(undoClear(db, desk, order.id, lines)).rejects.toThrow(/already holds/);
    expect(await db.orders.get(order.id)).toEqual(before);
  });
});
