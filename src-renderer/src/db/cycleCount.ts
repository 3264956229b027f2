// Stock by bin and cycle counts: what the ledger says is in a bin, every bin in walk order, and a
// count confirmed as one transaction — an 'adjust' movement per difference plus one audit entry.
import type { Who } from '$shared/orderRow';
import {
  countDifferences,
  describeDifference,
  groupByBin,
  type BinStock,
  type CountDifference,
  type CountedLine,
} from '$shared/stockCounting';
import { recordAudit } from './auditLog';
import type { OrderlineDb } from './database';
import { describeVariants, type FoundItem } from './stockItems';
import { applyMovements, movementRow } from './stockWrites';

// Variants have no index on bin (schema v3): a bin is found by a scan of the variants table,
// which is quick at demo scale (a few thousand) and the place for an index at store scale.
export async function binContents(db: OrderlineDb, bin: string): Promise<FoundItem[]> {
  const variants = await db.variants.filter((v) => v.bin === bin).toArray();
  return (await describeVariants(db, variants)).sort((a, b) => (a.sku < b.sku ? -1 : 1));
}

/** Every bin with its items and on-hand, in walk order. */
export async function stockByBin(db: OrderlineDb): Promise<BinStock<FoundItem>[]> {
  return groupByBin(await describeVariants(db, await db.variants.toArray()));
}

export type CountResult = { bin: string; differences: CountDifference[] };

/**
 * Confirms a count of one bin. The expected figures are read again inside the transaction, so a
 * sale that moved stock while the bin was being counted is not undone by the count.
 */
export async function confirmCycleCount(
  db: OrderlineDb,
  who: Who,
  bin: string,
  counted: readonly CountedLine[],
): Promise<CountResult> {
  return db.transaction(
    'rw',
    [db.products, db.variants, db.stockLevels, db.stockMovements, db.outbox, db.auditLog],
    async () => {
      const expected = await binContents(db, bin);
      const differences = countDifferences(expected, counted);
      const at = new Date().toISOString();
      const movements = differences.map((d) =>
        movementRow({
          variantId: d.variantId,
          kind: 'adjust',
          quantity: d.difference,
          reason: `Cycle count ${bin}`,
          deskId: who.deskId,
          ...(who.staffId ? { staffId: who.staffId } : {}),
          createdAt: at,
        }),
      );
      if (movements.length) await applyMovements(db, movements);
      const units = counted.reduce((sum, line) => sum + line.quantity, 0);
      const found = differences.length
        ? differences
            .map((d) => `${d.sku} ${describeDifference(d.difference)} (${d.expected} → ${d.counted})`)
            .join('; ')
        : 'everything as expected';
      await recordAudit(db, {
        kind: 'cycle_count',
        ...who,
        at,
        summary: `Counted bin ${bin}, ${units} units: ${found}`.slice(0, 500),
      });
      return { bin, differences };
    },
  );
}
