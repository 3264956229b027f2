// Settings › Waiting to sync: a desk that works alone shows every change it has not sent yet, by the
// customer or order it belongs to, with a link to open it.
import { expect, test } from '@playwright/test';
import { loadDemo } from './support';

test('a customer created offline is listed as waiting to sync, and opens from the list', async ({ page }) => {
  await loadDemo(page, { as: 'manager' });
  await page.keyboard.press('Alt+8');
  const waiting = page.getByRole('region', { name: 'Waiting to sync' });
  // The manager's sign-in is already waiting (the audit log syncs too); no customer change yet.
  await expect(waiting.getByText(/^\d+ changes? waiting/)).toBeVisible();
  const changes = waiting.getByRole('list', { name: 'Changes to Customer Kofi Mensah' });
  await expect(changes).toHaveCount(0);

  await page.keyboard.press('Alt+6');
  await page.getByRole('button', { name: 'New customer' }).click();
  const form = page.getByRole('form', { name: 'New customer' });
  await form.getByLabel('Name', { exact: true }).fill('Kofi Mensah');
  await form.getByLabel('Phone', { exact: true }).fill('+44 161 496 0123');
  await form.getByLabel('How did you hear about us?').selectOption({ label: 'Word of mouth / a friend' });
  const address = form.getByRole('group', { name: 'Shipping address' });
  await address.getByLabel('Country').selectOption('GB');
  await address.getByLabel('Address line 1').fill('1 Deansgate');
  await address.getByLabel('City').fill('Manchester');
  await address.getByLabel('Postcode').fill('M3 1AZ');
  await form.getByRole('button', { name: 'Create customer' }).click();
  await expect(page.getByRole('article', { name: 'Kofi Mensah' })).toBeVisible();

  await page.keyboard.press('Alt+8');
  await expect(changes.getByRole('listitem')).toHaveText(/Customer details saved.*waiting/);
  await page.screenshot({ path: 'screenshots/21-waiting-to-sync.png' });
  await waiting.getByRole('link', { name: 'Customer Kofi Mensah' }).click();
  await expect(page.getByRole('article', { name: 'Kofi Mensah' })).toBeVisible();
});
