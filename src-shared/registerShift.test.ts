import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { money } from './money';
import { planSplit } from './payments';
import {
  closeShift,
  expectedCash,
  moveCash,
  openShift,
  recordRefund,
  recordSale,
  salePayments,
  zReport,
  type Shift,
  type ShiftResult,
} from './registerShift';

const gbp = (amount: number) => money(amount, 'GBP');
const at = (hour: number) => `2026-05-15T${String(hour).padStart(2, '0')}:00:00.000Z`;

function ok(result: ShiftResult): Shift {
  if (!result.ok) throw new Error(result.reason);
  return result.shift;
}

function opened(float = 100_00, deskId = 'D1'): Shift {
  return ok(openShift({ deskId, staffId: 'ann', float: gbp(float), at: at(9) }));
}

function busyDay(): Shift {
  let shift = opened();
  shift = ok(
    moveCash(shift, {
      kind: 'cash_in',
      amount: gbp(20_00),
      reason: 'Change from the bank',
      staffId: 'ann',
      at: at(9),
    }),
  );
  shift = ok(
    recordSale(shift, {
      orderId: 'o1',
      staffId: 'ann',
      at: at(10),
      payments: [{ method: 'cash', amount: gbp(12_50) }],
      discount: gbp(1_00),
    }),
  );
  shift = ok(
    recordSale(shift, {
      orderId: 'o2',
      staffId: 'bob',
      at: at(11),
      payments: [
        { method: 'card_terminal', amount: gbp(30_00) },
        { method: 'cash', amount: gbp(10_00) },
      ],
    }),
  );
  shift = ok(
    recordSale(shift, {
      orderId: 'o3',
      staffId: 'bob',
      at: at(12),
      payments: [{ method: 'invoice', amount: gbp(200_00) }],
    }),
  );
  shift = ok(
    recordRefund(shift, {
      orderId: 'o1',
      staffId: 'ann',
      at: at(13),
      method: 'cash',
      amount: gbp(2_50),
      reason: 'Chipped mug',
    }),
  );
  shift = ok(
    moveCash(shift, { kind: 'cash_out', amount: gbp(50_00), reason: 'Banking', staffId: 'ann', at: at(14) }),
  );
  return shift;
}

describe('register shift', () => {
  test('the drawer should hold float + cash in + cash sales − cash refunds − cash out', () => {
    // 100 + 20 + 12.50 + 10 − 2.50 − 50; card and invoice never reach the drawer.
    expect(expectedCash(busyDay())).toEqual(gbp(90_00));
  });

  test('closing with the counted cash gives the variance, short or over, in words', () => {
    const short = closeShift(busyDay(), { counted: gbp(88_00), staffId: 'ann', at: at(18) });
    expect(short).toMatchObject({
      ok: true,
      message: 'The drawer is £2.00 short: £88.00 counted, £90.00 expected',
    });
    expect(short.ok && short.shift.closed?.variance).toEqual(gbp(-2_00));
    const over = closeShift(busyDay(), { counted: gbp(90_50), staffId: 'ann', at: at(18) });
    expect(over.ok && over.message).toBe('The drawer is £0.50 over: £90.50 counted, £90.00 expected');
    const even = closeShift(busyDay(), { counted: gbp(90_00), staffId: 'ann', at: at(18) });
    expect(even.ok && even.message).toBe('The drawer balances at £90.00');
  });

  test('a closed shift takes no more entries and cannot be closed twice', () => {
    const close = closeShift(opened(), { counted: gbp(100_00), staffId: 'ann', at: at(18) });
    if (!close.ok) throw new Error(close.reason);
    const sale = recordSale(close.shift, {
      orderId: 'o9',
      staffId: 'ann',
      at: at(19),
      payments: [{ method: 'cash', amount: gbp(1_00) }],
    });
    expect(sale).toEqual({ ok: false, reason: 'The shift on desk D1 is closed; open a new shift first' });
    expect(closeShift(close.shift, { counted: gbp(1), staffId: 'ann', at: at(19) })).toMatchObject({
      ok: false,
    });
  });

  test.each([
    [
      { kind: 'cash_out' as const, amount: gbp(500_00), reason: 'Banking' },
      'The drawer should hold only £100.00; count it before taking out £500.00',
    ],
    [
      { kind: 'cash_in' as const, amount: gbp(10_00), reason: '  ' },
      'Cash in needs a reason (e.g. "banking", "change from the bank")',
    ],
    [{ kind: 'cash_in' as const, amount: gbp(-10_00), reason: 'x' }, 'Cash in must be more than zero'],
    [
      { kind: 'cash_in' as const, amount: { amount: 10.5, currency: 'GBP' }, reason: 'x' },
      'Cash in must be a whole number of minor units (cents)',
    ],
    [
      { kind: 'cash_in' as const, amount: money(10_00, 'EUR'), reason: 'x' },
      'Cash in is in EUR but the register counts GBP',
    ],
  ])('a bad cash movement is refused: %o', (movement, reason) => {
    expect(moveCash(opened(), { ...movement, staffId: 'ann', at: at(10) })).toEqual({ ok: false, reason });
  });

  test('a cash refund cannot take more than the drawer holds', () => {
    const refund = recordRefund(opened(10_00), {
      orderId: 'o1',
      staffId: 'ann',
      at: at(10),
      method: 'cash',
      amount: gbp(20_00),
      reason: 'Wrong size',
    });
    expect(refund).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/not enough for a £20.00 cash refund/),
    });
  });

  test('a split planned at checkout is recorded with its till rounding in the drawer', () => {
    const chf = (a: number) => money(a, 'CHF');
    const plan = planSplit(chf(10_03), [{ method: 'cash', amount: chf(20_00) }], { today: '2026-05-15' });
    if (!plan.ok) throw new Error(plan.reason);
    let shift = ok(openShift({ deskId: 'Z1', staffId: 'ann', float: chf(50_00), at: at(9) }));
    shift = ok(
      recordSale(shift, { orderId: 'o1', staffId: 'ann', at: at(10), payments: salePayments(plan.payments) }),
    );
    // The customer paid 10.05 in cash for a 10.03 order.
    expect(expectedCash(shift)).toEqual(chf(60_05));
  });

  test('the Z report lists each card payment with its terminal reference, to match the terminal', () => {
    const plan = planSplit(
      gbp(30_00),
      [{ method: 'card_terminal', amount: gbp(30_00), terminalReference: 'TID-88231', cardLast4: '4242' }],
      { today: '2026-05-15' },
    );
    if (!plan.ok) throw new Error(plan.reason);
    const shift = ok(
      recordSale(opened(), {
        orderId: 'o7',
        staffId: 'ann',
        at: at(11),
        payments: salePayments(plan.payments),
      }),
    );
    expect(zReport([shift], 'D1').cardPayments).toEqual([
      { at: at(11), orderId: 'o7', amount: gbp(30_00), reference: 'TID-88231', cardLast4: '4242' },
    ]);
  });

  test('the Z report gives totals by method, refunds, discounts, sales and the drawer, per desk and per staff', () => {
    const close = closeShift(busyDay(), { counted: gbp(88_00), staffId: 'ann', at: at(18) });
    if (!close.ok) throw new Error(close.reason);
    const otherDesk = opened(100_00, 'D2');
    const report = zReport([close.shift, otherDesk], 'D1');
    expect(report).toMatchObject({
      deskId: 'D1',
      shifts: 1,
      from: at(9),
      to: at(18),
      float: gbp(100_00),
      sales: 3,
      byMethod: {
        cash: gbp(22_50),
        card_terminal: gbp(30_00),
        cash_on_delivery: gbp(0),
        invoice: gbp(200_00),
      },
      taken: gbp(252_50),
      refunds: 1,
      refunded: gbp(2_50),
      discounts: gbp(1_00),
      cashIn: gbp(20_00),
      cashOut: gbp(50_00),
      expectedCash: gbp(90_00),
      countedCash: gbp(88_00),
      variance: gbp(-2_00),
    });
    expect(report.cashMovements.map((c) => [c.kind, c.reason])).toEqual([
      ['cash_in', 'Change from the bank'],
      ['cash_out', 'Banking'],
    ]);
    expect(report.byStaff).toEqual([
      { staffId: 'ann', sales: 1, taken: gbp(12_50), refunds: 1, refunded: gbp(2_50), discounts: gbp(1_00) },
      { staffId: 'bob', sales: 2, taken: gbp(240_00), refunds: 0, refunded: gbp(0), discounts: gbp(0) },
    ]);
  });

  test('a report with a shift still open has no count or variance yet', () => {
    const report = zReport([busyDay()], 'D1');
    expect(report.countedCash).toBeUndefined();
    expect(report.variance).toBeUndefined();
    expect(() => zReport([busyDay()], 'D9')).toThrow(/no register shifts/);
  });

  test('for any sequence of accepted entries, the drawer never goes below zero and the report adds up', () => {
    const step = fc.oneof(
      fc.record({ kind: fc.constant('cash_in' as const), amount: fc.integer({ min: 1, max: 100_00 }) }),
      fc.record({ kind: fc.constant('cash_out' as const), amount: fc.integer({ min: 1, max: 100_00 }) }),
      fc.record({ kind: fc.constant('sale' as const), amount: fc.integer({ min: 1, max: 100_00 }) }),
      fc.record({ kind: fc.constant('refund' as const), amount: fc.integer({ min: 1, max: 100_00 }) }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 200_00 }), fc.array(step, { maxLength: 20 }), (float, steps) => {
        let shift = opened(float);
        for (const s of steps) {
          const amount = gbp(s.amount);
          const base = { staffId: 'ann', at: at(10) };
          const result =
            s.kind === 'sale'
              ? recordSale(shift, { ...base, orderId: 'o', payments: [{ method: 'cash', amount }] })
              : s.kind === 'refund'
                ? recordRefund(shift, { ...base, orderId: 'o', method: 'cash', amount, reason: 'r' })
                : moveCash(shift, { ...base, kind: s.kind, amount, reason: 'r' });
          if (result.ok) shift = result.shift;
          expect(expectedCash(shift).amount).toBeGreaterThanOrEqual(0);
        }
        const report = zReport([shift], 'D1');
        expect(report.expectedCash.amount).toBe(
          float +
            report.cashIn.amount -
            report.cashOut.amount +
            report.byMethod.cash.amount -
            report.refundsByMethod.cash.amount,
        );
      }),
    );
  });
});
