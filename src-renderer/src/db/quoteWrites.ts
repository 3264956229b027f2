// Quotes on this desk: a cart saved as a quote (numbered per desk, Q1-000042), found again by
// number or customer, and converted to an order at the quoted prices in one transaction.
// Quotes stay on the desk for now: the sync server does not take the quotes table yet.
import { quoteSequenceKey } from '$shared/deskNumbers';
import type { OrderChannel } from '$shared/orderStatus';
import {
  QuoteSchema,
  convertQuote,
  makeQuote,
  markConverted,
  quoteNumber,
  quoteStatus,
  renewQuote,
  type CurrentPrices,
  type PriceChange,
  type Quote,
} from '$shared/quotes';
import type { Order } from '$shared/records';
import { parseRecord } from '$shared/validation';
import type { OrderlineDb } from './database';
import { loadStoreProfile } from './storeSettings';
import { queueRecord } from './syncedWrites';
import { createOrder, orderChangeTables, writeOrderChange, type Who } from './writeOrderChange';

export class QuoteRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'QuoteRefused';
  }
}

/** The desk's next quote number, counted in settings; call inside the writing transaction. */
async function nextQuoteNumber(db: OrderlineDb, deskCode: string): Promise<string> {
  const sequenceRow = await db.settings.get(quoteSequenceKey(deskCode));
  const sequence = (typeof sequenceRow?.value === 'number' ? sequenceRow.value : 0) + 1;
  const number = quoteNumber(deskCode, sequence);
  await db.settings.put({ key: quoteSequenceKey(deskCode), value: sequence });
  return number;
}

/** Every table a quote write touches, including those writeOrderChange joins. */
function quoteTables(db: OrderlineDb) {
  return [db.quotes, db.settings, db.products, ...orderChangeTables(db)];
}

export type SaveQuoteInput = {
  deskCode: string;
  /** The cart the quote is made from; it is cancelled once the quote holds its lines. */
  order: Order;
  customer: { id: string; name: string } | undefined;
  validDays: number;
  notes?: string;
  now?: Date;
};

/**
 * Saves the open cart as a quote at its current prices and cancels the cart, in one transaction:
 * either the quote exists and the cart is gone, or nothing changed.
 */
export async function saveQuote(db: OrderlineDb, input: SaveQuoteInput, who: Who): Promise<Quote> {
  const { order, customer } = input;
  if (!customer) throw new QuoteRefused('Choose the customer first: a quote is made out to someone');
  if (order.lines.length === 0) throw new QuoteRefused('Add at least one item before saving a quote');
  if (order.status !== 'cart') {
    throw new QuoteRefused(`Order ${order.number} is past its cart; only an open cart can become a quote`);
  }
  const { timeZone } = await loadStoreProfile(db);
  return db.transaction('rw', quoteTables(db), async () => {
    const number = await nextQuoteNumber(db, input.deskCode);
    const products = await db.variants
      .bulkGet(order.lines.map((l) => l.variantId))
      .then((variants) => db.products.bulkGet(variants.map((v) => v?.productId ?? '')));
    const quote = parseRecord(
      QuoteSchema,
      makeQuote(
        {
          number,
          currency: order.currency,
          customerId: customer.id,
          customerName: customer.name,
          lines: order.lines.map((line, i) => {
            const product = products[i];
            return product ? { ...line, productId: product.id, category: product.category } : line;
          }),
          ...(input.notes?.trim() ? { notes: input.notes.trim() } : {}),
        },
        { now: input.now ?? new Date(), timeZone },
        input.validDays,
      ),
      `Quote ${number}`,
    );
    await db.quotes.add(quote);
    await queueRecord(db, 'quotes', quote);
    await writeOrderChange(
      db,
      { orderId: order.id, event: { type: 'order.cancel', reason: `Saved as quote ${number}` } },
      who,
    );
    return quote;
  });
}

/** Quotes newest first, narrowed to those whose number or customer name holds `text`. */
export async function findQuotes(db: OrderlineDb, text = '', limit = 50): Promise<Quote[]> {
  const wanted = text.trim().toLowerCase();
  const digits = /^\d+$/.test(wanted) ? String(Number(wanted)) : '';
  return db.quotes
    .orderBy('createdAt')
    .reverse()
    .filter((quote) => {
      if (!wanted) return true;
      const sequence = String(Number(quote.number.split('-')[1] ?? ''));
      return (
        quote.number.toLowerCase().includes(wanted) ||
        (digits !== '' && sequence === digits) ||
        (quote.customerName ?? '').toLowerCase().includes(wanted)
      );
    })
    .limit(limit)
    .toArray();
}

/** Today's catalog prices of the quote's variants (a variant gone from the catalog is left out). */
export async function currentPrices(db: OrderlineDb, quote: Quote): Promise<CurrentPrices> {
  const variants = await db.variants.bulkGet(quote.lines.map((l) => l.variantId));
  return Object.fromEntries(variants.flatMap((v) => (v ? [[v.id, v.price]] : [])));
}

export type ConvertedQuote = {
  order: Order;
  quote: Quote;
  /** Lines whose catalog price differs today: kept at the quoted price, shown to the seller. */
  priceChanges: PriceChange[];
  message: string;
};

export type ConvertInput = { deskCode: string; channel: OrderChannel; now?: Date };

/**
 * Turns an open quote into a cart at the quoted prices for the quote's customer, and marks the
 * quote converted, in one transaction. An expired or already converted quote is refused as is.
 */
export async function convertQuoteToOrder(
  db: OrderlineDb,
  quoteId: string,
  input: ConvertInput,
  who: Who,
): Promise<ConvertedQuote> {
  const { timeZone } = await loadStoreProfile(db);
  return db.transaction('rw', quoteTables(db), async () => {
    const quote = await db.quotes.get(quoteId);
    if (!quote) throw new QuoteRefused('That quote is no longer on this desk');
    const conversion = convertQuote(
      quote,
      { now: input.now ?? new Date(), timeZone },
      await currentPrices(db, quote),
    );
    if (!conversion.ok) throw new QuoteRefused(conversion.reason);
    let order = await createOrder(
      db,
      {
        deskCode: input.deskCode,
        channel: input.channel,
        currency: quote.currency,
        ...(quote.customerName ? { customerName: quote.customerName } : {}),
      },
      who,
    );
    const details = {
      ...(quote.customerId ? { customerId: quote.customerId } : {}),
      ...(quote.customerName ? { customerName: quote.customerName } : {}),
    };
    for (const [i, event] of conversion.events.entries()) {
      order = await writeOrderChange(db, { orderId: order.id, event, ...(i === 0 ? { details } : {}) }, who);
    }
    const converted = parseRecord(QuoteSchema, markConverted(quote, order.id), `Quote ${quote.number}`);
    await db.quotes.put(converted);
    await queueRecord(db, 'quotes', converted, ['convertedOrderId']);
    return { order, quote: converted, priceChanges: conversion.priceChanges, message: conversion.message };
  });
}

export type RenewedQuote = { quote: Quote; message: string };

/**
 * An expired quote offered again: a new quote (the desk's next number) with the same customer and
 * lines at today's prices, valid from today; lines no longer sold are left out. The expired quote
 * stays as it was, so what was offered then can still be read.
 */
export async function renewExpiredQuote(
  db: OrderlineDb,
  quoteId: string,
  input: { deskCode: string; validDays: number; now?: Date },
): Promise<RenewedQuote> {
  const { timeZone } = await loadStoreProfile(db);
  return db.transaction('rw', [db.quotes, db.settings, db.variants, db.outbox], async () => {
    const quote = await db.quotes.get(quoteId);
    if (!quote) throw new QuoteRefused('That quote is no longer on this desk');
    const now = input.now ?? new Date();
    const status = quoteStatus(quote, now, timeZone);
    if (status.status !== 'expired') {
      throw new QuoteRefused(
        status.status === 'open'
          ? `${status.message}: there is nothing to renew yet`
          : `${status.message}; it cannot be renewed`,
      );
    }
    const renewal = renewQuote(quote, await currentPrices(db, quote), { now, timeZone }, input.validDays);
    if (renewal.quote.lines.length === 0) {
      throw new QuoteRefused(
        `Nothing on quote ${quote.number} is sold any more, so there is nothing to renew`,
      );
    }
    const number = await nextQuoteNumber(db, input.deskCode);
    const renewed = parseRecord(QuoteSchema, { ...renewal.quote, number }, `Quote ${number}`);
    await db.quotes.add(renewed);
    await queueRecord(db, 'quotes', renewed);
    return { quote: renewed, message: `Quote ${number} replaces ${quote.number}. ${renewal.message}` };
  });
}
