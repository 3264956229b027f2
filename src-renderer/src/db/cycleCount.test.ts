// Cycle counts: a bin counted one short becomes one 'adjust' movement with the bin in its reason and
// an audit entry, together or not at all; a matching count changes no stock but is still logged.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { binContents, confirmCycleCount, stockByBin } from './cycleCount';
import { OrderlineDb } from './database';
import { recordStockMovement } from './stockWrites';
import { stockedCap, stockedMug } from './testFixtures';

let db: OrderlineDb;
beforeEach(() => {
  db = new OrderlineDb(`test-${crypto.randomUUID()}`);
});
afterEach(async () => {
  vi.restoreAllMocks();
  await db.delete();
});

const who = { deskId: 'D1', staffName: 'Mo Manager' };

describe('stock by bin', () => {
  it('lists each bin in walk order with its items named with their options', async () => {
    await stockedMug(db, 5); // A-01-1
    await stockedCap(db, 'A-01-10', 2);
    const bins = await stockByBin(db);
    expect(bins.map((b) => [b.bin, b.items.map((i) => `${i.name} ×${i.onHand}`)])).toEqual([
      ['A-01-1', ['Blue Mug ×5']],
      ['A-01-10', ['Cap — Red ×2']],
    ]);
  });
});

describe('confirmCycleCount', () => {
  it('turns one fewer found into an adjustment of -1 with reason "Cycle count BIN", audited', async () => {
    const { variant } = await stockedMug(db, 5);
    const [item] = await binContents(db, 'A-01-1');
    const result = await confirmCycleCount(db, who, 'A-01-1', [{ ...item!, quantity: 4 }]);
    expect(result.differences).toMatchObject([{ sku: 'MUG-BLUE', expected: 5, counted: 4, difference: -1 }]);
    expect((await db.stockLevels.get(variant.id))!.onHand).toBe(4);
    const adjust = await db.stockMovements.filter((m) => m.kind === 'adjust').toArray();
    expect(adjust).toMatchObject([{ variantId: variant.id, quantity: -1, reason: 'Cycle count A-01-1' }]);
    const [entry] = await db.auditLog.toArray();
    expect(entry).toMatchObject({
      kind: 'cycle_count',
      summary: 'Counted bin A-01-1, 4 units: MUG-BLUE found 1 fewer (5 → 4)',
    });
  });

  it('logs a count that matched without moving stock', async () => {
    const { variant } = await stockedMug(db, 5);
    const [item] = await binContents(db, 'A-01-1');
    const result = await confirmCycleCount(db, who, 'A-01-1', [{ ...item!, quantity: 5 }]);
    expect(result.differences).toEqual([]);
    expect(await db.stockMovements.where('variantId').equals(variant.id).count()).toBe(1);
    expect((await db.auditLog.toArray())[0]!.summary).toBe(
      'Counted bin A-01-1, 5 units: everything as expected',
    );
  });

  it('writes no adjustment when the audit entry fails', async () => {
    const { variant } = await stockedMug(db, 5);
    const [item] = await binContents(db, 'A-01-1');
    vi.spyOn(db.auditLog, 'add').mockRejectedValueOnce(new Error('disk full'));
    await expect(confirmCycleCount(db, who, 'A-01-1', [{ ...item!, quantity: 2 }])).rejects.toThrow(
      'disk full',
    );
    expect((await db.stockLevels.get(variant.id))!.onHand).toBe(5);
    expect(await db.stockMovements.count()).toBe(1);
    expect(await db.outbox.filter((e) => e.kind === 'stock.movement').count()).toBe(1);
  });

  it('compares with stock as it is when confirmed, not as it was when the count began', async () => {
    const { variant } = await stockedMug(db, 5);
    const [item] = await binContents(db, 'A-01-1');
    // A sale ships one while the bin is counted: the shelf now holds 4 and the count says 4.
    await recordStockMovement(db, {
      variantId: variant.id,
      kind: 'adjust',
      quantity: -1,
      reason: 'sold',
      deskId: 'D1',
    });
    const result = await confirmCycleCount(db, who, 'A-01-1', [{ ...item!, quantity: 4 }]);
    expect(result.differences).toEqual([]);
  });
});
