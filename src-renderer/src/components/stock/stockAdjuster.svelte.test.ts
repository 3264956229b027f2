// An adjustment without the DOM: nothing is adjusted before an item is found, nor without a whole
// number or a reason (what was typed is kept); a found item's on-hand is followed live and the
// adjustment moves it, with the reason, and clears the form for the next one.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { withCheckDigit } from '$shared/barcodes';
import { OrderlineDb } from '$db/database';
import { stockedMug } from '$db/testFixtures';
import { StockAdjuster } from './stockAdjuster.svelte';

const who = { deskId: 'D1', staffName: 'Mo Manager' };
const MUG = withCheckDigit('400638133393');
let db: OrderlineDb;
let adjust: StockAdjuster;
beforeEach(() => {
  db = new OrderlineDb(`test-${crypto.randomUUID()}`);
  adjust = new StockAdjuster(
    db,
    () => who,
    () => undefined,
  );
});
afterEach(async () => {
  adjust.level.stop();
  await db.delete();
});

describe('stock adjustment', () => {
  it('refuses before an item is found, and an unknown code finds none', async () => {
    await adjust.submit();
    expect(adjust.feedback.current.message).toBe('Find the item first: scan it, or type its barcode or SKU');
    expect(await adjust.scan('MUG-GREEN')).toBe(false);
    expect(adjust.feedback.current.kind).toBe('error');
    expect(adjust.item).toBeNull();
  });

  it('needs a whole number and a reason, then adjusts on-hand and clears the form', async () => {
    const { variant } = await stockedMug(db, 5);
    adjust.codeText = 'mug-blue';
    expect(await adjust.scan(adjust.codeText)).toBe(true);
    expect(adjust.codeText).toBe('');
    expect(adjust.feedback.current.message).toBe('MUG-BLUE Blue Mug: type the change, then the reason');
    adjust.follow();
    await vi.waitFor(() => expect(adjust.level.value).toBe(5));

    adjust.changeText = 'two';
    await adjust.submit();
    expect(adjust.feedback.current.message).toBe(
      '“two” is not a whole number of items; type e.g. -2 to take two off or 5 to add five',
    );
    adjust.changeText = '-2';
    await adjust.submit();
    expect(adjust.feedback.current.message).toBe('Say why the stock changes (e.g. damaged in the stockroom)');
    expect(adjust.changeText).toBe('-2');
    expect(await db.stockMovements.filter((m) => m.kind === 'adjust').count()).toBe(0);

    adjust.reason = ' Dropped in the stockroom ';
    await adjust.submit();
    expect(adjust.feedback.current).toMatchObject({
      kind: 'ok',
      message: 'MUG-BLUE adjusted by -2: Dropped in the stockroom',
    });
    expect([adjust.changeText, adjust.reason]).toEqual(['', '']);
    await vi.waitFor(() => expect(adjust.level.value).toBe(3));
    expect(await db.stockMovements.filter((m) => m.kind === 'adjust').toArray()).toMatchObject([
      { variantId: variant.id, quantity: -2, reason: 'Dropped in the stockroom' },
    ]);

    await adjust.scan(MUG);
    adjust.changeText = '+4';
    adjust.reason = 'Found behind the shelf';
    await adjust.submit();
    expect(adjust.feedback.current.message).toBe('MUG-BLUE adjusted by +4: Found behind the shelf');
    expect((await db.stockLevels.get(variant.id))!.onHand).toBe(7);
  });
});
