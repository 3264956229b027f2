// Whether customers come back: the repeat-purchase rate of the range and a monthly cohort table
// (of the customers whose first purchase fell in a month, how many bought again N months later).
import { storeDay } from '../storeDay';
import { inRange, isSale, type DayRange, type ReportOrder } from './reportOrders';

export interface RepeatSummary {
  /** Customers with a purchase in the range. */
  customers: number;
  /** Of them, those with two or more purchases ever up to the range's end. */
  repeat: number;
  rate: number | null;
}

export interface CohortRow {
  /** The month of the customers' first purchase, YYYY-MM. */
  cohort: string;
  customers: number;
  /** Share of the cohort buying in month 0, 1, 2…, up to the last month of the data. */
  retained: number[];
}

const monthIndex = (month: string) => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;

function purchasesByCustomer(orders: readonly ReportOrder[], timeZone: string): Map<string, string[]> {
  const days = new Map<string, string[]>();
  for (const order of orders) {
    if (!order.customerId || !isSale(order)) continue;
    const list = days.get(order.customerId) ?? [];
    list.push(storeDay(order.createdAt, timeZone));
    days.set(order.customerId, list);
  }
  for (const list of days.values()) list.sort();
  return days;
}

export function repeatPurchase(
  orders: readonly ReportOrder[],
  range: DayRange,
  timeZone: string,
): RepeatSummary {
  return repeatPurchaseOf(purchasesByCustomer(orders, timeZone).values(), range);
}

/** The repeat-purchase rate from each customer's purchase days (one entry per purchase). */
export function repeatPurchaseOf(histories: Iterable<readonly string[]>, range: DayRange): RepeatSummary {
  let customers = 0;
  let repeat = 0;
  for (const days of histories) {
    if (!days.some((day) => inRange(day, range))) continue;
    customers++;
    if (days.filter((day) => day <= range.to).length >= 2) repeat++;
  }
  return { customers, repeat, rate: customers ? repeat / customers : null };
}

/**
 * Cohorts by first-purchase month up to `lastMonth` (YYYY-MM), oldest first, at most `months` of
 * them. With `upTo` (a day), purchases after it are left out, so the table reads as of that day.
 */
export function cohorts(
  orders: readonly ReportOrder[],
  lastMonth: string,
  timeZone: string,
  months = 12,
  upTo?: string,
): CohortRow[] {
  const histories = [...purchasesByCustomer(orders, timeZone).values()].map((days) =>
    upTo ? days.filter((day) => day <= upTo) : days,
  );
  return cohortsOf(histories, lastMonth, months);
}

/** Cohorts from each customer's purchase days (sorted, one entry per purchase). */
export function cohortsOf(
  histories: Iterable<readonly string[]>,
  lastMonth: string,
  months = 12,
): CohortRow[] {
  const last = monthIndex(lastMonth);
  const rows = new Map<number, { customers: number; active: number[] }>();
  for (const days of histories) {
    if (days.length === 0) continue;
    const first = monthIndex(days[0]!);
    if (first > last || first <= last - months) continue;
    const row = rows.get(first) ?? { customers: 0, active: Array<number>(last - first + 1).fill(0) };
    row.customers++;
    const seen = new Set<number>();
    for (const day of days) {
      const offset = monthIndex(day) - first;
      if (offset <= last - first && !seen.has(offset)) {
        seen.add(offset);
        row.active[offset]! += 1;
      }
    }
    rows.set(first, row);
  }
  return [...rows]
    .sort(([a], [b]) => a - b)
    .map(([first, row]) => ({
      cohort: `${Math.floor(first / 12)}-${String((first % 12) + 1).padStart(2, '0')}`,
      customers: row.customers,
      retained: row.active.map((n) => n / row.customers),
    }));
}
