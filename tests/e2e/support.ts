// What every e2e spec does the same way: open a fresh desk with the demo store, and scan like a
// keyboard-wedge scanner (a burst of keys a few milliseconds apart, ending in Enter).
import { expect, type Locator, type Page } from '@playwright/test';

export type Role = 'owner' | 'manager' | 'seller' | 'packer';

/** The demo store's staff (src-renderer/src/demo/demoStaff.ts): one per role, PINs shown on its sign-in screen. */
export const DEMO_STAFF: Record<Role, { name: string; pin: string }> = {
  owner: { name: 'Alex Morgan', pin: '246813' },
  manager: { name: 'Mia Chen', pin: '369147' },
  seller: { name: 'Sam Patel', pin: '1470' },
  packer: { name: 'Jo Walsh', pin: '8520' },
};

export type DemoOptions = {
  /** The demo staff member to sign in as (default: the seller). */
  as?: Role;
  /** Runs on the welcome screen before the demo loads (e.g. a screenshot). */
  beforeLoad?: (page: Page) => Promise<unknown>;
};

/** Opens the app on an empty desk, loads the demo store, signs in as `as` and waits for the Catalog. */
export async function loadDemo(page: Page, { as = 'seller', beforeLoad }: DemoOptions = {}): Promise<void> {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Welcome to Orderline' })).toBeVisible();
  await beforeLoad?.(page);
  await page.getByRole('button', { name: 'Load demo store' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible({ timeout: 60_000 });
  await signIn(page, as);
  await expect(page.getByRole('heading', { name: 'Catalog' })).toBeVisible();
}

/** On the lock screen: picks the demo person of that role and types their PIN. */
export async function signIn(page: Page, as: Role): Promise<void> {
  const { name, pin } = DEMO_STAFF[as];
  await page.getByRole('list', { name: 'Staff' }).getByRole('button', { name }).click();
  await page.getByLabel('PIN', { exact: true }).fill(pin);
  await page.getByRole('button', { name: `Sign in as ${name}` }).click();
  await expect(page.getByRole('button', { name: 'Lock' })).toBeVisible();
}

/** Opens the app on an empty desk and starts an empty store, creating its owner (Olive Owner, PIN 482613). */
export async function startEmpty(page: Page): Promise<void> {
  await page.goto('/');
  await page.getByRole('button', { name: 'Start with an empty store' }).click();
  const form = page.getByRole('form', { name: 'Who owns this store?' });
  await form.getByLabel('Owner’s name').fill('Olive Owner');
  await form.getByLabel('PIN', { exact: true }).fill('482613');
  await form.getByLabel('PIN again').fill('482613');
  await form.getByRole('button', { name: 'Create owner and start' }).click();
  await expect(page.getByRole('button', { name: 'Lock' })).toBeVisible();
}

/** Opens the first product matching `search` in the Catalog and reads its first variant as shown:
 * barcode, SKU and product name. */
export async function catalogItem(
  page: Page,
  search: string,
): Promise<{ barcode: string; sku: string; name: string }> {
  await page.getByLabel('Search catalog').fill(search);
  await page.getByLabel('Search catalog').press('ArrowDown');
  await expect(page.getByRole('listbox', { name: `Products matching ${search}` })).toBeFocused();
  await page.keyboard.press('Enter');
  return shownVariant(page);
}

/** The open product's first variant as the Catalog shows it: barcode, SKU and product name. */
async function shownVariant(page: Page): Promise<{ barcode: string; sku: string; name: string }> {
  const img = page.getByRole('img', { name: /^Barcode \d{13} for / }).first();
  const [, barcode = '', sku = ''] = (await img.getAttribute('aria-label'))!.match(
    /^Barcode (\d{13}) for (\S+)$/,
  )!;
  const name = (await page.getByRole('heading', { level: 2 }).first().textContent())!.trim();
  return { barcode, sku, name };
}

/** Types `code` at scanner speed (5 ms a key) into whatever has focus, then Enter. */
export async function scan(page: Page, code: string): Promise<void> {
  await page.evaluate((code) => {
    const target = document.activeElement ?? document.body;
    const start = performance.now();
    [...code, 'Enter'].forEach((key, i) => {
      const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true });
      Object.defineProperty(event, 'timeStamp', { value: start + i * 5 });
      target.dispatchEvent(event);
    });
  }, code);
}

/** Presses Tab (Shift+Tab going back) until `target` has focus, as a keyboard user would. */
export async function tabTo(page: Page, target: Locator, back = false): Promise<void> {
  for (let i = 0; i < 80; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
  }
  await expect(target).toBeFocused();
}

/** The demo store loaded and signed in with the keyboard alone (Tab, Enter, the PIN typed). */
export async function loadDemoByKeyboard(page: Page, as: Role): Promise<void> {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Welcome to Orderline' })).toBeVisible();
  await tabTo(page, page.getByRole('button', { name: 'Load demo store' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible({ timeout: 60_000 });
  const { name, pin } = DEMO_STAFF[as];
  await tabTo(page, page.getByRole('list', { name: 'Staff' }).getByRole('button', { name }));
  await page.keyboard.press('Enter');
  await tabTo(page, page.getByLabel('PIN', { exact: true }));
  await page.keyboard.type(pin);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Lock' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Catalog' })).toBeVisible();
}

/** catalogItem by keyboard alone: Tab to the Catalog's search, type, arrow into the matches, Enter. */
export async function catalogItemByKeyboard(
  page: Page,
  search: string,
): Promise<{ barcode: string; sku: string; name: string }> {
  const box = page.getByLabel('Search catalog');
  await tabTo(page, box);
  await page.keyboard.type(search);
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('listbox', { name: `Products matching ${search}` })).toBeFocused();
  await page.keyboard.press('Enter');
  return shownVariant(page);
}
