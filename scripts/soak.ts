// `npm run test:soak`: the sync fault property (three desks working while the network drops, doubles,
// delays and reorders their requests and the server restarts; desks killed after a push, clocks set
// back, desks restored from an old copy; half the seeds with two server copies on the one database)
// over many seeds, on PGlite and on PostgreSQL, plus the fixed-seed fault tests once per database and
// a desk back after 5,000 changes queued offline. Not in CI and not in `npm test`: it takes hours.
//   SOAK_SEEDS      seeds per database (default 1000)
//   SOAK_FIRST      first seed (default 1)
//   SOAK_CHUNK      seeds per vitest run (default 100; each run starts its own server)
//   SOAK_LONG_SEEDS seeds of the long offline spell per database (default 10; minutes each)
//   SOAK_DATABASES  "pglite,postgres" (default); postgres uses DATABASE_URL
import { spawn } from 'node:child_process';
import { appendFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

type Database = 'pglite' | 'postgres';

function count(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) {
    throw new Error(`${name} is "${raw}", but it must be a whole number of at least 1.`);
  }
  return value;
}

function databases(): Database[] {
  const names = (process.env.SOAK_DATABASES ?? 'pglite,postgres').split(',').map((s) => s.trim());
  for (const name of names) {
    if (name !== 'pglite' && name !== 'postgres') {
      throw new Error(`SOAK_DATABASES names "${name}"; it knows only pglite and postgres.`);
    }
  }
  if (names.includes('postgres') && !process.env.DATABASE_URL) {
    throw new Error(
      'The soak runs on PostgreSQL too, but DATABASE_URL is not set: set it (postgres://user@host:5432/db), or run SOAK_DATABASES=pglite.',
    );
  }
  return names as Database[];
}

type Run = {
  ok: boolean;
  passed: number;
  failed: number;
  seconds: number;
  tally: string[];
  failures: string[];
};

/** One vitest run; its whole output goes to the log, its counts and tallies come back. */
function vitest(files: string[], env: NodeJS.ProcessEnv, log: string): Promise<Run> {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn('npx', ['vitest', 'run', ...files], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const take = (chunk: Buffer) => {
      out += chunk.toString();
      appendFileSync(log, chunk);
    };
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    child.on('close', (code) => {
      // eslint-disable-next-line no-control-regex
      const text = out.replace(/\u001b\[[0-9;]*m/g, '');
      const tests = /Tests\s+(?:(\d+) failed\s*\|\s*)?(\d+) passed/.exec(text);
      resolve({
        ok: code === 0,
        failed: Number(tests?.[1] ?? 0),
        passed: Number(tests?.[2] ?? 0),
        seconds: (performance.now() - started) / 1000,
        tally: text.match(/(Sync property over|Long offline spell, seed) .*/g) ?? [],
        failures: text.match(/replay with SYNC_SEED=\d+ SYNC_SEEDS=1/g) ?? [],
      });
    });
  });
}

async function main(): Promise<void> {
  const seeds = count('SOAK_SEEDS', 1000);
  const first = count('SOAK_FIRST', 1);
  const chunk = count('SOAK_CHUNK', 100);
  const longSeeds = count('SOAK_LONG_SEEDS', 10);
  const log = join(tmpdir(), `orderline-soak-${new Date().toISOString().replace(/[:.]/g, '-')}.log`);
  writeFileSync(log, '');
  console.log(`Soak: ${seeds} seeds from ${first} on ${databases().join(' and ')}; full output in ${log}`);
  const summary: string[] = [];
  let allOk = true;
  for (const database of databases()) {
    const env: NodeJS.ProcessEnv = { ...process.env };
    if (database === 'pglite') delete env.DATABASE_URL;
    const fixed = await vitest(['tests/integration/sync/faults.test.ts'], env, log);
    allOk &&= fixed.ok;
    console.log(`  ${database}: fixed-seed fault tests ${fixed.passed} passed, ${fixed.failed} failed`);
    let passed = 0;
    let failed = 0;
    let seconds = fixed.seconds;
    const failures: string[] = [];
    for (let from = first; from < first + seeds; from += chunk) {
      const size = Math.min(chunk, first + seeds - from);
      const run = await vitest(
        ['tests/integration/sync/faultProperty.test.ts'],
        { ...env, SYNC_SEED: String(from), SYNC_SEEDS: String(size) },
        log,
      );
      allOk &&= run.ok;
      passed += run.passed;
      failed += run.failed;
      seconds += run.seconds;
      failures.push(...run.failures);
      console.log(
        `  ${database}: seeds ${from}–${from + size - 1}: ${run.passed} passed, ${run.failed} failed (${run.seconds.toFixed(0)} s)`,
      );
      for (const line of run.tally) console.log(`    ${line}`);
    }
    // A desk back after 5,000 changes queued offline, one vitest run per seed (each a few minutes).
    let longPassed = 0;
    for (let seed = first; seed < first + longSeeds; seed++) {
      const run = await vitest(
        ['tests/integration/sync/longOffline.test.ts'],
        { ...env, SYNC_SEED: String(seed), SYNC_SEEDS: '1', LONG_OFFLINE_CHANGES: '5000' },
        log,
      );
      allOk &&= run.ok;
      longPassed += run.passed;
      seconds += run.seconds;
      failures.push(...run.failures);
      console.log(
        `  ${database}: long offline spell, seed ${seed}: ${run.ok ? 'passed' : 'FAILED'} (${run.seconds.toFixed(0)} s)`,
      );
      for (const line of run.tally) console.log(`    ${line}`);
    }
    summary.push(
      `${database}: ${passed} of ${seeds} seeds passed, ${failed} failed, fixed-seed fault tests ${fixed.passed}/${fixed.passed + fixed.failed}, long offline spell (5,000 changes) ${longPassed} of ${longSeeds} seeds passed, ${(seconds / 60).toFixed(1)} min` +
        (failures.length ? `\n    ${[...new Set(failures)].join('\n    ')}` : ''),
    );
  }
  console.log(`\nSoak result\n  ${summary.join('\n  ')}`);
  if (!allOk) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
