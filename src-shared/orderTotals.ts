// An order's totals from its lines, discounts, shipping fee and tax context, to the minor unit.
//
// The identity, always exact:   total = subtotal − discount + shipping + addedTax
//   where addedTax = tax for tax-exclusive prices, and 0 for tax-inclusive prices.
// Inclusive prices (UK/EU retail) already contain their tax, so `tax` is then "of which tax":
// it is reported, not added. Either way total − tax is the net the store keeps.
//
// Order: a line's own discount comes off first; the order-level discount is then split across
// lines in proportion to what is left of each (largest remainder, see money.ts), so every line
// is taxed on what the customer actually pays for it. Tax is rounded per line (see tax.ts).
// Discounts larger than what they apply to are capped there (a £10 coupon on an £8 cart takes
// £8 off), so totals stay valid while a cart is edited; `discount` reports what was applied.
// A zero-rated line (an export, say) has no tax to extract, so with inclusive prices the
// customer pays the shelf price; a store that wants to drop VAT for exports lowers the price.
import type { OrderLine } from './records';
import { MoneyError, add, allocate, minimum, multiply, subtract, sum, zero, type Money } from './money';
import {
  groupTaxLines,
  resolveTaxRate,
  taxLine,
  type Destination,
  type LineTax,
  type PriceBasis,
  type TaxClassName,
  type TaxGroup,
  type TaxTable,
} from './tax';

export type TotalsLine = Pick<OrderLine, 'quantity' | 'unitPrice' | 'taxClass' | 'discount'>;

export type TaxContext = { basis: PriceBasis; table: TaxTable; destination: Destination };

export type TotalsInput = {
  currency: string;
  lines: readonly TotalsLine[];
  orderDiscount?: Money;
  /** The shipping fee as quoted, on the same price basis as the lines. */
  shipping?: Money;
  /** How shipping is taxed; leave out when it is not (UK VAT: it follows the goods, usually 'standard'). */
  shippingTaxClass?: TaxClassName;
  tax: TaxContext;
};

export type LineTotals = {
  /** quantity × unit price. */
  gross: Money;
  /** The line's own discount plus its share of the order discount. */
  discount: Money;
  /** What the line is taxed on: gross − discount, on the order's price basis. */
  tax: LineTax;
};

/** Minor units of `currency`; every amount is zero or more. */
export type Totals = {
  currency: string;
  subtotal: number;
  discount: number;
  shipping: number;
  tax: number;
  total: number;
  /** True for inclusive prices: `tax` is part of `total`, not added to it. */
  taxIncluded: boolean;
  lines: LineTotals[];
  shippingTax?: LineTax;
  taxGroups: TaxGroup[];
};

function inCurrency(what: string, m: Money, currency: string): Money {
  if (m.currency !== currency)
    throw new MoneyError(`${what} is in ${m.currency} but the order is in ${currency}`);
  if (m.amount < 0) throw new MoneyError(`${what} cannot be negative`);
  return m;
}

export function orderTotals(input: TotalsInput): Totals {
  const { currency, lines } = input;
  const { basis, table, destination } = input.tax;
  const none = zero(currency);

  const gross = lines.map((l, i) =>
    multiply(inCurrency(`Line ${i + 1}'s unit price`, l.unitPrice, currency), l.quantity),
  );
  const lineDiscounts = lines.map((l, i) =>
    minimum(inCurrency(`Line ${i + 1}'s discount`, l.discount ?? none, currency), gross[i] ?? none),
  );
  const afterLineDiscounts = gross.map((g, i) => subtract(g, lineDiscounts[i] ?? none));
  const orderDiscount = minimum(
    inCurrency('The order discount', input.orderDiscount ?? none, currency),
    sum(afterLineDiscounts, currency),
  );
  const shares =
    lines.length > 0
      ? allocate(
          orderDiscount,
          afterLineDiscounts.map((m) => m.amount),
        )
      : [];

  const lineTotals: LineTotals[] = lines.map((line, i) => {
    const share = shares[i] ?? none;
    const taxable = subtract(afterLineDiscounts[i] ?? none, share);
    const rate = resolveTaxRate(table, destination, line.taxClass);
    return {
      gross: gross[i] ?? none,
      discount: add(lineDiscounts[i] ?? none, share),
      tax: taxLine(taxable, rate, basis),
    };
  });

  const shipping = inCurrency('The shipping fee', input.shipping ?? none, currency);
  const shippingTax =
    input.shippingTaxClass !== undefined && shipping.amount > 0
      ? taxLine(shipping, resolveTaxRate(table, destination, input.shippingTaxClass), basis)
      : undefined;

  const taxLines = [...lineTotals.map((l) => l.tax), ...(shippingTax ? [shippingTax] : [])];
  const subtotal = sum(gross, currency);
  const discount = sum(
    lineTotals.map((l) => l.discount),
    currency,
  );
  const tax = sum(
    taxLines.map((t) => t.tax),
    currency,
  );
  const addedTax = basis === 'exclusive' ? tax : none;
  const total = add(add(subtract(subtotal, discount), shipping), addedTax);

  return {
    currency,
    subtotal: subtotal.amount,
    discount: discount.amount,
    shipping: shipping.amount,
    tax: tax.amount,
    total: total.amount,
    taxIncluded: basis === 'inclusive',
    lines: lineTotals,
    ...(shippingTax ? { shippingTax } : {}),
    taxGroups: groupTaxLines(taxLines, currency),
  };
}
