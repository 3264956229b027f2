// The sizes a benchmark data set comes in, and where each one lives on disk, so the generator
// CLI and the benchmark agree on which folder holds which store.
import path from 'node:path';
import type { StoreSize } from '../../src-renderer/src/demo/generateStore';

export type ScaleName = 'small' | 'store';

/** `small` keeps `npm run bench` to a couple of minutes; `store` is a mid-size merchant. */
export const SCALES: Record<ScaleName, StoreSize> = {
  small: { products: 10_000, orders: 5_000, customers: 2_000 },
  store: { products: 100_000, orders: 50_000, customers: 20_000 },
};

export const DEFAULT_SEED = 42;

/** bench-data/ at the repository root: git-ignored, safe to delete at any time. */
export const BENCH_DATA_DIR = path.resolve(import.meta.dirname, '../../bench-data');

export function parseScale(value: string | undefined): ScaleName {
  const name = value?.trim() || 'small';
  if (name === 'small' || name === 'store') return name;
  throw new Error(`BENCH_SCALE is "${name}", but it can only be "small" or "store"; unset it for small.`);
}

/** One folder per size and seed, so a store-scale set and a small one never overwrite each other. */
export function datasetDir(size: StoreSize, seed: number): string {
  return path.join(BENCH_DATA_DIR, `${size.products}p-${size.orders}o-${size.customers}c-seed${seed}`);
}
