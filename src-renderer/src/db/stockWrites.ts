// Recording stock movements: the ledger row, the cached level and the outbox entry together,
// so on-hand never disagrees with the ledger.
import { newId } from '$shared/ids';
import { StockMovementSchema, type StockMovement } from '$shared/records';
import { applyMovement } from '$shared/stockLevels';
import { ValidationError, parseRecord } from '$shared/validation';
import type { OrderlineDb } from './database';
import { outboxEntry } from './outbox';

export type MovementInput = Omit<StockMovement, 'id' | 'createdAt'> & { id?: string; createdAt?: string };

export function movementRow(input: MovementInput): StockMovement {
  return parseRecord(
    StockMovementSchema,
    { ...input, id: input.id ?? newId(), createdAt: input.createdAt ?? new Date().toISOString() },
    'The stock movement',
  );
}

/** Applies movements to the ledger and the level cache. Call inside a rw transaction that
 * includes stockMovements, stockLevels, variants and outbox (writeOrderChange does). `dependsOn`:
 * the outbox id of the order event they follow from, so the server refuses them if it refuses that. */
export async function applyMovements(
  db: OrderlineDb,
  movements: readonly StockMovement[],
  dependsOn?: string,
): Promise<void> {
  const now = new Date().toISOString();
  for (const movement of movements) {
    if (!(await db.variants.get(movement.variantId))) {
      throw new ValidationError('The stock movement', [
        `no product variant has the id ${movement.variantId}`,
      ]);
    }
    const level = (await db.stockLevels.get(movement.variantId)) ?? { onHand: 0, reserved: 0 };
    await db.stockLevels.put({
      variantId: movement.variantId,
      ...applyMovement(level, movement),
      updatedAt: now,
    });
  }
  await db.stockMovements.bulkAdd([...movements]);
  await db.outbox.bulkAdd(
    movements.map((m) => ({
      ...outboxEntry('stock.movement', 'stockMovements', m.id, m),
      ...(dependsOn ? { dependsOn } : {}),
    })),
  );
}

export async function recordStockMovement(db: OrderlineDb, input: MovementInput): Promise<StockMovement> {
  const movement = movementRow(input);
  await db.transaction('rw', [db.stockMovements, db.stockLevels, db.variants, db.outbox], () =>
    applyMovements(db, [movement]),
  );
  return movement;
}
