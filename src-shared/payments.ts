// Taking payment: cash with change, card on an external terminal (its reference and the last four
// digits only), cash on delivery, invoice with terms for business customers, and splits across
// them. A plan is checked as a whole before any payment.capture event is made from it.
import { newId } from './ids';
import { formatMoney, minorUnitExponent, money, zero, type Money } from './money';
import type { PAYMENT_METHODS } from './records';
import { BALANCE_KINDS, describeAccount, type BalanceKind } from './balances';

export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

export type Tender =
  /** `amount` is what the customer hands over; change is given back. To take part of what is due
   * in cash, `amount` is that part and `given` what was handed over for it. */
  | { method: 'cash'; amount: Money; given?: Money }
  | { method: 'card_terminal'; amount: Money; terminalReference: string; cardLast4: string }
  | { method: 'cash_on_delivery'; amount: Money }
  | { method: 'invoice'; amount: Money; termsDays: number; purchaseOrder?: string }
  /** A gift card, store credit or points: `account` is the ledger debited, `available` what it
   * holds as this desk knows it (the server settles it against every desk's movements). */
  | { method: BalanceKind; amount: Money; account: string; available: Money };

export type BalanceTender = Extract<Tender, { account: string }>;

/**
 * The smallest cash step, in minor units, where cash is rounded at the till (Swiss francs to
 * 5 rappen, Canadian and Australian cents to 5, New Zealand to 10). Cards pay to the cent.
 */
export const CASH_ROUNDING: Readonly<Record<string, number>> = { CHF: 5, CAD: 5, AUD: 5, NZD: 10, DKK: 50 };

export const DEFAULT_TERMS: readonly number[] = [15, 30];
/** No single payment above a million (pounds, euros, yen…) is believable at a desk. */
const MAX_TENDER_MAJOR_UNITS = 1_000_000;

export type PaymentContext = {
  /** Today in the store's time zone (YYYY-MM-DD), for invoice due dates. */
  today: string;
  customer?: { isBusiness: boolean };
  /** Overrides CASH_ROUNDING for the currency; 1 or false turns cash rounding off. */
  cashRounding?: number | false;
  /** The invoice terms the store offers, in days (default net 15 and net 30). */
  allowedTerms?: readonly number[];
  locale?: string;
};

export type PlannedPayment = {
  method: PaymentMethod;
  /** What the customer handed over or the terminal charged. */
  tendered: Money;
  /** What goes against the order: the payment.capture amount. */
  applied: Money;
  change: Money;
  /** Cash only: the rounded amount asked minus the amount due (may be negative), so that
   * tendered = applied + roundingAdjustment + change. */
  roundingAdjustment?: Money;
  remainingAfter: Money;
  reference?: string;
  cardLast4?: string;
  termsDays?: number;
  /** Invoice only: when it must be paid (YYYY-MM-DD). */
  dueDate?: string;
  /** Gift card, store credit, points: the ledger debited. */
  account?: string;
};

export type SplitPlan =
  | {
      ok: true;
      due: Money;
      payments: PlannedPayment[];
      paid: Money;
      remaining: Money;
      change: Money;
      /** False while something is still due: the order stays in payment. */
      complete: boolean;
    }
  | { ok: false; reason: string; index?: number };

type Check<T> = ({ ok: true } & T) | { ok: false; reason: string };

/** Luhn-valid runs of 13–19 digits (spaces or dashes between them allowed) are card numbers. */
function holdsCardNumber(text: string): boolean {
  return (text.match(/\d(?:[ -]?\d)*/g) ?? []).some((run) => {
    const digits = run.replace(/\D/g, '');
    if (digits.length < 13 || digits.length > 19) return false;
    let total = 0;
    for (let i = 0; i < digits.length; i++) {
      let d = digits.charCodeAt(digits.length - 1 - i) - 48;
      if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
      total += d;
    }
    return total % 10 === 0;
  });
}

/** "4111 11** **** 1111", "411111XXXXXX1111": a card number with digits hidden is still one. */
function holdsMaskedCardNumber(text: string): boolean {
  return (text.match(/[\dX*•](?:[ -]?[\dX*•])*/gi) ?? []).some((run) => {
    const chars = run.replace(/[ -]/g, '');
    return chars.length >= 13 && chars.length <= 19 && /\d{4}$/.test(chars) && /[X*•]/i.test(chars);
  });
}

// Messages never repeat what was typed: it might be a card number.
function checkReference(label: string, text: string): string | undefined {
  if (holdsCardNumber(text)) {
    return `${label} looks like a full card number, which is never stored; type only the last four digits in Card digits`;
  }
  if (holdsMaskedCardNumber(text)) {
    return `${label} looks like a masked card number; type only the last four digits in Card digits`;
  }
  if (/\b(cvv2?|cvc2?|csc|cv2|security code)\b/i.test(text)) {
    return `${label} mentions a card security code, which is never stored; type only the terminal's reference`;
  }
  if (/^\d{3,4}$/.test(text)) {
    return `${label} is only ${text.length} digits, like a card security code or card digits; type the reference from the terminal slip`;
  }
  if (/^(0[1-9]|1[0-2])\s*\/\s*\d{2}(\d{2})?$/.test(text)) {
    return `${label} looks like a card's expiry date, which is never stored; type the reference from the terminal slip`;
  }
  if (text.length > 80) return `${label} is longer than 80 characters`;
  return undefined;
}

/** The terminal's reference and the last four digits, or why they cannot be stored. */
export function checkCardDetails(
  terminalReference: string,
  cardLast4: string,
): Check<{ reference: string; cardLast4: string }> {
  const reference = terminalReference.trim();
  if (reference === '') return { ok: false, reason: "Type the terminal's reference from the card slip" };
  const problem = checkReference("The terminal's reference", reference);
  if (problem) return { ok: false, reason: problem };
  const digits = cardLast4.replace(/[\s-]/g, '');
  if (/^\d{4}$/.test(digits)) return { ok: true, reference, cardLast4: digits };
  if (/^\d{3}$/.test(digits)) {
    return {
      ok: false,
      reason:
        'Three digits is a card security code (CVV), which is never stored; type the last four digits of the card number',
    };
  }
  if (/^\d{12,19}$/.test(digits)) {
    return {
      ok: false,
      reason: 'That is the whole card number, which is never stored; type only its last four digits',
    };
  }
  return { ok: false, reason: 'Card digits must be the last four digits of the card number, e.g. 4242' };
}

/** The calendar day `days` after `today` (YYYY-MM-DD). */
export function addDays(today: string, days: number): string {
  const time = Date.parse(`${today}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today) || Number.isNaN(time)) {
    throw new Error(`"${today}" is not a calendar date written as YYYY-MM-DD`);
  }
  return new Date(time + days * 86_400_000).toISOString().slice(0, 10);
}

function cashStep(currency: string, override: number | false | undefined): number {
  if (override === false) return 1;
  const step = override ?? CASH_ROUNDING[currency] ?? 1;
  return Number.isSafeInteger(step) && step > 0 ? step : 1;
}

/** Rounds to the nearest cash step, halves up: CHF 12.37 → 12.35, 12.38 → 12.40. */
export function roundForCash(amount: Money, step: number): Money {
  const rounded = Math.floor((amount.amount + step / 2) / step) * step;
  return money(rounded, amount.currency);
}

export type CashChange = Check<{ toPay: Money; change: Money; roundingAdjustment: Money }>;

/** What to ask for in cash (rounded where cash is) and the change to give back. */
export function cashChange(
  due: Money,
  tendered: Money,
  options: Pick<PaymentContext, 'cashRounding' | 'locale'> = {},
): CashChange {
  const problem = checkAmount({ method: 'cash', amount: tendered }, due);
  if (problem) return { ok: false, reason: problem };
  const toPay = roundForCash(due, cashStep(due.currency, options.cashRounding));
  if (tendered.amount < toPay.amount) {
    return {
      ok: false,
      reason: `${fmt(tendered, options.locale)} is not enough: ${fmt(toPay, options.locale)} is due`,
    };
  }
  return {
    ok: true,
    toPay,
    change: money(tendered.amount - toPay.amount, due.currency),
    roundingAdjustment: money(toPay.amount - due.amount, due.currency),
  };
}

function fmt(m: Money, locale = 'en-GB'): string {
  return formatMoney(m, locale);
}

const METHOD_NAMES: Record<PaymentMethod, string> = {
  cash: 'Cash',
  card_terminal: 'Card payment',
  cash_on_delivery: 'Cash on delivery',
  invoice: 'Invoice',
  bank_transfer: 'Bank transfer',
  gift_card: 'Gift card',
  store_credit: 'Store credit',
  loyalty_points: 'Points',
};

export function isBalanceMethod(method: string): method is BalanceKind {
  return (BALANCE_KINDS as readonly string[]).includes(method);
}

function checkAmount(tender: Tender, due: Money): string | undefined {
  const { amount } = tender;
  const name = METHOD_NAMES[tender.method];
  if (amount.currency !== due.currency) {
    return `${name} is in ${amount.currency} but the order is in ${due.currency}`;
  }
  if (!Number.isSafeInteger(amount.amount)) {
    return `${name} amount must be a whole number of minor units (cents), not ${amount.amount}`;
  }
  if (amount.amount <= 0) return `${name} amount must be more than zero`;
  const max = MAX_TENDER_MAJOR_UNITS * 10 ** minorUnitExponent(due.currency);
  if (amount.amount > max) {
    return `${name} of ${fmt(amount)} is not believable; check the amount (at most ${fmt(money(max, due.currency))})`;
  }
  return undefined;
}

/**
 * Checks a split payment in order: each tender against what is still due. Only cash may be more
 * than what is left (the rest is change), and nothing may follow a payment that settled the order.
 * Fewer tenders than due is fine: the plan is not complete and the order stays in payment.
 */
export function planSplit(due: Money, tenders: readonly Tender[], context: PaymentContext): SplitPlan {
  if (!Number.isSafeInteger(due.amount) || due.amount < 0) {
    return { ok: false, reason: `The amount due must be a whole number of minor units of zero or more` };
  }
  const locale = context.locale;
  const payments: PlannedPayment[] = [];
  let remaining = due.amount;
  let change = 0;
  for (const [index, tender] of tenders.entries()) {
    const refuse = (reason: string): SplitPlan => ({ ok: false, reason, index });
    const name = METHOD_NAMES[tender.method];
    const amountProblem = checkAmount(tender, due);
    if (amountProblem) return refuse(amountProblem);
    if (remaining === 0) {
      return refuse(`The order is already paid in full; remove the extra ${name.toLowerCase()}`);
    }
    const left = money(remaining, due.currency);
    const base = { method: tender.method, tendered: tender.amount, change: zero(due.currency) };

    if (tender.method === 'cash') {
      const step = cashStep(due.currency, context.cashRounding);
      const asked = roundForCash(left, step);
      if (tender.amount.amount >= asked.amount) {
        change = tender.amount.amount - asked.amount;
        payments.push({
          ...base,
          applied: left,
          change: money(change, due.currency),
          ...(step > 1 ? { roundingAdjustment: money(asked.amount - remaining, due.currency) } : {}),
          remainingAfter: zero(due.currency),
        });
        remaining = 0;
        continue;
      }
      remaining -= tender.amount.amount;
      const given = tender.given && tender.given.amount > tender.amount.amount ? tender.given : null;
      payments.push({
        ...base,
        applied: tender.amount,
        ...(given
          ? { tendered: given, change: money(given.amount - tender.amount.amount, due.currency) }
          : {}),
        remainingAfter: money(remaining, due.currency),
      });
      continue;
    }

    if (tender.amount.amount > remaining) {
      return refuse(
        `${name} of ${fmt(tender.amount, locale)} is more than the ${fmt(left, locale)} still due; only cash can be more (change is given)`,
      );
    }
    let extra: Partial<PlannedPayment> = {};
    if (
      tender.method === 'gift_card' ||
      tender.method === 'store_credit' ||
      tender.method === 'loyalty_points'
    ) {
      if (tender.amount.amount > tender.available.amount) {
        return refuse(
          `${describeAccount(tender.account)} holds ${fmt(tender.available, locale)}, not ${fmt(tender.amount, locale)}; take the rest another way`,
        );
      }
      extra = { account: tender.account, reference: describeAccount(tender.account) };
    }
    if (tender.method === 'card_terminal') {
      const card = checkCardDetails(tender.terminalReference, tender.cardLast4);
      if (!card.ok) return refuse(card.reason);
      extra = { reference: card.reference, cardLast4: card.cardLast4 };
    }
    if (tender.method === 'invoice') {
      if (!context.customer?.isBusiness) {
        return refuse(
          'Invoices with payment terms are for business customers; choose a business customer or another way to pay',
        );
      }
      const terms = context.allowedTerms ?? DEFAULT_TERMS;
      if (!terms.includes(tender.termsDays)) {
        return refuse(
          `Payment terms must be ${terms.map((t) => `net ${t}`).join(' or ')}, not ${tender.termsDays} days`,
        );
      }
      const po = tender.purchaseOrder?.trim() ?? '';
      const problem = po === '' ? undefined : checkReference('The purchase order number', po);
      if (problem) return refuse(problem);
      extra = {
        termsDays: tender.termsDays,
        dueDate: addDays(context.today, tender.termsDays),
        ...(po ? { reference: po } : {}),
      };
    }
    remaining -= tender.amount.amount;
    payments.push({
      ...base,
      applied: tender.amount,
      ...extra,
      remainingAfter: money(remaining, due.currency),
    });
  }
  const paid = payments.reduce((total, p) => total + p.applied.amount, 0);
  return {
    ok: true,
    due,
    payments,
    paid: money(paid, due.currency),
    remaining: money(remaining, due.currency),
    change: money(change, due.currency),
    complete: remaining === 0,
  };
}

export type PaymentCaptureEvent = {
  type: 'payment.capture';
  paymentId: string;
  method: PaymentMethod;
  amount: number;
};
export type PaymentDetails = {
  reference?: string;
  cardLast4?: string;
  termsDays?: number;
  /** Cash: what was handed over and the change given, for the receipt. */
  tendered?: Money;
  change?: Money;
};
export type PaymentCapture = { event: PaymentCaptureEvent; details?: { payment: PaymentDetails } };

/** One payment.capture event per planned payment, with the details the order writer keeps. */
export function captureEvents(
  payments: readonly PlannedPayment[],
  makeId: () => string = newId,
): PaymentCapture[] {
  return payments.map((p) => {
    const payment: PaymentDetails = {
      ...(p.reference !== undefined ? { reference: p.reference } : {}),
      ...(p.cardLast4 !== undefined ? { cardLast4: p.cardLast4 } : {}),
      ...(p.termsDays !== undefined ? { termsDays: p.termsDays } : {}),
      ...(p.method === 'cash' && p.tendered.amount !== p.applied.amount
        ? { tendered: p.tendered, change: p.change }
        : {}),
    };
    const event: PaymentCaptureEvent = {
      type: 'payment.capture',
      paymentId: makeId(),
      method: p.method,
      amount: p.applied.amount,
    };
    return Object.keys(payment).length > 0 ? { event, details: { payment } } : { event };
  });
}
