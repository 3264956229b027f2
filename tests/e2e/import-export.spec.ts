// Import and export, backup and restore, driven through the UI in Chromium: a Shopify product
// export with a bad row is checked (the row named, nothing written) before the good rows are
// imported; the export gives them back; a backup restored onto a wiped desk gives the same store.
import { expect, test, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { withCheckDigit } from '$shared/barcodes';
import { readCsv } from '$shared/csvText';
import { loadDemo, startEmpty } from './support';

const EAN = (n: number) => withCheckDigit(String(501234500000 + n));
const SHOPIFY_CSV = [
  'Handle,Title,Body (HTML),Vendor,Type,Tags,Published,Option1 Name,Option1 Value,Option2 Name,Option2 Value,Option3 Name,Option3 Value,Variant SKU,Variant Grams,Variant Inventory Qty,Variant Price,Variant Compare At Price,Variant Barcode,Image Src',
  `linen-shirt,Linen Shirt,"<p>Cool, crisp linen.</p>",Harbour & Co,Shirts,"summer, linen",TRUE,Size,S,Colour,Sand,,,LIN-S-SAND,240,6,39.00,45.00,${EAN(1)},https://cdn.example/linen.jpg`,
  `linen-shirt,,,,,,,,M,,Sand,,,LIN-M-SAND,250,4,39.00,,${EAN(2)},`,
  `linen-shirt,,,,,,,,L,,Sand,,,LIN-L-SAND,260,2,thirty-nine,,${EAN(3)},`,
  `linen-shirt,,,,,,,,,,,,,,,,,,,https://cdn.example/linen-2.jpg`,
  `enamel-mug,Enamel Mug,,Harbour & Co,Kitchen,,TRUE,Title,Default Title,,,,,MUG-ENAMEL,300,12,8.50,,${EAN(4)},`,
].join('\r\n');

async function openImportExport(page: Page) {
  await page.getByText('Import and export', { exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Import a CSV file' })).toBeVisible();
}

async function chooseFile(
  page: Page,
  button: string,
  file: { name: string; mimeType: string; buffer: Buffer },
) {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: button }).click();
  await (await chooser).setFiles(file);
}

async function exportProducts(page: Page): Promise<string[][]> {
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export products' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^orderline-products-\d{4}-\d{2}-\d{2}\.csv$/);
  const read = readCsv(await readFile((await file.path())!, 'utf8'));
  if (!read.ok) throw new Error(read.message);
  return [read.table.headers, ...read.table.rows.map((r) => r.cells)];
}

async function importShopify(page: Page) {
  await page.getByRole('link', { name: /Catalog/ }).click();
  await expect(page.getByText('0 products', { exact: true })).toBeVisible();
  await openImportExport(page);
  await chooseFile(page, 'Choose CSV file…', {
    name: 'products_export_1.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(`\uFEFF${SHOPIFY_CSV}`),
  });
  const importButton = page.getByRole('button', { name: 'Import 3 good rows' });
  await expect(importButton).toBeFocused();
  await expect(
    page.getByRole('heading', { name: /3 rows can be imported; 1 row has problems/ }),
  ).toBeVisible();
  const problems = page.getByRole('table', { name: 'Rows with problems' });
  await expect(problems.getByRole('row')).toHaveCount(2);
  await expect(problems.getByRole('row').nth(1)).toContainText('4');
  await expect(problems.getByRole('row').nth(1)).toContainText('Price: "thirty-nine" is not an amount');
  await expect(page.getByRole('table', { name: 'Preview of the import' })).toContainText('LIN-S-SAND');
  await expect(page.getByText('Tags and Variant Compare At Price are checked but not kept')).toBeVisible();
  // Checked, shown, and still nothing written.
  await expect(page.getByText('0 products', { exact: true })).toBeVisible();
  await page.screenshot({ path: 'screenshots/import-review.png', fullPage: true });
  await importButton.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Imported' })).toHaveText(
    'Imported 2 products with 3 variants and 22 units of opening stock from products_export_1.csv; 1 bad row not imported.',
  );
  await expect(page.getByRole('button', { name: 'Choose CSV file…' })).toBeFocused();
  await expect(page.getByText('2 products', { exact: true })).toBeVisible();
}

test('a Shopify export with a bad row is checked first, imported when chosen, and exported back', async ({
  page,
}) => {
  await startEmpty(page);
  await importShopify(page);

  const [headers, ...rows] = await exportProducts(page);
  expect(headers!.slice(0, 4)).toEqual(['Product', 'SKU', 'Barcode', 'Price']);
  const column = (name: string) => headers!.indexOf(name);
  const bySku = new Map(rows.map((r) => [r[column('SKU')], r]));
  expect([...bySku.keys()].sort()).toEqual(['LIN-M-SAND', 'LIN-S-SAND', 'MUG-ENAMEL']);
  const shirt = bySku.get('LIN-S-SAND')!;
  expect([
    shirt[column('Product')],
    shirt[column('Barcode')],
    shirt[column('Price')],
    shirt[column('On hand')],
  ]).toEqual(['Linen Shirt', EAN(1), '39.00', '6']);
  expect([
    shirt[column('Option1 Name')],
    shirt[column('Option1 Value')],
    shirt[column('Option2 Value')],
  ]).toEqual(['Size', 'S', 'Sand']);
  expect(bySku.get('MUG-ENAMEL')![column('On hand')]).toBe('12');
  expect(bySku.get('LIN-M-SAND')![column('Brand')]).toBe('Harbour & Co');

  // The imported product opens like any other, with its stock.
  await page.getByLabel('Search catalog').fill('LIN-M-SAND');
  await page.getByLabel('Search catalog').press('Enter');
  await expect(page.getByRole('heading', { name: 'Linen Shirt', level: 2 })).toBeVisible();
});

test('a file read again changes the items already in the catalogue, saying first what changes', async ({
  page,
}) => {
  await startEmpty(page);
  await importShopify(page);
  const edited = SHOPIFY_CSV.replace('LIN-S-SAND,240,6,39.00', 'LIN-S-SAND,240,6,42.00').replace(
    'thirty-nine',
    '39.00',
  );
  await chooseFile(page, 'Choose CSV file…', {
    name: 'products_export_2.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(edited),
  });
  const importButton = page.getByRole('button', { name: 'Import 4 good rows' });
  await expect(importButton).toBeFocused();
  await expect(
    page.getByText(
      '1 new item and 1 change to items already in the catalogue; 2 rows already as in the file.',
    ),
  ).toBeVisible();
  await expect(
    page.getByText('The stock of 3 items already in the catalogue is not imported; count them in Stock.'),
  ).toBeVisible();
  const changes = page.getByRole('table', { name: 'Changes to items already in the catalogue' });
  await expect(changes.getByRole('row')).toHaveCount(2);
  await expect(changes.getByRole('row').nth(1)).toContainText('LIN-S-SAND');
  await expect(changes.getByRole('row').nth(1)).toContainText('price £39.00 → £42.00');
  const added = page.getByRole('table', { name: 'Preview of the import' }).getByRole('row').nth(1);
  await expect(added).toContainText('LIN-L-SAND');
  await expect(added).toContainText('Linen Shirt');
  // Barcodes the import makes come from the store's own prefix (Settings), not a fixed one.
  await expect(
    page.getByRole('checkbox', {
      name: /^Give items without a barcode a new in-store barcode \(starting 2\d\)$/,
    }),
  ).toBeChecked();
  await page.screenshot({ path: 'screenshots/import-changes.png', fullPage: true });
  await importButton.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Imported' })).toHaveText(
    'Imported 0 products with 1 variant and 2 units of opening stock from products_export_2.csv; changed 1 item already in the catalogue.',
  );

  const [headers, ...rows] = await exportProducts(page);
  const column = (name: string) => headers!.indexOf(name);
  const prices = new Map(rows.map((r) => [r[column('SKU')], r[column('Price')]]));
  expect(Object.fromEntries(prices)).toEqual({
    'LIN-S-SAND': '42.00',
    'LIN-M-SAND': '39.00',
    'LIN-L-SAND': '39.00',
    'MUG-ENAMEL': '8.50',
  });
  await expect(page.getByText('2 products', { exact: true })).toBeVisible();
});

test('a backup restored onto a wiped desk gives the same store; a newer backup is refused', async ({
  page,
  browser,
}) => {
  await startEmpty(page);
  await importShopify(page);
  const before = await exportProducts(page);

  await page.getByRole('link', { name: /Settings/ }).click();
  await expect(page.getByRole('heading', { name: 'Backup and restore' })).toBeVisible();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Back up this desk…' }).click();
  const backupFile = await download;
  expect(backupFile.suggestedFilename()).toMatch(/^orderline-backup-store-\d{4}-\d{2}-\d{2}\.json$/);
  await expect(page.getByRole('status').filter({ hasText: 'Backed up' })).toContainText(
    'Backed up 2 products, 0 customers, 0 orders',
  );
  await page
    .getByRole('region', { name: 'Backup and restore' })
    .screenshot({ path: 'screenshots/backup-panel.png' });
  const backupText = await readFile((await backupFile.path())!, 'utf8');
  const backup = JSON.parse(backupText) as { counts: Record<string, number>; formatVersion: number };
  expect(backup.counts['outbox']).toBeGreaterThan(0);

  // A wiped desk: a new browser profile has no store at all.
  const fresh = await browser.newContext();
  const desk = await fresh.newPage();
  await desk.goto('/');
  await expect(desk.getByRole('heading', { name: 'Welcome to Orderline' })).toBeVisible();
  await desk.screenshot({ path: 'screenshots/welcome-restore.png', fullPage: true });

  await chooseFile(desk, 'Restore from a backup…', {
    name: 'newer.json',
    mimeType: 'application/json',
    buffer: Buffer.from(
      JSON.stringify({ ...JSON.parse(backupText), formatVersion: backup.formatVersion + 1 }),
    ),
  });
  await expect(desk.getByRole('alert')).toHaveText(
    'This backup was made by a newer Orderline (browser build); update Orderline on this desk, then restore it',
  );

  await chooseFile(desk, 'Restore from a backup…', {
    name: backupFile.suggestedFilename(),
    mimeType: 'application/json',
    buffer: Buffer.from(backupText),
  });
  // The app starts again on the restored store: its owner signs in with their PIN.
  await desk.getByRole('list', { name: 'Staff' }).getByRole('button', { name: 'Olive Owner' }).click();
  await desk.getByLabel('PIN', { exact: true }).fill('482613');
  await desk.getByRole('button', { name: 'Sign in as Olive Owner' }).click();
  await desk.getByRole('link', { name: /Catalog/ }).click();
  await expect(desk.getByText('2 products', { exact: true })).toBeVisible();
  await openImportExport(desk);
  expect(await exportProducts(desk)).toEqual(before);
  await fresh.close();
});

test('a file whose headers differ is mapped by hand before its rows are checked', async ({ page }) => {
  await startEmpty(page);
  await page.getByRole('link', { name: /Catalog/ }).click();
  await openImportExport(page);
  await chooseFile(page, 'Choose CSV file…', {
    name: 'stocklist.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(['Item,Code,Cost,EAN,Qty', `Teapot,TEAPOT-1,24.00,${EAN(9)},3`].join('\n')),
  });
  await expect(page.getByRole('alert')).toContainText(
    'Choose the column that holds Product: every row needs it',
  );
  await page.getByLabel('Product (required)').selectOption('Item');
  await page.getByLabel('SKU (required)').selectOption('Code');
  await page.getByLabel('Price (required)').selectOption('Cost');
  await page.getByLabel('On hand').selectOption('Qty');
  await page.getByRole('button', { name: 'Check rows' }).press('Enter');
  const importButton = page.getByRole('button', { name: 'Import 1 good row' });
  await expect(importButton).toBeFocused();
  await expect(page.getByRole('table', { name: 'Preview of the import' })).toContainText('TEAPOT-1');
  await expect(page.getByRole('table', { name: 'Preview of the import' })).toContainText(EAN(9));
  await importButton.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Imported' })).toHaveText(
    'Imported 1 product with 1 variant and 3 units of opening stock from stocklist.csv.',
  );
});

test('sellers are told import, export and backups are for owners and managers', async ({ page }) => {
  await loadDemo(page, { as: 'seller' });
  await page.getByText('Import and export', { exact: true }).click();
  await expect(page.getByRole('alert')).toHaveText(/cannot .*; ask a manager or owner/);
  await expect(page.getByRole('button', { name: 'Choose CSV file…' })).toHaveCount(0);
});

test('File ▸ Export… and File ▸ Backup… open their panels, and the desktop app gets a daily backup', async ({
  page,
}) => {
  // The desktop bridge, as the preload exposes it, with the menu and the daily backup observable.
  await page.addInitScript(() => {
    const w = window as unknown as Record<string, unknown>;
    let menu: ((command: string) => void) | null = null;
    const daily: number[] = [];
    w['__menu'] = (command: string) => menu?.(command);
    w['__daily'] = daily;
    w['orderline'] = {
      platform: 'electron',
      appVersion: async () => '9.9.9',
      listPrinters: async () => [],
      print: async () => ({ ok: true }),
      printToPdf: async () => new Uint8Array(),
      saveFile: async () => true,
      openTextFile: async () => null,
      keepDailyBackup: async (backup: string) => {
        daily.push(JSON.parse(backup).counts.products);
        return { ok: true };
      },
      setBusy: async () => undefined,
      restartToUpdate: async () => ({ ok: false, message: 'none' }),
      onMenuCommand: (listener: (command: string) => void) => {
        menu = listener;
        return () => (menu = null);
      },
      onUpdateReady: () => () => undefined,
    };
  });
  await loadDemo(page, { as: 'manager' });
  const menu = (command: string) =>
    page.evaluate((c) => (window as unknown as { __menu: (c: string) => void }).__menu(c), command);

  await menu('file.backup');
  await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Backup and restore' })).toBeFocused();
  await expect(page.getByText('also keeps a backup of each of the last 7 days')).toBeVisible();

  await page.getByRole('link', { name: /Catalog/ }).click();
  await menu('file.export');
  await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();
  await expect(page.getByText('Import and export', { exact: true })).toBeFocused();
  await expect(page.getByRole('heading', { name: 'Export a CSV file' })).toBeVisible();

  // The store was empty when the desk opened; the next start backs it up once for the day.
  await page.reload();
  await expect
    .poll(() => page.evaluate(() => (window as unknown as { __daily: number[] }).__daily))
    .toEqual([expect.any(Number)]);
  const [products] = await page.evaluate(() => (window as unknown as { __daily: number[] }).__daily);
  expect(products).toBeGreaterThan(500);
});
