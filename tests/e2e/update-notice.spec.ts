// The desktop app's "update ready" notice, driven through the UI: the renderer gets a stand-in for
// the Electron bridge (window.orderline) whose main process announces an update, as
// src-main/updates.ts does once a signed update is downloaded and no sale is open.
import { expect, test } from '@playwright/test';
import { catalogItem, loadDemo } from './support';

test.beforeEach(async ({ page }) => {
  await page.addInitScript(() => {
    type Listener = (update: { version: string }) => void;
    const listeners: Listener[] = [];
    const calls: string[] = [];
    let refuseNextRestart = true;
    Object.assign(window, {
      __updateCalls: calls,
      __announceUpdate: (version: string) => listeners.forEach((listener) => listener({ version })),
      orderline: {
        platform: 'electron',
        appVersion: async () => '1.4.0',
        listPrinters: async () => [],
        print: async () => ({ ok: true }),
        printToPdf: async () => new Uint8Array(),
        saveFile: async () => true,
        openTextFile: async () => null,
        setBusy: async (busy: boolean) => void calls.push(`busy:${busy}`),
        restartToUpdate: async () => {
          calls.push('restart');
          if (!refuseNextRestart) return { ok: true };
          refuseNextRestart = false;
          return { ok: false, message: 'A sale is open. Finish or hold it, then restart to update.' };
        },
        keepDeviceToken: async () => ({ ok: false, message: 'No keychain in this test' }),
        deviceToken: async () => null,
        onMenuCommand: () => () => undefined,
        onUpdateReady: (listener: Listener) => {
          listeners.push(listener);
          return () => listeners.splice(listeners.indexOf(listener), 1);
        },
      },
    });
  });
});

test('an update that is ready is announced in the sidebar, restarts on request, and Later hides it', async ({
  page,
}) => {
  await loadDemo(page);
  const notice = page.getByRole('region', { name: 'Update 1.5.0 is ready' });
  await expect(notice).toBeHidden();
  const search = page.getByLabel('Search catalog');
  await search.focus();

  await page.evaluate(() =>
    (window as unknown as { __announceUpdate(v: string): void }).__announceUpdate('1.5.0'),
  );
  await expect(notice).toBeVisible();
  // The notice never takes the focus from what the user is doing.
  await expect(search).toBeFocused();
  await page.screenshot({ path: test.info().outputPath('update-ready.png') });

  // The app refuses while a sale is open, and the notice says why.
  await notice.getByRole('button', { name: 'Restart now' }).click();
  await expect(notice.getByRole('alert')).toHaveText(
    'A sale is open. Finish or hold it, then restart to update.',
  );
  await notice.getByRole('button', { name: 'Restart now' }).click();
  await expect(notice.getByRole('alert')).toBeHidden();
  expect(
    await page.evaluate(() => (window as unknown as { __updateCalls: string[] }).__updateCalls),
  ).toContain('restart');

  // A sale opens: the notice steps aside, and is back once the cart is held for later.
  const item = await catalogItem(page, 'tee');
  await page.keyboard.press('Alt+1');
  await page.getByLabel('Add item').fill(item.sku.toLowerCase());
  await page.getByLabel('Add item').press('Enter');
  await expect(page.getByRole('table', { name: 'Cart' })).toContainText(item.sku);
  await expect(notice).toBeHidden();
  await page.getByRole('button', { name: 'New sale' }).first().click();
  await expect(page.getByText('Ready for a new sale')).toBeVisible();
  await expect(notice).toBeVisible();

  await notice.getByRole('button', { name: 'Later' }).click();
  await expect(notice).toBeHidden();
});
