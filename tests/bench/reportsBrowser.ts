// Bundled by `npm run bench:reports` and put into the desk's page: writes a generated store of
// tens of thousands of orders into the desk's own IndexedDB, and times on the page's clock what the
// Reports screen does (from "Show reports" to the tables drawn) and the floor beneath it (reading
// the orders table raw, in the same browser).
import './deskZodConfig';
import { OrderlineDb } from '$db/database';
import { generateStore } from '../../src-renderer/src/demo/generateStore';
import { nextFrame, when } from './pageClock';

export interface ReportsBenchApi {
  seed(size: { products: number; customers: number; orders: number }): Promise<Record<string, number>>;
  rawOrders(): Promise<number>;
  /** What the Reports screen reads now instead of the orders: every customer, and the running
   * totals of 90 store days and of every customer. */
  rawCustomers(): Promise<number>;
  rawTotals(): Promise<number>;
  showReports(): Promise<number>;
  /** Each showReports' time split at the screen's marks: reading the totals, adding up the
   * figures, laying out the tables, drawing them; taken once. */
  takePhases(): Phases[];
}

export interface Phases {
  read: number;
  figures: number;
  tables: number;
  draw: number;
}

const phases: Phases[] = [];

declare global {
  interface Window {
    __reportsBench: ReportsBenchApi;
  }
}

async function putAll<T>(table: { bulkPut(rows: T[]): Promise<unknown> }, rows: T[]) {
  for (let i = 0; i < rows.length; i += 5000) await table.bulkPut(rows.slice(i, i + 5000));
}

window.__reportsBench = {
  async seed(size) {
    const store = generateStore(size, { seed: 7 });
    const db = new OrderlineDb('orderline');
    await db.open();
    await putAll(db.products, store.products);
    await putAll(db.variants, store.variants);
    await putAll(db.stockLevels, store.stockLevels);
    await putAll(db.customers, store.customers);
    await putAll(db.orders, store.orders);
    db.close();
    return {
      products: store.products.length,
      variants: store.variants.length,
      customers: store.customers.length,
      orders: store.orders.length,
    };
  },

  async rawOrders() {
    const db = new OrderlineDb('orderline');
    await db.open();
    const start = performance.now();
    const rows = await db.orders.toArray();
    const ms = performance.now() - start;
    db.close();
    if (rows.length === 0) throw new Error('No orders to read');
    return ms;
  },

  async rawCustomers() {
    const db = new OrderlineDb('orderline');
    await db.open();
    const start = performance.now();
    const rows = await db.customers.toArray();
    const ms = performance.now() - start;
    db.close();
    if (rows.length === 0) throw new Error('No customers to read');
    return ms;
  },

  async rawTotals() {
    const db = new OrderlineDb('orderline');
    await db.open();
    const last = await db.reportDays.orderBy('day').last();
    if (!last) throw new Error('No running totals to read (open Reports first)');
    const from = new Date(Date.parse(`${last.day}T00:00:00Z`) - 89 * 86_400_000).toISOString().slice(0, 10);
    const start = performance.now();
    await Promise.all([
      db.reportDays.where('day').between(from, last.day, true, true).toArray(),
      db.reportCustomers.toArray(),
    ]);
    const ms = performance.now() - start;
    db.close();
    return ms;
  },

  async showReports() {
    const region = document.querySelector('section[aria-labelledby="sales-reports-title"]');
    const button = [...(region?.querySelectorAll('button') ?? [])].find(
      (b) => b.textContent === 'Show reports',
    );
    if (!region || !button) throw new Error('The Reports screen is not open');
    const busy = () =>
      [...region.querySelectorAll('[role="status"]')].some((s) => s.textContent?.includes('Adding up'));
    performance.clearMarks();
    const start = performance.now();
    const started = when(busy, 'the reports to start', 120_000);
    button.click();
    await started;
    await when(
      () => !busy() && !!region.querySelector('table[aria-label="Summary"]'),
      'the reports to be drawn',
    );
    const end = await nextFrame();
    const mark = (name: string) => performance.getEntriesByName(name, 'mark')[0]?.startTime ?? Number.NaN;
    const [read, figures, tables] = ['reports:read', 'reports:figures', 'reports:tables'].map(mark) as [
      number,
      number,
      number,
    ];
    phases.push({
      read: read - start,
      figures: figures - read,
      tables: tables - figures,
      draw: end - tables,
    });
    return end - start;
  },

  takePhases() {
    return phases.splice(0);
  },
};
