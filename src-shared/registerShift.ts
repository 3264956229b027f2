// A register shift at a counter desk: opened with a cash float, cash put in or taken out with a
// reason, sales and refunds as they happen, closed with the cash counted. What the drawer should
// hold is derived from the entries, never typed, and the end-of-day (Z) report folds the same entries.
import { formatMoney, money, zero, type Money } from './money';
import { newId } from './ids';
import type { PaymentMethod, PlannedPayment } from './payments';
import { PAYMENT_METHODS } from './records';
import { DEFAULT_STORE_PROFILE } from './storeProfile';

export type SalePayment = {
  method: PaymentMethod;
  amount: Money;
  roundingAdjustment?: Money;
  /** Card: the terminal's reference and last four digits, to match the terminal's own records. */
  reference?: string;
  cardLast4?: string;
};

export type ShiftEntry =
  | { kind: 'cash_in' | 'cash_out'; at: string; staffId: string; amount: Money; reason: string }
  | { kind: 'sale'; at: string; staffId: string; orderId: string; payments: SalePayment[]; discount: Money }
  | {
      kind: 'refund';
      at: string;
      staffId: string;
      orderId: string;
      method: PaymentMethod;
      amount: Money;
      reason: string;
    };

export type ShiftClose = {
  at: string;
  staffId: string;
  counted: Money;
  expected: Money;
  variance: Money;
  /** Why the count differs from what was expected, when it does. */
  reason?: string;
};

export type Shift = {
  id: string;
  deskId: string;
  currency: string;
  openedAt: string;
  openedBy: string;
  float: Money;
  entries: ShiftEntry[];
  closed?: ShiftClose;
};

export type ShiftResult = { ok: true; shift: Shift } | { ok: false; reason: string };

const fmt = (m: Money) => formatMoney(m, DEFAULT_STORE_PROFILE.locale);

function amountProblem(what: string, amount: Money, currency: string, allowZero = false): string | undefined {
  if (amount.currency !== currency)
    return `${what} is in ${amount.currency} but the register counts ${currency}`;
  if (!Number.isSafeInteger(amount.amount)) return `${what} must be a whole number of minor units (cents)`;
  if (amount.amount < 0 || (!allowZero && amount.amount === 0)) {
    return `${what} must be ${allowZero ? 'zero or more' : 'more than zero'}`;
  }
  return undefined;
}

export type OpenShiftInput = { deskId: string; staffId: string; float: Money; at: string; id?: string };

export function openShift(input: OpenShiftInput): ShiftResult {
  const problem = amountProblem('The float', input.float, input.float.currency, true);
  if (problem) return { ok: false, reason: problem };
  if (input.deskId.trim() === '') return { ok: false, reason: 'A shift needs the desk it is opened on' };
  return {
    ok: true,
    shift: {
      id: input.id ?? newId(),
      deskId: input.deskId,
      currency: input.float.currency,
      openedAt: input.at,
      openedBy: input.staffId,
      float: input.float,
      entries: [],
    },
  };
}

/** What the drawer should hold now: float, plus cash in and cash taken for sales, less cash out and cash refunds. */
export function expectedCash(shift: Shift): Money {
  let cash = shift.float.amount;
  for (const entry of shift.entries) {
    if (entry.kind === 'cash_in') cash += entry.amount.amount;
    if (entry.kind === 'cash_out') cash -= entry.amount.amount;
    if (entry.kind === 'refund' && entry.method === 'cash') cash -= entry.amount.amount;
    if (entry.kind === 'sale') {
      for (const p of entry.payments) {
        if (p.method === 'cash') cash += p.amount.amount + (p.roundingAdjustment?.amount ?? 0);
      }
    }
  }
  return money(cash, shift.currency);
}

function whenOpen(shift: Shift): string | undefined {
  return shift.closed ? `The shift on desk ${shift.deskId} is closed; open a new shift first` : undefined;
}

function append(shift: Shift, entry: ShiftEntry): ShiftResult {
  return { ok: true, shift: { ...shift, entries: [...shift.entries, entry] } };
}

export type CashMovementInput = {
  kind: 'cash_in' | 'cash_out';
  amount: Money;
  reason: string;
  staffId: string;
  at: string;
};

/** Cash put into or taken out of the drawer outside a sale (change bought, a banking run, petty cash). */
export function moveCash(shift: Shift, input: CashMovementInput): ShiftResult {
  const closed = whenOpen(shift);
  if (closed) return { ok: false, reason: closed };
  const what = input.kind === 'cash_in' ? 'Cash in' : 'Cash out';
  const problem = amountProblem(what, input.amount, shift.currency);
  if (problem) return { ok: false, reason: problem };
  const reason = input.reason.trim();
  if (reason === '')
    return { ok: false, reason: `${what} needs a reason (e.g. "banking", "change from the bank")` };
  const inDrawer = expectedCash(shift);
  if (input.kind === 'cash_out' && input.amount.amount > inDrawer.amount) {
    return {
      ok: false,
      reason: `The drawer should hold only ${fmt(inDrawer)}; count it before taking out ${fmt(input.amount)}`,
    };
  }
  return append(shift, {
    kind: input.kind,
    at: input.at,
    staffId: input.staffId,
    amount: input.amount,
    reason,
  });
}

export type SaleInput = {
  orderId: string;
  staffId: string;
  at: string;
  payments: readonly SalePayment[];
  /** Every discount given on the order, for the report. */
  discount?: Money;
};

/** The payments of a planned split as the register records them (see payments.ts planSplit). */
export function salePayments(planned: readonly PlannedPayment[]): SalePayment[] {
  return planned.map((p) => ({
    method: p.method,
    amount: p.applied,
    ...(p.roundingAdjustment ? { roundingAdjustment: p.roundingAdjustment } : {}),
    ...(p.method === 'card_terminal' && p.reference ? { reference: p.reference } : {}),
    ...(p.method === 'card_terminal' && p.cardLast4 ? { cardLast4: p.cardLast4 } : {}),
  }));
}

export function recordSale(shift: Shift, input: SaleInput): ShiftResult {
  const closed = whenOpen(shift);
  if (closed) return { ok: false, reason: closed };
  if (input.payments.length === 0) return { ok: false, reason: 'A sale needs at least one payment' };
  for (const p of input.payments) {
    const problem = amountProblem(`A ${p.method.replace(/_/g, ' ')} payment`, p.amount, shift.currency);
    if (problem) return { ok: false, reason: problem };
  }
  const discount = input.discount ?? zero(shift.currency);
  const problem = amountProblem('The discount', discount, shift.currency, true);
  if (problem) return { ok: false, reason: problem };
  return append(shift, {
    kind: 'sale',
    at: input.at,
    staffId: input.staffId,
    orderId: input.orderId,
    payments: [...input.payments],
    discount,
  });
}

export type RefundInput = {
  orderId: string;
  staffId: string;
  at: string;
  method: PaymentMethod;
  amount: Money;
  reason: string;
};

/** A refund at this desk; a cash refund comes out of the drawer, so it cannot take more than is there. */
export function recordRefund(shift: Shift, input: RefundInput): ShiftResult {
  const closed = whenOpen(shift);
  if (closed) return { ok: false, reason: closed };
  const problem = amountProblem('The refund', input.amount, shift.currency);
  if (problem) return { ok: false, reason: problem };
  const reason = input.reason.trim();
  if (reason === '') return { ok: false, reason: 'A refund needs a reason' };
  const inDrawer = expectedCash(shift);
  if (input.method === 'cash' && input.amount.amount > inDrawer.amount) {
    return {
      ok: false,
      reason: `The drawer should hold only ${fmt(inDrawer)}, not enough for a ${fmt(input.amount)} cash refund; refund to another method`,
    };
  }
  return append(shift, { kind: 'refund', ...input, reason });
}

export type CloseResult = { ok: true; shift: Shift; message: string } | { ok: false; reason: string };

/** Closes with the cash counted: variance = counted − expected (negative is short). */
export function closeShift(
  shift: Shift,
  input: { counted: Money; staffId: string; at: string },
): CloseResult {
  const closed = whenOpen(shift);
  if (closed) return { ok: false, reason: `The shift on desk ${shift.deskId} is already closed` };
  const problem = amountProblem('The counted cash', input.counted, shift.currency, true);
  if (problem) return { ok: false, reason: problem };
  const expected = expectedCash(shift);
  const variance = money(input.counted.amount - expected.amount, shift.currency);
  const message =
    variance.amount === 0
      ? `The drawer balances at ${fmt(expected)}`
      : `The drawer is ${fmt(money(Math.abs(variance.amount), shift.currency))} ${variance.amount < 0 ? 'short' : 'over'}: ${fmt(input.counted)} counted, ${fmt(expected)} expected`;
  return {
    ok: true,
    shift: {
      ...shift,
      closed: { at: input.at, staffId: input.staffId, counted: input.counted, expected, variance },
    },
    message,
  };
}

export type StaffTotals = {
  staffId: string;
  sales: number;
  taken: Money;
  refunds: number;
  refunded: Money;
  discounts: Money;
};

export type ZReport = {
  deskId: string;
  currency: string;
  shifts: number;
  from: string;
  to?: string;
  float: Money;
  sales: number;
  /** Everything taken, by payment method and in all. */
  byMethod: Record<PaymentMethod, Money>;
  taken: Money;
  refunds: number;
  refundsByMethod: Record<PaymentMethod, Money>;
  refunded: Money;
  discounts: Money;
  cashIn: Money;
  cashOut: Money;
  cashMovements: {
    kind: 'cash_in' | 'cash_out';
    at: string;
    staffId: string;
    amount: Money;
    reason: string;
  }[];
  expectedCash: Money;
  /** Only once every shift in the report is closed. */
  countedCash?: Money;
  variance?: Money;
  byStaff: StaffTotals[];
  /** Every card payment with its terminal reference, to reconcile with the terminal's batch. */
  cardPayments: { at: string; orderId: string; amount: Money; reference?: string; cardLast4?: string }[];
};

/**
 * The end-of-day (Z) report for one desk: its shifts' sales by payment method, refunds, discounts,
 * cash movements and the drawer count, with the same figures per member of staff.
 */
export function zReport(shifts: readonly Shift[], deskId: string): ZReport {
  const mine = shifts.filter((s) => s.deskId === deskId).sort((a, b) => a.openedAt.localeCompare(b.openedAt));
  const first = mine[0];
  if (!first) throw new Error(`Desk ${deskId} has no register shifts to report on`);
  const currency = first.currency;
  const other = mine.find((s) => s.currency !== currency);
  if (other)
    throw new Error(`Desk ${deskId} has shifts in ${currency} and ${other.currency}; report them apart`);

  const none = () => Object.fromEntries(PAYMENT_METHODS.map((m) => [m, 0])) as Record<PaymentMethod, number>;
  const byMethod = none();
  const refundsByMethod = none();
  const staff = new Map<
    string,
    { sales: number; taken: number; refunds: number; refunded: number; discounts: number }
  >();
  const staffRow = (id: string) => {
    const row = staff.get(id) ?? { sales: 0, taken: 0, refunds: 0, refunded: 0, discounts: 0 };
    staff.set(id, row);
    return row;
  };
  let sales = 0;
  let refunds = 0;
  let discounts = 0;
  let cashIn = 0;
  let cashOut = 0;
  const cashMovements: ZReport['cashMovements'] = [];
  const cardPayments: ZReport['cardPayments'] = [];
  for (const shift of mine) {
    for (const entry of shift.entries) {
      if (entry.kind === 'sale') {
        const row = staffRow(entry.staffId);
        sales += 1;
        row.sales += 1;
        discounts += entry.discount.amount;
        row.discounts += entry.discount.amount;
        for (const p of entry.payments) {
          byMethod[p.method] += p.amount.amount;
          row.taken += p.amount.amount;
          if (p.method === 'card_terminal') {
            cardPayments.push({
              at: entry.at,
              orderId: entry.orderId,
              amount: p.amount,
              ...(p.reference ? { reference: p.reference } : {}),
              ...(p.cardLast4 ? { cardLast4: p.cardLast4 } : {}),
            });
          }
        }
      } else if (entry.kind === 'refund') {
        const row = staffRow(entry.staffId);
        refunds += 1;
        row.refunds += 1;
        refundsByMethod[entry.method] += entry.amount.amount;
        row.refunded += entry.amount.amount;
      } else {
        if (entry.kind === 'cash_in') cashIn += entry.amount.amount;
        else cashOut += entry.amount.amount;
        cashMovements.push({ ...entry });
      }
    }
  }
  const m = (amount: number) => money(amount, currency);
  const perMethod = (totals: Record<PaymentMethod, number>) =>
    Object.fromEntries(PAYMENT_METHODS.map((method) => [method, m(totals[method])])) as Record<
      PaymentMethod,
      Money
    >;
  const total = (totals: Record<PaymentMethod, number>) =>
    m(PAYMENT_METHODS.reduce((s, k) => s + totals[k], 0));
  const allClosed = mine.every((s) => s.closed);
  const last = mine.at(-1)?.closed?.at;
  return {
    deskId,
    currency,
    shifts: mine.length,
    from: first.openedAt,
    ...(allClosed && last ? { to: last } : {}),
    float: m(mine.reduce((s, shift) => s + shift.float.amount, 0)),
    sales,
    byMethod: perMethod(byMethod),
    taken: total(byMethod),
    refunds,
    refundsByMethod: perMethod(refundsByMethod),
    refunded: total(refundsByMethod),
    discounts: m(discounts),
    cashIn: m(cashIn),
    cashOut: m(cashOut),
    cashMovements,
    cardPayments,
    expectedCash: m(mine.reduce((s, shift) => s + expectedCash(shift).amount, 0)),
    ...(allClosed
      ? {
          countedCash: m(mine.reduce((s, shift) => s + (shift.closed?.counted.amount ?? 0), 0)),
          variance: m(mine.reduce((s, shift) => s + (shift.closed?.variance.amount ?? 0), 0)),
        }
      : {}),
    byStaff: [...staff.entries()]
      .map(([staffId, row]) => ({
        staffId,
        sales: row.sales,
        taken: m(row.taken),
        refunds: row.refunds,
        refunded: m(row.refunded),
        discounts: m(row.discounts),
      }))
      .sort((a, b) => a.staffId.localeCompare(b.staffId)),
  };
}
