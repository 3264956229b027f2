// Finding customers as a seller types what the caller says: phone digits, a name or company,
// an e-mail, or an order number. Every lookup walks an index; none reads the whole table.
import { CALLING_CODES } from '$shared/addressFormats';
import type { OrderStatus } from '$shared/orderStatus';
import type { Customer, Order } from '$shared/records';
import { phoneDigits, searchWords } from '$shared/searchWords';
import type { OrderlineDb } from './database';
import { searchOrders } from './queries';

/** As-you-type results stop here: a person types one more character rather than scroll. */
export const CUSTOMER_SEARCH_LIMIT = 50;

export type CustomerMatch = {
  customer: Customer;
  matchedBy: 'phone' | 'order' | 'email' | 'name';
  /** The order the customer was found by. */
  orderNumber?: string;
};

const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The stored digit strings a typed number may start: as typed, and — once it is long enough
 * to mean one number — with the calling code added or dropped and the trunk 0 swapped, so
 * "029 9045 3332" finds "+44 29 9045 3332" and "+49 437 0377214" finds "(0437) 0377214".
 */
export function phoneSearchPrefixes(typed: string): string[] {
  const digits = phoneDigits(typed);
  const prefixes = new Set<string>(digits ? [digits] : []);
  if (digits.length < 6) return [...prefixes];
  const international = digits.startsWith('00')
    ? digits.slice(2)
    : typed.trim().startsWith('+')
      ? digits
      : '';
  if (international) {
    prefixes.add(international);
    const code = CALLING_CODES.find((c) => international.startsWith(c));
    if (code) {
      const national = international.slice(code.length);
      prefixes.add(`0${national}`);
      prefixes.add(national);
      prefixes.add(`${code}0${national}`); // written "+44 (0)20 …"
    }
  } else {
    const national = digits.startsWith('0') ? digits.slice(1) : digits;
    for (const code of CALLING_CODES) {
      prefixes.add(`${code}${national}`);
      if (national !== digits) prefixes.add(`${code}${digits}`); // Italy keeps the 0; "+44 (0)…"
    }
    // A number typed with its calling code but no "+": "44 29 9045 3332".
    const code = CALLING_CODES.find((c) => digits.startsWith(c));
    if (code) prefixes.add(`0${digits.slice(code.length)}`);
  }
  return [...prefixes];
}

const ORDER_NUMBER = /^[a-z0-9]{1,6}-\d+$/i;
const PHONE_LIKE = /^\+?[\d\s().-]+$/;
const EMAIL_LIKE = /^[^\s@]+@?[^\s@]*$/;

/** Customers matching what was typed, best kind of match first: phone, order, e-mail, name. */
export async function findCustomers(
  db: OrderlineDb,
  query: string,
  limit = CUSTOMER_SEARCH_LIMIT,
): Promise<CustomerMatch[]> {
  const typed = query.trim();
  if (!typed) return [];
  const matches: CustomerMatch[] = [];
  const seen = new Set<string>();
  const add = (customers: Customer[], matchedBy: CustomerMatch['matchedBy'], orderNumber?: string) => {
    for (const customer of customers) {
      if (seen.has(customer.id) || matches.length >= limit) continue;
      seen.add(customer.id);
      matches.push({ customer, matchedBy, ...(orderNumber ? { orderNumber } : {}) });
    }
  };

  const digits = phoneDigits(typed);
  const phoneLike = PHONE_LIKE.test(typed) && digits.length >= 3;
  if (phoneLike) {
    const found = await db.customers
      .where('phoneDigits')
      .startsWithAnyOf(phoneSearchPrefixes(typed))
      .limit(limit)
      .toArray();
    add(
      found.sort((a, b) => a.name.localeCompare(b.name)),
      'phone',
    );
  }

  // An order number ("D1-000042") or a bare sequence ("42") brings up who placed it.
  if (ORDER_NUMBER.test(typed) || /^\d{1,6}$/.test(typed)) {
    const orders = (await searchOrders(db, typed, {}, limit)).filter((o) => o.customerId);
    const customers = await db.customers.bulkGet(orders.map((o) => o.customerId!));
    orders.forEach((order, i) => {
      const customer = customers[i];
      if (customer) add([customer], 'order', order.number);
    });
  }
  if (phoneLike || ORDER_NUMBER.test(typed) || matches.length >= limit) return matches;

  if (EMAIL_LIKE.test(typed) && typed.length >= 3) {
    const found = await db.customers.where('email').startsWithIgnoreCase(typed).limit(limit).toArray();
    add(
      found.sort((a, b) => byCodeUnits(a.email ?? '', b.email ?? '')),
      'email',
    );
  }

  const words = searchWords(typed);
  // The longest word narrows the index walk most; the others filter what it finds.
  const [first, ...rest] = [...words].sort((a, b) => b.length - a.length);
  if (first && matches.length < limit) {
    const found = await db.customers
      .where('searchWords')
      .startsWith(first)
      .filter((c) => !seen.has(c.id) && rest.every((w) => c.searchWords.some((cw) => cw.startsWith(w))))
      .distinct()
      .limit(limit - matches.length)
      .toArray();
    add(
      found.sort((a, b) => a.name.localeCompare(b.name)),
      'name',
    );
  }
  return matches;
}

export function countCustomers(db: OrderlineDb): Promise<number> {
  return db.customers.count();
}

/** One page of customers in name order. */
export function listCustomers(db: OrderlineDb, offset: number, limit: number): Promise<Customer[]> {
  return db.customers.orderBy('name').offset(offset).limit(limit).toArray();
}

/** A customer's orders, newest first (one customer's orders are few: sorted in memory). */
export async function customerOrders(db: OrderlineDb, customerId: string): Promise<Order[]> {
  const orders = await db.orders.where('customerId').equals(customerId).toArray();
  return orders.sort((a, b) => byCodeUnits(b.createdAt, a.createdAt));
}

export type CustomerWithOrders = { customer: Customer; orders: Order[] };

export async function getCustomerWithOrders(
  db: OrderlineDb,
  id: string,
): Promise<CustomerWithOrders | undefined> {
  const customer = await db.customers.get(id);
  if (!customer) return undefined;
  return { customer, orders: await customerOrders(db, id) };
}

// Orders that are not (yet, or any longer) a purchase: open carts, unpaid, called off.
const NOT_PURCHASES: readonly OrderStatus[] = ['cart', 'payment', 'cancelled'];

export type PurchaseStats = {
  /** Orders that went past payment (refunded ones included: they were bought). */
  purchases: number;
  /** Carts and orders still awaiting payment. */
  open: number;
  /** Money kept (paid less refunded), per currency, in minor units. */
  spent: { amount: number; currency: string }[];
  firstPurchaseAt?: string;
  lastPurchaseAt?: string;
};

/** Repeat-purchase figures for one customer's orders. */
export function purchaseStats(orders: readonly Order[]): PurchaseStats {
  const purchases = orders.filter((o) => !NOT_PURCHASES.includes(o.status));
  const spent = new Map<string, number>();
  for (const order of orders) {
    const kept = order.totals.paid - order.totals.refunded;
    if (kept !== 0) spent.set(order.currency, (spent.get(order.currency) ?? 0) + kept);
  }
  const times = purchases.map((o) => o.createdAt).sort(byCodeUnits);
  return {
    purchases: purchases.length,
    open: orders.filter((o) => o.status === 'cart' || o.status === 'payment').length,
    spent: [...spent].map(([currency, amount]) => ({ amount, currency })),
    ...(times.length ? { firstPurchaseAt: times[0]!, lastPurchaseAt: times.at(-1)! } : {}),
  };
}
