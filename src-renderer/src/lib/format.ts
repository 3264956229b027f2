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

/** How long ago, as a seller says it: "just now", "12 min ago", "3 h ago", "2 days ago". */
export function age(iso: string, now: number = Date.now()): string {
  const minutes = Math.max(0, Math.floor((now - Date.parse(iso)) / 60_000));
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} h ago`;
  const days = Math.floor(hours / 24);
  return `${days} day${days === 1 ? '' : 's'} ago`;
}
