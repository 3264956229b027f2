// A pushed stock movement: appended to the ledger. Movements only add, so movements from many
// desks commute and on-hand is the same whatever order they arrive in.
import { StockMovementSchema } from '../src-shared/records';
import type { PushMutation } from '../src-shared/syncProtocol';
import { safeParseRecord } from '../src-shared/validation';
import type { ChangeLogWriter } from './changeLog';
import type { Sql } from './db';
import type { Device } from './deviceAuth';
import { APPLIED, duplicate, rejected, type MutationOutcome } from './mutationOutcome';

export async function applyStockMovementPush(
  tx: Sql,
  device: Device,
  mutation: PushMutation,
  log: ChangeLogWriter,
): Promise<MutationOutcome> {
  const parsed = safeParseRecord(StockMovementSchema, mutation.payload);
  if (!parsed.ok) return rejected(`The stock movement was not saved: ${parsed.issues.join('; ')}`);
  const movement = parsed.value;
  if (movement.id !== mutation.recordId) {
    return rejected(`The change names movement ${mutation.recordId} but carries movement ${movement.id}`);
  }
  const [variant] = await tx.query(
    "SELECT 1 FROM records WHERE store_id = $1 AND table_name = 'variants' AND id = $2",
    [device.storeId, movement.variantId],
  );
  if (!variant) {
    return rejected(
      `The stock movement was not saved: no product variant has the id ${movement.variantId} in this store`,
    );
  }
  const inserted = await tx.query(
    `INSERT INTO stock_movements (store_id, id, variant_id, kind, quantity, device_id, data)
     VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb)
     ON CONFLICT (store_id, id) DO NOTHING RETURNING id`,
    [
      device.storeId,
      movement.id,
      movement.variantId,
      movement.kind,
      movement.quantity,
      device.id,
      JSON.stringify(movement),
    ],
  );
  if (!inserted.length) return duplicate('This stock movement is already on the server');
  await log.append('stockMovements', movement.id, movement);
  return APPLIED;
}
