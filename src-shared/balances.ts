// Money a customer holds with the store — gift cards, store credit, loyalty points — as ledgers:
// a balance is the sum of its movements, never a stored number, so movements from many desks add
// up in any order. A debit is accepted only while the ledger stays at zero or above; the server
// applies that rule under the store's lock, so two desks cannot spend the same pound twice.
import { z } from 'zod';
import { formatMoney, minorUnitExponent, money } from './money';
import { CurrencyCode, Id } from './records';
import { ENROLL_CODE_ALPHABET } from './syncProtocol';
import { DEFAULT_STORE_PROFILE } from './storeProfile';

export const BALANCE_KINDS = ['gift_card', 'store_credit', 'loyalty_points'] as const;
export type BalanceKind = (typeof BALANCE_KINDS)[number];

/** Why a balance moved: sold/issued/earned add; redeemed takes away; reversed takes back, on a
 * refund, what the order gave (points it earned, a gift card it sold, a referral credit it earned;
 * never below zero); adjusted goes either way. */
export const BALANCE_REASONS = ['sold', 'issued', 'earned', 'redeemed', 'reversed', 'adjusted'] as const;
export type BalanceReason = (typeof BALANCE_REASONS)[number];

const ADDS: ReadonlySet<BalanceReason> = new Set(['sold', 'issued', 'earned']);

/** A gift card's code: twelve letters and digits that cannot be mistaken for one another. */
export const GIFT_CARD_CODE_LENGTH = 12;

/** What a person may type for a code: any case, with or without spaces and dashes. */
export function normaliseGiftCardCode(typed: string): string {
  return typed.toUpperCase().replace(/[\s-]/g, '');
}

export function isGiftCardCode(code: string): boolean {
  return code.length === GIFT_CARD_CODE_LENGTH && [...code].every((c) => ENROLL_CODE_ALPHABET.includes(c));
}

/** A new code, printed in three groups of four (7KQ2-MX9P-3HRT). `random` is for tests. */
export function newGiftCardCode(random: (n: number) => Uint8Array = randomBytes): string {
  const alphabet = ENROLL_CODE_ALPHABET;
  let code = '';
  // Rejection sampling keeps every character equally likely.
  while (code.length < GIFT_CARD_CODE_LENGTH) {
    for (const byte of random(GIFT_CARD_CODE_LENGTH)) {
      if (byte < 256 - (256 % alphabet.length) && code.length < GIFT_CARD_CODE_LENGTH) {
        code += alphabet[byte % alphabet.length];
      }
    }
  }
  return code;
}

function randomBytes(n: number): Uint8Array {
  return globalThis.crypto.getRandomValues(new Uint8Array(n));
}

export function formatGiftCardCode(code: string): string {
  return code.match(/.{1,4}/g)?.join('-') ?? code;
}

/** The code with all but its last four hidden: what a receipt or a payment keeps. */
export function maskGiftCardCode(code: string): string {
  return `••••-••••-${code.slice(-4)}`;
}

/** A ledger's name: `gift_card:<code>`, `store_credit:<customer id>`, `loyalty_points:<customer id>`. */
export type Account = `${BalanceKind}:${string}`;

export function accountOf(kind: BalanceKind, key: string): Account {
  return `${kind}:${key}`;
}

export function kindOf(account: string): BalanceKind | undefined {
  const kind = account.slice(0, account.indexOf(':'));
  return (BALANCE_KINDS as readonly string[]).includes(kind) ? (kind as BalanceKind) : undefined;
}

export function keyOf(account: string): string {
  return account.slice(account.indexOf(':') + 1);
}

const AccountSchema = z.string().refine(
  (account) => {
    const kind = kindOf(account);
    const key = keyOf(account);
    if (kind === 'gift_card') return isGiftCardCode(key);
    return kind !== undefined && Id.safeParse(key).success;
  },
  { message: 'must name a gift card (gift_card:<code>) or a customer’s credit or points' },
);

/** How a person names the ledger: "Gift card ••••-••••-3HRT", "Store credit", "Loyalty points". */
export function describeAccount(account: string): string {
  const kind = kindOf(account);
  if (kind === 'gift_card') return `Gift card ${maskGiftCardCode(keyOf(account))}`;
  return kind === 'store_credit' ? 'Store credit' : 'Loyalty points';
}

const MAX_AMOUNT = 1_000_000_000;

export const BalanceMovementSchema = z
  .object({
    id: Id,
    account: AccountSchema,
    reason: z.enum(BALANCE_REASONS, { message: `must be one of ${BALANCE_REASONS.join(', ')}` }),
    /** Minor units of `currency` for gift cards and store credit; whole points for loyalty. */
    amount: z
      .int({ message: 'amount must be a whole number (minor units or points)' })
      .refine((a) => a !== 0, { message: 'amount cannot be zero' })
      .refine((a) => Math.abs(a) <= MAX_AMOUNT, { message: 'amount is not believable' }),
    currency: CurrencyCode.optional(),
    customerId: Id.optional(),
    orderId: Id.optional(),
    /** The payment.capture this debit pays for. */
    paymentId: Id.optional(),
    note: z.string().trim().max(200).optional(),
    deskId: z.string().trim().min(1).max(40),
    staffId: Id.optional(),
    createdAt: z.iso.datetime({ message: 'must be a date and time (ISO 8601, UTC)' }),
  })
  .strict()
  .refine((m) => (ADDS.has(m.reason) ? m.amount > 0 : m.reason === 'adjusted' || m.amount < 0), {
    message: 'goes the wrong way: sold, issued and earned add; redeemed and reversed take away',
    path: ['amount'],
  })
  .refine((m) => kindOf(m.account) === 'loyalty_points' || m.currency !== undefined, {
    message: 'is needed for a gift card or store credit',
    path: ['currency'],
  })
  .refine((m) => m.reason !== 'adjusted' || (m.note ?? '').length > 0, {
    message: 'is needed for an adjustment (say why)',
    path: ['note'],
  });
export type BalanceMovement = z.infer<typeof BalanceMovementSchema>;

/** The balance of one ledger: the sum of its movements. */
export function balanceOf(
  movements: readonly Pick<BalanceMovement, 'account' | 'amount'>[],
  account: string,
) {
  let total = 0;
  for (const m of movements) if (m.account === account) total += m.amount;
  return total;
}

/** A balance as a person reads it: "£12.50" or "1,250 points". */
export function formatBalance(
  kind: BalanceKind,
  amount: number,
  currency: string,
  locale = DEFAULT_STORE_PROFILE.locale,
): string {
  if (kind === 'loyalty_points') return `${amount.toLocaleString(locale)} point${amount === 1 ? '' : 's'}`;
  return formatMoney(money(amount, currency), locale);
}

export type Acceptance = { ok: true; after: number } | { ok: false; reason: string };

/**
 * Whether a movement may join a ledger that holds `balance`: anything that adds may, a debit only
 * while the balance stays at zero or above. The same rule on the desk (offline, against what it
 * knows) and on the server (against every desk's movements, under the store's lock).
 */
export function acceptMovement(
  balance: number,
  movement: Pick<BalanceMovement, 'account' | 'amount' | 'currency'>,
  locale = DEFAULT_STORE_PROFILE.locale,
): Acceptance {
  const after = balance + movement.amount;
  if (movement.amount > 0 || after >= 0) return { ok: true, after };
  const kind = kindOf(movement.account) ?? 'store_credit';
  const show = (n: number) =>
    formatBalance(kind, n, movement.currency ?? DEFAULT_STORE_PROFILE.currency, locale);
  return {
    ok: false,
    reason: `${describeAccount(movement.account)} holds ${show(Math.max(0, balance))}, not the ${show(-movement.amount)} taken from it`,
  };
}

/** What the store sets for loyalty points (Settings › Loyalty), stored as `store.loyalty`. */
export const LoyaltyRulesSchema = z.object({
  enabled: z.boolean(),
  /** Points earned for each whole unit of the currency spent (£1, $1, €1). */
  pointsPerUnit: z
    .int({ message: 'Points per unit spent must be a whole number' })
    .min(0, { message: 'Points per unit spent cannot be negative' })
    .max(1000, { message: 'Points per unit spent above 1,000 is not believable' }),
  /** What one point is worth at the till, in minor units (1 = one penny a point). */
  pointValue: z
    .int({ message: 'A point’s value must be a whole number of minor units (pence, cents)' })
    .min(1, { message: 'A point must be worth at least one minor unit (a penny, a cent)' })
    .max(10_000, { message: 'A point worth more than 100 units of money is not believable' }),
});
export type LoyaltyRules = z.infer<typeof LoyaltyRulesSchema>;

export const LOYALTY_KEY = 'store.loyalty';
export const DEFAULT_LOYALTY: LoyaltyRules = { enabled: false, pointsPerUnit: 1, pointValue: 1 };

/** Points earned on `spent` minor units: whole units of money times the rate, rounded down. */
export function pointsEarned(rules: LoyaltyRules, spent: number, currency: string): number {
  if (!rules.enabled || spent <= 0) return 0;
  const unit = 10 ** minorUnitExponent(currency);
  return Math.floor((spent * rules.pointsPerUnit) / unit);
}

/** What `points` are worth at the till, in minor units. */
export function pointsValue(rules: LoyaltyRules, points: number): number {
  return Math.max(0, points) * rules.pointValue;
}

/** The points a payment of `amount` minor units uses up (rounded up: never less than its worth). */
export function pointsFor(rules: LoyaltyRules, amount: number): number {
  return Math.ceil(amount / rules.pointValue);
}

/** The fixed variant id every gift card line carries: not a catalogue item, never stocked. */
export const GIFT_CARD_VARIANT_ID = '0196f0a0-9c1e-7a3b-8e4d-5f6a7b8c9d0e';
export const GIFT_CARD_SKU = 'GIFT-CARD';

export function isGiftCardLine(line: { variantId: string }): boolean {
  return line.variantId === GIFT_CARD_VARIANT_ID;
}

/** The lines that go in a parcel: a gift card is a code on the receipt, never picked or packed. */
export function packableLines<T extends { variantId: string }>(lines: readonly T[]): T[] {
  return lines.filter((line) => !isGiftCardLine(line));
}

/** An order of gift cards only: handed over at the till with its receipt, never sent to packing. */
export function giftCardsOnly(order: { lines: readonly { variantId: string }[] }): boolean {
  return order.lines.length > 0 && order.lines.every(isGiftCardLine);
}

/**
 * What a paid order earns points on: money paid other than with points, less the gift cards it
 * sold (a gift card earns when it is spent, not when it is bought).
 */
export function earningBase(order: {
  lines: readonly { variantId: string; quantity: number; unitPrice: { amount: number } }[];
  payments: readonly { method: string; amount: { amount: number } }[];
}): number {
  const paid = order.payments
    .filter((p) => p.method !== 'loyalty_points')
    .reduce((total, p) => total + p.amount.amount, 0);
  const giftCards = order.lines
    .filter(isGiftCardLine)
    .reduce((total, l) => total + l.quantity * l.unitPrice.amount, 0);
  return Math.max(0, paid - giftCards);
}
