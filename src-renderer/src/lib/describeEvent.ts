// One line of an order's history in words: "Payment taken: £42.00 by card terminal".
import type { OrderEvent } from '$shared/records';
import { minor } from './format';

const METHOD: Record<string, string> = {
  cash: 'cash',
  card_terminal: 'card terminal',
  cash_on_delivery: 'cash on delivery',
  invoice: 'invoice',
  bank_transfer: 'bank transfer',
  gift_card: 'gift card',
  store_credit: 'store credit',
  loyalty_points: 'points',
};
const FORMAT: Record<string, string> = {
  receipt80mm: 'printed receipt',
  invoiceA4: 'A4 invoice',
  pdf: 'PDF',
  email: 'e-mail',
};

type Fields = Record<string, unknown>;
const str = (value: unknown) => (typeof value === 'string' ? value : '');
const num = (value: unknown) => (typeof value === 'number' ? value : 0);

/** Whether an order event's details record its tracking number as unverified (no carrier format
 * recognised it; the packer's carrier was taken on their word). */
export function trackingUnverified(details: unknown): boolean {
  const tracking = typeof details === 'object' && details !== null ? (details as Fields).tracking : undefined;
  return (
    typeof tracking === 'object' && tracking !== null && 'verified' in tracking && tracking.verified === false
  );
}

/** The words after an unverified tracking number wherever it is shown. */
export const UNVERIFIED_NOTE = 'unverified: no carrier format matches it';

export function describeEvent(
  event: OrderEvent['event'],
  currency: string,
  /** The event's details (OrderEvent['details']), read defensively: an outbox payload is unknown. */
  details?: unknown,
): string {
  const e = event as Fields & { type: string };
  const amount = (key: string) => minor(num(e[key]), currency);
  switch (e.type) {
    case 'cart.addItem':
      return `Added ${num(e.quantity)} × ${str(e.name)} (${str(e.sku)}) at ${amount('unitPrice')}`;
    case 'cart.setQuantity':
      return `Changed a line's quantity to ${num(e.quantity)}`;
    case 'cart.setPrice':
      return `Price overridden to ${amount('unitPrice')} a unit: ${str(e.reason)}`;
    case 'cart.setDiscount':
      return num(e.discount)
        ? `Line discount of ${amount('discount')}: ${str(e.reason)}`
        : `Line discount taken away: ${str(e.reason)}`;
    case 'cart.setOrderDiscount':
      return num(e.discount)
        ? `Order discount of ${amount('discount')}: ${str(e.reason)}`
        : `Order discount taken away: ${str(e.reason)}`;
    case 'cart.removeItem':
      return 'Removed a line from the cart';
    case 'cart.clear':
      return 'Emptied the cart';
    case 'checkout.start':
      return `Checkout started: ${amount('total')} to pay`;
    case 'checkout.back':
      return 'Went back to the cart';
    case 'payment.capture':
      return `Payment taken: ${amount('amount')} by ${METHOD[str(e.method)] ?? str(e.method)}`;
    case 'payment.receive':
      return `Payment received: ${amount('amount')} by ${METHOD[str(e.method)] ?? str(e.method)}`;
    case 'counter.collect':
      return 'Collected by the customer at the counter';
    case 'receipt.issue':
      return `Receipt given as ${FORMAT[str(e.format)] ?? str(e.format)}`;
    case 'stock.reserve':
      return 'Stock reserved for every line';
    case 'pack.start':
      return 'Packing started';
    case 'pack.abandon':
      return 'Packing stopped; back in the queue';
    case 'pack.complete':
      return `Packed: a parcel of ${num(e.units)} unit${num(e.units) === 1 ? '' : 's'}`;
    case 'ship.dispatch':
      return `Shipped ${num(e.units)} unit${num(e.units) === 1 ? '' : 's'} with ${str(e.carrier)}${
        e.trackingNumber
          ? `, tracking ${str(e.trackingNumber)}${trackingUnverified(details) ? ` (${UNVERIFIED_NOTE})` : ''}`
          : `, no tracking: ${str(e.noTrackingReason)}`
      }`;
    case 'delivery.confirm':
      return 'Delivered';
    case 'order.hold':
      return `Put on hold: ${str(e.reason)}`;
    case 'order.release':
      return 'Released from hold';
    case 'order.cancel':
      return `Cancelled: ${str(e.reason)}`;
    case 'refund.issue':
      return `Refunded ${amount('amount')}${e.reason ? `: ${str(e.reason)}` : ''}`;
    case 'return.receive':
      return `Return received: ${num(e.units)} unit${num(e.units) === 1 ? '' : 's'}`;
    default:
      return e.type;
  }
}
