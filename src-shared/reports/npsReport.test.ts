import { describe, expect, it } from 'vitest';
import { npsByPeriod, npsComments, npsOfRange, type ReportFeedback } from './npsReport';
import { reportBook } from './reportBook';

const answer = (
  createdAt: string,
  recommend: number,
  satisfaction: number,
  comment?: string,
): ReportFeedback => ({
  orderNumber: `D1-0000${String(recommend).padStart(2, '0')}`,
  customerName: 'Ada',
  satisfaction,
  recommend,
  source: 'email',
  createdAt,
  ...(comment ? { comment } : {}),
});

// November: 10, 9, 6, 8 → 2 promoters, 1 passive, 1 detractor of 4: 50% − 25% = +25; satisfaction
// (5 + 4 + 2 + 4) / 4 = 3.75 → 3.8. December: 3, 0, 9 → 1 promoter, 2 detractors of 3:
// 33.3% − 66.7% = −33.3 → −33; satisfaction (2 + 1 + 5) / 3 = 2.67 → 2.7. All seven: 3 promoters,
// 3 detractors → 0. The answer at 23:30 UTC on 30 November is 1 December in Berlin (UTC+1), and the
// one of 31 October is outside the range.
const FEEDBACK = [
  answer('2026-10-31T12:00:00Z', 0, 1, 'Outside the range'),
  answer('2026-11-02T09:00:00Z', 10, 5, 'Lovely'),
  answer('2026-11-10T09:00:00Z', 9, 4),
  answer('2026-11-20T09:00:00Z', 6, 2, 'Slow'),
  answer('2026-11-25T09:00:00Z', 8, 4),
  answer('2026-11-30T23:30:00Z', 3, 2, 'Broken on arrival'),
  answer('2026-12-03T09:00:00Z', 0, 1),
  answer('2026-12-05T09:00:00Z', 9, 5, 'Sorted quickly'),
];
const RANGE = { from: '2026-11-01', to: '2026-12-31' };
const TZ = 'Europe/Berlin';

describe('NPS over time', () => {
  it('counts each month of the range in the store’s time zone, worked by hand', () => {
    expect(npsByPeriod(FEEDBACK, RANGE, 'month', TZ)).toEqual([
      { key: '2026-11', answers: 4, promoters: 2, passives: 1, detractors: 1, nps: 25, satisfaction: 3.8 },
      { key: '2026-12', answers: 3, promoters: 1, passives: 0, detractors: 2, nps: -33, satisfaction: 2.7 },
    ]);
    expect(npsOfRange(FEEDBACK, RANGE, TZ)).toMatchObject({
      answers: 7,
      promoters: 3,
      detractors: 3,
      nps: 0,
    });
  });

  it('lists the comments of the range, newest first, with their group', () => {
    expect(npsComments(FEEDBACK, RANGE, TZ).map((c) => [c.day, c.recommend, c.group, c.comment])).toEqual([
      ['2026-12-05', 9, 'Promoter', 'Sorted quickly'],
      ['2026-12-01', 3, 'Detractor', 'Broken on arrival'],
      ['2026-11-20', 6, 'Detractor', 'Slow'],
      ['2026-11-02', 10, 'Promoter', 'Lovely'],
    ]);
  });

  it('is a chart and table in the report book, and a line of the summary', () => {
    const tables = reportBook({
      orders: [],
      quotes: [],
      parcels: [],
      feedback: FEEDBACK,
      shipByOf: () => undefined,
      range: RANGE,
      granularity: 'month',
      timeZone: TZ,
      formatMoney: (minor) => String(minor),
      minorPerMajor: 100,
      label: (key) => key,
      sourceLabel: (id) => id ?? 'Not recorded',
      customers: new Map(),
      lapsedDays: 90,
      variants: [],
      levels: new Map(),
    });
    const nps = tables.find((t) => t.id === 'nps')!;
    expect(nps.rows).toEqual([
      ['2026-11', 4, 2, 1, 1, '+25', 3.8],
      ['2026-12', 3, 1, 0, 2, '-33', 2.7],
    ]);
    expect(nps.chart).toEqual({
      kind: 'line',
      labels: ['2026-11', '2026-12'],
      values: [25, -33],
      valueLabel: 'NPS',
    });
    expect(tables.find((t) => t.id === 'summary')!.rows).toContainEqual([
      'Net Promoter Score',
      '0 (7 answers)',
    ]);
    expect(tables.find((t) => t.id === 'nps-comments')!.rows).toHaveLength(4);
  });
});
