import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { money } from './money';
import { parseOrderEvent } from '../machines/orderEvents';
import { OrderDetailsSchema } from './orderRow';
import {
  captureEvents,
  cashChange,
  checkCardDetails,
  planSplit,
  roundForCash,
  type PaymentContext,
  type Tender,
} from './payments';

const gbp = (amount: number) => money(amount, 'GBP');
const chf = (amount: number) => money(amount, 'CHF');
const shop: PaymentContext = { today: '2026-05-15' };
const business: PaymentContext = { ...shop, customer: { isBusiness: true } };
const card = (amount: number, terminalReference = 'TRX-88123', cardLast4 = '4242'): Tender => ({
  method: 'card_terminal',
  amount: gbp(amount),
  terminalReference,
  cardLast4,
});

describe('cash', () => {
  test('change is what was handed over less what is due', () => {
    expect(cashChange(gbp(12_37), gbp(20_00))).toEqual({
      ok: true,
      toPay: gbp(12_37),
      change: gbp(7_63),
      roundingAdjustment: gbp(0),
    });
  });

  test('too little cash says what is due', () => {
    expect(cashChange(gbp(12_37), gbp(10_00))).toEqual({
      ok: false,
      reason: '£10.00 is not enough: £12.37 is due',
    });
  });

  test('Swiss francs round to 5 rappen at the till, halves up', () => {
    expect(roundForCash(chf(12_37), 5)).toEqual(chf(12_35));
    expect(roundForCash(chf(12_38), 5)).toEqual(chf(12_40));
    expect(roundForCash(chf(12_35), 5)).toEqual(chf(12_35));
    const result = cashChange(chf(12_38), chf(20_00));
    expect(result).toEqual({ ok: true, toPay: chf(12_40), change: chf(7_60), roundingAdjustment: chf(2) });
    expect(cashChange(chf(12_38), chf(20_00), { cashRounding: false })).toMatchObject({ change: chf(7_62) });
  });

  test.each([
    [gbp(-5_00), 'Cash amount must be more than zero'],
    [gbp(0), 'Cash amount must be more than zero'],
    [
      { amount: 10.5, currency: 'GBP' },
      'Cash amount must be a whole number of minor units (cents), not 10.5',
    ],
    [gbp(1e9), 'Cash of £10,000,000.00 is not believable; check the amount (at most £1,000,000.00)'],
    [money(20_00, 'EUR'), 'Cash is in EUR but the order is in GBP'],
  ])('bad tendered amount %o is refused', (tendered, reason) => {
    expect(cashChange(gbp(12_37), tendered)).toEqual({ ok: false, reason });
  });
});

describe('card on an external terminal', () => {
  test('keeps the reference and the last four digits, trimmed', () => {
    expect(checkCardDetails('  TRX-88123 ', '42 42')).toEqual({
      ok: true,
      reference: 'TRX-88123',
      cardLast4: '4242',
    });
  });

  test.each([
    ['4111 1111 1111 1111', '4242', /full card number/],
    ['4111-1111-1111-1111', '4242', /full card number/],
    ['ref 4111111111111111', '4242', /full card number/],
    ['4111 11** **** 1111', '4242', /masked card number/],
    ['TRX-1 CVV 123', '4242', /security code/],
    ['123', '4242', /only 3 digits/],
    ['09/27', '4242', /expiry date/],
    ['', '4242', /terminal's reference/],
    ['TRX-88123', '123', /security code \(CVV\)/],
    ['TRX-88123', '4111111111111111', /whole card number/],
    ['TRX-88123', '42a2', /last four digits/],
    ['TRX-88123', '', /last four digits/],
  ])('refuses reference %j with digits %j', (reference, last4, reason) => {
    const check = checkCardDetails(reference, last4);
    expect(check.ok).toBe(false);
    expect(!check.ok && check.reason).toMatch(reason);
  });

  test('a refusal never repeats the card number that was typed', () => {
    for (const [ref, last4] of [
      ['4111 1111 1111 1111', '4242'],
      ['TRX-1', '4111111111111111'],
    ] as const) {
      const check = checkCardDetails(ref, last4);
      expect(!check.ok && check.reason).not.toMatch(/4111/);
    }
  });
});

describe('split payments', () => {
  test('card then cash: remaining after each, change from the cash', () => {
    const plan = planSplit(gbp(50_00), [card(30_00), { method: 'cash', amount: gbp(25_00) }], shop);
    expect(plan.ok).toBe(true);
    if (!plan.ok) return;
    expect(
      plan.payments.map((p) => [p.method, p.applied.amount, p.remainingAfter.amount, p.change.amount]),
    ).toEqual([
      ['card_terminal', 30_00, 20_00, 0],
      ['cash', 20_00, 0, 5_00],
    ]);
    expect(plan).toMatchObject({ paid: gbp(50_00), remaining: gbp(0), change: gbp(5_00), complete: true });
  });

  test('a partly paid order is not complete and says what is left', () => {
    const plan = planSplit(gbp(50_00), [card(20_00)], shop);
    expect(plan).toMatchObject({ ok: true, remaining: gbp(30_00), complete: false });
  });

  test('only cash may be more than what is left', () => {
    const plan = planSplit(gbp(50_00), [card(30_00), card(25_00)], shop);
    expect(plan).toEqual({
      ok: false,
      index: 1,
      reason:
        'Card payment of £25.00 is more than the £20.00 still due; only cash can be more (change is given)',
    });
  });

  test('nothing may follow a payment that settled the order', () => {
    const plan = planSplit(gbp(10_00), [{ method: 'cash', amount: gbp(20_00) }, card(1_00)], shop);
    expect(plan).toMatchObject({
      ok: false,
      index: 1,
      reason: expect.stringMatching(/already paid in full/),
    });
  });

  test('a card number typed as the reference stops the whole plan', () => {
    const plan = planSplit(gbp(50_00), [card(50_00, '4111111111111111')], shop);
    expect(plan).toMatchObject({ ok: false, index: 0, reason: expect.stringMatching(/full card number/) });
  });

  test('invoice on net 30 for a business customer, with its due date and purchase order', () => {
    const plan = planSplit(
      gbp(500_00),
      [{ method: 'invoice', amount: gbp(500_00), termsDays: 30, purchaseOrder: 'PO-7781' }],
      business,
    );
    expect(plan.ok && plan.payments[0]).toMatchObject({
      termsDays: 30,
      dueDate: '2026-06-14',
      reference: 'PO-7781',
    });
  });

  test('invoice terms are refused for a private customer and for terms the store does not offer', () => {
    const invoice: Tender = { method: 'invoice', amount: gbp(500_00), termsDays: 30 };
    expect(planSplit(gbp(500_00), [invoice], shop)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/for business customers/),
    });
    expect(planSplit(gbp(500_00), [{ ...invoice, termsDays: 45 }], business)).toMatchObject({
      ok: false,
      reason: 'Payment terms must be net 15 or net 30, not 45 days',
    });
  });

  test('cash on delivery takes the amount with no details', () => {
    const plan = planSplit(gbp(42_00), [{ method: 'cash_on_delivery', amount: gbp(42_00) }], shop);
    expect(plan).toMatchObject({ ok: true, complete: true });
    expect(captureEvents(plan.ok ? plan.payments : [])[0]).not.toHaveProperty('details');
  });

  test.each([
    [card(-1_00), /more than zero/],
    [{ ...card(1), amount: { amount: 10.5, currency: 'GBP' } } as Tender, /whole number/],
    [card(1e9), /not believable/],
  ])('a bad amount is refused: %o', (tender, reason) => {
    expect(planSplit(gbp(50_00), [tender], shop)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(reason),
    });
  });

  test('a split in Swiss francs rounds only the cash that settles it', () => {
    const plan = planSplit(
      chf(50_03),
      [
        { method: 'card_terminal', amount: chf(20_00), terminalReference: 'T-1', cardLast4: '1111' },
        { method: 'cash', amount: chf(40_00) },
      ],
      shop,
    );
    expect(plan.ok && plan.payments[1]).toMatchObject({
      applied: chf(30_03),
      change: chf(9_95),
      roundingAdjustment: chf(2),
    });
  });

  test('for any tenders, applied amounts never exceed what was due and add up with what is left', () => {
    const tender = fc.oneof(
      fc.integer({ min: 1, max: 100_00 }).map((a): Tender => ({ method: 'cash', amount: gbp(a) })),
      fc.integer({ min: 1, max: 100_00 }).map((a) => card(a)),
      fc
        .integer({ min: 1, max: 100_00 })
        .map((a): Tender => ({ method: 'cash_on_delivery', amount: gbp(a) })),
    );
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 200_00 }), fc.array(tender, { maxLength: 5 }), (due, tenders) => {
        const plan = planSplit(gbp(due), tenders, shop);
        if (!plan.ok) return;
        expect(plan.paid.amount + plan.remaining.amount).toBe(due);
        expect(plan.remaining.amount).toBeGreaterThanOrEqual(0);
        for (const p of plan.payments) {
          expect(p.applied.amount).toBeGreaterThan(0);
          expect(p.applied.amount + p.change.amount).toBe(p.tendered.amount);
          if (p.method !== 'cash') expect(p.change.amount).toBe(0);
        }
      }),
    );
  });
});

describe('payment.capture events', () => {
  test('each planned payment becomes an event the order machine accepts, with details the order writer keeps', () => {
    const plan = planSplit(
      gbp(600_00),
      [
        card(100_00),
        { method: 'invoice', amount: gbp(450_00), termsDays: 15 },
        { method: 'cash', amount: gbp(60_00) },
      ],
      business,
    );
    if (!plan.ok) throw new Error(plan.reason);
    const ids = [
      '0196f6c4-1c2a-7000-8000-000000000001',
      '0196f6c4-1c2a-7000-8000-000000000002',
      '0196f6c4-1c2a-7000-8000-000000000003',
    ];
    let next = 0;
    const captures = captureEvents(plan.payments, () => ids[next++] ?? '');
    expect(captures).toEqual([
      {
        event: { type: 'payment.capture', paymentId: ids[0], method: 'card_terminal', amount: 100_00 },
        details: { payment: { reference: 'TRX-88123', cardLast4: '4242' } },
      },
      {
        event: { type: 'payment.capture', paymentId: ids[1], method: 'invoice', amount: 450_00 },
        details: { payment: { termsDays: 15 } },
      },
      // Cash keeps what was handed over and the change, for the receipt.
      {
        event: { type: 'payment.capture', paymentId: ids[2], method: 'cash', amount: 50_00 },
        details: { payment: { tendered: gbp(60_00), change: gbp(10_00) } },
      },
    ]);
    for (const capture of captures) {
      expect(parseOrderEvent(capture.event).ok).toBe(true);
      if (capture.details) expect(OrderDetailsSchema.safeParse(capture.details).success).toBe(true);
    }
  });

  test('part of the sale in cash keeps what was handed over for it and the change', () => {
    const plan = planSplit(gbp(30_00), [{ method: 'cash', amount: gbp(5_00), given: gbp(10_00) }], business);
    if (!plan.ok) throw new Error(plan.reason);
    expect(captureEvents(plan.payments, () => '0196f6c4-1c2a-7000-8000-000000000009')).toEqual([
      {
        event: {
          type: 'payment.capture',
          paymentId: '0196f6c4-1c2a-7000-8000-000000000009',
          method: 'cash',
          amount: 5_00,
        },
        details: { payment: { tendered: gbp(10_00), change: gbp(5_00) } },
      },
    ]);
    expect(plan.remaining).toEqual(gbp(25_00));
  });
});
