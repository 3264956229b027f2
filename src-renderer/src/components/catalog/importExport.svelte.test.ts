// The import and export panel's steps, with the worker's steps run in-process and a real
// (fake-indexeddb) database: nothing is written until "import", bad rows are listed by number,
// a cancelled import writes nothing, and exports go through the save-file call.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { withCheckDigit } from '$shared/barcodes';
import { OrderlineDb } from '$db/database';
import { batchedIds } from '$db/outboxBatch';
import type { ImportWorker } from '$lib/csvImportMessages';
import { importSteps } from '$lib/csvImportSteps';
import { ImportExport, type ImportExportDeps } from './importExport.svelte';

let db: OrderlineDb;
let saved: { name: string; data: string }[];
let held: (() => void)[];
let holdWorker: boolean;

function worker(): ImportWorker {
  const run = importSteps(
    (reply) => w.onmessage?.({ data: reply }),
    () => db,
  );
  const w: ImportWorker = {
    onmessage: null,
    postMessage: (message) => {
      const go = () => void run(message);
      if (holdWorker) held.push(go);
      else queueMicrotask(go);
    },
    terminate: () => (w.onmessage = null),
  };
  return w;
}

function panel(file: { name: string; text: string } | null = null) {
  return new ImportExport(deps(file));
}

function deps(file: { name: string; text: string } | null): ImportExportDeps {
  return {
    db,
    makeWorker: worker,
    openFile: async () => file,
    saveFile: async (name, data) => {
      saved.push({ name, data });
      return true;
    },
    who: async () => ({ deskId: 'D1', staffName: 'Olive Owner' }),
    store: async () => ({ currency: 'GBP', country: 'GB', barcodePrefix: '25' }),
    now: () => new Date('2026-12-07T10:00:00Z'),
  };
}

beforeEach(() => {
  db = new OrderlineDb(`test-${crypto.randomUUID()}`);
  saved = [];
  held = [];
  holdWorker = false;
});
afterEach(() => db.delete());

const EAN = (n: number) => withCheckDigit(String(500000000000 + n));
const HEADER =
  'Handle,Title,Body (HTML),Vendor,Type,Option1 Name,Option1 Value,Variant SKU,Variant Grams,Variant Inventory Qty,Variant Price,Variant Barcode';
const SHOPIFY = [
  HEADER,
  `tee,Tee,<p>Soft</p>,Acme,Shirts,Size,S,TEE-S,200,5,12.50,${EAN(1)}`,
  `tee,,,,,,M,TEE-M,210,3,twelve,${EAN(2)}`,
  `tee,,,,,,L,TEE-L,220,0,12.50,${EAN(3)}`,
].join('\r\n');

describe('ImportExport', () => {
  it('checks a Shopify file, lists the bad row, writes nothing until asked, then imports the good rows', async () => {
    const io = panel({ name: 'products_export.csv', text: `\uFEFF${SHOPIFY}` });
    await io.chooseFile();
    expect(io.error).toBe('');
    expect(io.stage).toBe('review');
    expect(io.layout).toBe('shopify');
    expect(io.rowProblems).toEqual([
      { row: 3, message: expect.stringMatching(/^Price: "twelve" is not an amount/) },
    ]);
    expect(io.goodRows).toBe(2);
    expect(await db.products.count()).toBe(0);

    await io.importGood();
    expect(io.message).toBe(
      'Imported 1 product with 2 variants and 5 units of opening stock from products_export.csv; 1 bad row not imported.',
    );
    expect(io.stage).toBe('idle');
    const variants = await db.variants.orderBy('sku').toArray();
    expect(variants.map((v) => [v.sku, v.price.amount, v.bin])).toEqual([
      ['TEE-L', 1250, 'A-01-1'],
      ['TEE-S', 1250, 'A-01-1'],
    ]);
    const teeS = variants[1]!;
    expect(await db.stockLevels.get(teeS.id)).toMatchObject({ onHand: 5, reserved: 0 });
    const outbox = await db.outbox.toArray();
    // New records are queued in batches (one entry per 500 records of a table), in that order.
    expect(outbox.map((e) => [e.kind, e.table, batchedIds(e).length])).toEqual([
      ['batch', 'products', 1],
      ['batch', 'variants', 2],
      ['batch', 'stockMovements', 1],
    ]);
    expect(batchedIds(outbox[1]!).sort()).toEqual(variants.map((v) => v.id).sort());
    expect(await db.auditLog.count()).toBe(1);
  });

  it('reads a file again as items already in the catalogue: new rows added, changes said and queued by field', async () => {
    const first = panel({ name: 'first.csv', text: SHOPIFY });
    await first.chooseFile();
    await first.importGood();
    await db.outbox.clear();
    const edited = SHOPIFY.replace('TEE-S,200,5,12.50', 'TEE-S,200,5,13.00').replace('twelve', '12.50');
    const io = panel({ name: 'again.csv', text: edited });
    await io.chooseFile();
    expect(io.rowProblems).toEqual([]);
    expect(io.summary).toMatchObject({ variants: 1, changed: 1, unchanged: 1, stockNotChanged: 2 });
    expect(io.summary!.changes).toEqual([
      { row: 2, sku: 'TEE-S', product: 'Tee', changes: ['price £12.50 → £13.00'] },
    ]);
    await io.importGood();
    expect(io.message).toBe(
      'Imported 0 products with 1 variant and 3 units of opening stock from again.csv; changed 1 item already in the catalogue.',
    );
    expect((await db.variants.where('sku').equals('TEE-S').first())!.price.amount).toBe(1300);
    const outbox = await db.outbox.toArray();
    expect(outbox.map((e) => [e.table, (e as { fields?: string[] }).fields ?? null])).toEqual(
      expect.arrayContaining([
        ['variants', ['price', 'updatedAt']],
        ['variants', null],
        ['stockMovements', null],
      ]),
    );
    expect(outbox).toHaveLength(3);
  });

  it('asks for the column of a required field when the headers differ, then checks with the user’s choice', async () => {
    const text = ['Item,Code,Cost,EAN', `Mug,MUG-1,8.00,${EAN(4)}`].join('\n');
    const io = panel({ name: 'mine.csv', text });
    await io.chooseFile();
    expect(io.layout).toBe('orderline');
    expect(io.stage).toBe('mapped');
    expect(io.problems).toEqual([
      'Choose the column that holds Product: every row needs it',
      'Choose the column that holds SKU: every row needs it',
      'Choose the column that holds Price: every row needs it',
    ]);
    io.setColumn('name', 0);
    io.setColumn('sku', 1);
    io.setColumn('price', 2);
    await io.check();
    expect(io.stage).toBe('review');
    expect(io.goodRows).toBe(1);
  });

  it('imports nothing when cancelled while checking', async () => {
    const io = panel({ name: 'big.csv', text: SHOPIFY });
    holdWorker = true;
    const reading = io.chooseFile();
    await vi.waitFor(() => expect(held).toHaveLength(1));
    expect(io.stage).toBe('reading');
    io.cancel();
    await reading;
    expect(io.stage).toBe('idle');
    expect(io.message).toBe('Import cancelled: nothing was imported.');
    expect(await db.products.count()).toBe(0);
  });

  it('writes nothing when cancelled while writing: the one transaction is given up', async () => {
    const io = panel({ name: 'products.csv', text: SHOPIFY });
    await io.chooseFile();
    const writing = io.importGood();
    expect(io.stage).toBe('writing');
    io.cancel();
    await writing;
    expect(io.stage).toBe('review');
    expect(io.message).toBe('Import cancelled: nothing was imported.');
    expect(await db.products.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
  });

  it('says so when the worker stops unexpectedly, instead of waiting for ever', async () => {
    const broken: ImportWorker = {
      onmessage: null,
      onerror: null,
      postMessage: () => queueMicrotask(() => broken.onerror?.({ message: 'out of memory' })),
      terminate: () => undefined,
    };
    const io = new ImportExport({
      ...deps(null),
      makeWorker: () => broken,
      openFile: async () => ({ name: 'a.csv', text: 'A\n1' }),
    });
    await io.chooseFile();
    expect(io.stage).toBe('idle');
    expect(io.error).toBe('The import stopped unexpectedly (out of memory); try again');
  });

  it('imports customers and exports them with neutralised cells through the save-file call', async () => {
    const text = [
      'Name,Email,Phone',
      'Ada Lovelace,ada@example.com,+44 20 7946 0000',
      'Nobody,bad-email,',
    ].join('\n');
    const io = panel({ name: 'customers.csv', text });
    await io.chooseFile();
    expect(io.layout).toBe('customers');
    expect(io.rowProblems).toEqual([
      { row: 3, message: expect.stringMatching(/e-mail address is not valid/i) },
    ]);
    await io.importGood();
    expect(await db.customers.count()).toBe(1);
    await io.exportKind('customers');
    expect(saved[0]!.name).toBe('orderline-customers-2026-12-07.csv');
    expect(saved[0]!.data).toContain("Ada Lovelace,,ada@example.com,'+44 20 7946 0000");
    expect(io.message).toBe('Customers: 1 row saved as orderline-customers-2026-12-07.csv.');
  });
});
