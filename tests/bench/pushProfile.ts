// `npx tsx tests/bench/pushProfile.ts`: where one pushed batch of new orders spends its time on the
// server (applyPush called directly, every SQL statement timed), and N desks' batches at once.
// PGlite in memory, or PostgreSQL at DATABASE_URL. Information only.
import { randomUUID } from 'node:crypto';
import { applyPush } from '../../src-server/applyPush';
import { openDatabase, type Sql } from '../../src-server/db';
import type { Device } from '../../src-server/deviceAuth';
import { migrate } from '../../src-server/migrations';
import { createEnrollmentCode, createStore } from '../../src-server/storeAdmin';
import { enrollDevice } from '../../src-server/deviceAuth';
import { outboxEntry } from '$db/outbox';
import type { PushEntry } from '$shared/syncProtocol';
import { makeOrders } from './syncBenchData';

const BATCH = Number(process.env.PROFILE_BATCH ?? 500);
const DESKS = Number(process.env.PROFILE_DESKS ?? 50);
const PER_DESK = Number(process.env.PROFILE_PER_DESK ?? 5);

type Stat = { n: number; ms: number };
const stats = new Map<string, Stat>();
let timing = false;

function timedSql(sql: Sql): Sql {
  const wrap = (inner: Sql): Sql => ({
    async query(text, params) {
      const started = performance.now();
      try {
        return await inner.query(text, params);
      } finally {
        if (timing) {
          const key = text.replace(/\s+/g, ' ').slice(0, 90);
          const s = stats.get(key) ?? { n: 0, ms: 0 };
          s.n += 1;
          s.ms += performance.now() - started;
          stats.set(key, s);
        }
      }
    },
    transaction: (work, options) => inner.transaction((tx) => work(wrap(tx)), options),
  });
  return wrap(sql);
}

async function desk(sql: Sql, storeId: string, name: string): Promise<Device> {
  const { code } = await createEnrollmentCode(sql, storeId);
  const enrolled = await enrollDevice(sql, code, name);
  if (!enrolled.ok) throw new Error(enrolled.reason);
  const e = enrolled.enrolled;
  return { id: e.deviceId, storeId: e.storeId, deskCode: e.deskCode } as Device;
}

function entries(count: number, deskCode: string, first = 1): PushEntry[] {
  return makeOrders(count, deskCode, first).map((o) => {
    const entry = outboxEntry('record.put', 'orders', o.id, o);
    return { id: entry.id, kind: entry.kind, table: 'orders', recordId: o.id, payload: o } as PushEntry;
  });
}

async function main() {
  const url = process.env.DATABASE_URL;
  const schema = url ? `push_profile_${randomUUID().replace(/-/g, '').slice(0, 12)}` : undefined;
  const db = url ? openDatabase({ url, schema }) : openDatabase({ memory: true });
  await migrate(db);
  const sql = timedSql(db);
  try {
    const storeId = (await createStore(db, 'Profile')).id;
    const one = await desk(db, storeId, 'P1');
    await applyPush(sql, one, entries(50, one.deskCode, 1)); // warm up
    timing = true;
    for (let run = 0; run < 3; run += 1) {
      const started = performance.now();
      const results = await applyPush(sql, one, entries(BATCH, one.deskCode, 51 + run * BATCH));
      const ms = performance.now() - started;
      console.log(
        `batch of ${BATCH}: ${ms.toFixed(0)} ms (${results.filter((r) => r.status === 'applied').length} applied)`,
      );
    }
    timing = false;
    const rows = [...stats.entries()].sort((a, b) => b[1].ms - a[1].ms);
    for (const [text, s] of rows)
      console.log(`  ${(s.ms / 3).toFixed(1).padStart(7)} ms ${String(s.n / 3).padStart(5)}× ${text}`);
    const store2 = (await createStore(db, 'Profile many')).id;
    const many: Device[] = [];
    for (let i = 0; i < DESKS; i += 1) many.push(await desk(db, store2, `M${i}`));
    const latencies: number[] = [];
    const started = performance.now();
    await Promise.all(
      many.map(async (d) => {
        for (let b = 0; b < 4; b += 1) {
          const t = performance.now();
          await applyPush(sql, d, entries(PER_DESK, d.deskCode, 1 + b * PER_DESK));
          latencies.push(performance.now() - t);
        }
      }),
    );
    const total = performance.now() - started;
    latencies.sort((a, b) => a - b);
    const p = (q: number) => latencies[Math.min(latencies.length - 1, Math.ceil(q * latencies.length) - 1)]!;
    console.log(
      `${DESKS} desks × 4 pushes of ${PER_DESK}: ${total.toFixed(0)} ms, p50 ${p(0.5).toFixed(1)} p99 ${p(0.99).toFixed(1)} max ${latencies.at(-1)!.toFixed(1)} ms`,
    );
  } finally {
    if (schema) await db.query(`DROP SCHEMA ${schema} CASCADE`);
    await db.close();
  }
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
