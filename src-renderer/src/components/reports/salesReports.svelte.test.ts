import { describe, expect, it } from 'vitest';
import { order } from '$shared/reports/reportFixtures';
import { foldOrders } from '$shared/reports/reportAggregates';
import type { ReportOrder } from '$shared/reports/reportOrders';
import { SHOWN_ROWS, SalesReports, reportsFocusTargets, type SalesReportsDeps } from './salesReports.svelte';

/** The running totals the desk keeps for these orders (no parcels, no ship-by days). */
function totals(orders: ReportOrder[]) {
  const folded = foldOrders(orders, [], () => undefined, 'Europe/London');
  return { days: folded.days, customerHistories: folded.customers, productNames: folded.names };
}

function deps(
  overrides: Partial<SalesReportsDeps> = {},
): SalesReportsDeps & { saved: [string, string][]; loads: string[][] } {
  const saved: [string, string][] = [];
  const loads: string[][] = [];
  return {
    saved,
    loads,
    load: async (_range, since, until) => {
      loads.push([since, until]);
      return {
        ...totals([
          order({ status: 'shipped', createdAt: '2026-12-06T10:00:00Z', total: 2500, channel: 'phone' }),
          order({ status: 'shipped', createdAt: '2026-12-07T10:00:00Z', total: 1500, channel: 'mail' }),
        ]),
        quotes: [],
        feedback: [],
        customers: new Map(),
        variants: [],
        levels: new Map(),
      };
    },
    settings: async () => ({ timeZone: 'Europe/London', currency: 'GBP', locale: 'en-GB' }),
    formatMoney: (minor) => `£${(minor / 100).toFixed(2)}`,
    label: (key) => key.toUpperCase(),
    sources: async () => [{ id: 'radio', label: 'Local radio' }],
    saveFile: async (name, data) => {
      saved.push([name, data]);
      return true;
    },
    now: () => new Date('2026-12-07T12:00:00Z'),
    ...overrides,
  };
}

describe('sales reports controller', () => {
  it('opens on the last 30 store days and adds up the sales in them', async () => {
    const d = deps();
    const reports = new SalesReports(d);
    await reports.start();
    expect([reports.from, reports.to]).toEqual(['2026-11-08', '2026-12-07']);
    // A day either side in UTC, so every time zone's store days are covered.
    expect(d.loads[0]).toEqual(['2026-11-07T00:00:00.000Z', '2026-12-09T00:00:00.000Z']);
    expect(reports.state).toBe('ready');
    const summary = reports.tables.find((t) => t.id === 'summary')!;
    expect(summary.rows[0]).toEqual(['Sales', '£40.00']);
    const channels = reports.tables.find((t) => t.id === 'channel')!;
    expect(channels.rows).toEqual([
      ['PHONE', 1, '£25.00', '£25.00'],
      ['MAIL', 1, '£15.00', '£15.00'],
    ]);
    expect(channels.chart).toEqual({
      kind: 'bar',
      labels: ['PHONE', 'MAIL'],
      values: [25, 15],
      valueLabel: 'Sales',
    });
  });

  it('refuses a backwards or missing range with a sentence and loads nothing', async () => {
    const d = deps();
    const reports = new SalesReports(d);
    reports.from = '2026-12-07';
    reports.to = '2026-12-01';
    await reports.run();
    expect(reports.state).toBe('error');
    expect(reports.message).toBe('The range starts (2026-12-07) after it ends (2026-12-01)');
    reports.from = '';
    await reports.run();
    expect(reports.message).toMatch(/Give both dates/);
    expect(d.loads).toHaveLength(0);
  });

  it('clears the last range’s tables when a new range is refused', async () => {
    const reports = new SalesReports(deps());
    await reports.start();
    expect(reports.tables.length).toBeGreaterThan(0);
    reports.from = '2020-01-01';
    await reports.run();
    expect(reports.message).toBe('Choose a range of at most three years');
    expect(reports.tables).toEqual([]);
  });

  it('says what went wrong when the store cannot be read', async () => {
    const reports = new SalesReports(
      deps({ load: async () => Promise.reject(new Error('DatabaseClosedError')) }),
    );
    await reports.start();
    expect(reports.state).toBe('error');
    expect(reports.message).toBe('The reports could not be made: DatabaseClosedError');
  });

  it('exports a table as CSV named for the report and range', async () => {
    const d = deps();
    const reports = new SalesReports(d);
    await reports.start();
    const sentence = await reports.exportCsv(reports.tables.find((t) => t.id === 'channel')!);
    expect(sentence).toBe('Saved channel-2026-11-08-to-2026-12-07.csv');
    expect(d.saved[0]![1]).toBe(
      '\uFEFFChannel,Orders,Sales,Average order\r\nPHONE,1,£25.00,£25.00\r\nMAIL,1,£15.00,£15.00\r\n',
    );
  });

  it('adds up sales by staff, by campaign and by the store’s own source names, and lists segments and stock', async () => {
    const gbp = (amount: number) => ({ amount, currency: 'GBP' });
    const d = deps({
      load: async () => ({
        ...totals([
          order({
            status: 'shipped',
            createdAt: '2026-12-01T10:00:00Z',
            total: 2000,
            customerId: 'c1',
            acquisitionSource: 'radio',
            campaignCode: 'XMAS-26',
            soldBy: { name: 'Sam Seller' },
          }),
          order({
            status: 'shipped',
            createdAt: '2026-12-02T10:00:00Z',
            total: 1000,
            customerId: 'c1',
            acquisitionSource: 'radio',
            soldBy: { name: 'Sam Seller' },
          }),
          order({ status: 'shipped', createdAt: '2026-12-03T10:00:00Z', total: 500, customerId: 'c2' }),
        ]),
        quotes: [],
        feedback: [],
        customers: new Map([
          ['c1', { id: 'c1', name: 'Ada', phone: '+441632960001', email: 'ada@example.com' }],
          ['c2', { id: 'c2', name: 'Bo' }],
        ]),
        variants: [
          { id: 'v1', sku: 'MUG', price: gbp(1000), costPrice: gbp(400), reorderPoint: 5 },
          { id: 'v2', sku: 'POT', price: gbp(3000) },
        ],
        levels: new Map([
          ['v1', { onHand: 6, reserved: 2 }],
          ['v2', { onHand: 1, reserved: 0 }],
        ]),
      }),
    });
    const reports = new SalesReports(d);
    await reports.start();
    const rows = (id: string) => reports.tables.find((t) => t.id === id)!.rows;
    expect(rows('staff')).toEqual([
      ['Sam Seller', 2, '£30.00', '£15.00'],
      ['Not recorded', 1, '£5.00', '£5.00'],
    ]);
    expect(rows('campaign')).toEqual([
      ['XMAS-26', 1, '£20.00', '£20.00'],
      ['No campaign code', 2, '£15.00', '£7.50'],
    ]);
    expect(rows('source')).toEqual([
      ['Local radio', 2, '£30.00', '£15.00'],
      ['Not recorded', 1, '£5.00', '£5.00'],
    ]);
    expect(rows('segment-repeat')).toEqual([
      ['Ada', '+441632960001', 'ada@example.com', 2, '£30.00', '2026-12-02'],
    ]);
    expect(rows('segment-new').map((r) => r[0])).toEqual(['Bo', 'Ada']);
    // 6 mugs at £4 cost and £10, 1 pot at £30 with no cost price; 4 mugs free against a reorder point of 5.
    expect(rows('stock-value')).toEqual([
      ['Units on hand', 7],
      ['At cost price', '£24.00'],
      ['At selling price', '£90.00'],
      ['Variants in stock with no cost price', 1],
    ]);
    expect(rows('low-stock')).toEqual([['MUG', 4, 5, 1]]);
  });

  it('refuses a lapsed-after count that is not a number of days', async () => {
    const d = deps();
    const reports = new SalesReports(d);
    await reports.start();
    reports.lapsedDays = 0;
    await reports.run();
    expect(reports.message).toBe('Say after how many days (1 to 3,650) a customer counts as lapsed');
  });

  it('draws the first 100 rows of a long list on screen and says so; its CSV holds every row', async () => {
    // 150 customers, one sale each on 1 December: 150 new customers.
    const many = Array.from({ length: 150 }, (_, i) =>
      order({ status: 'shipped', createdAt: '2026-12-01T10:00:00Z', total: 100 + i, customerId: `c${i}` }),
    );
    const d = deps({
      load: async () => ({
        ...totals(many),
        quotes: [],
        feedback: [],
        customers: new Map(),
        variants: [],
        levels: new Map(),
      }),
    });
    const reports = new SalesReports(d);
    await reports.start();
    const fresh = reports.tables.find((t) => t.id === 'segment-new')!;
    expect(fresh.rows).toHaveLength(150);
    expect(reports.shownRows(fresh)).toEqual(fresh.rows.slice(0, SHOWN_ROWS));
    expect(reports.moreRows(fresh)).toBe(
      'Showing the first 100 of 150 rows; export or print it for all of them.',
    );
    const summary = reports.tables.find((t) => t.id === 'summary')!;
    expect(reports.shownRows(summary)).toBe(summary.rows);
    expect(reports.moreRows(summary)).toBe('');
    await reports.exportCsv(fresh);
    expect(d.saved[0]![1].trim().split('\r\n')).toHaveLength(151);
  });
});

describe('focus after Show reports', () => {
  it('goes to the first report when they show, and back to the range when it is refused', () => {
    expect(reportsFocusTargets('ready')).toEqual(['section.report h3']);
    expect(reportsFocusTargets('error')).toEqual(['[data-focus="report-from"]']);
    expect(reportsFocusTargets('loading')).toEqual([]);
  });
});
