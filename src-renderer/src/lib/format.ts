// How money, dates and stock read on screen; the arithmetic itself lives in src-shared.
import { formatMoney, money, type Money } from '../../../src-shared/money';

/** "£12.99" or "£12.99 – £24.99" for a product whose variants differ in price. */
export function priceRange(prices: readonly Money[]): string {
  if (prices.length === 0) return '—';
  const amounts = prices.map((p) => p.amount);
  const currency = prices[0]!.currency;
  const low = Math.min(...amounts);
  const high = Math.max(...amounts);
  const show = (amount: number) => formatMoney(money(amount, currency));
  return low === high ? show(low) : `${show(low)} – ${show(high)}`;
}

export function minor(amount: number, currency: string): string {
  return formatMoney(money(amount, currency));
}

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

export function when(iso: string): string {
  return dateTime.format(new Date(iso));
}

export function day(iso: string): string {
  return dateOnly.format(new Date(iso));
}
