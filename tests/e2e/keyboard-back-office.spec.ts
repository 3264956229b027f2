// Orders, Customers and Settings with the keyboard alone: no mouse, only Tab, arrows, Enter, Space,
// shortcuts, type-ahead in selects, text typed at a text expander's speed and scans (keys as fast as
// a keyboard-wedge scanner sends them). No key typed into a control is lost to scan detection.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { loadDemo } from './support';

/** Presses Tab (Shift+Tab going back) until `target` has focus, as a keyboard user would. */
async function tabTo(page: Page, target: Locator, back = false): Promise<void> {
  for (let i = 0; i < 80; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
  }
  await expect(target).toBeFocused();
}

/** A keyboard-wedge scanner: the code's keys as fast as they come, then Enter. */
async function wedgeScan(page: Page, code: string): Promise<void> {
  await page.keyboard.type(code);
  await page.keyboard.press('Enter');
}

test('Customers by keyboard alone: a new customer created, found again by a scanned phone number', async ({
  page,
}) => {
  await loadDemo(page);
  await page.keyboard.press('Alt+6');
  await expect(page.getByRole('heading', { name: 'Customers', level: 1 })).toBeVisible();

  await tabTo(page, page.getByRole('button', { name: 'New customer' }));
  await page.keyboard.press('Enter');
  const form = page.getByRole('form', { name: 'New customer' });
  const name = form.getByLabel('Name', { exact: true });
  await expect(name).toBeFocused();
  // A text expander's speed: 5 ms a key, every letter kept.
  await page.keyboard.type('Ingrid Østergaard', { delay: 5 });
  await expect(name).toHaveValue('Ingrid Østergaard');
  await tabTo(page, form.getByLabel('Company').first());
  await page.keyboard.type('Nordlys Keramik ApS', { delay: 5 });
  await tabTo(page, form.getByLabel('Phone'));
  await page.keyboard.type('+45 32 12 34 56', { delay: 5 });
  // A select picked by typing, and a checkbox ticked with Space.
  const source = form.getByLabel('How did you hear about us?');
  await tabTo(page, source);
  await page.keyboard.type('Word');
  await expect(source).toHaveValue('word_of_mouth');
  const business = form.getByRole('checkbox', { name: /Business customer/ });
  await tabTo(page, business);
  await page.keyboard.press('Space');
  await expect(business).toBeChecked();
  const country = form.getByLabel('Country');
  await tabTo(page, country);
  await page.keyboard.type('Denmark');
  await expect(country).toHaveValue('DK');
  await tabTo(page, form.getByLabel('Address line 1'));
  await page.keyboard.type('Strandvejen 12', { delay: 5 });
  await tabTo(page, form.getByLabel('Postcode'));
  await page.keyboard.type('2100', { delay: 5 });
  await tabTo(page, form.getByLabel(/^(Town \/ city|City)$/));
  await page.keyboard.type('København', { delay: 5 });
  await expect(form.getByLabel('Postcode')).toHaveValue('2100');
  await tabTo(page, form.getByRole('button', { name: 'Create customer' }));
  await page.keyboard.press('Enter');

  const detail = page.getByRole('heading', { name: 'Ingrid Østergaard', level: 2 });
  await expect(detail).toBeVisible();
  await expect(page.getByRole('link', { name: /\+45/ }).first()).toHaveAttribute('href', 'tel:+4532123456');

  // Back to the search with its shortcut, and a phone number scanned from a form at scanner speed.
  await page.keyboard.press('Alt+6');
  await page.keyboard.press('/');
  const search = page.getByLabel('Search customers');
  await expect(search).toBeFocused();
  await wedgeScan(page, '+4532123456');
  await expect(search).toHaveValue('+4532123456');
  await expect(detail).toBeVisible();
  await page.screenshot({ path: 'screenshots/43-customers-keyboard.png' });
});

test('Orders by keyboard alone: an owed invoice found from the list, its payment recorded', async ({
  page,
}) => {
  await loadDemo(page);
  await page.keyboard.press('Alt+2');
  await expect(page.getByRole('heading', { name: 'Orders', level: 1 })).toBeVisible();

  // A status filter pressed with Space, then the owed-on-account list opened with Enter.
  const filters = page.getByRole('group', { name: 'Filter by status' });
  const delivered = filters.getByRole('button', { name: /^Delivered/ });
  await tabTo(page, delivered);
  await page.keyboard.press('Space');
  await expect(delivered).toHaveAttribute('aria-pressed', 'true');
  const all = filters.getByRole('button', { name: /^All/ });
  await tabTo(page, all, true);
  await page.keyboard.press('Enter');
  await expect(all).toHaveAttribute('aria-pressed', 'true');
  const owedToggle = filters.getByRole('button', { name: 'Owed on account' });
  await tabTo(page, owedToggle);
  await page.keyboard.press('Enter');
  const owed = page.getByRole('region', { name: 'Owed on account' });
  const firstOwed = owed.getByRole('button', { name: /^D1-/ }).first();
  await tabTo(page, firstOwed);
  const number = (await firstOwed.textContent())!.trim();
  await page.keyboard.press('Enter');
  // The owed list folds away and the order's heading has focus, so the next Tab is in the order.
  await expect(page.getByRole('heading', { name: `Order ${number}` })).toBeFocused();
  await expect(owed).toHaveCount(0);

  // Record payment: the method picked by typing, the amount and reference typed fast.
  const record = page.getByRole('form', { name: 'Record payment' });
  const method = record.getByLabel('Paid by');
  await tabTo(page, method);
  await page.keyboard.type('Card');
  await expect(method).toHaveValue('card_terminal');
  await tabTo(page, record.getByLabel('Amount received'));
  await page.keyboard.type('1.00', { delay: 5 });
  await tabTo(page, record.getByLabel('Terminal reference'));
  await page.keyboard.type('TID-90210', { delay: 5 });
  await expect(record.getByLabel('Terminal reference')).toHaveValue('TID-90210');
  await tabTo(page, record.getByLabel('Card last four digits'));
  await page.keyboard.type('4242', { delay: 5 });
  await page.keyboard.press('Enter');
  await expect(record.getByRole('status')).toContainText('Payment of £1.00 recorded');
  await expect(record).toContainText('Part paid (invoice)');

  // The order found again by its number scanned into the search (focused with /).
  await page.keyboard.press('Escape');
  await page.keyboard.press('/');
  const search = page.getByLabel('Search orders');
  await expect(search).toBeFocused();
  await wedgeScan(page, number);
  await expect(search).toHaveValue(number);
  await expect(page.getByRole('heading', { name: `Order ${number}` })).toBeVisible();
  const history = page.getByRole('list', { name: 'History' });
  await expect(history.getByRole('listitem').filter({ hasText: 'Payment received: £1.00' })).toBeVisible();

  // ↓ from the search moves into the list; Enter opens the order under the cursor.
  await page.keyboard.press('Escape');
  await search.focus();
  await page.keyboard.press('Escape');
  await page.keyboard.press('ArrowDown');
  const list = page.getByRole('listbox', { name: 'Orders' });
  await expect(list).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: /^Order D1-/ })).toBeVisible();
  await page.screenshot({ path: 'screenshots/44-orders-keyboard.png' });
});

test('Settings by keyboard alone: the desk’s selling channel and scanner, typed and picked without a mouse', async ({
  page,
}) => {
  await loadDemo(page, { as: 'manager' });
  await page.keyboard.press('Alt+8');
  await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();

  // A long page: the section buttons take the keyboard to a panel without Tabbing through the rest.
  const sections = page.getByRole('navigation', { name: 'Settings sections' });
  await tabTo(page, sections.getByRole('button', { name: 'Selling' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Selling' })).toBeFocused();

  // Settings › Selling: the select picked by typing, saved with Space on its button.
  const selling = page.getByRole('form', { name: 'Selling' });
  const takes = selling.getByLabel('This desk takes');
  await tabTo(page, takes);
  await page.keyboard.type('Counter');
  await expect(takes).toHaveValue('counter');
  await tabTo(page, selling.getByRole('button', { name: 'Save selling settings' }));
  await page.keyboard.press('Space');
  await expect(selling.getByRole('status')).toContainText('counter (walk-in) sales');

  // Settings › Scanner: numbers typed fast are kept whole; the suffix picked by typing.
  const scanner = page.getByRole('form', { name: 'Scanner' });
  const gap = scanner.getByLabel("Longest gap between a scan's keys (ms)");
  await tabTo(page, gap);
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('40', { delay: 5 });
  await expect(gap).toHaveValue('40');
  const suffix = scanner.getByLabel('Suffix key');
  await tabTo(page, suffix);
  await page.keyboard.type('Enter');
  await expect(suffix).toHaveValue('Enter');
  await tabTo(page, scanner.getByRole('button', { name: 'Save scanner settings' }));
  await page.keyboard.press('Enter');
  await expect(scanner.getByRole('status')).toContainText('Scanner settings saved');

  // The saved channel is what Sell starts with on this desk.
  await page.keyboard.press('Alt+1');
  await expect(page.getByRole('heading', { name: 'Sell', level: 1 })).toBeVisible();
  await expect(page.getByLabel('Channel')).toHaveValue('counter');
});
