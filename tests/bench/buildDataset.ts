// Makes a benchmark data set: generate a store from a seed and stream it to NDJSON, or reuse
// the folder a previous run left for the same size and seed.
import type { GeneratedStore, StoreSize } from '../../src-renderer/src/demo/generateStore';
import { generateStore } from '../../src-renderer/src/demo/generateStore';
import { readDataset, readManifest, writeDataset, type Manifest } from './datasetFiles';

export type Log = (line: string) => void;

export type BuiltDataset = {
  store: GeneratedStore;
  manifest: Manifest;
  reused: boolean;
  generateMs: number;
};

const percent = (fraction: number) => `${Math.round(fraction * 100)}%`;

/** Generates and writes a data set, logging progress for generation and for each table written. */
export async function generateDataset(
  dir: string,
  size: StoreSize,
  seed: number,
  log: Log,
): Promise<BuiltDataset> {
  log(
    `Generating ${size.products.toLocaleString('en')} products, ${size.orders.toLocaleString('en')} orders, ` +
      `${size.customers.toLocaleString('en')} customers (seed ${seed})…`,
  );
  const started = performance.now();
  const store = generateStore(size, { seed, onProgress: (f) => log(`  generating ${percent(f)}`) });
  const generateMs = performance.now() - started;
  log(`  generated in ${(generateMs / 1000).toFixed(1)} s; writing NDJSON to ${dir}`);
  let lastTable = '';
  let lastQuarter = -1;
  const manifest = await writeDataset(dir, store, { seed, size }, (table, written, total) => {
    // A line per quarter of each table is enough to see it move without flooding the terminal.
    const quarter = Math.floor((written / Math.max(total, 1)) * 4);
    if (table === lastTable && quarter === lastQuarter) return;
    lastTable = table;
    lastQuarter = quarter;
    log(`  writing ${table}: ${written.toLocaleString('en')} / ${total.toLocaleString('en')}`);
  });
  return { store, manifest, reused: false, generateMs };
}

/** Reads the data set for this size and seed if one is on disk, otherwise generates it. */
export async function ensureDataset(
  dir: string,
  size: StoreSize,
  seed: number,
  log: Log,
): Promise<BuiltDataset> {
  const manifest = await readManifest(dir, size, seed);
  if (!manifest) return generateDataset(dir, size, seed, log);
  log(`Reusing the data set in ${dir} (generated ${manifest.generatedAt}); reading and validating it…`);
  return { store: await readDataset(dir, manifest), manifest, reused: true, generateMs: 0 };
}
