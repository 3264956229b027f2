// Every report of the Reports screen from one load of the store's data: each section is a table
// (headers and rows, which is also its CSV) and, where a picture helps, the series for its chart.
import { toCsv, type CsvCell } from '../csvExport';
import { escapeHtml } from '../receiptEmail';
import { firstLineNames, netSale, type ReportOrder } from './reportOrders';
import { funnel, type FunnelQuote, type FunnelStage } from './funnelReport';
import { fulfilment, type FulfilmentSummary, type ShippedParcel } from './fulfilmentReport';
import { npsByPeriod, npsComments, npsOfRange, type ReportFeedback } from './npsReport';
import { cohorts, repeatPurchase, type CohortRow, type RepeatSummary } from './retentionReport';
import {
  salesBy,
  salesByPeriod,
  salesInRange,
  topCustomers,
  topProducts,
  type Granularity,
  type SalesRow,
  type TopCustomer,
  type TopProduct,
} from './salesReport';
import type { DayRange } from './reportOrders';
import { segmentMembers, segmentsOf, type Segment, type SegmentCustomer } from './segments';
import { lowStock, stockValue, type StockVariant } from './stockReport';
import type { StockLevel } from '../records';

export interface ReportTable {
  id: string;
  title: string;
  headers: string[];
  /** Cells as shown: money already formatted, rates as percentages. */
  rows: CsvCell[][];
  /** One series for a bar or line chart: labels and values (money in major units). */
  chart?: { kind: 'bar' | 'line'; labels: string[]; values: number[]; valueLabel: string };
}

export interface ReportInput {
  orders: readonly ReportOrder[];
  quotes: readonly FunnelQuote[];
  parcels: readonly ShippedParcel[];
  /** Customers' feedback (e-mailed or by phone), for NPS over time. */
  feedback?: readonly ReportFeedback[];
  shipByOf: (order: ReportOrder) => string | undefined;
  range: DayRange;
  granularity: Granularity;
  timeZone: string;
  formatMoney: (minor: number) => string;
  /** Minor units per major unit of the store's currency (100 for GBP), for chart values. */
  minorPerMajor: number;
  /** Human names for channels. */
  label: (key: string) => string;
  /** Human names for the store's acquisition sources (its own, editable list). */
  sourceLabel: (id: string | undefined) => string;
  /** The store's customers, for the segments' names, phones and e-mail addresses. */
  customers: ReadonlyMap<string, SegmentCustomer>;
  /** A customer with no purchase for this many days before the range ends has lapsed. */
  lapsedDays: number;
  /** The catalogue's variants and their stock, for stock value and low stock (as of now). */
  variants: readonly StockVariant[];
  levels: ReadonlyMap<string, Pick<StockLevel, 'onHand' | 'reserved'>>;
}

const percent = (rate: number | null) => (rate === null ? '–' : `${(rate * 100).toFixed(1)}%`);
const hours = (h: number | null) =>
  h === null ? '–' : h < 48 ? `${h.toFixed(1)} h` : `${(h / 24).toFixed(1)} days`;

/** The numbers every table is drawn from, whichever way they were added up (from the orders, or
 * from the daily aggregates kept beside them: reportAggregates.ts). */
export interface ReportFigures {
  sales: { orders: number; net: number };
  periods: SalesRow[];
  byChannel: SalesRow[];
  bySource: SalesRow[];
  byCampaign: SalesRow[];
  byStaff: SalesRow[];
  stages: FunnelStage[];
  lead: FulfilmentSummary;
  repeat: RepeatSummary;
  cohorts: CohortRow[];
  segments: Segment[];
  products: TopProduct[];
  customers: TopCustomer[];
}

/** What the tables need beside the figures: the range, the names and the things orders do not hold. */
export type ReportPresentation = Omit<ReportInput, 'orders' | 'quotes' | 'parcels' | 'shipByOf'>;

/** The figures added up from the orders themselves (the reference the aggregates must match). */
export function figuresFromOrders(input: ReportInput): ReportFigures {
  const { range, timeZone } = input;
  const sales = salesInRange(input.orders, range, timeZone);
  const members = segmentMembers(input.orders, input.customers, range, timeZone);
  const memberNames = new Map(members.map((m) => [m.customerId, m.name]));
  const productNames = firstLineNames(input.orders);
  return {
    sales: { orders: sales.length, net: sales.reduce((sum, s) => sum + netSale(s.order), 0) },
    periods: salesByPeriod(sales, range, input.granularity),
    byChannel: salesBy(sales, (o) => o.channel),
    bySource: salesBy(sales, (o) => o.acquisitionSource ?? ''),
    byCampaign: salesBy(sales, (o) => o.campaignCode ?? ''),
    byStaff: salesBy(sales, (o) => o.soldBy?.name ?? ''),
    stages: funnel(
      input.orders,
      input.quotes,
      new Set(input.parcels.filter((p) => p.shippedAt).map((p) => p.orderId)),
      range,
      timeZone,
    ),
    lead: fulfilment(input.orders, input.parcels, input.shipByOf, range, timeZone),
    repeat: repeatPurchase(input.orders, range, timeZone),
    cohorts: cohorts(input.orders, range.to.slice(0, 7), timeZone, 12, range.to),
    segments: segmentsOf(members, range, input.lapsedDays),
    products: topProducts(sales, 10, (sku) => productNames.get(sku)),
    customers: topCustomers(sales, 10, (id) => memberNames.get(id)),
  };
}

export function reportBook(input: ReportInput): ReportTable[] {
  return reportTables(figuresFromOrders(input), input);
}

export function reportTables(figures: ReportFigures, input: ReportPresentation): ReportTable[] {
  const { range, timeZone, formatMoney: money, minorPerMajor, label } = input;
  const periods = figures.periods;
  const grouped = (
    id: string,
    title: string,
    header: string,
    rows: SalesRow[],
    labelOf: (key: string) => string = label,
  ): ReportTable => {
    return {
      id,
      title,
      headers: [header, 'Orders', 'Sales', 'Average order'],
      rows: rows.map((r) => [labelOf(r.key), r.orders, money(r.net), money(r.averageOrderValue)]),
      chart: {
        kind: 'bar',
        labels: rows.map((r) => labelOf(r.key)),
        values: rows.map((r) => r.net / minorPerMajor),
        valueLabel: 'Sales',
      },
    };
  };
  const totalNet = figures.sales.net;
  const count = figures.sales.orders;
  const stages = figures.stages;
  const lead = figures.lead;
  const repeat = figures.repeat;
  const cohortRows = figures.cohorts;
  const longest = Math.max(0, ...cohortRows.map((c) => c.retained.length));
  const segments = figures.segments;
  const worth = stockValue(input.variants, input.levels);
  const feedback = input.feedback ?? [];
  const nps = npsOfRange(feedback, range, timeZone);
  const npsPeriods = npsByPeriod(feedback, range, input.granularity, timeZone);
  const score = (n: number | null) => (n === null ? '–' : n > 0 ? `+${n}` : String(n));
  return [
    {
      id: 'summary',
      title: 'Summary',
      headers: ['Measure', 'Value'],
      rows: [
        ['Sales', money(totalNet)],
        ['Orders', count],
        ['Average order value', money(count ? Math.round(totalNet / count) : 0)],
        [
          'Repeat purchase rate',
          `${percent(repeat.rate)} (${repeat.repeat} of ${repeat.customers} customers)`,
        ],
        ['Paid → shipped, median', hours(lead.p50Hours)],
        ['Paid → shipped, 90th percentile', hours(lead.p90Hours)],
        ['Dispatched by the ship-by day', percent(lead.onTimeRate)],
        ['Paid, waiting to ship', lead.waiting],
        ['Net Promoter Score', `${score(nps.nps)} (${nps.answers} answers)`],
      ],
    },
    {
      id: 'period',
      title: `Sales by ${input.granularity}`,
      headers: [
        input.granularity === 'month' ? 'Month' : input.granularity === 'week' ? 'Week from' : 'Day',
        'Orders',
        'Sales',
        'Average order',
      ],
      rows: periods.map((r) => [r.key, r.orders, money(r.net), money(r.averageOrderValue)]),
      chart: {
        kind: input.granularity === 'day' ? 'line' : 'bar',
        labels: periods.map((r) => r.key),
        values: periods.map((r) => r.net / minorPerMajor),
        valueLabel: 'Sales',
      },
    },
    grouped('channel', 'Sales by channel', 'Channel', figures.byChannel),
    grouped('source', 'Sales by acquisition source', 'Source', figures.bySource, (key) =>
      input.sourceLabel(key || undefined),
    ),
    grouped(
      'campaign',
      'Sales by campaign code',
      'Campaign',
      figures.byCampaign,
      (key) => key || 'No campaign code',
    ),
    grouped('staff', 'Sales by staff', 'Sold by', figures.byStaff, (key) => key || 'Not recorded'),
    {
      id: 'funnel',
      title: 'Funnel',
      headers: ['Stage', 'Orders', 'Of the stage before'],
      rows: stages.map((s) => [s.label, s.count, percent(s.conversion)]),
      chart: {
        kind: 'bar',
        labels: stages.map((s) => s.label),
        values: stages.map((s) => s.count),
        valueLabel: 'Orders',
      },
    },
    {
      id: 'products',
      title: 'Top products',
      headers: ['SKU', 'Product', 'Units', 'Revenue'],
      rows: figures.products.map((p) => [p.sku, p.name, p.units, money(p.revenue)]),
    },
    {
      id: 'customers',
      title: 'Top customers',
      headers: ['Customer', 'Orders', 'Sales'],
      rows: figures.customers.map((c) => [c.name, c.orders, money(c.net)]),
    },
    {
      id: 'nps',
      title: 'Net Promoter Score over time',
      headers: [
        input.granularity === 'month' ? 'Month' : input.granularity === 'week' ? 'Week from' : 'Day',
        'Answers',
        'Promoters',
        'Passives',
        'Detractors',
        'NPS',
        'Satisfaction (1–5)',
      ],
      rows: npsPeriods.map((p) => [
        p.key,
        p.answers,
        p.promoters,
        p.passives,
        p.detractors,
        score(p.nps),
        p.satisfaction ?? '–',
      ]),
      chart: {
        kind: 'line',
        labels: npsPeriods.map((p) => p.key),
        values: npsPeriods.map((p) => p.nps ?? 0),
        valueLabel: 'NPS',
      },
    },
    {
      id: 'nps-comments',
      title: 'Feedback comments',
      headers: ['Day', 'Order', 'Customer', 'Recommend (0–10)', 'Group', 'Comment'],
      rows: npsComments(feedback, range, timeZone).map((c) => [
        c.day,
        c.orderNumber,
        c.customerName,
        c.recommend,
        c.group,
        c.comment,
      ]),
    },
    {
      id: 'cohorts',
      title: 'Monthly cohorts: share buying again',
      headers: ['First purchase', 'Customers', ...Array.from({ length: longest }, (_, i) => `Month ${i}`)],
      rows: cohortRows.map((c) => [c.cohort, c.customers, ...c.retained.map((r) => percent(r))]),
    },
    ...segments.map((segment): ReportTable => ({
      id: `segment-${segment.id}`,
      title: segment.title,
      headers: ['Customer', 'Phone', 'E-mail', 'Orders', 'Spent', 'Last purchase'],
      rows: segment.members.map((m) => [
        m.name,
        m.phone ?? '',
        m.email ?? '',
        m.orders,
        money(m.spent),
        m.lastDay,
      ]),
    })),
    {
      id: 'stock-value',
      title: 'Stock value (now)',
      headers: ['Measure', 'Value'],
      rows: [
        ['Units on hand', worth.units],
        ['At cost price', money(worth.atCost)],
        ['At selling price', money(worth.atPrice)],
        ['Variants in stock with no cost price', worth.withoutCost],
      ],
    },
    {
      id: 'low-stock',
      title: 'Low stock (at or below the reorder point)',
      headers: ['SKU', 'Available', 'Reorder point', 'Short by'],
      rows: lowStock(input.variants, input.levels).map((l) => [
        l.sku,
        l.available,
        l.reorderPoint,
        l.reorderPoint - l.available,
      ]),
    },
  ];
}

export function tableCsv(table: ReportTable): string {
  return toCsv(table.headers, table.rows);
}

/** The printable body of one table (A4), every cell escaped. */
export function tablePrintBody(table: ReportTable, subtitle: string): string {
  const cell = (value: CsvCell, tag: 'td' | 'th') => `<${tag}>${escapeHtml(String(value ?? ''))}</${tag}>`;
  return [
    `<h1>${escapeHtml(table.title)}</h1>`,
    `<p>${escapeHtml(subtitle)}</p>`,
    '<table><thead><tr>',
    table.headers.map((h) => cell(h, 'th')).join(''),
    '</tr></thead><tbody>',
    table.rows.map((row) => `<tr>${row.map((c) => cell(c, 'td')).join('')}</tr>`).join(''),
    '</tbody></table>',
  ].join('');
}

export const REPORT_PRINT_STYLE =
  'body{font:10pt system-ui,sans-serif}table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #ccc;padding:3pt 6pt;text-align:left}td:not(:first-child),th:not(:first-child){text-align:right}';
