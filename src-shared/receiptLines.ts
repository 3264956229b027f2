// What an order's receipt says about money, worked out once: each discount named as what it is
// (a line's markdown, the order discount, the promo code), VAT or why there is none, and each
// payment with its terminal reference, the cash handed over and the change.
import { formatMoney, money } from './money';
import type { Order } from './records';

const minorAmount = (amount: number, currency: string) => formatMoney(money(amount, currency));

export type ReceiptRow = { label: string; amount: string };

const METHOD: Record<string, string> = {
  cash: 'Cash',
  card_terminal: 'Card',
  cash_on_delivery: 'Cash on delivery',
  invoice: 'Invoice',
  bank_transfer: 'Bank transfer',
  gift_card: 'Gift card',
  store_credit: 'Store credit',
  loyalty_points: 'Points',
};

/**
 * An order's discount taken apart, in minor units: the lines' own markdowns (each capped at its
 * line, as pricing caps it), the seller's order discount and the promo code. They add up to
 * `totals.discount`. The promo is not stored on its own: it is what the recorded discount leaves
 * after the other two. The order discount comes off last, so when it took the goods to zero it was
 * capped there, and the rest of the discount is counted as the order discount.
 */
export function discountParts(order: Pick<Order, 'lines' | 'orderDiscount' | 'totals'>): {
  lines: number;
  order: number;
  promo: number;
} {
  const lines = order.lines.reduce(
    (sum, l) => sum + Math.min(l.discount?.amount ?? 0, l.unitPrice.amount * l.quantity),
    0,
  );
  const rest = Math.max(0, order.totals.discount - lines);
  const whole = Math.min(order.orderDiscount?.amount ?? 0, rest);
  return { lines, order: whole, promo: rest - whole };
}

/** What the lines come to after their own markdowns: the subtotal the discount rows come off. */
export function subtotalAfterLineDiscounts(order: Pick<Order, 'lines' | 'orderDiscount' | 'totals'>): number {
  return order.totals.subtotal - discountParts(order).lines;
}

/**
 * The discounts on the whole order, each named: the order discount and the promo code, in minor
 * units. A line's markdown is printed on its line (its amount is net of it), not counted here again.
 */
export function wholeOrderDiscounts(
  order: Pick<Order, 'lines' | 'orderDiscount' | 'totals' | 'promoCode'>,
): { label: string; amount: number }[] {
  const parts = discountParts(order);
  return [
    ...(parts.order ? [{ label: 'Order discount', amount: parts.order }] : []),
    ...(parts.promo
      ? [{ label: order.promoCode ? `Promo ${order.promoCode}` : 'Promotion', amount: parts.promo }]
      : []),
  ];
}

/** The receipt's discount rows: wholeOrderDiscounts, printed as amounts off. */
export function discountRows(order: Order): ReceiptRow[] {
  return wholeOrderDiscounts(order).map((d) => ({
    label: d.label,
    amount: `−${minorAmount(d.amount, order.currency)}`,
  }));
}

/**
 * VAT as the receipt states it; at zero it says why (an export is zero-rated, not forgotten).
 * `homeCountry` is the store's own country (Settings › Shipping origin): a sale shipped there is
 * domestic, wherever the store is.
 */
export function vatRow(order: Order, homeCountry: string): ReceiptRow {
  const amount = minorAmount(order.totals.tax, order.currency);
  if (order.totals.tax > 0) return { label: 'of which VAT', amount };
  const abroad = order.shippingAddress && order.shippingAddress.country !== homeCountry;
  return {
    label: abroad ? 'VAT 0%: zero-rated export' : 'VAT 0%: zero-rated goods',
    amount,
  };
}

/** One or more rows per payment: method, card digits and terminal reference; cash given, change. */
export function paymentRows(order: Order): ReceiptRow[] {
  const m = (n: number) => minorAmount(n, order.currency);
  return order.payments.flatMap((p) => {
    const name = `${p.received ? 'Received: ' : ''}${METHOD[p.method] ?? p.method}${
      p.cardLast4 ? ` •••• ${p.cardLast4}` : ''
    }${p.method === 'invoice' && p.termsDays !== undefined ? ` (net ${p.termsDays})` : ''}`;
    const rows: ReceiptRow[] = [{ label: name, amount: m(p.amount.amount) }];
    if (p.reference)
      rows.push({
        label: p.method === 'invoice' ? `  PO ${p.reference}` : `  Ref ${p.reference}`,
        amount: '',
      });
    if (p.tendered && p.change) {
      rows.push({ label: '  Cash given', amount: m(p.tendered.amount) });
      rows.push({ label: '  Change', amount: m(p.change.amount) });
    }
    return rows;
  });
}
