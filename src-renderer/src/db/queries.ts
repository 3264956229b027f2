// What the screens read: indexed, paged queries that never load a whole table. Search takes
// words, SKUs and barcodes in one box, as a seller types or a scanner sends them.
import Dexie from 'dexie';
import type { OrderStatus } from '$shared/orderStatus';
import { ORDER_STATUSES } from '$shared/orderStatus';
import type { Customer, Order, OrderEvent, Product, StockLevel, Variant } from '$shared/records';
import { phoneDigits, searchWords } from '$shared/searchWords';
import { phoneSearchPrefixes } from './customerQueries';
import type { OrderlineDb } from './database';
import { findVariantByCode } from './variantLookup';
import { KeysetPager } from './keysetPages';

/** Search stops after this many matches: a person refines the query rather than scroll past it. */
export const SEARCH_LIMIT = 200;

export type ProductRow = { product: Product; variants: Variant[] };
export type ProductMatch = ProductRow & { matchedBy: 'barcode' | 'sku' | 'name'; variantId?: string };

async function withVariants(db: OrderlineDb, products: Product[]): Promise<ProductRow[]> {
  // One indexed equals() per product: anyOf() over ids spread across the index walks far more
  // of it (the benchmark measured ~270× slower for a page of 50).
  const variants = await Promise.all(
    products.map((p) => db.variants.where('productId').equals(p.id).toArray()),
  );
  return products.map((product, i) => ({
    product,
    variants: (variants[i] ?? []).sort((a, b) => a.sku.localeCompare(b.sku)),
  }));
}

export function countProducts(db: OrderlineDb): Promise<number> {
  return db.products.count();
}

/** One page of the catalog in name order. */
export async function listProducts(db: OrderlineDb, offset: number, limit: number): Promise<ProductRow[]> {
  return withVariants(db, await db.products.orderBy('name').offset(offset).limit(limit).toArray());
}

/** The catalog in name order as listProducts gives it, read a page at a time by key from the
 * nearest page already read (keysetPages), so a page deep in a 100k catalog costs what the first does.
 * Call reset() whenever products change. */
export function productPages(db: OrderlineDb) {
  const pager = new KeysetPager({
    table: db.products,
    index: 'name',
    lower: Dexie.minKey,
    upper: Dexie.maxKey,
    descending: false,
    keyOf: (p) => p.name,
    idOf: (p) => p.id,
  });
  return {
    reset: () => pager.reset(),
    page: async (offset: number, limit: number, count: number): Promise<ProductRow[]> =>
      withVariants(db, await pager.page(offset, limit, count)),
  };
}

/** A product a search found, and how; its variants are read only when its row is drawn (withVariants). */
export type ProductHit = { product: Product; matchedBy: ProductMatch['matchedBy']; variantId?: string };

/** Finds products by barcode (exact), SKU (prefix) or words of name, brand and category (prefixes),
 * without their variants: a list of 200 matches draws a screenful, so it reads a screenful of variants. */
export async function findProducts(
  db: OrderlineDb,
  query: string,
  limit = SEARCH_LIMIT,
): Promise<ProductHit[]> {
  const typed = query.trim();
  if (!typed) return [];
  const hits: ProductHit[] = [];
  const seen = new Set<string>();
  const add = async (variants: Variant[], matchedBy: ProductMatch['matchedBy']) => {
    const fresh = variants.filter((v) => !seen.has(v.productId));
    const products = await db.products.bulkGet([...new Set(fresh.map((v) => v.productId))]);
    for (const product of products) {
      if (!product) continue;
      seen.add(product.id);
      const variant = fresh.find((v) => v.productId === product.id);
      hits.push({ product, matchedBy, ...(variant ? { variantId: variant.id } : {}) });
    }
  };
  if (/^\d{8,14}$/.test(typed)) {
    // By value: a UPC-A is found when scanned as EAN-13 or GTIN-14, and a case code finds its item.
    const found = await findVariantByCode(db, typed);
    if (found && (found.kind !== 'item' || found.via !== 'sku')) await add([found.variant], 'barcode');
  }
  // A barcode names its item exactly: a scan that found it needs no SKU or word search after it.
  if (hits.length) return hits.slice(0, limit);
  const sku = typed.toUpperCase();
  if (/^[A-Z0-9][A-Z0-9._-]*$/.test(sku)) {
    await add(await db.variants.where('sku').startsWith(sku).limit(limit).toArray(), 'sku');
  }
  const words = searchWords(typed);
  const [first, ...rest] = [...words].sort((a, b) => b.length - a.length);
  if (first && hits.length < limit) {
    // The longest word narrows the index scan most; the others filter what it finds.
    const products = await db.products
      .where('searchWords')
      .startsWith(first)
      .filter((p) => !seen.has(p.id) && rest.every((w) => p.searchWords.some((pw) => pw.startsWith(w))))
      .distinct()
      .limit(limit - hits.length)
      .toArray();
    products.sort((a, b) => a.name.localeCompare(b.name));
    for (const product of products) hits.push({ product, matchedBy: 'name' });
  }
  return hits.slice(0, limit);
}

/** Search hits with their variants (sorted by SKU), as a list draws them. */
export async function withHitVariants(db: OrderlineDb, hits: ProductHit[]): Promise<ProductMatch[]> {
  const rows = await withVariants(
    db,
    hits.map((hit) => hit.product),
  );
  return hits.map((hit, i) => ({ ...hit, variants: rows[i]!.variants }));
}

/** findProducts with every match's variants: for short lists (Sell's choices, a scan). */
export async function searchProducts(
  db: OrderlineDb,
  query: string,
  limit = SEARCH_LIMIT,
): Promise<ProductMatch[]> {
  return withHitVariants(db, await findProducts(db, query, limit));
}

export async function getProduct(
  db: OrderlineDb,
  id: string,
): Promise<(ProductRow & { stock: StockLevel[] }) | undefined> {
  const product = await db.products.get(id);
  if (!product) return undefined;
  const [row] = await withVariants(db, [product]);
  const stock = await db.stockLevels.bulkGet(row!.variants.map((v) => v.id));
  return { ...row!, stock: stock.filter((s): s is StockLevel => s !== undefined) };
}

export type OrderFilter = { status?: OrderStatus };

export function countOrders(db: OrderlineDb, filter: OrderFilter = {}): Promise<number> {
  return filter.status ? db.orders.where('status').equals(filter.status).count() : db.orders.count();
}

/** One page of orders, newest first, optionally of one status (compound index, no scan). */
export function listOrders(
  db: OrderlineDb,
  filter: OrderFilter,
  offset: number,
  limit: number,
): Promise<Order[]> {
  const query = filter.status
    ? db.orders.where('[status+createdAt]').between([filter.status, ''], [filter.status, '\uffff'])
    : db.orders.orderBy('createdAt');
  return query.reverse().offset(offset).limit(limit).toArray();
}

/** Orders newest first as listOrders gives them, read by key like productPages. */
export function orderPages(db: OrderlineDb, filter: OrderFilter) {
  const pager = new KeysetPager({
    table: db.orders,
    ...(filter.status
      ? { index: '[status+createdAt]', lower: [filter.status, ''], upper: [filter.status, '\uffff'] }
      : { index: 'createdAt', lower: Dexie.minKey, upper: Dexie.maxKey }),
    descending: true,
    keyOf: (o) => (filter.status ? [o.status, o.createdAt] : o.createdAt),
    idOf: (o) => o.id,
  });
  return {
    reset: () => pager.reset(),
    page: (offset: number, limit: number, count: number) => pager.page(offset, limit, count),
  };
}

export async function countOrdersByStatus(db: OrderlineDb): Promise<Record<OrderStatus, number>> {
  const counts = await Promise.all(
    ORDER_STATUSES.map((status) => db.orders.where('status').equals(status).count()),
  );
  return Object.fromEntries(ORDER_STATUSES.map((status, i) => [status, counts[i] ?? 0])) as Record<
    OrderStatus,
    number
  >;
}

/** Orders by number (D1-000042, 000042 or just 42) or by words of the customer's name, newest first. */
export async function searchOrders(
  db: OrderlineDb,
  query: string,
  filter: OrderFilter = {},
  limit = SEARCH_LIMIT,
): Promise<Order[]> {
  const typed = query.trim().toLowerCase();
  if (!typed) return [];
  const keep = (o: Order) => !filter.status || o.status === filter.status;
  let found: Order[];
  if (/^[a-z0-9]{1,6}-\d+$/.test(typed)) {
    // An order number, whole or its start (a scan of D1-000042, or "d1-0000" typed).
    found = await db.orders
      .where('searchWords')
      .startsWith(typed)
      .filter(keep)
      .distinct()
      .limit(limit)
      .toArray();
  } else if (/^\+?[\d\s()./-]+$/.test(typed) && phoneDigits(typed).length >= 7) {
    // A phone number ("+49 30 1234567", "030 1234567"): the orders of whoever has it.
    const customers = await db.customers
      .where('phoneDigits')
      .startsWithAnyOf(phoneSearchPrefixes(typed))
      .limit(limit)
      .primaryKeys();
    found = customers.length
      ? await db.orders.where('customerId').anyOf(customers).filter(keep).limit(limit).toArray()
      : [];
  } else if (/^\d+$/.test(typed)) {
    // A bare sequence: "42" and "000042" both mean D1-000042 (on every desk), not D1-000420.
    found = await db.orders
      .where('searchWords')
      .equals(String(Number(typed)))
      .filter(keep)
      .distinct()
      .limit(limit)
      .toArray();
  } else {
    const words = searchWords(typed);
    const [first, ...rest] = [...words].sort((a, b) => b.length - a.length);
    if (!first) return [];
    found = await db.orders
      .where('searchWords')
      .startsWith(first)
      .filter((o) => keep(o) && rest.every((w) => o.searchWords.some((ow) => ow.startsWith(w))))
      .distinct()
      .limit(limit)
      .toArray();
  }
  return found.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

export type OrderWithHistory = { order: Order; events: OrderEvent[]; customer?: Customer };

export async function getOrderWithEvents(db: OrderlineDb, id: string): Promise<OrderWithHistory | undefined> {
  const order = await db.orders.get(id);
  if (!order) return undefined;
  const events = await db.orderEvents.where('[orderId+seq]').between([id, 0], [id, Infinity]).toArray();
  const customer = order.customerId ? await db.customers.get(order.customerId) : undefined;
  return { order, events, ...(customer ? { customer } : {}) };
}

/** The stock levels of these variants by variant id (a variant never stocked is absent). */
export async function stockLevelsOf(
  db: OrderlineDb,
  variantIds: readonly string[],
): Promise<ReadonlyMap<string, StockLevel>> {
  const levels = await db.stockLevels.bulkGet([...variantIds]);
  return new Map(levels.filter((l): l is StockLevel => !!l).map((l) => [l.variantId, l]));
}
