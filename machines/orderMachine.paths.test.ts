import { adjacencyMapToArray, getAdjacencyMap, getShortestPaths } from '@xstate/graph';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { getNextSnapshot, type SnapshotFrom } from 'xstate';
import { ORDER_STATUSES, type OrderStatus } from '../src-shared/orderStatus';
import { amountDue, moneyHeld, unitsToShip } from './orderContext';
import { ORDER_EVENT_TYPES, type OrderEventType, type OrderMachineEvent } from './orderEvents';
import {
  foldOrderEvents,
  handlesEvent,
  initialOrderState,
  nextOrderState,
  orderMachine,
  unitsOrdered,
  type OrderMachineContext,
  type OrderState,
} from './orderMachine';
import { sample } from './orderSampleEvents';

type OrderSnapshot = SnapshotFrom<typeof orderMachine>;

// A few representative payloads per state, worked out from the context so the graph stays small
// but still takes every branch: part and full payments, part and full shipments, refunds, returns.
function representativeEvents(snapshot: OrderSnapshot): OrderMachineEvent[] {
  const context = snapshot.context;
  const has = (line: number) => context.lines.some((l) => l.lineId === sample.addItem(line).lineId);
  const nextPayment = context.paymentIds.length + 1;
  const nextRefund = context.refundIds.length + 1;
  const due = amountDue(context);
  const held = moneyHeld(context);
  const left = unitsToShip(context);
  const returnable = context.unitsShipped - context.unitsReturned;
  const cartTotal = context.lines.reduce((sum, line) => sum + line.quantity * line.unitPrice, 0);
  const events: OrderMachineEvent[] = [
    sample.receipt(),
    sample.reserve(),
    sample.pack(),
    sample.abandonPacking(),
    sample.deliver(),
    sample.hold(),
    sample.release(),
    sample.cancel(),
    sample.checkout(0),
    sample.back(),
  ];
  if (!has(1)) events.push(sample.addItem(1, 2));
  // Line 1 at one unit is a side branch (change the quantity, and back), so it does not double
  // every state after checkout.
  const short = context.lines[0]?.quantity === 1;
  // A price override is a side branch of that side branch: tried on one unit, and undone.
  const overridden = context.lines[0]?.unitPrice === 800;
  if (has(1) && !overridden) events.push(sample.setQuantity(1, short ? 2 : 1));
  if (short) events.push(sample.setPrice(1, overridden ? 1000 : 800));
  // A discount likewise: given on one unit at the plain price, and taken away again.
  if (short && !overridden) events.push(sample.setDiscount(1, context.lines[0]?.discount ? 0 : 100));
  if (short && !overridden && !context.lines[0]?.discount)
    events.push(sample.setOrderDiscount(context.orderDiscount ? 0 : 50));
  if (has(1) && !has(2) && !short) events.push(sample.addItem(2, 1));
  if (context.lines.length) events.push(sample.clear(), sample.removeItem(2));
  if (cartTotal > 0 && !short) events.push(sample.checkout(cartTotal));
  if (due > 0) events.push(sample.capture(nextPayment, due));
  // On account (an invoice) only as a whole first payment, paid later in one go: a side branch.
  // Both are tried on the plain one-line order only, so they do not double the whole graph.
  const plain = context.lines.length === 1 && cartTotal === 2000 && !context.lines[0]?.discount;
  if (plain && due > 0 && context.paid === 0) events.push(sample.captureOnAccount(nextPayment, due));
  const owed = context.onAccount ?? 0;
  if (owed > 0 && context.refunded === 0) events.push(sample.receive(nextPayment, owed));
  if (plain && context.reserved && context.unitsShipped === 0 && context.paymentIds.length === 1 && !owed)
    events.push(sample.collect());
  if (due > 1 && context.paid === 0) events.push(sample.capture(nextPayment, Math.floor(due / 2)));
  if (held > 0) events.push(sample.refund(nextRefund, held));
  // Part refunds and untracked shipments each double what follows, so they are tried where they matter.
  if (held > 1 && context.refunded === 0 && snapshot.value === 'returned') {
    events.push(sample.refund(nextRefund, Math.floor(held / 2)));
  }
  if (left > 0)
    events.push(context.unitsShipped > 0 ? sample.dispatchUntracked(left) : sample.dispatch(left));
  if (left > 1) events.push(sample.dispatch(1));
  // Packing is one side branch (on a plain, fully paid order), so it does not double the graph.
  const paidOnce = context.refunded === 0 && context.paymentIds.length === 1 && !context.orderDiscount;
  if (left > 0 && !context.packed && context.unitsShipped === 0 && paidOnce && context.lines.length === 2)
    events.push(sample.packed(left));
  if (returnable > 0) events.push(sample.returnUnits(returnable));
  if (returnable > 1) events.push(sample.returnUnits(1));
  return events;
}

const paths = getShortestPaths(orderMachine, { events: representativeEvents });
const edges = adjacencyMapToArray(getAdjacencyMap(orderMachine, { events: representativeEvents }));

const stateOf = (snapshot: OrderSnapshot): OrderState => ({
  status: snapshot.value as OrderStatus,
  context: snapshot.context,
});
// The graph's steps start with the machine's own start event, which is not an order event.
const orderEventsOf = (path: (typeof paths)[number]) =>
  path.steps.map((step) => step.event).filter((event) => !event.type.startsWith('xstate.'));

// One valid payload of every type, to knock on every state's door.
const ONE_OF_EACH: Record<OrderEventType, OrderMachineEvent> = {
  'cart.addItem': sample.addItem(3),
  'cart.setQuantity': sample.setQuantity(1, 4),
  'cart.removeItem': sample.removeItem(1),
  'cart.setPrice': sample.setPrice(1, 900),
  'cart.setDiscount': sample.setDiscount(1, 100),
  'cart.setOrderDiscount': sample.setOrderDiscount(100),
  'cart.clear': sample.clear(),
  'checkout.start': sample.checkout(1000),
  'checkout.back': sample.back(),
  'payment.capture': sample.capture(9, 1),
  'payment.receive': sample.receive(9, 1),
  'counter.collect': sample.collect(),
  'receipt.issue': sample.receipt(),
  'stock.reserve': sample.reserve(),
  'pack.start': sample.pack(),
  'pack.abandon': sample.abandonPacking(),
  'pack.complete': sample.packed(1),
  'ship.dispatch': sample.dispatch(1),
  'delivery.confirm': sample.deliver(),
  'order.hold': sample.hold(),
  'order.release': sample.release(),
  'order.cancel': sample.cancel(),
  'refund.issue': sample.refund(9, 1),
  'return.receive': sample.returnUnits(1),
};

function expectSound(context: OrderMachineContext) {
  expect(context.refunded).toBeLessThanOrEqual(context.paid);
  expect(moneyHeld(context)).toBeLessThanOrEqual(context.total);
  expect(context.unitsShipped).toBeLessThanOrEqual(unitsOrdered(context));
  expect(context.unitsReturned).toBeLessThanOrEqual(context.unitsShipped);
  expect(context.shipments.reduce((sum, s) => sum + s.units, 0)).toBe(context.unitsShipped);
  expect(new Set(context.paymentIds).size).toBe(context.paymentIds.length);
  expect(new Set(context.refundIds).size).toBe(context.refundIds.length);
  for (const shipment of context.shipments) {
    expect(Boolean(shipment.trackingNumber) || Boolean(shipment.noTrackingReason)).toBe(true);
  }
}

// The graph is walked whole in each test: on a busy machine that takes longer than the default timeout.
describe('order machine, walked as a graph', { timeout: 120_000 }, () => {
  it('reaches every order status', () => {
    const reached = new Set(paths.map((path) => path.state.value));
    expect([...reached].sort()).toEqual([...ORDER_STATUSES].sort());
  });

  it('agrees with the machine on every edge of the graph: a change is accepted as is, no change is refused', () => {
    for (const edge of edges) {
      const step = nextOrderState(stateOf(edge.state), edge.event);
      const changed = JSON.stringify(stateOf(edge.nextState)) !== JSON.stringify(stateOf(edge.state));
      expect(step).toEqual(
        changed ? { ok: true, state: stateOf(edge.nextState) } : { ok: false, reason: expect.any(String) },
      );
    }
  });

  it('takes, somewhere in the graph, every event type each status handles', () => {
    const taken = new Set(
      edges
        .filter((edge) => nextOrderState(stateOf(edge.state), edge.event).ok)
        .map((edge) => `${String(edge.state.value)} ${edge.event.type}`),
    );
    const handled = ORDER_STATUSES.flatMap((status) =>
      ORDER_EVENT_TYPES.filter((type) => handlesEvent(status, type)).map((type) => `${status} ${type}`),
    );
    expect(handled.filter((pair) => !taken.has(pair))).toEqual([]);
  });

  it('refuses, in every reachable state, every event type that state does not take', () => {
    let refusals = 0;
    for (const path of paths) {
      const state = stateOf(path.state);
      for (const type of ORDER_EVENT_TYPES.filter((t) => !handlesEvent(state.status, t))) {
        const event = ONE_OF_EACH[type];
        const snapshot = getNextSnapshot(orderMachine, path.state, event);
        expect(snapshot.value).toBe(state.status);
        expect(snapshot.context).toEqual(state.context);
        const step = nextOrderState(state, event);
        expect(step.ok, `${type} in ${state.status}`).toBe(false);
        if (!step.ok) expect(step.reason).toMatch(/^“[a-z.A-Z]+” is not possible while the order is [A-Z]/);
        refusals++;
      }
    }
    expect(refusals).toBeGreaterThan(paths.length);
  });

  it('folds every generated path to the state the graph reached, one step at a time or all at once', () => {
    for (const path of paths) {
      const events = orderEventsOf(path);
      let state = initialOrderState();
      for (const event of events) {
        const step = nextOrderState(state, event);
        expect(step.ok, JSON.stringify(event)).toBe(true);
        if (step.ok) state = step.state;
      }
      expect(state).toEqual(stateOf(path.state));
      expect(foldOrderEvents(events)).toEqual({ ok: true, state });
      expectSound(state.context);
    }
  });

  it('keeps events and states the same through JSON, as the log, the outbox and the order row store them', () => {
    for (const path of paths) {
      const events = orderEventsOf(path);
      expect(JSON.parse(JSON.stringify(events))).toEqual(events);
      const state = stateOf(path.state);
      expect(JSON.parse(JSON.stringify(state))).toEqual(state);
      expect(foldOrderEvents(JSON.parse(JSON.stringify(events)) as unknown[])).toEqual({ ok: true, state });
    }
  });
});

// Any mix of events, legal or not: refusals change nothing, and money and units always add up.
const anyEvent: fc.Arbitrary<OrderMachineEvent> = fc.oneof(
  fc
    .tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 5 }))
    .map(([l, q]) => sample.addItem(l, q, 250)),
  fc
    .tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 5 }))
    .map(([l, q]) => sample.setQuantity(l, q)),
  fc.integer({ min: 1, max: 3 }).map(sample.removeItem),
  fc.constant(sample.clear()),
  fc.integer({ min: 0, max: 3000 }).map(sample.checkout),
  fc.constant(sample.back()),
  fc
    .tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 3000 }))
    .map(([p, a]) => sample.capture(p, a)),
  fc.constant(sample.receipt()),
  fc.constant(sample.reserve()),
  fc.constant(sample.pack()),
  fc.constant(sample.abandonPacking()),
  fc.integer({ min: 1, max: 6 }).map((u) => sample.dispatch(u)),
  fc.integer({ min: 1, max: 6 }).map((u) => ({ type: 'ship.dispatch' as const, carrier: 'UPS', units: u })),
  fc.constant(sample.deliver()),
  fc.constant(sample.hold()),
  fc.constant(sample.release()),
  fc.constant(sample.cancel()),
  fc
    .tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 3000 }))
    .map(([r, a]) => sample.refund(r, a)),
  fc.integer({ min: 1, max: 6 }).map(sample.returnUnits),
);

describe('order machine, driven by random events', () => {
  it('never lets money or units go wrong, and refusals leave the order untouched', () => {
    fc.assert(
      fc.property(fc.array(anyEvent, { maxLength: 40 }), (events) => {
        let state = initialOrderState();
        const accepted: OrderMachineEvent[] = [];
        for (const event of events) {
          const step = nextOrderState(state, event);
          if (step.ok) {
            state = step.state;
            accepted.push(event);
            expectSound(state.context);
          } else {
            expect(step.reason.length).toBeGreaterThan(10);
          }
        }
        expect(foldOrderEvents(accepted)).toEqual({ ok: true, state });
        expect(JSON.parse(JSON.stringify(state))).toEqual(state);
      }),
      { numRuns: 300 },
    );
  });
});
