// Recording stock movements: an impossible movement never reaches the ledger, and a good one
// moves the ledger, the cached level and the outbox together.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withCheckDigit } from '$shared/barcodes';
import { newId } from '$shared/ids';
import { foldLedger } from '$shared/stockLevels';
import { ValidationError } from '$shared/validation';
import { saveProduct } from './catalogWrites';
import { OrderlineDb } from './database';
import { recordStockMovement, type MovementInput } from './stockWrites';

let db: OrderlineDb;
let variantId: string;
beforeEach(async () => {
  db = new OrderlineDb(`test-${crypto.randomUUID()}`);
  const product = await saveProduct(
    db,
    {
      name: 'Blue Mug',
      category: 'Kitchen',
      taxClass: 'standard',
      options: [],
      allowBackorder: false,
      active: true,
    },
    [
      {
        sku: 'MUG-BLUE',
        barcode: withCheckDigit('400638133393'),
        attributes: {},
        price: { amount: 1250, currency: 'GBP' },
        weightGrams: 350,
        bin: 'A-03-2',
      },
    ],
  );
  variantId = (await db.variants.where('productId').equals(product.id).first())!.id;
});
afterEach(async () => {
  await db.delete();
});

const receive = (quantity: number): MovementInput => ({ variantId, kind: 'receive', quantity, deskId: 'D1' });

async function counts() {
  return {
    movements: await db.stockMovements.count(),
    levels: await db.stockLevels.count(),
    outbox: await db.outbox.count(),
  };
}

async function expectRefused(input: MovementInput, message: string) {
  const before = await counts();
  const attempt = recordStockMovement(db, input);
  await expect(attempt).rejects.toThrow(ValidationError);
  await expect(attempt).rejects.toThrow(message);
  expect(await counts()).toEqual(before);
}

describe('recordStockMovement refuses impossible movements before they reach IndexedDB', () => {
  it('refuses a negative receipt (only an adjustment may take stock away)', async () => {
    await expectRefused(
      receive(-3),
      'The stock movement was not saved: Quantity cannot be negative except in an adjustment',
    );
  });

  it('refuses an adjustment without a reason', async () => {
    await expectRefused(
      { variantId, kind: 'adjust', quantity: -2, deskId: 'D1' },
      'Reason is needed for a stock adjustment',
    );
  });

  it('refuses an absurd quantity, zero, and fractions of a unit', async () => {
    await expectRefused(receive(1_000_000), 'Quantity above 100,000 units is not believable');
    await expectRefused(receive(0), 'Quantity cannot be zero');
    await expectRefused(receive(2.5), 'Quantity must be a whole number');
  });

  it('refuses a movement for a variant that does not exist, leaving the level cache alone', async () => {
    await recordStockMovement(db, receive(4));
    const ghost = newId();
    await expectRefused({ ...receive(4), variantId: ghost }, `no product variant has the id ${ghost}`);
    expect(await db.stockLevels.get(ghost)).toBeUndefined();
    expect(await db.stockLevels.get(variantId)).toMatchObject({ onHand: 4, reserved: 0 });
  });
});

describe('recordStockMovement stores good movements', () => {
  it('keeps the cached level equal to the fold of the ledger, with one outbox entry per movement', async () => {
    const outboxBefore = await db.outbox.count();
    const recorded = [
      await recordStockMovement(db, receive(12)),
      await recordStockMovement(db, { variantId, kind: 'reserve', quantity: 5, deskId: 'D1' }),
      await recordStockMovement(db, { variantId, kind: 'ship', quantity: 3, deskId: 'D1' }),
      await recordStockMovement(db, { variantId, kind: 'release', quantity: 2, deskId: 'D1' }),
      await recordStockMovement(db, {
        variantId,
        kind: 'adjust',
        quantity: -1,
        reason: 'Found one chipped at the count',
        deskId: 'D1',
      }),
    ];
    // 12 in, 3 out on the van, 1 written off; 5 reserved, 3 of them shipped, 2 released.
    expect(await db.stockLevels.get(variantId)).toMatchObject({ onHand: 8, reserved: 0 });
    const ledger = await db.stockMovements.where('variantId').equals(variantId).toArray();
    expect(ledger).toHaveLength(5);
    expect(foldLedger(ledger).get(variantId)).toEqual({ onHand: 8, reserved: 0 });

    const queued = (await db.outbox.toArray()).slice(outboxBefore);
    expect(queued.map((e) => [e.kind, e.recordId])).toEqual(recorded.map((m) => ['stock.movement', m.id]));
  });

  it('returns the stored movement with an id and a timestamp', async () => {
    const movement = await recordStockMovement(db, receive(3));
    expect(movement).toMatchObject({ variantId, kind: 'receive', quantity: 3, deskId: 'D1' });
    expect(await db.stockMovements.get(movement.id)).toEqual(movement);
    expect(Number.isNaN(Date.parse(movement.createdAt))).toBe(false);
  });
});
