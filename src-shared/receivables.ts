// Money owed on account: an invoice or cash-on-delivery sale stays unpaid until its payment is
// recorded. Says what a customer owes on an order, by when, and whether it is overdue.
import { addDays } from './payments';
import type { Order } from './records';

export type Receivable = {
  orderId: string;
  number: string;
  customerId?: string;
  customerName?: string;
  currency: string;
  /** What the order costs (after refunds) and what of it is still owed. */
  total: number;
  owed: number;
  /** 'unpaid' when nothing owed on account has arrived yet, 'part paid' when some has. */
  state: 'unpaid' | 'part paid';
  method: 'invoice' | 'cash_on_delivery';
  /** Invoices: the day payment is due (YYYY-MM-DD); cash on delivery is due when it is delivered. */
  dueDate?: string;
  daysOverdue: number;
  purchaseOrder?: string;
};

/** The order's open balance on account, or null when it owes nothing. */
export function receivableOf(order: Order, today: string): Receivable | null {
  const owed = order.totals.owed ?? 0;
  if (owed <= 0 || order.status === 'cancelled') return null;
  const onAccount = order.payments.filter(
    (p) => !p.received && (p.method === 'invoice' || p.method === 'cash_on_delivery'),
  );
  const invoice = onAccount.find((p) => p.method === 'invoice');
  const putOnAccount = onAccount.reduce((sum, p) => sum + p.amount.amount, 0);
  const dueDate =
    invoice?.termsDays !== undefined ? addDays(invoice.at.slice(0, 10), invoice.termsDays) : undefined;
  const daysOverdue = dueDate
    ? Math.max(0, Math.round((Date.parse(today) - Date.parse(dueDate)) / 86_400_000))
    : 0;
  return {
    orderId: order.id,
    number: order.number,
    ...(order.customerId ? { customerId: order.customerId } : {}),
    ...(order.customerName ? { customerName: order.customerName } : {}),
    currency: order.currency,
    total: order.totals.total,
    owed,
    state: owed < putOnAccount ? 'part paid' : 'unpaid',
    method: invoice ? 'invoice' : 'cash_on_delivery',
    ...(dueDate ? { dueDate } : {}),
    daysOverdue,
    ...(invoice?.reference ? { purchaseOrder: invoice.reference } : {}),
  };
}

/** Open balances, most overdue first, then by due date (cash on delivery last). */
export function openReceivables(orders: readonly Order[], today: string): Receivable[] {
  return orders
    .flatMap((order) => receivableOf(order, today) ?? [])
    .sort(
      (a, b) =>
        b.daysOverdue - a.daysOverdue ||
        (a.dueDate ?? '9999').localeCompare(b.dueDate ?? '9999') ||
        a.number.localeCompare(b.number),
    );
}

/** How a payment state reads on an order: "Paid", "Unpaid (invoice)", "Part paid: £20.00 owed". */
export function paymentStateLabel(receivable: Receivable | null): string {
  if (!receivable) return 'Paid';
  const on = receivable.method === 'invoice' ? 'invoice' : 'cash on delivery';
  const overdue = receivable.daysOverdue > 0 ? `, ${receivable.daysOverdue} days overdue` : '';
  return `${receivable.state === 'unpaid' ? 'Unpaid' : 'Part paid'} (${on}${overdue})`;
}
