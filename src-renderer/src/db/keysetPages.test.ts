import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newId } from '$shared/ids';
import { makeOrders, makeProducts } from '../../../tests/bench/syncBenchData';
import type { Order, Product } from '$shared/records';
import { OrderlineDb } from './database';
import { KeysetPager } from './keysetPages';

let db: OrderlineDb;
beforeEach(async () => {
  db = new OrderlineDb(`keyset-${newId()}`);
  await db.open();
});
afterEach(async () => {
  db.close();
  await db.delete();
});

/** Names that repeat in runs of several, as a real catalog's do ("Classic Tee" in five colours). */
async function catalog(count: number): Promise<Product[]> {
  const products = makeProducts(count).map((p, i) => ({
    ...p,
    name: `Item ${String(i % 7).padStart(2, '0')}`,
  }));
  await db.products.bulkAdd(products);
  return products.sort((a, b) => (a.name === b.name ? (a.id < b.id ? -1 : 1) : a.name < b.name ? -1 : 1));
}

const byName = () =>
  new KeysetPager({
    table: db.products,
    index: 'name',
    lower: '',
    upper: '\uffff',
    descending: false,
    keyOf: (p) => p.name,
    idOf: (p) => p.id,
  });

describe('keyset pages', () => {
  it('gives every row once, in index order, however the list is scrolled', async () => {
    const expected = (await catalog(103)).map((p) => p.id);
    const pager = byName();
    // Down from the top, a jump to the middle, back up, and the end: each page as the list shows it.
    for (const offset of [0, 10, 20, 60, 50, 40, 100, 90, 30, 70, 80]) {
      const rows = await pager.page(offset, 10, expected.length);
      expect(
        rows.map((p) => p.id),
        `rows at ${offset}`,
      ).toEqual(expected.slice(offset, offset + 10));
    }
  });

  it('reads a page next to one it knows without counting from the start', async () => {
    const expected = (await catalog(60)).map((p) => p.id);
    const pager = byName();
    await pager.page(40, 10, expected.length);
    // Within a run of equal names, across it, and backwards into it.
    expect((await pager.page(50, 10, 60)).map((p) => p.id)).toEqual(expected.slice(50, 60));
    expect((await pager.page(30, 10, 60)).map((p) => p.id)).toEqual(expected.slice(30, 40));
    expect((await pager.page(35, 3, 60)).map((p) => p.id)).toEqual(expected.slice(35, 38));
  });

  it('lists newest first within one status of a compound index, and forgets positions on reset', async () => {
    const orders: Order[] = makeOrders(45, 'D1').map((o, i) => ({
      ...o,
      status: i % 3 ? 'cart' : 'processing',
      // Several orders in the same millisecond, as a bulk import makes them.
      createdAt: `2026-11-${String(10 + (i % 9)).padStart(2, '0')}T12:00:00.000Z`,
    }));
    await db.orders.bulkAdd(orders);
    const carts = orders
      .filter((o) => o.status === 'cart')
      .sort((a, b) =>
        a.createdAt === b.createdAt ? (a.id < b.id ? 1 : -1) : a.createdAt < b.createdAt ? 1 : -1,
      )
      .map((o) => o.id);
    const pager = new KeysetPager({
      table: db.orders,
      index: '[status+createdAt]',
      lower: ['cart', ''],
      upper: ['cart', '\uffff'],
      descending: true,
      keyOf: (o) => [o.status, o.createdAt],
      idOf: (o) => o.id,
    });
    for (const offset of [0, 8, 24, 16]) {
      expect((await pager.page(offset, 8, carts.length)).map((o) => o.id)).toEqual(
        carts.slice(offset, offset + 8),
      );
    }
    // A new cart at the top moves every row down one: after reset the pages follow.
    const [newest] = makeOrders(1, 'D1', 99).map((o) => ({ ...o, createdAt: '2026-12-01T00:00:00.000Z' }));
    await db.orders.add(newest!);
    pager.reset();
    const after = [newest!.id, ...carts];
    for (const offset of [16, 8, 0, 24]) {
      expect((await pager.page(offset, 8, after.length)).map((o) => o.id)).toEqual(
        after.slice(offset, offset + 8),
      );
    }
  });
});
