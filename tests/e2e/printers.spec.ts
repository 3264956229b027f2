// Settings › Printers: every document the benches print has its printer and paper with a test
// print; a manager sets the label printer to ZPL at 300 dpi and invoices to Letter, the setup
// survives a reload, the test print is a 4x6 label drawn for 300 dpi, and an order's invoice opens
// on the paper chosen.
import { expect, test } from '@playwright/test';
import { loadDemo, signIn } from './support';

test('the label printer is set to ZPL at 300 dpi, kept, and its test label is drawn for 300 dpi', async ({
  page,
}) => {
  await loadDemo(page, { as: 'manager' });
  await page.keyboard.press('Alt+8');
  const printers = page.getByRole('form', { name: 'Printers' });
  for (const name of [
    'Receipts',
    'Invoices and quotes',
    'Packing slips',
    'Pick lists',
    'Product labels',
    'Shipping labels (4x6)',
    'Customs declarations (CN22/CN23)',
  ]) {
    const group = printers.getByRole('group', { name });
    await expect(group.getByRole('combobox', { name: 'Printer', exact: true })).toHaveValue('');
    await expect(group.getByRole('button', { name: 'Test print' })).toBeVisible();
  }
  const labels = printers.getByRole('group', { name: 'Shipping labels (4x6)' });
  await labels.getByLabel('Print as').selectOption('zpl300');
  await printers
    .getByRole('group', { name: 'Invoices and quotes' })
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
  await expect(again.getByRole('group', { name: 'Invoices and quotes' }).getByLabel('Paper')).toHaveValue(
    'Letter',
  );
  await expect(again.getByRole('group', { name: 'Packing slips' }).getByLabel('Paper')).toHaveValue('A4');

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

  // An order's invoice opens on the paper the setup gives invoices, and prints.
  await page.keyboard.press('Alt+2');
  await page
    .getByRole('group', { name: 'Filter by status' })
    .getByRole('button', { name: /^Shipped \d+$/ })
    .click();
  const first = page.getByRole('listbox', { name: 'Orders' }).getByRole('option').first();
  await expect(first).toBeVisible();
  await first.click();
  const heading = page.getByRole('heading', { level: 2, name: /^Order [A-Z0-9]+-\d{6}$/ });
  const number = (await heading.textContent())!.replace('Order ', '');
  await page.getByRole('button', { name: 'Invoice (A4/Letter)…' }).click();
  const dialog = page.getByRole('dialog', { name: `Invoice ${number}` });
  await expect(dialog.getByLabel('Paper')).toHaveValue('Letter');
  await dialog.getByRole('button', { name: 'Print invoice' }).click();
  await expect(
    dialog.getByRole('status').filter({ hasText: `Invoice ${number} sent to the printer` }),
  ).toBeVisible();
});
