// The receipt's lines about balances: each gift card the sale made (its whole code — the customer
// needs it to spend it), what a card, credit or points paid and what is left, and points earned.
import {
  describeAccount,
  formatBalance,
  formatGiftCardCode,
  keyOf,
  kindOf,
  type BalanceMovement,
} from './balances';

export type ReceiptBalanceLine = { label: string; value: string };

/**
 * `movements` are the order's own; `balances` what each of their accounts holds now (as the desk
 * knows it). Refunds credited back are left to the refund's own slip.
 */
export function receiptBalanceLines(
  movements: readonly BalanceMovement[],
  balances: ReadonlyMap<string, number>,
  currency: string,
  locale = 'en-GB',
): ReceiptBalanceLine[] {
  const lines: ReceiptBalanceLine[] = [];
  const show = (account: string, amount: number) =>
    formatBalance(kindOf(account) ?? 'store_credit', amount, currency, locale);
  for (const m of movements) {
    if (m.reason === 'sold') {
      lines.push({
        label: `Gift card ${formatGiftCardCode(keyOf(m.account))}`,
        value: show(m.account, m.amount),
      });
    } else if (m.reason === 'earned') {
      lines.push({ label: 'Points earned', value: show(m.account, m.amount) });
    } else if (m.reason === 'redeemed') {
      lines.push({ label: `${describeAccount(m.account)} used`, value: show(m.account, -m.amount) });
    }
  }
  const accounts = [...new Set(movements.filter((m) => m.reason !== 'sold').map((m) => m.account))];
  for (const account of accounts) {
    if (movements.every((m) => m.account !== account || m.reason === 'issued')) continue;
    lines.push({
      label: `${describeAccount(account)} balance`,
      value: show(account, balances.get(account) ?? 0),
    });
  }
  return lines;
}
