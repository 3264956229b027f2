// Finishing a sale is one write: the receipt and the stock reservation go together, so a failure
// (or a crash, see tests/e2e/crash.spec.ts) never hands the packers an order with no stock held.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { money } from '$shared/money';
import { OrderlineDb } from '$db/database';
import { stockedMug } from '$db/testFixtures';
import {
  DEFAULT_DESK,
  addVariant,
  checkout,
  emptyDraft,
  finishSale,
  priceSale,
  startSale,
  takePayment,
} from './sale';

let db: OrderlineDb;
beforeEach(() => {
  db = new OrderlineDb(`test-${crypto.randomUUID()}`);
});
afterEach(async () => {
  await db.delete();
});

const desk = DEFAULT_DESK;

// A phone order collected later goes to the packers (a counter sale collected now is handed over).
async function paidSale() {
  const { product, variant } = await stockedMug(db, 10);
  const cart = await addVariant(db, desk, await startSale(db, desk, 'phone'), product, variant, 2);
  const paying = await checkout(db, desk, cart, emptyDraft(), await priceSale(db, cart, emptyDraft()));
  const paid = await takePayment(db, desk, paying, { method: 'cash', amount: money(2500, 'GBP') });
  return { paid, variant };
}

describe('finishing a sale', () => {
  it('issues the receipt and reserves the stock together', async () => {
    const { paid, variant } = await paidSale();
    const done = await finishSale(db, desk, paid, 'receipt80mm');
    expect(done.status).toBe('processing');
    expect((await db.stockLevels.get(variant.id))?.reserved).toBe(2);
    const events = await db.orderEvents.where('orderId').equals(paid.id).sortBy('seq');
    expect(events.slice(-2).map((e) => e.event.type)).toEqual(['receipt.issue', 'stock.reserve']);
  });

  it('keeps the order at its receipt, with nothing written, when the stock cannot be reserved', async () => {
    const { paid, variant } = await paidSale();
    const eventsBefore = await db.orderEvents.count();
    const outboxBefore = await db.outbox.count();
    // The variant went from the catalog after the payment: its stock cannot be reserved.
    await db.variants.delete(variant.id);
    await expect(finishSale(db, desk, paid, 'receipt80mm')).rejects.toThrow(/no product variant/);
    expect((await db.orders.get(paid.id))?.status).toBe('receipt');
    expect(await db.orderEvents.count()).toBe(eventsBefore);
    expect(await db.outbox.count()).toBe(outboxBefore);
  });
});
