// Net Promoter Score over time: the answers of each period of the range (store days), with the
// comments beside them, from feedback e-mailed or taken by phone.
import { npsOf, npsGroup, type Feedback, type NpsSummary } from '../feedback';
import { storeDay } from '../storeDay';
import { bucketOf, type Granularity } from './salesReport';
import { inRange, type DayRange } from './reportOrders';

export type ReportFeedback = Pick<
  Feedback,
  'orderNumber' | 'customerName' | 'satisfaction' | 'recommend' | 'comment' | 'source' | 'createdAt'
>;

export interface NpsPeriod extends NpsSummary {
  /** The day, week (its Monday) or month (YYYY-MM). */
  key: string;
}

export interface NpsComment {
  day: string;
  orderNumber: string;
  customerName: string;
  recommend: number;
  group: string;
  comment: string;
}

function inTheRange(feedback: readonly ReportFeedback[], range: DayRange, timeZone: string) {
  return feedback
    .map((f) => ({ f, day: storeDay(f.createdAt, timeZone) }))
    .filter(({ day }) => inRange(day, range))
    .sort((a, b) => a.f.createdAt.localeCompare(b.f.createdAt));
}

/** One row per period that has answers, oldest first. */
export function npsByPeriod(
  feedback: readonly ReportFeedback[],
  range: DayRange,
  granularity: Granularity,
  timeZone: string,
): NpsPeriod[] {
  const groups = new Map<string, ReportFeedback[]>();
  for (const { f, day } of inTheRange(feedback, range, timeZone)) {
    const key = bucketOf(day, granularity);
    groups.set(key, [...(groups.get(key) ?? []), f]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, answers]) => ({ key, ...npsOf(answers) }));
}

export function npsOfRange(
  feedback: readonly ReportFeedback[],
  range: DayRange,
  timeZone: string,
): NpsSummary {
  return npsOf(inTheRange(feedback, range, timeZone).map(({ f }) => f));
}

const GROUP_LABELS = { promoter: 'Promoter', passive: 'Passive', detractor: 'Detractor' } as const;

/** The range's comments, newest first. */
export function npsComments(
  feedback: readonly ReportFeedback[],
  range: DayRange,
  timeZone: string,
): NpsComment[] {
  return inTheRange(feedback, range, timeZone)
    .filter(({ f }) => f.comment)
    .reverse()
    .map(({ f, day }) => ({
      day,
      orderNumber: f.orderNumber,
      customerName: f.customerName ?? '',
      recommend: f.recommend,
      group: GROUP_LABELS[npsGroup(f.recommend)],
      comment: f.comment ?? '',
    }));
}
