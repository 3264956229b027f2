// The Sell screen's actions against a real (fake-indexeddb) store: the customer travels with the
// order's events, checkout prices shipping, promo and tax from the shared rules and records them
// with checkout.start, and the receipt can find the shipping method's dates again.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newId } from '$shared/ids';
import { money } from '$shared/money';
import type { Address, Order, Product, Variant } from '$shared/records';
import { OrderlineDb } from '$db/database';
import {
  COLLECT,
  DEFAULT_DESK,
  addVariant,
  atTheTill,
  backToCart,
  checkout,
  discardCart,
  emptyDraft,
  finishSale,
  openSales,
  receivePayment,
  pendingCustomerDetails,
  priceSale,
  setQuantity,
  shippingQuoteOf,
  startSale,
  storePromos,
  takePayment,
  type SaleDraft,
} from './sale';
import { stockedMug } from '$db/testFixtures';
import { PROMOS_KEY } from '$shared/storeRules';

let db: OrderlineDb;
beforeEach(() => {
  db = new OrderlineDb(`test-${crypto.randomUUID()}`);
});
afterEach(async () => {
  await db.delete();
});

const desk = DEFAULT_DESK;
// A Monday in June: SPRING5 (below) ran out in May.
const NOW = new Date('2026-06-15T10:00:00Z');

const berlin: Address = {
  id: newId(),
  kind: 'shipping',
  name: 'Bianka Steinecke',
  line1: 'Wilhelm-Busch-Str. 9',
  city: 'Berlin',
  postalCode: '10115',
  country: 'DE',
};
const customer = { id: newId(), name: 'Bianka Steinecke', acquisitionSource: 'word_of_mouth' as const };

const promos = [
  {
    id: newId(),
    code: 'WELCOME10',
    kind: 'percent',
    percent: 10,
    minSpend: { amount: 2000, currency: 'GBP' },
    oncePerCustomer: false,
    active: true,
  },
  {
    id: newId(),
    code: 'SPRING5',
    kind: 'fixed',
    amount: { amount: 500, currency: 'GBP' },
    expiresOn: '2026-05-31',
    oncePerCustomer: false,
    active: true,
  },
  {
    id: newId(),
    code: 'FIRSTORDER',
    kind: 'fixed',
    amount: { amount: 300, currency: 'GBP' },
    oncePerCustomer: true,
    active: true,
  },
  // Not a valid promo (percent above 100): never offered.
  { id: newId(), code: 'BROKEN', kind: 'percent', percent: 150, oncePerCustomer: false, active: true },
];

/** A mug at £12.50 (400 g) with stock, as the catalog holds it (made once per store). */
function mug(): Promise<{ product: Product; variant: Variant }> {
  return stockedMug(db, 20);
}

/** A cart with `quantity` mugs, the customer written with the first item. */
async function cartFor(draft: SaleDraft, quantity: number): Promise<Order> {
  const { product, variant } = await mug();
  const started = await startSale(db, desk, 'phone');
  return addVariant(db, desk, started, product, variant, quantity, pendingCustomerDetails(started, draft));
}

const abroad = (): SaleDraft => ({ ...emptyDraft(), customer, shippingAddress: berlin });

describe('customer in the sale', () => {
  it('records the customer and acquisition source with the first cart event, the address at checkout', async () => {
    const order = await cartFor(abroad(), 1);
    expect(order).toMatchObject({
      customerId: customer.id,
      customerName: 'Bianka Steinecke',
      acquisitionSource: 'word_of_mouth',
    });
    expect(order.shippingAddress).toBeUndefined();
    const events = await db.orderEvents.where('orderId').equals(order.id).toArray();
    expect(events.at(-1)?.details).toMatchObject({ customerId: customer.id });
    expect(pendingCustomerDetails(order, abroad())).toBeUndefined();
  });

  it('writes a customer chosen after the first item with the next quantity change, once', async () => {
    const order = await cartFor(emptyDraft(), 1);
    expect(order.customerId).toBeUndefined();
    const details = pendingCustomerDetails(order, abroad());
    const changed = await setQuantity(db, desk, order, order.lines[0]!.id, 3, details);
    expect(changed).toMatchObject({ customerId: customer.id, customerName: 'Bianka Steinecke' });
    expect(pendingCustomerDetails(changed, abroad())).toBeUndefined();
  });

  it('adds a second scan of the same item to its line instead of a new line', async () => {
    const { product, variant } = await mug();
    const once = await addVariant(db, desk, await startSale(db, desk, 'counter'), product, variant);
    const twice = await addVariant(db, desk, once, product, variant);
    expect(twice.lines).toHaveLength(1);
    expect(twice.lines[0]?.quantity).toBe(2);
  });
});

describe('priceSale', () => {
  it('prices collection at the counter with no shipping and UK VAT included', async () => {
    const order = await cartFor(emptyDraft(), 2);
    const priced = await priceSale(db, order, emptyDraft(), NOW);
    expect(priced.quotes).toEqual([]);
    expect(priced.quote).toBeNull();
    expect(priced.pricing.shipping.amount).toBe(0);
    expect(priced.pricing.total.amount).toBe(2500);
    // 20% VAT inside £25.00 is £4.17.
    expect(priced.pricing.taxLines.map((l) => [l.percent, l.tax.amount])).toEqual([[20, 417]]);
  });

  it('offers the shipping methods for Germany, charges the chosen one and zero-rates the export', async () => {
    const order = await cartFor(abroad(), 2);
    const priced = await priceSale(db, order, abroad(), NOW);
    expect(priced.destination).toBe('DE');
    expect(priced.quotes.length).toBeGreaterThan(0);
    const last = priced.quotes.at(-1)!;
    const chosen = await priceSale(db, order, { ...abroad(), methodId: last.methodId }, NOW);
    expect(chosen.quote?.methodId).toBe(last.methodId);
    expect(chosen.pricing.shipping).toEqual(last.fee);
    expect(chosen.pricing.total.amount).toBe(2500 + last.fee.amount);
    expect(chosen.pricing.tax.amount).toBe(0);
    expect(chosen.pricing.taxLines.every((l) => l.percent === 0)).toBe(true);
  });
});

describe('promo codes', () => {
  beforeEach(async () => {
    await db.settings.put({ key: PROMOS_KEY, value: promos });
  });

  it('keeps only the stored codes that pass PromoSchema', async () => {
    expect((await storePromos(db)).map((p) => p.code)).toEqual(['WELCOME10', 'SPRING5', 'FIRSTORDER']);
  });

  it('takes 10% off with WELCOME10 and records the discount at checkout', async () => {
    const order = await cartFor(abroad(), 2);
    const draft = { ...abroad(), promoCode: ' welcome10 ' };
    const priced = await priceSale(db, order, draft, NOW);
    expect(priced.pricing.promo).toMatchObject({ code: 'WELCOME10', discount: { amount: 250 } });
    const paying = await checkout(db, desk, order, draft, priced);
    expect(paying.status).toBe('payment');
    expect(paying.totals).toMatchObject({
      subtotal: 2500,
      discount: 250,
      total: priced.pricing.total.amount,
    });
    expect(paying.promoCode).toBe('WELCOME10');
  });

  it('lets a once-per-customer code be used once, seeing the code on the customer’s earlier order', async () => {
    const first = await cartFor(abroad(), 2);
    const draft = { ...abroad(), promoCode: 'FIRSTORDER' };
    const priced = await priceSale(db, first, draft, NOW);
    expect(priced.pricing.promo).toMatchObject({ code: 'FIRSTORDER' });
    await checkout(db, desk, first, draft, priced);

    const second = await cartFor(abroad(), 2);
    const again = await priceSale(db, second, draft, NOW);
    expect(again.pricing.promo).toBeUndefined();
    expect(again.pricing.promoRefusal).toBe(
      'Code FIRSTORDER is one use per customer and this customer has already used it',
    );
  });

  it.each([
    ['SPRING5', 2, 'Code SPRING5 expired on 31 May 2026'],
    ['WELCOME10', 1, 'Spend £7.50 more to use WELCOME10'],
    ['NOSUCH', 2, 'There is no promo code NOSUCH; check the spelling'],
  ])('refuses %s on %i mug(s) with the reason and changes nothing', async (code, quantity, reason) => {
    const order = await cartFor(abroad(), quantity);
    const without = await priceSale(db, order, abroad(), NOW);
    const refused = await priceSale(db, order, { ...abroad(), promoCode: code }, NOW);
    expect(refused.pricing.promoRefusal).toBe(reason);
    expect(refused.pricing.promo).toBeUndefined();
    expect(refused.pricing.orderTotals).toEqual(without.pricing.orderTotals);
  });
});

describe('checkout and receipt', () => {
  it('clears the gift, promo code and address a first checkout set when the seller takes them off', async () => {
    await db.settings.put({ key: PROMOS_KEY, value: promos });
    const draft: SaleDraft = { ...abroad(), promoCode: 'WELCOME10', gift: { wrap: true, message: 'Hi' } };
    const order = await cartFor(draft, 2);
    const first = await checkout(db, desk, order, draft, await priceSale(db, order, draft, NOW));
    expect(first).toMatchObject({ promoCode: 'WELCOME10', gift: { wrap: true }, shippingAddress: berlin });

    const cart = await backToCart(db, desk, first);
    const collected: SaleDraft = {
      ...draft,
      promoCode: '',
      gift: { wrap: false, message: '' },
      shippingAddress: undefined,
    };
    const second = await checkout(db, desk, cart, collected, await priceSale(db, cart, collected, NOW));
    expect(second.promoCode).toBeUndefined();
    expect(second.gift).toBeUndefined();
    expect(second.shippingAddress).toBeUndefined();
    expect(second.totals.discount).toBe(0);
    // The stored row is the same as the fold: a desk that pulls this order sees the same thing.
    expect(await db.orders.get(order.id)).toEqual(second);
  });

  it('records shipping method, gift wrap and message with checkout.start, then takes a split payment checked by planSplit', async () => {
    const draft: SaleDraft = { ...abroad(), gift: { wrap: true, message: '  Happy birthday!  ' } };
    const order = await cartFor(draft, 2);
    const priced = await priceSale(db, order, draft, NOW);
    const paying = await checkout(db, desk, order, draft, priced);
    expect(paying).toMatchObject({
      shippingMethod: priced.quote!.name,
      shippingAddress: berlin,
      gift: { wrap: true, message: 'Happy birthday!' },
      customerId: customer.id,
    });
    const events = await db.orderEvents.where('orderId').equals(order.id).sortBy('seq');
    expect(events.at(-1)).toMatchObject({
      event: { type: 'checkout.start', total: priced.pricing.total.amount },
    });

    const total = paying.totals.total;
    const part = await takePayment(db, desk, paying, {
      method: 'card_terminal',
      amount: money(1000, 'GBP'),
      terminalReference: 'TID-88231',
      cardLast4: '4242',
    });
    expect(part.status).toBe('payment');
    const rest = money(total - 1000, 'GBP');
    // Invoices are for business customers: refused for Bianka, nothing recorded.
    await expect(
      takePayment(db, desk, part, { method: 'invoice', amount: rest, termsDays: 30 }),
    ).rejects.toThrow('Invoices with payment terms are for business customers');
    const paid = await takePayment(
      db,
      desk,
      part,
      { method: 'invoice', amount: rest, termsDays: 30 },
      { isBusiness: true },
    );
    expect(paid.status).toBe('receipt');
    expect(paid.payments.map((p) => [p.method, p.amount.amount, p.cardLast4 ?? p.termsDays])).toEqual([
      ['card_terminal', 1000, '4242'],
      ['invoice', total - 1000, 30],
    ]);
    expect((await finishSale(db, desk, paid, 'receipt80mm')).status).toBe('processing');
  });

  it('refuses a gift message over 300 characters and leaves the cart as it was', async () => {
    const draft: SaleDraft = { ...emptyDraft(), gift: { wrap: false, message: 'x'.repeat(301) } };
    const order = await cartFor(draft, 1);
    const priced = await priceSale(db, order, draft, NOW);
    await expect(checkout(db, desk, order, draft, priced)).rejects.toThrow('shorten it to 300');
    expect((await db.orders.get(order.id))?.status).toBe('cart');
  });

  it('finds the recorded shipping method again for the receipt dates; none when collected', async () => {
    const order = await cartFor(abroad(), 1);
    const priced = await priceSale(db, order, abroad(), NOW);
    const shipped = await checkout(db, desk, order, abroad(), priced);
    const quote = await shippingQuoteOf(db, shipped, NOW);
    expect(quote).toMatchObject({ name: priced.quote!.name, dispatchDate: priced.quote!.dispatchDate });
    expect(quote!.deliveryEarliest >= quote!.dispatchDate).toBe(true);

    const counter = await cartFor(emptyDraft(), 1);
    const collected = await checkout(
      db,
      desk,
      counter,
      emptyDraft(),
      await priceSale(db, counter, emptyDraft(), NOW),
    );
    expect(collected.shippingMethod).toBe(COLLECT);
    expect(collected.shippingAddress).toBeUndefined();
    expect(await shippingQuoteOf(db, collected, NOW)).toBeNull();
  });
});

describe('open sales, counter hand-over and money owed on account', () => {
  it('counts carts, sales awaiting payment and receipts not given as at the till, nothing later', () => {
    expect(['cart', 'payment', 'receipt'].filter(atTheTill)).toEqual(['cart', 'payment', 'receipt']);
    expect(['paid', 'picking', 'delivered', 'cancelled', 'quote'].some(atTheTill)).toBe(false);
  });

  async function paidCounterSale(channel: 'counter' | 'phone') {
    const { product, variant } = await mug();
    const cart = await addVariant(db, desk, await startSale(db, desk, channel), product, variant, 2);
    const paying = await checkout(db, desk, cart, emptyDraft(), await priceSale(db, cart, emptyDraft(), NOW));
    return takePayment(db, desk, paying, { method: 'cash', amount: money(paying.totals.total, 'GBP') });
  }

  it('hands a counter sale collected now to the customer: complete, stock shipped, never packed', async () => {
    const paid = await paidCounterSale('counter');
    const done = await finishSale(db, desk, paid, 'receipt80mm');
    expect(done.status).toBe('delivered');
    const moves = await db.stockMovements.where('orderId').equals(done.id).toArray();
    expect(moves.map((m) => [m.kind, m.quantity]).sort()).toEqual([
      ['reserve', 2],
      ['ship', 2],
    ]);
  });

  it('sends a phone order collected later to the packers as before', async () => {
    const paid = await paidCounterSale('phone');
    expect((await finishSale(db, desk, paid, 'receipt80mm')).status).toBe('processing');
  });

  it('lists every open sale, carts and sales awaiting payment alike, beyond any count', async () => {
    const { product, variant } = await mug();
    for (let i = 0; i < 25; i++)
      await addVariant(db, desk, await startSale(db, desk, 'phone'), product, variant);
    const cart = await addVariant(db, desk, await startSale(db, desk, 'phone'), product, variant);
    const paying = await checkout(db, desk, cart, emptyDraft(), await priceSale(db, cart, emptyDraft(), NOW));
    const part = await takePayment(db, desk, paying, {
      method: 'card_terminal',
      amount: money(500, 'GBP'),
      terminalReference: 'TID-1',
      cardLast4: '4242',
    });
    const open = await openSales(db, 100);
    expect(open.total).toBe(26);
    expect(open.sales).toHaveLength(26);
    expect(open.sales[0]).toMatchObject({ id: part.id, status: 'payment' });
    // A page of them reads only the newest, latest change first, and still counts them all.
    const first = await openSales(db, 10);
    expect(first.total).toBe(26);
    expect(first.sales.map((s) => s.id)).toEqual(open.sales.slice(0, 10).map((s) => s.id));
    // A cart changed now comes first, wherever it was started.
    const oldest = open.sales.at(-1)!;
    await addVariant(db, desk, oldest, product, variant);
    expect((await openSales(db, 10)).sales[0]!.id).toBe(oldest.id);
  });

  it('deletes a held cart only with a reason, kept in its history', async () => {
    const { product, variant } = await mug();
    const cart = await addVariant(db, desk, await startSale(db, desk, 'phone'), product, variant);
    await expect(discardCart(db, desk, cart, '  ')).rejects.toThrow('Say why');
    const gone = await discardCart(db, desk, cart, 'Customer changed their mind');
    expect(gone.status).toBe('cancelled');
    expect(await openSales(db)).toEqual({ sales: [], total: 0 });
  });

  it('keeps an invoice sale owed until its payment is recorded, part by part', async () => {
    const { product, variant } = await mug();
    const cart = await addVariant(db, desk, await startSale(db, desk, 'phone'), product, variant, 2);
    const paying = await checkout(db, desk, cart, emptyDraft(), await priceSale(db, cart, emptyDraft(), NOW));
    const total = paying.totals.total;
    const invoiced = await takePayment(
      db,
      desk,
      paying,
      { method: 'invoice', amount: money(total, 'GBP'), termsDays: 30 },
      { isBusiness: true },
    );
    expect(invoiced.totals).toMatchObject({ paid: total, owed: total });
    const part = await receivePayment(db, desk, invoiced, {
      method: 'bank_transfer',
      amount: 1000,
      reference: 'BACS 7781',
    });
    expect(part.totals.owed).toBe(total - 1000);
    await expect(receivePayment(db, desk, part, { method: 'bank_transfer', amount: total })).rejects.toThrow(
      'more than the',
    );
    await expect(
      receivePayment(db, desk, part, {
        method: 'card_terminal',
        amount: 500,
        reference: 'TID-9',
        cardLast4: '123',
      }),
    ).rejects.toThrow('security code');
    const paid = await receivePayment(db, desk, part, {
      method: 'card_terminal',
      amount: total - 1000,
      reference: 'TID-9',
      cardLast4: '4242',
    });
    expect(paid.totals.owed).toBe(0);
    expect(paid.payments.filter((p) => p.received).map((p) => [p.method, p.reference])).toEqual([
      ['bank_transfer', 'BACS 7781'],
      ['card_terminal', 'TID-9'],
    ]);
  });
});
