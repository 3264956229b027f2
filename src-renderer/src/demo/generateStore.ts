// A realistic store from a seed: products with variants, EAN-13 barcodes and bins, customers
// around the world, and orders in every status, each driven event by event through the order
// machine. The first-run demo and the benchmarks' store-scale data sets both come from here.
import {
  fakerDE,
  fakerEN_GB,
  fakerEN_US,
  fakerES,
  fakerFR,
  fakerIT,
  fakerJA,
  fakerNL,
  fakerSV,
  type Faker,
} from '@faker-js/faker';
import { withCheckDigit } from '$shared/barcodes';
import { newId, orderNumber } from '$shared/ids';
import { money } from '$shared/money';
import { applyOrderEvent, type OrderDetails, type Who } from '$shared/orderRow';
import { ORDER_STATUSES, ORDER_CHANNELS, ACQUISITION_SOURCES, type OrderStatus } from '$shared/orderStatus';
import { orderTotals } from '$shared/orderTotals';
import type {
  Customer,
  Order,
  OrderEvent,
  Product,
  StockLevel,
  StockMovement,
  Variant,
} from '$shared/records';
import { phoneDigits } from '$shared/searchWords';
import { DEFAULT_SHIPPING_GB, shippingOptions } from '$shared/shippingRules';
import { foldLedger } from '$shared/stockLevels';
import { defaultTaxTable } from '$shared/tax';
import { customerSearchWords, productSearchWords } from '$db/database';
import { newOrderRow } from '$db/writeOrderChange';
import { BRANDS, CARRIERS, CATEGORIES, SCALE_ITEMS } from './catalogData';
import { DEMO_STAFF } from './demoStaff';

export type StoreSize = { products: number; customers: number; orders: number };
export const DEMO_SIZE: StoreSize = { products: 520, customers: 300, orders: 420 };
export const DEMO_DESK = { code: 'D1', id: 'D1', name: 'Front desk' } as const;
export const DEMO_CURRENCY = 'GBP';

export type GeneratedStore = {
  products: Product[];
  variants: Variant[];
  customers: Customer[];
  orders: Order[];
  orderEvents: OrderEvent[];
  stockMovements: StockMovement[];
  stockLevels: StockLevel[];
};

export type GenerateOptions = { seed?: number; now?: Date; onProgress?: (fraction: number) => void };

// Country of each locale's addresses: the demo ships from the UK to these.
const LOCALES: readonly { faker: Faker; country: string; weight: number }[] = [
  { faker: fakerEN_GB, country: 'GB', weight: 50 },
  { faker: fakerDE, country: 'DE', weight: 10 },
  { faker: fakerFR, country: 'FR', weight: 8 },
  { faker: fakerNL, country: 'NL', weight: 5 },
  { faker: fakerIT, country: 'IT', weight: 5 },
  { faker: fakerES, country: 'ES', weight: 5 },
  { faker: fakerSV, country: 'SE', weight: 4 },
  { faker: fakerEN_US, country: 'US', weight: 10 },
  { faker: fakerJA, country: 'JP', weight: 3 },
];

const TAX = { basis: 'inclusive' as const, table: defaultTaxTable('GB') };
const DESK: Who = { deskId: DEMO_DESK.id, staffName: 'Demo seller' };
/** The demo's people who sell (owner, manager, seller), taking orders in turn. */
const SELLERS = DEMO_STAFF.filter((p) => p.role !== 'packer').map((p) => p.name);
const sellerOf = (i: number): Who => ({ deskId: DEMO_DESK.id, staffName: SELLERS[i % SELLERS.length]! });
const STATUS_WEIGHTS: Record<OrderStatus, number> = {
  cart: 4,
  payment: 3,
  receipt: 3,
  processing: 14,
  packaging: 6,
  partially_shipped: 4,
  shipped: 20,
  delivered: 30,
  on_hold: 4,
  cancelled: 5,
  returned: 3,
  refunded: 4,
};

function seeded(seed: number) {
  for (const [i, locale] of LOCALES.entries()) locale.faker.seed(seed + i);
  return fakerEN_GB;
}

function clean(text: string, max: number): string {
  return text.replace(/\s+/g, ' ').trim().slice(0, max);
}

function generateCatalog(f: Faker, count: number, now: Date) {
  const products: Product[] = [];
  const variants: Variant[] = [];
  const movements: StockMovement[] = [];
  const createdAt = new Date(now.getTime() - 200 * 86_400_000).toISOString();
  let barcodeSeq = 0;
  for (let n = 1; n <= count; n++) {
    const category = CATEGORIES[(n - 1) % CATEGORIES.length]!;
    const brand = f.helpers.arrayElement(BRANDS);
    const name = `${f.commerce.productAdjective()} ${f.helpers.arrayElement(category.nouns)}`;
    const product: Product = {
      id: newId(),
      name,
      description: f.commerce.productDescription(),
      category: category.name,
      brand,
      taxClass: category.taxClass,
      options: category.options.map((o) => o.name),
      allowBackorder: f.datatype.boolean(0.2),
      active: f.datatype.boolean(0.97),
      searchWords: [],
      createdAt,
      updatedAt: createdAt,
    };
    product.searchWords = productSearchWords(product);
    products.push(product);
    // Each product stocks a few of its option values (a T-shirt in 2 colours × 3 sizes, say).
    const chosen = category.options.map((o) =>
      f.helpers.arrayElements(o.values, { min: 1, max: Math.min(3, o.values.length) }),
    );
    const combos = chosen.reduce<Record<string, string>[]>(
      (acc, values, i) =>
        acc.flatMap((combo) => values.map((value) => ({ ...combo, [category.options[i]!.name]: value }))),
      [{}],
    );
    const basePrice =
      Math.round(f.number.int({ min: category.priceRange[0], max: category.priceRange[1] }) / 50) * 50 - 1;
    const aisle = String.fromCharCode(65 + ((n - 1) % 8));
    for (const [v, attributes] of combos.entries()) {
      barcodeSeq++;
      const suffix = Object.values(attributes)
        .map((value) =>
          value
            .toUpperCase()
            .replace(/[^A-Z0-9]/g, '')
            .slice(0, 4),
        )
        .join('-');
      const variant: Variant = {
        id: newId(),
        productId: product.id,
        sku: [category.code, String(n).padStart(5, '0'), suffix].filter(Boolean).join('-'),
        barcode: withCheckDigit(`50${String(barcodeSeq).padStart(10, '0')}`),
        attributes,
        price: money(basePrice + (attributes.Size === 'XL' ? 200 : 0), DEMO_CURRENCY),
        weightGrams: f.number.int({ min: category.weightRange[0], max: category.weightRange[1] }),
        bin: `${aisle}-${String(((n + v) % 24) + 1).padStart(2, '0')}-${(v % 5) + 1}`,
        createdAt,
        updatedAt: createdAt,
      };
      variants.push(variant);
      const received = f.helpers.weightedArrayElement([
        { weight: 1, value: 0 },
        { weight: 2, value: f.number.int({ min: 1, max: 5 }) },
        { weight: 7, value: f.number.int({ min: 10, max: 150 }) },
      ]);
      if (received > 0) {
        movements.push({
          id: newId(),
          variantId: variant.id,
          kind: 'receive',
          quantity: received,
          reason: 'Opening stock',
          deskId: DESK.deskId,
          createdAt,
        });
      }
    }
  }
  return { products, variants, movements };
}

function generateCustomers(count: number, now: Date): Customer[] {
  const customers: Customer[] = [];
  for (let i = 0; i < count; i++) {
    const locale = fakerEN_GB.helpers.weightedArrayElement(
      LOCALES.map((l) => ({ weight: l.weight, value: l })),
    );
    const f = locale.faker;
    const firstName = f.person.firstName();
    const lastName = f.person.lastName();
    const isBusiness = f.datatype.boolean(0.15);
    const name = clean(`${firstName} ${lastName}`, 120);
    const company = isBusiness ? clean(f.company.name(), 120) : undefined;
    const phone = clean(f.phone.number(), 40);
    const createdAt = f.date
      .between({ from: new Date(now.getTime() - 720 * 86_400_000), to: now })
      .toISOString();
    const address = {
      id: newId(),
      kind: 'shipping' as const,
      name,
      ...(company ? { company } : {}),
      line1: clean(f.location.streetAddress(), 200),
      city: clean(f.location.city(), 100),
      ...(locale.country === 'US' ? { region: f.location.state({ abbreviated: true }) } : {}),
      postalCode: clean(f.location.zipCode(), 20),
      country: locale.country,
      phone,
    };
    const customer: Customer = {
      id: newId(),
      name,
      ...(company ? { company } : {}),
      email: fakerEN_GB.internet
        .email({ firstName: fakerEN_GB.person.firstName(), lastName: fakerEN_GB.person.lastName() })
        .toLowerCase(),
      phone,
      phoneDigits: phoneDigits(phone),
      addresses: [address],
      acquisitionSource: f.helpers.arrayElement(ACQUISITION_SOURCES),
      // Some customers answered a campaign (no faker draw, so the rest of the demo stays as it was).
      ...(i % 7 === 3 ? { campaignCode: 'SPRING-CAT' } : i % 11 === 5 ? { campaignCode: 'RADIO-26' } : {}),
      isBusiness,
      searchWords: [],
      createdAt,
      updatedAt: createdAt,
    };
    customer.searchWords = customerSearchWords(customer);
    customers.push(customer);
  }
  return customers;
}

/** The events that take a fresh cart to `target`, as a seller and a packer would send them. */
function scriptFor(
  target: OrderStatus,
  f: Faker,
  lines: Record<string, unknown>[],
  total: number,
  units: number,
): unknown[] {
  const cart = lines.map((line) => ({ type: 'cart.addItem', ...line }));
  const checkout = [...cart, { type: 'checkout.start', total }];
  const method = f.helpers.arrayElement(['card_terminal', 'card_terminal', 'cash', 'invoice'] as const);
  const paid = [...checkout, { type: 'payment.capture', paymentId: newId(), method, amount: total }];
  const processing = [
    ...paid,
    { type: 'receipt.issue', format: f.helpers.arrayElement(['receipt80mm', 'invoiceA4', 'email'] as const) },
    { type: 'stock.reserve' },
  ];
  const packing = [...processing, { type: 'pack.start' }];
  const { carrier, tracking } = f.helpers.arrayElement(CARRIERS);
  const dispatch = (n: number) => ({
    type: 'ship.dispatch',
    carrier,
    trackingNumber: tracking(f.string.numeric(14)),
    units: n,
  });
  const shipped = [...packing, dispatch(units)];
  // A delivered order's invoice has been paid by bank transfer; younger invoices are still owed.
  const settled =
    method === 'invoice'
      ? [{ type: 'payment.receive', paymentId: newId(), method: 'bank_transfer', amount: total }]
      : [];
  const delivered = [...shipped, { type: 'delivery.confirm' }, ...settled];
  const returned = [...delivered, { type: 'return.receive', units: 1 }];
  switch (target) {
    case 'cart':
      return cart;
    case 'payment':
      return checkout;
    case 'receipt':
      return paid;
    case 'processing':
      return processing;
    case 'packaging':
      return packing;
    case 'partially_shipped':
      return [...packing, dispatch(Math.max(1, units - 1))];
    case 'shipped':
      return shipped;
    case 'delivered':
      return delivered;
    case 'on_hold':
      return [
        ...processing,
        {
          type: 'order.hold',
          reason: f.helpers.arrayElement([
            'Customer asked to wait for a second item',
            'Address to be confirmed',
            'Payment under review',
          ]),
        },
      ];
    case 'cancelled':
      return [...checkout, { type: 'order.cancel', reason: 'Customer changed their mind before paying' }];
    case 'returned':
      return returned;
    case 'refunded':
      return [...returned, { type: 'refund.issue', refundId: newId(), amount: total }];
  }
}

function generateOrders(
  f: Faker,
  count: number,
  catalog: { products: Product[]; variants: Variant[] },
  customers: Customer[],
  now: Date,
) {
  const orders: Order[] = [];
  const events: OrderEvent[] = [];
  const movements: StockMovement[] = [];
  const productById = new Map(catalog.products.map((p) => [p.id, p]));
  const statuses = ORDER_STATUSES.map((status) => ({ weight: STATUS_WEIGHTS[status], value: status }));
  for (let i = 0; i < count; i++) {
    // Every status appears at least once, the rest follow a realistic mix.
    const target = i < ORDER_STATUSES.length ? ORDER_STATUSES[i]! : f.helpers.weightedArrayElement(statuses);
    const customer = f.helpers.arrayElement(customers);
    const address = customer.addresses[0]!;
    // Random indexes rather than arrayElements(), which copies the whole variant list per order.
    const picks = new Set(
      Array.from({ length: f.number.int({ min: 1, max: 4 }) }, () =>
        f.number.int(catalog.variants.length - 1),
      ),
    );
    const picked = [...picks].map((index) => catalog.variants[index]!);
    const lines = picked.map((variant) => ({
      lineId: newId(),
      variantId: variant.id,
      sku: variant.sku,
      name: clean(
        `${productById.get(variant.productId)?.name ?? variant.sku} ${Object.values(variant.attributes).join(' / ')}`,
        200,
      ),
      quantity: f.helpers.weightedArrayElement([
        { weight: 6, value: 1 },
        { weight: 3, value: 2 },
        { weight: 1, value: 3 },
      ]),
      unitPrice: variant.price.amount,
      taxClass: productById.get(variant.productId)?.taxClass ?? 'standard',
    }));
    const units = lines.reduce((sum, l) => sum + l.quantity, 0);
    if (target === 'partially_shipped' && units < 2) lines[0]!.quantity = 2;
    const unitsFinal = lines.reduce((sum, l) => sum + l.quantity, 0);
    const weight = picked.reduce((sum, v, k) => sum + v.weightGrams * lines[k]!.quantity, 0);
    const subtotal = lines.reduce((sum, l) => sum + l.quantity * l.unitPrice, 0);
    const created = f.date.between({
      from: new Date(now.getTime() - 90 * 86_400_000),
      to: new Date(now.getTime() - 3_600_000),
    });
    const options = shippingOptions(
      DEFAULT_SHIPPING_GB,
      address.country,
      { weightGrams: weight, itemCount: unitsFinal, subtotal: money(subtotal, DEMO_CURRENCY) },
      created.toISOString().slice(0, 10),
    );
    const quote = options.ok ? options.quotes[0] : undefined;
    const totals = orderTotals({
      currency: DEMO_CURRENCY,
      lines: lines.map((l) => ({
        quantity: l.quantity,
        unitPrice: money(l.unitPrice, DEMO_CURRENCY),
        taxClass: l.taxClass,
      })),
      shipping: quote?.fee ?? money(0, DEMO_CURRENCY),
      shippingTaxClass: 'standard',
      tax: { ...TAX, destination: { country: address.country } },
    });
    const details: OrderDetails = {
      customerId: customer.id,
      customerName: customer.name,
      shippingAddress: address,
      shippingMethod: quote?.name ?? 'Collect in store',
      acquisitionSource: customer.acquisitionSource,
      ...(customer.campaignCode ? { campaignCode: customer.campaignCode } : {}),
      totals: {
        subtotal: totals.subtotal,
        discount: totals.discount,
        shipping: totals.shipping,
        tax: totals.tax,
        total: totals.total,
      },
      ...(f.datatype.boolean(0.1) ? { gift: { wrap: true, message: 'Happy birthday! With love' } } : {}),
    };
    let order = newOrderRow(
      {
        channel: f.helpers.arrayElement(ORDER_CHANNELS),
        currency: DEMO_CURRENCY,
        customerId: customer.id,
        customerName: customer.name,
      },
      orderNumber(DEMO_DESK.code, i + 1),
      DESK,
      created.toISOString(),
    );
    const script = scriptFor(target, f, lines, totals.total, unitsFinal);
    // Events a few minutes to a few days apart, never in the future.
    let at = created.getTime();
    for (const [k, event] of script.entries()) {
      at = Math.min(
        now.getTime(),
        at + (k < lines.length + 2 ? 60_000 : f.number.int({ min: 600_000, max: 2 * 86_400_000 })),
      );
      const stamp = new Date(at).toISOString();
      const applied = applyOrderEvent(
        order,
        { event, details: k === 0 ? details : undefined, at: stamp },
        sellerOf(i),
      );
      if (!applied.ok)
        throw new Error(
          `Demo order ${order.number} (${target}) was refused at event ${k + 1}: ${applied.reason}`,
        );
      order = applied.order;
      events.push(applied.event);
      for (const m of applied.movements)
        movements.push({ id: newId(), ...m, orderId: order.id, deskId: DESK.deskId, createdAt: stamp });
    }
    orders.push(order);
  }
  return { orders, events, movements };
}

/** The deli counter's scale-sold items; made after the seeded data so they do not shift it. */
function scaleCatalog(now: Date) {
  const createdAt = new Date(now.getTime() - 200 * 86_400_000).toISOString();
  const products: Product[] = [];
  const variants: Variant[] = [];
  const movements: StockMovement[] = [];
  for (const [i, item] of SCALE_ITEMS.entries()) {
    const product: Product = {
      id: newId(),
      name: item.name,
      category: 'Deli',
      taxClass: 'zero',
      options: [],
      allowBackorder: true,
      active: true,
      searchWords: [],
      createdAt,
      updatedAt: createdAt,
    };
    product.searchWords = productSearchWords(product);
    const variant: Variant = {
      id: newId(),
      productId: product.id,
      sku: item.sku,
      barcode: withCheckDigit(item.labelBody),
      attributes: {},
      price: money(item.pricePerKg, DEMO_CURRENCY),
      weightGrams: 1000,
      bin: `D-01-${i + 1}`,
      createdAt,
      updatedAt: createdAt,
    };
    products.push(product);
    variants.push(variant);
    movements.push({
      id: newId(),
      variantId: variant.id,
      kind: 'receive',
      quantity: 40,
      reason: 'Opening stock',
      deskId: DESK.deskId,
      createdAt,
    });
  }
  return { products, variants, movements };
}

/** Generates a whole store in memory; deterministic for a seed apart from ids and clock-based ids. */
export function generateStore(size: StoreSize = DEMO_SIZE, options: GenerateOptions = {}): GeneratedStore {
  const now = options.now ?? new Date();
  const f = seeded(options.seed ?? 42);
  const report = options.onProgress ?? (() => {});
  const catalog = generateCatalog(f, size.products, now);
  report(0.4);
  const customers = generateCustomers(size.customers, now);
  report(0.5);
  const orderData = generateOrders(f, size.orders, catalog, customers, now);
  report(0.9);
  const scale = scaleCatalog(now);
  const stockMovements = [...catalog.movements, ...scale.movements, ...orderData.movements];
  const updatedAt = now.toISOString();
  const stockLevels = [...foldLedger(stockMovements)].map(([variantId, counts]) => ({
    variantId,
    ...counts,
    updatedAt,
  }));
  report(1);
  return {
    products: [...catalog.products, ...scale.products],
    variants: [...catalog.variants, ...scale.variants],
    customers,
    orders: orderData.orders,
    orderEvents: orderData.events,
    stockMovements,
    stockLevels,
  };
}
