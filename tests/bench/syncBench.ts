// `npm run bench:sync`: how fast a desk pushes orders to and pulls products from the real sync
// server (PGlite, or PostgreSQL at DATABASE_URL), with the real client code on fake-indexeddb;
// beside PouchDB replicating the same documents to a CouchDB-protocol server, and a plain Dexie
// bulkPut of the same rows as the floor. Then 50 desks pushing at once: push latency.
// The server runs as the product runs it: `serve` in a process of its own (PGlite in a data folder, or
// a fresh schema of DATABASE_URL), so the desks' work never shares its event loop; the PouchDB server
// runs in its own process too. Setup (stores, enrolment, seeding) happens before it starts.
// Timings are information only; the run fails only when documents go missing or something errors.
import 'fake-indexeddb/auto';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildServer } from '../../src-server/app';
import { databaseFromEnv, type Database } from '../../src-server/db';
import { migrate } from '../../src-server/migrations';
import { createEnrollmentCode, createStore } from '../../src-server/storeAdmin';
import { newId } from '$shared/ids';
import type { Order, Product } from '$shared/records';
import { OrderlineDb } from '$db/database';
import { outboxEntry } from '$db/outbox';
import { enroll } from '../../src-renderer/src/sync/enroll';
import { pullChanges } from '../../src-renderer/src/sync/pullChanges';
import { pushOutbox } from '../../src-renderer/src/sync/pushOutbox';
import type { FetchLike } from '../../src-renderer/src/sync/syncHttp';
import { readSyncSettings, type SyncSettings } from '../../src-renderer/src/sync/syncSettings';
import { SyncServerProcess } from '../e2e/syncServer';
import { MemoryPouch, asDoc, remote, startCouchServer, type CouchServer } from './couchServer';
import { makeOrders, makeProducts, seedProducts } from './syncBenchData';

type Scale = { orders: number; products: number; desks: number; ordersPerDesk: number; deskBatch: number };

const SCALES: Record<'small' | 'full', Scale> = {
  small: { orders: 1_000, products: 10_000, desks: 50, ordersPerDesk: 20, deskBatch: 5 },
  full: { orders: 10_000, products: 100_000, desks: 50, ordersPerDesk: 100, deskBatch: 10 },
};
const PUSH_BATCH = 500;
const PULL_PAGE = 1000;

const log = (line: string) => console.log(line);
const fmt = (n: number) => Math.round(n).toLocaleString('en');

function parseScale(value: string | undefined): keyof typeof SCALES {
  const name = value?.trim() || 'small';
  if (name === 'small' || name === 'full') return name;
  throw new Error(
    `BENCH_SCALE is "${name}", but bench:sync knows only "small" and "full"; unset it for small.`,
  );
}

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; seconds: number }> {
  const started = performance.now();
  const value = await work();
  return { value, seconds: (performance.now() - started) / 1000 };
}

function expectCount(what: string, actual: number, expected: number): void {
  if (actual !== expected)
    throw new Error(`${what}: ${actual.toLocaleString('en')} of ${expected.toLocaleString('en')}`);
}

/** The server's database and an in-process copy of the server, for setup only (not timed). */
interface SetupServer {
  url: string;
  db: Database;
}

async function withSetupServer<T>(proc: SyncServerProcess, work: (server: SetupServer) => Promise<T>) {
  const db = databaseFromEnv(proc.env);
  await migrate(db);
  const app = buildServer({ sql: db, enrollRateLimit: { capacity: 1000, refillPerMinute: 1000 } });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  try {
    return await work({ url: `http://127.0.0.1:${port}`, db });
  } finally {
    await app.close();
    await db.close();
  }
}

interface BenchDesk {
  db: OrderlineDb;
  settings: SyncSettings;
}

const desks: OrderlineDb[] = [];

async function enrolledDesk(server: SetupServer, storeId: string, name: string, fetchFn: FetchLike) {
  const db = new OrderlineDb(`sync-bench-${newId()}`);
  desks.push(db);
  const { code } = await createEnrollmentCode(server.db, storeId);
  // A long seeding step can leave a pooled keep-alive connection the server has since closed; a desk
  // would simply try again, and so does this.
  await enroll(db, server.url, code, name, { fetch: fetchFn }).catch(() =>
    enroll(db, server.url, code, name, { fetch: fetchFn }),
  );
  const settings = await readSyncSettings(db);
  if (!settings) throw new Error(`${name} did not enroll`);
  return { db, settings } satisfies BenchDesk;
}

/** The outbox as the desk writes it when a seller opens carts (setup, not timed). */
async function queueOrders(db: OrderlineDb, orders: readonly Order[]): Promise<void> {
  await db.transaction('rw', [db.orders, db.outbox], async () => {
    await db.orders.bulkAdd([...orders]);
    await db.outbox.bulkAdd(orders.map((o) => outboxEntry('record.put', 'orders', o.id, o)));
  });
}

async function inChunks<T>(rows: readonly T[], size: number, write: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += size) await write(rows.slice(i, i + size));
}

type Rates = { docs: number; orderline: number; pouch: number; dexie: number };

/** fetch that adds up the time spent waiting on the server (request sent to answer read). */
function stopwatchFetch(): { fetch: FetchLike; seconds: () => number } {
  let ms = 0;
  return {
    fetch: async (input, init) => {
      const started = performance.now();
      const response = await fetch(input, init);
      const body = await response.arrayBuffer();
      ms += performance.now() - started;
      return new Response(body, { status: response.status, headers: response.headers });
    },
    seconds: () => ms / 1000,
  };
}

const serverShare = (what: string, server: number, total: number) =>
  log(`    ${what}: ${total.toFixed(1)} s, of which waiting on the server ${server.toFixed(1)} s`);

/** Everything the timed steps need, made while no server process runs (not timed). */
interface Prepared {
  push: BenchDesk & { orders: number };
  pull: BenchDesk & { products: number };
  many: BenchDesk[];
}

async function prepare(proc: SyncServerProcess, scale: Scale, products: Product[]): Promise<Prepared> {
  return withSetupServer(proc, async (server) => {
    const pushDesk = await enrolledDesk(
      server,
      (await createStore(server.db, 'Bench push')).id,
      'Bench desk P1',
      fetch,
    );
    // Numbered with the code the server gave the desk, as the server requires.
    await queueOrders(pushDesk.db, makeOrders(scale.orders, pushDesk.settings.device.deskCode ?? 'D1'));
    const catalogue = (await createStore(server.db, 'Bench catalogue')).id;
    await seedProducts(server.db, catalogue, products);
    const pullDesk = await enrolledDesk(server, catalogue, 'Bench desk C1', fetch);
    const manyStore = (await createStore(server.db, 'Bench many desks')).id;
    const many: BenchDesk[] = [];
    for (let i = 1; i <= scale.desks; i += 1) {
      const desk = await enrolledDesk(server, manyStore, `Bench desk ${i}`, fetch);
      await queueOrders(desk.db, makeOrders(scale.ordersPerDesk, desk.settings.device.deskCode ?? `D${i}`));
      many.push(desk);
    }
    return {
      push: { ...pushDesk, orders: scale.orders },
      pull: { ...pullDesk, products: products.length },
      many,
    };
  });
}

/** The desk's settings pointed at the server process (setup enrolled it against an in-process copy). */
const at = (proc: SyncServerProcess, desk: BenchDesk): SyncSettings => ({
  ...desk.settings,
  serverUrl: proc.url,
});

async function orderlinePush(proc: SyncServerProcess, desk: Prepared['push']): Promise<number> {
  const watch = stopwatchFetch();
  const { value, seconds } = await timed(() =>
    pushOutbox(desk.db, at(proc, desk), { fetch: watch.fetch, batchSize: PUSH_BATCH }),
  );
  expectCount('Orders the server applied', value.applied, desk.orders);
  serverShare('push', watch.seconds(), seconds);
  return desk.orders / seconds;
}

async function orderlinePull(proc: SyncServerProcess, desk: Prepared['pull']): Promise<number> {
  const watch = stopwatchFetch();
  const { value, seconds } = await timed(() =>
    pullChanges(desk.db, at(proc, desk), { fetch: watch.fetch, limit: PULL_PAGE }),
  );
  expectCount('Products pulled', value.changes, desk.products);
  serverShare('pull', watch.seconds(), seconds);
  expectCount('Products stored on the desk', await desk.db.products.count(), desk.products);
  return desk.products / seconds;
}

async function dexieFloor(
  orders: Order[],
  products: Product[],
): Promise<{ orders: number; products: number }> {
  const db = new OrderlineDb(`sync-bench-floor-${newId()}`);
  desks.push(db);
  const o = await timed(() => inChunks(orders, PUSH_BATCH, (chunk) => db.orders.bulkPut(chunk)));
  const p = await timed(() => inChunks(products, PULL_PAGE, (chunk) => db.products.bulkPut(chunk)));
  expectCount('Products put into Dexie', await db.products.count(), products.length);
  return { orders: orders.length / o.seconds, products: products.length / p.seconds };
}

async function pouchPush(couch: CouchServer, orders: Order[]): Promise<number> {
  const local = new MemoryPouch(`bench-orders-local-${newId()}`);
  await inChunks(orders, PUSH_BATCH, (chunk) => local.bulkDocs(chunk.map(asDoc)));
  const { value, seconds } = await timed(() =>
    local.replicate.to(remote(couch, 'bench-orders'), { batch_size: PUSH_BATCH }),
  );
  expectCount('Orders PouchDB replicated', value.docs_written, orders.length);
  await local.destroy();
  return orders.length / seconds;
}

async function pouchPull(couch: CouchServer, products: Product[]): Promise<number> {
  const server = remote(couch, 'bench-products');
  await inChunks(products, 5000, (chunk) => server.bulkDocs(chunk.map(asDoc)));
  const local = new MemoryPouch(`bench-products-local-${newId()}`);
  const { value, seconds } = await timed(() => local.replicate.from(server, { batch_size: PULL_PAGE }));
  expectCount('Products PouchDB replicated', value.docs_written, products.length);
  await local.destroy();
  return products.length / seconds;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

/** Every desk pushes its own orders at the same moment, in small batches as a busy shop would. */
async function manyDesks(proc: SyncServerProcess, all: BenchDesk[], scale: Scale) {
  const latencies: number[] = [];
  const timedFetch: FetchLike = async (input, init) => {
    const started = performance.now();
    const response = await fetch(input, init);
    const body = await response.arrayBuffer();
    if (input.endsWith('/v1/push')) latencies.push(performance.now() - started);
    return new Response(body, { status: response.status, headers: response.headers });
  };
  const { value, seconds } = await timed(() =>
    Promise.all(
      all.map((d) => pushOutbox(d.db, at(proc, d), { fetch: timedFetch, batchSize: scale.deskBatch })),
    ),
  );
  const total = scale.desks * scale.ordersPerDesk;
  expectCount(
    'Orders applied from all desks',
    value.reduce((sum, s) => sum + s.applied, 0),
    total,
  );
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    pushes: sorted.length,
    orders: total,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: sorted.at(-1) ?? NaN,
    rate: total / seconds,
  };
}

function table(header: string[], rows: string[][], left = new Set([0])): string {
  const all = [header, ...rows];
  const widths = header.map((_, c) => Math.max(...all.map((r) => r[c]!.length)));
  const line = (r: string[]) =>
    '| ' +
    r.map((cell, c) => (left.has(c) ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join(' | ') +
    ' |';
  const rule =
    '|' +
    widths.map((w, c) => (left.has(c) ? ` ${'-'.repeat(w)} ` : ` ${'-'.repeat(w - 1)}: `)).join('|') +
    '|';
  return [line(header), rule, ...rows.map(line)].join('\n');
}

const ratio = (a: number, b: number) => {
  const r = a / b;
  return `${r < 1 ? r.toPrecision(2) : r.toFixed(1)}×`;
};

async function main(): Promise<void> {
  const scaleName = parseScale(process.env.BENCH_SCALE);
  const scale = SCALES[scaleName];
  log(
    `Orderline sync benchmark — scale "${scaleName}": push ${fmt(scale.orders)} orders, pull ${fmt(scale.products)} ` +
      `products, ${scale.desks} desks × ${scale.ordersPerDesk} orders at once; server on ` +
      `\`serve\` in its own process on ${process.env.DATABASE_URL ? 'PostgreSQL (DATABASE_URL)' : 'PGlite in a data folder'}, ` +
      `Node ${process.versions.node}`,
  );
  log(
    'Desks store in fake-indexeddb (pure JS, far slower than Chromium’s IndexedDB); PouchDB keeps both ends in\n' +
      'memory (pouchdb-adapter-memory), so the comparison favours PouchDB; its server (express-pouchdb) runs in its\n' +
      'own process as Orderline’s does. Each order is one change (a new cart).\n',
  );
  const orders = makeOrders(scale.orders, 'B1');
  const products = makeProducts(scale.products);

  const proc = new SyncServerProcess();
  let couch: CouchServer | null = null;
  try {
    log('  setting up: stores, desks enrolled, outboxes queued, products seeded (not timed)…');
    const prepared = await prepare(proc, scale, products);
    await proc.start();
    couch = await startCouchServer(join(tmpdir(), `orderline-bench-pouchdb-${process.pid}.log`));
    const pouch = couch;
    const step = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
      const { value, seconds } = await timed(work);
      log(`  ${name}: ${seconds.toFixed(1)} s`);
      return value;
    };
    const floor = await step('Dexie bulkPut (floor)', () => dexieFloor(orders, products));
    const push: Rates = {
      docs: orders.length,
      orderline: await step('Orderline push', () => orderlinePush(proc, prepared.push)),
      pouch: await step('PouchDB push', () => pouchPush(pouch, orders)),
      dexie: floor.orders,
    };
    const pull: Rates = {
      docs: products.length,
      orderline: await step('Orderline pull', () => orderlinePull(proc, prepared.pull)),
      pouch: await step('PouchDB pull', () => pouchPull(pouch, products)),
      dexie: floor.products,
    };
    const many = await step(`${scale.desks} desks pushing at once`, () =>
      manyDesks(proc, prepared.many, scale),
    );

    const row = (name: string, r: Rates) => [
      name,
      fmt(r.docs),
      fmt(r.orderline),
      fmt(r.pouch),
      fmt(r.dexie),
      ratio(r.orderline, r.pouch),
      ratio(r.orderline, r.dexie),
    ];
    log(
      '\n' +
        table(
          [
            'case',
            'docs',
            'Orderline docs/s',
            'PouchDB docs/s',
            'Dexie bulkPut docs/s',
            'Orderline ÷ PouchDB',
            'Orderline ÷ Dexie',
          ],
          [row('push orders', push), row('pull products', pull)],
        ),
    );
    log(
      '\n' +
        table(
          ['concurrent push', 'orders', 'pushes', 'p50 ms', 'p99 ms', 'max ms', 'orders/s'],
          [
            [
              `${scale.desks} desks, ${scale.deskBatch} per push`,
              fmt(many.orders),
              fmt(many.pushes),
              many.p50.toFixed(1),
              many.p99.toFixed(1),
              many.max.toFixed(1),
              fmt(many.rate),
            ],
          ],
        ),
    );
    log(`\nPeak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
  } finally {
    await couch?.close();
    await proc.dispose();
    await Promise.all(desks.map((db) => db.delete()));
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exit(1);
  },
);
