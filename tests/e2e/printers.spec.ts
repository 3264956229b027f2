// Settings › Printers: a manager sets the label printer to ZPL at 300 dpi, the setup survives a
// reload, and the test print is a 4x6 label drawn for 300 dpi.
import { expect, test } from '@playwright/test';
import { loadDemo, signIn } from './support';

test('the label printer is set to ZPL at 300 dpi, kept, and its test label is drawn for 300 dpi', async ({
  page,
}) => {
  await loadDemo(page, { as: 'manager' });
  await page.keyboard.press('Alt+8');
  const printers = page.getByRole('form', { name: 'Printers' });
  await expect(printers.getByRole('group', { name: 'Shipping labels (4x6)' })).toBeVisible();
  const labels = printers.getByRole('group', { name: 'Shipping labels (4x6)' });
  await labels.getByLabel('Print as').selectOption('zpl300');
  await printers
    .getByRole('group', { name: 'Invoices and packing slips' })
    .getByLabel('Paper')
    .selectOption('Letter');
  await printers.getByRole('button', { name: 'Save printer setup' }).click();
  await expect(printers.getByRole('status')).toHaveText('Printer setup saved for this desk');
  await page.screenshot({ path: 'screenshots/printers-01-settings.png' });

  await page.reload();
  const signInHeading = page.getByRole('heading', { name: 'Sign in' });
  await expect(signInHeading.or(page.getByRole('button', { name: 'Lock' }))).toBeVisible();
  if (await signInHeading.isVisible()) await signIn(page, 'manager');
  await page.keyboard.press('Alt+8');
  const again = page.getByRole('form', { name: 'Printers' });
  await expect(
    again.getByRole('group', { name: 'Shipping labels (4x6)' }).getByLabel('Print as'),
  ).toHaveValue('zpl300');
  await expect(
    again.getByRole('group', { name: 'Invoices and packing slips' }).getByLabel('Paper'),
  ).toHaveValue('Letter');

  const download = page.waitForEvent('download');
  await again
    .getByRole('group', { name: 'Shipping labels (4x6)' })
    .getByRole('button', { name: 'Test print' })
    .click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('test-label-300dpi.zpl');
  const chunks: Buffer[] = [];
  for await (const chunk of (await file.createReadStream())!) chunks.push(chunk as Buffer);
  const zpl = Buffer.concat(chunks).toString('utf8');
  expect(zpl).toContain('^PW1200');
  expect(zpl).toContain('^LL1800');
  await expect(again.getByRole('status')).toContainText('Test label for 300 dpi saved as ZPL');
});
