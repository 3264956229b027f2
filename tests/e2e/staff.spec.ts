// Staff on a shared desk: PIN sign-in with a countdown to the lock-out (which a reload does not
// reset), Lock and Ctrl+L, a seller's refund refused until a manager's PIN approves it on the same
// desk, the order history and the audit log saying who did it. Screens land in screenshots/.
import { expect, test, type Page } from '@playwright/test';
import { DEMO_STAFF, loadDemo, signIn } from './support';

const shot = (page: Page, name: string) =>
  page.screenshot({ path: `screenshots/staff-${name}.png`, fullPage: false });

async function choose(page: Page, name: string) {
  await page.getByRole('list', { name: 'Staff' }).getByRole('button', { name }).click();
}

async function typePin(page: Page, pin: string) {
  await page.getByLabel('PIN', { exact: true }).fill(pin);
  await page.getByLabel('PIN', { exact: true }).press('Enter');
}

test('wrong PINs count down to a lock-out that a reload does not reset; Lock and Ctrl+L lock the desk', async ({
  page,
}) => {
  await loadDemo(page);
  const seller = DEMO_STAFF.seller;
  await expect(page.getByRole('navigation').getByText(seller.name)).toBeVisible();

  await page.getByRole('button', { name: 'Lock' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  // The demo store shows its PINs on the lock screen.
  await expect(page.getByRole('complementary', { name: 'Demo store PINs' })).toContainText(
    `${seller.name} (seller): ${seller.pin}`,
  );
  // The last person is chosen already: only the PIN is needed.
  const names = page.getByRole('list', { name: 'Staff' });
  await expect(names.getByRole('button', { name: seller.name })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByLabel('PIN', { exact: true })).toBeFocused();
  await typePin(page, '0000');
  await expect(page.getByRole('alert')).toHaveText(
    'Wrong PIN. 4 tries left before this desk locks you out for 5 minutes.',
  );
  await typePin(page, '9999');
  await expect(page.getByRole('alert')).toHaveText(
    'Wrong PIN. 3 tries left before this desk locks you out for 5 minutes.',
  );
  await shot(page, '01-wrong-pin');
  await typePin(page, '1111');
  await expect(page.getByRole('alert')).toContainText('2 tries left');
  await typePin(page, '2222');
  await expect(page.getByRole('alert')).toHaveText(
    'Wrong PIN. 1 try left before this desk locks you out for 5 minutes.',
  );
  await typePin(page, '3333');
  await expect(page.getByRole('alert')).toHaveText(
    'Too many wrong PINs: sign-in is locked for 5 more minutes, or a manager can unlock it',
  );
  // Locked: the right PIN is refused too, and a reload remembers the lock-out.
  await typePin(page, seller.pin);
  await expect(page.getByRole('alert')).toContainText('sign-in is locked');
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await choose(page, seller.name);
  await expect(page.getByRole('alert')).toContainText('sign-in is locked for 5 more minutes');
  await shot(page, '02-locked-out');

  // Someone else still signs in; Ctrl+L locks again.
  await signIn(page, 'manager');
  await expect(page.getByRole('heading', { name: 'Catalog' })).toBeVisible();
  await page.keyboard.press('Control+l');
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Lock' })).toBeHidden();
});

test('a seller’s refund is refused until a manager’s PIN approves it, and the audit log names both', async ({
  page,
}) => {
  await loadDemo(page, { as: 'seller' });
  await page.keyboard.press('Alt+2');
  const filters = page.getByRole('group', { name: 'Filter by status' });
  await filters.getByRole('button', { name: /^Delivered \d+$/ }).click();
  await page.getByRole('listbox', { name: 'Orders' }).getByRole('option').first().click();
  const heading = page.getByRole('heading', { level: 2, name: /^Order [A-Z0-9]+-\d{6}$/ });
  const number = (await heading.textContent())!.replace('Order ', '');
  const refundedBefore = await page.locator('dl.totals dt:text-is("Refunded") + dd').count();

  const actions = page.getByRole('region', { name: 'After the sale' });
  await actions.getByRole('button', { name: 'Refund' }).click();
  const form = page.getByRole('form', { name: 'Refund' });
  await expect(form.getByRole('note')).toContainText('A seller needs a manager to approve this');
  await form.getByLabel(/^Amount to refund/).fill('1.00');
  await form.getByLabel('Reason for the refund').fill('Lid chipped');
  await form.getByRole('button', { name: 'Refund' }).click();

  // The dialog says what is approved; Escape cancels and nothing changes.
  const approval = page.getByRole('dialog', { name: 'Manager approval' });
  await expect(approval).toContainText(`Refund £1.00 on order ${number}: Lid chipped`);
  await expect(approval.getByLabel('Manager’s PIN')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(approval).toBeHidden();
  await expect(page.getByRole('alert')).toHaveText('No manager approved it, so nothing was changed.');
  await expect(page.locator('dl.totals dt:text-is("Refunded") + dd')).toHaveCount(refundedBefore);

  // Asked again: a wrong manager PIN is refused in the dialog, the right one approves.
  await form.getByRole('button', { name: 'Refund' }).click();
  await expect(approval).toBeVisible();
  await expect(approval.getByRole('combobox', { name: 'Manager' })).toHaveValue(/.+/);
  await expect(approval.getByRole('combobox', { name: 'Manager' }).locator('option:checked')).toHaveText(
    `${DEMO_STAFF.manager.name} (manager)`,
  );
  await approval.getByLabel('Manager’s PIN').fill('0000');
  await approval.getByRole('button', { name: 'Approve' }).click();
  await expect(approval.getByRole('alert')).toHaveText(
    'Wrong PIN. 4 tries left before this desk locks you out for 5 minutes.',
  );
  await shot(page, '03-approval');
  await approval.getByLabel('Manager’s PIN').fill(DEMO_STAFF.manager.pin);
  await approval.getByRole('button', { name: 'Approve' }).click();
  await expect(approval).toBeHidden();
  await expect(actions.getByRole('status')).toContainText('Refunded £1.00');

  // The order history says who refunded it.
  const refundEvent = page
    .getByRole('list', { name: 'History' })
    .getByRole('listitem')
    .filter({ hasText: 'Refunded £1.00' });
  await expect(refundEvent).toContainText(`${DEMO_STAFF.seller.name} at desk D1`);

  // A seller cannot read the audit log; the manager can, filtered to refunds.
  await page.keyboard.press('Escape');
  await page.keyboard.press('Alt+7');
  const log = page.getByRole('region', { name: 'Audit log' });
  await expect(log).toContainText('Only a manager or owner can see the audit log');
  await page.getByRole('button', { name: 'Lock' }).click();
  await signIn(page, 'manager');
  await expect(log.getByRole('table')).toBeVisible();
  await log.getByRole('combobox', { name: 'Kind' }).selectOption({ label: 'Refund' });
  const rows = log.getByRole('table').getByRole('row');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(1)).toContainText(DEMO_STAFF.seller.name);
  await expect(rows.nth(1)).toContainText(DEMO_STAFF.manager.name);
  await expect(rows.nth(1)).toContainText(`Refunded £1.00`);
  await expect(rows.nth(1)).toContainText(`on ${number}: Lid chipped`);
  // Sign-ins are there too, newest first; a filter with nothing in it says so.
  await log.getByRole('combobox', { name: 'Kind' }).selectOption({ label: 'Sign-in' });
  await expect(rows.nth(1)).toContainText(`${DEMO_STAFF.manager.name} signed in`);
  await log.getByRole('combobox', { name: 'Kind' }).selectOption({ label: 'Stock adjustment' });
  await expect(log.getByRole('status')).toContainText('Nothing matches these filters');
  await log.getByRole('combobox', { name: 'Kind' }).selectOption({ label: 'Manager approval' });
  await expect(rows.nth(1)).toContainText(
    `${DEMO_STAFF.manager.name} approved: Refund £1.00 on order ${number}`,
  );
  await shot(page, '04-audit-log');
});

test('an owner adds a seller in Settings, resets their PIN and deactivates them; a seller cannot manage staff', async ({
  page,
}) => {
  await loadDemo(page, { as: 'seller' });
  await page.keyboard.press('Alt+8');
  const staff = page.getByRole('region', { name: 'Staff' });
  await expect(staff).toContainText('Only a manager or owner can manage staff');

  await page.getByRole('button', { name: 'Lock' }).click();
  await signIn(page, 'owner');
  const add = staff.getByRole('form', { name: 'Add a staff member' });
  await add.getByLabel('Name').fill('Lee Brooks');
  await add.getByRole('combobox', { name: 'Role' }).selectOption({ label: 'Seller' });
  await add.getByLabel('PIN', { exact: true }).fill('1234');
  await add.getByLabel('PIN again').fill('1234');
  await add.getByRole('button', { name: 'Add staff member' }).click();
  // A PIN that is guessed first is refused and nobody is added.
  await expect(staff.getByRole('alert')).toHaveText(
    '1234 is a run of digits and is guessed first; choose another PIN',
  );
  await expect(staff.getByRole('row', { name: /Lee Brooks/ })).toHaveCount(0);
  await add.getByLabel('PIN', { exact: true }).fill('5930');
  await add.getByLabel('PIN again').fill('5930');
  await add.getByRole('button', { name: 'Add staff member' }).click();
  await expect(staff.getByRole('status')).toHaveText('Lee Brooks is added as seller and can sign in now.');
  const row = staff.getByRole('row', { name: /Lee Brooks/ });
  await expect(row).toContainText('Active');

  await row.getByRole('button', { name: 'Reset PIN for Lee Brooks' }).click();
  const reset = staff.getByRole('form', { name: 'New PIN for Lee Brooks' });
  await reset.getByLabel('New PIN', { exact: true }).fill('7043');
  await reset.getByLabel('New PIN again').fill('7043');
  await reset.getByRole('button', { name: 'Save PIN' }).click();
  await expect(staff.getByRole('status')).toHaveText('Lee Brooks has a new PIN.');
  await row.getByRole('combobox', { name: 'Role of Lee Brooks' }).selectOption({ label: 'Packer' });
  await expect(staff.getByRole('status')).toHaveText('Lee Brooks is now packer.');
  await shot(page, '05-staff-settings');

  // Lee signs in with the new PIN on the lock screen.
  await page.getByRole('button', { name: 'Lock' }).click();
  await choose(page, 'Lee Brooks');
  await typePin(page, '7043');
  await expect(page.getByRole('navigation').getByText('Lee Brooks')).toBeVisible();

  // Deactivated, Lee is no longer on the lock screen.
  await page.getByRole('button', { name: 'Lock' }).click();
  await signIn(page, 'owner');
  await row.getByRole('button', { name: 'Deactivate Lee Brooks' }).click();
  await expect(row).toContainText('Deactivated');
  await page.getByRole('button', { name: 'Lock' }).click();
  await expect(
    page.getByRole('list', { name: 'Staff' }).getByRole('button', { name: 'Lee Brooks' }),
  ).toHaveCount(0);
});

test('a packer is refused selling with a sentence, and a seller is refused packing', async ({ page }) => {
  await loadDemo(page, { as: 'packer' });
  await page.keyboard.press('Alt+1');
  await expect(page.getByRole('alert')).toHaveText('A packer cannot sell; ask a manager or owner');
  await page.getByRole('button', { name: 'Lock' }).click();
  await signIn(page, 'seller');
  await page.keyboard.press('Alt+3');
  await expect(page.getByRole('alert')).toHaveText('A seller cannot pack orders; ask a manager or owner');
});

test('a seller’s price override waits for a manager’s PIN and is audited as a price override', async ({
  page,
}) => {
  await loadDemo(page, { as: 'seller' });
  await page.getByLabel('Search catalog').fill('mug');
  await page.getByLabel('Search catalog').press('ArrowDown');
  await expect(page.getByRole('listbox', { name: 'Products matching mug' })).toBeFocused();
  await page.keyboard.press('Enter');
  const img = page.getByRole('img', { name: /^Barcode \d{13} for / }).first();
  const sku = (await img.getAttribute('aria-label'))!.match(/for (\S+)$/)![1]!;
  await page.keyboard.press('Alt+1');
  await page.getByLabel('Add item').fill(sku.toLowerCase());
  await page.getByLabel('Add item').press('Enter');
  const cart = page.getByRole('table', { name: 'Cart' });
  await expect(cart).toContainText(sku);

  await cart.getByRole('button', { name: /^Override price of / }).click();
  const form = cart.getByRole('form', { name: /^New price for / });
  await form.getByLabel(/^New unit price/).fill('5.00');
  await form.getByRole('button', { name: 'Set price' }).click();
  // No reason: refused before any manager is asked.
  await expect(page.getByRole('alert')).toHaveText('Give a reason, in a few words');
  await form.getByLabel('Reason').fill('Price match with the shop next door');
  await form.getByRole('button', { name: 'Set price' }).click();
  const approval = page.getByRole('dialog', { name: 'Manager approval' });
  await expect(approval).toContainText(/to £5\.00: Price match with the shop next door/);
  await approval.getByLabel('Manager’s PIN').fill(DEMO_STAFF.manager.pin);
  await approval.getByRole('button', { name: 'Approve' }).click();
  await expect(approval).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: 'Price changed' })).toBeVisible();
  await expect(cart.getByRole('row').nth(1)).toContainText('£5.00');
  await shot(page, '06-price-override');

  await page.getByRole('button', { name: 'Lock' }).click();
  await signIn(page, 'owner');
  await page.keyboard.press('Alt+7');
  const log = page.getByRole('region', { name: 'Audit log' });
  await log.getByRole('combobox', { name: 'Kind' }).selectOption({ label: 'Price override' });
  const row = log.getByRole('table').getByRole('row').nth(1);
  await expect(row).toContainText(DEMO_STAFF.seller.name);
  await expect(row).toContainText(DEMO_STAFF.manager.name);
  await expect(row).toContainText('to £5.00: Price match with the shop next door');
});
