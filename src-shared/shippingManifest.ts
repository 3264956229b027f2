// The end-of-day manifest a carrier's driver signs for: which parcels were handed over on one day,
// with the totals the driver checks, and the calendar day that bounds it (the desk's own day).

/** A calendar day as the desk reads it: "2026-11-23". */
export type Day = string;

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The desk's local calendar day of a moment. */
export function dayOf(moment: Date | string): Day {
  const date = typeof moment === 'string' ? new Date(moment) : moment;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/**
 * The UTC instants bounding a local day, [from, to): a parcel shipped at 23:30 local time belongs to
 * that day's manifest even where that is already tomorrow in UTC.
 */
export function dayRange(day: Day): { from: string; to: string } {
  const match = DAY.exec(day);
  if (!match) throw new Error(`“${day}” is not a day; give it as year-month-day, e.g. 2026-11-23`);
  const [year, month, date] = [Number(match[1]), Number(match[2]) - 1, Number(match[3])];
  const start = new Date(year, month, date);
  if (start.getMonth() !== month || start.getDate() !== date) {
    throw new Error(`${day} is not a date in the calendar`);
  }
  return { from: start.toISOString(), to: new Date(year, month, date + 1).toISOString() };
}
