// A pushed stock movement: appended to the ledger. Movements only add, so movements from many
// desks commute and on-hand is the same whatever order they arrive in.
import { unknownFields } from '../src-shared/inputLimits';
import { StockMovementSchema } from '../src-shared/records';
import type { PushMutation } from '../src-shared/syncProtocol';
import { safeParseRecord } from '../src-shared/validation';
import type { ChangeLogWriter } from './changeLog';
import { APPLIED, duplicate, rejected, type MutationOutcome } from './mutationOutcome';
import type { PushContext } from './pushContext';

export async function applyStockMovementPush(
  ctx: PushContext,
  mutation: PushMutation,
  log: ChangeLogWriter,
): Promise<MutationOutcome> {
  const { tx, device } = ctx;
  const parsed = safeParseRecord(StockMovementSchema, mutation.payload);
  if (!parsed.ok) return rejected(`The stock movement was not saved: ${parsed.issues.join('; ')}`);
  if (parsed.value.id !== mutation.recordId) {
    return rejected(`The change names movement ${mutation.recordId} but carries movement ${parsed.value.id}`);
  }
  const stray = unknownFields(mutation.payload, parsed.value);
  if (stray.length) {
    return rejected(`The stock movement was not saved: it has fields no movement has (${stray.join(', ')})`);
  }
  const deskRefusal = await ctx.deskRefusal(parsed.value.deskId, 'This stock movement');
  if (deskRefusal) return rejected(deskRefusal);
  if (parsed.value.staffId && !(await ctx.staff()).has(parsed.value.staffId)) {
    return rejected(
      `The stock movement was not saved: the person who made it (staff id ${parsed.value.staffId}) is not on this store's staff`,
    );
  }
  // The desk that sent it is the desk it came from, whatever the movement says.
  const movement = { ...parsed.value, deskId: device.id };
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
