// Bundled by `npm run bench:desk` and put into the desk's page: timers on the page's own clock
// (performance.now) for what the bench does through the UI, and the write micro-benchmark that
// pulls the same pages the desk downloaded and writes them two ways (raw bulkPut, and the desk's
// applyPulledPage) into fresh databases.
import './deskZodConfig';
import { OrderlineDb } from '$db/database';
import { listOrders, listProducts, orderPages, productPages } from '$db/queries';
import { checkPulledPage, writeCheckedPage } from '../../src-renderer/src/sync/applyPulledPage';
import { PROTOCOL_VERSION, PullResponseSchema, SYNC_TABLES, type PullResponse } from '$shared/syncProtocol';
import { lastNumbersIn, orderSequenceKey } from '$shared/deskNumbers';
import { nextFrame, when } from './pageClock';

let lastInputAt = 0;
document.addEventListener('input', () => (lastInputAt = performance.now()), true);

export type Timing = { ms: number; frameMs: number };

const cartRows = () =>
  document.querySelectorAll('table[aria-label="Cart"] input[aria-label^="Quantity of"]').length;

/** A keyboard-wedge scan (5 ms a key by the events' clock) into whatever has focus; timed from its
 * Enter to the cart showing one line more, and to the frame after. */
async function scan(code: string): Promise<Timing> {
  const target = document.activeElement ?? document.body;
  const rows = cartRows();
  const start = performance.now();
  [...code, 'Enter'].forEach((key, i) => {
    const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true });
    Object.defineProperty(event, 'timeStamp', { value: start + i * 5 });
    target.dispatchEvent(event);
  });
  const shown = await when(() => cartRows() > rows, `a cart line for ${code}`);
  const frame = await nextFrame();
  return { ms: shown - start, frameMs: frame - start };
}

/** Clicks a button by its accessible text and times until `selector` matches (and `text` is in it). */
async function click(button: string, selector: string, text?: string): Promise<Timing> {
  const target = [...document.querySelectorAll('button')].find(
    (b) => b.textContent?.trim() === button && !b.disabled,
  );
  if (!target) throw new Error(`No enabled button “${button}” on the page`);
  const matches = () =>
    [...document.querySelectorAll(selector)].some((el) => !text || el.textContent?.includes(text));
  const start = performance.now();
  target.click();
  const shown = await when(matches, `${selector}${text ? ` with “${text}”` : ''} after ${button}`);
  const frame = await nextFrame();
  return { ms: shown - start, frameMs: frame - start };
}

let armed: Promise<Timing> | null = null;

/** Before typing `query` into a list screen's search: watches for its results, i.e. the header's
 * count "… for “query”" (written only once the search for it answered) with the list named
 * `label` showing a row; `typed()` then times it from the last input event (the last key). */
function expectList(label: string, query: string): void {
  const listed = () => {
    const header = [...document.querySelectorAll('header [aria-live]')].some((p) =>
      p.textContent?.includes(`for “${query}”`),
    );
    const list = document.querySelector(`[role="listbox"][aria-label="${CSS.escape(label)}"]`);
    const first = list?.querySelector('[role="option"]');
    return header && !!first && first.getAttribute('aria-label') !== 'Loading…';
  };
  armed = when(listed, `the list “${label}”`).then(async (shown) => {
    const frame = await nextFrame();
    return { ms: shown - lastInputAt, frameMs: frame - lastInputAt };
  });
  // Read by typed(); a failure surfaces there.
  armed.catch(() => undefined);
}

async function typed(): Promise<Timing> {
  if (!armed) throw new Error('expectList() first');
  const timing = await armed;
  armed = null;
  return timing;
}

/** Scrolls the list named `label` so row `index` is in view; timed until that row is drawn. */
async function scrollTo(label: string, index: number): Promise<Timing> {
  const list = document.querySelector<HTMLElement>(`[role="listbox"][aria-label="${CSS.escape(label)}"]`);
  if (!list) throw new Error(`No list “${label}” on the page`);
  const row = () => list.querySelector(`[role="option"][aria-posinset="${index + 1}"]`);
  const start = performance.now();
  list.scrollTop = index * 52;
  list.dispatchEvent(new Event('scroll'));
  const shown = await when(
    () => {
      const r = row();
      return !!r && r.getAttribute('aria-label') !== 'Loading…';
    },
    `row ${index + 1} of “${label}”`,
  );
  const frame = await nextFrame();
  return { ms: shown - start, frameMs: frame - start };
}

const syncSamples: { t: number; text: string }[] = [];

/** Notes every change of the sync line (and the click on `button`) on the page clock. */
function watchSyncLine(button: string): void {
  const line = document.querySelector('a[aria-label^="Sync:"]');
  if (!line) throw new Error('No sync line on the page');
  const note = () => syncSamples.push({ t: performance.now(), text: line.getAttribute('aria-label') ?? '' });
  new MutationObserver(note).observe(line, {
    attributes: true,
    childList: true,
    characterData: true,
    subtree: true,
  });
  document.addEventListener(
    'click',
    (event) => {
      if ((event.target as HTMLElement).textContent?.trim() === button) note();
    },
    true,
  );
}

const syncLine = () => syncSamples;

// ---- the write micro-benchmark ----

type WriteTimes = { rows: number; ms: number };
export type WriteBenchResult = {
  pages: number;
  changes: number;
  fetchMs: number;
  jsonMs: number;
  protocolParseMs: number;
  validateMs: number;
  /** Per way of writing (raw bulkPut, and the desk's applyPulledPage), all pages and product-only pages. */
  raw: { all: WriteTimes; products: WriteTimes };
  bulk: { all: WriteTimes; products: WriteTimes };
  /** Pages of one table only, by table: raw and the desk's writer. */
  byTable: Record<string, { raw: WriteTimes; bulk: WriteTimes }>;
};

const add = (t: WriteTimes, rows: number, ms: number) => {
  t.rows += rows;
  t.ms += ms;
};
const zero = (): WriteTimes => ({ rows: 0, ms: 0 });

async function writeBench(options: {
  serverUrl: string;
  token: string;
  limit: number;
}): Promise<WriteBenchResult> {
  const name = `write-bench-${Date.now()}`;
  const raw = new OrderlineDb(`${name}-raw`);
  const bulk = new OrderlineDb(`${name}-bulk`);
  const result: WriteBenchResult = {
    pages: 0,
    changes: 0,
    fetchMs: 0,
    jsonMs: 0,
    protocolParseMs: 0,
    validateMs: 0,
    raw: { all: zero(), products: zero() },
    bulk: { all: zero(), products: zero() },
    byTable: {},
  };
  let cursor = 0;
  try {
    for (;;) {
      let t = performance.now();
      const answer = await fetch(`${options.serverUrl}/v1/pull`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${options.token}` },
        body: JSON.stringify({ protocolVersion: PROTOCOL_VERSION, cursor, limit: options.limit }),
      });
      const text = await answer.text();
      result.fetchMs += performance.now() - t;
      t = performance.now();
      const json: unknown = JSON.parse(text);
      result.jsonMs += performance.now() - t;
      t = performance.now();
      const page: PullResponse = PullResponseSchema.parse(json);
      result.protocolParseMs += performance.now() - t;
      const n = page.changes.length;
      const only = n > 0 && page.changes.every((c) => c.table === page.changes[0]!.table);
      const productsOnly = only && page.changes[0]!.table === 'products';
      const kind = only ? (result.byTable[page.changes[0]!.table] ??= { raw: zero(), bulk: zero() }) : null;

      // Raw: the page's records grouped by table, one bulkPut each, in one transaction; no checks.
      t = performance.now();
      await raw.transaction(
        'rw',
        SYNC_TABLES.map((table) => raw.table(table)),
        async () => {
          for (const table of SYNC_TABLES) {
            const rows = page.changes.filter((c) => c.table === table).map((c) => c.record);
            if (rows.length) await raw.table(table).bulkPut(rows);
          }
        },
      );
      let ms = performance.now() - t;
      add(result.raw.all, n, ms);
      if (productsOnly) add(result.raw.products, n, ms);
      if (kind) add(kind.raw, n, ms);

      t = performance.now();
      const checked = checkPulledPage(page);
      const validateMs = performance.now() - t;
      result.validateMs += validateMs;
      t = performance.now();
      await writeCheckedPage(bulk, checked);
      ms = performance.now() - t + validateMs;
      add(result.bulk.all, n, ms);
      if (productsOnly) add(result.bulk.products, n, ms);
      if (kind) add(kind.bulk, n, ms);
      result.pages += 1;
      result.changes += n;
      cursor = page.cursor;
      if (!page.hasMore) break;
    }
  } finally {
    for (const db of [raw, bulk]) {
      db.close();
      await db.delete();
    }
  }
  return result;
}

/** What strict durability costs a small transaction here: the same one-row write, `runs` times,
 * on a strict and on a relaxed connection (ms per transaction, sorted). */
async function durabilityBench(runs: number): Promise<{ strict: number[]; relaxed: number[] }> {
  const out = { strict: [] as number[], relaxed: [] as number[] };
  for (const mode of ['strict', 'relaxed'] as const) {
    const db = new OrderlineDb(`durability-${mode}-${Date.now()}`, mode);
    try {
      for (let i = 0; i < runs; i++) {
        const t = performance.now();
        await db.settings.put({ key: `k${i % 5}`, value: { i, at: new Date().toISOString() } });
        out[mode].push(performance.now() - t);
      }
    } finally {
      db.close();
      await db.delete();
    }
  }
  return out;
}

/** The lists' queries alone on the desk's own database, at the same deep positions: a page by
 * offset from the start (as before), by key from the page above it (scrolling), and by key with no
 * page known yet (a first jump: offset from the nearer end). */
async function listBench(positions: number[]) {
  const db = new OrderlineDb();
  const out = {
    productsOffset: [] as number[],
    productsKeyset: [] as number[],
    productsFirstJump: [] as number[],
    ordersOffset: [] as number[],
    ordersKeyset: [] as number[],
  };
  const time = async (work: () => Promise<unknown>) => {
    const t = performance.now();
    await work();
    return performance.now() - t;
  };
  try {
    const products = await db.products.count();
    const orders = await db.orders.count();
    for (const f of positions) {
      const p = Math.floor(f * (products - 100));
      out.productsOffset.push(await time(() => listProducts(db, p, 50)));
      out.productsFirstJump.push(await time(() => productPages(db).page(p, 50, products)));
      const pages = productPages(db);
      await pages.page(p, 50, products);
      out.productsKeyset.push(await time(() => pages.page(p + 50, 50, products)));
      const o = Math.floor(f * (orders - 100));
      out.ordersOffset.push(await time(() => listOrders(db, {}, o, 50)));
      const byKey = orderPages(db, {});
      await byKey.page(o, 50, orders);
      out.ordersKeyset.push(await time(() => byKey.page(o + 50, 50, orders)));
    }
  } finally {
    db.close();
  }
  return out;
}

// ---- BENCH_SEED_DESK=1: the store written straight into the desk's own database ----

let seedDb: OrderlineDb | null = null;
let lastOrder = 0;

/** One chunk of a table's rows, written with one bulkPut into the desk's database (no checks, no
 * sync): how the issue's 50k measurement filled a desk, to time the screens at 100k without the
 * download. Order numbers of this desk's series raise its counter, as a download would. */
async function seedRows(table: string, rows: unknown[]): Promise<void> {
  seedDb ??= new OrderlineDb();
  await seedDb.table(table).bulkPut(rows);
  if (table === 'orders') {
    const code = ((await seedDb.settings.get('desk'))?.value as { code?: string } | undefined)?.code ?? 'D1';
    lastOrder = Math.max(
      lastOrder,
      lastNumbersIn(
        rows.map((record) => ({ table, record })),
        code,
      ).orders,
    );
    const key = orderSequenceKey(code);
    const now = (await seedDb.settings.get(key))?.value;
    if (typeof now !== 'number' || now < lastOrder) await seedDb.settings.put({ key, value: lastOrder });
  }
}

function seedDone(): void {
  seedDb?.close();
  seedDb = null;
}

const api = {
  seedRows,
  seedDone,
  listBench,
  durabilityBench,
  scan,
  click,
  expectList,
  typed,
  scrollTo,
  watchSyncLine,
  syncLine,
  writeBench,
};
export type DeskBenchApi = typeof api;
(globalThis as unknown as { __deskBench: DeskBenchApi }).__deskBench = api;
