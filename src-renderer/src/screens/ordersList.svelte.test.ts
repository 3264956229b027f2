// The Orders list without the DOM: live counts per status and in all, the status filter, a search
// that follows the query and the filter, and pages of the whole list.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OrderlineDb } from '$db/database';
import { mugCart, paidMugOrder } from '$db/testFixtures';
import { OrdersList } from './ordersList.svelte';

const who = { deskId: 'D1', staffName: 'Sam Seller' };
let db: OrderlineDb;
let orders: OrdersList;
beforeEach(() => {
  db = new OrderlineDb(`test-${crypto.randomUUID()}`);
  orders = new OrdersList(db);
});
afterEach(async () => {
  orders.counts.stop();
  orders.results.stop();
  await db.delete();
});

const until = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
};

describe('the Orders list', () => {
  it('counts orders per status and in all, and narrows to one status', async () => {
    const paid = await paidMugOrder(db, who, { quantity: 1 });
    const { order: cart } = await mugCart(db, 1);
    await until(() => orders.all === 2);
    expect(orders.count).toBe(2);
    expect(orders.countOf(cart.status)).toBe(1);

    orders.status = paid.status;
    expect(orders.count).toBe(1);
    const rows = await orders.loadRows(0, 10);
    expect(rows.map((o) => o.number)).toEqual([paid.number]);
  });

  it('searches as the query changes, within the status filter, and finds a submitted number', async () => {
    const paid = await paidMugOrder(db, who, { quantity: 1 });
    const { order: cart } = await mugCart(db, 1);
    orders.query = paid.number;
    orders.follow();
    expect(orders.searching).toBe(true);
    await until(() => orders.results.value?.length === 1);
    expect(orders.count).toBe(1);
    expect((await orders.loadRows(0, 10)).map((o) => o.id)).toEqual([paid.id]);

    orders.status = cart.status;
    orders.follow();
    await until(() => orders.results.value?.length === 0);
    expect(orders.count).toBe(0);
    expect(await orders.find(cart.number)).toEqual([expect.objectContaining({ id: cart.id })]);
    expect(await orders.find('')).toEqual([]);

    orders.query = '';
    orders.follow();
    expect(orders.searching).toBe(false);
  });
});
