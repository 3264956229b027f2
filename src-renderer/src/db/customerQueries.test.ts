// Customer look-ups on a generated store: a caller is found by any way they identify themselves
// (phone as they say it, name, e-mail, an order number), pages never overlap, and their order
// history and repeat-purchase figures come from their own orders only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '$shared/ids';
import type { Customer, Order } from '$shared/records';
import { generateStore, type GeneratedStore } from '../demo/generateStore';
import { writeStore } from '../demo/loadDemoStore';
import {
  countCustomers,
  customerOrders,
  findCustomers,
  getCustomerWithOrders,
  listCustomers,
  phoneSearchPrefixes,
  purchaseStats,
} from './customerQueries';
import { saveCustomer, type CustomerInput } from './customerWrites';
import { OrderlineDb } from './database';

let db: OrderlineDb;
let store: GeneratedStore;
let hannelore: Customer;
let zoe: Customer;

const person = (name: string, phone: string, email: string, country = 'GB'): CustomerInput => ({
  name,
  email,
  phone,
  addresses: [
    { id: newId(), kind: 'shipping', name, line1: '1 High Street', city: 'Town', postalCode: '', country },
  ],
  acquisitionSource: 'search_engine',
  isBusiness: false,
});

beforeAll(async () => {
  db = new OrderlineDb(`test-${crypto.randomUUID()}`);
  store = generateStore({ products: 30, customers: 60, orders: 90 }, { seed: 11 });
  await writeStore(db, store);
  hannelore = await saveCustomer(db, {
    ...person('Hannelore Brückner', '(030) 901820', 'H.Brueckner@Example.DE', 'DE'),
    company: 'Brückner Feinkost GmbH',
    isBusiness: true,
  });
  zoe = await saveCustomer(db, person('Zoë Fairweather', '+44 (0)20 7946-0018', 'zoe@fairweather.example'));
});
afterAll(async () => {
  await db.delete();
});

const ids = (matches: { customer: Customer }[]) => matches.map((m) => m.customer.id);

describe('findCustomers', () => {
  it('finds a caller by the first digits of their phone, however they are written', async () => {
    const someone = store.customers.find((c) => c.phoneDigits.length >= 8)!;
    const found = await findCustomers(db, someone.phoneDigits.slice(0, 7));
    expect(ids(found)).toContain(someone.id);
    expect(found.every((m) => m.matchedBy === 'phone')).toBe(true);
    expect(found.every((m) => m.customer.phoneDigits.startsWith(someone.phoneDigits.slice(0, 7)))).toBe(true);
  });

  it('finds a number stored nationally when the caller gives it internationally, and back', async () => {
    expect(ids(await findCustomers(db, '+49 30 901820'))).toEqual([hannelore.id]);
    expect(ids(await findCustomers(db, '0049 30 9018'))).toEqual([hannelore.id]);
    expect(ids(await findCustomers(db, '020 7946 0018'))).toEqual([zoe.id]);
    expect(ids(await findCustomers(db, '+44 20 7946'))).toEqual([zoe.id]);
  });

  it('finds customers by the start of any word of name or company, accents and case aside', async () => {
    expect(ids(await findCustomers(db, 'bruck'))).toContain(hannelore.id);
    expect(ids(await findCustomers(db, 'FEINK hann'))).toEqual([hannelore.id]);
    const someone = store.customers[7]!;
    const surname = someone.name.split(' ').at(-1)!;
    const found = await findCustomers(db, surname);
    expect(ids(found)).toContain(someone.id);
    expect(found.every((m) => m.matchedBy === 'name' || m.matchedBy === 'email')).toBe(true);
  });

  it('finds a customer by the start of their e-mail address, whatever its case', async () => {
    const found = await findCustomers(db, 'h.brueckner@exa');
    expect(found[0]).toMatchObject({ matchedBy: 'email', customer: { id: hannelore.id } });
  });

  it('finds who placed an order from its number, whole or as a bare sequence', async () => {
    const order = store.orders.find((o) => o.customerId)!;
    const whole = await findCustomers(db, order.number.toLowerCase());
    expect(whole[0]).toMatchObject({
      matchedBy: 'order',
      orderNumber: order.number,
      customer: { id: order.customerId },
    });
    const sequence = String(Number(order.number.split('-')[1]));
    expect(ids(await findCustomers(db, sequence))).toContain(order.customerId);
  });

  it('finds nobody for a blank query or a name nobody has, and never more than the limit', async () => {
    expect(await findCustomers(db, '   ')).toEqual([]);
    expect(await findCustomers(db, 'zzqxv')).toEqual([]);
    expect((await findCustomers(db, '0', 5)).length).toBeLessThanOrEqual(5);
    expect(await findCustomers(db, 'a', 3)).toHaveLength(3);
  });
});

describe('phoneSearchPrefixes', () => {
  it('keeps a short number as typed rather than guess a country', () => {
    expect(phoneSearchPrefixes('0207')).toEqual(['0207']);
  });

  it('turns an international number into its national forms', () => {
    expect(phoneSearchPrefixes('+44 20 7946 0018')).toEqual(
      expect.arrayContaining(['442079460018', '02079460018', '2079460018', '4402079460018']),
    );
  });

  it('puts calling codes in front of a national number, with and without its trunk 0', () => {
    expect(phoneSearchPrefixes('030 901820')).toEqual(
      expect.arrayContaining(['030901820', '4930901820', '49030901820']),
    );
  });
});

describe('listing and counting', () => {
  it('pages through every customer in name order without overlap', async () => {
    const total = await countCustomers(db);
    expect(total).toBe(store.customers.length + 2);
    const pages = [
      await listCustomers(db, 0, 25),
      await listCustomers(db, 25, 25),
      await listCustomers(db, 50, 25),
    ];
    const all = pages.flat();
    expect(all).toHaveLength(total);
    expect(new Set(all.map((c) => c.id)).size).toBe(total);
    const names = all.map((c) => c.name);
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  });
});

describe('order history', () => {
  it('returns exactly the customer’s orders, newest first', async () => {
    const counts = new Map<string, number>();
    for (const o of store.orders)
      if (o.customerId) counts.set(o.customerId, (counts.get(o.customerId) ?? 0) + 1);
    const [customerId] = [...counts].sort((a, b) => b[1] - a[1])[0]!;
    const orders = await customerOrders(db, customerId);
    expect(orders.map((o) => o.id).sort()).toEqual(
      store.orders
        .filter((o) => o.customerId === customerId)
        .map((o) => o.id)
        .sort(),
    );
    const times = orders.map((o) => o.createdAt);
    expect(times).toEqual([...times].sort().reverse());
    const detail = await getCustomerWithOrders(db, customerId);
    expect(detail?.orders).toEqual(orders);
  });

  it('says a customer with no orders has none, and an unknown id is not found', async () => {
    expect(await getCustomerWithOrders(db, zoe.id)).toEqual({ customer: zoe, orders: [] });
    expect(await getCustomerWithOrders(db, newId())).toBeUndefined();
  });
});

describe('purchaseStats', () => {
  const order = (status: Order['status'], createdAt: string, paid: number, refunded = 0): Order =>
    ({
      status,
      createdAt,
      currency: 'GBP',
      totals: { subtotal: paid, discount: 0, shipping: 0, tax: 0, total: paid, paid, refunded },
    }) as Order;

  it('counts purchases past payment, money kept after refunds, and first and last purchase', () => {
    const stats = purchaseStats([
      order('delivered', '2026-03-01T10:00:00.000Z', 5000),
      order('refunded', '2026-05-01T10:00:00.000Z', 2000, 2000),
      order('processing', '2026-01-15T10:00:00.000Z', 1250),
      order('cart', '2026-06-01T10:00:00.000Z', 0),
      order('cancelled', '2026-06-02T10:00:00.000Z', 0),
    ]);
    expect(stats).toEqual({
      purchases: 3,
      open: 1,
      spent: [{ amount: 6250, currency: 'GBP' }],
      firstPurchaseAt: '2026-01-15T10:00:00.000Z',
      lastPurchaseAt: '2026-05-01T10:00:00.000Z',
    });
  });

  it('has nothing to report for a customer who never bought', () => {
    expect(purchaseStats([])).toEqual({ purchases: 0, open: 0, spent: [] });
  });
});
