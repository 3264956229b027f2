// How money, dates and stock read on screen; the arithmetic itself lives in src-shared.
import { formatMoney, money, type Money } from '$shared/money';
import { storeDay } from '$shared/storeDay';

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

/** A difference of money as a till says it: "+£2.50", "−£0.50" (a true minus), "£0.00". */
export function signedMoney(m: Money): string {
  const sign = m.amount > 0 ? '+' : m.amount < 0 ? '−' : '';
  return `${sign}${formatMoney({ ...m, amount: Math.abs(m.amount) })}`;
}

// One date format everywhere, in the store's locale and time zone (Settings › Store); until the
// store's profile is read, the browser's own.
let dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
let dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
let calendarDay = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' });
let timeOfDay = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
let wholeNumber = new Intl.NumberFormat(undefined);
let timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

/** Shows dates, times and counts in the store's locale and time zone from now on. */
export function setDateFormat(locale: string, zone: string): void {
  timeZone = zone;
  dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: zone });
  dateOnly = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: zone });
  calendarDay = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
  timeOfDay = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', timeZone: zone });
  wholeNumber = new Intl.NumberFormat(locale);
}

/** Today as the store counts it (YYYY-MM-DD in its time zone): what is due or overdue is judged
 *  by this day, as the Z report and reports do; until the store's profile is read, the browser's zone. */
export function storeToday(now: Date | number = Date.now()): string {
  return storeDay(now, timeZone);
}

export function when(iso: string): string {
  return dateTime.format(new Date(iso));
}

/** A count as the store's locale writes it ("1,234"; "1.234" in German). */
export function count(n: number): string {
  return wholeNumber.format(n);
}

/** The time of day of an instant in the store's time zone ("09:05"), as a register or Z report says when. */
export function clock(iso: string): string {
  return timeOfDay.format(new Date(iso));
}

/** The day of an instant in the store's time zone; a calendar date (YYYY-MM-DD) is shown as that day. */
export function day(iso: string): string {
  // A calendar date has no time zone: 2026-03-17 is the 17th wherever the store is.
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return calendarDay.format(new Date(`${iso}T00:00:00Z`));
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
