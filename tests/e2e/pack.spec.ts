// Packing by scan, as a packer does it with a keyboard-wedge scanner (keys at scanner speed, then
// Enter): open the oldest order, a wrong item and a misread change nothing, every right item
// counts, the parcel closes, a UPS tracking number is recognised, and the order ships.
import { expect, test, type Page } from '@playwright/test';
import { loadDemo, scan } from './support';

const shot = (page: Page, name: string) =>
  page.screenshot({ path: `screenshots/${name}.png`, fullPage: false });

/**
 * A keyboard-wedge scanner: a key every 5 ms, then Enter, sent to whatever has focus. Each key
 * carries its scanner time as its timeStamp: on a busy test machine keys sent one by one from here
 * (page.keyboard.type) arrive 40–400 ms apart, which no scanner does and no threshold should accept.
 */
test('an order is packed by scanning every item, refused scans change nothing, and it ships with UPS', async ({
  page,
}) => {
  await loadDemo(page, { as: 'packer' });
  await page.keyboard.press('Alt+3');
  await expect(page.getByRole('heading', { name: 'Pack', exact: true })).toBeVisible();
  const queue = page.getByRole('listbox', { name: 'Orders ready to pack' });
  const first = queue.getByRole('option').first();
  await expect(first).toHaveAccessibleName(/^Order [A-Z0-9]+-\d{6}, /);
  await shot(page, 'pack-01-queue');

  const rowName = (await first.getAttribute('aria-label'))!;
  const orderNumber = rowName.match(/^Order (\S+),/)![1]!;
  const booked = rowName.match(/ship by [^,]+, ([^,]+), waiting/)![1]!;
  await first.click();
  await expect(page.getByRole('heading', { name: `Packing ${orderNumber}` })).toBeVisible();
  const items = page.getByRole('table', { name: `Items in order ${orderNumber}` });

  // What to scan, read off the pick list's barcodes; how many, off the station's own lines.
  const barcodeImages = page
    .getByRole('region', { name: `Pick list ${orderNumber}` })
    .getByRole('img', { name: /^Barcode \d+ for / });
  await expect(barcodeImages.first()).toBeVisible();
  const expected: { barcode: string; quantity: number }[] = [];
  for (const label of await barcodeImages.evaluateAll((imgs) =>
    imgs.map((i) => i.getAttribute('aria-label')),
  )) {
    const barcode = label!.match(/^Barcode (\d+) for /)![1]!;
    const row = items.getByRole('row').filter({ hasText: barcode });
    const quantity = Number((await row.getByRole('cell').last().textContent())!.match(/of (\d+)/)![1]);
    expected.push({ barcode, quantity });
  }
  expect(expected.length).toBeGreaterThan(0);
  const counts = () =>
    items
      .getByRole('cell')
      .filter({ hasText: / of \d+$/ })
      .allTextContents();
  const before = await counts();
  expect(before.every((c) => c.startsWith('0 of'))).toBe(true);

  // A barcode no product has: red, a plain sentence saying so, nothing counted; with focus in a text
  // field, nothing is typed into it either.
  const quantityBox = page.getByLabel('Quantity for the next scan');
  await quantityBox.focus();
  await scan(page, '0012345678905');
  await expect(page.getByRole('alert')).toContainText('No product has the barcode 0012345678905');
  expect(await counts()).toEqual(before);
  await expect(quantityBox).toHaveValue('');
  await shot(page, 'pack-02-wrong-item');

  // A misread (wrong check digit) of a right item: refused too.
  const misread = expected[0]!.barcode.slice(0, -1) + String((Number(expected[0]!.barcode.at(-1)) + 1) % 10);
  await scan(page, misread);
  await expect(page.getByRole('alert')).toContainText('check digit');
  expect(await counts()).toEqual(before);

  // Every right item counts, one scan a unit.
  for (const { barcode, quantity } of expected) {
    for (let n = 1; n <= quantity; n++) {
      await scan(page, barcode);
      await expect(page.getByRole('status').filter({ hasText: `✓` })).toContainText(`${n} of ${quantity}`);
    }
  }
  expect((await counts()).every((c) => /^(\d+) of \1$/.test(c))).toBe(true);
  await shot(page, 'pack-03-verified');

  // One more of a complete line is extra: refused.
  await scan(page, expected[0]!.barcode);
  await expect(page.getByRole('alert')).toContainText('already complete');

  await page.getByRole('button', { name: 'Complete parcel' }).click();
  const ship = page.getByRole('form', { name: `Ship order ${orderNumber}` });
  await expect(ship).toBeVisible();
  // Weighing is next: focus is there, not on the button.
  await expect(page.getByLabel('Weight (kg)')).toBeFocused();

  // A misread tracking number is refused with the reason; the right one names its carrier.
  await scan(page, '1Z999AA10123456785');
  await expect(ship.getByRole('alert')).toContainText('wrong check digit (expected 4)');
  await expect(ship.getByRole('button', { name: 'Dispatch' })).toBeDisabled();
  await scan(page, '1Z999AA10123456784');
  await expect(ship.getByRole('status')).toContainText('Recognised UPS');
  await expect(ship.getByLabel('Carrier')).toHaveValue('UPS');
  // The same rule as the Ship desk: another carrier than the order is booked with is asked about.
  if (booked !== 'UPS' && booked !== 'Collection' && booked !== 'Other') {
    await expect(ship.getByRole('alert')).toContainText(
      `is a UPS number, but order ${orderNumber} is booked with ${booked}`,
    );
    await expect(ship.getByRole('button', { name: 'Dispatch' })).toBeDisabled();
    await ship.getByRole('checkbox', { name: 'Yes, ship with UPS' }).check();
  }
  await shot(page, 'pack-04-ship');
  await ship.getByRole('button', { name: 'Dispatch' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: `Order ${orderNumber} shipped with UPS` }),
  ).toBeVisible();
  await expect(queue.getByRole('option', { name: new RegExp(`^Order ${orderNumber},`) })).toHaveCount(0);

  // The order's history says so.
  await page.keyboard.press('Alt+2');
  const search = page.getByLabel('Search orders');
  await search.fill(orderNumber);
  await search.press('Enter');
  const history = page.getByRole('list', { name: 'History' });
  await expect(history).toContainText(/Shipped \d+ units? with UPS, tracking 1Z999AA10123456784/);
  await shot(page, 'pack-05-shipped');
});

test('scanning an order barcode opens it at the bench wherever focus is', async ({ page }) => {
  await loadDemo(page, { as: 'packer' });
  await page.keyboard.press('Alt+3');
  const first = page.getByRole('listbox', { name: 'Orders ready to pack' }).getByRole('option').first();
  await expect(first).toHaveAccessibleName(/^Order /);
  const orderNumber = (await first.getAttribute('aria-label'))!.match(/^Order (\S+),/)![1]!;
  // Focus in a button, not a text field: the scan is still taken whole.
  await page.getByRole('button', { name: /^Batch pick list/ }).focus();
  await scan(page, orderNumber);
  await expect(page.getByRole('heading', { name: `Packing ${orderNumber}` })).toBeVisible();
  await page.getByRole('button', { name: 'Put back in queue' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: `Order ${orderNumber} is back in the queue` }),
  ).toBeVisible();
});

test('the quantity key counts several at once, and a short parcel ships split with a reason', async ({
  page,
}) => {
  await loadDemo(page, { as: 'packer' });
  await page.keyboard.press('Alt+3');
  const queue = page.getByRole('listbox', { name: 'Orders ready to pack' });
  await expect(queue.getByRole('option').first()).toHaveAccessibleName(/^Order /);
  // An order with more units than lines, so one line needs several of an item.
  const rows = queue.getByRole('option').filter({ hasText: /[2-9] lines\s*·\s*([3-9]|\d\d) units/ });
  const row = rows.first();
  // The queue draws only the rows in view, and which orders come first depends on today's date
  // (ship-by skips weekends): page down through it, as a packer would, until one is in view.
  await queue.focus();
  await expect
    .poll(async () => {
      if ((await rows.count()) > 0) return true;
      await queue.press('PageDown');
      return false;
    })
    .toBe(true);
  const orderNumber = (await row.getAttribute('aria-label'))!.match(/^Order (\S+),/)![1]!;
  await row.click();
  const items = page.getByRole('table', { name: `Items in order ${orderNumber}` });
  const many = items
    .getByRole('row')
    .filter({ hasText: /0 of ([2-9]|\d\d)$/ })
    .first();
  const barcode = (await many.getByRole('cell').nth(1).textContent())!.trim();
  const quantity = Number((await many.getByRole('cell').last().textContent())!.match(/of (\d+)/)![1]);

  // × (or *) jumps to the quantity; the number typed there applies to the next scan only.
  await page.keyboard.press('*');
  const quantityBox = page.getByLabel('Quantity for the next scan');
  await expect(quantityBox).toBeFocused();
  // Filled, not typed: keys typed a moment before a scan would read as the start of its burst,
  // which a person never does (they type the number, then reach for the scanner).
  await quantityBox.fill(String(quantity));
  await expect(quantityBox).toHaveValue(String(quantity));
  await scan(page, barcode);
  await expect(page.getByRole('status').filter({ hasText: '✓' })).toContainText(`${quantity} of ${quantity}`);
  await expect(quantityBox).toHaveValue('');
  await expect(page.getByRole('button', { name: 'Complete parcel' })).toBeDisabled();

  // The rest is not on the shelf: split, with a reason, and ship what is here without tracking.
  await page.getByText('Short of an item? Split the shipment').click();
  await page.getByLabel('Reason for splitting').fill('Out of stock in bin');
  await page.getByRole('button', { name: 'Split and close parcel' }).click();
  const ship = page.getByRole('form', { name: `Ship order ${orderNumber}` });
  await expect(ship.getByRole('heading', { name: `Ship ${quantity} units` })).toBeVisible();
  await ship.getByLabel('Carrier').selectOption('Courier');
  await ship.getByLabel('No tracking? Say why').fill('Hand delivered by our van');
  await shot(page, 'pack-06-split');
  await ship.getByRole('button', { name: 'Dispatch' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: `Order ${orderNumber} shipped with Courier` }),
  ).toBeVisible();

  await page.keyboard.press('Alt+2');
  const search = page.getByLabel('Search orders');
  await search.fill(orderNumber);
  await search.press('Enter');
  await expect(page.getByRole('list', { name: 'History' })).toContainText(
    `Shipped ${quantity} units with Courier, no tracking: Hand delivered by our van`,
  );
});

test('the queue puts the most urgent first and filters by ship-by date, carrier and channel', async ({
  page,
}) => {
  await loadDemo(page, { as: 'packer' });
  await page.keyboard.press('Alt+3');
  const queue = page.getByRole('listbox', { name: 'Orders ready to pack' });
  await expect(queue.getByRole('option').first()).toHaveAccessibleName(/ship by \d{4}-\d{2}-\d{2}, /);
  const shipBys = async () =>
    (
      await queue
        .getByRole('option')
        .evaluateAll((rows) => rows.map((r) => r.getAttribute('aria-label') ?? ''))
    )
      .map((label) => label.match(/ship by (\d{4}-\d{2}-\d{2})/)?.[1])
      .filter((date): date is string => !!date);
  const urgent = await shipBys();
  expect(urgent.length).toBeGreaterThan(1);
  expect([...urgent].sort()).toEqual(urgent);

  const arrange = page.getByRole('group', { name: 'Arrange the queue' });
  await arrange.getByLabel('Channel').selectOption('phone');
  await expect(page.getByText(/^\d+ of \d+ ready orders shown$/)).toBeVisible();
  // The list redraws once the filtered queue is read: wait until every row shown is a phone order.
  await expect
    .poll(async () => {
      const rows = await queue.getByRole('option').evaluateAll((all) => all.map((r) => r.textContent ?? ''));
      return rows.length > 0 && rows.every((row) => row.includes('phone'));
    })
    .toBe(true);
  await arrange.getByLabel('Carrier').selectOption('Other');
  await arrange.getByLabel('Ship by').selectOption('overdue');
  await expect(
    page.getByText('No order fits these filters').or(page.getByText(/^\d+ of \d+ ready orders shown$/)),
  ).toBeVisible();
  await shot(page, 'pack-07-filters');
  await arrange.getByLabel('Carrier').selectOption('');
  await arrange.getByLabel('Ship by').selectOption('');
  await arrange.getByLabel('Channel').selectOption('');
  await expect(page.getByText(/ready orders shown$/)).toBeHidden();
});
