// Two desks of one store against the real server, for the specs that need them: desk A's store as
// it stood before enrolling (an empty store whose owner imports its catalogue and customers from
// CSV files), the owner's sign-in, enrolling, a phone order taken at Sell, and an order's row in
// the Pack queue.
import { expect, type Browser, type Page } from '@playwright/test';
import { startEmpty } from './support';
import { SyncServerProcess } from './syncServer';

export const OWNER = { name: 'Olive Owner', pin: '482613' };
export function ean13(body12: string): string {
  const sum = [...body12].reduce((s, d, i) => s + Number(d) * (i % 2 ? 3 : 1), 0);
  return body12 + String((10 - (sum % 10)) % 10);
}

export const CATALOG = [
  { name: 'Stoneware Mug', sku: 'MUG-STONE', body: '501234500001', price: 1250, bin: 'A-01-1' },
  { name: 'Linen Tea Towel', sku: 'TOWEL-LIN', body: '501234500002', price: 900, bin: 'A-01-2' },
  { name: 'Oak Coaster', sku: 'COAST-OAK', body: '501234500003', price: 450, bin: 'A-02-1' },
].map((item) => ({ ...item, barcode: ean13(item.body) }));

/** Desk A's catalogue in Orderline's CSV layout, with its bins and opening stock. */
const CATALOG_CSV = [
  'Product,SKU,Barcode,Price,Category,Weight (g),Bin,On hand',
  ...CATALOG.map((item) =>
    [item.name, item.sku, item.barcode, (item.price / 100).toFixed(2), 'Kitchen', 300, item.bin, 20].join(
      ',',
    ),
  ),
].join('\r\n');

/** `count` customers as a CSV, the first one Ada Lovelace. */
function customersCsv(count: number): string {
  return [
    'Name,Address line 1,City,Postcode,Country',
    ...Array.from({ length: count }, (_, i) =>
      [
        i === 0 ? 'Ada Lovelace' : `Customer ${String(i).padStart(4, '0')}`,
        `${i + 1} Analytical Row`,
        'London',
        'SW1A 1AA',
        'GB',
      ].join(','),
    ),
  ].join('\r\n');
}

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
async function importDeskA(page: Page, customers: number): Promise<void> {
  await page.getByRole('link', { name: /Catalog/ }).click();
  await page.getByText('Import and export', { exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Import a CSV file' })).toBeVisible();
  await importCsv(
    page,
    'catalogue.csv',
    CATALOG_CSV,
    `Imported ${CATALOG.length} products with ${CATALOG.length} variants and 60 units of opening stock`,
  );
  await importCsv(
    page,
    'customers.csv',
    customersCsv(customers),
    `Imported ${customers} customer${customers === 1 ? '' : 's'}`,
  );
  await expect(page.getByText(`${CATALOG.length} products`, { exact: true })).toBeVisible();
}

export async function signInAsOwner(page: Page): Promise<void> {
  await page.getByRole('list', { name: 'Staff' }).getByRole('button', { name: OWNER.name }).click();
  await page.getByLabel('PIN', { exact: true }).fill(OWNER.pin);
  await page.getByRole('button', { name: `Sign in as ${OWNER.name}` }).click();
  await expect(page.getByRole('button', { name: 'Lock' })).toBeVisible();
}

/** Desk A: an empty store started by its owner (Olive Owner, PIN 482613), then its CSV files imported. */
export async function startDeskA(browser: Browser, customers: number): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await startEmpty(page);
  await importDeskA(page, customers);
  return page;
}

/**
 * Runs `steps` against a fresh server process with a store and one enrollment code per desk; on a
 * failure it prints each desk's sync state and what the server did, and the server always goes.
 */
export async function withStoreServer(
  name: string,
  desks: number,
  steps: (server: SyncServerProcess, codes: string[], pages: Page[]) => Promise<void>,
): Promise<void> {
  const server = new SyncServerProcess();
  const pages: Page[] = [];
  try {
    await steps(server, await storeWithCodes(server, name, desks), pages);
  } catch (error) {
    for (const page of pages)
      console.log(await page.getByRole('link', { name: /^Sync:/ }).getAttribute('aria-label'));
    // What the server did, to read next to the failure.
    console.log(
      server.log
        .filter((line) =>
          /"msg":"(push|desk enrolled|shutting down)"|"url":"\/v1\/(push|pull|events)"|rejected/.test(line),
        )
        .map((line) => line.slice(0, 300))
        .join('\n'),
    );
    throw error;
  } finally {
    await server.dispose();
  }
}

/** Makes the store on the server and one enrollment code per desk, then starts the server. */
async function storeWithCodes(server: SyncServerProcess, name: string, desks: number): Promise<string[]> {
  const storeId = await server.createStore(name);
  const codes: string[] = [];
  for (let i = 0; i < desks; i++) codes.push(await server.enrollCode(storeId));
  await server.start();
  return codes;
}

export async function enroll(page: Page, serverUrl: string, code: string, deskName: string): Promise<void> {
  const form = page.getByRole('form', { name: 'Enroll this desk' });
  await form.getByLabel('Server address').fill(serverUrl);
  await form.getByLabel('Enrollment code').fill(code);
  await form.getByLabel('Name of this desk').fill(deskName);
  await form.getByRole('button', { name: 'Enroll this desk' }).click();
}

/** The order's row in the Pack queue (paid orders waiting to be packed). */
export function packQueueRow(page: Page, orderNumber: string) {
  return page
    .getByRole('listbox', { name: 'Orders ready to pack' })
    .getByRole('option', { name: new RegExp(`^Order ${orderNumber},`) });
}

/** Takes a paid phone order for Ada Lovelace of one `sku` at the Sell screen; returns its number. */
export async function takePhoneOrder(a: Page, sku: string): Promise<string> {
  await a.keyboard.press('Alt+1');
  const customer = a.getByRole('region', { name: 'Customer' });
  await customer.getByRole('combobox', { name: 'Find customer' }).fill('Lovelace');
  await customer.getByRole('option').filter({ hasText: 'Ada Lovelace' }).first().click();
  await expect(customer).toContainText('Ada Lovelace');
  await a.getByLabel('Add item').fill(sku);
  await a.getByLabel('Add item').press('Enter');
  await expect(a.getByRole('table', { name: 'Cart' })).toContainText(sku);
  await a.getByRole('button', { name: 'Checkout' }).click();
  await a.getByRole('button', { name: 'Continue to payment' }).click();
  const payment = a.getByRole('form', { name: 'Payment' });
  await payment.getByLabel('Card (terminal)').check();
  await payment.getByLabel('Terminal reference').fill('TID-2001');
  await payment.getByLabel('Card last four digits').fill('4242');
  await payment.getByRole('button', { name: 'Take payment' }).click();
  const receipt = a.getByRole('article', { name: /^Receipt for order D1-\d{6}$/ });
  await expect(receipt).toBeVisible();
  return (await receipt.getAttribute('aria-label'))!.replace('Receipt for order ', '');
}
