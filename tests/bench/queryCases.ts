// The screens' queries against a loaded store, each next to the naive way a first version
// would do it: load the whole table with toArray(), then filter, sort and slice in memory.
import type { OrderlineDb } from '$db/database';
import {
  SEARCH_LIMIT,
  countOrdersByStatus,
  findProducts,
  getOrderWithEvents,
  listOrders,
  listProducts,
  searchOrders,
  searchProducts,
  withHitVariants,
} from '$db/queries';
import type { GeneratedStore } from '../../src-renderer/src/demo/generateStore';
import { ORDER_STATUSES, type OrderStatus } from '$shared/orderStatus';
import type { Order, Product, Variant } from '$shared/records';
import { searchWords } from '$shared/searchWords';
import { sameIds, type BenchCase } from './benchCase';

const PAGE = 50;
// Inputs are cycled so no case measures one lucky row.
const SAMPLES = 16;

/** IndexedDB's own key order: code units, ties broken by primary key. */
const byKey = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const byName = (a: Product, b: Product) => byKey(a.name, b.name) || byKey(a.id, b.id);
const newestFirst = (a: Order, b: Order) => byKey(b.createdAt, a.createdAt) || byKey(b.id, a.id);

function spread<T>(rows: readonly T[], count = SAMPLES): T[] {
  const step = Math.max(1, Math.floor(rows.length / count));
  return Array.from({ length: Math.min(count, rows.length) }, (_, k) => rows[k * step]!);
}

const pick = <T>(inputs: readonly T[], i: number): T => inputs[i % inputs.length]!;

/** Naive join: scan every variant for the page's products, as a first version would. */
async function withVariants(db: OrderlineDb, products: Product[]) {
  const ids = new Set(products.map((p) => p.id));
  const byProduct = new Map<string, Variant[]>();
  for (const v of await db.variants.toArray())
    if (ids.has(v.productId)) byProduct.set(v.productId, [...(byProduct.get(v.productId) ?? []), v]);
  return products.map((product) => ({ product, variants: byProduct.get(product.id) ?? [] }));
}

async function naiveWordSearch(db: OrderlineDb, query: string) {
  const words = searchWords(query);
  const hits = (await db.products.toArray())
    .filter((p) => words.every((w) => p.searchWords.some((pw) => pw.startsWith(w))))
    .sort(byName);
  return { hits, page: await withVariants(db, hits.slice(0, SEARCH_LIMIT)) };
}

async function naiveSkuSearch(db: OrderlineDb, prefix: string) {
  const sku = prefix.toUpperCase();
  const variants = (await db.variants.toArray()).filter((v) => v.sku.startsWith(sku)).slice(0, SEARCH_LIMIT);
  const products = await db.products.bulkGet([...new Set(variants.map((v) => v.productId))]);
  return withVariants(
    db,
    products.filter((p): p is Product => p !== undefined),
  );
}

async function naiveProductPage(db: OrderlineDb, offset: number) {
  const all = (await db.products.toArray()).sort(byName);
  return withVariants(db, all.slice(offset, offset + PAGE));
}

async function naiveOrderPage(db: OrderlineDb, status: OrderStatus) {
  return (await db.orders.toArray())
    .filter((o) => o.status === status)
    .sort(newestFirst)
    .slice(0, PAGE);
}

async function naiveStatusCounts(db: OrderlineDb) {
  const counts = Object.fromEntries(ORDER_STATUSES.map((s) => [s, 0])) as Record<OrderStatus, number>;
  for (const order of await db.orders.toArray()) counts[order.status]++;
  return counts;
}

async function naiveOrderSearch(db: OrderlineDb, query: string) {
  const words = searchWords(query);
  return (await db.orders.toArray())
    .filter((o) => words.every((w) => o.searchWords.some((ow) => ow.startsWith(w))))
    .sort(newestFirst);
}

async function naiveOrderWithEvents(db: OrderlineDb, id: string) {
  const order = await db.orders.get(id);
  const events = (await db.orderEvents.filter((e) => e.orderId === id).toArray()).sort(
    (a, b) => a.seq - b.seq,
  );
  const customer = order?.customerId ? await db.customers.get(order.customerId) : undefined;
  return { order, events, customer };
}

/** The app's word search must find the naive scan's matches, capped at the search limit. */
async function checkWordSearch(db: OrderlineDb, query: string): Promise<void> {
  const found = await searchProducts(db, query);
  const app = found.filter((m) => m.matchedBy === 'name');
  const { hits } = await naiveWordSearch(db, query);
  const all = new Set(hits.map((p) => p.id));
  const stray = app.find((m) => !all.has(m.product.id));
  // A product found by SKU first is not listed again by name, so compare the whole list's length.
  if (stray || found.length < Math.min(SEARCH_LIMIT, hits.length))
    throw new Error(
      `Searching products for "${query}" found ${app.length} by name, but a full scan finds ${hits.length}` +
        (stray ? ` and not "${stray.product.name}"` : '') +
        '; the word index and the scan disagree.',
    );
}

export function queryCases(db: OrderlineDb, store: GeneratedStore): BenchCase[] {
  const sampleProducts = spread(store.products);
  // A seller types a whole name or just its most telling word.
  const wordQueries = sampleProducts.map((p, k) => {
    const words = searchWords(p.name);
    return k % 2 === 0 ? words.join(' ') : [...words].sort((a, b) => b.length - a.length)[0]!;
  });
  const sampleVariants = spread(store.variants);
  // "TSH-00123": the product part of a SKU, which every one of its variants starts with.
  const skuPrefixes = sampleVariants.map((v) => v.sku.split('-').slice(0, 2).join('-'));
  const barcodes = sampleVariants.map((v) => v.barcode);
  const deepOffset = Math.max(0, Math.floor(store.products.length * 0.9));
  // A page in name order holds ids from all over the id index, as a real page does.
  const pageIds = [...store.products]
    .sort(byName)
    .slice(deepOffset, deepOffset + PAGE)
    .map((p) => p.id);
  const busiest = ORDER_STATUSES.reduce((best, s) =>
    store.orders.filter((o) => o.status === s).length > store.orders.filter((o) => o.status === best).length
      ? s
      : best,
  );
  const sampleOrders = spread(store.orders);
  const orderIds = sampleOrders.map((o) => o.id);
  const customerQueries = sampleOrders.map((o) => searchWords(o.customerName).at(-1) ?? o.number);

  return [
    {
      name: 'catalog search by word',
      run: (i) => searchProducts(db, pick(wordQueries, i)),
      baseline: { name: 'toArray + filter words', run: (i) => naiveWordSearch(db, pick(wordQueries, i)) },
      check: async () => {
        for (const q of wordQueries.slice(0, 4)) await checkWordSearch(db, q);
      },
      target: '< 50 ms at store scale',
    },
    {
      // What Catalog does per keystroke now: the hits, then variants for the first screenful only.
      name: 'catalog search by word, hits + first 20 rows',
      run: async (i) => withHitVariants(db, (await findProducts(db, pick(wordQueries, i))).slice(0, 20)),
      baseline: {
        name: 'searchProducts, variants of all hits',
        run: (i) => searchProducts(db, pick(wordQueries, i)),
      },
      check: async () => {
        const q = wordQueries[0]!;
        sameIds(
          `word search "${q}"`,
          (await findProducts(db, q)).map((h) => h.product.id),
          (await searchProducts(db, q)).map((m) => m.product.id),
          true,
        );
      },
      target: '< 50 ms at store scale',
    },
    {
      name: 'catalog search by SKU prefix',
      run: (i) => searchProducts(db, pick(skuPrefixes, i)),
      baseline: { name: 'toArray + filter SKU', run: (i) => naiveSkuSearch(db, pick(skuPrefixes, i)) },
      check: async () => {
        const q = skuPrefixes[0]!;
        const app = (await searchProducts(db, q)).filter((m) => m.matchedBy === 'sku');
        const naive = await naiveSkuSearch(db, q);
        sameIds(
          `SKU search "${q}"`,
          app.map((m) => m.product.id),
          naive.map((r) => r.product.id),
          false,
        );
      },
      target: '< 50 ms at store scale',
    },
    {
      name: 'catalog search by barcode',
      run: (i) => searchProducts(db, pick(barcodes, i)),
      baseline: {
        name: 'toArray + find barcode',
        run: async (i) => {
          const code = pick(barcodes, i);
          const variant = (await db.variants.toArray()).find((v) => v.barcode === code);
          return variant && withVariants(db, [(await db.products.get(variant.productId))!]);
        },
      },
      check: async () => {
        const variant = sampleVariants[1] ?? sampleVariants[0]!;
        const [first] = await searchProducts(db, variant.barcode);
        if (first?.matchedBy !== 'barcode' || first.variantId !== variant.id)
          throw new Error(`Scanning ${variant.barcode} did not find variant ${variant.sku} first.`);
      },
      target: '< 16 ms (one frame) at store scale',
    },
    {
      name: `listProducts page of ${PAGE} at offset 0`,
      run: () => listProducts(db, 0, PAGE),
      baseline: { name: 'toArray + sort + slice', run: () => naiveProductPage(db, 0) },
      check: async () =>
        sameIds(
          'listProducts at offset 0',
          (await listProducts(db, 0, PAGE)).map((r) => r.product.id),
          (await naiveProductPage(db, 0)).map((r) => r.product.id),
        ),
      target: '< 50 ms at store scale',
    },
    {
      name: `listProducts page of ${PAGE} at offset ${deepOffset.toLocaleString('en')}`,
      run: () => listProducts(db, deepOffset, PAGE),
      baseline: { name: 'toArray + sort + slice', run: () => naiveProductPage(db, deepOffset) },
      check: async () =>
        sameIds(
          `listProducts at offset ${deepOffset}`,
          (await listProducts(db, deepOffset, PAGE)).map((r) => r.product.id),
          (await naiveProductPage(db, deepOffset)).map((r) => r.product.id),
        ),
      target: '< 100 ms at store scale',
    },
    {
      // Isolates the join listProducts and searchProducts share: one anyOf() over the page's
      // product ids. Here the baseline is the other way to join, not a naive one.
      name: `variants of a ${PAGE}-product page, anyOf()`,
      run: () => db.variants.where('productId').anyOf(pageIds).toArray(),
      baseline: {
        name: 'one equals() per product',
        run: () => Promise.all(pageIds.map((id) => db.variants.where('productId').equals(id).toArray())),
      },
      check: async () =>
        sameIds(
          'variants of a page',
          (await db.variants.where('productId').anyOf(pageIds).toArray()).map((v) => v.id),
          (await Promise.all(pageIds.map((id) => db.variants.where('productId').equals(id).toArray())))
            .flat()
            .map((v) => v.id),
          false,
        ),
      target: '< 16 ms at store scale',
    },
    {
      name: `listOrders page of ${PAGE}, status ${busiest}`,
      run: () => listOrders(db, { status: busiest }, 0, PAGE),
      baseline: { name: 'toArray + filter + sort', run: () => naiveOrderPage(db, busiest) },
      check: async () =>
        sameIds(
          `listOrders for ${busiest}`,
          (await listOrders(db, { status: busiest }, 0, PAGE)).map((o) => o.id),
          (await naiveOrderPage(db, busiest)).map((o) => o.id),
        ),
      target: '< 50 ms at store scale',
    },
    {
      name: 'countOrdersByStatus',
      run: () => countOrdersByStatus(db),
      baseline: { name: 'toArray + count', run: () => naiveStatusCounts(db) },
      check: async () => {
        const app = await countOrdersByStatus(db);
        const naive = await naiveStatusCounts(db);
        const wrong = ORDER_STATUSES.find((s) => app[s] !== naive[s]);
        if (wrong)
          throw new Error(
            `countOrdersByStatus says ${app[wrong]} ${wrong} orders, a full scan counts ${naive[wrong]}.`,
          );
      },
      target: '< 100 ms at store scale',
    },
    {
      name: 'searchOrders by customer name',
      run: (i) => searchOrders(db, pick(customerQueries, i)),
      baseline: {
        name: 'toArray + filter words',
        run: (i) => naiveOrderSearch(db, pick(customerQueries, i)),
      },
      check: async () => {
        const q = customerQueries[0]!;
        const app = await searchOrders(db, q);
        const naive = await naiveOrderSearch(db, q);
        const all = new Set(naive.map((o) => o.id));
        if (app.length !== Math.min(SEARCH_LIMIT, naive.length) || app.some((o) => !all.has(o.id)))
          throw new Error(`Searching orders for "${q}" found ${app.length}, a full scan ${naive.length}.`);
      },
      target: '< 50 ms at store scale',
    },
    {
      name: 'getOrderWithEvents',
      run: (i) => getOrderWithEvents(db, pick(orderIds, i)),
      baseline: {
        name: 'get + filter all events',
        run: (i) => naiveOrderWithEvents(db, pick(orderIds, i)),
      },
      check: async () => {
        const id = orderIds[0]!;
        sameIds(
          'getOrderWithEvents',
          (await getOrderWithEvents(db, id))?.events.map((e) => e.id) ?? [],
          (await naiveOrderWithEvents(db, id)).events.map((e) => e.id),
        );
      },
      target: '< 16 ms at store scale',
    },
  ];
}
