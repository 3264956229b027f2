// The order row as the fold of its events: the machine's verdict (status, lines, money) plus the
// descriptive details that travel with each event. Pure, so desks, server and tests fold alike.
import { nextOrderState, type OrderMachineContext, type OrderState } from '../machines/orderMachine';
import { parseOrderEvent } from '../machines/orderEvents';
import { newId } from './ids';
import { stockMovementsFor, type PlannedMovement, type StockView } from './orderStock';
import { z } from 'zod';
import { safeParseRecord } from './validation';
import {
  OrderSchema,
  OrderTotalsSchema,
  PAYMENT_METHODS,
  PaymentSchema,
  type Order,
  type OrderEvent,
  type OrderLine,
  type OrderTotals,
  type Payment,
} from './records';
import { searchWords } from './searchWords';

/** The descriptive fields an event may set, or clear with null (a gift taken off, a promo removed,
 * an order switched to collection): JSON has no undefined, so null is how "none" travels. */
const DESCRIBED = OrderSchema.pick({
  customerId: true,
  customerName: true,
  shippingAddress: true,
  billingAddress: true,
  shippingMethod: true,
  gift: true,
  acquisitionSource: true,
  campaignCode: true,
  tracking: true,
  promoCode: true,
}).shape;
type Described = keyof typeof DESCRIBED;
/** The descriptive fields as an order row holds them (no nulls). */
export type OrderDescription = Partial<Pick<Order, Described>>;
const CLEARABLE = Object.keys(DESCRIBED) as Described[];

/** What describes an order without being judged by the machine. Strict: an unknown field (a
 * card number in the wrong place, say) is refused, never stored in the event log. */
export const OrderDetailsSchema = z
  .object({
    customerId: DESCRIBED.customerId.nullable(),
    customerName: DESCRIBED.customerName.nullable(),
    shippingAddress: DESCRIBED.shippingAddress.nullable(),
    billingAddress: DESCRIBED.billingAddress.nullable(),
    shippingMethod: DESCRIBED.shippingMethod.nullable(),
    gift: DESCRIBED.gift.nullable(),
    acquisitionSource: DESCRIBED.acquisitionSource.nullable(),
    campaignCode: DESCRIBED.campaignCode.nullable(),
    tracking: DESCRIBED.tracking.nullable(),
    promoCode: DESCRIBED.promoCode.nullable(),
  })
  .partial()
  .extend({
    totals: OrderTotalsSchema.pick({
      subtotal: true,
      discount: true,
      shipping: true,
      tax: true,
      total: true,
    }).optional(),
    /** For a card payment: the terminal's reference and the last four digits, never the number. */
    payment: PaymentSchema.pick({
      reference: true,
      cardLast4: true,
      termsDays: true,
      tendered: true,
      change: true,
    }).optional(),
  })
  .strict();
export type OrderDetails = z.infer<typeof OrderDetailsSchema>;

/** "D1-000042" is found by "d1-000042", "000042" and "42", and by words of the customer's name. */
export function orderSearchWords(order: Pick<Order, 'number' | 'customerName' | 'formerNumbers'>): string[] {
  const sequence = order.number.split('-')[1] ?? '';
  const former = (order.formerNumbers ?? []).map((n) => n.toLowerCase());
  return [
    order.number.toLowerCase(),
    sequence,
    String(Number(sequence)),
    ...former,
    ...searchWords(order.customerName),
  ];
}

export function machineStateOf(order: Pick<Order, 'status' | 'machine'>): OrderState {
  return { status: order.status, context: order.machine as OrderMachineContext };
}

type CaptureEvent = {
  type: 'payment.capture' | 'payment.receive';
  paymentId: string;
  method: string;
  amount: number;
};

/** A payment taken at the till, or money owed on account arriving later: both go on the row. */
function isPayment(event: unknown): event is CaptureEvent {
  const type = typeof event === 'object' && event !== null ? (event as { type?: unknown }).type : undefined;
  return type === 'payment.capture' || type === 'payment.receive';
}

function paymentFrom(
  event: CaptureEvent,
  currency: string,
  details: OrderDetails | undefined,
  at: string,
): Payment {
  const method = PAYMENT_METHODS.find((m) => m === event.method) ?? 'cash';
  return {
    id: event.paymentId,
    method,
    amount: { amount: event.amount, currency },
    ...details?.payment,
    ...(event.type === 'payment.receive' ? { received: true } : {}),
    at,
  };
}

/** The order row after `event` took it to `state`. The caller validates the result (OrderSchema). */
export function foldIntoRow(
  order: Order,
  state: OrderState,
  event: unknown,
  details: OrderDetails | undefined,
  at: string,
): Order {
  const { totals: totalsDetail, payment: _payment, ...described } = details ?? {};
  const context = state.context;
  const lines: OrderLine[] = context.lines.map((line) => ({
    id: line.lineId,
    variantId: line.variantId,
    sku: line.sku,
    name: line.name,
    quantity: line.quantity,
    unitPrice: { amount: line.unitPrice, currency: order.currency },
    taxClass: line.taxClass,
    ...(line.discount ? { discount: { amount: line.discount, currency: order.currency } } : {}),
  }));
  const subtotal = lines.reduce((sum, l) => sum + l.quantity * l.unitPrice.amount, 0);
  // In the cart only the seller's discounts (lines and order) are known; checkout adds the promo.
  // Capped like checkout caps them: a line made smaller since cannot make the total negative.
  const sellerDiscounts = Math.min(
    subtotal,
    lines.reduce((sum, l) => sum + (l.discount?.amount ?? 0), 0) + (context.orderDiscount ?? 0),
  );
  const totals: OrderTotals = {
    ...order.totals,
    ...(state.status === 'cart'
      ? { subtotal, discount: sellerDiscounts, total: subtotal - sellerDiscounts }
      : {}),
    ...totalsDetail,
    paid: context.paid,
    refunded: context.refunded,
    ...(context.onAccount !== undefined ? { owed: context.onAccount } : {}),
  };
  if (state.status !== 'cart' && context.total > 0) totals.total = context.total;
  const payments = isPayment(event)
    ? [...order.payments, paymentFrom(event, order.currency, details, at)]
    : order.payments;
  const next: Order = {
    ...order,
    status: state.status,
    lines,
    totals,
    payments,
    machine: context as unknown as Record<string, unknown>,
    version: order.version + 1,
    updatedAt: at,
  };
  if (context.orderDiscount) next.orderDiscount = { amount: context.orderDiscount, currency: order.currency };
  else delete next.orderDiscount;
  const fields = next as Record<string, unknown>;
  for (const key of CLEARABLE) {
    if (!(key in described)) continue;
    const value = described[key];
    if (value === null) delete fields[key];
    else if (value !== undefined) fields[key] = value;
  }
  next.searchWords = orderSearchWords(next);
  return next;
}

export type Who = { deskId: string; staffId?: string; staffName?: string; approvedById?: string };
export type OrderChangeInput = { event: unknown; details?: OrderDetails; at: string };
export type AppliedEvent =
  { ok: true; order: Order; event: OrderEvent; movements: PlannedMovement[] } | { ok: false; reason: string };

function stockView(context: OrderMachineContext): StockView {
  return {
    lines: context.lines.map((l) => ({ variantId: l.variantId, quantity: l.quantity })),
    reserved: context.reserved,
    unitsShipped: context.unitsShipped,
    unitsReturned: context.unitsReturned,
  };
}

/**
 * One event applied to one order, in memory: the machine's verdict, the new row, the event row
 * and the stock it moves. Rows are not validated here; whoever stores them does (writeOrderChange).
 */
export function applyOrderEvent(order: Order, change: OrderChangeInput, who: Who): AppliedEvent {
  const before = machineStateOf(order);
  const verdict = nextOrderState(before, change.event);
  if (!verdict.ok) return verdict;
  // Store the event as the machine read it: fields it does not know (a card number typed into
  // the wrong box, say) are dropped, never kept in the log.
  const parsed = parseOrderEvent(change.event);
  if (!parsed.ok) return parsed;
  if (change.details !== undefined) {
    const details = safeParseRecord(OrderDetailsSchema, change.details);
    if (!details.ok)
      return { ok: false, reason: `The order details were not saved: ${details.issues.join('; ')}` };
    if (
      details.value.payment &&
      parsed.event.type !== 'payment.capture' &&
      parsed.event.type !== 'payment.receive'
    ) {
      return {
        ok: false,
        reason:
          'Payment details (reference, card digits) belong with a payment, not with “' +
          parsed.event.type +
          '”',
      };
    }
  }
  const next = foldIntoRow(order, verdict.state, change.event, change.details, change.at);
  // Whoever takes the order out of the cart sold it (the sales-by-staff report reads this).
  if (before.status === 'cart' && next.status !== 'cart' && !next.soldBy && who.staffName)
    next.soldBy = { ...(who.staffId ? { staffId: who.staffId } : {}), name: who.staffName };
  const event: OrderEvent = {
    id: newId(),
    orderId: order.id,
    seq: next.version,
    event: parsed.event,
    ...(change.details ? { details: change.details } : {}),
    from: before.status,
    to: verdict.state.status,
    ...who,
    at: change.at,
  };
  const movements = stockMovementsFor(
    parsed.event.type,
    stockView(before.context),
    stockView(verdict.state.context),
  );
  return { ok: true, order: next, event, movements };
}
