// `npm run bench`: loads a generated store into Dexie over fake-indexeddb and times the screens'
// queries and the order machine, each beside a naive baseline run in the same process.
// Timings are information only; the run fails only when something errors or answers wrongly.
import 'fake-indexeddb/auto';
import { OrderlineDb } from '$db/database';
import { writeStore } from '../../src-renderer/src/demo/loadDemoStore';
import type { BenchCase } from './benchCase';
import { DEFAULT_SEED, SCALES, datasetDir, parseScale, type ScaleName } from './benchScale';
import { ensureDataset } from './buildDataset';
import { TABLE_NAMES } from './datasetFiles';
import { generatorCase, machineCases } from './machineCases';
import { measure, type MeasureOptions } from './measure';
import { queryCases } from './queryCases';
import { formatTable, ms, speedUp, type ResultRow } from './resultTable';

const log = (line: string) => console.log(line);

function wholeEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n < 1)
    throw new Error(`${name} must be a whole number of at least 1, not "${raw}".`);
  return n;
}

type Plans = { app: MeasureOptions; baseline: MeasureOptions };

function plans(iterations: number): Plans {
  return {
    app: { iterations, budgetMs: 3_000, minIterations: 5, warmup: 2 },
    baseline: { iterations, budgetMs: 3_000, minIterations: 3, warmup: 1 },
  };
}
// A whole store per call: three calls say enough.
const HEAVY: MeasureOptions = { iterations: 3, budgetMs: 0, minIterations: 3, warmup: 0 };

/** Loads the data set and picks the cases' inputs from it; the in-memory copy is dropped after. */
async function prepare(scale: ScaleName): Promise<{ db: OrderlineDb; cases: BenchCase[] }> {
  const size = SCALES[scale];
  const seed = wholeEnv('BENCH_SEED', DEFAULT_SEED);
  const built = await ensureDataset(datasetDir(size, seed), size, seed, log);
  const rows = TABLE_NAMES.reduce((sum, t) => sum + built.manifest.counts[t], 0);
  log(
    `Data set: ${TABLE_NAMES.map((t) => `${built.manifest.counts[t].toLocaleString('en')} ${t}`).join(', ')}`,
  );
  // Bulk loads use a relaxed connection, as the app's demo loader does.
  const db = new OrderlineDb(`orderline-bench-${process.pid}`, 'relaxed');
  const started = performance.now();
  let shown = 0;
  await writeStore(db, built.store, (f) => {
    if (f >= shown + 0.2 || f === 1) {
      shown = f;
      log(`  loading into IndexedDB ${Math.round(f * 100)}%`);
    }
  });
  const seconds = (performance.now() - started) / 1000;
  log(
    `Loaded ${rows.toLocaleString('en')} rows in ${seconds.toFixed(1)} s (${Math.round(rows / seconds).toLocaleString('en')} rows/s with writeStore)`,
  );
  return { db, cases: queryCases(db, built.store) };
}

async function runCase(c: BenchCase, plan: Plans): Promise<ResultRow> {
  await c.check?.();
  const app = await measure(c.run, c.heavy ? HEAVY : plan.app, c.batch);
  const baseline = c.baseline && {
    name: c.baseline.name,
    stats: await measure(c.baseline.run, plan.baseline, c.baseline.batch),
  };
  return {
    name: c.name,
    app,
    ...(c.throughput ? { throughput: c.throughput } : {}),
    ...(baseline ? { baseline } : {}),
  };
}

async function main(): Promise<number> {
  const scale = parseScale(process.env.BENCH_SCALE);
  const iterations = wholeEnv('BENCH_ITERATIONS', 30);
  const plan = plans(iterations);
  const size = SCALES[scale];
  log(
    `Orderline benchmark — scale "${scale}" (${size.products.toLocaleString('en')} products, ` +
      `${size.orders.toLocaleString('en')} orders, ${size.customers.toLocaleString('en')} customers), ` +
      `Node ${process.versions.node}, up to ${iterations} runs per case`,
  );
  log(
    'Note: IndexedDB here is fake-indexeddb, a pure-JS implementation much slower than Chromium’s;\n' +
      'absolute numbers are pessimistic, the speed-up over the baseline is what carries over.\n',
  );
  const { db, cases: dbCases } = await prepare(scale);
  const cases: BenchCase[] = [
    ...dbCases,
    ...machineCases(),
    generatorCase({ products: 500, orders: 250, customers: 100 }, DEFAULT_SEED),
  ];
  const rows: ResultRow[] = [];
  const errors: string[] = [];
  for (const c of cases) {
    try {
      const row = await runCase(c, plan);
      rows.push(row);
      log(
        `  ${c.name}: median ${ms(row.app.medianMs)} ms` +
          (row.baseline ? `, baseline ${ms(row.baseline.stats.medianMs)} ms (${speedUp(row)})` : ''),
      );
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      errors.push(`${c.name}: ${message}`);
      log(`  ${c.name}: FAILED — ${message}`);
    }
  }
  await db.delete();
  log('\n' + formatTable(rows));
  log(
    '\nTargets in a real browser (Chromium IndexedDB), for information only — timing never fails this run:',
  );
  for (const c of cases) if (c.target) log(`  ${c.name}: ${c.target}`);
  log(`\nPeak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
  if (errors.length) {
    console.error(`\n${errors.length} case(s) failed:\n  ${errors.join('\n  ')}`);
    return 1;
  }
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  },
);
