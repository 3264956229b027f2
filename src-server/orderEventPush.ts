// A pushed order event, judged against the order as the server holds it with the same machine the
// desks run: the first valid event wins, and a later one that no longer fits is refused with why.
import { applyOrderEvent, type OrderDetails } from '../src-shared/orderRow';
import { OrderEventSchema, OrderSchema, type Order } from '../src-shared/records';
import type { PushMutation } from '../src-shared/syncProtocol';
import { safeParseRecord } from '../src-shared/validation';
import type { ChangeLogWriter } from './changeLog';
import type { Sql } from './db';
import type { Device } from './deviceAuth';
import { APPLIED, duplicate, rejected, type MutationOutcome } from './mutationOutcome';

/** Events whose stock effect depends on the order's state when they happen. */
const STOCK_EVENTS = new Set(['stock.reserve', 'order.cancel', 'ship.dispatch', 'return.receive']);

// Says who got there first, so the person whose change lost knows where to look.
async function lastChangedAt(tx: Sql, storeId: string, orderId: string, deskId: string): Promise<string> {
  const [last] = await tx.query<{ desk: string | null; status: string | null }>(
    `SELECT data->>'deskId' AS desk, data->>'to' AS status FROM order_events
      WHERE store_id = $1 AND order_id = $2 ORDER BY seq DESC LIMIT 1`,
    [storeId, orderId],
  );
  return last?.desk && last.desk !== deskId ? ` (last changed at desk ${last.desk})` : '';
}

/**
 * Logs the server's order again after one of its events was refused. The desk that sent the event
 * still shows the order with it, and may have skipped the server's order in a pull while the event
 * waited to be sent; this puts it right at its next pull.
 */
export async function relogOrder(tx: Sql, storeId: string, orderId: unknown, log: ChangeLogWriter) {
  if (typeof orderId !== 'string') return;
  const [row] = await tx.query<{ data: Order }>('SELECT data FROM orders WHERE store_id = $1 AND id = $2', [
    storeId,
    orderId,
  ]);
  if (row) await log.append('orders', orderId, row.data);
}

export async function applyOrderEventPush(
  tx: Sql,
  device: Device,
  mutation: PushMutation,
  log: ChangeLogWriter,
): Promise<MutationOutcome> {
  const parsed = safeParseRecord(OrderEventSchema, mutation.payload);
  if (!parsed.ok) return rejected(`The order change was not saved: ${parsed.issues.join('; ')}`);
  const pushed = parsed.value;
  if (pushed.id !== mutation.recordId) {
    return rejected(`The change names event ${mutation.recordId} but carries event ${pushed.id}`);
  }
  const [seen] = await tx.query('SELECT 1 FROM order_events WHERE store_id = $1 AND id = $2', [
    device.storeId,
    pushed.id,
  ]);
  if (seen) return duplicate('This order change is already on the server');
  const [row] = await tx.query<{ data: Order }>(
    'SELECT data FROM orders WHERE store_id = $1 AND id = $2 FOR UPDATE',
    [device.storeId, pushed.orderId],
  );
  if (!row) {
    return rejected(
      `The order this change belongs to (${pushed.orderId}) is not on the server; its creation was refused or not sent`,
    );
  }
  const order = row.data;
  const who = {
    deskId: pushed.deskId,
    ...(pushed.staffId ? { staffId: pushed.staffId } : {}),
    ...(pushed.staffName ? { staffName: pushed.staffName } : {}),
  };
  const change = { event: pushed.event, details: pushed.details as OrderDetails | undefined, at: pushed.at };
  const applied = applyOrderEvent(order, change, who);
  // The desk worked out the stock this event moves from the order as it saw it (its movements
  // follow as changes of their own). Against a newer order the same event can move other stock
  // (a cancellation of an order reserved meanwhile), so it stands only if the desk saw the latest.
  const stale = pushed.seq !== order.version + 1;
  const movesStock = applied.ok && (applied.movements.length > 0 || STOCK_EVENTS.has(pushed.event.type));
  if (!applied.ok || (stale && movesStock)) {
    const where = await lastChangedAt(tx, device.storeId, order.id, pushed.deskId);
    await relogOrder(tx, device.storeId, order.id, log);
    const reason = applied.ok
      ? `it changed at another desk before this change arrived, so the stock it moves would not add up; open the order again and repeat it`
      : applied.reason;
    return rejected(`Order ${order.number}: ${reason}${where}`);
  }
  // The desk's event id is kept, so the desk recognises its own event when it pulls it back;
  // its seq is the server's, which is the order the events really happened in.
  const nextOrder = safeParseRecord(OrderSchema, applied.order);
  const event = safeParseRecord(OrderEventSchema, { ...applied.event, id: pushed.id });
  if (!nextOrder.ok) return rejected(`Order ${order.number} was not saved: ${nextOrder.issues.join('; ')}`);
  if (!event.ok) return rejected(`Order ${order.number}'s change was not saved: ${event.issues.join('; ')}`);
  const seq = log.nextSeq;
  await tx.query(
    'UPDATE orders SET data = $3::jsonb, status = $4, version = $5, updated_seq = $6 WHERE store_id = $1 AND id = $2',
    [
      device.storeId,
      order.id,
      JSON.stringify(nextOrder.value),
      nextOrder.value.status,
      nextOrder.value.version,
      seq,
    ],
  );
  await tx.query(
    `INSERT INTO order_events (store_id, id, order_id, seq, device_id, data)
     VALUES ($1, $2, $3, $4, $5, $6::jsonb)`,
    [device.storeId, event.value.id, order.id, event.value.seq, device.id, JSON.stringify(event.value)],
  );
  await log.append('orders', order.id, nextOrder.value);
  await log.append('orderEvents', event.value.id, event.value);
  return APPLIED;
}
