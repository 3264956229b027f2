// A day at the counter register: open with a float, sell for cash, take cash out for the bank,
// close with a count that is 50p short (the variance shown before confirming, a reason required),
// and the Z report shows the same figures.
import { expect, test } from '@playwright/test';
import { catalogItem, loadDemo } from './support';

const pounds = (text: string) => Math.round(Number(text.replace(/[£,]/g, '')) * 100);
const show = (pence: number) => `£${(pence / 100).toFixed(2)}`;

test('open with a float, a cash sale, cash out, close 50p short: the Z report agrees', async ({ page }) => {
  await loadDemo(page, { as: 'manager' });
  const { barcode } = await catalogItem(page, 'mug');
  await page.keyboard.press('Alt+1');
  await expect(page.getByRole('heading', { name: 'Sell', level: 1 })).toBeVisible();

  // No register yet: a counter sale's cash would go uncounted, and the screen says so.
  await expect(page.getByRole('status').filter({ hasText: 'No register open' })).toHaveCount(0);
  await page.getByLabel('Channel').selectOption('counter');
  const warning = page.getByRole('status').filter({ hasText: 'No register open' });
  await expect(warning).toContainText('cash will not be counted');
  await expect(page.getByRole('button', { name: /^Register/ })).toContainText('Closed');
  await warning.getByRole('button', { name: 'Open register' }).click();
  const dialog = page.getByRole('dialog', { name: /^Register/ });
  await dialog.getByLabel('Float').fill('ten pounds');
  await dialog.getByRole('button', { name: 'Open register' }).click();
  await expect(dialog.getByRole('alert')).toContainText('is not an amount');
  await dialog.getByLabel('Float').fill('100');
  await dialog.getByRole('button', { name: 'Open register' }).click();
  await expect(dialog.getByRole('status')).toContainText('Register open with a float of £100.00');
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByRole('button', { name: /^Register/ })).toContainText(
    /Open since \d\d:\d\d · float £100\.00/,
  );
  await expect(warning).toHaveCount(0);

  // A cash sale: notes handed over, change given.
  await page.getByLabel('Add item').fill(barcode);
  await page.getByLabel('Add item').press('Enter');
  await page.getByRole('button', { name: 'Checkout' }).click();
  await page.getByRole('button', { name: 'Continue to payment' }).click();
  const payment = page.getByRole('form', { name: 'Payment' });
  const total = pounds((await payment.locator('.due strong').textContent())!);
  await payment.getByLabel('Cash', { exact: true }).check();
  await payment.getByLabel('Cash given').fill(String(Math.ceil(total / 1000) * 10 + 10));
  await payment.getByRole('button', { name: 'Take payment' }).click();
  await expect(page.getByRole('button', { name: 'Finish sale' })).toBeVisible();
  await page.getByRole('button', { name: 'Finish sale' }).click();

  // £20 to the bank; the reason is required.
  await page.getByRole('button', { name: /^Register/ }).click();
  await expect(dialog.getByRole('definition').filter({ hasText: show(10000 + total) })).toBeVisible();
  await dialog.getByRole('button', { name: 'Cash out' }).click();
  await dialog.getByLabel('Amount').fill('20');
  await dialog.getByRole('button', { name: 'Take cash out' }).click();
  await expect(dialog.getByRole('alert')).toContainText('needs a reason');
  await dialog.getByLabel('Reason').fill('banking');
  await dialog.getByRole('button', { name: 'Take cash out' }).click();
  await expect(dialog.getByRole('status')).toContainText('Took £20.00 out of the drawer');
  const expected = 10000 + total - 2000;
  await expect(dialog).toContainText(`Expected in drawer ${show(expected)}`);

  // Counted 50p short: the variance shows before closing, and closing wants a reason.
  await dialog.getByRole('button', { name: 'Close register' }).click();
  await dialog.getByLabel('Counted cash').fill(((expected - 50) / 100).toFixed(2));
  await expect(dialog.getByRole('status')).toContainText(
    `Variance −£0.50 · The drawer is £0.50 short: ${show(expected - 50)} counted, ${show(expected)} expected`,
  );
  await page.screenshot({ path: '/tmp/register-close.png' });
  await dialog.getByRole('button', { name: 'Confirm close' }).click();
  await expect(dialog.getByRole('alert')).toContainText('Say why before closing');
  await dialog.getByLabel('Reason').fill('change given twice');
  await dialog.getByRole('button', { name: 'Confirm close' }).click();
  await expect(dialog.getByRole('status')).toContainText('Register closed. The drawer is £0.50 short');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('button', { name: /^Register/ })).toContainText('Closed');

  // The Z report for today on this desk.
  await page.keyboard.press('Alt+7');
  await expect(page.getByRole('heading', { name: 'Reports', level: 1 })).toBeVisible();
  const takings = page.getByRole('table', { name: 'Takings by payment method' });
  await expect(takings.getByRole('row', { name: /^Cash / })).toContainText(show(total));
  await expect(takings.getByRole('row', { name: /^Total \(1 sale, 0 refunds\)/ })).toContainText(show(total));
  const drawer = page.getByRole('table', { name: 'Cash drawer' });
  await expect(drawer.getByRole('row', { name: /^Float/ })).toContainText('£100.00');
  await expect(drawer.getByRole('row', { name: /^Cash sales/ })).toContainText(show(total));
  await expect(drawer.getByRole('row', { name: /^Cash out/ })).toContainText('−£20.00');
  await expect(drawer.getByRole('row', { name: /^Expected in drawer/ })).toContainText(show(expected));
  await expect(drawer.getByRole('row', { name: /^Counted/ })).toContainText(show(expected - 50));
  await expect(drawer.getByRole('row', { name: /^Variance/ })).toContainText('−£0.50');
  await expect(page.getByRole('table', { name: 'Cash in and out' })).toContainText('banking');
  const staff = page.getByRole('table', { name: 'By staff', exact: true });
  await expect(staff.getByRole('row')).toHaveCount(2);
  await expect(staff.getByRole('row').nth(1)).toContainText(`1${show(total)}£0.00`);
  await page.screenshot({ path: '/tmp/register-z-report.png', fullPage: true });
  await page.getByRole('button', { name: 'Print Z report' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Z report sent to the printer' })).toBeVisible();
});

test('a seller takes cash out only with a manager’s approval on the spot', async ({ page }) => {
  await loadDemo(page, { as: 'seller' });
  await page.keyboard.press('Alt+1');
  await page.getByRole('button', { name: /^Register/ }).click();
  const dialog = page.getByRole('dialog', { name: /^Register/ });
  // Opening the register is the seller's own job.
  await dialog.getByLabel('Float').fill('50');
  await dialog.getByRole('button', { name: 'Open register' }).click();
  await expect(dialog.getByRole('status')).toContainText('Register open with a float of £50.00');

  await dialog.getByRole('button', { name: 'Cash out' }).click();
  await dialog.getByLabel('Amount').fill('10');
  await dialog.getByLabel('Reason').fill('petty cash: milk');
  await dialog.getByRole('button', { name: 'Take cash out' }).click();
  const approval = page.getByRole('dialog', { name: 'Manager approval' });
  await expect(approval).toContainText('Take £10.00: petty cash: milk');
  // Cancelled: nothing moves.
  await approval.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog.getByRole('alert')).toContainText('Not approved: nothing was changed');
  await expect(dialog).toContainText('Expected in drawer £50.00');

  await dialog.getByRole('button', { name: 'Take cash out' }).click();
  await approval.getByRole('combobox', { name: 'Manager' }).selectOption({ label: 'Mia Chen (manager)' });
  await approval.getByLabel('Manager’s PIN').fill('369147');
  await approval.getByRole('button', { name: 'Approve' }).click();
  await expect(approval).toBeHidden();
  await expect(dialog.getByRole('status')).toContainText('Took £10.00 out of the drawer');
  await expect(dialog).toContainText('Expected in drawer £40.00');
});
