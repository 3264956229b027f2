// A stock adjustment by hand: one 'adjust' movement with its reason and the audit entry saying who
// changed what, written together or not at all.
import type { Who } from '$shared/orderRow';
import type { StockMovement } from '$shared/records';
import { recordAudit } from './auditLog';
import type { OrderlineDb } from './database';
import { applyMovements, movementRow } from './stockWrites';

/** Adds (positive) or takes off (negative) units; throws ValidationError without writing when refused. */
export async function adjustStock(
  db: OrderlineDb,
  who: Who,
  change: { variantId: string; sku: string; quantity: number; reason: string },
): Promise<StockMovement> {
  const movement = movementRow({
    variantId: change.variantId,
    kind: 'adjust',
    quantity: change.quantity,
    reason: change.reason.trim(),
    deskId: who.deskId,
    ...(who.staffId ? { staffId: who.staffId } : {}),
  });
  await db.transaction(
    'rw',
    [db.stockMovements, db.stockLevels, db.variants, db.outbox, db.auditLog],
    async () => {
      await applyMovements(db, [movement]);
      const signed = movement.quantity > 0 ? `+${movement.quantity}` : String(movement.quantity);
      await recordAudit(db, {
        kind: 'stock_adjust',
        ...who,
        variantId: movement.variantId,
        at: movement.createdAt,
        summary: `Adjusted ${change.sku} by ${signed}: ${movement.reason ?? ''}`.slice(0, 500),
      });
    },
  );
  return movement;
}
