// Retention money at the till, as a seller and an owner use it: a gift card sold over the counter
// prints its code on the receipt and pays for the next sale; the owner turns loyalty points on, a
// customer earns points on one sale and spends them on the next, and their card shows the balance.
import { expect, test, type Page } from '@playwright/test';
import { catalogItem, loadDemo } from './support';

const shot = (page: Page, name: string) => page.screenshot({ path: `screenshots/balances-${name}.png` });

async function scanIntoCart(page: Page, barcode: string) {
  const add = page.getByLabel('Add item');
  await add.fill(barcode);
  await add.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Added' })).toBeVisible();
}

async function toPayment(page: Page) {
  await page.getByRole('button', { name: 'Checkout' }).click();
  await page.getByRole('button', { name: 'Continue to payment' }).click();
  await expect(page.getByRole('form', { name: 'Payment' })).toBeVisible();
}

async function payByCard(page: Page) {
  const payment = page.getByRole('form', { name: 'Payment' });
  await payment.getByLabel('Card (terminal)').check();
  await payment.getByLabel('Terminal reference').fill('TID-88231');
  await payment.getByLabel('Card last four digits').fill('4242');
  await payment.getByRole('button', { name: 'Take payment' }).click();
}

test('a gift card sold at the counter prints its code and pays for the next sale', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await loadDemo(page);
  const mug = await catalogItem(page, 'mug');
  await page.keyboard.press('Alt+1');
  await expect(page.getByText('Ready for a new sale')).toBeVisible();

  const giftCard = page.getByRole('form', { name: 'Sell a gift card' });
  await giftCard.getByLabel('Gift card value').fill('twenty');
  await giftCard.getByRole('button', { name: 'Add gift card' }).click();
  await expect(page.getByRole('alert')).toContainText('Gift card value');
  await giftCard.getByLabel('Gift card value').fill('50');
  await giftCard.getByRole('button', { name: 'Add gift card' }).click();
  await expect(page.getByRole('table', { name: 'Cart' })).toContainText('Gift card');
  await toPayment(page);
  await payByCard(page);

  const receipt = page.getByRole('article', { name: /^Receipt for order D1-\d{6}$/ });
  const cards = receipt.getByRole('table', { name: 'Gift cards and points' });
  const sold = cards.getByRole('row', { name: /^Gift card [A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4} £50\.00$/ });
  await expect(sold).toBeVisible();
  const code = (await sold.textContent())!.match(/[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}/)![0];
  await shot(page, '01-gift-card-sold');
  await page.getByRole('button', { name: 'Finish sale' }).click();
  await page.getByRole('button', { name: 'New sale' }).first().click();
  await expect(page.getByText('Ready for a new sale')).toBeVisible();

  // The next customer pays with the card: the balance is read on this desk.
  await scanIntoCart(page, mug.barcode);
  await toPayment(page);
  const balance = page.getByRole('form', { name: 'Gift card, credit or points' });
  await balance.getByLabel('Gift card code').fill('AAAA-BBBB-CCCC');
  await balance.getByRole('button', { name: 'Check balance' }).click();
  await expect(balance.getByRole('alert')).toHaveText('Gift card holds nothing to pay with');
  await balance.getByLabel('Gift card code').fill(code.toLowerCase().replaceAll('-', ' '));
  await balance.getByRole('button', { name: 'Check balance' }).click();
  await expect(balance.getByRole('status')).toContainText('Gift card balance: £50.00');
  await shot(page, '02-gift-card-balance');
  await balance.getByRole('button', { name: 'Pay with gift card' }).click();
  // The mug costs more than the card holds: the card pays what it holds, the terminal the rest.
  await expect(page.getByRole('status').filter({ hasText: 'Payment of £50.00 recorded' })).toBeVisible();
  await balance.getByLabel('Gift card code').fill(code);
  await balance.getByRole('button', { name: 'Check balance' }).click();
  await expect(balance.getByRole('status')).toContainText('Gift card balance: £0.00');
  await shot(page, '03-gift-card-spent');
  await payByCard(page);

  const paidReceipt = page.getByRole('article', { name: /^Receipt for order D1-\d{6}$/ });
  const lines = paidReceipt.getByRole('table', { name: 'Gift cards and points' });
  await expect(
    lines.getByRole('row', { name: `Gift card ••••-••••-${code.slice(-4)} used £50.00` }),
  ).toBeVisible();
  await expect(
    lines.getByRole('row', { name: `Gift card ••••-••••-${code.slice(-4)} balance £0.00` }),
  ).toBeVisible();
  await expect(paidReceipt).not.toContainText(code);
  await shot(page, '04-paid-with-gift-card');
  expect(errors).toEqual([]);
});

test('a customer earns points on one sale and spends them on the next', async ({ page }) => {
  await loadDemo(page, { as: 'owner' });
  const mug = await catalogItem(page, 'mug');

  // The owner turns points on: 100 points per pound, a point worth a penny.
  await page.keyboard.press('Alt+8');
  const loyalty = page.getByRole('form', { name: 'Loyalty points' });
  await loyalty.getByLabel('Customers earn points').check();
  await loyalty.getByLabel(/Points per unit spent/).fill('1.5');
  await loyalty.getByRole('button', { name: 'Save loyalty rules' }).click();
  await expect(loyalty.getByRole('alert')).toContainText('Points per unit spent');
  await loyalty.getByLabel(/Points per unit spent/).fill('100');
  await loyalty.getByRole('button', { name: 'Save loyalty rules' }).click();
  await expect(loyalty.getByRole('status')).toContainText('Customers earn 100 points per unit spent');
  await shot(page, '05-loyalty-settings');

  const sale = async () => {
    await page.keyboard.press('Alt+1');
    const customerPanel = page.getByRole('region', { name: 'Customer' });
    await customerPanel.getByRole('combobox', { name: 'Find customer' }).fill('Steinecke');
    await customerPanel.getByRole('option').filter({ hasText: 'Germany' }).first().click();
    await expect(customerPanel).toContainText('Bianka Steinecke');
    await customerPanel.getByRole('radio', { name: 'Collect at the counter' }).check();
    await scanIntoCart(page, mug.barcode);
    await toPayment(page);
  };

  await sale();
  await payByCard(page);
  const receipt = page.getByRole('article', { name: /^Receipt for order D1-\d{6}$/ });
  const earnedRow = receipt.getByRole('row', { name: /^Points earned [\d,]+ points$/ });
  await expect(earnedRow).toBeVisible();
  const earned = Number((await earnedRow.textContent())!.replace(/\D/g, ''));
  expect(earned).toBeGreaterThan(0);
  const firstNumber = (await receipt.getAttribute('aria-label'))!.replace('Receipt for order ', '');
  await expect(receipt.getByRole('row', { name: /^Loyalty points balance/ })).toContainText(
    `${earned.toLocaleString('en-GB')} points`,
  );
  await page.getByRole('button', { name: 'Finish sale' }).click();
  await page.getByRole('button', { name: 'New sale' }).first().click();

  // The next sale: points pay part of it, the card the rest.
  await sale();
  const balance = page.getByRole('form', { name: 'Gift card, credit or points' });
  await balance.getByLabel('Points').check();
  await balance.getByLabel('Amount from balance').fill('2.00');
  await balance.getByRole('button', { name: 'Check balance' }).click();
  await expect(balance.getByRole('status')).toContainText(`${earned.toLocaleString('en-GB')} points`);
  await balance.getByRole('button', { name: 'Pay with points' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Payment of £2.00 recorded' })).toBeVisible();
  await shot(page, '06-paid-with-points');
  await payByCard(page);
  const second = page.getByRole('article', { name: /^Receipt for order D1-\d{6}$/ });
  await expect(second.getByRole('row', { name: /^Loyalty points used 200 points$/ })).toBeVisible();

  // Her card in Customers shows what is left.
  await page.getByRole('button', { name: 'Finish sale' }).click();
  await page.keyboard.press('Alt+6');
  await page.getByLabel('Search customers').fill('Steinecke');
  await page
    .getByRole('listbox', { name: 'Customers matching Steinecke' })
    .getByRole('option', { name: /^Bianka Steinecke/ })
    .first()
    .click();
  const points = page.getByRole('region', { name: 'Points and store credit' });
  await expect(points).toContainText('Loyalty points');
  await expect(points).not.toContainText('Reading balances');
  await shot(page, '07-customer-points');

  // The first sale is refunded in full: the points it earned are taken back, and the refund says so.
  await page.keyboard.press('Alt+2');
  await page.getByRole('group', { name: 'Filter by status' }).getByRole('button', { name: /^All/ }).click();
  await page.getByLabel('Search orders').fill(firstNumber);
  await page.getByLabel('Search orders').press('Enter');
  await expect(page.getByRole('heading', { name: `Order ${firstNumber}` })).toBeVisible();
  const actions = page.getByRole('region', { name: 'After the sale' });
  await actions.getByRole('button', { name: 'Refund' }).click();
  const refund = page.getByRole('form', { name: 'Refund' });
  await expect(refund).toContainText(
    `Points: ${earned.toLocaleString('en-GB')} points earned on this order will be taken back.`,
  );
  await refund.getByLabel('Reason for the refund').fill('Changed her mind');
  await refund.getByRole('button', { name: 'Refund' }).click();
  await expect(actions.getByRole('status')).toContainText(
    `Points: ${earned.toLocaleString('en-GB')} points earned on this order were taken back.`,
  );
  await shot(page, '08-refund-takes-points-back');
});

test('refunding a gift card sale takes the card back, and refuses to pay back what was spent', async ({
  page,
}) => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await loadDemo(page, { as: 'owner' });
  const mug = await catalogItem(page, 'mug');
  await page.keyboard.press('Alt+1');
  await expect(page.getByText('Ready for a new sale')).toBeVisible();

  // A £30.00 card sold over the counter.
  const giftCard = page.getByRole('form', { name: 'Sell a gift card' });
  await giftCard.getByLabel('Gift card value').fill('30');
  await giftCard.getByRole('button', { name: 'Add gift card' }).click();
  await toPayment(page);
  await payByCard(page);
  const receipt = page.getByRole('article', { name: /^Receipt for order D1-\d{6}$/ });
  const sold = receipt.getByRole('row', { name: /^Gift card [A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4} £30\.00$/ });
  const code = (await sold.textContent())!.match(/[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}/)![0];
  const masked = `Gift card ••••-••••-${code.slice(-4)}`;
  const cardOrder = (await receipt.getAttribute('aria-label'))!.replace('Receipt for order ', '');
  await page.getByRole('button', { name: 'Finish sale' }).click();
  await page.getByRole('button', { name: 'New sale' }).first().click();

  // £8.00 of it is spent on a mug.
  await scanIntoCart(page, mug.barcode);
  await toPayment(page);
  const balance = page.getByRole('form', { name: 'Gift card, credit or points' });
  await balance.getByLabel('Gift card code').fill(code);
  await balance.getByLabel('Amount from balance').fill('8.00');
  await balance.getByRole('button', { name: 'Check balance' }).click();
  await expect(balance.getByRole('status')).toContainText('Gift card balance: £30.00');
  await balance.getByRole('button', { name: 'Pay with gift card' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Payment of £8.00 recorded' })).toBeVisible();
  await payByCard(page);
  await page.getByRole('button', { name: 'Finish sale' }).click();

  // The card's sale is refunded: all £30.00 would pay back the £8.00 spent, so it is refused.
  await page.keyboard.press('Alt+2');
  await page.getByRole('group', { name: 'Filter by status' }).getByRole('button', { name: /^All/ }).click();
  await page.getByLabel('Search orders').fill(cardOrder);
  await page.getByLabel('Search orders').press('Enter');
  await expect(page.getByRole('heading', { name: `Order ${cardOrder}` })).toBeVisible();
  const actions = page.getByRole('region', { name: 'After the sale' });
  await actions.getByRole('button', { name: 'Refund' }).click();
  const refund = page.getByRole('form', { name: 'Refund' });
  await refund.getByLabel(/Amount to refund/).fill('30.00');
  const refusal =
    `£8.00 of the gift card value sold on this order has already been spent (${masked} holds £22.00 of its £30.00), ` +
    'and spent value cannot be paid back: refund at most £22.00';
  await expect(refund.getByRole('status')).toHaveText(refusal);
  await refund.getByLabel('Reason for the refund').fill('Card not wanted');
  await refund.getByRole('button', { name: 'Refund' }).click();
  await expect(actions.getByRole('alert')).toContainText(refusal);
  await shot(page, '09-gift-card-refund-refused');

  // What is left on the card is refunded, and taken off the card.
  await refund.getByLabel(/Amount to refund/).fill('22.00');
  await expect(refund).toContainText(
    `Gift cards: £22.00 will be taken off ${masked}, so it cannot be spent.`,
  );
  await refund.getByRole('button', { name: 'Refund' }).click();
  await expect(actions.getByRole('status')).toContainText(
    `Gift cards: £22.00 was taken off ${masked}, so it cannot be spent.`,
  );
  await shot(page, '10-gift-card-refunded');

  // At the till the card holds nothing.
  await page.keyboard.press('Alt+1');
  await scanIntoCart(page, mug.barcode);
  await toPayment(page);
  await balance.getByLabel('Gift card code').fill(code);
  await balance.getByRole('button', { name: 'Check balance' }).click();
  await expect(balance.getByRole('status')).toContainText('Gift card balance: £0.00');
  expect(errors).toEqual([]);
});
