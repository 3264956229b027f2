// A cycle count without the DOM: only a bin label starts a count, and only a bin with items in it;
// items are scanned (or typed) into the open bin, one of another bin refused; a count with items in
// it is not dropped for another bin; confirming turns each difference into an adjustment, cancelling
// changes nothing, and both send focus back to the next bin.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withCheckDigit } from '$shared/barcodes';
import { OrderlineDb } from '$db/database';
import { stockedCap, stockedMug } from '$db/testFixtures';
import type { StockStep } from '../../screens/stockTabs.svelte';
import { CycleCounter } from './cycleCounter.svelte';

const who = { deskId: 'D1', staffName: 'Mo Manager' };
const MUG = withCheckDigit('400638133393'); // bin A-01-1
const CAP = withCheckDigit('590123412345');
let db: OrderlineDb;
let steps: StockStep[];
let count: CycleCounter;
beforeEach(() => {
  db = new OrderlineDb(`test-${crypto.randomUUID()}`);
  steps = [];
  count = new CycleCounter(
    db,
    () => who,
    (step) => steps.push(step),
    () => undefined,
  );
});
afterEach(async () => {
  await db.delete();
});

const onHand = async (variantId: string) => (await db.stockLevels.get(variantId))?.onHand;

describe('cycle count', () => {
  it('starts only at a bin with items in it, and refuses an item before any bin', async () => {
    await stockedMug(db, 5);
    await count.scan(MUG);
    expect(count.feedback.current.message).toBe('Scan the bin label first, then the items in it');
    await count.start('shelf');
    expect(count.feedback.current.message).toBe(
      '“shelf” is not a bin; bins look like A-03-2 (aisle, bay, shelf)',
    );
    await count.start('z-9-9');
    expect(count.feedback.current.message).toBe(
      'No item in the catalog lives in bin Z-09-9; check the label',
    );
    expect(count.bin).toBeNull();
    expect(steps).toEqual([]);

    count.binText = 'a-1-1';
    await count.scan('a-1-1');
    expect(count.bin).toBe('A-01-1');
    expect(count.binText).toBe('');
    expect(count.feedback.current).toMatchObject({
      kind: 'ok',
      message: 'Counting bin A-01-1: scan every item in it',
    });
    expect(steps).toEqual(['count-started']);
    expect(count.rows).toMatchObject([{ item: { sku: 'MUG-BLUE', onHand: 5 }, counted: 0, difference: -5 }]);
    await count.start('A-01-1');
    expect(count.feedback.current).toMatchObject({
      kind: 'idle',
      message: 'Still counting bin A-01-1: scan its items, or cancel the count to start again',
    });
  });

  it('counts scans into the open bin, refuses another bin’s item, and keeps a count with items in it', async () => {
    await stockedMug(db, 5);
    const cap = await stockedCap(db, 'B-02-1', 2);
    await count.start('A-01-1');
    await count.scan(MUG);
    count.quantityText = '3';
    await count.scan(MUG);
    expect(count.feedback.current.message).toBe('MUG-BLUE counted: 4');
    expect(count.quantityText).toBe('');
    expect(count.unitsCounted).toBe(4);
    await count.scan(CAP);
    expect(count.feedback.current.message).toBe(
      'CAP-RED belongs in bin B-02-1, not A-01-1: it is not counted here; put it back in B-02-1',
    );
    await count.start('B-02-1');
    expect(count.feedback.current.message).toBe(
      'Bin A-01-1 is being counted: confirm or cancel that count before starting B-02-1',
    );
    expect(count.bin).toBe('A-01-1');
    expect(count.differences).toMatchObject([{ sku: 'MUG-BLUE', expected: 5, counted: 4, difference: -1 }]);

    count.cancel();
    expect(count.bin).toBeNull();
    expect(count.counted).toEqual([]);
    expect(count.feedback.current.message).toBe('Count cancelled; nothing changed. Scan the next bin label');
    expect(steps).toEqual(['count-started', 'count-closed']);
    expect(await onHand(cap.id)).toBe(2);
    expect(await db.stockMovements.filter((m) => m.kind === 'adjust').count()).toBe(0);
  });

  it('takes a typed count, puts a refused one back, and confirms each difference as an adjustment', async () => {
    const { variant } = await stockedMug(db, 5);
    await count.start('A-01-1');
    const [row] = count.rows;
    expect(count.typedCount(row!.item, 'four')).toBe('0');
    expect(count.feedback.current.message).toBe('“four” is not a whole number of items');
    expect(count.typedCount(row!.item, '4')).toBeNull();
    expect(count.typedCount(row!.item, '6')).toBeNull();
    expect(count.rows).toMatchObject([{ counted: 6, difference: 1 }]);

    await count.confirm();
    expect(count.feedback.current).toMatchObject({
      kind: 'ok',
      message: 'Bin A-01-1 counted: MUG-BLUE found 1 more, adjusted by +1',
    });
    expect(await onHand(variant.id)).toBe(6);
    expect(count.bin).toBeNull();
    expect(steps).toEqual(['count-started', 'count-closed']);

    await count.start('A-01-1');
    await count.scan(MUG);
    count.typedCount(count.rows[0]!.item, '6');
    await count.confirm();
    expect(count.feedback.current.message).toBe('Bin A-01-1 counted: everything as expected');
    expect(await onHand(variant.id)).toBe(6);
  });
});
