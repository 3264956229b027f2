// A pushed order event, judged against the order as the server holds it with the same machine the
// desks run: the first valid event wins, and a later one that no longer fits is refused with why.
import { RefundIssue } from '../machines/orderEvents';
import { moneyHeld } from '../machines/orderMachine';
import { unknownFields } from '../src-shared/inputLimits';
import { applyOrderEvent, machineStateOf, type OrderDetails } from '../src-shared/orderRow';
import { OrderEventSchema, OrderSchema, type Order } from '../src-shared/records';
import type { PushMutation } from '../src-shared/syncProtocol';
import { safeParseRecord } from '../src-shared/validation';
import { unlistedPrice } from './catalogPrice';
import type { ChangeLogWriter } from './changeLog';
import { checkoutRefusal } from './checkoutRecompute';
import type { Sql } from './db';
import { APPLIED, duplicate, rejected, type MutationOutcome } from './mutationOutcome';
import type { PushContext } from './pushContext';
import { requestFeedback } from './feedbackRequests';
import { reverseReferrerReward, rewardReferrer } from './referralRecords';
import { takeBackGiftCards } from './giftCardRefunds';
import { eventStaffRefusal } from './staffChecks';

/** Events whose stock effect depends on the order's state when they happen. */
const STOCK_EVENTS = new Set(['stock.reserve', 'order.cancel', 'ship.dispatch', 'return.receive']);

// Says who got there first (by the desk code the server gave it), so the person whose change
// lost knows where to look.
async function lastChangedAt(tx: Sql, storeId: string, orderId: string, deviceId: string): Promise<string> {
  const [last] = await tx.query<{ device: string; desk: string | null }>(
    `SELECT e.device_id::text AS device, d.desk_code AS desk
       FROM order_events e LEFT JOIN devices d ON d.id = e.device_id
      WHERE e.store_id = $1 AND e.order_id = $2 ORDER BY e.seq DESC LIMIT 1`,
    [storeId, orderId],
  );
  return last?.desk && last.device !== deviceId ? ` (last changed at desk ${last.desk})` : '';
}

/**
 * Logs the server's order again after one of its events was refused. The desk that sent the event
 * still shows the order with it, and may have skipped the server's order in a pull while the event
 * waited to be sent; this puts it right at its next pull.
 */
export async function relogOrder(tx: Sql, storeId: string, orderId: unknown, log: ChangeLogWriter) {
  if (typeof orderId !== 'string') return;
  // Under the order's lock, so a change another push is writing to it is in the version read, and
  // logged after its last version (see ChangeLogWriter.after), which this one becomes.
  const [row] = await tx.query<{ data: Order; updated_seq: unknown }>(
    'SELECT data, updated_seq FROM orders WHERE store_id = $1 AND id = $2 FOR UPDATE',
    [storeId, orderId],
  );
  if (!row) return;
  await log.after(Number(row.updated_seq));
  const seq = await log.append('orders', orderId, row.data);
  await tx.query('UPDATE orders SET updated_seq = $3 WHERE store_id = $1 AND id = $2', [
    storeId,
    orderId,
    seq,
  ]);
}

export async function applyOrderEventPush(
  ctx: PushContext,
  mutation: PushMutation,
  log: ChangeLogWriter,
): Promise<MutationOutcome> {
  const { tx, device } = ctx;
  const parsed = safeParseRecord(OrderEventSchema, mutation.payload);
  if (!parsed.ok) return rejected(`The order change was not saved: ${parsed.issues.join('; ')}`);
  const pushed = parsed.value;
  if (pushed.id !== mutation.recordId) {
    return rejected(`The change names event ${mutation.recordId} but carries event ${pushed.id}`);
  }
  const stray = unknownFields(mutation.payload, pushed);
  if (stray.length) {
    return rejected(
      `The order change was not saved: it has fields no order change has (${stray.join(', ')})`,
    );
  }
  const deskRefusal = await ctx.deskRefusal(pushed.deskId, 'This order change');
  if (deskRefusal) return rejected(deskRefusal);
  // Only a checkout sets an order's totals (and they are recomputed). Totals on any other change are
  // a desk's own running figure (older desks and uploaded histories carry them): set aside, unread.
  if (pushed.details?.totals !== undefined && pushed.event.type !== 'checkout.start') {
    const { totals: _ignored, ...rest } = pushed.details;
    pushed.details = Object.keys(rest).length ? rest : undefined;
  }
  const [seen] = await tx.query('SELECT 1 FROM order_events WHERE store_id = $1 AND id = $2', [
    device.storeId,
    pushed.id,
  ]);
  if (seen) return duplicate('This order change is already on the server');
  const [row] = await tx.query<{ data: Order; updated_seq: unknown }>(
    'SELECT data, updated_seq FROM orders WHERE store_id = $1 AND id = $2 FOR UPDATE',
    [device.storeId, pushed.orderId],
  );
  if (!row) {
    return rejected(
      `The order this change belongs to (${pushed.orderId}) is not on the server; its creation was refused or not sent`,
    );
  }
  const order = row.data;
  // A price the catalogue does not give is a price override, whatever event carries it.
  const unlisted = await unlistedPrice(ctx, order, pushed);
  const staffRefusal = await eventStaffRefusal(
    ctx,
    pushed,
    moneyHeld(machineStateOf(order).context),
    unlisted ? 'price_override' : null,
  );
  if (staffRefusal) {
    const override = unlisted ? `${unlisted}, so it is a price override: ` : '';
    return rejected(`Order ${order.number}: ${override}${staffRefusal}`);
  }
  // Who did it is the server's to say: this device, and the name the store's staff list gives.
  const staffName = pushed.staffId ? (await ctx.staff()).get(pushed.staffId)?.name : undefined;
  const who = {
    deskId: device.id,
    ...(pushed.staffId ? { staffId: pushed.staffId } : {}),
    ...(staffName ? { staffName } : pushed.staffName ? { staffName: pushed.staffName } : {}),
    ...(pushed.approvedById ? { approvedById: pushed.approvedById } : {}),
  };
  const change = { event: pushed.event, details: pushed.details as OrderDetails | undefined, at: pushed.at };
  const applied = applyOrderEvent(order, change, who);
  // The desk worked out the stock this event moves from the order as it saw it (its movements
  // follow as changes of their own). Against a newer order the same event can move other stock
  // (a cancellation of an order reserved meanwhile), so it stands only if the desk saw the latest.
  const stale = pushed.seq !== order.version + 1;
  const movesStock = applied.ok && (applied.movements.length > 0 || STOCK_EVENTS.has(pushed.event.type));
  if (!applied.ok || (stale && movesStock)) {
    const where = await lastChangedAt(tx, device.storeId, order.id, device.id);
    await relogOrder(tx, device.storeId, order.id, log);
    const reason = applied.ok
      ? `it changed at another desk before this change arrived, so the stock it moves would not add up; open the order again and repeat it`
      : applied.reason;
    return rejected(`Order ${order.number}: ${reason}${where}`);
  }
  if (applied.ok && pushed.event.type === 'checkout.start') {
    const refusal = await checkoutRefusal(tx, device.storeId, applied.order, pushed);
    if (refusal) {
      await relogOrder(tx, device.storeId, order.id, log);
      return rejected(`Order ${order.number}: ${refusal}`);
    }
  }
  // The desk's event id is kept, so the desk recognises its own event when it pulls it back;
  // its seq is the server's, which is the order the events really happened in.
  const nextOrder = safeParseRecord(OrderSchema, applied.order);
  const event = safeParseRecord(OrderEventSchema, { ...applied.event, id: pushed.id });
  if (!nextOrder.ok) return rejected(`Order ${order.number} was not saved: ${nextOrder.issues.join('; ')}`);
  if (!event.ok) return rejected(`Order ${order.number}'s change was not saved: ${event.issues.join('; ')}`);
  // Logged after the version it changed, whichever push took its seqs first.
  await log.after(Number(row.updated_seq));
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
  await rewardReferrer(tx, device.storeId, device.id, order, nextOrder.value, log);
  const issued = RefundIssue.safeParse(pushed.event);
  if (issued.success) {
    // What the refund takes back: the value of gift cards the order sold that it reaches into, and
    // the referrer's reward once a referred first order is refunded in full.
    const refund = issued.data;
    await takeBackGiftCards(tx, device.storeId, device.id, order, refund, log);
    await reverseReferrerReward(tx, device.storeId, device.id, order, nextOrder.value, refund.refundId, log);
  }
  await requestFeedback(tx, device, order, nextOrder.value, ctx.options.feedbackLink);
  return APPLIED;
}
