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

/** The discount rows: lines' markdowns, the order discount and the promo code, each named. */
export function discountRows(order: Order): ReceiptRow[] {
  const m = (n: number) => `−${minorAmount(n, order.currency)}`;
  const line = order.lines.reduce((sum, l) => sum + (l.discount?.amount ?? 0), 0);
  const whole = order.orderDiscount?.amount ?? 0;
  const promo = Math.max(0, order.totals.discount - line - whole);
  return [
    ...(line ? [{ label: 'Line discounts', amount: m(line) }] : []),
    ...(whole ? [{ label: 'Order discount', amount: m(whole) }] : []),
    ...(promo
      ? [{ label: order.promoCode ? `Promo ${order.promoCode}` : 'Promotion', amount: m(promo) }]
      : []),
  ];
}

/** VAT as the receipt states it; at zero it says why (an export is zero-rated, not forgotten). */
export function vatRow(order: Order, homeCountry = 'GB'): ReceiptRow {
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
