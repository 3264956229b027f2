// The app's main window in a launched Electron app. Not `firstWindow()`: before it opens, the app
// may open hidden windows of its own (the one-time move of a desk's data from file://).
import { expect, type ElectronApplication, type Page } from '@playwright/test';

export const APP_ENTRY_URL = 'orderline://app/index.html';

export async function appWindow(app: ElectronApplication): Promise<Page> {
  const find = () => app.windows().find((page) => !page.isClosed() && page.url().startsWith(APP_ENTRY_URL));
  await expect.poll(() => find() !== undefined, { timeout: 60_000 }).toBe(true);
  return find()!;
}
