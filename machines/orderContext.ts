// What the order machine remembers between events: plain JSON stored on the order row as
// `machine`, with a schema so a stored or pushed context is checked before it is trusted.
import { z } from 'zod';
import { ORDER_STATUSES, type OrderStatus } from '../src-shared/orderStatus';
import { isGiftCardLine } from '../src-shared/balances';
import { TaxClass } from '../src-shared/records';
import { safeParseRecord } from '../src-shared/validation';

const Count = z.int().min(0);

export const OrderMachineLineSchema = z.object({
  lineId: z.string().min(1),
  variantId: z.string().min(1),
  sku: z.string().min(1),
  name: z.string().min(1),
  quantity: z.int().min(1),
  unitPrice: Count,
  taxClass: TaxClass,
  /** The seller's markdown on the whole line, in minor units (cart.setDiscount); absent when none. */
  discount: Count.optional(),
});
export type OrderMachineLine = z.infer<typeof OrderMachineLineSchema>;

export const ShipmentSchema = z.object({
  carrier: z.string().min(1),
  trackingNumber: z.string().optional(),
  noTrackingReason: z.string().optional(),
  units: z.int().min(1),
});
export type Shipment = z.infer<typeof ShipmentSchema>;

/** The parcel closed at a pack bench and not yet handed to a carrier: one per packing round. */
export const PackedParcelSchema = z.object({
  parcelId: z.string().min(1),
  units: z.int().min(1),
});
export type PackedParcel = z.infer<typeof PackedParcelSchema>;

export const OrderMachineContextSchema = z.object({
  lines: z.array(OrderMachineLineSchema),
  /** What the customer owes, in minor units, fixed at checkout (tax, shipping and discounts included). */
  total: Count,
  paid: Count,
  /** Of `paid`, what was put on account (invoice, cash on delivery) and has not arrived yet. */
  onAccount: Count.optional(),
  refunded: Count,
  /** A discount on the whole order in minor units (cart.setOrderDiscount); absent when none. */
  orderDiscount: Count.optional(),
  /** Ids of captured payments and issued refunds, so a retried event never charges or refunds twice. */
  paymentIds: z.array(z.string()),
  refundIds: z.array(z.string()),
  reserved: z.boolean(),
  unitsShipped: Count,
  unitsReturned: Count,
  /** The status to go back to when a hold is released. */
  heldFrom: z.enum(ORDER_STATUSES).nullable(),
  shipments: z.array(ShipmentSchema),
  /** Set by pack.complete, cleared when that parcel ships or is unpacked; absent on older rows. */
  packed: PackedParcelSchema.optional(),
});
export type OrderMachineContext = z.infer<typeof OrderMachineContextSchema>;

export function emptyOrderContext(): OrderMachineContext {
  return {
    lines: [],
    total: 0,
    paid: 0,
    refunded: 0,
    paymentIds: [],
    refundIds: [],
    reserved: false,
    unitsShipped: 0,
    unitsReturned: 0,
    heldFrom: null,
    shipments: [],
  };
}

export interface OrderState {
  status: OrderStatus;
  context: OrderMachineContext;
}

export type ParsedOrderState = { ok: true; state: OrderState } | { ok: false; reason: string };

/** Checks a stored order's status and `machine` field (or a pushed one) before it is judged against. */
export function parseOrderState(status: unknown, machine: unknown): ParsedOrderState {
  const parsedStatus = z.enum(ORDER_STATUSES).safeParse(status);
  if (!parsedStatus.success) return { ok: false, reason: `“${String(status)}” is not an order status` };
  const context = safeParseRecord(OrderMachineContextSchema, machine);
  if (!context.ok)
    return { ok: false, reason: `The order's machine state is damaged: ${context.issues.join('; ')}` };
  return { ok: true, state: { status: parsedStatus.data, context: context.value } };
}

/** Units that go in a parcel: a gift card line is a code on the receipt, not an item to pack. */
export function unitsOrdered(context: OrderMachineContext): number {
  return context.lines.reduce((sum, line) => sum + (isGiftCardLine(line) ? 0 : line.quantity), 0);
}

/** Whether the order sells gift cards: handed over at the till as codes on the receipt. */
export function sellsGiftCards(context: OrderMachineContext): boolean {
  return context.lines.some(isGiftCardLine);
}

export function unitsToShip(context: OrderMachineContext): number {
  return unitsOrdered(context) - context.unitsShipped;
}

/** Money the store holds for this order: paid minus refunded. */
export function moneyHeld(context: OrderMachineContext): number {
  return context.paid - context.refunded;
}

/** Money put on account (invoice, cash on delivery) that has not arrived yet. */
export function owedOnAccount(context: OrderMachineContext): number {
  return context.onAccount ?? 0;
}

/** What is still to be paid before the order can leave the payment step. */
export function amountDue(context: OrderMachineContext): number {
  return Math.max(0, context.total - moneyHeld(context));
}

/**
 * Minor units as a plain decimal with two places ("50.00"). The machine does not know the
 * order's currency, so its messages use two places; screens format money with src-shared/money.
 */
export function formatMinorUnits(amount: number): string {
  const sign = amount < 0 ? '-' : '';
  const abs = Math.abs(amount);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
