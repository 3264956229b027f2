// The channel a new sale starts as, per desk: a desk never told takes phone orders until it keeps a
// register (a till: counter sales); Settings › Selling says which and why, and what it saves wins.
import { expect, test } from '@playwright/test';
import { loadDemo } from './support';

test('an unset desk sells by phone until it opens a register, then at the counter; the saved choice wins', async ({
  page,
}) => {
  await loadDemo(page, { as: 'manager' });
  await page.keyboard.press('Alt+8');
  const selling = page.getByRole('form', { name: 'Selling' });
  await expect(selling).toContainText('Not chosen yet: new sales start as phone orders.');
  await page.keyboard.press('Alt+1');
  const channel = page.getByLabel('Channel');
  await expect(channel).toHaveValue('phone');

  // The register opened on this desk: it is a till now.
  await page.getByRole('button', { name: /^Register/ }).click();
  const dialog = page.getByRole('dialog', { name: /^Register/ });
  await dialog.getByLabel('Float').fill('100');
  await dialog.getByRole('button', { name: 'Open register' }).click();
  await expect(dialog.getByRole('status')).toContainText('Register open with a float of £100.00');
  await dialog.getByRole('button', { name: 'Done' }).click();
  await page.keyboard.press('Alt+8');
  await expect(selling).toContainText(
    'Not chosen yet: new sales start as counter (walk-in) sales, because this desk keeps a register.',
  );
  await page.keyboard.press('Alt+1');
  await expect(channel).toHaveValue('counter');

  // Told otherwise in Settings › Selling: a phone desk with a drawer.
  await page.keyboard.press('Alt+8');
  await selling.getByLabel('This desk takes').selectOption('phone');
  await selling.getByRole('button', { name: 'Save selling settings' }).click();
  await expect(selling.getByRole('status')).toContainText('start as phone orders');
  await expect(selling).not.toContainText('Not chosen yet');
  await page.screenshot({ path: 'screenshots/45-settings-selling.png' });
  await page.keyboard.press('Alt+1');
  await expect(channel).toHaveValue('phone');
});
