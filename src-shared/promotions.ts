// Promo codes: the stored rule (percent or fixed off, minimum spend, dates it is valid, one use per
// customer, limited to some categories or products) and whether it applies to a cart, with the
// discount split over the lines it covers or a sentence saying why not.
import { z } from 'zod';
import {
  allocate,
  exactFraction,
  formatMoney,
  minimum,
  multiply,
  multiplyByFraction,
  subtract,
  sum,
  zero,
  type Money,
} from './money';
import { Id, MoneySchema } from './records';
import { storeDay } from './storeDay';

const DateOnly = z.iso.date({ message: 'must be a date written as YYYY-MM-DD' });

/** What people type, made comparable: "  spring 10 " → "SPRING10". */
export function normalizeCode(typed: string): string {
  return typed.replace(/\s+/g, '').toUpperCase();
}

const Code = z
  .string()
  .transform(normalizeCode)
  .pipe(
    z.string().regex(/^[A-Z0-9][A-Z0-9_-]{2,31}$/, {
      message: 'Code must be 3–32 letters, digits, dashes or underscores (e.g. SPRING10)',
    }),
  );

const PromoBase = z.object({
  id: Id,
  code: Code,
  /** Shown on the receipt; a sentence is made from the rule when empty. */
  description: z.string().trim().max(120).optional(),
  /** The least the cart must come to (after line discounts) for the code to apply. */
  minSpend: MoneySchema.refine((m) => m.amount >= 0, {
    message: 'Minimum spend cannot be negative',
  }).optional(),
  /** First and last day it can be used, inclusive, in the store's time zone. */
  startsOn: DateOnly.optional(),
  expiresOn: DateOnly.optional(),
  oncePerCustomer: z.boolean(),
  /** How many orders in all may use the code; none means no limit. */
  usageLimit: z
    .int({ message: 'Usage limit must be a whole number of uses' })
    .min(1, { message: 'Usage limit must be at least 1 use' })
    .max(1_000_000, { message: 'Usage limit above 1,000,000 uses is not believable' })
    .optional(),
  /** When given, only lines in these categories or of these products count and are discounted. */
  categories: z.array(z.string().trim().min(1)).optional(),
  productIds: z.array(Id).optional(),
  active: z.boolean(),
});

export const PromoSchema = z
  .discriminatedUnion('kind', [
    PromoBase.extend({
      kind: z.literal('percent'),
      percent: z
        .number({ message: 'Percent must be a number' })
        .gt(0, { message: 'Percent must be more than 0' })
        .max(100, { message: 'Percent cannot be more than 100' }),
    }),
    PromoBase.extend({
      kind: z.literal('fixed'),
      amount: MoneySchema.refine((m) => m.amount > 0, { message: 'Amount must be more than zero' }),
    }),
  ])
  .refine((p) => !p.startsOn || !p.expiresOn || p.startsOn <= p.expiresOn, {
    message: 'The code cannot expire before it starts',
    path: ['expiresOn'],
  });
export type Promo = z.infer<typeof PromoSchema>;

/** A cart line as a promo sees it. */
export type PromoLine = {
  productId?: string;
  category?: string;
  quantity: number;
  unitPrice: Money;
  /** The line's own discount, taken off before the promo. */
  discount?: Money;
};
export type PromoCart = { currency: string; lines: readonly PromoLine[] };
export type PromoContext = {
  now: Date;
  customerId?: string;
  /** Codes this customer has used before, in any case. */
  usedCodes?: readonly string[];
  /** Orders (by anyone, not cancelled) that have used this code, for its usage limit. */
  timesUsed?: number;
  /** The store's time zone, for which day "today" is (default UTC). */
  timeZone?: string;
  locale?: string;
};

export type PromoResult =
  | {
      ok: true;
      code: string;
      discount: Money;
      /** The discount per cart line, in cart order: zero on lines the code does not cover. */
      lineDiscounts: Money[];
      description: string;
    }
  | { ok: false; reason: string };

function longDate(day: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${day}T00:00:00Z`));
}

function lineAmount(line: PromoLine): Money {
  const gross = multiply(line.unitPrice, line.quantity);
  return subtract(gross, minimum(line.discount ?? zero(gross.currency), gross));
}

function covers(promo: Promo, line: PromoLine): boolean {
  const restricted = (promo.categories?.length ?? 0) > 0 || (promo.productIds?.length ?? 0) > 0;
  if (!restricted) return true;
  return (
    (line.category !== undefined && (promo.categories ?? []).includes(line.category)) ||
    (line.productId !== undefined && (promo.productIds ?? []).includes(line.productId))
  );
}

function percentOf(amount: Money, percent: number): Money {
  const { numerator, denominator } = exactFraction(percent);
  return multiplyByFraction(amount, { numerator, denominator: denominator * 100n });
}

function describePromo(promo: Promo, locale: string): string {
  if (promo.description) return promo.description;
  const off = promo.kind === 'percent' ? `${promo.percent}% off` : `${formatMoney(promo.amount, locale)} off`;
  const only = promo.categories?.length ? ` ${promo.categories.join(', ')}` : '';
  return `${promo.code}: ${off}${only}`;
}

/** Whether the code applies to this cart now, for this customer, and what it takes off. */
export function applyPromo(promo: Promo, cart: PromoCart, context: PromoContext): PromoResult {
  const { code } = promo;
  const locale = context.locale ?? 'en-GB';
  const fail = (reason: string): PromoResult => ({ ok: false, reason });
  if (!promo.active) return fail(`Code ${code} is switched off`);

  const today = storeDay(context.now, context.timeZone ?? 'UTC');
  if (promo.startsOn && today < promo.startsOn)
    return fail(`Code ${code} starts on ${longDate(promo.startsOn)}`);
  if (promo.expiresOn && today > promo.expiresOn) {
    return fail(`Code ${code} expired on ${longDate(promo.expiresOn)}`);
  }

  if (promo.usageLimit !== undefined && (context.timesUsed ?? 0) >= promo.usageLimit) {
    const uses = promo.usageLimit === 1 ? 'once' : `${promo.usageLimit} times`;
    return fail(`Code ${code} has been used ${uses}, its limit; it cannot be used again`);
  }

  if (promo.oncePerCustomer) {
    if (!context.customerId) return fail(`Code ${code} is one use per customer; choose the customer first`);
    if ((context.usedCodes ?? []).some((used) => normalizeCode(used) === code)) {
      return fail(`Code ${code} is one use per customer and this customer has already used it`);
    }
  }

  if (promo.kind === 'fixed' && promo.amount.currency !== cart.currency) {
    return fail(`Code ${code} is in ${promo.amount.currency} and cannot be used on a ${cart.currency} order`);
  }
  if (promo.minSpend && promo.minSpend.currency !== cart.currency) {
    return fail(
      `Code ${code} has a minimum spend in ${promo.minSpend.currency}; it cannot be used on a ${cart.currency} order`,
    );
  }

  const amounts = cart.lines.map(lineAmount);
  const cartTotal = sum(amounts, cart.currency);
  if (cartTotal.amount === 0) return fail(`The cart is empty; add items before using code ${code}`);
  if (promo.minSpend && cartTotal.amount < promo.minSpend.amount) {
    const short = subtract(promo.minSpend, cartTotal);
    return fail(`Spend ${formatMoney(short, locale)} more to use ${code}`);
  }

  const eligible = amounts.map((amount, i) => {
    const line = cart.lines[i];
    return line && covers(promo, line) ? amount : zero(cart.currency);
  });
  const base = sum(eligible, cart.currency);
  if (base.amount === 0) {
    const what = [...(promo.categories ?? []), ...(promo.productIds?.length ? ['selected products'] : [])];
    return fail(`Code ${code} applies only to ${what.join(', ')}; nothing in the cart qualifies`);
  }

  const wanted = promo.kind === 'percent' ? percentOf(base, promo.percent) : promo.amount;
  const discount = minimum(wanted, base);
  const lineDiscounts = allocate(
    discount,
    eligible.map((m) => m.amount),
  );
  return { ok: true, code, discount, lineDiscounts, description: describePromo(promo, locale) };
}

/** The stored promo for a typed code, in any case and spacing, or why there is none. */
export function findPromo(
  promos: readonly Promo[],
  typed: string,
): { ok: true; promo: Promo } | { ok: false; reason: string } {
  const code = normalizeCode(typed);
  if (code === '') return { ok: false, reason: 'Type a promo code' };
  const promo = promos.find((p) => p.code === code);
  return promo
    ? { ok: true, promo }
    : { ok: false, reason: `There is no promo code ${code}; check the spelling` };
}

/** Versions of one code kept after an edit (a cart older than all of them takes the oldest). */
export const KEPT_PROMO_VERSIONS = 10;

/**
 * The store's promo codes as stored (setting store.promos): a list of versions, each a promo with
 * `from`, the moment it took effect. Saving an edit adds a version instead of replacing the code,
 * so a cart keeps the terms it was priced with. Entries without `from` (stored before versions)
 * count from the beginning; entries that do not parse are left out.
 */
export function promoVersions(stored: unknown): Array<{ from: string; promo: Promo }> {
  if (!Array.isArray(stored)) return [];
  return stored.flatMap((value: unknown) => {
    const parsed = PromoSchema.safeParse(value);
    if (!parsed.success) return [];
    const from = (value as { from?: unknown }).from;
    return [{ from: typeof from === 'string' ? from : '', promo: parsed.data }];
  });
}

/**
 * Each code as a cart started at `at` sees it: the version in force then, or the code's first
 * version when it was made after that moment. Without `at`, each code's newest version (what new
 * carts and Settings see).
 */
export function promosAt(stored: unknown, at?: string): Promo[] {
  const byId = new Map<string, Array<{ from: string; promo: Promo }>>();
  for (const version of promoVersions(stored)) {
    const list = byId.get(version.promo.id);
    if (list) list.push(version);
    else byId.set(version.promo.id, [version]);
  }
  return [...byId.values()].map((versions) => {
    const sorted = versions.sort((a, b) => a.from.localeCompare(b.from));
    const inForce = at === undefined ? sorted : sorted.filter((v) => v.from <= at);
    return (inForce.at(-1) ?? sorted[0]!).promo;
  });
}

/** The stored list with `promo` (new, or an edit of the code with its id) in force from `now`. */
export function addPromoVersion(stored: unknown, promo: Promo, now: string): Array<Promo & { from: string }> {
  const versions = [...promoVersions(stored), { from: now, promo }];
  const kept = versions.filter(
    (v) =>
      v.promo.id !== promo.id ||
      versions.filter((w) => w.promo.id === promo.id && w.from > v.from).length < KEPT_PROMO_VERSIONS,
  );
  return kept.map((v) => ({ ...v.promo, from: v.from }));
}
