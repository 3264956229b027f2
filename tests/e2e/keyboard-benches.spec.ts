// Pack, Ship, Stock, Catalog and Reports with the keyboard alone: no mouse, only Tab, Shift+Tab,
// Enter, Space, arrows, shortcuts, and scans (a keyboard-wedge burst, a few ms a key, then Enter).
// The demo store is loaded and signed into by keyboard too. After each step, focus is asserted on the next thing the person does (issue #12, item 2).
import { expect, test, type Page } from '@playwright/test';
import { loadDemoByKeyboard, scan, tabTo } from './support';

test.beforeEach(async ({ page }) => {
  // When the person last pressed a real key: a scan comes after they reach for the scanner.
  await page.addInitScript(() => {
    window.addEventListener(
      'keydown',
      (event) => {
        if (event.isTrusted) (window as unknown as { lastKeyAt: number }).lastKeyAt = event.timeStamp;
      },
      true,
    );
  });
});

/**
 * A scan after typing: the person's hand goes from the keys to the scanner (well over 100 ms; the
 * detector wants a pause of two key gaps before a burst), then the burst at scanner speed.
 */
async function scanAfterTyping(page: Page, code: string): Promise<void> {
  await expect
    .poll(() =>
      page.evaluate(() => performance.now() - ((window as unknown as { lastKeyAt?: number }).lastKeyAt ?? 0)),
    )
    .toBeGreaterThan(150);
  await scan(page, code);
}

test('Pack by keyboard alone: an order opened by scan, counted with the quantity key, weighed, labelled and shipped', async ({
  page,
}) => {
  await loadDemoByKeyboard(page, 'packer');
  await page.keyboard.press('Alt+3');
  await expect(page.getByRole('heading', { name: 'Pack', exact: true })).toBeVisible();

  // The queue arranged by type-ahead in its select, then an order with more units than lines (one
  // line needs several), found by paging the queue.
  const arrange = page.getByRole('group', { name: 'Arrange the queue' }).getByLabel('Order');
  await tabTo(page, arrange);
  await page.keyboard.type('Oldest');
  await expect(arrange).toHaveValue('oldest');
  const queue = page.getByRole('listbox', { name: 'Orders ready to pack' });
  await tabTo(page, queue);
  const rows = queue
    .getByRole('option')
    .filter({ hasText: /\b(1 line\s*·\s*([2-9]|\d\d)|2 lines\s*·\s*([3-9]|\d\d)) units/ });
  await expect
    .poll(async () => {
      if ((await rows.count()) > 0) return true;
      await page.keyboard.press('PageDown');
      return false;
    })
    .toBe(true);
  const orderNumber = (await rows.first().getAttribute('aria-label'))!.match(/^Order (\S+),/)![1]!;

  // Opened by scanning its barcode; the station's heading has focus, so Tab goes into the order.
  await scanAfterTyping(page, orderNumber);
  const station = page.getByRole('heading', { name: `Packing ${orderNumber}` });
  await expect(station).toBeFocused();

  const items = page.getByRole('table', { name: `Items in order ${orderNumber}` });
  const lines = await items.getByRole('row').evaluateAll((rows) =>
    rows
      .slice(1)
      .map((row) => [...row.querySelectorAll('td')].map((cell) => cell.textContent!.trim()))
      .map(([, barcode, count]) => ({ barcode: barcode!, quantity: Number(count!.match(/of (\d+)/)![1]) })),
  );
  expect(lines.some((line) => line.quantity > 1)).toBe(true);

  // × jumps to the quantity; the number typed there counts the next scan that many times.
  const quantityBox = page.getByLabel('Quantity for the next scan');
  for (const { barcode, quantity } of lines) {
    if (quantity > 1) {
      await page.keyboard.press('*');
      await expect(quantityBox).toBeFocused();
      await page.keyboard.type(String(quantity));
      await scanAfterTyping(page, barcode);
      await expect(quantityBox).toHaveValue('');
    } else {
      await scanAfterTyping(page, barcode);
    }
    await expect(page.getByRole('status').filter({ hasText: '✓' })).toContainText(
      `${quantity} of ${quantity}`,
    );
  }

  // Every item in: Complete parcel is where the next Tab or Enter goes.
  const complete = page.getByRole('button', { name: 'Complete parcel' });
  await expect(complete).toBeFocused();
  await page.keyboard.press('Enter');

  // The parcel closes: weighing is next, then the label.
  const weight = page.getByLabel('Weight (kg)');
  await expect(weight).toBeFocused();
  await page.keyboard.type('1.4');
  await page.keyboard.press('Enter');
  const documents = page.getByRole('region', { name: `Documents for ${orderNumber}` });
  await expect(documents.getByLabel('Parcel weight')).toContainText('1.4');
  const print = documents.getByRole('button', { name: 'Print label' });
  await expect(print).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(documents.getByText('Label printed')).toBeVisible();

  // Label printed: the tracking number is next. Scanned, it names its carrier; Dispatch follows.
  const ship = page.getByRole('form', { name: `Ship order ${orderNumber}` });
  const trackingBox = ship.getByLabel('Tracking number (scan or type)');
  await expect(trackingBox).toBeFocused();
  await scanAfterTyping(page, '1Z999AA10123456784');
  await expect(trackingBox).toHaveValue('1Z999AA10123456784');
  await expect(ship.getByLabel('Carrier')).toHaveValue('UPS');
  const confirm = ship.getByRole('checkbox', { name: 'Yes, ship with UPS' });
  const dispatch = ship.getByRole('button', { name: 'Dispatch' });
  if (await confirm.isVisible()) {
    // Booked with another carrier: the question has focus, answered with Space; Dispatch follows.
    await expect(confirm).toBeFocused();
    await page.keyboard.press('Space');
    await expect(confirm).toBeChecked();
    await tabTo(page, dispatch);
  }
  await expect(dispatch).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(
    page.getByRole('status').filter({ hasText: `Order ${orderNumber} shipped with UPS` }),
  ).toBeVisible();
  // Back at the queue, ready for the next order.
  await expect(queue).toBeFocused();
});

/** Packs the first order of the queue by keyboard and scanner: opened by scan, every item scanned
 * (the quantity key for several), closed with Ctrl+Enter, weighed. Returns its number. */
async function packFirstOrder(page: Page): Promise<string> {
  await page.keyboard.press('Alt+3');
  const first = page.getByRole('listbox', { name: 'Orders ready to pack' }).getByRole('option').first();
  await expect(first).toHaveAccessibleName(/^Order /);
  const orderNumber = (await first.getAttribute('aria-label'))!.match(/^Order (\S+),/)![1]!;
  await scanAfterTyping(page, orderNumber);
  const items = page.getByRole('table', { name: `Items in order ${orderNumber}` });
  await expect(page.getByRole('heading', { name: `Packing ${orderNumber}` })).toBeFocused();
  const lines = await items.getByRole('row').evaluateAll((rows) =>
    rows
      .slice(1)
      .map((row) => [...row.querySelectorAll('td')].map((cell) => cell.textContent!.trim()))
      .map(([, barcode, count]) => ({ barcode: barcode!, quantity: Number(count!.match(/of (\d+)/)![1]) })),
  );
  for (const { barcode, quantity } of lines) {
    if (quantity > 1) {
      await page.keyboard.press('*');
      await page.keyboard.type(String(quantity));
    }
    await scanAfterTyping(page, barcode);
    await expect(items.getByRole('row').filter({ hasText: barcode })).toContainText(
      `${quantity} of ${quantity}`,
    );
  }
  await page.keyboard.press('Control+Enter');
  await expect(page.getByLabel('Weight (kg)')).toBeFocused();
  await page.keyboard.type('0.8');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Print label' })).toBeFocused();
  return orderNumber;
}

test('Ship by keyboard alone: a parcel opened by scan, handed over with a scanned tracking number, the manifest printed and closed', async ({
  page,
}) => {
  await loadDemoByKeyboard(page, 'packer');
  const orderNumber = await packFirstOrder(page);

  await page.keyboard.press('Alt+4');
  await expect(page.getByRole('heading', { name: 'Ship', exact: true })).toBeVisible();
  // The order's barcode opens its parcel; the tracking number is next.
  await scanAfterTyping(page, orderNumber);
  const form = page.getByRole('form', { name: `Hand over order ${orderNumber}` });
  const trackingBox = form.getByLabel(/^Tracking number/);
  await expect(trackingBox).toBeFocused();

  // A Royal Mail number: recognised, then Mark shipped (or the carrier question first) is next.
  await scanAfterTyping(page, 'RR123456785GB');
  await expect(trackingBox).toHaveValue('RR123456785GB');
  await expect(form.getByLabel('Carrier')).toHaveValue('Royal Mail');
  const confirm = form.getByRole('checkbox', { name: 'Yes, ship with Royal Mail' });
  const markShipped = form.getByRole('button', { name: /^Mark shipped/ });
  if (await confirm.isVisible()) {
    await expect(confirm).toBeFocused();
    await page.keyboard.press('Space');
    await expect(confirm).toBeChecked();
    await page.keyboard.press('Tab');
  }
  await expect(markShipped).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(
    page.getByRole('status').filter({ hasText: `Order ${orderNumber} shipped with Royal Mail` }),
  ).toContainText('RR123456785GB');

  // Shipped: the next parcel waiting has focus, or (none left) the end-of-day manifest.
  const manifestTab = page.getByRole('button', { name: 'End-of-day manifest' });
  const nextParcel = page
    .getByRole('list', { name: 'Parcels waiting for a carrier' })
    .getByRole('button')
    .filter({ hasNotText: orderNumber });
  await expect(nextParcel.first().or(manifestTab)).toBeFocused();

  // The manifest, reached by keyboard: its table read, printed, closed.
  await tabTo(page, manifestTab, true);
  await page.keyboard.press('Enter');
  const manifest = page.getByRole('table', { name: /^Royal Mail manifest, \d{4}-\d{2}-\d{2}$/ });
  await expect(manifest.getByRole('row').filter({ hasText: orderNumber })).toContainText('RR123456785GB');
  const print = page.getByRole('button', { name: 'Print manifest' });
  await expect(print).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Manifest sent to the printer' })).toBeVisible();
  const close = page.getByRole('button', { name: 'Close manifest (handed over)' });
  await expect(close).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Royal Mail manifest closed' })).toContainText(
    '1 parcel handed over',
  );
  // Closed: focus goes back to handing over parcels, never to the page.
  await expect(page.getByRole('button', { name: 'Hand over parcels' })).toBeFocused();
});

test('Stock by keyboard alone: a delivery booked in by scan, then a bin counted by scan', async ({
  page,
}) => {
  await loadDemoByKeyboard(page, 'manager');
  await page.keyboard.press('Alt+9');
  await expect(page.getByRole('heading', { level: 1, name: 'Stock' })).toBeVisible();
  // Stock opens at goods-in, ready for the supplier's name.
  const supplier = page.getByLabel('Supplier');
  await expect(supplier).toBeFocused();

  // The arrow keys move between tabs: a stocked bin read off Stock by bin.
  const tab = (name: string) => page.getByRole('tab', { name });
  await page.keyboard.press('Shift+Tab');
  await expect(tab('Goods-in')).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(tab('Stock by bin')).toBeFocused();
  const groups = page.getByRole('table', { name: 'Stock by bin' }).getByRole('rowgroup', { name: /^Bin / });
  await expect(groups.first()).toBeVisible();
  const bins = await groups.evaluateAll((all) =>
    all.slice(0, 20).map((group) => ({
      bin: group.getAttribute('aria-label')!.replace('Bin ', ''),
      items: [...group.querySelectorAll('tr')]
        .map((row) => [...row.querySelectorAll('td')].map((cell) => cell.textContent!.trim()))
        .filter((cells) => cells.length >= 3)
        .map(([item, barcode, onHand]) => ({
          sku: item!.split(/\s/)[0]!,
          barcode: barcode!,
          onHand: Number(onHand),
        })),
    })),
  );
  const stocked = bins.find((b) => b.items.length > 0 && b.items.every((item) => item.onHand > 0))!;
  expect(stocked).toBeDefined();
  const item = stocked.items[0]!;

  // Goods-in: Tab from the tab goes into its panel.
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await expect(tab('Goods-in')).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Tab');
  await expect(supplier).toBeFocused();
  await page.keyboard.type('Acme Ceramics', { delay: 5 });
  await page.keyboard.press('Tab');
  const reference = page.getByLabel('Delivery reference');
  await expect(reference).toBeFocused();
  await page.keyboard.type('PO-2077', { delay: 5 });
  // A scan with focus in the reference: counted, and the reference keeps only what was typed.
  await scanAfterTyping(page, item.barcode);
  await expect(page.getByRole('status').filter({ hasText: `+1 ${item.sku}` })).toContainText(
    '(1 in this delivery)',
  );
  await expect(reference).toHaveValue('PO-2077');
  // The quantity is the next field: 3, then a scan adds three.
  await page.keyboard.press('Tab');
  const quantity = page.getByRole('textbox', { name: /Quantity for the next scan/ });
  await expect(quantity).toBeFocused();
  await page.keyboard.type('3');
  await scanAfterTyping(page, item.barcode);
  await expect(page.getByRole('textbox', { name: `Units of ${item.sku}`, exact: true })).toHaveValue('4');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Booked in 4 units' })).toContainText(
    'from Acme Ceramics (PO-2077)',
  );
  // Booked: the next delivery starts at its supplier.
  await expect(supplier).toBeFocused();

  // Cycle count: the tab by arrows, Tab into it, the bin label scanned.
  await page.keyboard.press('Shift+Tab');
  await expect(tab('Goods-in')).toBeFocused();
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
  await expect(tab('Cycle count')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Bin', { exact: true })).toBeFocused();
  await scanAfterTyping(page, stocked.bin);
  await expect(page.getByRole('status').filter({ hasText: `Counting bin ${stocked.bin}` })).toBeVisible();
  // Counting: the quantity for the next scan is where the count is typed.
  const countQuantity = page.getByRole('textbox', { name: /Quantity for the next scan/ });
  await expect(countQuantity).toBeFocused();
  const first = stocked.items[0]!;
  for (const [i, each] of stocked.items.entries()) {
    // The first item's stock was raised by 4 above; one fewer than that is found.
    const found = each.sku === first.sku ? each.onHand + 4 - 1 : each.onHand;
    if (found <= 0 || i > 3) continue;
    await page.keyboard.type(String(found));
    await scanAfterTyping(page, each.barcode);
    await expect(page.getByLabel(`Counted of ${each.sku}`)).toHaveValue(String(found));
    await expect(countQuantity).toBeFocused();
  }
  const confirm = page.getByRole('button', { name: /^Confirm count/ });
  await tabTo(page, confirm);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: `Bin ${stocked.bin} counted` })).toContainText(
    `${first.sku} found 1 fewer, adjusted by -1`,
  );
  // Counted: the next bin is next.
  await expect(page.getByLabel('Bin', { exact: true })).toBeFocused();
});

test('Catalog by keyboard alone: a new product with a variant, its barcode typed at scanner speed', async ({
  page,
}) => {
  await loadDemoByKeyboard(page, 'manager');
  await page.keyboard.press('Alt+5');
  await expect(page.getByRole('heading', { name: 'Catalog', level: 1 })).toBeVisible();
  await page.keyboard.press('Alt+n');
  const dialog = page.getByRole('dialog', { name: 'New product' });
  const name = dialog.getByLabel('Name', { exact: true });
  await expect(name).toBeFocused();
  await page.keyboard.type('Fjord Candle', { delay: 5 });
  await page.keyboard.press('Tab');
  await page.keyboard.type('Home', { delay: 5 });
  await tabTo(page, dialog.getByLabel('Options the variants differ by'));
  await page.keyboard.type('Scent');

  const variant = dialog.getByRole('group', { name: 'Variant 1' });
  await tabTo(page, variant.getByLabel('Scent'));
  await page.keyboard.type('Pine');
  await page.keyboard.press('Tab');
  await expect(variant.getByLabel('SKU')).toBeFocused();
  await page.keyboard.type('CANDLE-PINE', { delay: 5 });
  await page.keyboard.press('Tab');
  const barcode = variant.getByLabel('Barcode');
  await expect(barcode).toBeFocused();
  // A scanner into the barcode box: its Enter moves on to the price, never saves.
  await page.keyboard.type('4006381333931');
  await page.keyboard.press('Enter');
  await expect(barcode).toHaveValue('4006381333931');
  const price = variant.getByLabel('Price (GBP)', { exact: true });
  await expect(price).toBeFocused();
  await page.keyboard.type('8.50');
  await page.keyboard.press('Enter');
  // Not saved yet: the problems are sentences under their fields, and focus is on the first.
  await expect(dialog.getByRole('alert').first()).toContainText('Not saved');
  const weight = variant.getByLabel(/^Weight/);
  await expect(weight).toBeFocused();
  await page.keyboard.type('320');
  await tabTo(page, variant.getByLabel('Bins'));
  await page.keyboard.type('D-04-1');
  await page.keyboard.press('Enter');

  await expect(dialog).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: 'Fjord Candle is saved' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Variants of Fjord Candle' })).toContainText('CANDLE-PINE');
  // Saved: the new product's heading has focus, so Tab goes on into it (Edit product, labels…).
  await expect(page.getByRole('heading', { name: 'Fjord Candle', level: 2 })).toBeFocused();
  await tabTo(page, page.getByRole('button', { name: 'Edit product' }));

  // Found again by its barcode scanned into the catalog search (focused with /).
  await page.keyboard.press('/');
  const search = page.getByLabel('Search catalog');
  await expect(search).toBeFocused();
  await scanAfterTyping(page, '4006381333931');
  await expect(page.getByRole('heading', { name: 'Fjord Candle', level: 2 })).toBeVisible();
});

test('Reports by keyboard alone: a range picked, the first report focused, a chart read as its table, exported as CSV', async ({
  page,
}) => {
  await loadDemoByKeyboard(page, 'manager');
  await page.keyboard.press('Alt+7');
  const reports = page.getByRole('region', { name: 'Sales and customers' });
  await expect(reports.getByRole('heading', { name: 'Summary' })).toBeVisible();

  // The range typed into the date fields (month, day, year as the field shows them), grouped by month.
  const from = reports.getByLabel('From');
  await tabTo(page, from);
  await page.keyboard.type('01012024');
  await expect(from).toHaveValue('2024-01-01');
  const groupBy = reports.getByLabel('Group by');
  await tabTo(page, groupBy);
  await page.keyboard.type('Month');
  await expect(groupBy).toHaveValue('month');
  await tabTo(page, reports.getByRole('button', { name: 'Show reports' }));
  await page.keyboard.press('Enter');
  await expect(reports.getByRole('heading', { name: 'Sales by month' })).toBeVisible();
  // Shown: the first report's heading has focus, so the next Tab is in the reports, not the page top.
  await expect(reports.getByRole('heading', { name: 'Summary', level: 3 })).toBeFocused();

  // The chart of sales by channel has its numbers in the table beside it.
  await expect(reports.getByRole('img', { name: /Chart of Sales by channel/ })).toBeVisible();
  const byChannel = reports.getByRole('table', { name: 'Sales by channel' });
  const channelRows = (await byChannel.getByRole('row').allInnerTexts()).slice(1).map((t) => t.split('\t'));
  expect(channelRows.length).toBeGreaterThan(0);

  const exportButton = reports.getByRole('button', { name: 'Export Sales by channel as CSV' });
  await tabTo(page, exportButton);
  const download = page.waitForEvent('download');
  await page.keyboard.press('Enter');
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^channel-2024-01-01-to-\d{4}-\d{2}-\d{2}\.csv$/);
  await expect(exportButton).toBeFocused();

  // A range that ends before it starts: To typed (entered forward, at its month), refused in a
  // sentence, and focus goes back to the range's start.
  await tabTo(page, from, true);
  const to = reports.getByLabel('To', { exact: true });
  await tabTo(page, to);
  await page.keyboard.type('01012023');
  await expect(to).toHaveValue('2023-01-01');
  await tabTo(page, reports.getByRole('button', { name: 'Show reports' }));
  await page.keyboard.press('Enter');
  await expect(reports.getByRole('alert')).toContainText(
    'The range starts (2024-01-01) after it ends (2023-01-01)',
  );
  await expect(from).toBeFocused();
});
