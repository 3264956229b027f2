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
  // Records carry their times as ISO strings; reports ask the day of the same string many times.
  if (typeof instant === 'string') {
    let byText = textCache.get(timeZone);
    if (!byText) textCache.set(timeZone, (byText = new Map()));
    const known = byText.get(instant);
    if (known) return known;
    const day = storeDayAt(instant, timeZone);
    if (byText.size >= 200_000) byText.clear();
    byText.set(instant, day);
    return day;
  }
  return storeDayAt(instant, timeZone);
}

const textCache = new Map<string, Map<string, string>>();

function storeDayAt(instant: Date | string | number, timeZone: string): string {
  const time = instant instanceof Date ? instant : new Date(instant);
  if (Number.isNaN(time.getTime())) throw new Error(`“${String(instant)}” is not a date and time`);
  // A zone already formatted is known good: checking it again per call (a new Intl formatter each
  // time) made a report over 50,000 orders take minutes.
  if (!formats.has(timeZone) && !isTimeZone(timeZone))
    throw new Error(`“${timeZone}” is not a time zone such as Europe/London`);
  // Every zone's offset is a whole number of quarter hours, so no quarter hour of UTC straddles a
  // store's midnight: one answer per quarter hour serves every instant in it. A report over 50,000
  // orders asks for the day of each several times; Intl's formatter costs tens of µs a call.
  const quarter = Math.floor(time.getTime() / QUARTER_HOUR);
  let days = dayCache.get(timeZone);
  if (!days) dayCache.set(timeZone, (days = new Map()));
  const known = days.get(quarter);
  if (known) return known;
  const parts = dayFormat(timeZone).formatToParts(time);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const day = `${part('year')}-${part('month')}-${part('day')}`;
  if (days.size >= 200_000) days.clear();
  days.set(quarter, day);
  return day;
}

const QUARTER_HOUR = 15 * 60_000;
const dayCache = new Map<string, Map<number, string>>();

/** The day `days` calendar days after a YYYY-MM-DD day (negative goes back). */
export function addCalendarDays(day: string, days: number): string {
  const time = Date.parse(`${day}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(time))
    throw new Error(`“${day}” is not a YYYY-MM-DD date`);
  return new Date(time + days * 86_400_000).toISOString().slice(0, 10);
}

/** The time zone's offset from UTC at an instant, in milliseconds (east of Greenwich positive). */
function offsetAt(time: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(time));
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(
    part('year'),
    part('month') - 1,
    part('day'),
    part('hour'),
    part('minute'),
    part('second'),
  );
  return asUtc - Math.floor(time / 1000) * 1000;
}

/** The instant a store day starts: its local midnight (or the first moment after, if a change skips it). */
function startOf(day: string, timeZone: string): number {
  const midnight = Date.parse(`${day}T00:00:00Z`);
  let guess = midnight - offsetAt(midnight, timeZone);
  guess = midnight - offsetAt(guess, timeZone);
  return storeDay(guess, timeZone) === day ? guess : guess + 3_600_000;
}

/**
 * A store day as the instants it covers, [from, to] in ISO 8601 (to is the last millisecond), so a
 * report of "that day" holds what happened between the store's midnights, 23 or 25 hours on a change.
 */
export function storeDayRange(day: string, timeZone: string): { from: string; to: string } {
  const from = startOf(day, timeZone);
  const to = startOf(addCalendarDays(day, 1), timeZone) - 1;
  return { from: new Date(from).toISOString(), to: new Date(to).toISOString() };
}
