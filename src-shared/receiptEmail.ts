// The e-mailed receipt: to the customer's address, a subject with the order number, a plain text
// body (lines, totals, payments, gift card codes and points, expected delivery) and the same as
// simple HTML, every value escaped.
import type { ReceiptBalanceLine } from './balanceReceipt';
import { formatMoney, money } from './money';
import type { Order } from './records';
import { subtotalAfterLineDiscounts, wholeOrderDiscounts } from './receiptLines';
import type { ShippingQuote } from './shippingRules';

export type ReceiptEmailInput = {
  order: Order;
  /** The customer's e-mail address; without one there is no one to send it to. */
  to: string | undefined;
  customerName?: string;
  storeName?: string;
  delivery?: ShippingQuote | null;
  locale?: string;
  /** The receipt's balance lines (receiptBalanceLines): the codes of gift cards sold, points. */
  balanceLines?: readonly ReceiptBalanceLine[];
};

export type ReceiptEmail = { ok: true; to: string; subject: string; text: string; html: string };
export type ReceiptEmailRefused = { ok: false; reason: string };

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const METHOD: Record<string, string> = {
  cash: 'Cash',
  card_terminal: 'Card',
  cash_on_delivery: 'Cash on delivery',
  invoice: 'Invoice',
};

export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}

const longDay = (day: string, locale: string) =>
  new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${day}T00:00:00Z`),
  );

/** Why a receipt cannot be e-mailed to this address, or null when it can. */
export function receiptEmailRefusal(orderNumber: string, to: string | undefined): string | null {
  const address = to?.trim() ?? '';
  if (!address)
    return `The customer of order ${orderNumber} has no e-mail address; add one to the customer to e-mail the receipt`;
  if (!EMAIL.test(address)) {
    return `The customer's e-mail address “${address}” is not valid; correct it on the customer to e-mail the receipt`;
  }
  return null;
}

/** Composes the receipt e-mail, or says why none can be sent. */
export function receiptEmail(input: ReceiptEmailInput): ReceiptEmail | ReceiptEmailRefused {
  const { order } = input;
  const refusal = receiptEmailRefusal(order.number, input.to);
  if (refusal) return { ok: false, reason: refusal };
  const to = input.to!.trim();
  const locale = input.locale ?? 'en-GB';
  const store = input.storeName?.trim() || 'Orderline';
  const cur = order.currency;
  const show = (amount: number) => formatMoney(money(amount, cur), locale);
  const rows: [string, string][] = [
    // The lines are printed less their own discounts, so only the whole-order ones come off here.
    ['Subtotal', show(subtotalAfterLineDiscounts(order))],
    ...wholeOrderDiscounts(order).map((d): [string, string] => [d.label, `−${show(d.amount)}`]),
    [`Shipping (${order.shippingMethod ?? 'none'})`, show(order.totals.shipping)],
    ['Total', show(order.totals.total)],
    ['of which tax', show(order.totals.tax)],
    ...order.payments.map((p): [string, string] => [
      `Paid by ${METHOD[p.method] ?? p.method}${p.cardLast4 ? ` ending ${p.cardLast4}` : ''}`,
      show(p.amount.amount),
    ]),
    // A gift card bought by phone or mail reaches its buyer here: its code is on the receipt.
    ...(input.balanceLines ?? []).map((l): [string, string] => [l.label, l.value]),
  ];
  const d = input.delivery;
  const deliveryText = d
    ? `${d.name} (${d.carrier}): dispatched by ${longDay(d.dispatchDate, locale)}, expected ${
        d.deliveryEarliest === d.deliveryLatest
          ? `on ${longDay(d.deliveryEarliest, locale)}`
          : `between ${longDay(d.deliveryEarliest, locale)} and ${longDay(d.deliveryLatest, locale)}`
      }.`
    : null;
  const greeting = `Hello ${input.customerName?.trim() || order.customerName?.trim() || 'there'},`;
  const intro = `Thank you for your order ${order.number}. Here is your receipt.`;
  const lineOff = (l: Order['lines'][number]) =>
    Math.min(l.discount?.amount ?? 0, l.unitPrice.amount * l.quantity);
  const lineAmount = (l: Order['lines'][number]) => l.unitPrice.amount * l.quantity - lineOff(l);
  const lineNote = (l: Order['lines'][number]) => (lineOff(l) ? ` (line discount −${show(lineOff(l))})` : '');
  const lineText = order.lines.map(
    (l) =>
      `${l.quantity} × ${l.name} (${l.sku}) at ${show(l.unitPrice.amount)}${lineNote(l)}: ${show(lineAmount(l))}`,
  );
  const text = [
    greeting,
    '',
    intro,
    '',
    ...lineText,
    '',
    ...rows.map(([label, value]) => `${label}: ${value}`),
    ...(deliveryText ? ['', deliveryText] : []),
    '',
    'Thank you,',
    store,
  ].join('\n');
  const e = escapeHtml;
  const html = [
    `<!doctype html><html><head><meta charset="utf-8"><title>Receipt ${e(order.number)}</title></head>`,
    '<body style="font-family:sans-serif;color:#222">',
    `<p>${e(greeting)}</p><p>${e(intro)}</p>`,
    '<table style="border-collapse:collapse">',
    ...order.lines.map(
      (l) =>
        `<tr><td>${l.quantity} × ${e(l.name)}${e(lineNote(l))}</td><td style="padding-left:1em;text-align:right">${e(show(lineAmount(l)))}</td></tr>`,
    ),
    ...rows.map(
      ([label, value]) =>
        `<tr><td>${e(label)}</td><td style="padding-left:1em;text-align:right">${e(value)}</td></tr>`,
    ),
    '</table>',
    ...(deliveryText ? [`<p>${e(deliveryText)}</p>`] : []),
    `<p>Thank you,<br>${e(store)}</p>`,
    '</body></html>',
  ].join('');
  return { ok: true, to, subject: `Your receipt for order ${order.number} from ${store}`, text, html };
}
