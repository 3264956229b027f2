// What the Sell screen does to an order, as order-machine events written through
// writeOrderChange: one function per seller action, so the screen only translates keys and clicks.
import { newId } from '../../../src-shared/ids';
import { money } from '../../../src-shared/money';
import type { OrderDetails } from '../../../src-shared/orderRow';
import { orderTotals, type Totals } from '../../../src-shared/orderTotals';
import type { OrderChannel } from '../../../src-shared/orderStatus';
import type { Order, Payment, Product, Variant } from '../../../src-shared/records';
import { DEFAULT_SHIPPING_GB, shippingOptions, type ShippingQuote } from '../../../src-shared/shippingRules';
import { defaultTaxTable } from '../../../src-shared/tax';
import type { OrderlineDb } from '../db/database';
import { createOrder, writeOrderChange, type Who } from '../db/writeOrderChange';

export type Desk = { code: string; id: string; name: string };
export const DEFAULT_DESK: Desk = { code: 'D1', id: 'D1', name: 'Front desk' };
const CURRENCY = 'GBP';
const TAX = { basis: 'inclusive' as const, table: defaultTaxTable('GB') };

export async function currentDesk(db: OrderlineDb): Promise<Desk> {
  const row = await db.settings.get('desk');
  const value = row?.value as Partial<Desk> | undefined;
  return value?.code && value.id ? { ...DEFAULT_DESK, ...value } : DEFAULT_DESK;
}

export function sellerOf(desk: Desk): Who {
  return { deskId: desk.id, staffName: 'Seller' };
}

export async function startSale(db: OrderlineDb, desk: Desk, channel: OrderChannel): Promise<Order> {
  return createOrder(db, { deskCode: desk.code, channel, currency: CURRENCY }, sellerOf(desk));
}

/** Adds one variant; scanning the same item again adds to its line instead of a new line. */
export async function addVariant(
  db: OrderlineDb,
  desk: Desk,
  order: Order,
  product: Product,
  variant: Variant,
  quantity = 1,
): Promise<Order> {
  const existing = order.lines.find((l) => l.variantId === variant.id);
  const attributes = Object.values(variant.attributes).join(' / ');
  const event = {
    type: 'cart.addItem',
    lineId: existing?.id ?? newId(),
    variantId: variant.id,
    sku: variant.sku,
    name: attributes ? `${product.name} ${attributes}` : product.name,
    quantity,
    unitPrice: variant.price.amount,
    taxClass: product.taxClass,
  };
  return writeOrderChange(db, { orderId: order.id, event }, sellerOf(desk));
}

/** Reads what a person typed as a quantity: a whole number from 1 to 9,999, or says why not. */
export function parseQuantity(typed: string): { ok: true; value: number } | { ok: false; message: string } {
  const text = typed.trim();
  if (!/^-?\d+([.,]\d+)?$/.test(text)) return { ok: false, message: `“${typed}” is not a number of items` };
  const value = Number(text.replace(',', '.'));
  if (!Number.isInteger(value)) return { ok: false, message: 'Quantity must be a whole number of items' };
  if (value < 1)
    return { ok: false, message: 'Quantity must be at least 1; use Remove to take the line out' };
  if (value > 9999) return { ok: false, message: 'Quantity above 9,999 on one line is not believable' };
  return { ok: true, value };
}

export function setQuantity(db: OrderlineDb, desk: Desk, order: Order, lineId: string, quantity: number) {
  return writeOrderChange(
    db,
    { orderId: order.id, event: { type: 'cart.setQuantity', lineId, quantity } },
    sellerOf(desk),
  );
}

export function removeLine(db: OrderlineDb, desk: Desk, order: Order, lineId: string) {
  return writeOrderChange(
    db,
    { orderId: order.id, event: { type: 'cart.removeItem', lineId } },
    sellerOf(desk),
  );
}

export type Checkout = { totals: Totals; quote: ShippingQuote | null; destination: string };

/** Shipping and tax for the cart, from the shipping rules and tax table (collection when no address). */
export async function priceCart(db: OrderlineDb, order: Order, methodId?: string): Promise<Checkout> {
  const destination = order.shippingAddress?.country ?? 'GB';
  const variants = await db.variants.bulkGet(order.lines.map((l) => l.variantId));
  const weightGrams = order.lines.reduce(
    (sum, l, i) => sum + (variants[i]?.weightGrams ?? 0) * l.quantity,
    0,
  );
  const itemCount = order.lines.reduce((sum, l) => sum + l.quantity, 0);
  const subtotal = order.lines.reduce((sum, l) => sum + l.unitPrice.amount * l.quantity, 0);
  let quote: ShippingQuote | null = null;
  if (order.shippingAddress && itemCount > 0) {
    const options = shippingOptions(
      DEFAULT_SHIPPING_GB,
      destination,
      { weightGrams, itemCount, subtotal: money(subtotal, CURRENCY) },
      new Date().toISOString().slice(0, 10),
    );
    if (options.ok) quote = options.quotes.find((q) => q.methodId === methodId) ?? options.quotes[0] ?? null;
  }
  const totals = orderTotals({
    currency: CURRENCY,
    lines: order.lines,
    shipping: quote?.fee ?? money(0, CURRENCY),
    shippingTaxClass: 'standard',
    tax: { ...TAX, destination: { country: destination } },
  });
  return { totals, quote, destination };
}

export async function checkout(db: OrderlineDb, desk: Desk, order: Order, priced: Checkout): Promise<Order> {
  const { totals, quote } = priced;
  const details: OrderDetails = {
    shippingMethod: quote?.name ?? 'Collect at the counter',
    totals: {
      subtotal: totals.subtotal,
      discount: totals.discount,
      shipping: totals.shipping,
      tax: totals.tax,
      total: totals.total,
    },
  };
  return writeOrderChange(
    db,
    { orderId: order.id, event: { type: 'checkout.start', total: totals.total }, details },
    sellerOf(desk),
  );
}

export function backToCart(db: OrderlineDb, desk: Desk, order: Order) {
  return writeOrderChange(db, { orderId: order.id, event: { type: 'checkout.back' } }, sellerOf(desk));
}

export type Tender = {
  method: Payment['method'];
  amount: number;
  reference?: string;
  cardLast4?: string;
  termsDays?: number;
};

export async function takePayment(db: OrderlineDb, desk: Desk, order: Order, tender: Tender): Promise<Order> {
  const payment = {
    ...(tender.reference ? { reference: tender.reference } : {}),
    ...(tender.cardLast4 ? { cardLast4: tender.cardLast4 } : {}),
    ...(tender.termsDays ? { termsDays: tender.termsDays } : {}),
  };
  return writeOrderChange(
    db,
    {
      orderId: order.id,
      event: { type: 'payment.capture', paymentId: newId(), method: tender.method, amount: tender.amount },
      ...(Object.keys(payment).length ? { details: { payment } } : {}),
    },
    sellerOf(desk),
  );
}

/** Receipt given, stock reserved: the order moves on to processing for the packers. */
export async function finishSale(
  db: OrderlineDb,
  desk: Desk,
  order: Order,
  format: 'receipt80mm' | 'invoiceA4' | 'email',
) {
  const receipted = await writeOrderChange(
    db,
    { orderId: order.id, event: { type: 'receipt.issue', format } },
    sellerOf(desk),
  );
  return writeOrderChange(db, { orderId: receipted.id, event: { type: 'stock.reserve' } }, sellerOf(desk));
}

export function heldCarts(db: OrderlineDb, limit = 20): Promise<Order[]> {
  return db.orders
    .where('[status+createdAt]')
    .between(['cart', ''], ['cart', '\uffff'])
    .reverse()
    .limit(limit)
    .toArray();
}
