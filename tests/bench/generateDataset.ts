// `npm run demo:generate`: writes a store-scale data set as NDJSON under bench-data/ and says
// how many rows it wrote, how long it took and how much memory the process needed at its peak.
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { StoreSize } from '../../src-renderer/src/demo/generateStore';
import { DEFAULT_SEED, SCALES, datasetDir } from './benchScale';
import { generateDataset } from './buildDataset';
import { TABLE_NAMES } from './datasetFiles';

const USAGE = `Usage: npm run demo:generate -- [--products N] [--orders N] [--customers N] [--seed N] [--out DIR]
Defaults: ${SCALES.store.products} products, ${SCALES.store.orders} orders, ${SCALES.store.customers} customers, seed ${DEFAULT_SEED}, out bench-data/<size>-seed<seed>/`;

function count(flag: string, value: string | undefined, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  const n = Number(value.replace(/_/g, ''));
  if (!Number.isSafeInteger(n) || n < min)
    throw new Error(`--${flag} must be a whole number of at least ${min}, but it was "${value}".\n${USAGE}`);
  return n;
}

function options(argv: string[]): { size: StoreSize; seed: number; dir: string } {
  const { values } = parseArgs({
    args: argv,
    options: {
      products: { type: 'string' },
      orders: { type: 'string' },
      customers: { type: 'string' },
      seed: { type: 'string' },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const orders = count('orders', values.orders, SCALES.store.orders, 0);
  const size: StoreSize = {
    products: count('products', values.products, SCALES.store.products, 1),
    orders,
    // Orders need someone to belong to; a store without orders may have no customers.
    customers: count('customers', values.customers, SCALES.store.customers, orders > 0 ? 1 : 0),
  };
  const seed = count('seed', values.seed, DEFAULT_SEED, 0);
  return { size, seed, dir: values.out ? path.resolve(values.out) : datasetDir(size, seed) };
}

async function main(): Promise<void> {
  const { size, seed, dir } = options(process.argv.slice(2));
  const started = performance.now();
  const { manifest } = await generateDataset(dir, size, seed, (line) => console.log(line));
  const seconds = (performance.now() - started) / 1000;
  const total = TABLE_NAMES.reduce((sum, t) => sum + manifest.counts[t], 0);
  console.log(`\nWrote ${dir}`);
  for (const table of TABLE_NAMES)
    console.log(`  ${table.padEnd(15)} ${manifest.counts[table].toLocaleString('en').padStart(10)}`);
  console.log(`  ${'total rows'.padEnd(15)} ${total.toLocaleString('en').padStart(10)}`);
  // maxRSS is in kilobytes.
  const peakMb = process.resourceUsage().maxRSS / 1024;
  console.log(
    `Time ${seconds.toFixed(1)} s, ${Math.round(total / seconds).toLocaleString('en')} rows/s, peak RSS ${peakMb.toFixed(0)} MB`,
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
