// A checkout's figures worked out again from the order itself (its lines, discounts, address,
// shipping method and promo code) and the store's rules, with the same pricing the desk uses, so
// the server stores the total the rules give and refuses a checkout that claims another.
import { priceCart, shippingCartFor, type CartLine, type CartPricingInput } from './cartPricing';
import type { PriceBasis, TaxTable } from './tax';
import type { Promo } from './promotions';
import { findCode, type ReferralFacts, type ReferralSettings } from './referrals';
import type { Order } from './records';
import { shippingOptions, type ShippingRules } from './shippingRules';
import { storeDay } from './storeDay';

/** What a store prices with: tax rates, shipping methods and promo codes. */
export type StoreRules = {
  tax: { basis: PriceBasis; table: TaxTable };
  /** Where tax is placed when the order is collected (no shipping address). */
  homeCountry: string;
  shipping: ShippingRules;
  promos: readonly Promo[];
  /** The store's referral offer (store.referrals): a referral code is priced as its welcome discount. */
  referrals: ReferralSettings;
  /** The store's time zone: a promo code's last day ends at midnight there, and the order's day
   *  (which shipping dates count from) is the store's day, as at the desk. */
  timeZone: string;
};

export type CheckoutFacts = {
  /** The order as the checkout leaves it (lines, discounts, address, method, promo code). */
  order: Order;
  /** Its lines with weight, product and category from the catalog (what shipping and promos read). */
  lines: CartLine[];
  /** Promo codes the customer's other orders used. */
  usedCodes: readonly string[];
  /** When the order's code is a referral code: whose it is and whether the customer is new. */
  referral?: ReferralFacts;
  now: Date;
};

export type CheckoutFigures = {
  subtotal: number;
  discount: number;
  shipping: number;
  tax: number;
  total: number;
};

export type ExpectedCheckout = { ok: true; figures: CheckoutFigures } | { ok: false; reason: string };

/** The checkout's figures under the store's rules, or why they cannot be worked out. */
export function expectedCheckout(rules: StoreRules, facts: CheckoutFacts): ExpectedCheckout {
  const { order, lines, now } = facts;
  const destination = order.shippingAddress?.country ?? rules.homeCountry;
  let promo: CartPricingInput['promo'];
  if (order.promoCode) {
    const found = findCode(rules.promos, rules.referrals, order.promoCode, facts.referral);
    if (!found.ok) return { ok: false, reason: `promo code ${order.promoCode}: ${found.reason}` };
    promo = {
      promo: found.promo,
      context: {
        now,
        timeZone: rules.timeZone,
        ...(order.customerId ? { customerId: order.customerId, usedCodes: facts.usedCodes } : {}),
      },
    };
  }
  const base: CartPricingInput = {
    currency: order.currency,
    lines,
    ...(promo ? { promo } : {}),
    ...(order.orderDiscount ? { orderDiscount: order.orderDiscount } : {}),
    shippingTaxClass: 'standard',
    tax: { ...rules.tax, destination: { country: destination } },
  };
  let shipping: CartPricingInput['shipping'];
  try {
    if (order.shippingAddress && order.shippingMethod && lines.length) {
      const cart = shippingCartFor(base);
      if (!cart.ok) return cart;
      const options = shippingOptions(rules.shipping, destination, cart.cart, storeDay(now, rules.timeZone));
      const quote = options.ok ? options.quotes.find((q) => q.name === order.shippingMethod) : undefined;
      if (quote) shipping = quote;
    }
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
  const priced = priceCart({ ...base, ...(shipping ? { shipping } : {}) });
  if (!priced.ok) return priced;
  if (promo && priced.promoRefusal) {
    return { ok: false, reason: `promo code ${order.promoCode} does not apply: ${priced.promoRefusal}` };
  }
  return { ok: true, figures: priced.orderTotals };
}

const FIGURE_NAMES: Record<keyof CheckoutFigures, string> = {
  subtotal: 'subtotal',
  discount: 'discount',
  shipping: 'shipping',
  tax: 'tax',
  total: 'total',
};

/**
 * Why a checkout's claimed figures are not the ones the rules give, or null when they agree.
 * Amounts are minor units; the sentence shows them with two places.
 */
export function checkoutMismatch(
  expected: CheckoutFigures,
  claimedTotal: number,
  claimed: Partial<CheckoutFigures> | undefined,
): string | null {
  const show = (amount: number) => (amount / 100).toFixed(2);
  const differs: string[] = [];
  if (claimedTotal !== expected.total) {
    differs.push(
      `total ${show(claimedTotal)} where the store's prices and rules give ${show(expected.total)}`,
    );
  }
  for (const key of Object.keys(FIGURE_NAMES) as (keyof CheckoutFigures)[]) {
    const value = claimed?.[key];
    if (value === undefined || value === expected[key]) continue;
    if (key === 'total' && claimedTotal !== expected.total && value === claimedTotal) continue;
    differs.push(`${FIGURE_NAMES[key]} ${show(value)} where the rules give ${show(expected[key])}`);
  }
  return differs.length ? `the checkout's figures do not add up: ${differs.join('; ')}` : null;
}
