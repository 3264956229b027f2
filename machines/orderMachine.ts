// The order lifecycle: one state per order status, the rules for moving between them, and a pure
// step function (nextOrderState) that the window, the server and the tests all use to judge an event.
import { and, assertEvent, assign, getNextSnapshot, setup } from 'xstate';
import { ORDER_STATUSES, ORDER_STATUS_LABELS, type OrderStatus } from '../src-shared/orderStatus';
import { ON_ACCOUNT_METHODS } from '../src-shared/records';
import {
  emptyOrderContext,
  moneyHeld,
  unitsToShip,
  type OrderMachineContext,
  type OrderState,
  type Shipment,
} from './orderContext';
import { parseOrderEvent, type OrderMachineEvent } from './orderEvents';
import {
  addItemRule,
  backToCartRule,
  cancelRule,
  captureRule,
  checkoutRule,
  clearRule,
  collectRule,
  dispatchRule,
  packCompleteRule,
  packRule,
  receiveRule,
  refundRule,
  refusalFor,
  releaseRule,
  removeItemRule,
  setPriceRule,
  setDiscountRule,
  setOrderDiscountRule,
  reserveRule,
  returnRule,
  setQuantityRule,
} from './orderRules';

export type { OrderMachineContext, OrderState } from './orderContext';
export { unitsOrdered, unitsToShip, moneyHeld, amountDue, parseOrderState } from './orderContext';

/** The steps an order can be held at; a release goes back to the one it was held at. */
export const HOLDABLE_STATUSES = [
  'cart',
  'payment',
  'receipt',
  'processing',
  'packaging',
] as const satisfies readonly OrderStatus[];

export const orderMachine = setup({
  types: {
    context: {} as OrderMachineContext,
    events: {} as OrderMachineEvent,
  },
  guards: {
    canAddItem: ({ context, event }) => event.type === 'cart.addItem' && addItemRule(context, event) === null,
    canSetQuantity: ({ context, event }) =>
      event.type === 'cart.setQuantity' && setQuantityRule(context, event) === null,
    canRemoveItem: ({ context, event }) =>
      event.type === 'cart.removeItem' && removeItemRule(context, event) === null,
    canSetDiscount: ({ context, event }) =>
      event.type === 'cart.setDiscount' && setDiscountRule(context, event) === null,
    canSetOrderDiscount: ({ context, event }) =>
      event.type === 'cart.setOrderDiscount' && setOrderDiscountRule(context, event) === null,
    canClearCart: ({ context, event }) => event.type === 'cart.clear' && clearRule(context, event) === null,
    canSetPrice: ({ context, event }) =>
      event.type === 'cart.setPrice' && setPriceRule(context, event) === null,
    canCheckOut: ({ context, event }) =>
      event.type === 'checkout.start' && checkoutRule(context, event) === null,
    isFreeOrder: ({ event }) => event.type === 'checkout.start' && event.total === 0,
    canGoBackToCart: ({ context, event }) =>
      event.type === 'checkout.back' && backToCartRule(context, event) === null,
    canCapture: ({ context, event }) =>
      event.type === 'payment.capture' && captureRule(context, event) === null,
    settlesOrder: ({ context, event }) =>
      event.type === 'payment.capture' && moneyHeld(context) + event.amount >= context.total,
    canReceive: ({ context, event }) =>
      event.type === 'payment.receive' && receiveRule(context, event) === null,
    canCollect: ({ context, event }) =>
      event.type === 'counter.collect' && collectRule(context, event) === null,
    canReserve: ({ context, event }) =>
      event.type === 'stock.reserve' && reserveRule(context, event) === null,
    canPack: ({ context, event }) => event.type === 'pack.start' && packRule(context, event) === null,
    canCompletePack: ({ context, event }) =>
      event.type === 'pack.complete' && packCompleteRule(context, event) === null,
    hasShippedSome: ({ context }) => context.unitsShipped > 0,
    canDispatch: ({ context, event }) =>
      event.type === 'ship.dispatch' && dispatchRule(context, event) === null,
    shipsEverythingLeft: ({ context, event }) =>
      event.type === 'ship.dispatch' && event.units >= unitsToShip(context),
    canCancel: ({ context, event }) => event.type === 'order.cancel' && cancelRule(context, event) === null,
    canRefund: ({ context, event }) => event.type === 'refund.issue' && refundRule(context, event) === null,
    refundsEverything: ({ context, event }) =>
      event.type === 'refund.issue' && event.amount >= moneyHeld(context),
    canReceiveReturn: ({ context, event }) =>
      event.type === 'return.receive' && returnRule(context, event) === null,
    canRelease: ({ context, event }) =>
      event.type === 'order.release' && releaseRule(context, event) === null,
    wasHeldFrom: ({ context }, params: { status: OrderStatus }) => context.heldFrom === params.status,
  },
  actions: {
    // Each action runs on one event only (its transition's), so assertEvent narrows it: a miswired
    // action throws rather than quietly changing nothing.
    addItem: assign(({ context, event }) => {
      assertEvent(event, 'cart.addItem');
      const { type: _type, ...item } = event;
      const existing = context.lines.some((line) => line.lineId === item.lineId);
      return {
        lines: existing
          ? context.lines.map((line) =>
              line.lineId === item.lineId ? { ...line, quantity: line.quantity + item.quantity } : line,
            )
          : [...context.lines, item],
      };
    }),
    setQuantity: assign(({ context, event }) => {
      assertEvent(event, 'cart.setQuantity');
      return {
        lines: context.lines.map((line) =>
          line.lineId === event.lineId ? { ...line, quantity: event.quantity } : line,
        ),
      };
    }),
    removeItem: assign(({ context, event }) => {
      assertEvent(event, 'cart.removeItem');
      return { lines: context.lines.filter((line) => line.lineId !== event.lineId) };
    }),
    setPrice: assign(({ context, event }) => {
      assertEvent(event, 'cart.setPrice');
      return {
        lines: context.lines.map((line) =>
          line.lineId === event.lineId ? { ...line, unitPrice: event.unitPrice } : line,
        ),
      };
    }),
    setDiscount: assign(({ context, event }) => {
      assertEvent(event, 'cart.setDiscount');
      return {
        lines: context.lines.map((line) => {
          if (line.lineId !== event.lineId) return line;
          const { discount: _old, ...rest } = line;
          return event.discount > 0 ? { ...rest, discount: event.discount } : rest;
        }),
      };
    }),
    setOrderDiscount: assign(({ event }) => {
      assertEvent(event, 'cart.setOrderDiscount');
      return { orderDiscount: event.discount > 0 ? event.discount : undefined };
    }),
    // The order discount goes with the lines it was given on.
    clearCart: assign({ lines: [], orderDiscount: undefined }),
    fixTotal: assign(({ event }) => {
      assertEvent(event, 'checkout.start');
      return { total: event.total };
    }),
    // Back in the cart the total is open again; checkout fixes it anew.
    reopenTotal: assign({ total: 0 }),
    capturePayment: assign(({ context, event }) => {
      assertEvent(event, 'payment.capture');
      const owed = (ON_ACCOUNT_METHODS as readonly string[]).includes(event.method);
      return {
        paid: context.paid + event.amount,
        paymentIds: [...context.paymentIds, event.paymentId],
        ...(owed ? { onAccount: (context.onAccount ?? 0) + event.amount } : {}),
      };
    }),
    // The money was counted as paid when it went on account; now it has arrived.
    receivePayment: assign(({ context, event }) => {
      assertEvent(event, 'payment.receive');
      return {
        onAccount: (context.onAccount ?? 0) - event.amount,
        paymentIds: [...context.paymentIds, event.paymentId],
      };
    }),
    // Handed over at the counter: every unit leaves with the customer (the ledger ships them).
    // Gift cards alone leave as codes on the receipt: handed over, with no shipment of goods.
    collectAtCounter: assign(({ context }) => {
      const units = unitsToShip(context);
      if (units === 0) return {};
      const shipment: Shipment = {
        carrier: 'Counter',
        noTrackingReason: 'Collected by the customer at the counter',
        units,
      };
      return { unitsShipped: context.unitsShipped + units, shipments: [...context.shipments, shipment] };
    }),
    reserveStock: assign({ reserved: true }),
    recordPacked: assign(({ event }) => {
      assertEvent(event, 'pack.complete');
      return { packed: { parcelId: event.parcelId, units: event.units } };
    }),
    // Put back in the queue (or shipped): the parcel no longer stands packed.
    forgetPacked: assign({ packed: undefined }),
    // A cancelled order holds no stock; the ledger's release movement follows this transition.
    releaseStock: assign({ reserved: false }),
    recordShipment: assign(({ context, event }) => {
      assertEvent(event, 'ship.dispatch');
      // Only the fields that were given, so the context survives a JSON round trip unchanged.
      const shipment: Shipment = { carrier: event.carrier, units: event.units };
      if (event.trackingNumber?.trim()) shipment.trackingNumber = event.trackingNumber.trim();
      if (event.noTrackingReason?.trim()) shipment.noTrackingReason = event.noTrackingReason.trim();
      return {
        unitsShipped: context.unitsShipped + event.units,
        shipments: [...context.shipments, shipment],
        packed: undefined,
      };
    }),
    rememberHold: assign((_, params: { from: OrderStatus }) => ({ heldFrom: params.from })),
    forgetHold: assign({ heldFrom: null }),
    recordRefund: assign(({ context, event }) => {
      assertEvent(event, 'refund.issue');
      return { refunded: context.refunded + event.amount, refundIds: [...context.refundIds, event.refundId] };
    }),
    recordReturn: assign(({ context, event }) => {
      assertEvent(event, 'return.receive');
      return { unitsReturned: context.unitsReturned + event.units };
    }),
  },
}).createMachine({
  id: 'order',
  initial: 'cart',
  context: emptyOrderContext,
  states: {
    cart: {
      on: {
        'cart.addItem': { guard: 'canAddItem', actions: 'addItem' },
        'cart.setQuantity': { guard: 'canSetQuantity', actions: 'setQuantity' },
        'cart.removeItem': { guard: 'canRemoveItem', actions: 'removeItem' },
        'cart.setPrice': { guard: 'canSetPrice', actions: 'setPrice' },
        'cart.setDiscount': { guard: 'canSetDiscount', actions: 'setDiscount' },
        'cart.setOrderDiscount': { guard: 'canSetOrderDiscount', actions: 'setOrderDiscount' },
        'cart.clear': { guard: 'canClearCart', actions: 'clearCart' },
        // A free order (total 0) has nothing to pay and goes straight to its receipt.
        'checkout.start': [
          { guard: and(['canCheckOut', 'isFreeOrder']), target: 'receipt', actions: 'fixTotal' },
          { guard: 'canCheckOut', target: 'payment', actions: 'fixTotal' },
        ],
        'order.hold': { target: 'on_hold', actions: { type: 'rememberHold', params: { from: 'cart' } } },
        'order.cancel': { guard: 'canCancel', target: 'cancelled' },
      },
    },
    payment: {
      on: {
        // Split payments: each capture adds to what is paid until the total is covered.
        'payment.capture': [
          { guard: and(['canCapture', 'settlesOrder']), target: 'receipt', actions: 'capturePayment' },
          { guard: 'canCapture', actions: 'capturePayment' },
        ],
        'checkout.back': { guard: 'canGoBackToCart', target: 'cart', actions: 'reopenTotal' },
        // A split payment abandoned halfway is paid back here, so the order can be cancelled.
        'refund.issue': { guard: 'canRefund', actions: 'recordRefund' },
        'order.hold': { target: 'on_hold', actions: { type: 'rememberHold', params: { from: 'payment' } } },
        'order.cancel': { guard: 'canCancel', target: 'cancelled' },
      },
    },
    receipt: {
      on: {
        'payment.receive': { guard: 'canReceive', actions: 'receivePayment' },
        'receipt.issue': { target: 'processing' },
        'refund.issue': { guard: 'canRefund', actions: 'recordRefund' },
        'order.hold': { target: 'on_hold', actions: { type: 'rememberHold', params: { from: 'receipt' } } },
        'order.cancel': { guard: 'canCancel', target: 'cancelled' },
      },
    },
    processing: {
      on: {
        'payment.receive': { guard: 'canReceive', actions: 'receivePayment' },
        'stock.reserve': { guard: 'canReserve', actions: 'reserveStock' },
        'counter.collect': { guard: 'canCollect', target: 'delivered', actions: 'collectAtCounter' },
        'pack.start': { guard: 'canPack', target: 'packaging' },
        'refund.issue': { guard: 'canRefund', actions: 'recordRefund' },
        'order.hold': {
          target: 'on_hold',
          actions: { type: 'rememberHold', params: { from: 'processing' } },
        },
        'order.cancel': { guard: 'canCancel', target: 'cancelled', actions: 'releaseStock' },
      },
    },
    packaging: {
      on: {
        'payment.receive': { guard: 'canReceive', actions: 'receivePayment' },
        // Packing the rest of a partly shipped order: putting it down returns to that status.
        // A packed parcel put back is unpacked: its items go back to be packed again.
        'pack.abandon': [
          { guard: 'hasShippedSome', target: 'partially_shipped', actions: 'forgetPacked' },
          { target: 'processing', actions: 'forgetPacked' },
        ],
        'pack.complete': { guard: 'canCompletePack', actions: 'recordPacked' },
        'ship.dispatch': [
          {
            guard: and(['canDispatch', 'shipsEverythingLeft']),
            target: 'shipped',
            actions: 'recordShipment',
          },
          { guard: 'canDispatch', target: 'partially_shipped', actions: 'recordShipment' },
        ],
        'order.hold': { target: 'on_hold', actions: { type: 'rememberHold', params: { from: 'packaging' } } },
      },
    },
    partially_shipped: {
      on: {
        'payment.receive': { guard: 'canReceive', actions: 'receivePayment' },
        'pack.start': { guard: 'canPack', target: 'packaging' },
        'ship.dispatch': [
          {
            guard: and(['canDispatch', 'shipsEverythingLeft']),
            target: 'shipped',
            actions: 'recordShipment',
          },
          { guard: 'canDispatch', actions: 'recordShipment' },
        ],
        'refund.issue': { guard: 'canRefund', actions: 'recordRefund' },
        'return.receive': { guard: 'canReceiveReturn', target: 'returned', actions: 'recordReturn' },
      },
    },
    shipped: {
      on: {
        'payment.receive': { guard: 'canReceive', actions: 'receivePayment' },
        'delivery.confirm': { target: 'delivered' },
        'refund.issue': { guard: 'canRefund', actions: 'recordRefund' },
        'return.receive': { guard: 'canReceiveReturn', target: 'returned', actions: 'recordReturn' },
      },
    },
    delivered: {
      on: {
        'payment.receive': { guard: 'canReceive', actions: 'receivePayment' },
        'refund.issue': { guard: 'canRefund', actions: 'recordRefund' },
        'return.receive': { guard: 'canReceiveReturn', target: 'returned', actions: 'recordReturn' },
      },
    },
    on_hold: {
      on: {
        'payment.receive': { guard: 'canReceive', actions: 'receivePayment' },
        'order.release': HOLDABLE_STATUSES.map((status) => ({
          guard: and(['canRelease', { type: 'wasHeldFrom', params: { status } }]),
          target: status,
          actions: 'forgetHold',
        })),
        'refund.issue': { guard: 'canRefund', actions: 'recordRefund' },
        'order.cancel': {
          guard: 'canCancel',
          target: 'cancelled',
          actions: [{ type: 'releaseStock' }, { type: 'forgetHold' }],
        },
      },
    },
    cancelled: {},
    returned: {
      on: {
        'payment.receive': { guard: 'canReceive', actions: 'receivePayment' },
        'return.receive': { guard: 'canReceiveReturn', actions: 'recordReturn' },
        // Once everything paid has gone back, the return is settled.
        'refund.issue': [
          { guard: and(['canRefund', 'refundsEverything']), target: 'refunded', actions: 'recordRefund' },
          { guard: 'canRefund', actions: 'recordRefund' },
        ],
      },
    },
    refunded: {},
  },
});

export function initialOrderState(): OrderState {
  return { status: 'cart', context: emptyOrderContext() };
}

export type Transition = { ok: true; state: OrderState } | { ok: false; reason: string };

function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const aKeys = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const bKeys = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  return (
    aKeys.length === bKeys.length &&
    aKeys.every((k) => sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
  );
}

const isStatus = (value: unknown): value is OrderStatus =>
  typeof value === 'string' && (ORDER_STATUSES as readonly string[]).includes(value);

/** Whether a state handles this type of event at all (guards aside). */
export function handlesEvent(status: OrderStatus, type: OrderMachineEvent['type']): boolean {
  return orderMachine.root.states[status]?.ownEvents.includes(type) ?? false;
}

function refusal(state: OrderState, event: OrderMachineEvent): string {
  const label = ORDER_STATUS_LABELS[state.status];
  if (!handlesEvent(state.status, event.type))
    return `“${event.type}” is not possible while the order is ${label}`;
  return refusalFor(state.context, event) ?? `“${event.type}” would change nothing on this order (${label})`;
}

/**
 * Judges one event against an order's current state without running anything: the next state,
 * or the reason the event is refused. The same answer on every desk and on the server.
 */
export function nextOrderState(state: OrderState, event: unknown): Transition {
  if (!isStatus(state.status))
    return { ok: false, reason: `“${String(state.status)}” is not an order status` };
  const parsed = parseOrderEvent(event);
  if (!parsed.ok) return parsed;
  const before = orderMachine.resolveState({ value: state.status, context: state.context });
  const after = getNextSnapshot(orderMachine, before, parsed.event);
  const status = after.value as OrderStatus;
  if (after === before || (status === state.status && sameJson(after.context, state.context))) {
    return { ok: false, reason: refusal(state, parsed.event) };
  }
  return { ok: true, state: { status, context: after.context } };
}

/** Replays an order's event log from the start; the order row is this fold of its events. */
export function foldOrderEvents(events: readonly unknown[]): Transition {
  let state = initialOrderState();
  for (const [index, event] of events.entries()) {
    const step = nextOrderState(state, event);
    if (!step.ok) return { ok: false, reason: `Event #${index + 1}: ${step.reason}` };
    state = step.state;
  }
  return { ok: true, state };
}
