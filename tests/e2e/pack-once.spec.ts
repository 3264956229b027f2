// One parcel per order, as a packer lives it with a scanner: a packed order survives a reload as
// packed (its parcel, weight and label), never as a fresh count; counts survive a reload scan by
// scan; the next order's barcode opens it straight from a closed parcel wherever focus is; a DPD
// number no format knows is kept as unverified; and the queue's rows never overlap.
import { expect, test, type Page } from '@playwright/test';
import { loadDemo, scan, signIn } from './support';

const shot = (page: Page, name: string) =>
  page.screenshot({ path: `screenshots/${name}.png`, fullPage: false });

const queueOf = (page: Page) => page.getByRole('listbox', { name: 'Orders ready to pack' });

/** The number and booked carrier of the queue's row `index` (read off its accessible name). */
async function queued(page: Page, index: number) {
  const row = queueOf(page).getByRole('option').nth(index);
  await expect(row).toHaveAccessibleName(/^Order /);
  const name = (await row.getAttribute('aria-label'))!;
  return {
    row,
    number: name.match(/^Order (\S+),/)![1]!,
    carrier: name.match(/ship by [^,]+, ([^,]+), waiting/)![1]!,
  };
}

/** Each item's barcode and quantity, off the pick list and the station's own lines. */
async function itemsOf(page: Page, orderNumber: string) {
  const items = page.getByRole('table', { name: `Items in order ${orderNumber}` });
  const barcodes = page
    .getByRole('region', { name: `Pick list ${orderNumber}` })
    .getByRole('img', { name: /^Barcode \d+ for / });
  await expect(barcodes.first()).toBeVisible();
  const labels = await barcodes.evaluateAll((imgs) => imgs.map((img) => img.getAttribute('aria-label')!));
  const found: { barcode: string; quantity: number; row: ReturnType<typeof items.getByRole> }[] = [];
  for (const label of labels) {
    const barcode = label.match(/^Barcode (\d+) for /)![1]!;
    const row = items.getByRole('row').filter({ hasText: barcode });
    const quantity = Number((await row.getByRole('cell').last().textContent())!.match(/of (\d+)/)![1]);
    found.push({ barcode, quantity, row });
  }
  return found;
}

async function scanEverything(page: Page, orderNumber: string) {
  for (const { barcode, quantity, row } of await itemsOf(page, orderNumber)) {
    const cell = row.getByRole('cell').last();
    const from = Number((await cell.textContent())!.match(/^(\d+) of/)![1]);
    for (let n = from + 1; n <= quantity; n++) {
      await scan(page, barcode);
      await expect(cell).toHaveText(`${n} of ${quantity}`);
    }
  }
}

/** A reload is a restart of the desk: sign in again if the desk asks, then back to Pack. */
async function restart(page: Page) {
  await page.reload();
  const signInHeading = page.getByRole('heading', { name: 'Sign in' });
  const lock = page.getByRole('button', { name: 'Lock' });
  await expect(signInHeading.or(lock)).toBeVisible();
  if (await signInHeading.isVisible()) await signIn(page, 'packer');
  await page.keyboard.press('Alt+3');
  await expect(page.getByRole('heading', { name: 'Pack', exact: true })).toBeVisible();
}

test('a packed order reopens after a reload as packed, with its parcel and label, and is never packed twice', async ({
  page,
}) => {
  await loadDemo(page, { as: 'packer' });
  await page.keyboard.press('Alt+3');
  const { row, number } = await queued(page, 0);
  await row.click();
  await expect(page.getByRole('heading', { name: `Packing ${number}` })).toBeVisible();
  await scanEverything(page, number);
  await page.getByRole('button', { name: 'Complete parcel' }).click();

  // Weigh (focus is already there), then the label prints.
  const documents = page.getByRole('region', { name: `Documents for ${number}` });
  await expect(documents.getByRole('button', { name: 'Print label' })).toBeDisabled();
  await expect(page.getByLabel('Weight (kg)')).toBeFocused();
  await page.keyboard.type('1.2');
  await page.keyboard.press('Enter');
  await expect(documents.getByLabel('Parcel weight')).toHaveText('1.2 kg');
  await documents.getByRole('button', { name: 'Print label' }).click();
  await expect(documents.getByText('Label printed')).toBeVisible();

  await restart(page);
  await expect(queueOf(page).getByRole('option', { name: new RegExp(`^Order ${number},`) })).toHaveCount(0);
  await scan(page, number);
  await expect(page.getByRole('heading', { name: `Packing ${number}` })).toBeVisible();
  await expect(
    page.getByRole('status').filter({ hasText: `Order ${number} is already packed` }),
  ).toBeVisible();
  const reopened = page.getByRole('region', { name: `Documents for ${number}` });
  await expect(reopened.getByLabel('Parcel weight')).toHaveText('1.2 kg');
  await expect(reopened.getByText('Label printed')).toBeVisible();
  await expect(reopened.getByRole('article', { name: /^Shipping label / })).not.toContainText('Parcel 2');
  const counts = await page
    .getByRole('table', { name: `Items in order ${number}` })
    .getByRole('cell')
    .filter({ hasText: / of \d+$/ })
    .allTextContents();
  expect(counts.every((c) => /^(\d+) of \1$/.test(c))).toBe(true);
  await shot(page, 'pack-once-01-reopened-packed');

  // Its items scanned again are refused: no second parcel, no second label.
  const [first] = await itemsOf(page, number);
  await scan(page, first!.barcode);
  await expect(page.getByRole('alert').first()).toContainText(`Order ${number} is already packed`);
  await expect(page.getByRole('button', { name: 'Complete parcel' })).toHaveCount(0);
  await expect(reopened.getByRole('article', { name: /^Shipping label / })).not.toContainText('Parcel 2');
});

test('pack counts survive a reload scan by scan', async ({ page }) => {
  await loadDemo(page, { as: 'packer' });
  await page.keyboard.press('Alt+3');
  // An order with more than one unit, so there is a count to resume.
  const options = queueOf(page).getByRole('option');
  await expect(options.first()).toHaveAccessibleName(/^Order /);
  let number = '';
  for (let i = 0; i < (await options.count()) && !number; i++) {
    const units = Number(((await options.nth(i).textContent()) ?? '').match(/(\d+) units/)?.[1] ?? 0);
    if (units >= 2) number = (await queued(page, i)).number;
  }
  expect(number).not.toBe('');
  await scan(page, number);
  await expect(page.getByRole('heading', { name: `Packing ${number}` })).toBeVisible();
  const [item] = await itemsOf(page, number);
  await scan(page, item!.barcode);
  await expect(item!.row.getByRole('cell').last()).toHaveText(`1 of ${item!.quantity}`);

  await restart(page);
  await scan(page, number);
  await expect(page.getByRole('heading', { name: `Packing ${number}` })).toBeVisible();
  const [again] = await itemsOf(page, number);
  await expect(again!.row.getByRole('cell').last()).toHaveText(`1 of ${again!.quantity}`);
  await expect(page.getByRole('status').filter({ hasText: 'already scanned; scan the rest' })).toBeVisible();
  await scanEverything(page, number);
  await expect(page.getByRole('button', { name: 'Complete parcel' })).toBeEnabled();
});

test('after a parcel is complete, the next order’s barcode opens it wherever focus is', async ({ page }) => {
  await loadDemo(page, { as: 'packer' });
  await page.keyboard.press('Alt+3');
  const one = await queued(page, 0);
  const two = await queued(page, 1);
  await one.row.click();
  await scanEverything(page, one.number);
  await page.getByRole('button', { name: 'Complete parcel' }).click();
  await expect(page.getByLabel('Weight (kg)')).toBeFocused();

  // Focus in the Weight field, then in the Tracking number field: the order barcode opens the order.
  await scan(page, two.number);
  await expect(page.getByRole('heading', { name: `Packing ${two.number}` })).toBeVisible();
  await expect(page.getByLabel('Weight (kg)')).toHaveCount(0);
  await shot(page, 'pack-once-02-next-order');

  // The first order is packed, not lost: it opens packed.
  await page.getByRole('button', { name: 'Put back in queue' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: `Order ${two.number} is back in the queue` }),
  ).toBeVisible();
  await scan(page, one.number);
  await expect(
    page.getByRole('status').filter({ hasText: `Order ${one.number} is already packed` }),
  ).toBeVisible();
  await page.getByLabel('Tracking number (scan or type)').focus();
  await scan(page, two.number);
  await expect(page.getByRole('heading', { name: `Packing ${two.number}` })).toBeVisible();
});

test('a DPD number no format knows ships as unverified, and another carrier than booked is asked about', async ({
  page,
}) => {
  await loadDemo(page, { as: 'packer' });
  await page.keyboard.press('Alt+3');
  const { row, number, carrier: booked } = await queued(page, 0);
  await row.click();
  await scanEverything(page, number);
  await page.getByRole('button', { name: 'Complete parcel' }).click();
  const ship = page.getByRole('form', { name: `Ship order ${number}` });

  // Unknown to every format and no carrier chosen: refused, with what to do.
  await ship.getByLabel('Tracking number (scan or type)').focus();
  await scan(page, '15501234567890');
  await expect(ship.getByRole('alert')).toContainText('choose the carrier to keep it as unverified');
  await expect(ship.getByRole('button', { name: 'Dispatch' })).toBeDisabled();
  await ship.getByLabel('Carrier').selectOption('DPD');
  await expect(ship.getByRole('status')).toContainText('Unverified DPD number: 15501234567890');
  if (booked !== 'DPD' && booked !== 'Collection' && booked !== 'Other') {
    await expect(ship.getByRole('alert')).toContainText(`is booked with ${booked}`);
    await expect(ship.getByRole('button', { name: 'Dispatch' })).toBeDisabled();
    await ship.getByRole('checkbox', { name: 'Yes, ship with DPD' }).check();
  }
  await shot(page, 'pack-once-03-dpd-unverified');
  await ship.getByRole('button', { name: 'Dispatch' }).click();
  await expect(
    page.getByRole('status').filter({
      hasText: `Order ${number} shipped with DPD: 15501234567890 (unverified: no carrier format matches it)`,
    }),
  ).toBeVisible();

  await page.keyboard.press('Alt+2');
  await page.getByLabel('Search orders').fill(number);
  await page.getByLabel('Search orders').press('Enter');
  await expect(page.getByRole('list', { name: 'History' })).toContainText(
    'with DPD, tracking 15501234567890 (unverified: no carrier format matches it)',
  );
  const tracking = page.getByRole('region', { name: 'Tracking' });
  await expect(tracking.getByRole('listitem').filter({ hasText: '15501234567890' })).toContainText(
    'Unverified',
  );
  await shot(page, 'pack-once-04-order-tracking-unverified');

  // The carrier's end-of-day manifest marks it too, on screen and so on the printed sheet.
  await page.keyboard.press('Alt+4');
  await page.getByRole('button', { name: 'End-of-day manifest' }).click();
  await page.getByLabel('Carrier').selectOption('DPD');
  const manifestRow = page
    .getByRole('table', { name: /^DPD manifest, / })
    .getByRole('row')
    .filter({ hasText: number });
  await expect(manifestRow).toContainText('15501234567890 (unverified)');
  await shot(page, 'pack-once-05-manifest-unverified');
});

for (const size of [
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
]) {
  test(`queue rows never overlap at ${size.width}×${size.height}, at the normal and a large text size`, async ({
    page,
  }) => {
    await page.setViewportSize(size);
    await loadDemo(page, { as: 'packer' });
    await page.keyboard.press('Alt+3');
    await expect(queueOf(page).getByRole('option').first()).toHaveAccessibleName(/^Order /);
    for (const fontSize of ['16px', '22px']) {
      await page.evaluate((px) => (document.documentElement.style.fontSize = px), fontSize);
      // Every line of every row inside its own row, no two rows or two lines on top of each other.
      await expect
        .poll(() =>
          queueOf(page).evaluate((list) => {
            const problems: string[] = [];
            const rows = [...list.querySelectorAll('[role="option"]')].map((r) => r.getBoundingClientRect());
            const rowEls = [...list.querySelectorAll('[role="option"]')];
            rowEls.forEach((row, i) => {
              const box = rows[i]!;
              const lines = [...row.querySelectorAll('.line, strong, .badge')].map((el) =>
                el.getBoundingClientRect(),
              );
              for (const line of lines) {
                if (line.top < box.top - 0.5 || line.bottom > box.bottom + 0.5)
                  problems.push(`row ${i} spills`);
              }
              const texts = [...row.querySelectorAll('.line')].map((el) => el.getBoundingClientRect());
              for (let a = 0; a < texts.length; a++)
                for (let b = a + 1; b < texts.length; b++) {
                  const x = texts[a]!;
                  const y = texts[b]!;
                  const overlap =
                    x.left < y.right && y.left < x.right && x.top < y.bottom - 0.5 && y.top < x.bottom - 0.5;
                  if (overlap) problems.push(`row ${i} lines ${a} and ${b} overlap`);
                }
              if (i > 0 && box.top < rows[i - 1]!.bottom - 0.5)
                problems.push(`row ${i} overlaps row ${i - 1}`);
            });
            return problems;
          }),
        )
        .toEqual([]);
      await shot(page, `pack-once-queue-${size.width}x${size.height}-${fontSize}`);
    }
  });
}

test('a parcel leaving the UK gets a customs declaration that prints with its label', async ({ page }) => {
  await loadDemo(page, { as: 'packer' });
  await page.keyboard.press('Alt+3');
  // DHL Express Worldwide is the demo store's method for the rest of the world.
  await page.getByRole('combobox', { name: 'Carrier' }).selectOption('DHL');
  const { row, number } = await queued(page, 0);
  await row.click();
  await scanEverything(page, number);
  await page.getByRole('button', { name: 'Complete parcel' }).click();
  const documents = page.getByRole('region', { name: `Documents for ${number}` });
  const declaration = documents.getByRole('article', {
    name: new RegExp(`^Customs declaration CN2[23] ${number}$`),
  });
  await expect(declaration).toBeVisible();
  await expect(declaration).toContainText('Sale of goods');
  await expect(declaration.getByRole('row')).not.toHaveCount(0);
  // The recipient's country is spelled out on the label, in capitals.
  await expect(
    documents.getByRole('article', { name: /^Shipping label / }).getByLabel('Ship to'),
  ).not.toContainText(/\b[A-Z]{2}$/);
  await page.getByLabel('Weight (kg)').fill('2');
  await page.getByLabel('Weight (kg)').press('Enter');
  await documents.getByRole('button', { name: 'Print label' }).click();
  await expect(
    documents.getByRole('status').filter({ hasText: /and its CN2[23] sent to the printer/ }),
  ).toBeVisible();
  await shot(page, 'pack-once-04-customs');
});
