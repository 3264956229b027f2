// Reports › Sales and customers on the demo store: a manager picks a range, sees charts beside
// tables with the same numbers, and exports a table as CSV; a seller is not shown the numbers.
import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { readCsv } from '$shared/csvText';
import { loadDemo } from './support';

test('a manager sees sales by channel as a chart and a table that agree, and exports it as CSV', async ({
  page,
}) => {
  // A chart that fails to draw throws in the page rather than failing a locator.
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await loadDemo(page, { as: 'manager' });
  await page.keyboard.press('Alt+7');
  const reports = page.getByRole('region', { name: 'Sales and customers' });
  await expect(reports.getByRole('heading', { name: 'Summary' })).toBeVisible();

  // The demo's history (its orders go back months, not years) up to today.
  await reports.getByLabel('From').fill('2024-01-01');
  await reports.getByLabel('Group by').selectOption('month');
  await reports.getByRole('button', { name: 'Show reports' }).click();
  await expect(reports.getByRole('heading', { name: 'Sales by month' })).toBeVisible();

  const summary = reports.getByRole('table', { name: 'Summary' });
  const summaryOrders = Number(
    await summary
      .getByRole('row', { name: /^Orders/ })
      .getByRole('cell')
      .nth(1)
      .innerText(),
  );
  expect(summaryOrders).toBeGreaterThan(0);

  const byChannel = reports.getByRole('table', { name: 'Sales by channel' });
  await expect(reports.getByRole('img', { name: /Chart of Sales by channel/ })).toBeVisible();
  const rows = byChannel.getByRole('row');
  const channelRows = (await rows.allInnerTexts()).slice(1).map((text) => text.split('\t'));
  // Every sale is in exactly one channel: the channel rows add up to the summary's order count.
  expect(channelRows.reduce((sum, cells) => sum + Number(cells[1]), 0)).toBe(summaryOrders);

  const download = page.waitForEvent('download');
  await reports.getByRole('button', { name: 'Export Sales by channel as CSV' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^channel-2024-01-01-to-\d{4}-\d{2}-\d{2}\.csv$/);
  const read = readCsv(await readFile((await file.path())!, 'utf8'));
  if (!read.ok) throw new Error(read.message);
  expect(read.table.headers).toEqual(['Channel', 'Orders', 'Sales', 'Average order']);
  expect(read.table.rows.map((r) => r.cells)).toEqual(channelRows);
  await page.screenshot({ path: 'screenshots/reports.png', fullPage: true });
  expect(errors).toEqual([]);
});

test('a seller is told reports are for owners and managers', async ({ page }) => {
  await loadDemo(page, { as: 'seller' });
  await page.keyboard.press('Alt+7');
  await expect(page.getByText('Only owners and managers see the store’s reports.')).toBeVisible();
  await expect(page.getByRole('table', { name: 'Summary' })).toHaveCount(0);
});
