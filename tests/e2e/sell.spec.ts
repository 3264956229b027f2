// A counter sale as a seller makes it: scan items, fix quantities, check out, split the payment
// between cash and card, print the receipt and hand the order to the packers.
import { expect, test } from '@playwright/test';
import { catalogItem, loadDemo } from './support';

test('a counter sale: scan, quantities, split payment, receipt, handed to packing', async ({ page }) => {
  await loadDemo(page);
  const item = await catalogItem(page, 'mug');
  await page.keyboard.press('Alt+1');
  await expect(page.getByRole('heading', { name: 'Sell', level: 1 })).toBeVisible();
  await expect(page.getByText('Ready for a new sale')).toBeVisible();

  const add = page.getByLabel('Add item');
  // A mistyped barcode is refused plainly and nothing is added.
  await add.fill(item.barcode.slice(0, 12) + String((Number(item.barcode[12]) + 1) % 10));
  await add.press('Enter');
  await expect(page.getByRole('alert')).toContainText('check digit');
  await expect(page.getByText('Ready for a new sale')).toBeVisible();

  // Scanned twice: one line, quantity 2.
  await add.fill(item.barcode);
  await add.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: `Added` })).toContainText(item.sku);
  await add.fill(item.barcode);
  await add.press('Enter');
  const cart = page.getByRole('table', { name: 'Cart' });
  const quantity = cart.getByRole('textbox', { name: /^Quantity of / });
  await expect(quantity).toHaveValue('2');

  // Absurd quantities are refused with a reason and change nothing.
  for (const [typed, reason] of [
    ['-1', 'at least 1'],
    ['1000000', 'not believable'],
    ['1.5', 'whole number'],
  ] as const) {
    await quantity.fill(typed);
    await quantity.press('Enter');
    await expect(cart.getByRole('alert')).toContainText(reason);
  }
  await quantity.fill('3');
  await quantity.press('Enter');
  await expect(quantity).toHaveValue('3');
  // Enter and the change event that follows it set the quantity once, with no refusal shown.
  await expect(page.getByRole('alert')).toHaveCount(0);
  await page.screenshot({ path: 'screenshots/10-sell-cart.png' });

  await page.getByRole('button', { name: 'Checkout' }).click();
  // No customer: collected at the counter, so no shipping to choose.
  await expect(page.getByText('Collect at the counter: no shipping fee.')).toBeVisible();
  await page.getByRole('button', { name: 'Continue to payment' }).click();
  const payment = page.getByRole('form', { name: 'Payment' });
  await expect(payment).toBeVisible();
  // Part in cash, with change.
  await payment.getByLabel('Cash', { exact: true }).check();
  await payment.getByLabel('Amount to take').fill('5.00');
  await payment.getByLabel('Cash given').fill('10');
  await expect(payment.getByRole('status')).toContainText('Change due: £5.00');
  await payment.getByRole('button', { name: 'Take payment' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Payment of £5.00 recorded' })).toBeVisible();
  await expect(payment.getByText(/£5\.00 paid/)).toBeVisible();

  // The rest by card: a full card number is refused, only the last four digits are kept.
  await payment.getByLabel('Card (terminal)').check();
  await payment.getByLabel('Terminal reference').fill('4242 4242 4242 4242');
  await payment.getByRole('button', { name: 'Take payment' }).click();
  await expect(page.getByRole('alert')).toContainText('full card number');
  await payment.getByLabel('Terminal reference').fill('TID-88231');
  await payment.getByLabel('Card last four digits').fill('4242');
  await page.screenshot({ path: 'screenshots/11-sell-payment.png' });
  await payment.getByRole('button', { name: 'Take payment' }).click();

  const receipt = page.getByRole('article', { name: /^Receipt for order D1-\d{6}$/ });
  await expect(receipt).toBeVisible();
  await expect(receipt.getByRole('img', { name: /^Order barcode D1-\d{6}$/ })).toBeVisible();
  await expect(receipt).toContainText('•••• 4242');
  await expect(receipt).not.toContainText('4242 4242');
  await page.screenshot({ path: 'screenshots/12-sell-receipt.png' });
  const number = (await receipt.getAttribute('aria-label'))!.replace('Receipt for order ', '');

  await page.getByRole('button', { name: 'Finish sale' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Sale complete' })).toBeVisible();
  await page.getByRole('button', { name: 'Open in Orders' }).click();
  await expect(page.getByRole('heading', { name: `Order ${number}` })).toBeVisible();
  const history = page.getByRole('list', { name: 'History' });
  await expect(
    history.getByRole('listitem').filter({ hasText: 'Payment taken: £5.00 by cash' }),
  ).toBeVisible();
  await expect(history.getByRole('listitem').filter({ hasText: 'Stock reserved' })).toBeVisible();
});

test('a cart can be held and resumed later, with its customer', async ({ page }) => {
  await loadDemo(page);
  const item = await catalogItem(page, 'tee');
  await page.keyboard.press('Alt+1');
  const customerPanel = page.getByRole('region', { name: 'Customer' });
  await customerPanel.getByRole('combobox', { name: 'Find customer' }).fill('Steinecke');
  await customerPanel.getByRole('option').filter({ hasText: 'Germany' }).first().click();
  await expect(customerPanel).toContainText('Bianka Steinecke');
  await page.getByLabel('Add item').fill(item.sku.toLowerCase());
  await page.getByLabel('Add item').press('Enter');
  await expect(page.getByRole('table', { name: 'Cart' })).toContainText(item.sku);
  const number = (await page.locator('header .mono').textContent())!.trim();
  await page.getByRole('button', { name: 'New sale' }).first().click();
  await expect(page.getByText('Ready for a new sale')).toBeVisible();
  await expect(customerPanel.getByRole('combobox', { name: 'Find customer' })).toBeVisible();
  await page.getByRole('button', { name: new RegExp(`^${number}`) }).click();
  await expect(page.getByRole('table', { name: 'Cart' })).toContainText(item.sku);
  await expect(customerPanel).toContainText('Bianka Steinecke');
  await expect(
    customerPanel.getByRole('group', { name: 'Deliver to' }).getByRole('radio', { name: /Germany/ }),
  ).toBeChecked();
});

test('a phone order for a customer in Germany: shipping, promo code, gift wrap, split payment', async ({
  page,
}) => {
  await loadDemo(page);
  const item = await catalogItem(page, 'mug');
  await page.keyboard.press('Alt+1');
  await expect(page.getByRole('heading', { name: 'Sell', level: 1 })).toBeVisible();

  // The caller gives their surname; the demo customer lives in Germany.
  const customerPanel = page.getByRole('region', { name: 'Customer' });
  await customerPanel.getByRole('combobox', { name: 'Find customer' }).fill('Steinecke');
  const match = customerPanel.getByRole('option').filter({ hasText: 'Germany' });
  await match.first().click();
  await expect(customerPanel).toContainText('Bianka Steinecke');
  const deliverTo = customerPanel.getByRole('group', { name: 'Deliver to' });
  await expect(deliverTo.getByRole('radio', { name: /Germany/ }).first()).toBeChecked();

  // Two of them, comfortably above the WELCOME10 minimum spend of £20.
  const add = page.getByLabel('Add item');
  for (let i = 0; i < 2; i++) {
    await add.fill(item.barcode);
    await add.press('Enter');
  }
  await expect(
    page.getByRole('table', { name: 'Cart' }).getByRole('textbox', { name: /^Quantity of / }),
  ).toHaveValue('2');
  await page.getByRole('button', { name: 'Checkout' }).click();

  // Shipping is priced for Germany: every method shows a fee and its expected dates.
  const methods = page.getByRole('radiogroup', { name: 'Shipping' });
  await expect(methods.getByRole('radio').first()).toBeChecked();
  await expect(methods).toContainText('delivery');
  const totalsList = page.getByLabel('Checkout totals');
  await expect(totalsList).toContainText('Shipping (');
  // Goods sent from the UK to Germany are zero-rated exports: the tax line says so.
  await expect(totalsList).toContainText('Export (zero-rated) 0%');
  const before = (await totalsList.textContent())!;

  // An expired code is refused with its reason and changes nothing.
  await page.getByRole('textbox', { name: 'Promo code' }).fill('spring5');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByRole('alert')).toContainText('Code SPRING5 expired on');
  await expect(totalsList).toHaveText(before);
  await page.getByRole('textbox', { name: 'Promo code' }).fill('WELCOME10');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'WELCOME10' })).toContainText('−£');
  await expect(totalsList).toContainText('Promo WELCOME10');

  await page.getByRole('checkbox', { name: 'Gift wrap' }).check();
  await page.getByLabel('Gift message').fill('Happy birthday, Oma!');
  await page.screenshot({ path: 'screenshots/13-sell-checkout-abroad.png' });
  const total = (await totalsList.getByRole('definition').last().textContent())!.trim();
  await page.getByRole('button', { name: 'Continue to payment' }).click();

  // Split: £10 by card now, the rest later.
  const payment = page.getByRole('form', { name: 'Payment' });
  await expect(payment).toContainText(`Due now: ${total}`);
  await payment.getByLabel('Card (terminal)').check();
  await payment.getByLabel('Amount to take').fill('10.00');
  await payment.getByLabel('Terminal reference').fill('TID-1001');
  await payment.getByLabel('Card last four digits').fill('1234');
  await payment.getByRole('button', { name: 'Take payment' }).click();
  await expect(payment.getByText(/£10\.00 paid/)).toBeVisible();
  // An invoice is for business customers only; she pays the rest on delivery.
  await payment.getByLabel('Invoice / PO').check();
  await payment.getByRole('button', { name: 'Take payment' }).click();
  await expect(payment.getByRole('alert')).toContainText('for business customers');
  await payment.getByLabel('Cash on delivery').check();
  await payment.getByRole('button', { name: 'Take payment' }).click();

  const receipt = page.getByRole('article', { name: /^Receipt for order D1-\d{6}$/ });
  await expect(receipt).toBeVisible();
  await expect(receipt.getByRole('table', { name: 'Receipt totals' })).toContainText('Promo WELCOME10');
  await expect(receipt.getByRole('table', { name: 'Receipt totals' })).toContainText(total);
  await expect(receipt).toContainText('VAT 0%: zero-rated export');
  await expect(receipt).toContainText('Ref TID-1001');
  await expect(receipt).toContainText('Gift wrapped');
  await expect(receipt).toContainText('Happy birthday, Oma!');
  await expect(receipt).toContainText('Dispatch by');
  await expect(receipt).toContainText('Expected delivery');
  await expect(receipt).toContainText('Bianka Steinecke');
  await page.screenshot({ path: 'screenshots/14-sell-receipt-abroad.png' });
});

test('a new customer is created inside the sale and their address prices shipping', async ({ page }) => {
  await loadDemo(page);
  const item = await catalogItem(page, 'mug');
  await page.keyboard.press('Alt+1');
  const customerPanel = page.getByRole('region', { name: 'Customer' });
  await customerPanel.getByRole('button', { name: 'New customer' }).click();
  const form = customerPanel.getByRole('form', { name: 'New customer' });
  await form.getByLabel('Name', { exact: true }).fill('Camille Laurent');
  await form.getByLabel('Phone', { exact: true }).fill('+33 1 42 68 53 00');
  await form.getByLabel('How did you hear about us?').selectOption({ label: 'Word of mouth / a friend' });
  const address = form.getByRole('group', { name: 'Shipping address' });
  await address.getByLabel('Country').selectOption('FR');
  await address.getByLabel('Address line 1').fill('12 rue de Rivoli');
  await address.getByLabel('Postcode').fill('75004');
  await address.getByLabel('City').fill('Paris');
  await form.getByRole('button', { name: 'Create customer' }).click();
  await expect(customerPanel).toContainText('Camille Laurent');
  await expect(
    customerPanel.getByRole('group', { name: 'Deliver to' }).getByRole('radio', { name: /Paris/ }),
  ).toBeChecked();

  await page.getByLabel('Add item').fill(item.barcode);
  await page.getByLabel('Add item').press('Enter');
  await page.getByRole('button', { name: 'Checkout' }).click();
  await expect(page.getByRole('radiogroup', { name: 'Shipping' }).getByRole('radio').first()).toBeChecked();
  await expect(page.getByLabel('Checkout totals')).toContainText('Shipping (');

  // Collecting instead takes shipping off.
  await customerPanel.getByRole('radio', { name: 'Collect at the counter' }).check();
  await expect(page.getByText('Collect at the counter: no shipping fee.')).toBeVisible();
  await expect(page.getByLabel('Checkout totals')).toContainText('Collect');
  await page.getByRole('button', { name: 'Continue to payment' }).click();
  await expect(page.getByRole('form', { name: 'Payment' })).toBeVisible();
  await expect(page.getByText('For Camille Laurent · collect at the counter')).toBeVisible();
});
