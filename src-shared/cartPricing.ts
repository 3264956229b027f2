// The checkout figures for a cart: each line with its own discount, its share of the promo and of
// the order discount, and its tax; shipping; tax lines for the receipt; totals that add up. The
// arithmetic is orderTotals' (see orderTotals.ts); this module turns a cart and a promo into its input.
import { MoneyError, add, minimum, money, multiply, subtract, sum, zero, type Money } from './money';
import { orderTotals, type TaxContext, type Totals } from './orderTotals';
import { applyPromo, type Promo, type PromoContext } from './promotions';
import type { ShippingCart } from './shippingRules';
import { TaxError, type LineTax, type TaxClassName, type TaxGroup } from './tax';

export type CartLine = {
  lineId?: string;
  sku: string;
  name: string;
  quantity: number;
  unitPrice: Money;
  taxClass: TaxClassName;
  /** The line's own discount (a seller's markdown); capped at the line's value. */
  discount?: Money;
  productId?: string;
  category?: string;
  /** One unit's weight, for pricing shipping. */
  weightGrams?: number;
};

/** The chosen shipping method; a ShippingQuote from shippingOptions fits. */
export type ChosenShipping = { methodId: string; name: string; fee: Money };

export type CartPricingInput = {
  currency: string;
  lines: readonly CartLine[];
  /** A discount on the whole order, split over the lines in proportion to what is left of each. */
  orderDiscount?: Money;
  promo?: { promo: Promo; context: PromoContext };
  shipping?: ChosenShipping;
  /** How shipping is taxed; leave out when it is not. */
  shippingTaxClass?: TaxClassName;
  tax: TaxContext;
};

export type PricedLine = {
  lineId?: string;
  sku: string;
  name: string;
  quantity: number;
  unitPrice: Money;
  /** quantity × unit price. */
  gross: Money;
  lineDiscount: Money;
  promoDiscount: Money;
  orderDiscount: Money;
  /** All three discounts. */
  discount: Money;
  /** Net, tax and gross of what the customer pays for the line, with the rate's label. */
  tax: LineTax;
  /** What the line adds to the total: gross − discount, plus tax when prices exclude it. */
  payable: Money;
};

export type CartPricing = {
  ok: true;
  currency: string;
  lines: PricedLine[];
  subtotal: Money;
  discounts: { lines: Money; promo: Money; order: Money; total: Money };
  shipping: Money;
  shippingMethod?: ChosenShipping;
  shippingTax?: LineTax;
  tax: Money;
  /** True for tax-inclusive prices: `tax` is part of the total ("of which VAT"), not added to it. */
  taxIncluded: boolean;
  total: Money;
  /** One row per rate for the receipt, adding up to `tax`. */
  taxLines: TaxGroup[];
  promo?: { code: string; description: string; discount: Money };
  /** Why the typed promo code did not apply; the cart is priced without it. */
  promoRefusal?: string;
  /** The plain numbers the order stores (details.totals) and checkout.start carries. */
  orderTotals: { subtotal: number; discount: number; shipping: number; tax: number; total: number };
};

export type PricingResult = CartPricing | { ok: false; reason: string };

class CartError extends Error {}

function checkLines(lines: readonly CartLine[], currency: string): void {
  lines.forEach((line, i) => {
    const which = `Line ${i + 1} (${line.name})`;
    if (!Number.isSafeInteger(line.quantity) || line.quantity < 1 || line.quantity > 9999) {
      throw new CartError(`${which}: quantity ${line.quantity} must be a whole number from 1 to 9,999`);
    }
    if (line.unitPrice.currency !== currency) {
      throw new CartError(`${which} is priced in ${line.unitPrice.currency} but the order is in ${currency}`);
    }
    if (line.discount && line.discount.currency !== currency) {
      throw new CartError(
        `${which} has a discount in ${line.discount.currency} but the order is in ${currency}`,
      );
    }
    if (line.discount && line.discount.amount < 0)
      throw new CartError(`${which}: a discount cannot be negative`);
  });
}

function price(input: CartPricingInput): CartPricing {
  const { currency, lines } = input;
  checkLines(lines, currency);
  const none = zero(currency);
  const gross = lines.map((l) => multiply(l.unitPrice, l.quantity));
  const own = lines.map((l, i) => minimum(l.discount ?? none, gross[i] ?? none));

  let promoShares = lines.map(() => none);
  let promo: CartPricing['promo'];
  let promoRefusal: string | undefined;
  if (input.promo) {
    const result = applyPromo(
      input.promo.promo,
      {
        currency,
        lines: lines.map((l, i) => ({
          productId: l.productId,
          category: l.category,
          quantity: l.quantity,
          unitPrice: l.unitPrice,
          discount: own[i] ?? none,
        })),
      },
      input.promo.context,
    );
    if (result.ok) {
      promoShares = result.lineDiscounts;
      promo = { code: result.code, description: result.description, discount: result.discount };
    } else {
      promoRefusal = result.reason;
    }
  }

  const totals: Totals = orderTotals({
    currency,
    lines: lines.map((l, i) => ({
      quantity: l.quantity,
      unitPrice: l.unitPrice,
      taxClass: l.taxClass,
      discount: add(own[i] ?? none, promoShares[i] ?? none),
    })),
    ...(input.orderDiscount ? { orderDiscount: input.orderDiscount } : {}),
    ...(input.shipping ? { shipping: input.shipping.fee } : {}),
    ...(input.shippingTaxClass ? { shippingTaxClass: input.shippingTaxClass } : {}),
    tax: input.tax,
  });

  const priced: PricedLine[] = lines.map((line, i) => {
    const t = totals.lines[i];
    if (!t) throw new CartError(`Line ${i + 1} was not priced`);
    const lineDiscount = own[i] ?? none;
    const promoDiscount = promoShares[i] ?? none;
    return {
      ...(line.lineId ? { lineId: line.lineId } : {}),
      sku: line.sku,
      name: line.name,
      quantity: line.quantity,
      unitPrice: line.unitPrice,
      gross: t.gross,
      lineDiscount,
      promoDiscount,
      orderDiscount: subtract(subtract(t.discount, lineDiscount), promoDiscount),
      discount: t.discount,
      tax: t.tax,
      payable: t.tax.gross,
    };
  });

  const m = (amount: number) => money(amount, currency);
  const lineDiscounts = sum(
    priced.map((l) => l.lineDiscount),
    currency,
  );
  const promoDiscount = sum(
    priced.map((l) => l.promoDiscount),
    currency,
  );
  return {
    ok: true,
    currency,
    lines: priced,
    subtotal: m(totals.subtotal),
    discounts: {
      lines: lineDiscounts,
      promo: promoDiscount,
      order: sum(
        priced.map((l) => l.orderDiscount),
        currency,
      ),
      total: m(totals.discount),
    },
    shipping: m(totals.shipping),
    ...(input.shipping ? { shippingMethod: input.shipping } : {}),
    ...(totals.shippingTax ? { shippingTax: totals.shippingTax } : {}),
    tax: m(totals.tax),
    taxIncluded: totals.taxIncluded,
    total: m(totals.total),
    taxLines: totals.taxGroups,
    ...(promo ? { promo } : {}),
    ...(promoRefusal ? { promoRefusal } : {}),
    orderTotals: {
      subtotal: totals.subtotal,
      discount: totals.discount,
      shipping: totals.shipping,
      tax: totals.tax,
      total: totals.total,
    },
  };
}

/**
 * Prices the cart, or says what stops it (a quantity that is not whole, a price in another
 * currency, an address the tax table cannot place). Nothing is thrown for bad input.
 */
export function priceCart(input: CartPricingInput): PricingResult {
  try {
    return price(input);
  } catch (error) {
    if (error instanceof CartError || error instanceof MoneyError || error instanceof TaxError) {
      return { ok: false, reason: error.message };
    }
    throw error;
  }
}

/**
 * The checkout's discount rows, each named as what it is and in the order they come off: the
 * lines' own markdowns, the promo code, the seller's order discount (as the receipt names them).
 */
export function discountRowsOf(p: CartPricing): { label: string; amount: Money }[] {
  return [
    ...(p.discounts.lines.amount ? [{ label: 'Line discounts', amount: p.discounts.lines }] : []),
    ...(p.discounts.promo.amount
      ? [{ label: p.promo ? `Promo ${p.promo.code}` : 'Promotion', amount: p.discounts.promo }]
      : []),
    ...(p.discounts.order.amount ? [{ label: 'Order discount', amount: p.discounts.order }] : []),
  ];
}

/**
 * What shippingOptions needs to price this cart: weight, item count, and the subtotal after every
 * discount (free-shipping thresholds look at what the customer pays for the goods).
 */
export function shippingCartFor(
  input: CartPricingInput,
): { ok: true; cart: ShippingCart } | { ok: false; reason: string } {
  const { shipping: _shipping, ...withoutShipping } = input;
  const priced = priceCart(withoutShipping);
  if (!priced.ok) return priced;
  const weightGrams = input.lines.reduce((total, l) => total + (l.weightGrams ?? 0) * l.quantity, 0);
  const itemCount = input.lines.reduce((total, l) => total + l.quantity, 0);
  return {
    ok: true,
    cart: { weightGrams, itemCount, subtotal: subtract(priced.subtotal, priced.discounts.total) },
  };
}
