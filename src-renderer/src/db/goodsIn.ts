// Goods-in: a supplier delivery booked in as one transaction — the delivery row, a 'receive'
// movement per item (ledger, level cache, outbox) and the audit entry — or nothing at all.
import { newId } from '$shared/ids';
import type { Who } from '$shared/orderRow';
import { DeliverySchema, type Delivery } from '$shared/records';
import type { CountedLine } from '$shared/stockCounting';
import { parseRecord } from '$shared/validation';
import { recordAudit } from './auditLog';
import type { OrderlineDb } from './database';
import { queueRecord } from './syncedWrites';
import { applyMovements, movementRow } from './stockWrites';

export type DeliveryInput = { supplier: string; reference?: string; lines: readonly CountedLine[] };

const plural = (n: number, one: string) => `${n.toLocaleString('en')} ${one}${n === 1 ? '' : 's'}`;

/** Books a delivery in; throws ValidationError (nothing written) when any part of it is wrong. */
export async function bookDelivery(db: OrderlineDb, who: Who, input: DeliveryInput): Promise<Delivery> {
  const receivedAt = new Date().toISOString();
  const reference = input.reference?.trim();
  const delivery = parseRecord(
    DeliverySchema,
    {
      id: newId(),
      supplier: input.supplier,
      ...(reference ? { reference } : {}),
      lines: input.lines.map((line) => ({
        variantId: line.variantId,
        sku: line.sku,
        name: line.name,
        quantity: line.quantity,
        ...(line.bin ? { bin: line.bin } : {}),
      })),
      ...who,
      receivedAt,
    },
    'The delivery',
  );
  const from = `${delivery.supplier}${delivery.reference ? ` (${delivery.reference})` : ''}`;
  const movements = delivery.lines.map((line) =>
    movementRow({
      variantId: line.variantId,
      kind: 'receive',
      quantity: line.quantity,
      reason: `Delivery from ${from}`.slice(0, 200),
      deskId: who.deskId,
      ...(who.staffId ? { staffId: who.staffId } : {}),
      createdAt: receivedAt,
    }),
  );
  const units = delivery.lines.reduce((sum, line) => sum + line.quantity, 0);
  await db.transaction(
    'rw',
    [db.deliveries, db.stockMovements, db.stockLevels, db.variants, db.outbox, db.auditLog],
    async () => {
      await db.deliveries.add(delivery);
      await queueRecord(db, 'deliveries', delivery);
      await applyMovements(db, movements);
      await recordAudit(db, {
        kind: 'stock_receive',
        ...who,
        at: receivedAt,
        summary:
          `Received ${plural(units, 'unit')} of ${plural(delivery.lines.length, 'item')} from ${from}`.slice(
            0,
            500,
          ),
      });
    },
  );
  return delivery;
}

/** Recent deliveries, newest first. */
export function recentDeliveries(db: OrderlineDb, limit = 10): Promise<Delivery[]> {
  return db.deliveries.orderBy('receivedAt').reverse().limit(limit).toArray();
}
