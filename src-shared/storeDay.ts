// Which calendar day it is for the store: one rule for invoice terms, ship-by dates, promo codes,
// quotes and the Z report, so a sale at 00:30 in the store's time zone counts on the store's date.

/** A time zone name the runtime knows (IANA, e.g. "Europe/London"), so it can be stored safely. */
export function isTimeZone(timeZone: string): boolean {
  if (timeZone.trim() === '') return false;
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone });
    return true;
  } catch {
    return false;
  }
}

const formats = new Map<string, Intl.DateTimeFormat>();

function dayFormat(timeZone: string): Intl.DateTimeFormat {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hourCycle: 'h23',
    });
    formats.set(timeZone, format);
  }
  return format;
}

/**
 * The store's calendar date (YYYY-MM-DD) at an instant. The offset comes from the time zone's own
 * rules at that instant, so the days around a daylight-saving change are right on both sides.
 */
export function storeDay(instant: Date | string | number, timeZone: string): string {
  const time = instant instanceof Date ? instant : new Date(instant);
  if (Number.isNaN(time.getTime())) throw new Error(`“${String(instant)}” is not a date and time`);
  if (!isTimeZone(timeZone)) throw new Error(`“${timeZone}” is not a time zone such as Europe/London`);
  const parts = dayFormat(timeZone).formatToParts(time);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** The day `days` calendar days after a YYYY-MM-DD day (negative goes back). */
export function addCalendarDays(day: string, days: number): string {
  const time = Date.parse(`${day}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(time)) throw new Error(`“${day}” is not a YYYY-MM-DD date`);
  return new Date(time + days * 86_400_000).toISOString().slice(0, 10);
}
