// E-mails an order's receipt: composed on the desk (receiptEmail) and queued in the outbox for the
// store's server to send with the next push, so it works with the network cut.
import type { EmailMessage } from '$shared/emailMessages';
import { receiptEmail } from '$shared/receiptEmail';
import type { Customer, Order } from '$shared/records';
import type { ShippingQuote } from '$shared/shippingRules';
import type { OrderlineDb } from '$db/database';
import { queueEmail } from '$db/emailQueue';
import { accountBalance } from '$db/balanceWrites';
import { receiptBalanceLines } from '$shared/balanceReceipt';

export type ReceiptRecipient = Pick<Customer, 'name' | 'email'> | undefined;

/** Queues the receipt e-mail; throws a sentence saying why when there is no usable address. */
export async function emailReceipt(
  db: OrderlineDb,
  order: Order,
  customer: ReceiptRecipient,
  delivery: ShippingQuote | null,
  storeName?: string,
): Promise<EmailMessage> {
  const name = customer?.name ?? order.customerName;
  const movements = await db.balanceMovements.where('orderId').equals(order.id).sortBy('createdAt');
  const accounts = [...new Set(movements.map((m) => m.account))];
  const held = await Promise.all(accounts.map((a) => accountBalance(db, a)));
  const balanceLines = receiptBalanceLines(
    movements,
    new Map(accounts.map((a, i) => [a, held[i] ?? 0])),
    order.currency,
  );
  const email = receiptEmail({
    order,
    balanceLines,
    to: customer?.email,
    delivery,
    ...(name ? { customerName: name } : {}),
    ...(storeName ? { storeName } : {}),
  });
  if (!email.ok) throw new Error(email.reason);
  return queueEmail(db, {
    kind: 'receipt',
    orderId: order.id,
    orderNumber: order.number,
    to: email.to,
    ...(name ? { toName: name } : {}),
    subject: email.subject,
    text: email.text,
    html: email.html,
  });
}
