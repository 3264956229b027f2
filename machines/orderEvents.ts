// The events an order understands, as zod schemas: every event is a plain JSON object with a
// dotted type, checked here before the order machine ever sees it (on the desk and on the server).
import { z } from 'zod';
import { Id, PAYMENT_METHODS, RECEIVE_METHODS, Sku, TaxClass } from '../src-shared/records';
import { safeParseRecord } from '../src-shared/validation';

const Text = (label: string, max: number) =>
  z
    .string({ message: `${label} must be text` })
    .trim()
    .min(1, { message: `${label} cannot be empty` })
    .max(max, { message: `${label} is longer than ${max} characters` });

const OptionalText = (label: string, max: number) =>
  z
    .string({ message: `${label} must be text` })
    .trim()
    .max(max, { message: `${label} is longer than ${max} characters` })
    .optional();

const Quantity = z
  .int({ message: 'quantity must be a whole number' })
  .min(1, { message: 'quantity must be at least 1' })
  .max(9999, { message: 'quantity above 9,999 on one line is not believable' });

const Units = z
  .int({ message: 'units must be a whole number' })
  .min(1, { message: 'units must be at least 1' })
  .max(1_000_000, { message: 'units above 1,000,000 is not believable' });

/** Integer minor units (cents); never a float. */
const Amount = z
  .int({ message: 'amount must be a whole number of minor units (cents), not a fraction' })
  .min(1, { message: 'amount must be more than zero' });

export const RECEIPT_FORMATS = ['receipt80mm', 'invoiceA4', 'pdf', 'email'] as const;

// Strict objects: a misspelt field (trackingNo for trackingNumber) is refused, not dropped.
const event = <T extends string, S extends z.ZodRawShape>(type: T, shape: S) =>
  z.strictObject({ type: z.literal(type), ...shape });

export const CartAddItem = event('cart.addItem', {
  lineId: Id,
  variantId: Id,
  sku: Sku,
  name: Text('Line name', 200),
  quantity: Quantity,
  unitPrice: z
    .int({ message: 'unit price must be a whole number of minor units (cents), not a fraction' })
    .min(0, { message: 'unit price cannot be negative' }),
  taxClass: TaxClass,
});
export const CartSetQuantity = event('cart.setQuantity', { lineId: Id, quantity: Quantity });
export const CartRemoveItem = event('cart.removeItem', { lineId: Id });
/** A price changed by hand (a price override): the reason stays in the order's history. */
export const CartSetPrice = event('cart.setPrice', {
  lineId: Id,
  unitPrice: z
    .int({ message: 'unit price must be a whole number of minor units (cents), not a fraction' })
    .min(0, { message: 'unit price cannot be negative' }),
  reason: Text('Reason', 200),
});
/** A markdown on one line, in minor units off the line's value (0 takes it away); the reason is kept. */
export const CartSetDiscount = event('cart.setDiscount', {
  lineId: Id,
  discount: z
    .int({ message: 'discount must be a whole number of minor units (cents), not a fraction' })
    .min(0, { message: 'discount cannot be negative' }),
  reason: Text('Reason', 200),
});
/** A discount on the whole order, in minor units (0 takes it away); the reason is kept. */
export const CartSetOrderDiscount = event('cart.setOrderDiscount', {
  discount: z
    .int({ message: 'discount must be a whole number of minor units (cents), not a fraction' })
    .min(0, { message: 'discount cannot be negative' }),
  reason: Text('Reason', 200),
});
export const CartClear = event('cart.clear', {});
export const CheckoutStart = event('checkout.start', {
  total: z
    .int({ message: 'total must be a whole number of minor units (cents), not a fraction' })
    .min(0, { message: 'total cannot be negative' }),
});
export const CheckoutBack = event('checkout.back', {});
export const PaymentCapture = event('payment.capture', {
  paymentId: Id,
  method: z.enum(PAYMENT_METHODS, { message: `method must be one of ${PAYMENT_METHODS.join(', ')}` }),
  amount: Amount,
});
/** Money owed on account (an invoice, cash on delivery) arriving later: the order is then paid. */
export const PaymentReceive = event('payment.receive', {
  paymentId: Id,
  method: z.enum(RECEIVE_METHODS, { message: `method must be one of ${RECEIVE_METHODS.join(', ')}` }),
  amount: Amount,
});
/** A counter sale the customer takes with them: no packing, no shipping, the order is complete. */
export const CounterCollect = event('counter.collect', {});
export const ReceiptIssue = event('receipt.issue', {
  format: z.enum(RECEIPT_FORMATS, { message: `format must be one of ${RECEIPT_FORMATS.join(', ')}` }),
});
export const StockReserve = event('stock.reserve', {});
export const PackStart = event('pack.start', {});
export const PackAbandon = event('pack.abandon', {});
/** The bench closed the order's parcel: from here the order is packed, and a second pack is refused. */
export const PackComplete = event('pack.complete', { parcelId: Id, units: Units });
// Whether a tracking number or a reason is given is the machine's guard, so the refusal names
// the rule ("A shipment needs a tracking number or a reason why there is none").
export const ShipDispatch = event('ship.dispatch', {
  carrier: Text('Carrier', 40),
  trackingNumber: OptionalText('Tracking number', 60),
  noTrackingReason: OptionalText('No-tracking reason', 200),
  units: Units,
});
export const DeliveryConfirm = event('delivery.confirm', {});
export const OrderHold = event('order.hold', { reason: Text('Reason', 200) });
export const OrderRelease = event('order.release', {});
export const OrderCancel = event('order.cancel', { reason: Text('Reason', 200) });
export const RefundIssue = event('refund.issue', {
  refundId: Id,
  amount: Amount,
  /** Why the money goes back (kept in the log for the audit); optional for older desks. */
  reason: OptionalText('Reason', 200),
});
export const ReturnReceive = event('return.receive', { units: Units });

export const OrderEventInput = z.discriminatedUnion('type', [
  CartAddItem,
  CartSetQuantity,
  CartRemoveItem,
  CartSetPrice,
  CartSetDiscount,
  CartSetOrderDiscount,
  CartClear,
  CheckoutStart,
  CheckoutBack,
  PaymentCapture,
  PaymentReceive,
  CounterCollect,
  ReceiptIssue,
  StockReserve,
  PackStart,
  PackAbandon,
  PackComplete,
  ShipDispatch,
  DeliveryConfirm,
  OrderHold,
  OrderRelease,
  OrderCancel,
  RefundIssue,
  ReturnReceive,
]);

export type OrderMachineEvent = z.infer<typeof OrderEventInput>;
export type OrderEventType = OrderMachineEvent['type'];

export const ORDER_EVENT_TYPES = OrderEventInput.options.map(
  (option) => option.shape.type.value,
) as readonly OrderEventType[];

export type ParsedOrderEvent = { ok: true; event: OrderMachineEvent } | { ok: false; reason: string };

/** Checks an event from anywhere (a screen, the outbox, a pushed mutation) and says what is wrong. */
export function parseOrderEvent(input: unknown): ParsedOrderEvent {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    return { ok: false, reason: 'An order event must be an object with a type such as “cart.addItem”' };
  }
  const { type } = input as { type?: unknown };
  if (type === undefined)
    return { ok: false, reason: 'The order event has no type; give one such as “cart.addItem”' };
  if (typeof type !== 'string' || !(ORDER_EVENT_TYPES as readonly string[]).includes(type)) {
    return {
      ok: false,
      reason: `“${String(type)}” is not an order event; use one of ${ORDER_EVENT_TYPES.join(', ')}`,
    };
  }
  const result = safeParseRecord(OrderEventInput, input);
  if (result.ok) return { ok: true, event: result.value };
  return { ok: false, reason: `“${type}” was refused: ${result.issues.join('; ')}` };
}
