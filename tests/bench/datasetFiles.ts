// A generated store on disk: one NDJSON file per table plus a manifest. Rows are streamed out
// and back in line by line, and every row read back is checked against its record schema.
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import type { z } from 'zod';
import type { GeneratedStore, StoreSize } from '../../src-renderer/src/demo/generateStore';
import {
  CustomerSchema,
  OrderEventSchema,
  OrderSchema,
  ProductSchema,
  StockLevelSchema,
  StockMovementSchema,
  VariantSchema,
} from '$shared/records';
import { parseRecord } from '$shared/validation';

export type TableName = keyof GeneratedStore;

/** Written in this order, read in this order; the schema checks each row read back. */
const TABLES = {
  products: { schema: ProductSchema, what: 'A benchmark product' },
  variants: { schema: VariantSchema, what: 'A benchmark variant' },
  customers: { schema: CustomerSchema, what: 'A benchmark customer' },
  orders: { schema: OrderSchema, what: 'A benchmark order' },
  orderEvents: { schema: OrderEventSchema, what: 'A benchmark order event' },
  stockMovements: { schema: StockMovementSchema, what: 'A benchmark stock movement' },
  stockLevels: { schema: StockLevelSchema, what: 'A benchmark stock level' },
} satisfies Record<TableName, { schema: z.ZodType; what: string }>;

export const TABLE_NAMES = Object.keys(TABLES) as TableName[];

export type Manifest = {
  format: 1;
  seed: number;
  size: StoreSize;
  counts: Record<TableName, number>;
  generatedAt: string;
};

const MANIFEST = 'manifest.json';
// Lines are joined into blocks this big before a write, so the stream is not called per row.
const LINES_PER_WRITE = 1_000;

const fileOf = (dir: string, table: TableName) => path.join(dir, `${table}.ndjson`);

async function writeTable(
  file: string,
  rows: readonly unknown[],
  onRows: (n: number) => void,
): Promise<void> {
  const out = createWriteStream(file, { encoding: 'utf8' });
  const failed = once(out, 'error').then(([error]) => {
    throw new Error(`Could not write ${file}: ${(error as Error).message}`);
  });
  // Raced at every wait below; this only keeps an error between waits from going unhandled.
  failed.catch(() => {});
  const drainOrFail = async () => Promise.race([once(out, 'drain'), failed]);
  for (let i = 0; i < rows.length; i += LINES_PER_WRITE) {
    const block = rows.slice(i, i + LINES_PER_WRITE);
    // Wait for the stream to drain so a million rows never sit in its buffer at once.
    if (!out.write(block.map((row) => JSON.stringify(row)).join('\n') + '\n')) await drainOrFail();
    onRows(block.length);
  }
  out.end();
  await Promise.race([once(out, 'finish'), failed]);
}

/** Writes every table as NDJSON, then the manifest last: a folder without one is incomplete. */
export async function writeDataset(
  dir: string,
  store: GeneratedStore,
  meta: { seed: number; size: StoreSize },
  onProgress: (table: TableName, written: number, total: number) => void = () => {},
): Promise<Manifest> {
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  for (const table of TABLE_NAMES) {
    let written = 0;
    await writeTable(fileOf(dir, table), store[table], (n) => {
      written += n;
      onProgress(table, written, store[table].length);
    });
  }
  const counts = Object.fromEntries(TABLE_NAMES.map((t) => [t, store[t].length])) as Record<
    TableName,
    number
  >;
  const manifest: Manifest = { format: 1, ...meta, counts, generatedAt: new Date().toISOString() };
  await writeFile(path.join(dir, MANIFEST), JSON.stringify(manifest, null, 2) + '\n');
  return manifest;
}

/** The manifest of a complete data set of this size and seed, or undefined if there is none. */
export async function readManifest(
  dir: string,
  size: StoreSize,
  seed: number,
): Promise<Manifest | undefined> {
  const file = path.join(dir, MANIFEST);
  if (!existsSync(file)) return undefined;
  const manifest = JSON.parse(await readFile(file, 'utf8')) as Partial<Manifest>;
  const same =
    manifest.format === 1 &&
    manifest.seed === seed &&
    manifest.size?.products === size.products &&
    manifest.size.orders === size.orders &&
    manifest.size.customers === size.customers &&
    TABLE_NAMES.every((t) => typeof manifest.counts?.[t] === 'number' && existsSync(fileOf(dir, t)));
  return same ? (manifest as Manifest) : undefined;
}

async function readTable<S extends z.ZodType>(
  file: string,
  schema: S,
  what: string,
  expected: number,
): Promise<z.infer<S>[]> {
  const rows: z.infer<S>[] = [];
  const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  let lineNo = 0;
  for await (const line of lines) {
    lineNo++;
    if (!line) continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new Error(`${file} line ${lineNo} is not JSON; delete the folder and run the benchmark again.`);
    }
    rows.push(parseRecord(schema, value, `${what} (${path.basename(file)} line ${lineNo})`));
  }
  if (rows.length !== expected)
    throw new Error(
      `${file} holds ${rows.length} rows but its manifest says ${expected}; delete the folder to rebuild it.`,
    );
  return rows;
}

/** Reads a data set back, each row parsed by its record schema. */
export async function readDataset(dir: string, manifest: Manifest): Promise<GeneratedStore> {
  const t = TABLES;
  const read = <S extends z.ZodType>(table: TableName, spec: { schema: S; what: string }) =>
    readTable(fileOf(dir, table), spec.schema, spec.what, manifest.counts[table]);
  return {
    products: await read('products', t.products),
    variants: await read('variants', t.variants),
    customers: await read('customers', t.customers),
    orders: await read('orders', t.orders),
    orderEvents: await read('orderEvents', t.orderEvents),
    stockMovements: await read('stockMovements', t.stockMovements),
    stockLevels: await read('stockLevels', t.stockLevels),
  };
}
