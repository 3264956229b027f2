// What `npm run bench:desk` runs beside the browser: the app's sync server on PGlite in a temp
// folder (port 0) holding a generated store, and a static server for the browser build (port 0).
import { createReadStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildServer } from '../../src-server/app';
import { openDatabase, type Database, type Sql } from '../../src-server/db';
import { migrate } from '../../src-server/migrations';
import { createEnrollmentCode, createStore } from '../../src-server/storeAdmin';
import type { GeneratedStore } from '../../src-renderer/src/demo/generateStore';
import type { SyncTable } from '$shared/syncProtocol';

export interface BenchServer {
  url: string;
  db: Database;
  storeId: string;
  /** Changes in the store's log, per table, in the order the log holds them. */
  seeded: { table: SyncTable; rows: number }[];
  enrollCode(): Promise<string>;
  close(): Promise<void>;
}

/** The synced tables in the order a store's log would hold them: what later rows refer to, first. */
const SEED_ORDER = ['products', 'variants', 'customers', 'orders', 'orderEvents', 'stockMovements'] as const;

/** Appends rows to a store's change log and records in bulk SQL (setup, not what is timed). */
async function seedTable(sql: Sql, storeId: string, table: SyncTable, rows: readonly object[], chunk = 2000) {
  for (let start = 0; start < rows.length; start += chunk) {
    const part = rows.slice(start, start + chunk);
    const json = JSON.stringify(part);
    await sql.transaction(async (tx) => {
      const [store] = await tx.query<{ base: unknown }>(
        // Setup runs alone, so the sequence's next values are contiguous.
        "SELECT min(s) - 1 AS base FROM (SELECT nextval('change_seq') AS s FROM generate_series(1, $1)) n",
        [part.length],
      );
      const base = Number(store!.base);
      await tx.query(
        `INSERT INTO change_log (store_id, seq, table_name, record_id, record)
         SELECT $1, $2::bigint + t.n, $4, (t.r->>'id')::uuid, t.r
           FROM jsonb_array_elements($3::jsonb) WITH ORDINALITY AS t(r, n)`,
        [storeId, base, json, table],
      );
      await tx.query(
        `INSERT INTO records (store_id, table_name, id, data, field_seqs, updated_seq)
         SELECT $1, $4, (t.r->>'id')::uuid, t.r,
                (SELECT jsonb_object_agg(k, $2::bigint + t.n) FROM jsonb_object_keys(t.r) AS k),
                $2::bigint + t.n
           FROM jsonb_array_elements($3::jsonb) WITH ORDINALITY AS t(r, n)`,
        [storeId, base, json, table],
      );
      // The server's own order rows, so the store's desk codes are taken (a new desk is not D1).
      if (table === 'orders') {
        await tx.query(
          `INSERT INTO orders (store_id, id, number, status, version, data, updated_seq)
           SELECT $1, (t.r->>'id')::uuid, t.r->>'number', t.r->>'status', (t.r->>'version')::int, t.r,
                  $2::bigint + t.n
             FROM jsonb_array_elements($3::jsonb) WITH ORDINALITY AS t(r, n)`,
          [storeId, base, json],
        );
      }
    });
  }
}

export async function startBenchServer(
  store: GeneratedStore,
  log: (line: string) => void,
): Promise<BenchServer> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'orderline-desk-bench-'));
  const db = openDatabase({ dataDir });
  await migrate(db);
  const app = buildServer({ sql: db, enrollRateLimit: { capacity: 100, refillPerMinute: 100 } });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  const { id: storeId } = await createStore(db, 'Bench store');
  const seeded: BenchServer['seeded'] = [];
  for (const table of SEED_ORDER) {
    const started = performance.now();
    await seedTable(db, storeId, table, store[table]);
    seeded.push({ table, rows: store[table].length });
    log(
      `  server: ${store[table].length.toLocaleString('en')} ${table} in the change log (${((performance.now() - started) / 1000).toFixed(1)} s)`,
    );
  }
  return {
    url: `http://127.0.0.1:${port}`,
    db,
    storeId,
    seeded,
    enrollCode: async () => (await createEnrollmentCode(db, storeId)).code,
    async close() {
      await app.close();
      await db.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.wav': 'audio/wav',
  '.mp3': 'audio/mpeg',
};

/** Serves the browser build (dist-web) as `vite preview` would, on a free port (or on `port`: a kept
 * desk profile finds its IndexedDB only under the same origin). */
export async function serveBuild(
  root: string,
  port = 0,
): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = createServer((request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    const file = path.join(root, path.normalize(pathname === '/' ? '/index.html' : pathname));
    const send = (at: string) => {
      response.writeHead(200, { 'content-type': TYPES[path.extname(at)] ?? 'application/octet-stream' });
      createReadStream(at).pipe(response);
    };
    if (!file.startsWith(root)) return void response.writeHead(403).end();
    stat(file).then(
      (s) => (s.isFile() ? send(file) : send(path.join(root, 'index.html'))),
      () => send(path.join(root, 'index.html')),
    );
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const { port: listening } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${listening}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Whether the server answers a browser's CORS preflight for a pull from `origin`. */
export async function corsAllowed(serverUrl: string, origin: string): Promise<boolean> {
  try {
    const answer = await fetch(`${serverUrl}/v1/pull`, {
      method: 'OPTIONS',
      headers: {
        Origin: origin,
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'authorization,content-type',
      },
    });
    const allowed = answer.headers.get('access-control-allow-origin');
    return answer.ok && (allowed === '*' || allowed === origin);
  } catch {
    return false;
  }
}
