import { describe, expect, it } from 'vitest';
import type { Order, Payment } from './records';
import { openReceivables, paymentStateLabel, receivableOf } from './receivables';

const pay = (p: Partial<Payment> & Pick<Payment, 'method'>, amount: number): Payment => ({
  id: `p-${Math.random()}`,
  amount: { amount, currency: 'GBP' },
  at: '2026-11-01T10:00:00.000Z',
  ...p,
});

function order(
  number: string,
  owed: number | undefined,
  payments: Payment[],
  status: Order['status'] = 'processing',
) {
  return {
    id: number,
    number,
    status,
    currency: 'GBP',
    customerName: 'Kaufhaus Nord GmbH',
    payments,
    totals: {
      subtotal: 10000,
      discount: 0,
      shipping: 0,
      tax: 0,
      total: 10000,
      paid: 10000,
      refunded: 0,
      ...(owed === undefined ? {} : { owed }),
    },
  } as unknown as Order;
}

describe('receivables', () => {
  it('keeps an invoice sale unpaid until its payment arrives, with its due date', () => {
    const invoice = order('D1-000001', 10000, [
      pay({ method: 'invoice', termsDays: 30, reference: 'PO-77' }, 10000),
    ]);
    expect(receivableOf(invoice, '2026-11-20')).toMatchObject({
      owed: 10000,
      state: 'unpaid',
      dueDate: '2026-12-01',
      daysOverdue: 0,
      purchaseOrder: 'PO-77',
    });
    expect(paymentStateLabel(receivableOf(invoice, '2026-12-05'))).toBe('Unpaid (invoice, 4 days overdue)');
  });

  it('shows an invoice partly paid as such, and a paid one as owing nothing', () => {
    const part = order('D1-000002', 4000, [
      pay({ method: 'invoice', termsDays: 15 }, 10000),
      pay({ method: 'bank_transfer', received: true }, 6000),
    ]);
    expect(receivableOf(part, '2026-11-02')).toMatchObject({ owed: 4000, state: 'part paid' });
    expect(paymentStateLabel(receivableOf(part, '2026-11-02'))).toBe('Part paid (invoice)');
    expect(receivableOf(order('D1-000003', 0, []), '2026-11-02')).toBeNull();
    expect(receivableOf(order('D1-000004', undefined, []), '2026-11-02')).toBeNull();
  });

  it('lists open balances most overdue first, cash on delivery (no due date) last', () => {
    const rows = openReceivables(
      [
        order('D1-000010', 2000, [pay({ method: 'cash_on_delivery' }, 2000)]),
        order('D1-000011', 10000, [pay({ method: 'invoice', termsDays: 30 }, 10000)]),
        order('D1-000012', 10000, [pay({ method: 'invoice', termsDays: 15 }, 10000)]),
        order('D1-000013', 10000, [pay({ method: 'invoice', termsDays: 15 }, 10000)], 'cancelled'),
      ],
      '2026-12-10',
    );
    expect(rows.map((r) => [r.number, r.daysOverdue])).toEqual([
      ['D1-000012', 24],
      ['D1-000011', 9],
      ['D1-000010', 0],
    ]);
  });
});
