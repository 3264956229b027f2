// Reports › Sales and customers: the date range and grouping a manager picks, the load, and the
// tables (with their charts and CSV) the screen draws. Tested without the DOM.
import { addCalendarDays, storeDay } from '$shared/storeDay';
import { reportTables, tableCsv, type ReportTable } from '$shared/reports/reportBook';
import { figuresFromAggregates, type AggregateInput } from '$shared/reports/reportAggregates';
import type { DayRange } from '$shared/reports/reportOrders';
import type { Granularity } from '$shared/reports/salesReport';
import type { ReportData } from '$db/reportData';
import { sourceLabel, type AcquisitionSourceEntry } from '$shared/acquisitionSources';

export interface SalesReportsDeps {
  /** The range's running totals (not its orders), quotes, feedback, customers and stock. */
  load(range: DayRange, sinceIso: string, untilIso: string): Promise<ReportData>;
  settings(): Promise<{ timeZone: string; currency: string; locale: string }>;
  formatMoney(minor: number, currency: string, locale: string): string;
  label(key: string): string;
  /** The store's list of where customers come from (its own names for them). */
  sources(): Promise<AcquisitionSourceEntry[]>;
  saveFile(name: string, data: string): Promise<boolean>;
  now(): Date;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Where focus goes once reports are asked for (selectors for lib/focusNext): the first report's
 * heading when they show (Show reports is disabled while they add up, so focus would drop to the
 * page), the range's first field when it is refused. */
export function reportsFocusTargets(state: SalesReports['state']): string[] {
  if (state === 'ready') return ['section.report h3'];
  if (state === 'error') return ['[data-focus="report-from"]'];
  return [];
}

/** Rows of one table drawn on screen at most (tens of thousands of cells made the screen slow). */
export const SHOWN_ROWS = 100;

export class SalesReports {
  from = $state('');
  to = $state('');
  granularity = $state<Granularity>('day');
  /** A customer with nothing bought for this many days before the range ends has lapsed. */
  lapsedDays = $state(90);
  state = $state<'idle' | 'loading' | 'ready' | 'error'>('idle');
  message = $state('');
  /** Replaced whole, never changed in place: raw, so thousands of segment rows are not proxied. */
  tables = $state.raw<ReportTable[]>([]);

  constructor(private readonly deps: SalesReportsDeps) {}

  /** The last 30 store days, today included. */
  async start(): Promise<void> {
    const { timeZone } = await this.deps.settings();
    this.to = storeDay(this.deps.now(), timeZone);
    this.from = addCalendarDays(this.to, -29);
    await this.run();
  }

  /** A refusal sentence for the typed range, or null when it can be reported. */
  rangeProblem(): string | null {
    if (!DAY.test(this.from) || !DAY.test(this.to)) return 'Give both dates of the range, e.g. 2026-12-01';
    if (this.from > this.to) return `The range starts (${this.from}) after it ends (${this.to})`;
    const days = (Date.parse(this.to) - Date.parse(this.from)) / 86_400_000 + 1;
    if (days > 3 * 366) return 'Choose a range of at most three years';
    if (!Number.isInteger(this.lapsedDays) || this.lapsedDays < 1 || this.lapsedDays > 3650)
      return 'Say after how many days (1 to 3,650) a customer counts as lapsed';
    return null;
  }

  async run(): Promise<void> {
    const problem = this.rangeProblem();
    if (problem) {
      // Old tables under a refusal would read as the answer to the range just typed.
      this.tables = [];
      this.state = 'error';
      this.message = problem;
      return;
    }
    this.state = 'loading';
    this.message = 'Adding up the orders…';
    try {
      const settings = await this.deps.settings();
      // A day either side of the range in UTC covers every time zone's store day.
      const range = { from: this.from, to: this.to };
      const data = await this.deps.load(
        range,
        `${addCalendarDays(this.from, -1)}T00:00:00.000Z`,
        `${addCalendarDays(this.to, 2)}T00:00:00.000Z`,
      );
      // Marks for the benchmark's breakdown (read, add up, lay out; the rest is drawing).
      performance.mark('reports:read');
      const sources = await this.deps.sources();
      const digits =
        new Intl.NumberFormat('en', { style: 'currency', currency: settings.currency }).resolvedOptions()
          .maximumFractionDigits ?? 2;
      const presentation: AggregateInput = {
        ...data,
        range,
        granularity: this.granularity,
        timeZone: settings.timeZone,
        formatMoney: (minor) => this.deps.formatMoney(minor, settings.currency, settings.locale),
        minorPerMajor: 10 ** digits,
        label: this.deps.label,
        sourceLabel: (id) => sourceLabel(sources, id),
        lapsedDays: this.lapsedDays,
      };
      const figures = figuresFromAggregates(presentation);
      performance.mark('reports:figures');
      this.tables = reportTables(figures, presentation);
      performance.mark('reports:tables');
      this.state = 'ready';
      this.message = '';
    } catch (failure) {
      this.tables = [];
      this.state = 'error';
      this.message = `The reports could not be made: ${failure instanceof Error ? failure.message : String(failure)}`;
    }
  }

  /** The rows drawn on screen: a long list (a segment of thousands of customers) shows its first
   * SHOWN_ROWS; its CSV and print hold every row. */
  shownRows(table: ReportTable): ReportTable['rows'] {
    return table.rows.length > SHOWN_ROWS ? table.rows.slice(0, SHOWN_ROWS) : table.rows;
  }

  /** The sentence under a table cut short on screen, or '' when every row is shown. */
  moreRows(table: ReportTable): string {
    const more = table.rows.length - SHOWN_ROWS;
    return more > 0
      ? `Showing the first ${SHOWN_ROWS} of ${table.rows.length.toLocaleString('en')} rows; export or print it for all of them.`
      : '';
  }

  /** Saves one table as CSV; returns the sentence to show. */
  async exportCsv(table: ReportTable): Promise<string> {
    const name = `${table.id}-${this.from}-to-${this.to}.csv`;
    const saved = await this.deps.saveFile(name, tableCsv(table));
    return saved ? `Saved ${name}` : 'Not saved';
  }
}
