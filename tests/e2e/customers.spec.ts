// The Customers screen as a seller uses it with a caller on the line: find them by phone digits,
// surname or order number, open their history; create a new customer abroad whose postcode is
// checked for their country; a bad e-mail is refused readably and nothing typed is lost.
import { expect, test, type Page } from '@playwright/test';
import { loadDemo, startEmpty } from './support';

const shot = (page: Page, name: string) =>
  page.screenshot({ path: `screenshots/customers-${name}.png`, fullPage: false });

async function openCustomers(page: Page) {
  await page.keyboard.press('Alt+6');
  await expect(page.getByRole('heading', { level: 1, name: 'Customers' })).toBeVisible();
}

test('a caller is found by phone digits, surname and order number, with their order history', async ({
  page,
}) => {
  await loadDemo(page);

  // Take a real customer with an order from the Orders screen.
  await page.keyboard.press('Alt+2');
  const orders = page.getByRole('listbox', { name: 'Orders' });
  const first = orders.getByRole('option', { name: /^Order D1-\d{6}, (?!no customer)/ }).first();
  await expect(first).toBeVisible();
  const [, number = '', name = ''] = (await first.getAttribute('aria-label'))!.match(
    /^Order (\S+), (.+), [^,]+$/,
  )!;
  const surname = name.split(' ').at(-1)!;

  await openCustomers(page);
  const list = page.getByRole('listbox', { name: 'Customers' });
  await expect(list.getByRole('option').first()).not.toHaveAccessibleName('Loading…');
  await expect(page.getByText(/^\d+ customers$/)).toBeVisible();
  await shot(page, '01-list');

  // By surname.
  const search = page.getByLabel('Search customers');
  await search.fill(surname);
  const bySurname = page.getByRole('listbox', { name: `Customers matching ${surname}` });
  await bySurname
    .getByRole('option', { name: new RegExp(`^${name}`) })
    .first()
    .click();
  const detail = page.getByRole('article', { name });
  await expect(detail.getByRole('heading', { name, level: 2 })).toBeVisible();
  await expect(
    detail.getByRole('table', { name: 'Order history' }).getByRole('link', { name: number }),
  ).toBeVisible();
  await shot(page, '02-detail');

  // By the first digits of their phone, as the caller reads them out.
  const phone = (await detail.getByRole('link', { name: /\d/ }).first().textContent())!;
  const digits = phone.replace(/\D/g, '').slice(0, 7);
  await page.keyboard.press('Escape');
  await search.fill(digits);
  await expect(
    page
      .getByRole('listbox', { name: `Customers matching ${digits}` })
      .getByRole('option', { name: new RegExp(`^${name}`) }),
  ).toBeVisible();

  // By an order number: Enter opens the one customer who placed it.
  await search.fill(number);
  await search.press('Enter');
  await expect(detail.getByRole('heading', { name, level: 2 })).toBeVisible();

  // The order history links to the order itself.
  await detail.getByRole('link', { name: number }).click();
  await expect(page.getByRole('heading', { name: `Order ${number}` })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: 'Orders' })).toBeVisible();
});

test('a new customer in Germany is created with a checked postcode and found again', async ({ page }) => {
  await loadDemo(page);
  await openCustomers(page);
  await page.getByRole('button', { name: 'New customer' }).click();
  const form = page.getByRole('form', { name: 'New customer' });
  await expect(form).toBeVisible();

  await form.getByLabel('Name', { exact: true }).fill('Hannelore Brückner');
  await form.getByLabel('Phone', { exact: true }).fill('+49 30 901820');
  await form.getByLabel('E-mail (optional)').fill('hannelore at brueckner');
  await form.getByLabel('How did you hear about us?').selectOption({ label: 'Word of mouth / a friend' });

  const address = form.getByRole('group', { name: 'Shipping address' });
  await address.getByLabel('Country').selectOption('DE');
  await address.getByLabel('Address line 1').fill('Invalidenstraße 43');
  const postcode = address.getByLabel('Postcode');
  await postcode.fill('1234');
  await postcode.press('Tab');
  await expect(address.getByText('A German postcode looks like 10115; “1234” does not fit')).toBeVisible();
  await expect(postcode).toHaveAttribute('aria-invalid', 'true');
  await postcode.scrollIntoViewIfNeeded();
  await shot(page, '03-postcode-refused');
  await postcode.fill('10115');
  await postcode.press('Tab');
  await expect(address.getByText(/A German postcode looks like/)).toBeHidden();
  await address.getByLabel('City').fill('Berlin');

  // A bad e-mail is refused in words, next to the field and in the summary; nothing is lost.
  await form.getByRole('button', { name: 'Create customer' }).click();
  const alert = form.getByRole('alert');
  await expect(alert).toContainText('The customer was not saved');
  await expect(alert).toContainText('E-mail address is not valid (expected name@example.com)');
  const email = form.getByLabel('E-mail (optional)');
  await expect(email).toHaveAttribute('aria-invalid', 'true');
  await expect(email).toHaveValue('hannelore at brueckner');
  await expect(form.getByLabel('Name', { exact: true })).toHaveValue('Hannelore Brückner');
  await expect(postcode).toHaveValue('10115');
  await expect(address.getByLabel('City')).toHaveValue('Berlin');
  await shot(page, '04-email-refused');

  await email.fill('hannelore@brueckner.example');
  await form.getByRole('button', { name: 'Create customer' }).click();
  const detail = page.getByRole('article', { name: 'Hannelore Brückner' });
  await expect(detail.getByRole('heading', { level: 2, name: 'Hannelore Brückner' })).toBeVisible();
  await expect(detail.getByText('Word of mouth / a friend')).toBeVisible();
  await expect(detail.getByText('10115 Berlin')).toBeVisible();
  await expect(detail.getByText('Germany (DE)')).toBeVisible();
  await expect(detail.getByText('No purchases yet')).toBeVisible();
  await shot(page, '05-created');
  await page.keyboard.press('Escape');

  // Found again by name, and by the number written the German way.
  const search = page.getByLabel('Search customers');
  for (const query of ['brückner', 'bruckner hann', '030 901820']) {
    await search.fill(query);
    await expect(
      page
        .getByRole('listbox', { name: `Customers matching ${query}` })
        .getByRole('option', { name: /^Hannelore Brückner/ }),
    ).toBeVisible();
  }
});

test('a customer is edited in place, and a US address asks for its state', async ({ page }) => {
  await loadDemo(page);
  await openCustomers(page);
  await page.getByRole('listbox', { name: 'Customers' }).getByRole('option').first().click();
  await page.getByRole('button', { name: 'Edit', exact: true }).click();
  const form = page.getByRole('form', { name: /^Edit / });
  await form.getByRole('button', { name: 'Add billing address' }).click();
  const billing = form.getByRole('group', { name: 'Billing address' });
  await billing.getByLabel('Country').selectOption('US');
  await expect(billing.getByLabel('ZIP code')).toBeVisible();
  await billing.getByLabel('Address line 1').fill('350 Fifth Avenue');
  await billing.getByLabel('City').fill('New York');
  await billing.getByLabel('ZIP code').fill('10118');
  await form.getByRole('button', { name: 'Save changes' }).click();
  await expect(billing.getByText('Choose the state for an address in United States (US)')).toBeVisible();
  await billing.getByLabel('State').selectOption({ label: 'New York' });
  await form.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByText('New York 10118, NY')).toBeVisible();
  await shot(page, '06-edited');
});

test('an empty store shows a designed empty state with a way to add the first customer', async ({ page }) => {
  await startEmpty(page);
  await expect(page.getByText('The catalog is empty')).toBeVisible();
  await openCustomers(page);
  await expect(page.getByText('No customers yet')).toBeVisible();
  await shot(page, '07-empty');
  await page.getByRole('button', { name: 'Create the first customer' }).click();
  await expect(page.getByRole('form', { name: 'New customer' })).toBeVisible();
});
