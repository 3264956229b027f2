// The foundation, as a person uses it: first run loads the demo store, the catalog finds a
// product by name, SKU and barcode, an order opens with its history, shortcuts and the
// offline indicator work. Screens are saved under screenshots/ (git-ignored) for review.
import { expect, test, type Page } from '@playwright/test';
import { loadDemo, startEmpty } from './support';

const shot = (page: Page, name: string) =>
  page.screenshot({ path: `screenshots/${name}.png`, fullPage: false });

test('first run loads the demo store and the catalog finds products by name, SKU and barcode', async ({
  page,
}) => {
  await loadDemo(page, { beforeLoad: (page) => shot(page, '01-welcome') });
  await expect(page.getByText(/^5\d\d products$/)).toBeVisible();
  const products = page.getByRole('listbox', { name: 'Products' });
  await expect(products.getByRole('option').first()).not.toHaveAccessibleName('Loading…');
  await shot(page, '02-catalog');

  // By name: take a real product's first word from the list.
  const firstName = (await products.getByRole('option').first().getAttribute('aria-label'))!.split(',')[0]!;
  const search = page.getByLabel('Search catalog');
  await search.fill(firstName);
  const matches = page.getByRole('listbox', { name: `Products matching ${firstName}` });
  await expect(matches.getByRole('option', { name: new RegExp(`^${firstName}`) }).first()).toBeVisible();
  // A hit's variants are read as its row is drawn: the row still tells how many there are.
  await expect(matches.getByRole('option').first()).toContainText(/\d+ variants?/);

  // Open it with the keyboard, read a SKU and barcode off the detail.
  await search.press('ArrowDown');
  await expect(matches).toBeFocused();
  await page.keyboard.press('Enter');
  const variants = page.getByRole('table', { name: `Variants of ${firstName}` });
  await expect(variants).toBeVisible();
  await expect(page.getByRole('img', { name: /^Barcode \d{13} for / }).first()).toBeVisible();
  await shot(page, '03-product');
  const barcodeName = await page
    .getByRole('img', { name: /^Barcode \d{13} for / })
    .first()
    .getAttribute('aria-label');
  const [, barcode = '', sku = ''] = barcodeName!.match(/^Barcode (\d{13}) for (\S+)$/)!;
  await page.keyboard.press('Escape');
  await expect(variants).toBeHidden();

  // By SKU, typed in lower case.
  await search.fill(sku.toLowerCase());
  await expect(
    page
      .getByRole('listbox', { name: `Products matching ${sku.toLowerCase()}` })
      .getByRole('option', { name: new RegExp(`^${firstName}`) }),
  ).toBeVisible();

  // By barcode, as a scanner sends it: digits then Enter opens the one product.
  await search.fill(barcode);
  await search.press('Enter');
  await expect(page.getByRole('table', { name: `Variants of ${firstName}` })).toBeVisible();

  // A barcode nobody has says so plainly.
  await page.keyboard.press('Escape');
  await search.fill('0000000000000');
  await expect(page.getByText('Nothing matches “0000000000000”')).toBeVisible();
});

test('an order opens with its history, and the status filter shows live counts', async ({ page }) => {
  await loadDemo(page);
  await page.keyboard.press('Alt+2');
  await expect(page.getByRole('heading', { name: 'Orders' })).toBeVisible();
  const filters = page.getByRole('group', { name: 'Filter by status' });
  await filters.getByRole('button', { name: /^Delivered \d+$/ }).click();
  await expect(filters.getByRole('button', { name: /^Delivered/ })).toHaveAttribute('aria-pressed', 'true');
  const orders = page.getByRole('listbox', { name: 'Orders' });
  await expect(orders.getByRole('option').first()).toHaveAccessibleName(/Delivered$/);
  await shot(page, '04-orders');

  await orders.getByRole('option').first().click();
  const history = page.getByRole('list', { name: 'History' });
  await expect(history.getByRole('listitem').filter({ hasText: 'Payment taken' })).toBeVisible();
  await expect(history.getByRole('listitem').filter({ hasText: /Shipped \d+ units? with/ })).toBeVisible();
  await expect(history.getByRole('listitem').filter({ hasText: /^Delivered/ })).toBeVisible();
  await shot(page, '05-order-detail');

  // Search by number, as typed or scanned.
  const number = (await page.getByRole('heading', { name: /^Order D1-\d{6}$/ }).textContent())!.replace(
    'Order ',
    '',
  );
  await page.keyboard.press('Escape');
  await filters.getByRole('button', { name: /^All/ }).click();
  const search = page.getByLabel('Search orders');
  await search.fill(number);
  await search.press('Enter');
  await expect(page.getByRole('heading', { name: `Order ${number}` })).toBeVisible();
});

test('every screen is reachable by shortcut, and the desk says when it is offline', async ({
  page,
  context,
}) => {
  // A manager opens every screen; a seller's Pack and Ship say they are not theirs (staff.spec.ts).
  await loadDemo(page, { as: 'manager' });
  for (const [key, heading] of [
    ['Alt+1', 'Sell'],
    ['Alt+3', 'Pack'],
    ['Alt+4', 'Ship'],
    ['Alt+6', 'Customers'],
    ['Alt+7', 'Reports'],
    ['Alt+8', 'Settings'],
    ['Alt+5', 'Catalog'],
  ] as const) {
    await page.keyboard.press(key);
    await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
    await expect(page.getByRole('link', { name: new RegExp(`^${heading}`) })).toHaveAttribute(
      'aria-current',
      'page',
    );
  }
  await page.keyboard.press('/');
  await expect(page.getByLabel('Search catalog')).toBeFocused();
  await page.getByLabel('Search catalog').blur();
  await page.keyboard.press('?');
  await expect(page.getByRole('dialog', { name: /Keyboard shortcuts/ })).toBeVisible();
  await shot(page, '06-shortcuts');
  await page.keyboard.press('Escape');

  await expect(page.getByRole('status').filter({ hasText: 'Online' })).toBeVisible();
  await context.setOffline(true);
  await expect(page.getByRole('status').filter({ hasText: 'Offline' })).toBeVisible();
  await shot(page, '07-offline');
  await context.setOffline(false);
  await expect(page.getByRole('status').filter({ hasText: 'Online' })).toBeVisible();
});

test('starting with an empty store shows designed empty states', async ({ page }) => {
  await startEmpty(page);
  await expect(page.getByText('The catalog is empty')).toBeVisible();
  await page.keyboard.press('Alt+2');
  await expect(page.getByText('No orders yet')).toBeVisible();
  await shot(page, '08-empty-orders');
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Orders' })).toBeVisible();
});
