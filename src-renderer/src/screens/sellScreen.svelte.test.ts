// Sell's steps without the DOM: a code typed or scanned starts the sale on this desk's channel and
// adds its item; a scan past the cart is refused with a sentence; an unknown code keeps what was
// typed; Clear cart and its undo; and where focus goes at each step.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Order } from '$shared/records';
import { OrderlineDb } from '$db/database';
import { stockedMug } from '$db/testFixtures';
import { Router } from '$lib/router.svelte';
import { setDefaultChannel } from '$lib/sellDefaults';
import { SellController, focusTargets } from './sellScreen.svelte';

let db: OrderlineDb;
let stops: (() => void)[] = [];
beforeEach(() => {
  db = new OrderlineDb(`test-${crypto.randomUUID()}`);
});
afterEach(async () => {
  stops.forEach((stop) => stop());
  stops = [];
  await db.delete();
});

/** A controller on Sell with no sale open, following its route as the screen's effects do. */
function openSell() {
  const router = new Router({ hash: '#/sell' });
  const focused = vi.fn();
  const sell = new SellController(db, router, { focusItem: focused });
  stops.push(sell.start());
  return { sell, router, focused };
}

/** The order on screen once the live query has read it (the screen's effect calls follow). */
async function shown(sell: SellController, router: Router, check: (o: Order) => boolean = () => true) {
  sell.follow(router.route.id);
  await vi.waitFor(() => expect(sell.order && check(sell.order)).toBe(true));
  return sell.order!;
}

describe('SellController', () => {
  it('starts a sale on the desk’s channel with the first SKU typed, and focuses the item box again', async () => {
    await stockedMug(db);
    await setDefaultChannel(db, 'counter');
    const { sell, router, focused } = openSell();
    await vi.waitFor(() => expect(sell.channel).toBe('counter'));
    sell.itemQuery = 'mug-blue';
    await sell.addCode(sell.itemQuery);
    expect(sell.message).toEqual({ kind: 'ok', text: 'Added Blue Mug (MUG-BLUE)' });
    expect(sell.itemQuery).toBe('');
    expect(focused).toHaveBeenCalled();
    const order = await shown(sell, router, (o) => o.lines.length === 1);
    expect(order.channel).toBe('counter');
    expect(order.lines[0]!.quantity).toBe(1);
  });

  it('refuses a scan once the sale is at checkout, adding nothing', async () => {
    const { variant } = await stockedMug(db);
    const { sell, router } = openSell();
    await sell.addCode('MUG-BLUE');
    await shown(sell, router);
    sell.toCheckout();
    sell.onScan(variant.barcode!);
    expect(sell.message).toEqual({
      kind: 'error',
      text: `Scanned ${variant.barcode}: go back to the cart to add items. Nothing was added.`,
    });
    expect((await db.orders.get(router.route.id!))!.lines[0]!.quantity).toBe(1);
  });

  it('keeps an unknown code in the box and says nothing was added', async () => {
    await stockedMug(db);
    const { sell, router } = openSell();
    await sell.addCode('teapot');
    expect(sell.message).toEqual({ kind: 'error', text: 'No product matches “teapot”. Nothing was added.' });
    expect(sell.itemQuery).toBe('teapot');
    expect(router.route.id).toBeNull();
  });

  it('clears the cart and gives the same lines back on undo', async () => {
    await stockedMug(db);
    const { sell, router } = openSell();
    await sell.addCode('MUG-BLUE');
    await sell.addCode('MUG-BLUE');
    await shown(sell, router, (o) => o.lines[0]?.quantity === 2);
    expect(sell.canClear).toBe(true);
    await sell.clearAll();
    await shown(sell, router, (o) => o.lines.length === 0);
    expect(sell.undoable).toBe(true);
    await sell.undoClearCart();
    expect(sell.message).toEqual({ kind: 'ok', text: 'Cart restored: 1 line back' });
    await shown(sell, router, (o) => o.lines[0]?.quantity === 2);
  });

  it('opening another order brings that order’s own draft, not the last one’s', async () => {
    await stockedMug(db);
    const { sell, router } = openSell();
    await sell.addCode('MUG-BLUE');
    await shown(sell, router);
    sell.toCheckout();
    sell.draft = { ...sell.draft, promoCode: 'SPRING' };
    sell.newSale();
    sell.follow(router.route.id);
    expect(sell.step).toBe('cart');
    expect(sell.draft.promoCode).toBeUndefined();
  });
});

describe('focusTargets', () => {
  const order = (status: Order['status'], paid = 0) => ({ status, totals: { paid } }) as unknown as Order;
  it.each([
    [undefined, 'cart', '#sale-customer-title ~ * input[role="combobox"]'],
    [order('cart'), 'cart', '#sell-item'],
    [order('cart'), 'checkout', 'input[name="shipping-method"]:checked'],
    [order('payment'), 'cart', 'form[aria-labelledby="payment-title"] input[name="method"]:checked'],
    [order('payment', 500), 'cart', '#payment-amount'],
    [order('receipt'), 'cart', '[data-focus="finish-sale"]'],
    [order('processing'), 'cart', '[data-focus="new-sale"]'],
  ] as const)('%o at %s → %s first', (current, step, first) => {
    expect(focusTargets(current, step)[0]).toBe(first);
  });
});
