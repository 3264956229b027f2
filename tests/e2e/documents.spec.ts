// The pack bench's documents as a packer and a manager use them: a packed parcel is weighed, its
// 4x6 label shows both addresses and a parcel barcode that scans as the order number, its ZPL holds
// the same, the packing slip carries the gift message; a label for a parcel not fully scanned is
// refused until a manager approves with a PIN; product barcode labels are printed from the catalog.
import { expect, test, type Page } from '@playwright/test';
import { barsOf, decodeCode128 } from './documentBarcodes';
import { DEMO_STAFF, loadDemo, scan, signIn } from './support';

const shot = (page: Page, name: string) => page.screenshot({ path: `screenshots/${name}.png` });

/** A paid order waiting to be packed that has a gift message, read from the desk's own store. */
async function giftOrderToPack(page: Page): Promise<{ number: string; recipient: string; message: string }> {
  return page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('orderline');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const request = open.result
            .transaction('orders')
            .objectStore('orders')
            .index('status')
            .getAll('processing');
          request.onsuccess = () => {
            type Row = { number: string; gift?: { message?: string }; shippingAddress?: { name: string } };
            const rows = (request.result as Row[]).filter((o) => o.gift?.message && o.shippingAddress);
            const order = rows[0];
            if (!order) reject(new Error('The demo store has no gift order waiting to be packed'));
            else
              resolve({
                number: order.number,
                recipient: order.shippingAddress!.name,
                message: order.gift!.message!,
              });
          };
        };
      }),
  );
}

/** Every item of the open order, scanned in as the pick list shows them. */
async function scanEveryItem(page: Page, orderNumber: string): Promise<void> {
  const items = page.getByRole('table', { name: `Items in order ${orderNumber}` });
  const barcodes = page
    .getByRole('region', { name: `Pick list ${orderNumber}` })
    .getByRole('img', { name: /^Barcode \d+ for / });
  // The bench opens the order before its pick list is drawn: wait for the bars, then read them.
  await expect(barcodes.first()).toBeVisible();
  await expect(items).toBeVisible();
  const labels = await barcodes.evaluateAll((imgs) => imgs.map((img) => img.getAttribute('aria-label')!));
  expect(labels.length).toBeGreaterThan(0);
  for (const label of labels) {
    const barcode = label.match(/^Barcode (\d+) for /)![1]!;
    const row = items.getByRole('row').filter({ hasText: barcode });
    const quantity = Number((await row.getByRole('cell').last().textContent())!.match(/of (\d+)/)![1]);
    for (let n = 1; n <= quantity; n++) {
      await scan(page, barcode);
      await expect(row.getByRole('cell').last()).toHaveText(`${n} of ${quantity}`);
    }
  }
}

test('a packed parcel is weighed, its label and ZPL carry both addresses and a barcode that scans as the order, the slip the gift message', async ({
  page,
}) => {
  await loadDemo(page, { as: 'packer' });
  const order = await giftOrderToPack(page);
  await page.keyboard.press('Alt+3');
  await expect(page.getByRole('heading', { name: 'Pack', exact: true })).toBeVisible();
  await scan(page, order.number);
  await expect(page.getByRole('heading', { name: `Packing ${order.number}` })).toBeVisible();
  await scanEveryItem(page, order.number);
  await page.getByRole('button', { name: 'Complete parcel' }).click();

  const documents = page.getByRole('region', { name: `Documents for ${order.number}` });
  await expect(documents).toBeVisible();
  await expect(documents.getByLabel('Parcel weight')).toHaveText('not weighed');

  // A weight that cannot be right is refused with a sentence, and nothing is stored.
  const weigh = documents.getByRole('form', { name: 'Weigh the parcel' });
  await weigh.getByLabel('Weight (kg)').fill('0');
  await weigh.getByRole('button', { name: 'Save weight' }).click();
  await expect(documents.getByRole('alert')).toContainText('weighs nothing');
  await weigh.getByLabel('Weight (kg)').fill('1.25');
  await weigh.getByLabel('Length (cm)').fill('30');
  await weigh.getByRole('button', { name: 'Save weight' }).click();
  await expect(documents.getByRole('alert')).toContainText('Give all three sides');
  await expect(documents.getByLabel('Parcel weight')).toHaveText('not weighed');
  await weigh.getByLabel('Width (cm)').fill('20');
  await weigh.getByLabel('Height (cm)').fill('10');
  await weigh.getByRole('button', { name: 'Save weight' }).click();
  await expect(documents.getByLabel('Parcel weight')).toHaveText('1.25 kg, 30 × 20 × 10 cm');

  // The 4x6 label: ship-from (the store), ship-to (the customer), weight, and the parcel barcode.
  const label = documents.getByRole('article', { name: `Shipping label ${order.number}` });
  await expect(label.getByLabel('Ship from')).toContainText('Orderline Demo Store');
  // Royal Mail's order: the post town in capitals, then the postcode on its own line.
  await expect(label.getByLabel('Ship from')).toContainText(/LONDON\s*N1 7GR/);
  await expect(label.getByLabel('Ship to')).toContainText(order.recipient);
  await expect(label.getByLabel('Weight')).toHaveText('1.25 kg');
  const parcelBarcode = label.getByRole('img', { name: `Parcel barcode ${order.number}` });
  await expect(parcelBarcode).toBeVisible();
  expect(decodeCode128(await barsOf(parcelBarcode))).toBe(order.number);
  await shot(page, 'documents-01-label');

  // The same label as ZPL for a thermal printer.
  await documents.getByText('ZPL for a thermal label printer').click();
  const zpl = (await documents.getByLabel(`ZPL of label ${order.number}`).textContent())!;
  expect(zpl).toMatch(/^\^XA\n[\s\S]*\n\^XZ$/);
  expect(zpl).toContain('Orderline Demo Store');
  expect(zpl).toContain(order.recipient);
  expect(zpl).toContain('1.25 kg');
  expect(zpl).toContain(`^FD${order.number}^FS`);
  // Saved as a file for the thermal printer's tool: the same ZPL.
  const download = page.waitForEvent('download');
  await documents.getByRole('button', { name: 'Save ZPL' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe(`label-${order.number}.zpl`);
  const chunks: Buffer[] = [];
  for await (const chunk of (await file.createReadStream())!) chunks.push(chunk as Buffer);
  expect(Buffer.concat(chunks).toString('utf8')).toBe(zpl);

  // Printing the label is recorded on the parcel.
  await documents.getByRole('button', { name: 'Print label' }).click();
  await expect(documents.getByRole('status').filter({ hasText: 'sent to the printer' })).toBeVisible();
  await expect(documents.getByText('Label printed')).toBeVisible();

  // The packing slip: the order's lines, its barcode and the gift message.
  const slip = documents.getByRole('article', { name: `Packing slip ${order.number}` });
  await expect(slip.getByLabel('Gift message')).toContainText(order.message);
  const slipBarcode = slip.getByRole('img', { name: `Order barcode ${order.number}` });
  expect(decodeCode128(await barsOf(slipBarcode))).toBe(order.number);
  await slip.scrollIntoViewIfNeeded();
  await shot(page, 'documents-02-slip');
});

test('a label for a parcel not fully scanned is refused until a manager approves it with a PIN', async ({
  page,
}) => {
  await loadDemo(page, { as: 'packer' });
  await page.keyboard.press('Alt+3');
  const first = page.getByRole('listbox', { name: 'Orders ready to pack' }).getByRole('option').first();
  await expect(first).toHaveAccessibleName(/^Order /);
  const orderNumber = (await first.getAttribute('aria-label'))!.match(/^Order (\S+),/)![1]!;
  await first.click();
  await expect(page.getByRole('heading', { name: `Packing ${orderNumber}` })).toBeVisible();

  // Nothing scanned: no label, and the manager is asked; cancelling leaves the parcel open.
  await page.getByRole('button', { name: 'Print label without verifying' }).click();
  await expect(
    page.getByRole('alert').filter({ hasText: 'no label without a manager’s approval' }),
  ).toBeVisible();
  const approval = page.getByRole('dialog', { name: 'Manager approval' });
  await expect(approval).toContainText(`Print the label of ${orderNumber} with items not scanned`);
  await shot(page, 'documents-03-override-asked');
  await approval.getByRole('button', { name: 'Cancel' }).click();
  await expect(
    page.getByRole('alert').filter({ hasText: `No manager approved: no label for ${orderNumber}` }),
  ).toBeVisible();
  await expect(page.getByRole('region', { name: `Documents for ${orderNumber}` })).toHaveCount(0);

  // A wrong PIN is refused; the manager's own PIN approves, and the override is on the parcel.
  await page.getByRole('button', { name: 'Print label without verifying' }).click();
  await expect(approval).toBeVisible();
  await approval
    .getByRole('combobox', { name: 'Manager' })
    .selectOption({ label: `${DEMO_STAFF.manager.name} (manager)` });
  await approval.getByLabel('Manager’s PIN').fill('0000');
  await approval.getByRole('button', { name: 'Approve' }).click();
  await expect(approval.getByRole('alert')).toBeVisible();
  await approval.getByLabel('Manager’s PIN').fill(DEMO_STAFF.manager.pin);
  await approval.getByRole('button', { name: 'Approve' }).click();
  await expect(approval).toBeHidden();

  const documents = page.getByRole('region', { name: `Documents for ${orderNumber}` });
  await expect(documents.getByText(`Override: approved by ${DEMO_STAFF.manager.name}`)).toBeVisible();
  await expect(documents.getByRole('article', { name: `Shipping label ${orderNumber}` })).toBeVisible();
  // Asked for a label: it prints the moment the parcel is weighed (the label carries the weight).
  await expect(documents.getByRole('button', { name: 'Print label' })).toBeDisabled();
  await expect(page.getByLabel('Weight (kg)')).toBeFocused();
  await page.getByLabel('Weight (kg)').fill('0.8');
  await page.getByLabel('Weight (kg)').press('Enter');
  await expect(documents.getByText('Label printed')).toBeVisible();
  await shot(page, 'documents-04-override-approved');

  // The audit log says who packed it, who approved the label, and which order.
  await page.getByRole('button', { name: 'Lock' }).click();
  await signIn(page, 'manager');
  await page.keyboard.press('Alt+7');
  const log = page.getByRole('region', { name: 'Audit log' });
  await log.getByRole('combobox', { name: 'Kind' }).selectOption({ label: 'Label override' });
  const rows = log.getByRole('table').getByRole('row');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(1)).toContainText(DEMO_STAFF.packer.name);
  await expect(rows.nth(1)).toContainText(
    `${DEMO_STAFF.manager.name} approved the label of ${orderNumber} with unverified items`,
  );
});

test('barcode labels for three variants of a product come out as three labels on a sheet, and a batch gathers several products', async ({
  page,
}) => {
  await loadDemo(page, { as: 'manager' });
  await page.getByLabel('Search catalog').fill('tee');
  await page.getByLabel('Search catalog').press('ArrowDown');
  await expect(page.getByRole('listbox', { name: 'Products matching tee' })).toBeFocused();
  await page.keyboard.press('Enter');
  const variants = page.getByRole('table', { name: /^Variants of / });
  await expect(variants).toBeVisible();
  const skus = (
    await variants.getByRole('img', { name: /^Barcode \d+ for / }).evaluateAll((imgs) =>
      imgs.map((img) =>
        img
          .getAttribute('aria-label')!
          .match(/^Barcode (\d+) for (\S+)$/)!
          .slice(1),
      ),
    )
  ).slice(0, 3) as [string, string][];
  expect(skus).toHaveLength(3);

  await page.getByText('Barcode labels', { exact: true }).click();
  const form = page.getByRole('form', { name: /^Barcode labels for / });
  // A count that is not a number is refused, and no sheet is made.
  await form.getByLabel(`Labels of ${skus[0]![1]}`).fill('two');
  await form.getByRole('button', { name: 'Make label sheet' }).click();
  await expect(form.getByRole('alert')).toContainText('“two” is not a number of labels');
  for (const [, sku] of skus) await form.getByLabel(`Labels of ${sku}`).fill('1');
  await form.getByRole('button', { name: 'Make label sheet' }).click();

  const sheets = page.getByRole('region', { name: /^Label sheets for / });
  const labels = sheets.getByRole('img', { name: /^Label barcode / });
  await expect(labels).toHaveCount(3);
  for (const [barcode, sku] of skus) {
    await expect(sheets.getByRole('img', { name: `Label barcode ${barcode} for ${sku}` })).toBeVisible();
  }
  await expect(page.getByText('3 labels on 1 A4 sheet')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Print labels' })).toBeEnabled();
  await sheets.scrollIntoViewIfNeeded();
  await shot(page, 'documents-05-product-labels');

  // The same three go in the catalog's label batch, with two of a mug's first variant.
  await form.getByRole('button', { name: 'Add to label batch' }).click();
  await expect(form.getByRole('status')).toContainText('3 labels of');
  await page.getByLabel('Search catalog').fill('mug');
  await page.getByLabel('Search catalog').press('ArrowDown');
  await expect(page.getByRole('listbox', { name: 'Products matching mug' })).toBeFocused();
  await page.keyboard.press('Enter');
  await page.getByText('Barcode labels', { exact: true }).click();
  const mug = page.getByRole('form', { name: /^Barcode labels for / });
  await mug
    .getByLabel(/^Labels of /)
    .first()
    .fill('2');
  await mug.getByRole('button', { name: 'Add to label batch' }).click();
  await expect(mug.getByRole('status')).toContainText('(5 in all)');

  await page.getByText('Label batch: 5 labels of 4 items').click();
  await page.getByRole('button', { name: `Take ${skus[2]![1]} out of the batch` }).click();
  await expect(page.getByText('Label batch: 4 labels of 3 items')).toBeVisible();
  await page.getByRole('button', { name: 'Make batch label sheets' }).click();
  const batch = page.getByRole('region', { name: 'Label sheets for the batch' });
  await expect(batch.getByRole('img', { name: /^Label barcode / })).toHaveCount(4);
  await expect(page.getByText('4 labels on 1 A4 sheet')).toBeVisible();
  await shot(page, 'documents-07-label-batch');
});

test('the ship-from address is set in Settings and a desk set to auto print prints the label as packing completes', async ({
  page,
}) => {
  await loadDemo(page, { as: 'manager' });
  await page.keyboard.press('Alt+8');
  const settings = page.getByRole('form', { name: 'Documents' });
  await expect(settings.getByLabel('Recipient')).toHaveValue('Orderline Demo Store');

  // A postcode that is not one is refused with the reason, and the stored address stays.
  await settings.getByLabel('Postcode').fill('XYZ');
  await settings.getByLabel('Postcode').press('Enter');
  await expect(settings.getByRole('alert').filter({ hasText: 'Ship-from address not saved' })).toBeVisible();
  await settings.getByLabel('Address line 1').fill('1 Goods Yard');
  await settings.getByLabel('Postcode').fill('ec1a 1bb');
  await settings.getByLabel('Postcode').press('Tab');
  await settings.getByRole('button', { name: 'Save ship-from address' }).click();
  await expect(settings.getByRole('status')).toHaveText(/Ship-from address saved/);
  await settings.getByLabel('Print the shipping label by itself when packing completes (this desk)').check();
  await expect(settings.getByRole('status')).toHaveText(/prints the label as soon as a parcel is packed/);
  await shot(page, 'documents-06-settings');

  await page.keyboard.press('Alt+3');
  const first = page.getByRole('listbox', { name: 'Orders ready to pack' }).getByRole('option').first();
  await expect(first).toHaveAccessibleName(/^Order /);
  const orderNumber = (await first.getAttribute('aria-label'))!.match(/^Order (\S+),/)![1]!;
  await first.click();
  await scanEveryItem(page, orderNumber);
  await page.getByRole('button', { name: 'Complete parcel' }).click();
  const documents = page.getByRole('region', { name: `Documents for ${orderNumber}` });
  // Nobody pressed Print label: the desk's setting did, once the parcel was weighed.
  await expect(documents.getByText('Weigh the parcel to print its label')).toBeVisible();
  await page.getByLabel('Weight (kg)').fill('1.1');
  await page.getByLabel('Weight (kg)').press('Enter');
  await expect(documents.getByText('Label printed')).toBeVisible();
  const from = documents
    .getByRole('article', { name: `Shipping label ${orderNumber}` })
    .getByLabel('Ship from');
  await expect(from).toContainText('1 Goods Yard');
  await expect(from).toContainText(/LONDON\s*EC1A 1BB/);
});

test('a large batch of product labels shows its progress and fills A4 sheets', async ({ page }) => {
  await loadDemo(page, { as: 'manager' });
  await page.getByLabel('Search catalog').fill('mug');
  await page.getByLabel('Search catalog').press('ArrowDown');
  await expect(page.getByRole('listbox', { name: 'Products matching mug' })).toBeFocused();
  await page.keyboard.press('Enter');
  await page.getByText('Barcode labels', { exact: true }).click();
  const form = page.getByRole('form', { name: /^Barcode labels for / });
  await form
    .getByLabel(/^Labels of /)
    .first()
    .fill('999');
  // The progress line may come and go between two looks, so the page notes every one it shows.
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { progressSeen: string[] }).progressSeen = seen;
    new MutationObserver(() => {
      const text = document.querySelector('[role="status"] progress')?.parentElement?.textContent;
      if (text) seen.push(text.trim());
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  const started = Date.now();
  await form.getByRole('button', { name: 'Make label sheet' }).click();
  await expect(page.getByText('999 labels on 42 A4 sheets')).toBeVisible({ timeout: 30_000 });
  console.log(`999 product labels drawn in ${Date.now() - started} ms`);
  const seen = await page.evaluate(() => (window as unknown as { progressSeen: string[] }).progressSeen);
  expect(seen.length).toBeGreaterThan(0);
  expect(seen[0]).toMatch(/^Preparing [\d,]+ of 999 labels…$/);
  await expect(page.getByRole('region', { name: /^Label sheets for / }).getByRole('img')).toHaveCount(999);
});
