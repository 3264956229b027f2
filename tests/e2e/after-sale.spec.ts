// After the sale, as a seller handles it: cancel a paid order before packing (the money goes back,
// the stock comes back), refund part of a delivered order but never more than was paid, and answer
// "where is my order?" from the caller's phone number. Screens are saved under screenshots/.
import { expect, test, type Page } from '@playwright/test';
import { loadDemo } from './support';

const shot = (page: Page, name: string) =>
  page.screenshot({ path: `screenshots/after-sale-${name}.png`, fullPage: false });

async function openFirstOrder(page: Page, status: string) {
  await page.keyboard.press('Alt+2');
  await expect(page.getByRole('heading', { level: 1, name: 'Orders' })).toBeVisible();
  const filters = page.getByRole('group', { name: 'Filter by status' });
  await filters.getByRole('button', { name: new RegExp(`^${status} \\d+$`) }).click();
  const orders = page.getByRole('listbox', { name: 'Orders' });
  const first = orders.getByRole('option', { name: new RegExp(`${status}$`) }).first();
  await expect(first).toBeVisible();
  await first.click();
  const heading = page.getByRole('heading', { level: 2, name: /^Order [A-Z0-9]+-\d{6}$/ });
  await expect(heading).toBeVisible();
  return (await heading.textContent())!.replace('Order ', '');
}

/** The Available figure for one SKU on its product page (null when it says Out of stock). */
async function availableOf(page: Page, sku: string): Promise<number | null> {
  await page.keyboard.press('Alt+5');
  const search = page.getByLabel('Search catalog');
  await search.fill(sku);
  const matches = page.getByRole('listbox', { name: `Products matching ${sku}` });
  await expect(matches.getByRole('option').first()).toBeVisible();
  await matches.getByRole('option').first().click();
  const row = page
    .getByRole('table', { name: /^Variants of / })
    .getByRole('row')
    .filter({ hasText: sku });
  await expect(row).toBeVisible();
  const text = (await row.getByRole('cell').last().textContent())!.trim();
  await page.keyboard.press('Escape');
  return /^\d+$/.test(text) ? Number(text) : null;
}

/**
 * A Processing order with a line whose variant shows a number as Available (the screen says
 * "Out of stock" at zero or below, which would hide the release), and that number.
 */
async function processingOrderWithStock(page: Page) {
  const candidates: { number: string; sku: string; quantity: number }[] = [];
  await openFirstOrder(page, 'Processing');
  const orders = page.getByRole('listbox', { name: 'Orders' });
  for (let i = 0; i < 6 && candidates.length < 12; i += 1) {
    await orders.getByRole('option').nth(i).click();
    const heading = page.getByRole('heading', { level: 2, name: /^Order / });
    const number = (await heading.textContent())!.replace('Order ', '');
    const rows = page.getByRole('table', { name: 'Items' }).getByRole('row');
    for (const row of (await rows.all()).slice(1)) {
      const cells = row.getByRole('cell');
      candidates.push({
        number,
        sku: (await cells.nth(1).textContent())!.trim(),
        quantity: Number(await cells.nth(2).textContent()),
      });
    }
    await page.keyboard.press('Escape');
  }
  for (const candidate of candidates) {
    const available = await availableOf(page, candidate.sku);
    if (available !== null) return { ...candidate, available };
  }
  throw new Error(`None of ${candidates.length} lines on Processing orders has stock available`);
}

const pounds = (text: string) => Math.round(Number(text.replace(/[^\d.]/g, '')) * 100);

test('a paid order is cancelled before packing: refunded, cancelled, and its stock is free again', async ({
  page,
}) => {
  await loadDemo(page);
  const { number, sku, quantity, available: before } = await processingOrderWithStock(page);

  await page.keyboard.press('Alt+2');
  await page.getByRole('group', { name: 'Filter by status' }).getByRole('button', { name: /^All/ }).click();
  await page.getByLabel('Search orders').fill(number);
  await page.getByLabel('Search orders').press('Enter');
  await expect(page.getByRole('heading', { name: `Order ${number}` })).toBeVisible();

  const actions = page.getByRole('region', { name: 'After the sale' });
  await actions.getByRole('button', { name: 'Cancel order' }).click();
  const form = page.getByRole('form', { name: 'Cancel order' });
  await expect(form.getByRole('note')).toContainText('needs a manager');
  await expect(form).toContainText(/is refunded first: £[\d.,]+ /);
  // No reason: refused with a sentence, nothing written.
  await form.getByRole('button', { name: 'Cancel the order' }).click();
  await expect(page.getByRole('alert')).toContainText('Give a reason');
  await form.getByLabel('Reason for cancelling').fill('Customer found it cheaper elsewhere');
  await shot(page, '01-cancel-form');
  await form.getByRole('button', { name: 'Cancel the order' }).click();
  // The seller may not cancel a paid order alone: the manager approves it with their PIN here.
  const approval = page.getByRole('dialog', { name: 'Manager approval' });
  await expect(approval).toContainText(`Cancel order ${number} and refund £`);
  await approval.getByRole('combobox', { name: 'Manager' }).selectOption({ label: 'Mia Chen (manager)' });
  await approval.getByLabel('Manager’s PIN').fill('369147');
  await approval.getByRole('button', { name: 'Approve' }).click();
  await expect(approval).toBeHidden();

  await expect(actions.getByRole('status')).toContainText(`Order ${number} is cancelled; refunded £`);
  await expect(page.getByRole('article').getByText('Cancelled', { exact: true }).first()).toBeVisible();
  const history = page.getByRole('list', { name: 'History' });
  await expect(history.getByRole('listitem').filter({ hasText: /^Refunded £/ })).toBeVisible();
  await expect(
    history.getByRole('listitem').filter({ hasText: 'Cancelled: Customer found it cheaper elsewhere' }),
  ).toBeVisible();
  await expect(actions.getByRole('button', { name: 'Cancel order' })).toBeHidden();
  await shot(page, '02-cancelled');

  await page.keyboard.press('Escape');
  expect(await availableOf(page, sku)).toBe(before + quantity);
});

test('a delivered order is refunded in part, and never above what was paid', async ({ page }) => {
  // A manager refunds alone; a seller's refund waiting for approval is in staff.spec.ts.
  await loadDemo(page, { as: 'manager' });
  await openFirstOrder(page, 'Delivered');
  const actions = page.getByRole('region', { name: 'After the sale' });
  await actions.getByRole('button', { name: 'Refund' }).click();
  const form = page.getByRole('form', { name: 'Refund' });
  const amount = form.getByLabel(/^Amount to refund/);
  const refundable = pounds(await amount.inputValue());
  expect(refundable).toBeGreaterThan(100);

  const tooMuch = ((refundable + 1) / 100).toFixed(2);
  await amount.fill(tooMuch);
  await form.getByLabel('Reason for the refund').fill('Arrived scratched');
  await form.getByRole('button', { name: 'Refund' }).click();
  await expect(page.getByRole('alert')).toHaveText(
    `A refund of £${tooMuch} is more than the £${(refundable / 100).toFixed(2)} paid and not yet refunded`,
  );
  await shot(page, '03-refund-refused');

  await amount.fill('1.00');
  await expect(form).toContainText('Goes back £1.00');
  await form.getByRole('button', { name: 'Refund' }).click();
  await expect(actions.getByRole('status')).toContainText('Refunded £1.00');
  await expect(page.locator('dl.totals dt:text-is("Refunded") + dd')).toHaveText('£1.00');
  await expect(
    page.getByRole('list', { name: 'History' }).getByRole('listitem').filter({ hasText: 'Refunded £1.00' }),
  ).toBeVisible();
  await shot(page, '04-refunded');
});

test('“where is my order?” is answered from the caller’s phone digits: stage, tracking and history', async ({
  page,
}) => {
  await loadDemo(page);
  const number = await openFirstOrder(page, 'Shipped');
  const customer = page.getByRole('region', { name: 'Customer', exact: true });
  const name = (await customer.locator('strong').first().textContent())!.trim();
  const phone = (await customer.textContent())!.match(/\+?[\d(][\d\s().-]{6,}\d/)![0];
  const digits = phone.replace(/\D/g, '').slice(0, 7);
  await page.keyboard.press('Escape');

  await page.keyboard.press('Alt+6');
  const search = page.getByLabel('Search customers');
  await search.fill(digits);
  await page
    .getByRole('listbox', { name: `Customers matching ${digits}` })
    .getByRole('option', { name: new RegExp(`^${name}`) })
    .first()
    .click();
  await page.getByRole('table', { name: 'Order history' }).getByRole('link', { name: number }).click();

  await expect(page.getByRole('heading', { name: `Order ${number}` })).toBeVisible();
  const tracking = page.getByRole('region', { name: 'Tracking' });
  await expect(tracking).toBeVisible();
  await expect(tracking.getByRole('listitem').first()).toContainText(/\S+/);
  await expect(page.getByRole('article').getByText('Shipped', { exact: true }).first()).toBeVisible();
  await expect(
    page
      .getByRole('list', { name: 'History' })
      .getByRole('listitem')
      .filter({ hasText: /Shipped \d+ units? with/ }),
  ).toBeVisible();
  await shot(page, '05-where-is-my-order');
});
