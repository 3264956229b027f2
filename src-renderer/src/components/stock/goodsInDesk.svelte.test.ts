// Goods-in without the DOM: a delivery with no supplier or no item is refused with a sentence (and the
// supplier asked for); each scan adds one, or the quantity typed before it for that scan only; a
// misread barcode or a bad typed number changes nothing; booking in raises on-hand, keeps the supplier
// for the next delivery and sends focus back to it.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { withCheckDigit } from '$shared/barcodes';
import { OrderlineDb } from '$db/database';
import { stockedMug } from '$db/testFixtures';
import type { StockStep } from '../../screens/stockTabs.svelte';
import { GoodsInDesk } from './goodsInDesk.svelte';

const who = { deskId: 'D1', staffName: 'Mo Manager' };
const MUG = withCheckDigit('400638133393');
let db: OrderlineDb;
let steps: StockStep[];
let tones: string[];
let desk: GoodsInDesk;
beforeEach(() => {
  db = new OrderlineDb(`test-${crypto.randomUUID()}`);
  steps = [];
  tones = [];
  desk = new GoodsInDesk(
    db,
    () => who,
    (step) => steps.push(step),
    (kind) => tones.push(kind),
  );
});
afterEach(async () => {
  desk.recent.stop();
  await db.delete();
});

const onHand = async (variantId: string) => (await db.stockLevels.get(variantId))?.onHand;

describe('goods-in', () => {
  it('refuses a delivery with no supplier, then one with no item, writing nothing', async () => {
    await desk.book();
    expect(desk.feedback.current).toMatchObject({
      kind: 'error',
      message: 'Type the supplier the delivery came from before booking it in',
    });
    expect(steps).toEqual(['supplier-needed']);
    desk.supplier = '  ';
    await desk.book();
    expect(steps).toEqual(['supplier-needed', 'supplier-needed']);
    desk.supplier = 'Acme Ceramics';
    await desk.book();
    expect(desk.feedback.current.message).toBe('Scan at least one item of the delivery before booking it in');
    expect(steps).toHaveLength(2);
    expect(tones).toEqual(['error', 'error', 'error']);
    expect(await db.deliveries.count()).toBe(0);
  });

  it('adds one a scan, or the quantity typed for that scan only; a misread or unknown code adds nothing', async () => {
    const { variant } = await stockedMug(db, 3);
    await desk.scan(MUG);
    expect(desk.feedback.current).toMatchObject({
      kind: 'ok',
      message: '+1 MUG-BLUE Blue Mug (1 in this delivery)',
    });
    desk.quantityText = '12';
    await desk.scan(MUG);
    expect(desk.quantityText).toBe('');
    expect(desk.feedback.current.message).toBe('+12 MUG-BLUE Blue Mug (13 in this delivery)');
    await desk.scan(MUG);
    expect(desk.units).toBe(14);

    await desk.scan('4006381333932'); // one digit misread: the check digit no longer matches
    expect(desk.feedback.current.kind).toBe('error');
    await desk.scan('NO-SUCH-SKU');
    expect(desk.feedback.current.message).toBe(
      '“NO-SUCH-SKU” is not a barcode or SKU in the catalog; check the label or add the product first',
    );
    desk.quantityText = 'lots';
    await desk.scan(MUG);
    expect(desk.feedback.current.message).toBe(
      '“lots” is not a whole number of items; type the quantity again, then scan',
    );
    expect(desk.lines).toEqual([expect.objectContaining({ variantId: variant.id, quantity: 14 })]);
  });

  it('takes units typed on a line, puts a refused number back, and removes a line', async () => {
    const { variant } = await stockedMug(db, 3);
    await desk.scan(MUG);
    expect(desk.typedQuantity(variant.id, '-4')).toBe('1');
    expect(desk.feedback.current.message).toBe('The number of items cannot be negative');
    expect(desk.typedQuantity(variant.id, '6')).toBeNull();
    expect(desk.units).toBe(6);
    desk.remove(variant.id);
    expect(desk.lines).toEqual([]);
  });

  it('books the delivery in: on-hand raised, the supplier kept for the next one, focus back on it', async () => {
    const { variant } = await stockedMug(db, 3);
    desk.supplier = 'Acme Ceramics';
    desk.reference = 'PO-118';
    desk.quantityText = '12';
    await desk.scan(MUG);
    await desk.book();
    expect(desk.feedback.current).toMatchObject({
      kind: 'ok',
      message: 'Booked in 12 units from Acme Ceramics (PO-118); on-hand is raised',
    });
    expect(await onHand(variant.id)).toBe(15);
    expect(steps).toEqual(['delivery-booked']);
    expect(desk.lines).toEqual([]);
    expect(desk.reference).toBe('');
    expect(desk.supplier).toBe('Acme Ceramics');
    expect(desk.busy).toBe(false);
    await vi.waitFor(() => expect(desk.recent.value?.map((d) => d.supplier)).toEqual(['Acme Ceramics']));

    await desk.scan(MUG);
    await desk.book();
    expect(desk.feedback.current.message).toBe('Booked in 1 unit from Acme Ceramics; on-hand is raised');
    expect(await onHand(variant.id)).toBe(16);
  });
});
