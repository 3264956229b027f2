// What the Sell screen does to an order, as order-machine events written through
// writeOrderChange: one function per seller action, so the screen only translates keys and clicks.
import { newId } from '$shared/ids';
import {
  priceCart,
  shippingCartFor,
  type CartLine,
  type CartPricing,
  type CartPricingInput,
} from '$shared/cartPricing';
import { money, parseMoney } from '$shared/money';
import type { OrderDetails } from '$shared/orderRow';
import { captureEvents, checkCardDetails, planSplit, type Tender as PaymentTender } from '$shared/payments';
import type { OrderChannel } from '$shared/orderStatus';
import { normalizeCode, type Promo } from '$shared/promotions';
import { findCode, isReferralCode } from '$shared/referrals';
import type { Address, Customer, Order, OrderLine, Product, Variant } from '$shared/records';
import type { RECEIVE_METHODS } from '$shared/records';
import { restoreEvents } from '$shared/cartUndo';
import { shippingOptions, type ShippingQuote } from '$shared/shippingRules';
import { storeDay } from '$shared/storeDay';
import type { OrderlineDb } from '$db/database';
import { loadReferralSettings, referralFacts } from '$db/referralQueries';
import { loadPromos, loadStoreProfile, loadStoreRules } from '$db/storeSettings';
import {
  createOrder,
  orderChangeTables,
  pendingChangeOf,
  writeOrderChange,
  type Who,
} from '$db/writeOrderChange';
import { debit, loadLoyalty, paidOrderMovements, queueMovements } from '$db/balanceWrites';
import {
  GIFT_CARD_SKU,
  GIFT_CARD_VARIANT_ID,
  giftCardsOnly,
  pointsFor,
  type LoyaltyRules,
} from '$shared/balances';
import { recordShiftSale } from '$db/shiftWrites';
import { salePayments } from '$shared/registerShift';
import { staffSession } from './staffSession.svelte';

export type Desk = { code: string; id: string; name: string };
export const DEFAULT_DESK: Desk = { code: 'D1', id: 'D1', name: 'Front desk' };

export async function currentDesk(db: OrderlineDb): Promise<Desk> {
  const row = await db.settings.get('desk');
  const value = row?.value as Partial<Desk> | undefined;
  return value?.code && value.id ? { ...DEFAULT_DESK, ...value } : DEFAULT_DESK;
}

/** The person signed in on this desk (or "Seller" on a desk without staff). */
export function sellerOf(desk: Desk): Who {
  return staffSession.who(desk, 'Seller');
}

/** A new cart in the store's currency; it is priced by the rules in force now, as long as it lives. */
export async function startSale(db: OrderlineDb, desk: Desk, channel: OrderChannel): Promise<Order> {
  const { currency } = await loadStoreProfile(db);
  return createOrder(db, { deskCode: desk.code, channel, currency }, sellerOf(desk));
}

/** Adds one variant; scanning the same item again adds to its line instead of a new line. */
export async function addVariant(
  db: OrderlineDb,
  desk: Desk,
  order: Order,
  product: Product,
  variant: Variant,
  quantity = 1,
  details?: OrderDetails,
): Promise<Order> {
  if (!product.active)
    throw new Error(
      `${product.name} is archived and no longer sold; a manager can bring it back in the Catalog`,
    );
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
  return writeOrderChange(db, { orderId: order.id, event, ...(details ? { details } : {}) }, sellerOf(desk));
}

/** Adds one scale label (scaleLine in src-shared): a line of its own each time, at the label's price. */
export async function addScaleLine(
  db: OrderlineDb,
  desk: Desk,
  order: Order,
  product: Product,
  variant: Variant,
  line: { unitPrice: number; detail: string },
  details?: OrderDetails,
): Promise<Order> {
  const event = {
    type: 'cart.addItem',
    lineId: newId(),
    variantId: variant.id,
    sku: variant.sku,
    name: `${product.name} · ${line.detail}`,
    quantity: 1,
    unitPrice: line.unitPrice,
    taxClass: product.taxClass,
  };
  return writeOrderChange(db, { orderId: order.id, event, ...(details ? { details } : {}) }, sellerOf(desk));
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

export function setQuantity(
  db: OrderlineDb,
  desk: Desk,
  order: Order,
  lineId: string,
  quantity: number,
  details?: OrderDetails,
) {
  return writeOrderChange(
    db,
    {
      orderId: order.id,
      event: { type: 'cart.setQuantity', lineId, quantity },
      ...(details ? { details } : {}),
    },
    sellerOf(desk),
  );
}

export function removeLine(
  db: OrderlineDb,
  desk: Desk,
  order: Order,
  lineId: string,
  details?: OrderDetails,
) {
  return writeOrderChange(
    db,
    { orderId: order.id, event: { type: 'cart.removeItem', lineId }, ...(details ? { details } : {}) },
    sellerOf(desk),
  );
}

/** Empties the cart (cart.clear); keep the answer's lines to offer undo (src-shared/cartUndo). */
export function clearCart(db: OrderlineDb, desk: Desk, order: Order, details?: OrderDetails) {
  return db.transaction('rw', orderChangeTables(db), async () => {
    // The lines as stored: the screen's copy may be a scan behind.
    const stored = (await db.orders.get(order.id)) ?? order;
    const { lines } = stored;
    const orderDiscount = stored.orderDiscount?.amount ?? 0;
    const next = await writeOrderChange(
      db,
      { orderId: order.id, event: { type: 'cart.clear' }, ...(details ? { details } : {}) },
      sellerOf(desk),
    );
    return { order: next, lines, orderDiscount };
  });
}

/** Puts cleared lines back, all or none: one cart.addItem per line, in one transaction. */
export function undoClear(
  db: OrderlineDb,
  desk: Desk,
  orderId: string,
  lines: readonly OrderLine[],
  orderDiscount = 0,
) {
  return db.transaction('rw', orderChangeTables(db), async () => {
    let order: Order | undefined;
    for (const event of restoreEvents(lines, orderDiscount))
      order = await writeOrderChange(db, { orderId, event }, sellerOf(desk));
    return order;
  });
}

/** What the seller chose for the sale besides the items; it is written with the order's events. */
export type SaleDraft = {
  customer?: { id: string; name: string; acquisitionSource?: string; campaignCode?: string };
  /** Where it goes; none means the customer collects it at the counter. */
  shippingAddress?: Address;
  methodId?: string;
  promoCode?: string;
  gift: { wrap: boolean; message: string };
};

/** The customer as a sale carries them: who, and how they found the store (source and campaign). */
export function saleCustomer(
  c: Pick<Customer, 'id' | 'name' | 'acquisitionSource' | 'campaignCode'>,
): NonNullable<SaleDraft['customer']> {
  return {
    id: c.id,
    name: c.name,
    acquisitionSource: c.acquisitionSource,
    ...(c.campaignCode ? { campaignCode: c.campaignCode } : {}),
  };
}

export const COLLECT = 'Collect at the counter';
export const GIFT_MESSAGE_MAX = 300;

export function emptyDraft(): SaleDraft {
  return { gift: { wrap: false, message: '' } };
}

export type Checkout = {
  pricing: CartPricing;
  /** Every method that delivers there, cheapest first (none when collecting). */
  quotes: ShippingQuote[];
  quote: ShippingQuote | null;
  /** Why nothing can be shipped there, when that is so. */
  shippingRefusal?: string;
  destination: string;
};

/** The store's promo codes (settings key 'store.promos') as a cart started at `at` sees them; a
 * stored code that fails PromoSchema is left out. */
export function storePromos(db: OrderlineDb, at?: string): Promise<Promo[]> {
  return loadPromos(db, at);
}

/** How many other orders (not cancelled) used the code, for a code with a usage limit. */
async function timesUsed(db: OrderlineDb, code: string, exceptOrderId: string): Promise<number> {
  return db.orders
    .filter(
      (o) =>
        o.id !== exceptOrderId &&
        o.status !== 'cancelled' &&
        o.promoCode !== undefined &&
        normalizeCode(o.promoCode) === code,
    )
    .count();
}

/** The order's lines as cartPricing reads them: with weight, product and category from the catalog. */
async function cartLines(db: OrderlineDb, order: Order): Promise<CartLine[]> {
  const variants = await db.variants.bulkGet(order.lines.map((l) => l.variantId));
  const products = await db.products.bulkGet(variants.map((v) => v?.productId ?? ''));
  return order.lines.map((line, i) => {
    const variant = variants[i];
    const product = products[i];
    return {
      lineId: line.id,
      sku: line.sku,
      name: line.name,
      quantity: line.quantity,
      unitPrice: line.unitPrice,
      taxClass: line.taxClass,
      ...(line.discount ? { discount: line.discount } : {}),
      ...(product ? { productId: product.id, category: product.category } : {}),
      weightGrams: variant?.weightGrams ?? 0,
    };
  });
}

/** Promo codes this customer's other orders used (cancelled ones do not count as a use). */
export async function usedPromoCodes(
  db: OrderlineDb,
  customerId: string,
  exceptOrderId: string,
): Promise<string[]> {
  const orders = await db.orders.where('customerId').equals(customerId).toArray();
  return orders
    .filter((o) => o.id !== exceptOrderId && o.status !== 'cancelled' && o.promoCode)
    .map((o) => o.promoCode!);
}

/**
 * Prices the sale as the seller set it up: shipping methods for the destination (collection when
 * there is no address), the promo code if it applies (else the reason, changing nothing), and tax.
 */
export async function priceSale(
  db: OrderlineDb,
  order: Order,
  draft: SaleDraft,
  now: Date = new Date(),
): Promise<Checkout> {
  // The rules in force when the cart was started: a change saved since reaches new carts only.
  const [rules, profile] = await Promise.all([loadStoreRules(db, order.createdAt), loadStoreProfile(db)]);
  const destination = draft.shippingAddress?.country ?? rules.shipping.origin;
  const lines = await cartLines(db, order);
  let promo: CartPricingInput['promo'];
  let promoRefusal: string | undefined;
  if (draft.promoCode?.trim()) {
    // The code's terms when the cart started: an edit saved since reaches new carts only.
    const code = draft.promoCode;
    const found = findCode(
      await storePromos(db, order.createdAt),
      await loadReferralSettings(db),
      code,
      isReferralCode(code) ? await referralFacts(db, code, draft.customer?.id, order.id) : undefined,
    );
    if (found.ok) {
      promo = {
        promo: found.promo,
        context: {
          now,
          timeZone: profile.timeZone,
          locale: profile.locale,
          ...(found.promo.usageLimit !== undefined
            ? { timesUsed: await timesUsed(db, found.promo.code, order.id) }
            : {}),
          ...(draft.customer
            ? {
                customerId: draft.customer.id,
                usedCodes: await usedPromoCodes(db, draft.customer.id, order.id),
              }
            : {}),
        },
      };
    } else promoRefusal = found.reason;
  }
  const { basis, zone, rules: taxRules } = rules.tax;
  const base: CartPricingInput = {
    currency: order.currency,
    lines,
    ...(promo ? { promo } : {}),
    ...(order.orderDiscount ? { orderDiscount: order.orderDiscount } : {}),
    shippingTaxClass: 'standard',
    tax: { basis, table: { zone, rules: taxRules }, destination: { country: destination } },
  };
  let quotes: ShippingQuote[] = [];
  let shippingRefusal: string | undefined;
  if (draft.shippingAddress && lines.length) {
    const cart = shippingCartFor(base);
    if (!cart.ok) throw new Error(cart.reason);
    if (rules.shipping.currency !== order.currency) {
      shippingRefusal = `Shipping prices are in ${rules.shipping.currency} but this sale is in ${order.currency}; a manager can fix the shipping rules in Settings`;
    } else {
      const options = shippingOptions(
        rules.shipping,
        destination,
        cart.cart,
        storeDay(now, profile.timeZone),
      );
      if (options.ok) quotes = options.quotes;
      else shippingRefusal = options.reason;
    }
  }
  const quote = quotes.find((q) => q.methodId === draft.methodId) ?? quotes[0] ?? null;
  const pricing = priceCart({ ...base, ...(quote ? { shipping: quote } : {}) });
  if (!pricing.ok) throw new Error(`The sale cannot be priced: ${pricing.reason}`);
  if (promoRefusal) pricing.promoRefusal = promoRefusal;
  return { pricing, quotes, quote, destination, ...(shippingRefusal ? { shippingRefusal } : {}) };
}

/**
 * Who the order is for and how they found the store. The address is not here: it is settled at
 * checkout (collection may still be chosen), and details can add to an order but never remove.
 */
export function customerDetails(draft: SaleDraft): OrderDetails {
  const { customer } = draft;
  return {
    ...(customer ? { customerId: customer.id, customerName: customer.name } : {}),
    ...(customer?.acquisitionSource ? { acquisitionSource: customer.acquisitionSource } : {}),
    ...(customer?.campaignCode ? { campaignCode: customer.campaignCode } : {}),
  };
}

/** The customer the order does not hold yet, to go with the next cart event (none if the same). */
export function pendingCustomerDetails(order: Order, draft: SaleDraft): OrderDetails | undefined {
  const details = customerDetails(draft);
  return details.customerId && details.customerId !== order.customerId ? details : undefined;
}

/**
 * Closes the cart: checkout.start carries the total and, in the same event, everything the seller
 * chose (customer, address, shipping method, gift, totals), so the order never holds half a checkout.
 */
export async function checkout(
  db: OrderlineDb,
  desk: Desk,
  order: Order,
  draft: SaleDraft,
  priced: Checkout,
): Promise<Order> {
  const message = draft.gift.message.trim();
  if (message.length > GIFT_MESSAGE_MAX)
    throw new Error(`The gift message is ${message.length} characters; shorten it to ${GIFT_MESSAGE_MAX}`);
  // A second checkout after going back to the cart clears what the first one set and the seller
  // has since taken off (null travels where undefined would vanish).
  const details: OrderDetails = {
    ...customerDetails(draft),
    shippingAddress: draft.shippingAddress ?? null,
    shippingMethod: priced.quote?.name ?? COLLECT,
    gift: draft.gift.wrap || message ? { wrap: draft.gift.wrap, ...(message ? { message } : {}) } : null,
    totals: priced.pricing.orderTotals,
    promoCode: priced.pricing.promo?.code ?? null,
  };
  return writeOrderChange(
    db,
    { orderId: order.id, event: { type: 'checkout.start', total: priced.pricing.total.amount }, details },
    sellerOf(desk),
  );
}

/** The shipping method the order records, re-quoted for its dates (none when collected or unknown). */
export async function shippingQuoteOf(
  db: OrderlineDb,
  order: Order,
  now: Date = new Date(),
): Promise<ShippingQuote | null> {
  if (!order.shippingAddress || !order.shippingMethod || order.shippingMethod === COLLECT) return null;
  const priced = await priceSale(db, order, { ...emptyDraft(), shippingAddress: order.shippingAddress }, now);
  return priced.quotes.find((q) => q.name === order.shippingMethod) ?? null;
}

export function backToCart(db: OrderlineDb, desk: Desk, order: Order) {
  return writeOrderChange(db, { orderId: order.id, event: { type: 'checkout.back' } }, sellerOf(desk));
}

export type Tender = PaymentTender;

/**
 * One tender against what is still due, checked by planSplit (card digits only, invoices with
 * terms only for business customers, nothing above what is due except cash) and written as its
 * payment.capture event. Less than due leaves the order in payment for the next tender.
 */
export async function takePayment(
  db: OrderlineDb,
  desk: Desk,
  order: Order,
  tender: Tender,
  customer?: { isBusiness: boolean },
  today?: string,
): Promise<Order> {
  today ??= storeDay(new Date(), (await loadStoreProfile(db)).timeZone);
  const due = money(order.totals.total - order.totals.paid, order.currency);
  const plan = planSplit(due, [tender], { today, ...(customer ? { customer } : {}) });
  if (!plan.ok) throw new Error(plan.reason);
  const loyalty = await loadLoyalty(db);
  const who = sellerOf(desk);
  // The register counts the takings in the same transaction (nothing when no register is open).
  return db.transaction('rw', [...orderChangeTables(db), db.shifts, db.balanceMovements], async () => {
    let current = order;
    for (const [i, capture] of captureEvents(plan.payments).entries()) {
      const debited = await debitFor(db, current, plan.payments[i]?.account, capture.event, loyalty);
      current = await writeOrderChange(
        db,
        {
          orderId: order.id,
          event: capture.event,
          ...(capture.details ? { details: capture.details } : {}),
          ...(debited ? { dependsOn: debited } : {}),
        },
        who,
      );
    }
    if (current.status !== 'payment') {
      // Paid in full: gift cards sold come alive and the customer earns points, after the payment.
      const after = await pendingChangeOf(db, current);
      await queueMovements(db, paidOrderMovements(current, loyalty, who), after);
    }
    const discount = money(current.totals.discount, current.currency);
    await recordShiftSale(db, who, {
      orderId: order.id,
      payments: salePayments(plan.payments),
      discount,
    });
    return current;
  });

  /** A gift card, credit or points payment debits its ledger first; the payment follows it, so
   * the server refuses the payment too when the debit finds the balance already spent. */
  async function debitFor(
    db: OrderlineDb,
    current: Order,
    account: string | undefined,
    event: { paymentId: string; amount: number; method: string },
    rules: LoyaltyRules,
  ): Promise<string | undefined> {
    if (!account) return undefined;
    const points = event.method === 'loyalty_points';
    const movement = await debit(
      db,
      {
        account,
        reason: 'redeemed',
        amount: -(points ? pointsFor(rules, event.amount) : event.amount),
        ...(points ? {} : { currency: current.currency }),
        orderId: current.id,
        paymentId: event.paymentId,
        ...(current.customerId ? { customerId: current.customerId } : {}),
      },
      sellerOf(desk),
    );
    return queueMovements(db, [movement], await pendingChangeOf(db, current));
  }
}

/** Adds a gift card of the value typed: a line of its own, outside tax, never stocked. The card and
 * its code are made when the order is paid (see paidOrderMovements). */
export function addGiftCard(db: OrderlineDb, desk: Desk, order: Order, typed: string): Promise<Order> {
  const parsed = parseMoney(typed, order.currency);
  if (!parsed.ok) throw new Error(`Gift card value: ${parsed.message}`);
  const amount = parsed.value.amount;
  if (amount <= 0) throw new Error('A gift card must be worth more than zero');
  const event = {
    type: 'cart.addItem',
    lineId: newId(),
    variantId: GIFT_CARD_VARIANT_ID,
    sku: GIFT_CARD_SKU,
    name: 'Gift card',
    quantity: 1,
    unitPrice: amount,
    taxClass: 'exempt',
  };
  return writeOrderChange(db, { orderId: order.id, event }, sellerOf(desk));
}

/** A counter sale with nothing to ship: the customer takes the goods now, so no packer sees it. */
export function collectedNow(order: Pick<Order, 'channel' | 'shippingAddress'>): boolean {
  return order.channel === 'counter' && !order.shippingAddress;
}

/**
 * Receipt given, stock reserved: the order moves on to processing for the packers, or, for a
 * counter sale collected now or an order of gift cards only, is handed over and complete
 * (counter.collect).
 */
export async function finishSale(
  db: OrderlineDb,
  desk: Desk,
  order: Order,
  format: 'receipt80mm' | 'invoiceA4' | 'email',
) {
  // One transaction: a crash between the two events would leave an order with the packers and
  // no stock held for it (tests/e2e/crash.spec.ts kills the desk there).
  return db.transaction('rw', orderChangeTables(db), async () => {
    const receipted = await writeOrderChange(
      db,
      { orderId: order.id, event: { type: 'receipt.issue', format } },
      sellerOf(desk),
    );
    const reserved = await writeOrderChange(
      db,
      { orderId: receipted.id, event: { type: 'stock.reserve' } },
      sellerOf(desk),
    );
    // Gift cards alone leave with the customer as codes on the receipt: nothing for the packers.
    if (!collectedNow(reserved) && !giftCardsOnly(reserved)) return reserved;
    return writeOrderChange(db, { orderId: reserved.id, event: { type: 'counter.collect' } }, sellerOf(desk));
  });
}

/** Sales still at the till, whatever their age: carts, sales awaiting payment, receipts not given. */
export const OPEN_SALE_STATUSES = ['cart', 'payment', 'receipt'] as const;

/** Whether a sale in this status is still at the till (and comes back after a reload). */
export function atTheTill(status: string): boolean {
  return (OPEN_SALE_STATUSES as readonly string[]).includes(status);
}

/** How many open sales Sell lists at first; "Show more" adds as many again, so none is out of reach. */
export const OPEN_SALES_SHOWN = 30;

/** The newest open sales, and how many there are in all. */
export type OpenSalesPage = { sales: Order[]; total: number };

/** Sales still at the till on this desk's copy of the store, latest change first: the newest `limit`
 * of them and the count of all (never cut off: a bigger `limit` reaches every one). Indexed reads
 * of `limit` rows per status ([status+updatedAt]) and a count, so a scan that changes the cart
 * re-reads a screenful, not every open sale (5,000 in a 50,000-order store). */
export async function openSales(db: OrderlineDb, limit = OPEN_SALES_SHOWN): Promise<OpenSalesPage> {
  const byStatus = await Promise.all(
    OPEN_SALE_STATUSES.map(async (status) => {
      const range = db.orders.where('[status+updatedAt]').between([status, ''], [status, '\uffff']);
      const [sales, count] = await Promise.all([
        range.clone().reverse().limit(limit).toArray(),
        range.count(),
      ]);
      return { sales, count };
    }),
  );
  const sales = byStatus
    .flatMap((s) => s.sales)
    .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))
    .slice(0, limit);
  return { sales, total: byStatus.reduce((sum, s) => sum + s.count, 0) };
}

/** @deprecated kept for callers that only want carts: every held cart, newest first. */
export function heldCarts(db: OrderlineDb): Promise<Order[]> {
  return db.orders.where('[status+createdAt]').between(['cart', ''], ['cart', '\uffff']).reverse().toArray();
}

/** Throws away a held cart (order.cancel with the reason, kept in its history); no money involved. */
export async function discardCart(db: OrderlineDb, desk: Desk, order: Order, reason: string) {
  const why = reason.trim();
  if (!why) throw new Error('Say why the cart is deleted (e.g. "Customer changed their mind")');
  if (order.status !== 'cart')
    throw new Error(`${order.number} is no longer a cart; cancel it from Orders instead`);
  return writeOrderChange(
    db,
    { orderId: order.id, event: { type: 'order.cancel', reason: why } },
    sellerOf(desk),
  );
}

export type ReceivedPayment = {
  method: (typeof RECEIVE_METHODS)[number];
  amount: number;
  /** The bank's or the terminal's reference, to match the payment to statements. */
  reference?: string;
  cardLast4?: string;
};

/** Money owed on account (an invoice, cash on delivery) arriving: payment.receive on the order. */
export async function receivePayment(
  db: OrderlineDb,
  desk: Desk,
  order: Order,
  payment: ReceivedPayment,
): Promise<Order> {
  const reference = payment.reference?.trim() ?? '';
  if (payment.method === 'card_terminal') {
    const card = checkCardDetails(reference, payment.cardLast4 ?? '');
    if (!card.ok) throw new Error(card.reason);
  }
  const details =
    payment.method === 'card_terminal'
      ? { payment: { reference, cardLast4: (payment.cardLast4 ?? '').replace(/\D/g, '') } }
      : reference
        ? { payment: { reference } }
        : undefined;
  return writeOrderChange(
    db,
    {
      orderId: order.id,
      event: { type: 'payment.receive', paymentId: newId(), method: payment.method, amount: payment.amount },
      ...(details ? { details } : {}),
    },
    sellerOf(desk),
  );
}
