// Ready-made, valid order events and states for tests and demos: one place that knows what a
// well-formed payload looks like, so tests read as the story of an order.
import type { OrderStatus } from '../src-shared/orderStatus';
import { emptyOrderContext, type OrderMachineContext, type OrderState } from './orderContext';
import type { OrderMachineEvent } from './orderEvents';

type EventOf<T extends OrderMachineEvent['type']> = Extract<OrderMachineEvent, { type: T }>;

/** A valid, deterministic UUID (version 7 shape) numbered n, for ids in tests. */
export function sampleId(n: number): string {
  return `00000000-0000-7000-8000-${n.toString(16).padStart(12, '0')}`;
}

export const sample = {
  addItem: (line: number, quantity = 1, unitPrice = 1000): EventOf<'cart.addItem'> => ({
    type: 'cart.addItem',
    lineId: sampleId(line),
    variantId: sampleId(100 + line),
    sku: `SKU-${line}`,
    name: `Item ${line}`,
    quantity,
    unitPrice,
    taxClass: 'standard',
  }),
  setQuantity: (line: number, quantity: number): EventOf<'cart.setQuantity'> => ({
    type: 'cart.setQuantity',
    lineId: sampleId(line),
    quantity,
  }),
  removeItem: (line: number): EventOf<'cart.removeItem'> => ({
    type: 'cart.removeItem',
    lineId: sampleId(line),
  }),
  setPrice: (line: number, unitPrice: number): EventOf<'cart.setPrice'> => ({
    type: 'cart.setPrice',
    lineId: sampleId(line),
    unitPrice,
    reason: 'Price match',
  }),
  setDiscount: (line: number, discount: number): EventOf<'cart.setDiscount'> => ({
    type: 'cart.setDiscount',
    lineId: sampleId(line),
    discount,
    reason: 'Damaged box',
  }),
  setOrderDiscount: (discount: number): EventOf<'cart.setOrderDiscount'> => ({
    type: 'cart.setOrderDiscount',
    discount,
    reason: 'Regular customer',
  }),
  clear: (): EventOf<'cart.clear'> => ({ type: 'cart.clear' }),
  checkout: (total: number): EventOf<'checkout.start'> => ({ type: 'checkout.start', total }),
  back: (): EventOf<'checkout.back'> => ({ type: 'checkout.back' }),
  capture: (payment: number, amount: number): EventOf<'payment.capture'> => ({
    type: 'payment.capture',
    paymentId: sampleId(1000 + payment),
    method: 'card_terminal',
    amount,
  }),
  captureOnAccount: (payment: number, amount: number): EventOf<'payment.capture'> => ({
    type: 'payment.capture',
    paymentId: sampleId(1000 + payment),
    method: 'invoice',
    amount,
  }),
  receive: (payment: number, amount: number): EventOf<'payment.receive'> => ({
    type: 'payment.receive',
    paymentId: sampleId(1000 + payment),
    method: 'bank_transfer',
    amount,
  }),
  collect: (): EventOf<'counter.collect'> => ({ type: 'counter.collect' }),
  receipt: (): EventOf<'receipt.issue'> => ({ type: 'receipt.issue', format: 'receipt80mm' }),
  reserve: (): EventOf<'stock.reserve'> => ({ type: 'stock.reserve' }),
  pack: (): EventOf<'pack.start'> => ({ type: 'pack.start' }),
  abandonPacking: (): EventOf<'pack.abandon'> => ({ type: 'pack.abandon' }),
  packed: (units: number, parcel = 1): EventOf<'pack.complete'> => ({
    type: 'pack.complete',
    parcelId: sampleId(2000 + parcel),
    units,
  }),
  dispatch: (units: number, trackingNumber = '1Z999AA10123456784'): EventOf<'ship.dispatch'> => ({
    type: 'ship.dispatch',
    carrier: 'UPS',
    trackingNumber,
    units,
  }),
  dispatchUntracked: (
    units: number,
    noTrackingReason = 'Handed over at the counter',
  ): EventOf<'ship.dispatch'> => ({
    type: 'ship.dispatch',
    carrier: 'Counter pickup',
    noTrackingReason,
    units,
  }),
  deliver: (): EventOf<'delivery.confirm'> => ({ type: 'delivery.confirm' }),
  hold: (): EventOf<'order.hold'> => ({ type: 'order.hold', reason: 'Customer asked us to wait' }),
  release: (): EventOf<'order.release'> => ({ type: 'order.release' }),
  cancel: (): EventOf<'order.cancel'> => ({ type: 'order.cancel', reason: 'Customer changed their mind' }),
  refund: (refund: number, amount: number): EventOf<'refund.issue'> => ({
    type: 'refund.issue',
    refundId: sampleId(2000 + refund),
    amount,
  }),
  returnUnits: (units: number): EventOf<'return.receive'> => ({ type: 'return.receive', units }),
};

/** A state put together directly, for testing one rule without replaying a whole order. */
export function sampleState(status: OrderStatus, context: Partial<OrderMachineContext> = {}): OrderState {
  return { status, context: { ...emptyOrderContext(), ...context } };
}

/** The line sample.addItem(line, quantity, unitPrice) adds, as the context stores it. */
export function sampleLine(
  line: number,
  quantity = 1,
  unitPrice = 1000,
): OrderMachineContext['lines'][number] {
  const { type: _type, ...item } = sample.addItem(line, quantity, unitPrice);
  return item;
}
