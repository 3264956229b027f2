// Quotes for a business buyer (saved from the cart, found again, printed, converted at the quoted
// prices, and refused once expired) and the documents of a sale: the 80 mm receipt with a
// scannable order barcode, the A4/Letter invoice with terms and delivery dates, the e-mailed
// receipt queued in the outbox, and a reprint from the order.
import { expect, test, type Page } from '@playwright/test';
import { barsOf, decodeCode128 } from './documentBarcodes';
import { catalogItem, loadDemo } from './support';

/** Creates a business customer inside the sale, with a UK address and (optionally) an e-mail. */
async function newBusinessCustomer(page: Page, name: string, company: string, email?: string) {
  const panel = page.getByRole('region', { name: 'Customer' });
  await panel.getByRole('button', { name: 'New customer' }).click();
  const form = panel.getByRole('form', { name: 'New customer' });
  await form.getByLabel('Name', { exact: true }).fill(name);
  await form
    .getByLabel(/^Company/)
    .first()
    .fill(company);
  await form.getByLabel('Phone', { exact: true }).fill('0117 496 0123');
  if (email) await form.getByLabel(/^E-mail/).fill(email);
  await form.getByLabel('How did you hear about us?').selectOption({ label: 'Word of mouth / a friend' });
  await form.getByRole('checkbox', { name: /Business customer/ }).check();
  const address = form.getByRole('group', { name: 'Shipping address' });
  await address.getByLabel('Country').selectOption('GB');
  await address.getByLabel('Address line 1').fill('4 Harbour Walk');
  await address.getByLabel('Postcode').fill('BS1 5TY');
  await address.getByLabel('City').fill('Bristol');
  await form.getByRole('button', { name: 'Create customer' }).click();
  await expect(panel).toContainText(name);
}

/** The catalog price of `sku` goes up by `minor` units, as when another desk's price change syncs in. */
async function raisePrice(page: Page, sku: string, minor: number) {
  await page.evaluate(
    async ({ sku, minor }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open('orderline');
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      const tx = db.transaction('variants', 'readwrite');
      const variants = tx.objectStore('variants');
      const read = variants.index('sku').get(sku);
      read.onsuccess = () => {
        const variant = read.result as { price: { amount: number; currency: string } };
        variants.put({ ...variant, price: { ...variant.price, amount: variant.price.amount + minor } });
      };
      await new Promise((resolve, reject) => {
        tx.oncomplete = resolve;
        tx.onerror = () => reject(tx.error);
      });
      db.close();
    },
    { sku, minor },
  );
}

async function addToCart(page: Page, code: string, times = 1) {
  const add = page.getByLabel('Add item');
  for (let i = 0; i < times; i++) {
    await add.fill(code);
    await add.press('Enter');
    await expect(page.getByRole('status').filter({ hasText: /^Added / })).toBeVisible();
  }
}

test('a quote for a business buyer is saved, found by customer, printed and converted with its prices', async ({
  page,
}) => {
  await loadDemo(page, { as: 'seller' });
  const item = await catalogItem(page, 'mug');
  await page.keyboard.press('Alt+1');
  await expect(page.getByRole('heading', { name: 'Sell', level: 1 })).toBeVisible();

  // Without a customer there is no one to quote.
  await addToCart(page, item.barcode, 3);
  await expect(page.getByRole('button', { name: 'Save as quote' })).toBeDisabled();
  await expect(page.getByText('Choose the customer to save this cart as a quote')).toBeVisible();

  await newBusinessCustomer(
    page,
    'Rhiannon Price',
    'Harbourside Catering Ltd',
    'rhiannon@harbourside.example',
  );
  const cartTotal = (await page.locator('.big').textContent())!.trim();
  await page.getByRole('button', { name: 'Save as quote' }).click();
  const form = page.getByRole('form', { name: 'Save as quote' });
  await expect(form.getByLabel('Valid for (days)')).toHaveValue('30');
  await form.getByLabel('Valid for (days)').fill('two weeks');
  await expect(form).toContainText('“two weeks” is not a number of days');
  await form.getByRole('button', { name: 'Save quote' }).click();
  await expect(form.getByRole('alert')).toContainText('is not a number of days');
  await form.getByLabel('Valid for (days)').fill('14');
  await expect(form).toContainText('Prices held until');
  await form.getByRole('button', { name: 'Save quote' }).click();
  const saved = page.getByRole('status').filter({ hasText: /^Quote Q1-\d{6} saved for Rhiannon Price$/ });
  await expect(saved).toBeVisible();
  const quoteNumber = (await saved.textContent())!.match(/Q1-\d{6}/)![0];
  // The cart became the quote: the till is ready for the next sale.
  await expect(page.getByText('Ready for a new sale')).toBeVisible();

  // Quotes open from the Sell screen by keyboard, search box first.
  await page.keyboard.press('Alt+q');
  const quotes = page.getByRole('dialog', { name: 'Quotes' });
  await expect(quotes).toBeVisible();
  await expect(quotes.getByLabel('Find quote')).toBeFocused();
  await page.keyboard.type('zzz no such buyer');
  await expect(quotes.getByRole('status')).toContainText('No quote matches “zzz no such buyer”');
  await quotes.getByLabel('Find quote').fill('rhiannon');
  const found = quotes
    .getByRole('list', { name: 'Quotes found' })
    .getByRole('button', { name: new RegExp(quoteNumber) });
  await expect(found).toContainText('Valid until');
  await expect(found).toContainText(cartTotal);
  await found.click();

  const view = quotes.getByRole('article', { name: `Quotation ${quoteNumber}` });
  await expect(view).toContainText('Harbourside Catering Ltd');
  await expect(view).toContainText(item.sku);
  await expect(view).toContainText(cartTotal);
  await expect(quotes.getByRole('status').first()).toContainText(`Quote ${quoteNumber} is valid until`);
  await page.screenshot({ path: 'screenshots/40-quote-view.png' });
  await quotes.getByRole('button', { name: 'Print quote' }).click();
  await expect(
    quotes.getByRole('status').filter({ hasText: `Quote ${quoteNumber} sent to the printer` }),
  ).toBeVisible();

  // The catalog price rises after the quote was given: the order keeps the quoted price and says so.
  await raisePrice(page, item.sku, 10_00);
  await quotes.getByRole('button', { name: 'Convert to order' }).click();
  await expect(quotes).toBeHidden();
  const converted = page.getByRole('status').filter({ hasText: `Prices from quote ${quoteNumber}` });
  await expect(converted).toContainText("1 price differs from today's catalog and is held as quoted");
  await expect(converted).toContainText(/quoted £[\d,.]+, today £[\d,.]+/);
  const cart = page.getByRole('table', { name: 'Cart' });
  await expect(cart).toContainText(item.sku);
  await expect(cart.getByRole('textbox', { name: /^Quantity of / })).toHaveValue('3');
  await expect(page.locator('.big')).toHaveText(cartTotal);
  await expect(page.getByRole('region', { name: 'Customer' })).toContainText('Rhiannon Price');

  // Converted once: the list says so and it cannot be converted again.
  await page.getByRole('button', { name: 'Quotes' }).click();
  await quotes.getByLabel('Find quote').fill(quoteNumber);
  const again = quotes.getByRole('button', { name: new RegExp(quoteNumber) });
  await expect(again).toContainText('Converted');
  await again.click();
  await expect(quotes.getByRole('status').first()).toContainText('has already been turned into an order');
  await expect(quotes.getByRole('button', { name: 'Convert to order' })).toBeDisabled();
});

test('an expired quote says so, is not converted, and is renewed at today’s prices', async ({ page }) => {
  await loadDemo(page, { as: 'seller' });
  const item = await catalogItem(page, 'mug');
  await page.keyboard.press('Alt+1');
  await newBusinessCustomer(page, 'Tomasz Nowak', 'Nowak Office Supplies Ltd');
  await addToCart(page, item.barcode);
  await page.getByRole('button', { name: 'Save as quote' }).click();
  await page.getByLabel('Valid for (days)').fill('0');
  await page.getByRole('button', { name: 'Save quote' }).click();
  const saved = page.getByRole('status').filter({ hasText: /^Quote Q1-\d{6} saved/ });
  const quoteNumber = (await saved.textContent())!.match(/Q1-\d{6}/)![0];

  // Two days later.
  await page.clock.setFixedTime(new Date(Date.now() + 2 * 86_400_000));
  await page.keyboard.press('Alt+q');
  const quotes = page.getByRole('dialog', { name: 'Quotes' });
  await quotes.getByLabel('Find quote').fill('nowak');
  const found = quotes.getByRole('button', { name: new RegExp(quoteNumber) });
  await expect(found).toContainText('Expired');
  await found.click();
  await expect(quotes.getByRole('status').first()).toContainText(`Quote ${quoteNumber} expired on`);
  await expect(quotes.getByRole('button', { name: 'Convert to order' })).toBeDisabled();
  await page.screenshot({ path: 'screenshots/41-quote-expired.png' });

  // Renewed: a new quote at today's prices, which can be converted.
  await quotes.getByRole('button', { name: 'Renew at today’s prices' }).click();
  await expect(quotes.getByRole('status').filter({ hasText: `replaces ${quoteNumber}` })).toContainText(
    'Renewed until',
  );
  await expect(quotes.getByRole('status').filter({ hasText: /is valid until/ })).toBeVisible();
  await quotes.getByRole('button', { name: 'Convert to order' }).click();
  await expect(page.getByRole('table', { name: 'Cart' })).toContainText(item.sku);
});

test('a business sale on invoice terms: receipt barcode, A4 invoice with dates, e-mailed receipt, reprint', async ({
  page,
}) => {
  await loadDemo(page, { as: 'seller' });
  const item = await catalogItem(page, 'mug');
  await page.keyboard.press('Alt+1');
  await newBusinessCustomer(page, 'Grace Okafor', 'Okafor Interiors Ltd', 'grace@okafor.example');
  await addToCart(page, item.barcode, 2);
  await page.getByRole('button', { name: 'Checkout' }).click();
  await expect(page.getByRole('radiogroup', { name: 'Shipping' }).getByRole('radio').first()).toBeChecked();
  const total = (await page
    .getByLabel('Checkout totals')
    .getByRole('definition')
    .last()
    .textContent())!.trim();
  await page.getByRole('button', { name: 'Continue to payment' }).click();
  const payment = page.getByRole('form', { name: 'Payment' });
  await payment.getByLabel('Invoice / PO').check();
  await payment.getByLabel('Purchase order number').fill('PO-5521');
  await payment.getByLabel('Terms').selectOption({ label: 'Net 30' });
  await payment.getByRole('button', { name: 'Take payment' }).click();

  // The receipt's barcode, read from its bars, is the order number.
  const receipt = page.getByRole('article', { name: /^Receipt for order D1-\d{6}$/ });
  await expect(receipt).toBeVisible();
  const number = (await receipt.getAttribute('aria-label'))!.replace('Receipt for order ', '');
  const barcode = receipt.getByRole('img', { name: `Order barcode ${number}` });
  await expect(barcode.locator('rect').first()).toBeAttached();
  expect(decodeCode128(await barsOf(barcode))).toBe(number);

  // The invoice: both addresses, totals, the terms and the expected dates, on A4 or Letter.
  await page.getByRole('button', { name: 'Invoice (A4/Letter)…' }).click();
  const dialog = page.getByRole('dialog', { name: `Invoice ${number}` });
  const invoice = dialog.getByRole('article', { name: `Invoice for order ${number}` });
  await expect(invoice.getByRole('region', { name: 'Seller' })).toContainText('Orderline demo store');
  await expect(invoice.getByRole('region', { name: 'Bill to' })).toContainText('Okafor Interiors Ltd');
  await expect(invoice.getByRole('region', { name: 'Ship to' })).toContainText(/BRISTOL\s*BS1 5TY/);
  const totals = invoice.getByRole('table', { name: 'Invoice totals' });
  await expect(totals).toContainText(`Total${total}`);
  await expect(totals).toContainText('includes VAT 20%');
  await expect(totals).toContainText(`Balance due${total}`);
  await expect(invoice.getByRole('region', { name: 'Payment terms' })).toContainText('Net 30');
  await expect(invoice.getByRole('region', { name: 'Payment terms' })).toContainText(
    'purchase order PO-5521',
  );
  const delivery = invoice.getByRole('region', { name: 'Delivery' });
  await expect(delivery).toContainText('Expected dispatch');
  await expect(delivery).toContainText('Expected delivery');
  expect(decodeCode128(await barsOf(invoice.getByRole('img', { name: `Order barcode ${number}` })))).toBe(
    number,
  );
  await page.screenshot({ path: 'screenshots/42-invoice-a4.png' });
  await dialog.getByLabel('Paper').selectOption('Letter');
  await dialog.getByRole('button', { name: 'Print invoice' }).click();
  await expect(
    dialog.getByRole('status').filter({ hasText: `Invoice ${number} sent to the printer` }),
  ).toBeVisible();
  await dialog.getByRole('button', { name: 'Save invoice as PDF' }).click();
  await expect(dialog.getByRole('status').filter({ hasText: 'choose “Save as PDF”' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  // E-mailed: queued for the server, shown as such, and waiting in the outbox.
  await page.getByRole('button', { name: 'E-mail receipt' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'Receipt e-mail to grace@okafor.example queued' }),
  ).toBeVisible();
  await expect(
    page.getByText('Receipt e-mail to grace@okafor.example: queued, waiting to sync'),
  ).toBeVisible();

  await page.getByRole('button', { name: 'Finish sale' }).click();
  await page.getByRole('button', { name: 'Open in Orders' }).click();
  await expect(page.getByRole('heading', { name: `Order ${number}` })).toBeVisible();
  const documents = page.getByRole('region', { name: 'Receipt and invoice' });
  await documents.getByRole('button', { name: 'Reprint receipt' }).click();
  await expect(
    documents.getByRole('status').filter({ hasText: `Receipt ${number} sent to the printer` }),
  ).toBeVisible();
  await expect(documents).toContainText('Receipt e-mail to grace@okafor.example: queued, waiting to sync');

  await page.keyboard.press('Alt+8');
  const waiting = page.getByRole('region', { name: 'Waiting to sync' });
  await expect(waiting).toContainText(`Receipt e-mail to grace@okafor.example`);
});

test('a receipt cannot be e-mailed to a walk-in customer, and says why', async ({ page }) => {
  await loadDemo(page, { as: 'seller' });
  const item = await catalogItem(page, 'mug');
  await page.keyboard.press('Alt+1');
  await addToCart(page, item.barcode);
  await page.getByRole('button', { name: 'Checkout' }).click();
  await page.getByRole('button', { name: 'Continue to payment' }).click();
  const payment = page.getByRole('form', { name: 'Payment' });
  await payment.getByLabel('Cash', { exact: true }).check();
  await payment.getByLabel('Cash given').fill('100');
  await payment.getByRole('button', { name: 'Take payment' }).click();
  const email = page.getByRole('button', { name: 'E-mail receipt' });
  await expect(email).toBeDisabled();
  await expect(email).toHaveAccessibleDescription(/has no e-mail address; add one to the customer/);
  await page.getByRole('button', { name: 'Save receipt as PDF' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'choose “Save as PDF”' })).toBeVisible();
});
