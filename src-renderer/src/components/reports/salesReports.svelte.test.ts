import { describe, expect, it } from 'vitest';
import { order } from '../../../../src-shared/reports/reportFixtures';
import { SalesReports, type SalesReportsDeps } from './salesReports.svelte';

function deps(
  overrides: Partial<SalesReportsDeps> = {},
): SalesReportsDeps & { saved: [string, string][]; loads: string[][] } {
  const saved: [string, string][] = [];
  const loads: string[][] = [];
  return {
    saved,
    loads,
    load: async (since, until) => {
      loads.push([since, until]);
      return {
        orders: [
          order({ status: 'shipped', createdAt: '2026-12-06T10:00:00Z', total: 2500, channel: 'phone' }),
          order({ status: 'shipped', createdAt: '2026-12-07T10:00:00Z', total: 1500, channel: 'mail' }),
        ],
        quotes: [],
        feedback: [],
        parcels: [],
      };
    },
    settings: async () => ({ timeZone: 'Europe/London', currency: 'GBP', locale: 'en-GB' }),
    shipByOf: async () => () => undefined,
    formatMoney: (minor) => `£${(minor / 100).toFixed(2)}`,
    label: (key) => key.toUpperCase(),
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
});
