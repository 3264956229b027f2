// A cart saved as a quote is numbered per desk and replaces the cart; a quote is found by number
// or customer; converting keeps the quoted prices, reports price changes, and happens once.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newId } from '$shared/ids';
import type { Order } from '$shared/records';
import { OrderlineDb } from './database';
import { QuoteRefused, convertQuoteToOrder, findQuotes, renewExpiredQuote, saveQuote } from './quoteWrites';
import { stockedMug } from './testFixtures';
import { createOrder, writeOrderChange } from './writeOrderChange';

let db: OrderlineDb;
beforeEach(() => {
  db = new OrderlineDb(`test-${crypto.randomUUID()}`);
});
afterEach(async () => {
  await db.delete();
});

const who = { deskId: 'D1', staffName: 'Seller' };
const acme = { id: newId(), name: 'Acme Trading Ltd' };
const created = new Date('2026-05-15T10:00:00Z');

/** An open cart of `quantity` Blue Mugs at £12.50. */
async function mugCart(quantity = 3): Promise<Order> {
  const { product, variant } = await stockedMug(db);
  const order = await createOrder(db, { deskCode: 'D1', channel: 'phone', currency: 'GBP' }, who);
  return writeOrderChange(
    db,
    {
      orderId: order.id,
      event: {
        type: 'cart.addItem',
        lineId: newId(),
        variantId: variant.id,
        sku: variant.sku,
        name: product.name,
        quantity,
        unitPrice: variant.price.amount,
        taxClass: product.taxClass,
      },
    },
    who,
  );
}

describe('quote writes', () => {
  it('saves a cart as a numbered quote for its customer and cancels the cart', async () => {
    const cart = await mugCart();
    const quote = await saveQuote(
      db,
      { deskCode: 'D1', order: cart, customer: acme, validDays: 30, now: created },
      who,
    );
    expect(quote).toMatchObject({
      number: 'Q1-000001',
      customerId: acme.id,
      customerName: 'Acme Trading Ltd',
      validUntil: '2026-06-14',
      currency: 'GBP',
    });
    expect(quote.lines).toHaveLength(1);
    expect(quote.lines[0]).toMatchObject({ sku: 'MUG-BLUE', quantity: 3, category: 'Kitchen' });
    expect((await db.orders.get(cart.id))?.status).toBe('cancelled');

    const second = await saveQuote(
      db,
      { deskCode: 'D1', order: await mugCart(), customer: acme, validDays: 7, now: created },
      who,
    );
    expect(second.number).toBe('Q1-000002');
    expect(second.validUntil).toBe('2026-05-22');
  });

  it('refuses a quote without a customer or without lines, and changes nothing', async () => {
    const empty = await createOrder(db, { deskCode: 'D1', channel: 'phone', currency: 'GBP' }, who);
    await expect(
      saveQuote(db, { deskCode: 'D1', order: empty, customer: acme, validDays: 30 }, who),
    ).rejects.toThrow(/at least one item/);
    const cart = await mugCart();
    await expect(
      saveQuote(db, { deskCode: 'D1', order: cart, customer: undefined, validDays: 30 }, who),
    ).rejects.toThrow(QuoteRefused);
    await expect(
      saveQuote(db, { deskCode: 'D1', order: cart, customer: acme, validDays: 400 }, who),
    ).rejects.toThrow(/0 to 366 days/);
    expect(await db.quotes.count()).toBe(0);
    expect((await db.orders.get(cart.id))?.status).toBe('cart');
    expect(await db.settings.get('quoteSequence:D1')).toBeUndefined();
  });

  it('finds quotes by number, by sequence alone and by customer name, newest first', async () => {
    const first = await saveQuote(
      db,
      { deskCode: 'D1', order: await mugCart(), customer: acme, validDays: 30, now: created },
      who,
    );
    const later = new Date(created.getTime() + 60_000);
    const second = await saveQuote(
      db,
      {
        deskCode: 'D1',
        order: await mugCart(),
        customer: { id: newId(), name: 'Brightside Cafe' },
        validDays: 30,
        now: later,
      },
      who,
    );
    expect((await findQuotes(db)).map((q) => q.number)).toEqual([second.number, first.number]);
    expect((await findQuotes(db, 'q1-000001')).map((q) => q.id)).toEqual([first.id]);
    expect((await findQuotes(db, '2')).map((q) => q.id)).toEqual([second.id]);
    expect((await findQuotes(db, 'acme')).map((q) => q.id)).toEqual([first.id]);
    expect(await findQuotes(db, 'nobody')).toEqual([]);
  });

  it('converts an open quote to a cart at the quoted prices, once, naming prices that changed', async () => {
    const cart = await mugCart(4);
    const quote = await saveQuote(
      db,
      { deskCode: 'D1', order: cart, customer: acme, validDays: 30, now: created },
      who,
    );
    // The catalog price rises after the quote was given.
    const variant = (await db.variants.where('sku').equals('MUG-BLUE').first())!;
    await db.variants.put({ ...variant, price: { amount: 14_00, currency: 'GBP' } });

    const soon = new Date('2026-05-20T09:00:00Z');
    const converted = await convertQuoteToOrder(
      db,
      quote.id,
      { deskCode: 'D1', channel: 'phone', now: soon },
      who,
    );
    expect(converted.order).toMatchObject({ status: 'cart', customerId: acme.id, customerName: acme.name });
    expect(converted.order.lines.map((l) => [l.sku, l.quantity, l.unitPrice.amount])).toEqual([
      ['MUG-BLUE', 4, 12_50],
    ]);
    expect(converted.order.totals.subtotal).toBe(50_00);
    expect(converted.priceChanges).toEqual([
      expect.objectContaining({ sku: 'MUG-BLUE', quoted: { amount: 12_50, currency: 'GBP' } }),
    ]);
    expect(converted.message).toMatch(/1 price differs from today's catalog and is held as quoted/);
    expect((await db.quotes.get(quote.id))?.convertedOrderId).toBe(converted.order.id);

    await expect(
      convertQuoteToOrder(db, quote.id, { deskCode: 'D1', channel: 'phone', now: soon }, who),
    ).rejects.toThrow(/already been turned into an order/);
  });

  it('refuses to convert an expired quote and creates no order', async () => {
    const quote = await saveQuote(
      db,
      { deskCode: 'D1', order: await mugCart(), customer: acme, validDays: 30, now: created },
      who,
    );
    const orders = await db.orders.count();
    const late = new Date('2026-06-15T09:00:00Z');
    await expect(
      convertQuoteToOrder(db, quote.id, { deskCode: 'D1', channel: 'phone', now: late }, who),
    ).rejects.toThrow(/expired on 14 June 2026.*renew it at today's prices/);
    expect(await db.orders.count()).toBe(orders);
    expect((await db.quotes.get(quote.id))?.convertedOrderId).toBeUndefined();
  });

  it('renews an expired quote as a new quote at today’s prices, keeping the expired one', async () => {
    const quote = await saveQuote(
      db,
      { deskCode: 'D1', order: await mugCart(2), customer: acme, validDays: 30, now: created },
      who,
    );
    const variant = (await db.variants.where('sku').equals('MUG-BLUE').first())!;
    await db.variants.put({ ...variant, price: { amount: 13_00, currency: 'GBP' } });
    const soon = new Date('2026-05-20T09:00:00Z');
    await expect(
      renewExpiredQuote(db, quote.id, { deskCode: 'D1', validDays: 30, now: soon }),
    ).rejects.toThrow(/nothing to renew yet/);

    const late = new Date('2026-07-01T09:00:00Z');
    const renewed = await renewExpiredQuote(db, quote.id, { deskCode: 'D1', validDays: 30, now: late });
    expect(renewed.quote).toMatchObject({
      number: 'Q1-000002',
      customerId: acme.id,
      validUntil: '2026-07-31',
    });
    expect(renewed.quote.lines.map((l) => [l.quantity, l.unitPrice.amount])).toEqual([[2, 13_00]]);
    expect(renewed.message).toMatch(
      /^Quote Q1-000002 replaces Q1-000001\. Renewed until 31 July 2026; new prices: Blue Mug £12\.50 → £13\.00$/,
    );
    expect((await db.quotes.get(quote.id))?.lines[0]?.unitPrice.amount).toBe(12_50);
    // The renewed quote converts at its own (today's) prices.
    const converted = await convertQuoteToOrder(
      db,
      renewed.quote.id,
      { deskCode: 'D1', channel: 'phone', now: late },
      who,
    );
    expect(converted.order.lines[0]?.unitPrice.amount).toBe(13_00);
  });
});
