// Goods-in and adjustments: a booked delivery raises on-hand with a delivery row, ledger rows and an
// audit entry together; any failure leaves none of them; an adjustment needs its reason.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { withCheckDigit } from '$shared/barcodes';
import { newId } from '$shared/ids';
import { ValidationError } from '$shared/validation';
import { OrderlineDb } from './database';
import { bookDelivery, recentDeliveries } from './goodsIn';
import { adjustStock } from './stockAdjust';
import { findItem } from './stockItems';
import { stockedMug } from './testFixtures';

let db: OrderlineDb;
beforeEach(() => {
  db = new OrderlineDb(`test-${crypto.randomUUID()}`);
});
afterEach(async () => {
  vi.restoreAllMocks();
  await db.delete();
});

const who = { deskId: 'D1', staffName: 'Mo Manager' };
const onHand = async (variantId: string) => (await db.stockLevels.get(variantId))?.onHand;

async function snapshot() {
  return {
    deliveries: await db.deliveries.count(),
    movements: await db.stockMovements.count(),
    outbox: await db.outbox.count(),
    audit: await db.auditLog.count(),
  };
}

describe('bookDelivery', () => {
  it('raises on-hand and writes the delivery, its receive movements and one audit entry', async () => {
    const { variant } = await stockedMug(db, 3);
    const delivery = await bookDelivery(db, who, {
      supplier: ' Acme Ceramics ',
      reference: 'PO-118',
      lines: [{ variantId: variant.id, sku: variant.sku, name: 'Blue Mug', bin: variant.bin, quantity: 12 }],
    });
    expect(await onHand(variant.id)).toBe(15);
    expect(delivery).toMatchObject({ supplier: 'Acme Ceramics', reference: 'PO-118', deskId: 'D1' });
    expect(await recentDeliveries(db)).toEqual([delivery]);
    const movements = await db.stockMovements.where('variantId').equals(variant.id).toArray();
    expect(movements.at(-1)).toMatchObject({
      kind: 'receive',
      quantity: 12,
      reason: 'Delivery from Acme Ceramics (PO-118)',
    });
    const [entry] = await db.auditLog.toArray();
    expect(entry).toMatchObject({
      kind: 'stock_receive',
      summary: 'Received 12 units of 1 item from Acme Ceramics (PO-118)',
    });
  });

  it('writes nothing when the supplier is missing', async () => {
    const { variant } = await stockedMug(db, 3);
    const before = await snapshot();
    await expect(
      bookDelivery(db, who, {
        supplier: ' ',
        lines: [{ variantId: variant.id, sku: variant.sku, name: 'Blue Mug', quantity: 1 }],
      }),
    ).rejects.toThrow('Supplier cannot be empty');
    expect(await snapshot()).toEqual(before);
  });

  it('writes nothing at all when one line names an item that is not in the catalog', async () => {
    const { variant } = await stockedMug(db, 3);
    const before = await snapshot();
    await expect(
      bookDelivery(db, who, {
        supplier: 'Acme',
        lines: [
          { variantId: variant.id, sku: variant.sku, name: 'Blue Mug', quantity: 4 },
          { variantId: newId(), sku: 'GONE', name: 'Gone', quantity: 1 },
        ],
      }),
    ).rejects.toThrow(ValidationError);
    expect(await snapshot()).toEqual(before);
    expect(await onHand(variant.id)).toBe(3);
  });

  it('rolls the delivery and stock back when the audit entry cannot be written', async () => {
    const { variant } = await stockedMug(db, 3);
    const before = await snapshot();
    vi.spyOn(db.auditLog, 'add').mockRejectedValueOnce(new Error('disk full'));
    await expect(
      bookDelivery(db, who, {
        supplier: 'Acme',
        lines: [{ variantId: variant.id, sku: variant.sku, name: 'Blue Mug', quantity: 4 }],
      }),
    ).rejects.toThrow('disk full');
    expect(await snapshot()).toEqual(before);
    expect(await onHand(variant.id)).toBe(3);
  });
});

describe('adjustStock', () => {
  it('takes units off with the reason and audits who did it', async () => {
    const { variant } = await stockedMug(db, 5);
    await adjustStock(db, who, {
      variantId: variant.id,
      sku: variant.sku,
      quantity: -2,
      reason: 'Dropped, broken',
    });
    expect(await onHand(variant.id)).toBe(3);
    const [entry] = await db.auditLog.toArray();
    expect(entry).toMatchObject({
      kind: 'stock_adjust',
      variantId: variant.id,
      summary: 'Adjusted MUG-BLUE by -2: Dropped, broken',
    });
  });

  it('refuses an adjustment without a reason and changes nothing', async () => {
    const { variant } = await stockedMug(db, 5);
    const before = await snapshot();
    await expect(
      adjustStock(db, who, { variantId: variant.id, sku: variant.sku, quantity: 1, reason: '  ' }),
    ).rejects.toThrow('is needed for a stock adjustment');
    expect(await snapshot()).toEqual(before);
  });
});

describe('findItem', () => {
  it('finds an item by barcode or SKU and says plainly when it cannot', async () => {
    const { variant } = await stockedMug(db, 5);
    expect(await findItem(db, variant.barcode)).toMatchObject({
      ok: true,
      item: { sku: 'MUG-BLUE', name: 'Blue Mug', onHand: 5 },
    });
    expect(await findItem(db, 'mug-blue')).toMatchObject({ ok: true, item: { variantId: variant.id } });
    const wrongCheck = variant.barcode.slice(0, 12) + String((Number(variant.barcode.at(-1)) + 1) % 10);
    expect(await findItem(db, wrongCheck)).toMatchObject({
      ok: false,
      message: expect.stringContaining('wrong check digit'),
    });
    expect(await findItem(db, withCheckDigit('590123412345'))).toMatchObject({
      ok: false,
      message: expect.stringContaining('No product in the catalog has the barcode'),
    });
  });
});
