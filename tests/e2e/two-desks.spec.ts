// One store, two desks, the real server: the store is created from desk A (uploaded with progress),
// desk B joins with a code and downloads it (with progress); A takes a phone order that B sees at
// once, B packs it by scan and ships it and A sees it shipped; B sells while offline, the server
// restarts, B comes back and A sees the sale — once. Everything through the UI of the browser build
// (desk A's catalogue and customers come from CSV files picked in its import panel),
// against `serve` as its own process (PGlite in a temp folder, or DATABASE_URL in a fresh schema).
import { expect, test, type Browser, type Page } from '@playwright/test';
import { scan, startEmpty } from './support';
import { SyncServerProcess } from './syncServer';

const OWNER = { name: 'Olive Owner', pin: '482613' };
const shot = (page: Page, name: string) => page.screenshot({ path: `screenshots/two-desks-${name}.png` });

function ean13(body12: string): string {
  const sum = [...body12].reduce((s, d, i) => s + Number(d) * (i % 2 ? 3 : 1), 0);
  return body12 + String((10 - (sum % 10)) % 10);
}

const CATALOG = [
  { name: 'Stoneware Mug', sku: 'MUG-STONE', body: '501234500001', price: 1250, bin: 'A-01-1' },
  { name: 'Linen Tea Towel', sku: 'TOWEL-LIN', body: '501234500002', price: 900, bin: 'A-01-2' },
  { name: 'Oak Coaster', sku: 'COAST-OAK', body: '501234500003', price: 450, bin: 'A-02-1' },
].map((item) => ({ ...item, barcode: ean13(item.body) }));
const CUSTOMERS = 520;

/** Desk A's catalogue in Orderline's CSV layout, with its bins and opening stock. */
const CATALOG_CSV = [
  'Product,SKU,Barcode,Price,Category,Weight (g),Bin,On hand',
  ...CATALOG.map((item) =>
    [item.name, item.sku, item.barcode, (item.price / 100).toFixed(2), 'Kitchen', 300, item.bin, 20].join(
      ',',
    ),
  ),
].join('\r\n');

/** Desk A's customers as a CSV, the first one Ada Lovelace. */
const CUSTOMERS_CSV = [
  'Name,Address line 1,City,Postcode,Country',
  ...Array.from({ length: CUSTOMERS }, (_, i) =>
    [
      i === 0 ? 'Ada Lovelace' : `Customer ${String(i).padStart(4, '0')}`,
      `${i + 1} Analytical Row`,
      'London',
      'SW1A 1AA',
      'GB',
    ].join(','),
  ),
].join('\r\n');

/** Picks a CSV file with the Catalog's import control, as a person would, and imports its rows. */
async function importCsv(page: Page, name: string, text: string, imported: string): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Choose CSV file…' }).click();
  await (await chooser).setFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });
  await page.getByRole('button', { name: /^Import [\d,]+ good rows?$/ }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Imported' })).toContainText(imported, {
    timeout: 60_000,
  });
}

/** Desk A's store as it stands before the desk is enrolled: its catalogue with stock and its
 * customers, imported from CSV files through the Catalog's "Import and export" panel. */
async function importDeskA(page: Page): Promise<void> {
  await page.getByRole('link', { name: /Catalog/ }).click();
  await page.getByText('Import and export', { exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Import a CSV file' })).toBeVisible();
  await importCsv(
    page,
    'catalogue.csv',
    CATALOG_CSV,
    `Imported ${CATALOG.length} products with ${CATALOG.length} variants and 60 units of opening stock`,
  );
  await importCsv(page, 'customers.csv', CUSTOMERS_CSV, `Imported ${CUSTOMERS} customers`);
  await expect(page.getByText(`${CATALOG.length} products`, { exact: true })).toBeVisible();
}

async function signInAsOwner(page: Page): Promise<void> {
  await page.getByRole('list', { name: 'Staff' }).getByRole('button', { name: OWNER.name }).click();
  await page.getByLabel('PIN', { exact: true }).fill(OWNER.pin);
  await page.getByRole('button', { name: `Sign in as ${OWNER.name}` }).click();
  await expect(page.getByRole('button', { name: 'Lock' })).toBeVisible();
}

/** Desk A: an empty store started by its owner (Olive Owner), then its CSV files imported. */
async function startDeskA(browser: Browser): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await startEmpty(page);
  await importDeskA(page);
  return page;
}

async function enroll(page: Page, serverUrl: string, code: string, deskName: string): Promise<void> {
  const form = page.getByRole('form', { name: 'Enroll this desk' });
  await form.getByLabel('Server address').fill(serverUrl);
  await form.getByLabel('Enrollment code').fill(code);
  await form.getByLabel('Name of this desk').fill(deskName);
  await form.getByRole('button', { name: 'Enroll this desk' }).click();
}

/** The order's row in the Pack queue (paid orders waiting to be packed). */
function packQueueRow(page: Page, orderNumber: string) {
  return page
    .getByRole('listbox', { name: 'Orders ready to pack' })
    .getByRole('option', { name: new RegExp(`^Order ${orderNumber},`) });
}

test('two desks share one store through the real server, in near real time, through a restart', async ({
  browser,
}) => {
  test.setTimeout(600_000);
  const server = new SyncServerProcess();
  const desks: Page[] = [];
  try {
    const storeId = await server.createStore('High Street Kitchen');
    const codeA = await server.enrollCode(storeId);
    const codeB = await server.enrollCode(storeId);
    await server.start();

    // Desk A holds the store; enrolled, it is asked whether to create the store from it or join.
    const a = await startDeskA(browser);
    desks.push(a);
    await a.keyboard.press('Alt+8');
    await enroll(a, `${server.url}/`, codeA, 'Front desk');
    const setup = a.getByRole('region', { name: 'Set up the store on its server' });
    await expect(setup).toContainText(`3 products, ${CUSTOMERS} customers and 0 orders`);
    await expect(setup).toContainText('“High Street Kitchen” on the server is empty');
    await shot(a, '01-create-or-join');
    await setup.getByRole('button', { name: 'Create a new store from this desk' }).click();
    const upload = a.getByRole('progressbar', { name: /^Sent [\d,]+ of [\d,]+ changes/ });
    await expect(upload).toBeVisible();
    await shot(a, '02-uploading');
    await expect(upload).toBeHidden({ timeout: 300_000 });
    await expect(
      a
        .getByRole('status')
        .filter({ hasText: /^Synced/ })
        .first(),
    ).toBeVisible({ timeout: 60_000 });

    // Desk B joins from its welcome screen with its own code and downloads the store, with progress.
    const bContext = await browser.newContext();
    const b = await bContext.newPage();
    desks.push(b);
    await b.goto('/');
    await b.getByRole('button', { name: 'Join a store server' }).click();
    await expect(b.getByLabel('Server address')).toBeFocused();
    await enroll(b, server.url, codeB, 'Pack bench');
    await expect(b.getByRole('progressbar', { name: 'Store data downloaded' })).toBeVisible({
      timeout: 60_000,
    });
    await shot(b, '03-downloading');
    await expect(b.getByRole('heading', { name: 'Sign in' })).toBeVisible({ timeout: 120_000 });
    await signInAsOwner(b);
    await b.keyboard.press('Alt+8');
    await expect(b.getByText("This desk's code is D2")).toBeVisible();
    await expect(
      b
        .getByRole('status')
        .filter({ hasText: /^Synced/ })
        .first(),
    ).toBeVisible({ timeout: 120_000 });
    await b.keyboard.press('Alt+3');
    await expect(b.getByRole('status').filter({ hasText: 'Nothing to pack' })).toBeVisible();

    // A takes a phone order; B's pack queue shows it without anyone pressing anything.
    await a.keyboard.press('Alt+1');
    const customer = a.getByRole('region', { name: 'Customer' });
    await customer.getByRole('combobox', { name: 'Find customer' }).fill('Lovelace');
    await customer.getByRole('option').filter({ hasText: 'Ada Lovelace' }).first().click();
    await expect(customer).toContainText('Ada Lovelace');
    await a.getByLabel('Add item').fill(CATALOG[0]!.sku);
    await a.getByLabel('Add item').press('Enter');
    await expect(a.getByRole('table', { name: 'Cart' })).toContainText(CATALOG[0]!.sku);
    await a.getByRole('button', { name: 'Checkout' }).click();
    await a.getByRole('button', { name: 'Continue to payment' }).click();
    const payment = a.getByRole('form', { name: 'Payment' });
    await payment.getByLabel('Card (terminal)').check();
    await payment.getByLabel('Terminal reference').fill('TID-2001');
    await payment.getByLabel('Card last four digits').fill('4242');
    await payment.getByRole('button', { name: 'Take payment' }).click();
    const receipt = a.getByRole('article', { name: /^Receipt for order D1-\d{6}$/ });
    await expect(receipt).toBeVisible();
    const phoneOrder = (await receipt.getAttribute('aria-label'))!.replace('Receipt for order ', '');
    // Finishing the sale reserves its stock and hands it to packing.
    await a.getByRole('button', { name: 'Finish sale' }).click();
    await expect(a.getByRole('status').filter({ hasText: 'Sale complete' })).toBeVisible();
    const finishedAt = Date.now();
    await expect(packQueueRow(b, phoneOrder)).toBeVisible();
    // Measured, not asserted (a busy machine must not fail the test): the aim is under 2 s.
    const latency = `${Date.now() - finishedAt} ms`;
    test.info().annotations.push({ type: 'A→B latency', description: latency });
    console.log(`A's order on B's pack queue after ${latency}`);

    // B packs it by scanning its item, then ships it with a scanned tracking number.
    await packQueueRow(b, phoneOrder).click();
    const items = b.getByRole('table', { name: `Items in order ${phoneOrder}` });
    await expect(items).toBeVisible();
    await scan(b, CATALOG[0]!.barcode);
    await expect(items.getByRole('row').filter({ hasText: CATALOG[0]!.barcode })).toContainText('1 of 1');
    await b.getByRole('button', { name: 'Complete parcel' }).click();
    await b.keyboard.press('Alt+4');
    await expect(b.getByRole('heading', { name: 'Ship', exact: true })).toBeVisible();
    await scan(b, phoneOrder);
    const handOver = b.getByRole('form', { name: `Hand over order ${phoneOrder}` });
    await expect(handOver).toBeVisible();
    await scan(b, 'RR123456785GB');
    await expect(handOver.getByLabel('Carrier')).toHaveValue('Royal Mail');
    await handOver.getByRole('button', { name: /^Mark shipped/ }).click();
    await expect(
      b.getByRole('status').filter({ hasText: `Order ${phoneOrder} shipped with Royal Mail` }),
    ).toBeVisible();

    // A sees it shipped, in the order's history.
    await a.keyboard.press('Alt+2');
    await a.getByLabel('Search orders').fill(phoneOrder);
    await a.getByLabel('Search orders').press('Enter');
    await expect(a.getByRole('list', { name: 'History' })).toContainText(
      /Shipped 1 unit with Royal Mail, tracking RR123456785GB/,
    );
    await shot(a, '04-shipped-seen-on-a');

    // B loses the network and sells at the counter anyway.
    await bContext.setOffline(true);
    await b.keyboard.press('Alt+1');
    await b.getByLabel('Add item').fill(CATALOG[1]!.sku);
    await b.getByLabel('Add item').press('Enter');
    await expect(b.getByRole('table', { name: 'Cart' })).toContainText(CATALOG[1]!.sku);
    await b.getByRole('button', { name: 'Checkout' }).click();
    await b.getByRole('button', { name: 'Continue to payment' }).click();
    const cash = b.getByRole('form', { name: 'Payment' });
    await cash.getByLabel('Cash', { exact: true }).check();
    await cash.getByLabel('Cash given').fill('20');
    await cash.getByRole('button', { name: 'Take payment' }).click();
    const offlineReceipt = b.getByRole('article', { name: /^Receipt for order D2-\d{6}$/ });
    await expect(offlineReceipt).toBeVisible();
    const offlineSale = (await offlineReceipt.getAttribute('aria-label'))!.replace('Receipt for order ', '');
    await b.getByRole('button', { name: 'Finish sale' }).click();
    await expect(b.getByRole('status').filter({ hasText: 'Sale complete' })).toBeVisible();
    await expect(
      b.getByRole('link', { name: /^Sync: Server not reachable · \d+ changes? waiting/ }),
    ).toBeVisible();
    await shot(b, '05-offline-sale');

    // The server restarts meanwhile (same port, same data); then B's network comes back.
    await server.stop();
    await server.start();
    await bContext.setOffline(false);

    // A sees B's sale once, and B has nothing left waiting.
    await a.keyboard.press('Alt+3');
    await expect(packQueueRow(a, offlineSale)).toHaveCount(1, { timeout: 60_000 });
    await expect(packQueueRow(a, phoneOrder)).toHaveCount(0);
    await a.keyboard.press('Alt+2');
    await a.getByLabel('Search orders').fill(offlineSale);
    await a.getByLabel('Search orders').press('Enter');
    await expect(a.getByRole('heading', { name: `Order ${offlineSale}` })).toBeVisible();
    await expect(b.getByRole('link', { name: /^Sync: Synced/ })).toBeVisible({ timeout: 60_000 });
    await b.keyboard.press('Alt+2');
    await b.getByLabel('Search orders').fill(phoneOrder.slice(0, 3));
    await expect(b.getByRole('option', { name: new RegExp(`${phoneOrder}`) })).toHaveCount(1);
    await shot(a, '06-offline-sale-seen-on-a');
  } catch (error) {
    for (const page of desks)
      console.log(await page.getByRole('link', { name: /^Sync:/ }).getAttribute('aria-label'));
    // What the server did, to read next to the failure.
    console.log(
      server.log
        .filter((line) =>
          /"msg":"(push|desk enrolled|shutting down)"|"url":"\/v1\/(push|pull|events)"/.test(line),
        )
        .map((line) => line.slice(0, 300))
        .join('\n'),
    );
    throw error;
  } finally {
    await server.dispose();
  }
});
