// The cart beyond plain scans: label-scale barcodes (EAN-13 prefix 2) priced by the label or by
// weight, a misread label refused, clearing the cart with undo, line and order discounts, and
// browsing by category.
import { expect, test } from '@playwright/test';
import { withCheckDigit } from '$shared/barcodes';
import { DEMO_STAFF, catalogItem, loadDemo, scan } from './support';

test('a label-scale barcode adds the deli item at its weight or printed price; a misread changes nothing', async ({
  page,
}) => {
  await loadDemo(page, { as: 'seller' });
  await page.keyboard.press('Alt+1');
  await expect(page.getByRole('heading', { name: 'Sell', level: 1 })).toBeVisible();
  const add = page.getByLabel('Add item');
  const cart = page.getByRole('table', { name: 'Cart' });

  // 1.250 kg of cheddar at £18.00/kg.
  const cheddar = withCheckDigit('230004201250');
  const misread = cheddar.slice(0, 12) + String((Number(cheddar[12]) + 1) % 10);
  await add.focus();
  await scan(page, misread);
  await expect(page.getByRole('alert')).toContainText('check digit');
  await expect(page.getByText('Ready for a new sale')).toBeVisible();

  await add.focus();
  await scan(page, cheddar);
  await expect(page.getByRole('status').filter({ hasText: 'Added' })).toContainText(
    'Farmhouse Cheddar (per kg): 1.250 kg × £18.00/kg = £22.50',
  );
  await expect(cart.getByRole('row', { name: /Farmhouse Cheddar/ })).toContainText('£22.50');

  // A price label: the olives' printed £4.99, on a line of their own.
  await add.focus();
  await scan(page, withCheckDigit('210004300499'));
  await expect(cart.getByRole('row', { name: /Deli Olives/ })).toContainText('£4.99');
  // A second cheddar label is a second line at its own weight (0.500 kg = £9.00).
  await add.focus();
  await scan(page, withCheckDigit('230004200500'));
  await expect(cart.getByRole('row', { name: /Farmhouse Cheddar/ })).toHaveCount(2);
  await expect(cart.getByRole('row', { name: /0\.500 kg/ })).toContainText('£9.00');

  // A scale item the shop does not sell is named by its item code, and nothing is added.
  await add.focus();
  await scan(page, withCheckDigit('230009901250'));
  await expect(page.getByRole('alert')).toContainText('item code 00099');
  await expect(cart.getByRole('row', { name: /Farmhouse Cheddar|Deli Olives/ })).toHaveCount(3);
});

test('Clear cart empties it, Undo brings the same lines back, and the offer ends with the next change', async ({
  page,
}) => {
  await loadDemo(page, { as: 'seller' });
  const mug = await catalogItem(page, 'mug');
  await page.keyboard.press('Alt+1');
  await expect(page.getByText('Ready for a new sale')).toBeVisible();
  const add = page.getByLabel('Add item');
  const cart = page.getByRole('table', { name: 'Cart' });
  await add.focus();
  await scan(page, mug.barcode);
  await expect(cart.getByRole('textbox', { name: /^Quantity of / })).toHaveValue('1');
  await scan(page, mug.barcode);
  await scan(page, withCheckDigit('230004201250'));
  await expect(cart.getByRole('row', { name: /Farmhouse Cheddar/ })).toContainText('£22.50');
  await expect(cart.getByRole('textbox', { name: /^Quantity of / }).first()).toHaveValue('2');

  await page.getByRole('button', { name: 'Clear cart' }).click();
  await expect(page.getByText('The cart is empty')).toBeVisible();
  const cleared = page.getByRole('status').filter({ hasText: 'Cart cleared: 2 lines removed.' });
  await expect(cleared).toBeVisible();
  // Undo is an ordinary button: it takes focus and Enter presses it.
  await cleared.getByRole('button', { name: 'Undo' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Cart restored: 2 lines back' })).toBeVisible();
  await expect(cart.getByRole('textbox', { name: /^Quantity of / }).first()).toHaveValue('2');
  await expect(cart.getByRole('row', { name: /Farmhouse Cheddar/ })).toContainText('£22.50');

  // Alt+C clears again; a scan after it is the next change, so undo is no longer offered.
  await add.focus();
  await page.keyboard.press('Alt+c');
  await expect(page.getByText('The cart is empty')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Undo' })).toBeVisible();
  await scan(page, mug.barcode);
  await expect(cart.getByRole('textbox', { name: /^Quantity of / })).toHaveValue('1');
  await expect(page.getByRole('button', { name: 'Undo' })).toHaveCount(0);
  await page.keyboard.press('Alt+z');
  await expect(cart.getByRole('row')).toHaveCount(2);
});

test('a seller’s line discount waits for a manager’s PIN and checkout takes it off', async ({ page }) => {
  await loadDemo(page, { as: 'seller' });
  await page.keyboard.press('Alt+1');
  await page.getByLabel('Add item').focus();
  await scan(page, withCheckDigit('230004201250'));
  const cart = page.getByRole('table', { name: 'Cart' });
  const row = cart.getByRole('row', { name: /Farmhouse Cheddar/ });
  await expect(row).toContainText('£22.50');

  await row.getByRole('button', { name: /^Discount / }).click();
  const form = cart.getByRole('form', { name: /^Discount on / });
  await form.getByLabel(/^Discount/).fill('30');
  await form.getByLabel('Reason').fill('Cut from the end of the wheel');
  await form.getByRole('button', { name: 'Give discount' }).click();
  await expect(page.getByRole('alert')).toContainText('more than the £22.50');
  await form.getByLabel(/^Discount/).fill('10%');
  await form.getByRole('button', { name: 'Give discount' }).click();
  const approval = page.getByRole('dialog', { name: 'Manager approval' });
  await expect(approval).toContainText('10% (£2.25) off £22.50: Cut from the end of the wheel');
  await approval.getByLabel('Manager’s PIN').fill(DEMO_STAFF.manager.pin);
  await approval.getByRole('button', { name: 'Approve' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Discount changed' })).toBeVisible();
  await expect(row).toContainText('£20.25');
  await expect(row).toContainText('£2.25 off');

  await page.getByRole('button', { name: 'Checkout' }).click();
  const totals = page.getByRole('definition').filter({ hasText: '−£2.25' });
  await expect(totals).toBeVisible();
  await expect(page.getByLabel('Checkout totals')).toContainText('£20.25');
});

test('a manager gives a line and an order discount without being asked for a PIN; the receipt and invoice add up', async ({
  page,
}) => {
  await loadDemo(page, { as: 'manager' });
  await page.keyboard.press('Alt+1');
  await page.getByLabel('Add item').focus();
  await scan(page, withCheckDigit('210004300499'));
  const row = page.getByRole('table', { name: 'Cart' }).getByRole('row', { name: /Deli Olives/ });
  await row.getByRole('button', { name: /^Discount / }).click();
  const form = page.getByRole('form', { name: /^Discount on / });
  await form.getByLabel(/^Discount/).fill('0.99');
  await form.getByLabel('Reason').fill('Loyal customer');
  await form.getByLabel('Reason').press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Discount changed' })).toBeVisible();
  await expect(page.getByRole('dialog', { name: 'Manager approval' })).toHaveCount(0);
  await expect(row).toContainText('£4.00');

  // And 10% off the whole order, taken from what the items come to after the line's discount.
  await page.getByRole('button', { name: 'Order discount' }).click();
  const whole = page.getByRole('form', { name: 'Discount on the whole order' });
  await expect(whole.getByLabel(/^Order discount/)).toBeFocused();
  await whole.getByLabel(/^Order discount/).fill('10%');
  await whole.getByLabel('Reason').fill('Regular customer');
  await whole.getByRole('button', { name: 'Give order discount' }).click();
  await expect(page.getByText('Order discount: £0.40 off')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Cart total' }).locator('..')).toContainText('£3.60');
  await page.screenshot({ path: '/tmp/s-discounts.png' });
  await page.getByRole('button', { name: 'Checkout' }).click();
  // Each discount named once, as what it is: £0.99 + £0.40 = £1.39 off £4.99.
  const checkout = page.getByLabel('Checkout totals');
  await expect(checkout).toContainText(/Line discounts\s*−£0\.99/);
  await expect(checkout).toContainText(/Order discount\s*−£0\.40/);
  await expect(checkout).toContainText('£3.60');

  // Paid: the receipt and the invoice add up. The line is printed less its own discount (£4.00),
  // the subtotal is that line, and only the order discount comes off it: £4.00 − £0.40 = £3.60.
  await page.getByRole('button', { name: 'Continue to payment' }).click();
  const payment = page.getByRole('form', { name: 'Payment' });
  await payment.getByRole('radio', { name: 'Cash', exact: true }).check();
  await payment.getByLabel('Cash given').fill('5');
  await payment.getByRole('button', { name: 'Take payment' }).click();
  const receipt = page.getByRole('article', { name: /^Receipt for order D1-\d{6}$/ });
  const receiptTotals = receipt.getByRole('table', { name: 'Receipt totals' });
  await expect(receiptTotals).toContainText('Subtotal£4.00');
  await expect(receiptTotals).toContainText('Order discount−£0.40');
  await expect(receiptTotals).not.toContainText('Line discount');
  const number = (await receipt.getAttribute('aria-label'))!.replace('Receipt for order ', '');
  await page.getByRole('button', { name: 'Invoice (A4/Letter)…' }).click();
  const invoice = page
    .getByRole('dialog', { name: `Invoice ${number}` })
    .getByRole('article', { name: `Invoice for order ${number}` });
  const line = invoice.getByRole('table', { name: 'Invoice lines' }).getByRole('row').nth(1);
  await expect(line).toContainText('Line discount −£0.99');
  await expect(line.getByRole('cell').last()).toHaveText('£4.00');
  const totals = invoice.getByRole('table', { name: 'Invoice totals' });
  await expect(totals).toContainText('Subtotal£4.00');
  await expect(totals).toContainText('Order discount−£0.40');
  await expect(totals).toContainText('Total£3.60');
  await expect(totals).not.toContainText('Line discount');
});

test('a seller browses a category by keyboard and adds a product from it', async ({ page }) => {
  await loadDemo(page, { as: 'seller' });
  await page.keyboard.press('Alt+1');
  await page.getByRole('button', { name: 'Browse categories' }).press('Enter');
  const categories = page.getByRole('group', { name: 'Categories' });
  await expect(categories.getByRole('button').first()).toBeFocused();
  await categories.getByRole('button', { name: 'Deli' }).press('Enter');
  const deli = page.getByRole('group', { name: 'Products in Deli' });
  await expect(deli.getByRole('button').first()).toBeFocused();
  await expect(deli).toContainText('Farmhouse Cheddar (per kg)');
  await page.keyboard.press('Enter');
  const cart = page.getByRole('table', { name: 'Cart' });
  await expect(cart.getByRole('row', { name: /Deli Olives/ })).toContainText('£12.00');
  await deli.getByRole('button', { name: /^Add Smoked Ham/ }).press('Enter');
  await expect(cart.getByRole('row', { name: /Smoked Ham/ })).toContainText('£24.00');
  await page.screenshot({ path: '/tmp/s-browse.png' });
  await page.getByRole('group', { name: 'Categories' }).getByRole('button', { name: 'Deli' }).press('Escape');
  await expect(page.getByRole('region', { name: 'Browse by category' })).toHaveCount(0);
});
