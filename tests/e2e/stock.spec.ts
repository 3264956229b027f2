// Stock and returns by scanner and keyboard: a delivery booked in by scanning raises on-hand; a
// misread or unknown barcode is refused and changes nothing; a bin counted one short becomes an
// adjustment; a shipped item returned goes back on the shelf and its refund is offered.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { loadDemo, scan } from './support';

const shot = (page: Page, name: string) =>
  page.screenshot({ path: `screenshots/stock-${name}.png`, fullPage: false });

/** Everything here works with the network cut: the desk's own store is the only one it needs. */
async function openStock(page: Page) {
  await page.context().setOffline(true);
  await expect(page.getByRole('status').filter({ hasText: 'Offline' })).toBeVisible();
  await page.keyboard.press('Alt+9');
  await expect(page.getByRole('heading', { level: 1, name: 'Stock' })).toBeVisible();
}

async function openTab(page: Page, name: string) {
  await page.getByRole('tab', { name }).click();
  await expect(page.getByRole('tab', { name })).toHaveAttribute('aria-selected', 'true');
}

type BinItem = { sku: string; barcode: string; onHand: number };

async function itemsOf(group: Locator): Promise<BinItem[]> {
  const rows = group.getByRole('row');
  const out: BinItem[] = [];
  for (let i = 1; i < (await rows.count()); i++) {
    const cells = rows.nth(i).getByRole('cell');
    const sku = (await cells.nth(0).locator('strong').textContent())!.trim();
    const barcode = (await cells.nth(1).textContent())!.trim();
    out.push({ sku, barcode, onHand: Number((await cells.nth(2).textContent())!.trim()) });
  }
  return out;
}

/** The first bin (walk order) whose first item has stock, with its items as Stock by bin lists them. */
async function aStockedBin(page: Page): Promise<{ bin: string; items: BinItem[] }> {
  await openTab(page, 'Stock by bin');
  const groups = page.getByRole('table', { name: 'Stock by bin' }).getByRole('rowgroup', { name: /^Bin / });
  await expect(groups.first()).toBeVisible();
  for (let i = 0; i < 20; i++) {
    const group = groups.nth(i);
    const items = await itemsOf(group);
    if (items[0] && items[0].onHand > 0 && items.every((item) => item.onHand >= 0)) {
      const bin = (await group.getAttribute('aria-label'))!.replace('Bin ', '');
      return { bin, items };
    }
  }
  throw new Error('No stocked bin among the first 20');
}

/** On hand of one item as the Adjust tab shows it after finding it by SKU. */
async function onHandOf(page: Page, sku: string): Promise<number> {
  await openTab(page, 'Adjust');
  await page.getByLabel('Barcode or SKU').fill(sku);
  await page.getByRole('button', { name: 'Find' }).click();
  const card = page.getByLabel('Item to adjust');
  await expect(card).toContainText(sku);
  const figure = page.getByTestId('adjust-on-hand');
  await expect(figure).toHaveText(/^-?\d+$/);
  return Number(await figure.textContent());
}

test('goods-in by scanning raises on-hand; a misread or unknown barcode changes nothing', async ({
  page,
}) => {
  await loadDemo(page, { as: 'manager' });
  await openStock(page);
  const { items } = await aStockedBin(page);
  const item = items[0]!;
  const before = await onHandOf(page, item.sku);

  // Tabs by keyboard: ← → move between them.
  await page.getByRole('tab', { name: 'Adjust' }).focus();
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByRole('tab', { name: 'Goods-in' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('tab', { name: 'Goods-in' })).toBeFocused();
  await page.getByLabel('Supplier').fill('Acme Ceramics');
  await page.getByLabel('Delivery reference').fill('PO-1042');
  await page.getByLabel('Delivery reference').blur();
  await scan(page, item.barcode);
  await expect(page.getByRole('status').filter({ hasText: `+1 ${item.sku}` })).toContainText(
    '(1 in this delivery)',
  );
  await scan(page, item.barcode);
  await expect(page.getByRole('status').filter({ hasText: `+1 ${item.sku}` })).toContainText(
    '(2 in this delivery)',
  );
  // The quantity key: × then a number, then the scan adds that many.
  await page.keyboard.press('x');
  await expect(page.getByRole('textbox', { name: /Quantity for the next scan/ })).toBeFocused();
  // Filled, not typed: a key typed a moment before a scan would read as the start of its burst.
  await page.getByRole('textbox', { name: /Quantity for the next scan/ }).fill('3');
  await expect(page.getByRole('textbox', { name: /Quantity for the next scan/ })).toHaveValue('3');
  await scan(page, item.barcode);
  const units = page.getByRole('textbox', { name: `Units of ${item.sku}`, exact: true });
  await expect(units).toHaveValue('5');

  // A misread (wrong check digit) and a barcode nobody sells: red, and the delivery is unchanged.
  const misread = item.barcode.slice(0, -1) + String((Number(item.barcode.at(-1)) + 1) % 10);
  await scan(page, misread);
  await expect(page.getByRole('alert')).toContainText('wrong check digit');
  await scan(page, '5901234123457');
  await expect(page.getByRole('alert')).toContainText(
    'No product in the catalog has the barcode 5901234123457',
  );
  await expect(units).toHaveValue('5');
  await expect(page.getByRole('table', { name: 'Items in this delivery' }).getByRole('row')).toHaveCount(2);
  // A look at another tab keeps what was scanned.
  await openTab(page, 'Stock by bin');
  await openTab(page, 'Goods-in');
  await expect(units).toHaveValue('5');
  await shot(page, '01-goods-in');

  await page.getByRole('button', { name: 'Book in 5 units' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Booked in 5 units' })).toContainText(
    'from Acme Ceramics (PO-1042)',
  );
  await expect(page.getByText('Nothing scanned yet')).toBeVisible();
  expect(await onHandOf(page, item.sku)).toBe(before + 5);

  // A misread on its own books nothing.
  await openTab(page, 'Goods-in');
  await scan(page, misread);
  await expect(page.getByRole('alert')).toContainText('wrong check digit');
  await expect(page.getByRole('button', { name: 'Book in 0 units' })).toBeVisible();
  expect(await onHandOf(page, item.sku)).toBe(before + 5);
});

test('a cycle count that finds one fewer becomes an adjustment', async ({ page }) => {
  await loadDemo(page, { as: 'manager' });
  await openStock(page);
  const { bin, items } = await aStockedBin(page);

  await openTab(page, 'Cycle count');
  await scan(page, bin);
  await expect(page.getByRole('status').filter({ hasText: `Counting bin ${bin}` })).toBeVisible();
  const quantity = page.getByRole('textbox', { name: /Quantity for the next scan/ });
  for (const [i, item] of items.entries()) {
    const found = i === 0 ? item.onHand - 1 : item.onHand;
    if (found <= 0) continue;
    await quantity.fill(String(found));
    await scan(page, item.barcode);
    await expect(page.getByLabel(`Counted of ${item.sku}`)).toHaveValue(String(found));
  }
  const first = items[0]!;
  const table = page.getByRole('table', { name: `Count of bin ${bin}` });
  await expect(table.getByRole('row').filter({ hasText: first.sku })).toContainText('found 1 fewer');
  await shot(page, '02-cycle-count');

  await page.getByRole('button', { name: 'Confirm count (1 difference)' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Bin ${bin} counted` })).toContainText(
    `${first.sku} found 1 fewer, adjusted by -1`,
  );
  expect(await onHandOf(page, first.sku)).toBe(first.onHand - 1);

  await openTab(page, 'Stock by bin');
  await page.getByLabel('Bin or aisle').fill(bin);
  const group = page.getByRole('rowgroup', { name: `Bin ${bin}` });
  await expect(group.getByRole('row').filter({ hasText: first.sku }).getByRole('cell').last()).toHaveText(
    String(first.onHand - 1),
  );
  await shot(page, '03-stock-by-bin');
});

test('a shipped item returned by scanning the order goes back on the shelf, and the refund is offered', async ({
  page,
}) => {
  await loadDemo(page, { as: 'manager' });
  // A shipped order, as a person finds one on the Orders screen.
  await page.keyboard.press('Alt+2');
  await page
    .getByRole('group', { name: 'Filter by status' })
    .getByRole('button', { name: /^Shipped \d+$/ })
    .click();
  const first = page
    .getByRole('listbox', { name: 'Orders' })
    .getByRole('option', { name: /Shipped$/ })
    .first();
  await first.click();
  const heading = page.getByRole('heading', { level: 2, name: /^Order [A-Z0-9]+-\d{6}$/ });
  const number = (await heading.textContent())!.replace('Order ', '');

  await openStock(page);
  await openTab(page, 'Returns');
  await scan(page, number);
  await expect(page.getByRole('status').filter({ hasText: `Order ${number}: scan each item` })).toBeVisible();
  const lines = page.getByRole('table', { name: `Items on order ${number}` });
  const row = lines.getByRole('row').nth(1);
  const sku = (await row.getByRole('cell').first().locator('strong').textContent())!.trim();
  const before = await onHandOf(page, sku);
  const barcode = /· (\d{8,13}) ·/.exec((await page.getByLabel('Item to adjust').textContent())!)![1]!;

  await openTab(page, 'Returns');
  await scan(page, number);
  // More than shipped is refused with the numbers.
  const coming = page.getByRole('textbox', { name: `Units of ${sku} coming back` });
  await coming.fill('999');
  await coming.press('Tab');
  await expect(page.getByRole('alert')).toContainText(`${sku}: only`);
  await expect(coming).toHaveValue('0');
  // The item in hand is scanned: one more coming back.
  await page.getByLabel('Reason for the return').focus();
  await scan(page, barcode);
  await expect(page.getByRole('status').filter({ hasText: `${sku} coming back: 1` })).toBeVisible();
  await expect(coming).toHaveValue('1');
  // The scan went to the return, not into the field that had focus.
  await expect(page.getByLabel('Reason for the return')).toHaveValue('');
  await page.getByLabel('Reason for the return').fill('Too small');
  await shot(page, '04-return');
  await page.getByRole('button', { name: 'Receive 1 item back' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Return of ${number} received` })).toContainText(
    '1 restocked',
  );

  const refund = page.getByRole('button', { name: /^Refund £[\d.,]+$/ });
  await expect(refund).toBeVisible();
  const proposed = (await refund.textContent())!.replace('Refund ', '').trim();
  await refund.click();
  const form = page.getByRole('form', { name: 'Refund' });
  await expect(form.getByLabel(/^Amount to refund/)).toHaveValue(proposed.replace('£', '').replace(',', ''));
  await expect(form.getByLabel('Reason for the refund')).toHaveValue('Return: Too small');
  await shot(page, '05-refund-offered');
  await form.getByRole('button', { name: 'Refund' }).click();
  await expect(page.getByRole('status').filter({ hasText: /^Refunded / })).toContainText(proposed);

  expect(await onHandOf(page, sku)).toBe(before + 1);
});
