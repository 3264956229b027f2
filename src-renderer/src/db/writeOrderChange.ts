// The one way an order changes: the machine judges the event, then the order row, its event,
// the stock movements it implies and the outbox entries are written in ONE transaction.
// If anything fails halfway, IndexedDB rolls all of it back: nothing is half-written.
import { orderSequenceKey } from '$shared/deskNumbers';
import { newId, orderNumber } from '$shared/ids';
import {
  applyOrderEvent,
  orderSearchWords,
  type OrderDescription,
  type OrderDetails,
  type Who,
} from '$shared/orderRow';
import { OrderEventSchema, OrderSchema, type Order } from '$shared/records';
import { ValidationError, parseRecord } from '$shared/validation';
import { initialOrderState } from '$machines/orderMachine';
import type { OrderlineDb } from './database';
import { outboxEntry } from './outbox';
import { applyMovements, movementRow } from './stockWrites';

export type { OrderDetails, Who };

export type NewOrder = Pick<Order, 'channel' | 'currency'> & OrderDescription & { deskCode: string };

export class OrderRefused extends Error {
  constructor(orderNumber: string, reason: string) {
    super(`Order ${orderNumber}: ${reason}`);
    this.name = 'OrderRefused';
  }
}

/** The row of a new, empty cart (not stored). */
export function newOrderRow(input: Omit<NewOrder, 'deskCode'>, number: string, who: Who, now: string): Order {
  const initial = initialOrderState();
  return {
    ...input,
    id: newId(),
    number,
    deskId: who.deskId,
    status: initial.status,
    lines: [],
    totals: { subtotal: 0, discount: 0, shipping: 0, tax: 0, total: 0, paid: 0, refunded: 0 },
    payments: [],
    machine: initial.context as unknown as Record<string, unknown>,
    version: 0,
    searchWords: orderSearchWords({ number, customerName: input.customerName }),
    createdAt: now,
    updatedAt: now,
  };
}

/** Creates an empty cart with the desk's next order number. */
export async function createOrder(db: OrderlineDb, input: NewOrder, who: Who): Promise<Order> {
  const { deskCode, ...details } = input;
  return db.transaction('rw', [db.orders, db.settings, db.outbox], async () => {
    const sequenceRow = await db.settings.get(orderSequenceKey(deskCode));
    const sequence = (typeof sequenceRow?.value === 'number' ? sequenceRow.value : 0) + 1;
    const number = orderNumber(deskCode, sequence);
    const order = parseRecord(
      OrderSchema,
      newOrderRow(details, number, who, new Date().toISOString()),
      `Order ${number}`,
    );
    await db.settings.put({ key: orderSequenceKey(deskCode), value: sequence });
    await db.orders.add(order);
    await db.outbox.add(outboxEntry('record.put', 'orders', order.id, order));
    return order;
  });
}

/** The outbox id of this desk's last change to the order while it still waits to be sent. */
export async function pendingChangeOf(db: OrderlineDb, order: Order): Promise<string | undefined> {
  const last = await db.orderEvents.where('[orderId+seq]').equals([order.id, order.version]).first();
  const entry = last && (await db.outbox.where('recordId').equals(last.id).first());
  return entry?.state === 'pending' ? entry.id : undefined;
}

/** Every table writeOrderChange writes: a caller's transaction around it must include them all. */
export function orderChangeTables(db: OrderlineDb) {
  return [db.orders, db.orderEvents, db.outbox, db.stockMovements, db.stockLevels, db.variants];
}

export type OrderChange = {
  orderId: string;
  event: unknown;
  details?: OrderDetails;
  at?: string;
  /** The outbox entry this change follows instead of the order's previous one (a gift card debit
   * queued before the payment it pays for, itself following the order's previous change). */
  dependsOn?: string;
};

/**
 * Applies one event to one order. Throws OrderRefused (the machine said no) or ValidationError
 * (the result would not be a valid order); in both cases nothing was written.
 */
export async function writeOrderChange(db: OrderlineDb, change: OrderChange, who: Who): Promise<Order> {
  return db.transaction('rw', orderChangeTables(db), async () => {
    const order = await db.orders.get(change.orderId);
    if (!order) throw new ValidationError('The order change', [`no order has the id ${change.orderId}`]);
    const at = change.at ?? new Date().toISOString();
    const applied = applyOrderEvent(order, { event: change.event, details: change.details, at }, who);
    if (!applied.ok) throw new OrderRefused(order.number, applied.reason);
    const next = parseRecord(OrderSchema, applied.order, `Order ${order.number}`);
    const event = parseRecord(OrderEventSchema, applied.event, `Order ${order.number}'s event`);
    const movements = applied.movements.map((m) =>
      movementRow({
        ...m,
        orderId: order.id,
        deskId: who.deskId,
        ...(who.staffId ? { staffId: who.staffId } : {}),
        createdAt: at,
      }),
    );
    await db.orders.put(next);
    await db.orderEvents.add(event);
    // Built on this desk's previous change to the order: if the server refuses that one (another
    // bench's claim came first), this one is refused with it instead of applied on its own.
    const previous = change.dependsOn ?? (await pendingChangeOf(db, order));
    const queued = {
      ...outboxEntry('order.event', 'orderEvents', event.id, event),
      ...(previous ? { dependsOn: previous } : {}),
    };
    await db.outbox.add(queued);
    // A refused event (another desk got there first) must not move stock on its own.
    if (movements.length) await applyMovements(db, movements, queued.id);
    return next;
  });
}
