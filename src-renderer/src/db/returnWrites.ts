// Receiving a return: the order's `return.receive` event, the stock it moves (restocked items back
// on the shelf, written-off ones not), the return record and the audit entry, in ONE transaction.
import { newId } from '$shared/ids';
import { applyOrderEvent, type Who } from '$shared/orderRow';
import { ReturnSchema, type Order, type ReturnRecord } from '$shared/records';
import {
  refundForReturn,
  returnCorrections,
  returnProblem,
  returnableLines,
  type PickedReturn,
  type ReturnableLine,
} from '$shared/returns';
import { parseRecord } from '$shared/validation';
import { recordAudit } from './auditLog';
import type { OrderlineDb } from './database';
import { queueRecord } from './syncedWrites';
import { applyMovements, movementRow } from './stockWrites';
import { OrderRefused, orderChangeTables, writeOrderChange } from './writeOrderChange';

/** A return that cannot be received, with the sentence to show; nothing was written. */
export class ReturnRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReturnRefused';
  }
}

export function returnsOf(db: OrderlineDb, orderId: string): Promise<ReturnRecord[]> {
  return db.returns.where('orderId').equals(orderId).sortBy('createdAt');
}

/** What of this order may still come back, line by line. */
export async function returnableOf(db: OrderlineDb, order: Order): Promise<ReturnableLine[]> {
  return returnableLines(order, await returnsOf(db, order.id));
}

export type ReceivedReturn = { order: Order; record: ReturnRecord; proposedRefund: number };

export async function receiveReturn(
  db: OrderlineDb,
  who: Who,
  orderId: string,
  picked: readonly PickedReturn[],
  reason: string,
): Promise<ReceivedReturn> {
  return db.transaction('rw', [...orderChangeTables(db), db.returns, db.auditLog], async () => {
    const order = await db.orders.get(orderId);
    if (!order) throw new ReturnRefused('That order is no longer on this desk; scan its barcode again');
    // Judged again inside the transaction: another return booked meanwhile counts.
    const returnable = await returnableOf(db, order);
    const wanted = picked.filter((p) => p.quantity > 0);
    const problem = returnProblem(returnable, wanted, reason);
    if (problem) throw new ReturnRefused(problem);
    const why = reason.trim();
    const at = new Date().toISOString();
    const units = wanted.reduce((sum, p) => sum + p.quantity, 0);
    const event = { type: 'return.receive', units };
    const preview = applyOrderEvent(order, { event, at }, who);
    if (!preview.ok) throw new OrderRefused(order.number, preview.reason);
    const next = await writeOrderChange(db, { orderId, event, at }, who);
    const corrections = returnCorrections(preview.movements, wanted, order.number, why).map((c) =>
      movementRow({
        ...c,
        orderId,
        deskId: who.deskId,
        ...(who.staffId ? { staffId: who.staffId } : {}),
        createdAt: at,
      }),
    );
    if (corrections.length) await applyMovements(db, corrections);
    const record = parseRecord(
      ReturnSchema,
      {
        id: newId(),
        orderId,
        orderNumber: order.number,
        lines: wanted.map((p) => {
          const line = returnable.find((l) => l.variantId === p.variantId)!;
          return {
            variantId: p.variantId,
            sku: line.sku,
            name: line.name,
            quantity: p.quantity,
            disposition: p.disposition,
          };
        }),
        reason: why,
        ...who,
        createdAt: at,
      },
      `The return of order ${order.number}`,
    );
    await db.returns.add(record);
    await queueRecord(db, 'returns', record);
    const described = record.lines
      .map((l) => `${l.quantity} × ${l.sku} ${l.disposition === 'restock' ? 'restocked' : 'written off'}`)
      .join(', ');
    await recordAudit(db, {
      kind: 'return',
      ...who,
      at,
      orderId,
      orderNumber: order.number,
      summary: `Return of ${order.number}: ${described}; ${why}`.slice(0, 500),
    });
    const held = Math.max(0, next.totals.paid - next.totals.refunded);
    return { order: next, record, proposedRefund: refundForReturn(returnable, wanted, held) };
  });
}
