// A stock figure on this desk is synced stock plus this desk's movements still waiting to be sent;
// once the server has taken them they count as synced.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OrderlineDb } from './database';
import { stockSourcesOf } from './pendingStock';
import { recordStockMovement } from './stockWrites';
import { stockedMug } from './testFixtures';

let db: OrderlineDb;
beforeEach(() => {
  db = new OrderlineDb(`test-${crypto.randomUUID()}`);
});
afterEach(async () => {
  await db.delete();
});

describe('stock sources', () => {
  it('counts unsent movements as this desk’s and sent ones as synced', async () => {
    const { variant } = await stockedMug(db, 10);
    await db.outbox.toCollection().modify({ state: 'applied' });
    await recordStockMovement(db, {
      variantId: variant.id,
      kind: 'adjust',
      quantity: -2,
      reason: 'Broken in the stockroom',
      deskId: 'D1',
    });

    const level = (await db.stockLevels.get(variant.id))!;
    const sources = await stockSourcesOf(db, new Map([[variant.id, level]]));
    expect(sources.get(variant.id)).toEqual({
      total: { onHand: 8, reserved: 0 },
      synced: { onHand: 10, reserved: 0 },
      pending: { onHand: -2, reserved: 0 },
    });

    await db.outbox.toCollection().modify({ state: 'applied' });
    const after = await stockSourcesOf(db, new Map([[variant.id, level]]));
    expect(after.get(variant.id)?.pending).toEqual({ onHand: 0, reserved: 0 });
  });
});
