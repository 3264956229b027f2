// The packaged shape of the app: Electron main + preload + renderer, driven through Playwright's
// _electron. Runs wherever the Electron binary is installed; on machines where it cannot be
// downloaded (ELECTRON_SKIP_BINARY_DOWNLOAD) it is skipped, and says so.
import { _electron as electron, expect, test } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SMOKE_TEST_SWITCH } from '../../src-main/smokeTest';
import { appWindow } from './electronWindow';
import { signIn } from './support';

const electronDir = join(process.cwd(), 'node_modules', 'electron');

/** The binary's path as the electron package records it, without triggering its lazy download. */
function electronBinary(): string | null {
  const pathFile = join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

const binary = electronBinary();
const built = existsSync(join(process.cwd(), 'out', 'main', 'index.js'));
if (!binary)
  console.warn(
    'Electron e2e suite SKIPPED: no Electron binary in node_modules/electron (ELECTRON_SKIP_BINARY_DOWNLOAD).',
  );

test.describe('desktop app (Electron)', () => {
  test.skip(
    !binary,
    'SKIPPED: the Electron binary is not installed here (ELECTRON_SKIP_BINARY_DOWNLOAD); the renderer is tested in Chromium instead',
  );
  test.skip(!built, 'SKIPPED: out/main/index.js is missing; run `npx electron-vite build` first');

  test('opens one hardened window with the bridge and the first-run welcome', async () => {
    const app = await electron.launch({
      executablePath: binary!,
      args: ['.', '--no-sandbox'],
      cwd: process.cwd(),
    });
    try {
      const window = await appWindow(app);
      await expect(window.getByRole('heading', { name: 'Welcome to Orderline' })).toBeVisible();
      expect(
        await window.evaluate(() => typeof (window as unknown as { orderline?: object }).orderline),
      ).toBe('object');
      expect(await window.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe(
        'undefined',
      );
      const prefs = await app.evaluate(({ BrowserWindow }) => {
        const win = BrowserWindow.getAllWindows()[0]!;
        return { count: BrowserWindow.getAllWindows().length, url: win.webContents.getURL() };
      });
      expect(prefs.count).toBe(1);
      expect(prefs.url).toBe('orderline://app/index.html');
      // Navigation away from the app is refused.
      await window.evaluate(() => (location.href = 'https://example.com/'));
      await expect(window.getByRole('heading', { name: 'Welcome to Orderline' })).toBeVisible();
    } finally {
      await app.close();
    }
  });

  test('makes a counter sale and prints its receipt to PDF through the bridge', async () => {
    const app = await electron.launch({
      executablePath: binary!,
      args: ['.', '--no-sandbox'],
      cwd: process.cwd(),
    });
    try {
      const window = await appWindow(app);
      await window.getByRole('button', { name: 'Load demo store' }).click();
      await expect(window.getByRole('heading', { name: 'Sign in' })).toBeVisible({ timeout: 60_000 });
      await signIn(window, 'seller');
      await expect(window.getByRole('heading', { name: 'Catalog' })).toBeVisible();
      await window.keyboard.press('Alt+1');
      await window.getByLabel('Add item').fill('mug');
      await window.getByLabel('Add item').press('Enter');
      await window.getByRole('group', { name: 'Choose an item' }).getByRole('button').first().click();
      await window.getByRole('button', { name: 'Checkout' }).click();
      await window
        .getByRole('form', { name: 'Payment' })
        .getByRole('button', { name: 'Take payment' })
        .click();
      const receipt = window.getByRole('article', { name: /^Receipt for order/ });
      await expect(receipt).toBeVisible();
      const pdfHeader = await window.evaluate(async () => {
        const bridge = (window as unknown as { orderline: import('$shared/bridge').OrderlineBridge })
          .orderline;
        const html = document.querySelector('article[aria-label^="Receipt"]')!.outerHTML;
        const bytes = await bridge.printToPdf({
          html: `<!doctype html><html><body>${html}</body></html>`,
          pageSize: 'receipt80mm',
        });
        return String.fromCharCode(...bytes.slice(0, 5));
      });
      expect(pdfHeader).toBe('%PDF-');
    } finally {
      await app.close();
    }
  });

  test('moves a desk that kept its store under file:// to orderline://app on the next start', async () => {
    const profile = await mkdtemp(join(tmpdir(), 'orderline-origin-move-'));
    const launch = () =>
      electron.launch({
        executablePath: binary!,
        args: ['.', '--no-sandbox', `${SMOKE_TEST_SWITCH}=${profile}`],
        cwd: process.cwd(),
      });
    try {
      // A desk as earlier versions ran it: the app loaded from file://, with the demo store loaded.
      const first = await launch();
      try {
        await appWindow(first);
        const indexHtml = join(process.cwd(), 'out', 'renderer', 'index.html');
        const oldWindowOpened = first.waitForEvent('window');
        await first.evaluate(({ BrowserWindow }, file) => {
          void new BrowserWindow({ show: true }).loadFile(file);
        }, indexHtml);
        const oldDesk = await oldWindowOpened;
        await oldDesk.getByRole('button', { name: 'Load demo store' }).click();
        await expect(oldDesk.getByRole('heading', { name: 'Sign in' })).toBeVisible({ timeout: 60_000 });
        // Forget this run's own start at orderline://app, as if the new version had never run.
        await first.evaluate(async ({ session }) => {
          await session.defaultSession.clearStorageData({ origin: 'orderline://app', storages: ['indexdb'] });
        });
      } finally {
        await first.close();
      }
      await rm(join(profile, 'origin-migration.json'), { force: true });

      // The new version starts: the store is moved before its window opens.
      const second = await launch();
      try {
        const window = await appWindow(second);
        await expect(window.getByRole('heading', { name: 'Sign in' })).toBeVisible({ timeout: 60_000 });
        await signIn(window, 'seller');
        await expect(window.getByRole('heading', { name: 'Catalog' })).toBeVisible();
        await expect(window.getByText(/\d+ products/)).toBeVisible();
        expect(readFileSync(join(profile, 'origin-migration.json'), 'utf8')).toContain('"outcome": "moved"');
      } finally {
        await second.close();
      }
    } finally {
      await rm(profile, { recursive: true, force: true });
    }
  });
});
