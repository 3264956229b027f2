// The catalogue editor's case codes and customs fields, as a manager keys them: a case of 6 of a
// mug with its HS code and country of origin, a wrong country told in a sentence and nothing lost,
// the values kept when the product opens again, and a scan of the case adding all 6 at Sell.
import { expect, test, type Page } from '@playwright/test';
import { catalogItem, loadDemo, scan } from './support';

/** The GTIN check digit of `body` (any length): weights 3, 1, 3… from the right. */
function withCheckDigit(body: string): string {
  const sum = [...body].reverse().reduce((s, d, i) => s + Number(d) * (i % 2 === 0 ? 3 : 1), 0);
  return body + String((10 - (sum % 10)) % 10);
}

async function openEditor(page: Page, name: string) {
  await page.getByRole('button', { name: 'Edit product' }).click();
  const dialog = page.getByRole('dialog', { name: `Edit ${name}` });
  await expect(dialog).toBeVisible();
  return dialog;
}

test('a case code with its units, an HS code and a country of origin are kept, and a case scan sells 6', async ({
  page,
}) => {
  await loadDemo(page, { as: 'manager' });
  await page.keyboard.press('Alt+5');
  const mug = await catalogItem(page, 'mug');
  // A case of 6 of this very item: indicator 1 and the item's own digits.
  const sixPack = withCheckDigit(`1${mug.barcode.slice(0, 12)}`);

  const dialog = await openEditor(page, mug.name);
  const variant = dialog.getByRole('group', { name: 'Variant 1' });
  await variant.getByLabel('Case codes').fill(`${sixPack} × 6`);
  await variant.getByLabel('HS code').fill('6912.00');
  await variant.getByLabel('Country of origin').fill('UK');
  await variant.getByLabel('Country of origin').press('Enter');
  await expect(variant.getByText('Customs forms write the United Kingdom as GB, not UK')).toBeVisible();
  await expect(variant.getByLabel('Country of origin')).toBeFocused();
  await expect(variant.getByLabel('Case codes')).toHaveValue(`${sixPack} × 6`);
  await page.screenshot({ path: 'screenshots/catalog-case-customs-01-refused.png' });
  await variant.getByLabel('Country of origin').fill('GB');
  await variant.getByLabel('Country of origin').press('Enter');
  await expect(dialog).toBeHidden();

  const again = await openEditor(page, mug.name);
  const kept = again.getByRole('group', { name: 'Variant 1' });
  await expect(kept.getByLabel('Case codes')).toHaveValue(`${sixPack} × 6`);
  await expect(kept.getByLabel('HS code')).toHaveValue('691200');
  await expect(kept.getByLabel('Country of origin')).toHaveValue('GB');
  await page.keyboard.press('Escape');
  await expect(again).toBeHidden();

  // At Sell, the case's barcode adds the 6 mugs it holds.
  await page.keyboard.press('Alt+1');
  await page.getByLabel('Add item').focus();
  await scan(page, sixPack);
  const cart = page.getByRole('table', { name: 'Cart' });
  await expect(cart).toContainText(mug.sku);
  await expect(
    cart
      .getByRole('row')
      .filter({ hasText: mug.sku })
      .getByLabel(/^Quantity of /),
  ).toHaveValue('6');
});
