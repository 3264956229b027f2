// Settings › Store server: a desk works alone until enrolled, and a server that cannot be
// reached gives a sentence, not a crash, and changes nothing.
import { expect, test } from '@playwright/test';
import { startEmpty } from './support';

test('a desk that is not enrolled says so, and enrolling against a server that is not there explains why', async ({
  page,
}) => {
  await startEmpty(page);
  await expect(page.getByRole('link', { name: 'Sync: Not connected to a store server' })).toBeVisible();
  await page.keyboard.press('Alt+8');
  const panel = page
    .getByRole('region', { name: 'Store server' })
    .or(page.locator('[aria-labelledby="sync-title"]'));
  await expect(panel.getByRole('status')).toHaveText('Not connected to a store server');

  await panel.getByLabel('Server address').fill('http://127.0.0.1:9');
  await panel.getByLabel('Enrollment code').fill('ABCD-EFGH');
  await panel.getByRole('button', { name: 'Enroll this desk' }).click();
  const alert = panel.getByRole('alert');
  await expect(alert).toContainText('Enrollment failed');
  await expect(alert).not.toContainText('TypeError');
  await page.screenshot({ path: 'screenshots/20-settings-sync.png' });
  // Nothing was stored: the form is still there and the desk still works alone.
  await expect(panel.getByRole('button', { name: 'Enroll this desk' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Sync: Not connected to a store server' })).toBeVisible();
});
