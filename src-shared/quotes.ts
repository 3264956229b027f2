// Quotations for business buyers: a cart saved with the prices offered and the last day they are
// held. While open, converting it keeps the quoted prices whatever the catalog says now; once
// expired, it says so and offers a renewal at today's prices instead.
import { z } from 'zod';
import { formatMoney, money, type Money } from './money';
import { newId } from './ids';
import { CurrencyCode, Id, NonNegativeMoney, OrderLineSchema } from './records';
import type { CartLine } from './cartPricing';
import { storeDay } from './storeDay';

export const QuoteLineSchema = OrderLineSchema.extend({
  productId: Id.optional(),
  category: z.string().trim().max(80).optional(),
});
export type QuoteLine = z.infer<typeof QuoteLineSchema>;

export const QuoteSchema = z
  .object({
    id: Id,
    /** What people read and quote back on the phone, e.g. Q1-000042. */
    number: z.string().regex(/^Q[A-Z0-9]{0,5}-\d{6}$/, { message: 'Quote number must look like Q1-000042' }),
    customerId: Id.optional(),
    customerName: z.string().trim().max(120).optional(),
    currency: CurrencyCode,
    lines: z
      .array(QuoteLineSchema)
      .min(1, { message: 'A quote needs at least one line' })
      .max(500, { message: 'a quote holds at most 500 lines' }),
    orderDiscount: NonNegativeMoney.optional(),
    createdAt: z.iso.datetime(),
    /** The last day the prices are held, inclusive, in the store's time zone. */
    validUntil: z.iso.date({ message: 'must be a date written as YYYY-MM-DD' }),
    convertedOrderId: Id.optional(),
    notes: z.string().trim().max(4000).optional(),
  })
  .refine((q) => q.lines.every((l) => l.unitPrice.currency === q.currency), {
    message: 'Every line must be priced in the quote currency',
    path: ['lines'],
  });
export type Quote = z.infer<typeof QuoteSchema>;

export const DEFAULT_QUOTE_DAYS = 30;

const dayIn = (now: Date, timeZone: string) => storeDay(now, timeZone);

const dayNumber = (day: string) => Math.round(Date.parse(`${day}T00:00:00Z`) / 86_400_000);
const addDays = (day: string, days: number) =>
  new Date((dayNumber(day) + days) * 86_400_000).toISOString().slice(0, 10);
const longDate = (day: string) =>
  new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${day}T00:00:00Z`));

export type QuoteDraft = Pick<Quote, 'number' | 'currency' | 'lines'> &
  Partial<Pick<Quote, 'id' | 'customerId' | 'customerName' | 'orderDiscount' | 'notes'>>;
export type QuoteClock = { now: Date; timeZone?: string };

/** A quote valid for `validDays` from today (the last day included). The caller validates it with QuoteSchema. */
export function makeQuote(draft: QuoteDraft, clock: QuoteClock, validDays = DEFAULT_QUOTE_DAYS): Quote {
  return {
    ...draft,
    id: draft.id ?? newId(),
    createdAt: clock.now.toISOString(),
    validUntil: quoteValidUntil(clock, validDays),
  };
}

/** The last day a quote made now for `validDays` holds its prices (YYYY-MM-DD). */
export function quoteValidUntil(clock: QuoteClock, validDays = DEFAULT_QUOTE_DAYS): string {
  if (!Number.isSafeInteger(validDays) || validDays < 0 || validDays > 366) {
    throw new Error(`A quote is valid for 0 to 366 days, not ${validDays}`);
  }
  return addDays(dayIn(clock.now, clock.timeZone ?? 'UTC'), validDays);
}

/** Reads the validity a seller typed: a whole number of days from 0 (today only) to 366. */
export function parseValidDays(typed: string): { ok: true; days: number } | { ok: false; message: string } {
  const text = typed.trim();
  if (!/^-?\d+([.,]\d+)?$/.test(text)) return { ok: false, message: `“${typed}” is not a number of days` };
  const days = Number(text.replace(',', '.'));
  if (!Number.isInteger(days)) return { ok: false, message: 'A quote is valid for a whole number of days' };
  if (days < 0 || days > 366)
    return { ok: false, message: `A quote is valid for 0 to 366 days, not ${days}` };
  return { ok: true, days };
}

/** The validity date as people read it: "14 June 2026". */
export function quoteDay(day: string): string {
  return longDate(day);
}

export type QuoteStatus =
  | { status: 'open'; validUntil: string; daysLeft: number; message: string }
  | { status: 'expired'; expiredOn: string; message: string }
  | { status: 'converted'; orderId: string; message: string };

export function quoteStatus(quote: Quote, now: Date, timeZone = 'UTC'): QuoteStatus {
  if (quote.convertedOrderId) {
    return {
      status: 'converted',
      orderId: quote.convertedOrderId,
      message: `Quote ${quote.number} has already been turned into an order`,
    };
  }
  const today = dayIn(now, timeZone);
  if (today > quote.validUntil) {
    return {
      status: 'expired',
      expiredOn: quote.validUntil,
      message: `Quote ${quote.number} expired on ${longDate(quote.validUntil)}`,
    };
  }
  const daysLeft = dayNumber(quote.validUntil) - dayNumber(today);
  const left = daysLeft === 0 ? 'last day' : `${daysLeft} day${daysLeft === 1 ? '' : 's'} left`;
  return {
    status: 'open',
    validUntil: quote.validUntil,
    daysLeft,
    message: `Quote ${quote.number} is valid until ${longDate(quote.validUntil)} (${left})`,
  };
}

/** A line whose catalog price is not what was quoted. */
export type PriceChange = { variantId: string; sku: string; name: string; quoted: Money; current?: Money };

export type CartAddItemEvent = {
  type: 'cart.addItem';
  lineId: string;
  variantId: string;
  sku: string;
  name: string;
  quantity: number;
  unitPrice: number;
  taxClass: QuoteLine['taxClass'];
};

export type Conversion =
  | {
      ok: true;
      /** cart.addItem events at the quoted prices, in quote order. */
      events: CartAddItemEvent[];
      /** The same lines for cartPricing, with their quoted discounts. */
      cartLines: CartLine[];
      orderDiscount?: Money;
      /** Where today's catalog differs: shown to the seller, never applied. */
      priceChanges: PriceChange[];
      message: string;
    }
  | { ok: false; reason: string };

/** Current catalog prices by variant id; a variant missing from it is no longer sold. */
export type CurrentPrices = Readonly<Record<string, Money | undefined>>;

function priceChanges(quote: Quote, current: CurrentPrices): PriceChange[] {
  return quote.lines.flatMap((line) => {
    const now = current[line.variantId];
    if (now && now.amount === line.unitPrice.amount && now.currency === line.unitPrice.currency) return [];
    return [
      {
        variantId: line.variantId,
        sku: line.sku,
        name: line.name,
        quoted: line.unitPrice,
        ...(now ? { current: now } : {}),
      },
    ];
  });
}

/**
 * The cart an open quote becomes, at the quoted prices. An expired or already converted quote is
 * refused with what to do instead; nothing is half-converted.
 */
export function convertQuote(
  quote: Quote,
  clock: QuoteClock,
  current: CurrentPrices = {},
  makeId: () => string = newId,
): Conversion {
  const status = quoteStatus(quote, clock.now, clock.timeZone);
  if (status.status === 'expired') {
    return {
      ok: false,
      reason: `${status.message}, so its prices are no longer held; renew it at today's prices or build a new cart`,
    };
  }
  if (status.status === 'converted') return { ok: false, reason: status.message };
  const events = quote.lines.map((line): CartAddItemEvent => ({
    type: 'cart.addItem',
    lineId: makeId(),
    variantId: line.variantId,
    sku: line.sku,
    name: line.name,
    quantity: line.quantity,
    unitPrice: line.unitPrice.amount,
    taxClass: line.taxClass,
  }));
  const cartLines = quote.lines.map((line, i): CartLine => ({
    lineId: events[i]?.lineId ?? makeId(),
    sku: line.sku,
    name: line.name,
    quantity: line.quantity,
    unitPrice: line.unitPrice,
    taxClass: line.taxClass,
    ...(line.discount ? { discount: line.discount } : {}),
    ...(line.productId ? { productId: line.productId } : {}),
    ...(line.category ? { category: line.category } : {}),
  }));
  const changes = Object.keys(current).length > 0 ? priceChanges(quote, current) : [];
  const one = changes.length === 1;
  const held = changes.length
    ? `; ${changes.length} price${one ? ' differs' : 's differ'} from today's catalog and ${one ? 'is' : 'are'} held as quoted`
    : '';
  return {
    ok: true,
    events,
    cartLines,
    ...(quote.orderDiscount ? { orderDiscount: quote.orderDiscount } : {}),
    priceChanges: changes,
    message: `Prices from quote ${quote.number}, valid until ${longDate(quote.validUntil)}${held}`,
  };
}

export type Renewal = {
  quote: Quote;
  priceChanges: PriceChange[];
  /** Lines dropped because the variant is no longer sold. */
  removed: QuoteLine[];
  message: string;
};

/**
 * A fresh quote (same number, new id) with today's prices and a new validity; lines no longer
 * sold are left out.
 */
export function renewQuote(
  quote: Quote,
  current: CurrentPrices,
  clock: QuoteClock,
  validDays = DEFAULT_QUOTE_DAYS,
  locale = 'en-GB',
): Renewal {
  const changes = priceChanges(quote, current);
  const kept = quote.lines.filter((l) => current[l.variantId] !== undefined);
  const removed = quote.lines.filter((l) => current[l.variantId] === undefined);
  const lines = kept.map((l) => ({ ...l, unitPrice: current[l.variantId] ?? l.unitPrice }));
  const { convertedOrderId: _converted, ...rest } = quote;
  const renewed = makeQuote({ ...rest, id: newId(), lines }, clock, validDays);
  const described = changes
    .filter((c) => c.current)
    .map((c) => `${c.name} ${formatMoney(c.quoted, locale)} → ${formatMoney(c.current ?? c.quoted, locale)}`);
  const parts = [
    `Renewed until ${longDate(renewed.validUntil)}`,
    ...(described.length ? [`new prices: ${described.join(', ')}`] : []),
    ...(removed.length ? [`no longer sold: ${removed.map((l) => l.name).join(', ')}`] : []),
  ];
  return { quote: renewed, priceChanges: changes, removed, message: parts.join('; ') };
}

/** The quote once its order exists, so it cannot be converted twice. */
export function markConverted(quote: Quote, orderId: string): Quote {
  return { ...quote, convertedOrderId: orderId };
}

/**
 * The desk's quote number: Q, the desk code without its leading D (D1 → Q1), and the desk's own
 * sequence, so two desks never hand out the same number without a server.
 */
export function quoteNumber(deskCode: string, sequence: number): string {
  const desk = deskCode.replace(/^D(?=[A-Z0-9])/, '');
  if (!/^[A-Z0-9]{1,5}$/.test(desk)) {
    throw new Error(
      `Desk code "${deskCode}" must be 1–5 capital letters or digits (after a leading D) for quotes`,
    );
  }
  if (!Number.isInteger(sequence) || sequence < 1 || sequence > 999_999) {
    throw new Error(`Quote sequence ${sequence} must be a whole number from 1 to 999,999`);
  }
  return `Q${desk}-${String(sequence).padStart(6, '0')}`;
}

/** What each line comes to at the quoted price (less its discount), and the quote's total. */
export function quoteAmounts(quote: Quote): { lines: Money[]; total: Money } {
  const lines = quote.lines.map((l) =>
    money(Math.max(0, l.unitPrice.amount * l.quantity - (l.discount?.amount ?? 0)), quote.currency),
  );
  const sum = lines.reduce((s, l) => s + l.amount, 0);
  return { lines, total: money(Math.max(0, sum - (quote.orderDiscount?.amount ?? 0)), quote.currency) };
}
