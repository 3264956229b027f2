// Shipping at the Ship desk with a scanner: a packed order's parcel is opened by its barcode, the
// carrier's tracking barcode names the carrier (a misread is refused and changes nothing), the
// parcel is marked shipped (in part when the bench split it), and the carrier's end-of-day manifest
// lists it until it is closed.
import { expect, test, type Page } from '@playwright/test';
import { loadDemo, scan } from './support';

const shot = (page: Page, name: string) =>
  page.screenshot({ path: `screenshots/${name}.png`, fullPage: false });

/**
 * Packs an order at the Pack station by scanning its items: every unit, or (split) one line in
 * full and the rest left for later. Returns the order number and how many units went in the parcel.
 */
async function packAnOrder(page: Page, split = false): Promise<{ orderNumber: string; units: number }> {
  await page.keyboard.press('Alt+3');
  const queue = page.getByRole('listbox', { name: 'Orders ready to pack' });
  await expect(queue.getByRole('option').first()).toHaveAccessibleName(/^Order /);
  // A split needs an order of several lines, so one can be left behind.
  const row = split
    ? queue
        .getByRole('option')
        .filter({ hasText: /[2-9] lines/ })
        .first()
    : queue.getByRole('option').first();
  const orderNumber = (await row.getAttribute('aria-label'))!.match(/^Order (\S+),/)![1]!;
  await row.click();
  const items = page.getByRole('table', { name: `Items in order ${orderNumber}` });
  await expect(items).toBeVisible();
  const lines: { barcode: string; quantity: number }[] = [];
  // Each line's barcode and quantity, read off the station's own table (item, barcode, "0 of n").
  const cells = await items
    .getByRole('row')
    .filter({ hasText: / of \d+$/ })
    .evaluateAll((rows) =>
      rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent?.trim() ?? '')),
    );
  for (const [, barcode, count] of cells) {
    lines.push({ barcode: barcode!, quantity: Number(count!.match(/of (\d+)$/)![1]) });
  }
  const packed = split ? lines.slice(0, 1) : lines;
  for (const { barcode, quantity } of packed) {
    if (quantity > 1) {
      await page.getByLabel('Quantity for the next scan').fill(String(quantity));
    }
    await scan(page, barcode);
    await expect(items.getByRole('row').filter({ hasText: barcode })).toContainText(
      `${quantity} of ${quantity}`,
    );
  }
  if (split) {
    await page.getByText('Short of an item? Split the shipment').click();
    await page.getByLabel('Reason for splitting').fill('Out of stock in bin');
    await page.getByRole('button', { name: 'Split and close parcel' }).click();
  } else {
    await page.getByRole('button', { name: 'Complete parcel' }).click();
  }
  return { orderNumber, units: packed.reduce((sum, l) => sum + l.quantity, 0) };
}

async function openShipDesk(page: Page) {
  await page.keyboard.press('Alt+4');
  await expect(page.getByRole('heading', { name: 'Ship', exact: true })).toBeVisible();
}

async function orderHistory(page: Page, orderNumber: string) {
  await page.keyboard.press('Alt+2');
  const search = page.getByLabel('Search orders');
  await search.fill(orderNumber);
  await search.press('Enter');
  return page.getByRole('list', { name: 'History' });
}

test('a packed order ships with Royal Mail: a misread number is refused, the carrier is recognised, the manifest lists it', async ({
  page,
}) => {
  await loadDemo(page, { as: 'packer' });
  const { orderNumber } = await packAnOrder(page);

  await openShipDesk(page);
  const waiting = page.getByRole('list', { name: 'Parcels waiting for a carrier' });
  await expect(waiting.getByRole('button', { name: new RegExp(`^${orderNumber} `) })).toBeVisible();
  await shot(page, 'ship-01-waiting');

  // The order's barcode opens its parcel wherever focus is.
  await scan(page, orderNumber);
  const form = page.getByRole('form', { name: `Hand over order ${orderNumber}` });
  await expect(form).toBeVisible();
  const markShipped = form.getByRole('button', { name: /^Mark shipped/ });
  await expect(markShipped).toBeDisabled();

  // A misread (wrong check digit): red, the reason, and nothing taken.
  await scan(page, 'RR123456784GB');
  await expect(page.getByRole('alert')).toContainText(
    'Royal Mail tracking number RR123456784GB has a wrong check digit (expected 5)',
  );
  await expect(form.getByLabel(/^Tracking number/)).toHaveValue('');
  await expect(markShipped).toBeDisabled();
  await shot(page, 'ship-02-misread');

  // The right number names its carrier and service and gives the tracking link.
  await scan(page, 'RR123456785GB');
  await expect(page.getByRole('status').filter({ hasText: '✓' })).toContainText(
    'Royal Mail tracked (Registered), check digit OK',
  );
  await expect(form.getByLabel('Carrier')).toHaveValue('Royal Mail');
  await expect(form.getByLabel('Service')).toHaveValue('Registered');
  await expect(form.getByRole('link', { name: /royalmail\.com/ })).toHaveAttribute(
    'href',
    'https://www.royalmail.com/track-your-item#/tracking-results/RR123456785GB',
  );
  await shot(page, 'ship-03-recognised');
  await markShipped.click();

  const done = page.getByRole('status').filter({ hasText: `Order ${orderNumber} shipped with Royal Mail` });
  await expect(done).toContainText('RR123456785GB');
  await expect(done).toContainText('Every unit of the order has shipped.');
  await expect(done).toContainText(`Shipping e-mail queued to`);
  await expect(done).toContainText(`“Your order ${orderNumber} is on its way”`);
  await shot(page, 'ship-04-shipped');
  await expect(waiting.getByRole('button', { name: new RegExp(`^${orderNumber} `) })).toHaveCount(0);

  // The end-of-day manifest for Royal Mail lists the parcel, and closes once.
  await page.getByRole('button', { name: 'End-of-day manifest' }).click();
  const manifest = page.getByRole('table', { name: /^Royal Mail manifest, \d{4}-\d{2}-\d{2}$/ });
  await expect(manifest.getByRole('row').filter({ hasText: orderNumber })).toContainText('RR123456785GB');
  await expect(manifest.getByRole('row').last()).toContainText('1 parcel');
  await shot(page, 'ship-05-manifest');
  await page.getByRole('button', { name: 'Print manifest' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Manifest sent to the printer' })).toBeVisible();
  await page.getByRole('button', { name: 'Close manifest (handed over)' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Royal Mail manifest closed' })).toContainText(
    '1 parcel handed over',
  );
  await expect(page.getByRole('button', { name: 'Manifest closed' })).toBeDisabled();

  // The order says it shipped, with the tracking number.
  const history = await orderHistory(page, orderNumber);
  await expect(history).toContainText(/Shipped \d+ units? with Royal Mail, tracking RR123456785GB/);
});

test('a parcel split at the bench ships part of the order with UPS; the rest stays to ship', async ({
  page,
}) => {
  await loadDemo(page, { as: 'packer' });
  const { orderNumber, units } = await packAnOrder(page, true);

  // By keyboard alone: the parcel's button, Enter, and the tracking field is ready for the scanner.
  await openShipDesk(page);
  await page
    .getByRole('list', { name: 'Parcels waiting for a carrier' })
    .getByRole('button', { name: new RegExp(`^${orderNumber} `) })
    .focus();
  await page.keyboard.press('Enter');
  const form = page.getByRole('form', { name: `Hand over order ${orderNumber}` });
  await expect(form.getByLabel(/^Tracking number/)).toBeFocused();
  await expect(page.getByRole('note')).toContainText(/Partial shipment: \d+ units? stays? to ship later/);

  await scan(page, '1Z999AA10123456784');
  await expect(form.getByLabel('Carrier')).toHaveValue('UPS');
  // An order booked with another carrier asks first (src-shared carrierConflict), as the bench does.
  const yes = form.getByRole('checkbox', { name: 'Yes, ship with UPS' });
  if (await yes.isVisible()) {
    await expect(form.getByRole('alert')).toContainText(
      `is a UPS number, but order ${orderNumber} is booked with`,
    );
    // The question has focus: Space answers it, Tab goes on to Mark shipped.
    await expect(yes).toBeFocused();
    await page.keyboard.press('Space');
    await expect(yes).toBeChecked();
    await page.keyboard.press('Tab');
  }
  await shot(page, 'ship-06-partial');
  const markShipped = form.getByRole('button', { name: new RegExp(`^Mark shipped \\(${units} of \\d+\\)`) });
  await expect(markShipped).toBeEnabled();
  // A number taken: Mark shipped is next.
  await expect(markShipped).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(
    page.getByRole('status').filter({ hasText: `Order ${orderNumber} shipped with UPS` }),
  ).toContainText(/Partly shipped: \d+ units? stays? to ship/);

  const history = await orderHistory(page, orderNumber);
  await expect(history).toContainText(
    `Shipped ${units} unit${units === 1 ? '' : 's'} with UPS, tracking 1Z999AA10123456784`,
  );
  await expect(page.getByText('Partly shipped').first()).toBeVisible();
});
