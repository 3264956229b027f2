// Selling without friction: a phone order for a new customer abroad taken by keyboard alone
// (keys reach every control; focus follows each step), a part-paid sale that survives a reload
// and a held cart, and an invoice sale that stays owed until its payment is recorded.
import { expect, test, type Page } from '@playwright/test';
import { catalogItem, catalogItemByKeyboard, loadDemo, loadDemoByKeyboard, scan, tabTo } from './support';

/** Focus is never dropped to the page: something that takes keys has it. */
async function expectFocusOnAControl(page: Page): Promise<void> {
  expect(await page.evaluate(() => document.activeElement?.tagName)).not.toBe('BODY');
}

test('a phone order for a new customer abroad, taken with the keyboard alone', async ({ page }) => {
  // No mouse from the first screen: the demo loaded, signed in and the item looked up by keys.
  await loadDemoByKeyboard(page, 'seller');
  const item = await catalogItemByKeyboard(page, 'mug');
  await page.keyboard.press('Alt+1');
  await expect(page.getByRole('heading', { name: 'Sell', level: 1 })).toBeVisible();
  const customerPanel = page.getByRole('region', { name: 'Customer' });
  const finder = customerPanel.getByRole('combobox', { name: 'Find customer' });
  await expect(finder).toBeFocused();

  // New customer → the first field of the form.
  await tabTo(page, customerPanel.getByRole('button', { name: 'New customer' }));
  await page.keyboard.press('Enter');
  const form = page.getByRole('form', { name: 'New customer' });
  const name = form.getByLabel('Name', { exact: true });
  await expect(name).toBeFocused();
  // A text expander's speed: 5 ms a key, every letter kept.
  await page.keyboard.type('Greta Lindqvist', { delay: 5 });
  await expect(name).toHaveValue('Greta Lindqvist');
  await tabTo(page, form.getByLabel('Phone'));
  await page.keyboard.type('+49 30 901820', { delay: 5 });
  await tabTo(page, form.getByLabel('E-mail'));
  await page.keyboard.type('greta@example.de', { delay: 5 });
  // A select picked by typing (type-ahead), and the form's Business checkbox left alone.
  const source = form.getByLabel('How did you hear about us?');
  await tabTo(page, source);
  await page.keyboard.type('Word');
  await expect(source).toHaveValue('word_of_mouth');
  const country = form.getByLabel('Country');
  await tabTo(page, country);
  await page.keyboard.type('Germany');
  await expect(country).toHaveValue('DE');
  await tabTo(page, form.getByLabel('Address line 1'));
  await page.keyboard.type('Wilhelm-Busch-Str. 9', { delay: 5 });
  // Digits typed at a person's pace: a burst of digits ending in Tab at scanner speed is a scan.
  await tabTo(page, form.getByLabel('Postcode'));
  await page.keyboard.type('10115', { delay: 60 });
  await tabTo(page, form.getByLabel('City'));
  await page.keyboard.type('Berlin', { delay: 5 });
  await expect(form.getByLabel('Postcode')).toHaveValue('10115');
  await tabTo(page, form.getByRole('button', { name: 'Create customer' }));
  await page.keyboard.press('Enter');

  // Created → the cart search.
  await expect(customerPanel).toContainText('Greta Lindqvist');
  const add = page.getByLabel('Add item');
  await expect(add).toBeFocused();
  await page.keyboard.type(item.sku.toLowerCase(), { delay: 40 });
  await page.keyboard.press('Enter');
  const cart = page.getByRole('table', { name: 'Cart' });
  await expect(cart).toContainText(item.sku);
  // A scan lands wherever focus is (here the quantity box) and never in the box itself.
  const quantity = cart.getByRole('textbox', { name: /^Quantity of / });
  await tabTo(page, quantity);
  await scan(page, item.barcode);
  await expect(quantity).toHaveValue('2');
  await expectFocusOnAControl(page);

  // Checkout → the shipping choice.
  await tabTo(page, page.getByRole('button', { name: 'Checkout' }));
  await page.keyboard.press('Enter');
  const methods = page.getByRole('radiogroup', { name: 'Shipping' });
  await expect(methods.getByRole('radio', { checked: true })).toBeFocused();
  // A checkbox ticked with Space.
  const wrap = page.getByRole('checkbox', { name: 'Gift wrap' });
  await tabTo(page, wrap);
  await page.keyboard.press('Space');
  await expect(wrap).toBeChecked();
  await tabTo(page, page.getByRole('button', { name: 'Continue to payment' }));
  await page.keyboard.press('Enter');

  // Payment → the method; part by card; then the rest to pay.
  const payment = page.getByRole('form', { name: 'Payment' });
  await expect(payment.getByRole('radio', { name: 'Card (terminal)' })).toBeFocused();
  await tabTo(page, payment.getByLabel('Amount to take'));
  await page.keyboard.type('10.00', { delay: 60 });
  await tabTo(page, payment.getByLabel('Terminal reference'));
  await page.keyboard.type('TID-88231', { delay: 60 });
  await tabTo(page, payment.getByLabel('Card last four digits'));
  await page.keyboard.type('4242', { delay: 60 });
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Payment of £10.00 recorded' })).toBeVisible();
  await expect(payment.getByLabel('Amount to take')).toBeFocused();
  // The rest in cash: Shift+Tab back to the method, arrows to Cash, cash given, change.
  await tabTo(page, payment.getByRole('radio', { name: 'Card (terminal)' }), true);
  await page.keyboard.press('ArrowRight');
  await expect(payment.getByRole('radio', { name: 'Cash', exact: true })).toBeChecked();
  await tabTo(page, payment.getByLabel('Cash given'));
  await page.keyboard.type('200', { delay: 60 });
  await expect(payment.getByRole('status')).toContainText('Change due');
  await page.keyboard.press('Enter');

  // Paid → Finish sale; the receipt names the terminal reference, the cash given and the change.
  const receipt = page.getByRole('article', { name: /^Receipt for order D1-\d{6}$/ });
  await expect(receipt).toBeVisible();
  await expect(receipt).toContainText('TID-88231');
  await expect(receipt).toContainText(/Cash given\s*£200\.00/);
  await expect(receipt).toContainText(/Change\s*£/);
  const finish = page.getByRole('button', { name: 'Finish sale' });
  await expect(finish).toBeFocused();
  await page.screenshot({ path: 'screenshots/40-sell-keyboard-receipt.png' });
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'the order is with the packers' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'New sale' }).last()).toBeFocused();
});

test('a part-paid sale comes back after a reload and after opening a held cart; Orders offers Take payment', async ({
  page,
}) => {
  await loadDemo(page);
  const item = await catalogItem(page, 'mug');
  await page.keyboard.press('Alt+1');
  const add = page.getByLabel('Add item');
  const cart = page.getByRole('table', { name: 'Cart' });
  const current = page.locator('header .mono');
  // A cart already held when the part-paid sale starts: the one opened later.
  await add.fill(item.sku);
  await add.press('Enter');
  await expect(cart).toContainText(item.sku);
  const held = (await current.textContent())!.trim();
  await page.getByRole('button', { name: 'New sale' }).first().click();
  // A new sale has no number until its first item.
  await expect(current).toHaveCount(0);

  await add.fill(item.sku);
  await add.press('Enter');
  await expect(cart).toContainText(item.sku);
  await page.getByRole('button', { name: 'Checkout' }).click();
  await page.getByRole('button', { name: 'Continue to payment' }).click();
  const payment = page.getByRole('form', { name: 'Payment' });
  await payment.getByLabel('Amount to take').fill('5.00');
  await payment.getByLabel('Terminal reference').fill('TID-5501');
  await payment.getByLabel('Card last four digits').fill('4242');
  await payment.getByRole('button', { name: 'Take payment' }).click();
  await expect(payment.getByText(/£5\.00 paid/)).toBeVisible();
  const number = (await current.textContent())!.trim();
  expect(number).not.toBe(held);

  // A reload mid-payment, then Sell opened afresh: the sale is back where it was.
  await page.reload();
  await page.keyboard.press('Alt+2');
  await page.keyboard.press('Alt+1');
  await expect(page.getByRole('form', { name: 'Payment' }).getByText(/£5\.00 paid/)).toBeVisible();

  // The cart held before is opened (the sale used to vanish from Sell here): it opens as the cart
  // it was, and the part-paid sale stays in Open sales, awaiting the rest, and reopens from there.
  const open = page.getByRole('list', { name: 'Open sales' });
  await open.getByRole('button', { name: new RegExp(`^${held}`) }).click();
  await expect(current).toHaveText(held);
  await expect(cart).toContainText(item.sku);
  await expect(page.getByRole('form', { name: 'Payment' })).toHaveCount(0);
  const paying = open.getByRole('button', { name: new RegExp(`^${number}`) });
  await expect(paying).toContainText('Awaiting payment');
  await expect(paying).toContainText(/to pay of/);
  await paying.click();
  await expect(current).toHaveText(number);
  await expect(page.getByRole('form', { name: 'Payment' }).getByText(/£5\.00 paid/)).toBeVisible();

  // The held cart can be deleted, with a reason.
  const heldCart = open.getByRole('listitem').filter({ hasText: held });
  await heldCart.getByRole('button', { name: `Delete cart ${held}` }).click();
  const confirm = page.getByRole('form', { name: /^Delete cart/ });
  await confirm.getByRole('button', { name: 'Delete cart' }).click();
  await expect(confirm.getByRole('alert')).toContainText('Say why');
  await confirm.getByLabel(/Why is cart/).fill('Customer changed their mind');
  await confirm.getByRole('button', { name: 'Delete cart' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Cart ${held} deleted` })).toBeVisible();

  // From Orders: Take payment opens the sale on Sell.
  await page.keyboard.press('Alt+2');
  await page.getByLabel('Search orders').fill(number);
  await page.getByLabel('Search orders').press('Enter');
  await page.getByRole('button', { name: 'Take payment' }).click();
  await expect(page.getByRole('heading', { name: 'Sell', level: 1 })).toBeVisible();
  await expect(page.getByRole('form', { name: 'Payment' }).getByText(/£5\.00 paid/)).toBeVisible();
});

test('an invoice sale stays owed until its payment is recorded, part by part', async ({ page }) => {
  await loadDemo(page);
  const item = await catalogItem(page, 'mug');
  await page.keyboard.press('Alt+1');
  const customerPanel = page.getByRole('region', { name: 'Customer' });
  await customerPanel.getByRole('button', { name: 'New customer' }).click();
  const form = page.getByRole('form', { name: 'New customer' });
  await form.getByLabel('Name', { exact: true }).fill('Kai Brandt');
  await form.getByLabel('Company').first().fill('Kaufhaus Nord GmbH');
  await form.getByLabel('Phone').fill('+44 117 4960123');
  await form.getByLabel('How did you hear about us?').selectOption('returning_customer');
  const business = form.getByRole('checkbox', { name: /Business customer/ });
  await business.focus();
  await page.keyboard.press('Space');
  await expect(business).toBeChecked();
  await form.getByLabel('Address line 1').fill('4 Quay Street');
  await form.getByLabel('Postcode').fill('BS1 4DB');
  await form.getByLabel('Town / city').fill('Bristol');
  await form.getByRole('button', { name: 'Create customer' }).click();
  await expect(customerPanel).toContainText('Kai Brandt');
  await page.getByLabel('Add item').fill(item.sku);
  await page.getByLabel('Add item').press('Enter');
  await expect(page.getByRole('table', { name: 'Cart' })).toContainText(item.sku);
  await page.getByRole('button', { name: 'Checkout' }).click();
  await page.getByRole('button', { name: 'Continue to payment' }).click();
  const payment = page.getByRole('form', { name: 'Payment' });
  await payment.getByLabel('Invoice / PO').check();
  await payment.getByLabel('Purchase order number').fill('PO-4471');
  await payment.getByRole('button', { name: 'Take payment' }).click();
  await expect(page.getByRole('heading', { name: 'On account: invoice' })).toBeVisible();
  await page.getByRole('button', { name: 'Finish sale' }).click();
  await page.getByRole('button', { name: 'Open in Orders' }).click();

  const record = page.getByRole('form', { name: 'Record payment' });
  await expect(record).toContainText('Unpaid (invoice)');
  const total = (await record.getByLabel('Amount received').getAttribute('placeholder'))!;
  await record.getByLabel('Amount received').fill('5.00');
  await record.getByLabel('Reference (optional)').fill('BACS 7781');
  await record.getByRole('button', { name: 'Record payment' }).click();
  await expect(record.getByRole('status')).toContainText('Payment of £5.00 recorded');
  await expect(record).toContainText('Part paid (invoice)');
  // Listed with everything owed on account across the store, and on the customer's statement.
  const number = (await page.getByRole('heading', { name: /^Order D1-/ }).textContent())!.replace(
    'Order ',
    '',
  );
  await page.getByRole('button', { name: 'Owed on account' }).click();
  const owed = page.getByRole('region', { name: 'Owed on account' });
  await expect(owed.getByRole('row').filter({ hasText: number })).toContainText('Part paid');
  await page.screenshot({ path: 'screenshots/41-orders-owed-on-account.png' });
  await page.getByRole('button', { name: 'Owed on account' }).click();
  // More than is owed is refused, and nothing changes.
  await record.getByLabel('Amount received').fill('100000');
  await record.getByRole('button', { name: 'Record payment' }).click();
  await expect(record.getByRole('alert')).toContainText('is owed');
  await record.getByLabel('Amount received').fill('');
  await record.getByRole('button', { name: 'Record payment' }).click();
  await expect(page.getByRole('form', { name: 'Record payment' })).toHaveCount(0);
  const history = page.getByRole('list', { name: 'History' });
  await expect(
    history.getByRole('listitem').filter({ hasText: 'Payment received: £5.00 by bank transfer' }),
  ).toBeVisible();
  expect(total).toMatch(/^£/);

  // Found again by the customer's phone number.
  await page.getByLabel('Search orders').fill('0117 496 0123');
  await expect(
    page.getByRole('option').or(page.getByRole('row')).filter({ hasText: 'Kai Brandt' }).first(),
  ).toBeVisible();
});

test('on Pack and Stock keys reach their controls while the scanner listens, and a scan typed into a field is taken back out', async ({
  page,
}) => {
  await loadDemo(page, { as: 'manager' });
  const item = await catalogItem(page, 'mug');
  // A scanner as slow as a typing robot: the gap setting raised so real keys typed by the test
  // count as scanner speed on any machine.
  await page.keyboard.press('Alt+8');
  const scanner = page.getByRole('form', { name: 'Scanner' });
  await scanner.getByLabel("Longest gap between a scan's keys (ms)").fill('200');
  await scanner.getByRole('button', { name: 'Save scanner settings' }).click();
  await expect(scanner.getByRole('status')).toContainText('Scanner settings saved');
  await page.screenshot({ path: 'screenshots/42-settings-scanner.png', fullPage: true });

  // Pack: a select in the queue's filters picked by typing.
  await page.keyboard.press('Alt+3');
  const channel = page.getByRole('group', { name: 'Arrange the queue' }).getByLabel('Channel');
  await channel.focus();
  await page.keyboard.type('co');
  await expect(channel).toHaveValue('counter');

  // Stock › Goods-in: a supplier typed at 5 ms a key is kept whole.
  await page.keyboard.press('Alt+9');
  await page.getByRole('tab', { name: 'Goods-in' }).click();
  const supplier = page.getByLabel('Supplier');
  await supplier.focus();
  await page.keyboard.type('Acme Ceramics', { delay: 5 });
  await expect(supplier).toHaveValue('Acme Ceramics');
  const reference = page.getByLabel('Delivery reference');
  await reference.fill('PO-1042');
  // A real scan burst into the focused reference field: it lands, is taken back out, and books.
  await page.keyboard.type(item.barcode);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: `+1 ${item.sku}` })).toBeVisible();
  await expect(reference).toHaveValue('PO-1042');
  await expect(supplier).toHaveValue('Acme Ceramics');
});
