// Where customers come from, as the store tells it: an owner adds a source of their own in
// Settings, a seller records a new customer against it with a campaign code, a rename relabels the
// customer, and an archived source is no longer offered. Reports add sales up by staff, campaign
// and source, and list the customers in each segment to call.
import { expect, test, type Page } from '@playwright/test';
import { loadDemo, signIn } from './support';

async function openSources(page: Page) {
  await page.keyboard.press('Alt+8');
  const sources = page.getByRole('region', { name: 'Where customers come from' });
  await expect(sources.getByRole('list', { name: 'Sources of customers' })).toBeVisible();
  return sources;
}

test('an owner’s own source and a campaign code are recorded on a new customer; a rename relabels them, an archive stops offering it', async ({
  page,
}) => {
  await loadDemo(page, { as: 'owner' });
  let sources = await openSources(page);
  await sources.getByLabel('New source').fill('Local radio');
  await sources.getByRole('button', { name: 'Add source' }).click();
  await expect(sources.getByRole('status')).toHaveText('“Local radio” added: sellers can choose it now');
  // The same name again is refused in words, and nothing is added.
  await sources.getByLabel('New source').fill('local RADIO');
  await sources.getByLabel('New source').press('Enter');
  await expect(sources.getByRole('alert')).toContainText('“Local radio” is already listed');
  await expect(sources.getByRole('listitem')).toHaveCount(10);
  await page.screenshot({ path: 'screenshots/journey-sources.png', fullPage: true });

  await page.keyboard.press('Alt+6');
  await page.getByRole('button', { name: 'New customer' }).click();
  const form = page.getByRole('form', { name: 'New customer' });
  await form.getByLabel('Name', { exact: true }).fill('Radio Listener');
  await form.getByLabel('Phone', { exact: true }).fill('020 7946 0958');
  await form.getByLabel('How did you hear about us?').selectOption({ label: 'Local radio' });
  const campaign = form.getByLabel(/^Campaign code/);
  await campaign.fill('radio/26');
  const address = form.getByRole('group', { name: 'Shipping address' });
  await address.getByLabel('Address line 1').fill('1 Broadcast Lane');
  await address.getByLabel('City').fill('London');
  await address.getByLabel('Postcode').fill('W1A 1AA');
  await form.getByRole('button', { name: 'Create customer' }).click();
  await expect(form.getByRole('alert')).toContainText(
    'Campaign code “RADIO/26” must be letters, digits and dashes',
  );
  await expect(campaign).toHaveAttribute('aria-invalid', 'true');
  await campaign.fill('radio 26');
  await form.getByRole('button', { name: 'Create customer' }).click();
  const detail = page.getByRole('article', { name: 'Radio Listener' });
  await expect(detail.getByText('Local radio')).toBeVisible();
  await expect(detail.getByText('RADIO-26')).toBeVisible();
  await page.keyboard.press('Escape');

  // Renamed in Settings: the customer reads the new name; archived: a new customer is not offered it.
  sources = await openSources(page);
  await sources.getByLabel('Name of source “Local radio”').fill('Radio Orderline FM');
  await sources.getByRole('button', { name: 'Rename “Local radio”' }).click();
  await expect(sources.getByRole('status')).toHaveText(
    '“Local radio” is now “Radio Orderline FM”, on past customers too',
  );
  await sources.getByRole('button', { name: 'Archive “Radio Orderline FM”' }).click();
  await expect(sources.getByRole('button', { name: 'Restore “Radio Orderline FM”' })).toBeVisible();

  await page.keyboard.press('Alt+6');
  const search = page.getByLabel('Search customers');
  await search.fill('radio listener');
  await page
    .getByRole('listbox', { name: 'Customers matching radio listener' })
    .getByRole('option', { name: /^Radio Listener/ })
    .click();
  await expect(
    page.getByRole('article', { name: 'Radio Listener' }).getByText('Radio Orderline FM'),
  ).toBeVisible();
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'New customer' }).click();
  const fresh = page.getByRole('form', { name: 'New customer' });
  const offered = await fresh.getByLabel('How did you hear about us?').locator('option').allInnerTexts();
  expect(offered).not.toContain('Radio Orderline FM');
  expect(offered).toContain('Word of mouth / a friend');
});

test('reports add sales up by staff and by campaign, and list the lapsed customers to call', async ({
  page,
}) => {
  await loadDemo(page, { as: 'manager' });
  await page.keyboard.press('Alt+7');
  const reports = page.getByRole('region', { name: 'Sales and customers' });
  await expect(reports.getByRole('heading', { name: 'Summary' })).toBeVisible();
  await reports.getByLabel('From').fill('2024-01-01');
  await reports.getByLabel('Lapsed after (days)').fill('30');
  await reports.getByRole('button', { name: 'Show reports' }).click();
  await expect(
    reports.getByRole('heading', { name: 'Lapsed customers (nothing for 30 days)' }),
  ).toBeVisible();

  const cell = async (table: string, row: RegExp, column: number) =>
    Number(
      await reports
        .getByRole('table', { name: table })
        .getByRole('row', { name: row })
        .getByRole('cell')
        .nth(column)
        .innerText(),
    );
  const orders = await cell('Summary', /^Orders/, 1);
  const sum = async (table: string) =>
    (await reports.getByRole('table', { name: table }).getByRole('row').allInnerTexts())
      .slice(1)
      .reduce((total, text) => total + Number(text.split('\t')[1]), 0);
  // Every sale is somebody's and in one campaign bucket: both tables add up to the summary.
  expect(await sum('Sales by staff')).toBe(orders);
  expect(await sum('Sales by campaign code')).toBe(orders);
  await expect(reports.getByRole('table', { name: 'Sales by staff' })).toContainText('Sam Patel');
  await expect(reports.getByRole('table', { name: 'Sales by campaign code' })).toContainText('SPRING-CAT');

  const lapsed = reports.getByRole('table', { name: 'Lapsed customers (nothing for 30 days)' });
  await expect(lapsed.getByRole('row').nth(1)).toBeVisible();
  // Each lapsed customer's last purchase is more than 30 days before the range's end.
  const to = await reports.getByLabel('To', { exact: true }).inputValue();
  const cutOff = new Date(Date.parse(`${to}T00:00:00Z`) - 30 * 86_400_000).toISOString().slice(0, 10);
  const lastDays = (await lapsed.getByRole('row').allInnerTexts()).slice(1).map((t) => t.split('\t')[5]!);
  expect(lastDays.every((day) => day < cutOff)).toBe(true);
  await expect(reports.getByRole('table', { name: 'Stock value (now)' })).toContainText('Units on hand');

  // A seller signed in on the same desk still sees no numbers.
  await page.getByRole('button', { name: 'Lock' }).click();
  await signIn(page, 'seller');
  await page.keyboard.press('Alt+7');
  await expect(page.getByText('Only owners and managers see the store’s reports.')).toBeVisible();
});
