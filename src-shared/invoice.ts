// What an A4/Letter invoice says about an order: seller and buyer addresses, lines, one tax line
// per rate, totals, payment terms of invoice payments with their due dates, and the shipping
// method's expected dispatch and delivery. The print view only lays this out.
import { addressBlock } from './labelZpl';
import { money, type Money } from './money';
import { orderTotals } from './orderTotals';
import { discountParts, wholeOrderDiscounts } from './receiptLines';
import { addDays } from './payments';
import { AddressSchema, type Address, type Order } from './records';
import type { ShippingQuote } from './shippingRules';
import { DEFAULT_SHIPPING_RULES, DEFAULT_TAX_SETTINGS } from './storeRules';
import type { TaxGroup, TaxTable } from './tax';
import { storeDay } from './storeDay';

/** The store as it appears at the top of printed documents. */
export type Seller = { name: string; address: string[]; taxId?: string; email?: string };

export const DEFAULT_SELLER: Seller = {
  name: 'Orderline demo store',
  address: ['1 Market Street', 'Bristol BS1 4DJ', 'United Kingdom'],
  taxId: 'GB 123 4567 89',
};

/** The store's name and the stored ship-from address (setting store.shipFrom), when it is valid. */
export function sellerFrom(shipFrom: unknown, fallback: Seller = DEFAULT_SELLER): Seller {
  const parsed = AddressSchema.safeParse(shipFrom);
  if (!parsed.success) return fallback;
  const [, ...lines] = addressLines(parsed.data);
  return { ...fallback, name: parsed.data.company ?? fallback.name, address: lines };
}

/** The country as a postal address ends: its English name ("United Kingdom"), or the code. */
/** An address as printed lines, in the destination's postal order with the country spelled out. */
export function addressLines(address: Address): string[] {
  return addressBlock(address);
}

export type Buyer = { name: string; company?: string; email?: string; billingAddress?: Address };

export type InvoiceTerms = { amount: Money; termsDays: number; dueOn: string; reference?: string };

export type InvoiceDelivery = {
  method: string;
  carrier: string;
  dispatchDate: string;
  deliveryEarliest: string;
  deliveryLatest: string;
};

export type Invoice = {
  number: string;
  /** YYYY-MM-DD. */
  issuedOn: string;
  seller: Seller;
  billTo: string[];
  shipTo: string[] | null;
  /** Each line's amount is net of its own discount, which is printed with it (and only there). */
  lines: { name: string; sku: string; quantity: number; unitPrice: Money; total: Money; discount?: Money }[];
  /** The sum of the lines' amounts: the order's subtotal less the lines' own discounts. */
  subtotal: Money;
  /** The discounts on the whole order, each named (order discount, promo code). */
  discounts: { label: string; amount: Money }[];
  /** Their sum; with the lines' own discounts it is the discount the order recorded. */
  discount: Money;
  shipping: Money;
  shippingMethod: string;
  taxLines: TaxGroup[];
  /** True when prices include tax (the tax lines are "of which"). */
  taxIncluded: boolean;
  tax: Money;
  total: Money;
  paid: Money;
  balance: Money;
  terms: InvoiceTerms[];
  delivery: InvoiceDelivery | null;
};

export type InvoiceInput = {
  order: Order;
  seller?: Seller;
  buyer?: Buyer;
  delivery?: ShippingQuote | null;
  /** Day the invoice is issued (YYYY-MM-DD); the order's last change when left out. */
  issuedOn?: string;
  /** The store's tax table and price basis, as the checkout priced the order. */
  tax?: { table: TaxTable; basis: 'inclusive' | 'exclusive' };
  /** The store's time zone: which day the invoice is issued and terms run from (default UTC). */
  timeZone?: string;
  /** The store's own country (Settings › Shipping origin): where a collected order's tax is placed. */
  homeCountry?: string;
};

/**
 * Tax per rate for the order as stored. They are recomputed from the lines with the store's table;
 * should they not add up to the tax the order recorded (rates changed since), the order's one figure
 * is printed instead, so an invoice never contradicts the order.
 */
export function invoiceTaxLines(
  order: Order,
  tax: NonNullable<InvoiceInput['tax']>,
  homeCountry: string = DEFAULT_SHIPPING_RULES.origin,
): TaxGroup[] {
  const currency = order.currency;
  const recorded = money(order.totals.tax, currency);
  const single: TaxGroup[] = [
    {
      label: 'Tax',
      percent: 0,
      treatment: 'taxed',
      net: money(order.totals.total - (tax.basis === 'inclusive' ? order.totals.tax : 0), currency),
      tax: recorded,
      gross: money(order.totals.total, currency),
    },
  ];
  try {
    const lineDiscounts = order.lines.reduce((s, l) => s + (l.discount?.amount ?? 0), 0);
    const totals = orderTotals({
      currency,
      lines: order.lines,
      orderDiscount: money(Math.max(0, order.totals.discount - lineDiscounts), currency),
      shipping: money(order.totals.shipping, currency),
      shippingTaxClass: 'standard',
      tax: {
        basis: tax.basis,
        table: tax.table,
        destination: { country: order.shippingAddress?.country ?? homeCountry },
      },
    });
    return totals.tax === order.totals.tax ? totals.taxGroups : single;
  } catch {
    return single;
  }
}

export function invoiceOf(input: InvoiceInput): Invoice {
  const { order } = input;
  const currency = order.currency;
  const m = (amount: number) => money(amount, currency);
  const tax = input.tax ?? {
    table: { zone: DEFAULT_TAX_SETTINGS.zone, rules: DEFAULT_TAX_SETTINGS.rules },
    basis: DEFAULT_TAX_SETTINGS.basis,
  };
  const buyer = input.buyer;
  const billing = buyer?.billingAddress;
  const billTo = billing
    ? addressLines(billing)
    : [buyer?.name ?? order.customerName ?? 'Counter customer', buyer?.company].filter((l): l is string =>
        Boolean(l),
      );
  const terms = order.payments.flatMap((p): InvoiceTerms[] =>
    p.method === 'invoice'
      ? [
          {
            amount: p.amount,
            termsDays: p.termsDays ?? 0,
            dueOn: addDays(storeDay(p.at, input.timeZone ?? 'UTC'), p.termsDays ?? 0),
            ...(p.reference ? { reference: p.reference } : {}),
          },
        ]
      : [],
  );
  const d = input.delivery;
  // Money on invoice terms is owed, not yet paid.
  const onTerms = terms.reduce((s, t) => s + t.amount.amount, 0);
  const paid = order.totals.paid - order.totals.refunded - onTerms;
  // Lines net of their own discount add up to the subtotal; the order discount and the promo come
  // off that, so subtotal − discount + shipping (+ tax when added) is the order's total.
  const lineDiscounts = discountParts(order).lines;
  const discounts = wholeOrderDiscounts(order).map((d) => ({ label: d.label, amount: m(d.amount) }));
  return {
    number: order.number,
    issuedOn: input.issuedOn ?? storeDay(order.updatedAt, input.timeZone ?? 'UTC'),
    seller: input.seller ?? DEFAULT_SELLER,
    billTo,
    shipTo: order.shippingAddress ? addressLines(order.shippingAddress) : null,
    lines: order.lines.map((l) => {
      const gross = l.unitPrice.amount * l.quantity;
      const off = Math.min(l.discount?.amount ?? 0, gross);
      return {
        name: l.name,
        sku: l.sku,
        quantity: l.quantity,
        unitPrice: l.unitPrice,
        total: m(gross - off),
        ...(off ? { discount: m(off) } : {}),
      };
    }),
    subtotal: m(order.totals.subtotal - lineDiscounts),
    discounts,
    discount: m(discounts.reduce((s, d) => s + d.amount.amount, 0)),
    shipping: m(order.totals.shipping),
    shippingMethod: order.shippingMethod ?? 'Collect at the counter',
    taxLines: invoiceTaxLines(order, tax, input.homeCountry),
    taxIncluded: tax.basis === 'inclusive',
    tax: m(order.totals.tax),
    total: m(order.totals.total),
    paid: m(paid),
    balance: m(order.totals.total - paid),
    terms,
    delivery: d
      ? {
          method: d.name,
          carrier: d.carrier,
          dispatchDate: d.dispatchDate,
          deliveryEarliest: d.deliveryEarliest,
          deliveryLatest: d.deliveryLatest,
        }
      : null,
  };
}
