// Two desks of one store against the real server, for the specs that need them: desk A's store as
// it stood before enrolling (seeded into its IndexedDB), the owner's sign-in, enrolling, a phone
// order taken at Sell, and an order's row in the Pack queue.
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

/**
 * Desk A's store as it stood before the desk was enrolled: its catalogue with stock and its
 * customers, written straight into the desk's IndexedDB. The app has no product form yet, so this
 * is the one step not done through the UI; everything after it is.
 */
export async function seedDeskA(page: Page, customers: number): Promise<void> {
  await page.evaluate(
    async ({ catalog, customers }) => {
      const at = new Date().toISOString();
      const words = (text: string) => text.toLowerCase().split(/\W+/).filter(Boolean);
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open('orderline');
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      const tables = ['products', 'variants', 'stockMovements', 'stockLevels', 'customers'];
      const tx = db.transaction(tables, 'readwrite');
      for (const item of catalog) {
        const productId = crypto.randomUUID();
        const variantId = crypto.randomUUID();
        tx.objectStore('products').put({
          id: productId,
          name: item.name,
          category: 'Kitchen',
          taxClass: 'standard',
          options: [],
          allowBackorder: false,
          active: true,
          searchWords: [...words(item.name), 'kitchen'],
          createdAt: at,
          updatedAt: at,
        });
        tx.objectStore('variants').put({
          id: variantId,
          productId,
          sku: item.sku,
          barcode: item.barcode,
          attributes: {},
          price: { amount: item.price, currency: 'GBP' },
          weightGrams: 300,
          bin: item.bin,
          createdAt: at,
          updatedAt: at,
        });
        tx.objectStore('stockMovements').put({
          id: crypto.randomUUID(),
          variantId,
          kind: 'receive',
          quantity: 20,
          deskId: 'D1',
          createdAt: at,
        });
        tx.objectStore('stockLevels').put({ variantId, onHand: 20, reserved: 0, updatedAt: at });
      }
      for (let i = 0; i < customers; i++) {
        const name = i === 0 ? 'Ada Lovelace' : `Customer ${String(i).padStart(4, '0')}`;
        tx.objectStore('customers').put({
          id: crypto.randomUUID(),
          name,
          phoneDigits: '',
          addresses: [
            {
              id: crypto.randomUUID(),
              kind: 'shipping',
              name,
              line1: `${i + 1} Analytical Row`,
              city: 'London',
              postalCode: 'SW1A 1AA',
              country: 'GB',
            },
          ],
          acquisitionSource: 'word_of_mouth',
          isBusiness: false,
          searchWords: words(name),
          createdAt: at,
          updatedAt: at,
        });
      }
      await new Promise<void>((resolve, reject) => {
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
      });
      db.close();
    },
    { catalog: CATALOG, customers },
  );
}

export async function signInAsOwner(page: Page): Promise<void> {
  await page.getByRole('list', { name: 'Staff' }).getByRole('button', { name: OWNER.name }).click();
  await page.getByLabel('PIN', { exact: true }).fill(OWNER.pin);
  await page.getByRole('button', { name: `Sign in as ${OWNER.name}` }).click();
  await expect(page.getByRole('button', { name: 'Lock' })).toBeVisible();
}

export async function startDeskA(browser: Browser, customers: number): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  // The same owner as OWNER: Olive Owner, PIN 482613.
  await startEmpty(page);
  await seedDeskA(page, customers);
  await page.reload();
  // The person stays signed in through a reload unless the desk locked meanwhile.
  const signIn = page.getByRole('heading', { name: 'Sign in' });
  await expect(page.getByRole('button', { name: 'Lock' }).or(signIn)).toBeVisible();
  if (await signIn.isVisible()) await signInAsOwner(page);
  await expect(page.getByRole('button', { name: 'Lock' })).toBeVisible();
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
