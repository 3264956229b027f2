// Running one's own store from empty: a product with two variants made by keyboard in the Catalog,
// sold, repriced (the next cart gets the new price); a tax rate and a shipping rule added in
// Settings price a checkout; a promo code made in Settings works at checkout and expires on its
// date in the store's time zone. Screens land in screenshots/.
import { expect, test, type Page } from '@playwright/test';
import { loadDemo, startEmpty } from './support';

const shot = (page: Page, name: string) => page.screenshot({ path: `screenshots/store-${name}.png` });

/** Creates "Harbour Mug" (Colour: Blue £12.00, Red £12.00) through the Catalog's editor, keys only. */
async function createMug(page: Page, { screenshots = false } = {}) {
  await page.keyboard.press('Alt+5');
  await expect(page.getByRole('heading', { name: 'Catalog', level: 1 })).toBeVisible();
  await page.keyboard.press('Alt+n');
  const dialog = page.getByRole('dialog', { name: 'New product' });
  await expect(dialog.getByLabel('Name', { exact: true })).toBeFocused();

  // Saved empty: every problem is a sentence under its field, and focus goes to the first.
  await page.keyboard.press('Enter');
  await expect(dialog.getByRole('alert')).toContainText('Not saved');
  await expect(dialog.getByText('Give the product a name')).toBeVisible();
  await expect(dialog.getByText('Enter a SKU, such as TSH-RED-M')).toBeVisible();
  await expect(dialog.getByLabel('Name', { exact: true })).toBeFocused();
  if (screenshots) await shot(page, '01-product-problems');

  await page.keyboard.type('Harbour Mug');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Kitchen');
  await page.keyboard.press('Tab'); // Brand
  await page.keyboard.press('Tab'); // Tax class stays standard
  await page.keyboard.press('Tab');
  await expect(dialog.getByLabel('Options the variants differ by')).toBeFocused();
  await page.keyboard.type('Colour');

  const first = dialog.getByRole('group', { name: 'Variant 1' });
  await first.getByLabel('Colour').focus();
  await page.keyboard.type('Blue');
  await page.keyboard.press('Tab');
  await page.keyboard.type('mug-blue');
  await page.keyboard.press('Tab');
  // A barcode typed wrong (bad check digit) is refused by name when saving; the in-store one is made.
  await page.keyboard.type('2600000000019');
  await page.keyboard.press('Enter'); // a scanner's Enter moves on to the price, it never saves
  await expect(first.getByLabel('Price (GBP)', { exact: true })).toBeFocused();
  await page.keyboard.type('12.00');
  await page.keyboard.press('Tab');
  await page.keyboard.type('4.10');
  await page.keyboard.press('Tab');
  await page.keyboard.type('350');
  await first.getByLabel('Bins').focus();
  await page.keyboard.type('A-03-2, C-11-1');

  await dialog.getByRole('button', { name: 'Add variant' }).focus();
  await page.keyboard.press('Enter');
  const second = dialog.getByRole('group', { name: 'Variant 2' });
  await expect(second.getByLabel('Colour')).toBeFocused();
  await page.keyboard.type('Red');
  await page.keyboard.press('Tab');
  await page.keyboard.type('MUG-BLUE'); // the same SKU as variant 1: refused
  await page.keyboard.press('Tab');
  await expect(second.getByLabel('Barcode')).toBeFocused();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter'); // New in-store barcode
  await expect(second.getByLabel('Barcode')).toHaveValue(/^26\d{11}$/);
  await second.getByLabel('SKU').focus();
  await page.keyboard.press('Enter');
  await expect(dialog.getByText('SKU MUG-BLUE is also given to variant 1')).toBeVisible();
  await expect(dialog.getByText('Barcode 2600000000019 has a wrong check digit (expected 7)')).toBeVisible();
  await expect(second.getByLabel('Price (GBP)', { exact: true })).toHaveValue('12.00');
  if (screenshots) await shot(page, '02-product-two-variants');

  await second.getByLabel('SKU').fill('');
  await second.getByLabel('SKU').focus();
  await page.keyboard.type('MUG-RED');
  await first.getByLabel('Barcode').focus();
  await page.keyboard.press('Control+a');
  await page.keyboard.type('2600000000026');
  await first.getByLabel('Barcode').press('Tab');
  await page.keyboard.press('Enter'); // New in-store barcode for variant 1 instead
  await expect(first.getByLabel('Barcode')).not.toHaveValue('2600000000026');
  await second.getByLabel('Reorder point').focus();
  await page.keyboard.type('5');
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: 'Harbour Mug is saved' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Variants of Harbour Mug' })).toContainText('MUG-RED');
}

async function sellOne(page: Page, sku: string) {
  await page.keyboard.press('Alt+1');
  await expect(page.getByRole('heading', { name: 'Sell', level: 1 })).toBeVisible();
  await page.getByLabel('Add item').fill(sku);
  await page.getByLabel('Add item').press('Enter');
  return page.getByRole('table', { name: 'Cart' });
}

test('from an empty store: a product with two variants made by keyboard is sold, repriced, and the next cart gets the new price', async ({
  page,
}) => {
  await startEmpty(page);
  await createMug(page, { screenshots: true });

  const cart = await sellOne(page, 'MUG-BLUE');
  await expect(cart).toContainText('Harbour Mug Blue');
  await expect(cart).toContainText('£12.00');
  await page.getByRole('button', { name: 'Checkout' }).click();
  await page.getByRole('button', { name: 'Continue to payment' }).click();
  const payment = page.getByRole('form', { name: 'Payment' });
  await payment.getByLabel('Cash', { exact: true }).check();
  await payment.getByLabel('Cash given').fill('20');
  await payment.getByRole('button', { name: 'Take payment' }).click();
  await expect(page.getByRole('article', { name: /^Receipt for order D1-\d{6}$/ })).toContainText('£12.00');
  await page.getByRole('button', { name: 'Finish sale' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Sale complete' })).toBeVisible();

  // A cart opened before the price changes keeps the price it was given.
  await sellOne(page, 'MUG-RED');
  await expect(page.getByRole('table', { name: 'Cart' })).toContainText('£12.00');
  await page.getByRole('button', { name: 'New sale' }).first().click();

  // The owner reprices the blue mug.
  await page.keyboard.press('Alt+5');
  await page.getByLabel('Search catalog').fill('MUG-BLUE');
  await page.getByLabel('Search catalog').press('Enter');
  await expect(page.getByRole('heading', { name: 'Harbour Mug', level: 2 })).toBeVisible();
  await page.getByRole('button', { name: 'Edit product' }).click();
  const dialog = page.getByRole('dialog', { name: 'Edit Harbour Mug' });
  const blue = dialog.getByRole('group', { name: 'Variant 1' });
  await expect(blue.getByLabel('SKU')).toHaveValue('MUG-BLUE');
  await blue.getByLabel('Price (GBP)', { exact: true }).fill('-3');
  await blue.getByLabel('Price (GBP)', { exact: true }).press('Enter');
  await expect(dialog.getByText('is negative; enter an amount of zero or more')).toBeVisible();
  await blue.getByLabel('Price (GBP)', { exact: true }).fill('15.00');
  await blue.getByLabel('Price (GBP)', { exact: true }).press('Enter');
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('table', { name: 'Variants of Harbour Mug' })).toContainText('£15.00');

  const next = await sellOne(page, 'MUG-BLUE');
  await expect(next).toContainText('£15.00');
  await shot(page, '03-next-cart-new-price');
  // The cart held before the change still has the red mug at £12.00.
  await page.getByRole('button', { name: /^D1-\d{6}.*£12\.00/ }).click();
  await expect(page.getByRole('table', { name: 'Cart' })).toContainText('Harbour Mug Red');
  await expect(page.getByRole('table', { name: 'Cart' })).toContainText('£12.00');
});

test('a tax rate, a shipping rule and a promo code made in Settings price a checkout; the code expires on its date in the store’s time zone', async ({
  page,
}) => {
  // 23:00 on 14 March 2026 in Auckland (UTC+13), 10:00 the same day in UTC.
  await page.clock.setFixedTime(new Date('2026-03-14T10:00:00Z'));
  await startEmpty(page);
  await createMug(page);
  await page.keyboard.press('Alt+8');

  const store = page.getByRole('form', { name: 'Store', exact: true });
  await store.getByLabel('Store name').fill('Harbour Goods');
  await store.getByLabel('VAT or tax number').fill('GB 123 4567 89');
  await store.getByLabel('Time zone').selectOption('Pacific/Auckland');
  await store.getByRole('button', { name: 'Save store settings' }).click();
  await expect(store.getByRole('status')).toContainText(
    'Store settings saved: Harbour Goods, GBP, Pacific/Auckland',
  );

  // A tax area without a rate for one of its countries is refused with a sentence.
  const tax = page.getByRole('form', { name: 'Tax rates' });
  await tax.getByLabel('Countries the store charges tax in').fill('GB, IM, AU');
  await tax.getByRole('button', { name: 'Save tax rates' }).click();
  await expect(tax.getByRole('alert')).toContainText('The tax area includes AU but there is no rate for it');
  await tax.getByRole('button', { name: 'Add tax rate' }).click();
  const rates = await tax.getByRole('row').count(); // the header row, then one per rate
  const last = rates - 1;
  await expect(tax.getByLabel(`Country, rate ${last}`)).toBeFocused();
  await page.keyboard.type('AU');
  await tax.getByLabel(`Tax name, rate ${last}`).fill('GST');
  await tax.getByLabel(`Standard %, rate ${last}`).fill('10');
  await tax.getByRole('button', { name: 'Save tax rates' }).click();
  await expect(tax.getByRole('status')).toContainText('Tax rates saved');

  const shipping = page.getByRole('form', { name: 'Shipping' });
  await shipping.getByRole('button', { name: 'Add zone' }).click();
  const zone = shipping.getByRole('group', { name: 'Zone 4' });
  await expect(zone.getByLabel('Zone name')).toBeFocused();
  await page.keyboard.type('Australia');
  await zone.getByLabel('Countries', { exact: true }).fill('AU');
  await shipping.getByRole('button', { name: 'Add shipping method' }).click();
  const method = shipping.getByRole('group', { name: 'Shipping method 6' });
  await expect(method.getByLabel('Method name')).toBeFocused();
  await page.keyboard.type('Aussie Parcel');
  await method.getByLabel('Carrier').selectOption('DPD');
  const price = method.getByRole('group', { name: 'Price 1 of Aussie Parcel' });
  await price.getByLabel('Zone').selectOption({ label: 'Australia' });
  await price.getByLabel('Fee', { exact: true }).fill('7.5O'); // a letter O for a zero: refused by name
  await shipping.getByRole('button', { name: 'Save shipping rules' }).click();
  await expect(shipping.getByRole('alert')).toContainText('Method 6, fee: "7.5O" is not an amount');
  await price.getByLabel('Fee', { exact: true }).fill('7.50');
  await shipping.getByRole('button', { name: 'Save shipping rules' }).click();
  await expect(shipping.getByRole('status')).toContainText('Shipping rules saved (6 methods in 4 zones)');
  await method.screenshot({ path: 'screenshots/store-04b-shipping-method.png' });
  await tax.screenshot({ path: 'screenshots/store-04a-tax-rates.png' });

  const promo = page.getByRole('form', { name: 'New promo code' });
  await promo.getByLabel('Code').fill('island10');
  await promo.getByLabel('Percent off').fill('10');
  await promo.getByLabel('Expires on').fill('2026-03-14');
  await promo.getByRole('button', { name: 'Add promo code' }).click();
  await expect(page.getByRole('list', { name: 'Promo codes' })).toContainText(
    'ISLAND10: 10% off, until 14 Mar 2026',
  );
  await shot(page, '04-settings-rules');

  // A phone order to Sydney.
  await page.keyboard.press('Alt+1');
  const customerPanel = page.getByRole('region', { name: 'Customer' });
  await customerPanel.getByRole('button', { name: 'New customer' }).click();
  const form = customerPanel.getByRole('form', { name: 'New customer' });
  await form.getByLabel('Name', { exact: true }).fill('Ada Lovelace');
  await form.getByLabel('Phone', { exact: true }).fill('+61 2 9374 4000');
  await form.getByLabel('How did you hear about us?').selectOption({ label: 'Word of mouth / a friend' });
  const address = form.getByRole('group', { name: 'Shipping address' });
  await address.getByLabel('Country').selectOption('AU');
  await address.getByLabel('Address line 1').fill('1 Macquarie Street');
  await address.getByLabel('Suburb / town').fill('Sydney');
  await address.getByLabel('State').selectOption('NSW');
  await address.getByLabel('Postcode').fill('2000');
  await form.getByRole('button', { name: 'Create customer' }).click();
  await expect(customerPanel).toContainText('Ada Lovelace');
  await page.getByLabel('Add item').fill('MUG-BLUE');
  await page.getByLabel('Add item').press('Enter');
  await page.getByRole('button', { name: 'Checkout' }).click();

  const methods = page.getByRole('radiogroup', { name: 'Shipping' });
  await expect(methods).toContainText('Aussie Parcel');
  await expect(methods).toContainText('£7.50');
  const totals = page.getByLabel('Checkout totals');
  await expect(totals).toContainText('GST 10%');
  await expect(totals).toContainText('£7.50');

  await page.getByRole('textbox', { name: 'Promo code' }).fill('Island10');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(totals).toContainText('Promo ISLAND10');
  await expect(totals).toContainText('−£1.20');
  await shot(page, '05-checkout-priced-by-settings');

  // 00:30 on the 15th in Auckland, still the 14th in UTC: the code expired at the store's midnight.
  await page.clock.setFixedTime(new Date('2026-03-14T11:30:00Z'));
  await page.getByRole('textbox', { name: 'Promo code' }).fill('ISLAND10');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByRole('alert')).toContainText('Code ISLAND10 expired on 14 March 2026');
  await expect(totals).not.toContainText('ISLAND10');
});

test('a seller is told the catalogue is for managers and owners, and Alt+N opens nothing', async ({
  page,
}) => {
  await loadDemo(page, { as: 'seller' });
  await page.keyboard.press('Alt+5');
  // Said by the editor and again by the import panel beside it: the editor's own notice.
  await expect(
    page
      .getByRole('paragraph')
      .filter({ hasText: 'A seller cannot edit the catalog; ask a manager or owner' }),
  ).toBeVisible();
  await expect(page.getByRole('button', { name: 'New product' })).toHaveCount(0);
  await page.keyboard.press('Alt+n');
  await expect(page.getByRole('dialog', { name: 'New product' })).toHaveCount(0);
});
