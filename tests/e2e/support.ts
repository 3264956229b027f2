// What every e2e spec does the same way: open a fresh desk with the demo store, and scan like a
// keyboard-wedge scanner (a burst of keys a few milliseconds apart, ending in Enter).
import { expect, type Page } from '@playwright/test';

export type DemoOptions = {
  /** The demo staff member to sign in as once staff sign-in exists (each role has one). */
  as?: 'owner' | 'manager' | 'seller' | 'packer';
  /** Runs on the welcome screen before the demo loads (e.g. a screenshot). */
  beforeLoad?: (page: Page) => Promise<unknown>;
};

/** Opens the app on an empty desk, loads the demo store and waits for the Catalog. */
export async function loadDemo(page: Page, { beforeLoad }: DemoOptions = {}): Promise<void> {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Welcome to Orderline' })).toBeVisible();
  await beforeLoad?.(page);
  await page.getByRole('button', { name: 'Load demo store' }).click();
  await expect(page.getByRole('heading', { name: 'Catalog' })).toBeVisible({ timeout: 60_000 });
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
