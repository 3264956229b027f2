import { afterEach, describe, expect, it } from 'vitest';
import { checkGtin } from '$shared/barcodes';
import { ORDER_STATUSES } from '$shared/orderStatus';
import { foldOrderEvents } from '$machines/orderMachine';
import { OrderlineDb } from '$db/database';
import { DEMO_STAFF } from './demoStaff';
import { generateStore } from './generateStore';
import { verifyPin } from '$shared/pinHash';
import { isStoreEmpty, loadDemoStore } from './loadDemoStore';

let db: OrderlineDb | undefined;
afterEach(async () => {
  await db?.delete();
  db = undefined;
});

describe('the demo store', () => {
  it('loads 500+ products with variants, international customers and orders in every status', async () => {
    db = new OrderlineDb(`demo-${Math.random()}`);
    expect(await isStoreEmpty(db)).toBe(true);
    const seen: number[] = [];
    await loadDemoStore(db, (fraction) => seen.push(fraction));

    expect(await db.products.count()).toBeGreaterThanOrEqual(500);
    expect(await db.variants.count()).toBeGreaterThan(await db.products.count());
    const countries = new Set((await db.customers.toArray()).map((c) => c.addresses[0]?.country));
    expect(countries.size).toBeGreaterThanOrEqual(5);
    for (const status of ORDER_STATUSES) {
      expect(await db.orders.where('status').equals(status).count(), status).toBeGreaterThan(0);
    }
    expect(seen.at(-1)).toBe(1);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(await isStoreEmpty(db)).toBe(false);
  });

  it('has one person per role whose demo PIN signs in, stored only as a full-strength hash', async () => {
    db = new OrderlineDb(`demo-${Math.random()}`);
    await loadDemoStore(db, undefined, { products: 10, customers: 5, orders: 5 });
    const staff = await db.staff.toArray();
    expect(staff.map((s) => s.role).sort()).toEqual(['manager', 'owner', 'packer', 'seller']);
    for (const person of DEMO_STAFF) {
      const row = staff.find((s) => s.name === person.name)!;
      expect(row.pinHash).toMatch(/^pbkdf2-sha256\$210000\$/);
      expect(await verifyPin(person.pin, row.pinHash!)).toBe(true);
    }
  });

  it('gives every variant a valid EAN-13 and a bin, and keeps stock levels equal to the ledger', () => {
    const store = generateStore({ products: 60, customers: 20, orders: 40 }, { seed: 7 });
    for (const variant of store.variants) {
      expect(checkGtin(variant.barcode)).toMatchObject({ ok: true, kind: 'EAN-13' });
      expect(variant.bin).toMatch(/^[A-Z]-\d{2}-\d$/);
    }
    const onHand = store.stockLevels.reduce((sum, l) => sum + l.onHand, 0);
    const ledger = store.stockMovements.reduce(
      (sum, m) =>
        sum +
        (m.kind === 'receive' || m.kind === 'return' || m.kind === 'adjust'
          ? m.quantity
          : m.kind === 'ship'
            ? -m.quantity
            : 0),
      0,
    );
    expect(onHand).toBe(ledger);
  });

  it('makes every order the fold of its own events through the order machine', () => {
    const store = generateStore({ products: 40, customers: 10, orders: 30 }, { seed: 3 });
    for (const order of store.orders) {
      const events = store.orderEvents.filter((e) => e.orderId === order.id).sort((a, b) => a.seq - b.seq);
      const replay = foldOrderEvents(events.map((e) => e.event));
      expect(replay.ok && replay.state.status).toBe(order.status);
      expect(order.version).toBe(events.length);
    }
  });

  it('refuses to load into a desk that already has a store, keeping what is there', async () => {
    db = new OrderlineDb(`demo-${Math.random()}`);
    const small = { products: 20, customers: 5, orders: 15 };
    await loadDemoStore(db, undefined, small);
    const before = await db.products.count();
    await expect(loadDemoStore(db, undefined, small)).rejects.toThrow(/already has a store/);
    expect(await db.products.count()).toBe(before);
  });
});
