// The catalogue editor's steps without the DOM: who may open it, a product with two variants saved
// in one go with its outbox entries, in-store barcodes that never repeat, sentences for bad fields.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decide, type Role } from '$shared/permissions';
import { withCheckDigit } from '$shared/barcodes';
import { OrderlineDb } from '$db/database';
import { putStoreSetting } from '$db/storeSettings';
import { BARCODE_PREFIX_KEY, ProductEditor } from './productEditor.svelte';

let db: OrderlineDb;
beforeEach(() => {
  db = new OrderlineDb(`test-${crypto.randomUUID()}`);
});
afterEach(async () => {
  await db.delete();
});

const as = (role: Role) => ({ decide: (action: 'manage_catalog') => decide(role, action) });

async function fillMug(editor: ProductEditor) {
  await editor.startNew();
  Object.assign(editor.form, { name: 'Harbour Mug', category: 'Kitchen', options: 'Colour' });
  Object.assign(editor.form.variants[0]!, {
    values: { Colour: 'Blue' },
    sku: 'MUG-BLUE',
    price: '12',
    weight: '350',
    bins: 'A-03-2',
  });
  await editor.generateBarcode(0);
  editor.addVariant();
  Object.assign(editor.form.variants[1]!, { values: { Colour: 'Red' }, sku: 'MUG-RED' });
  await editor.generateBarcode(1);
}

describe('ProductEditor', () => {
  it('refuses sellers and packers with a sentence, and opens nothing', async () => {
    for (const role of ['seller', 'packer'] as const) {
      const editor = new ProductEditor(db, as(role));
      expect(await editor.startNew()).toBe(false);
      expect(editor.open).toBe(false);
      expect(editor.notice?.text).toMatch(
        /^A (seller|packer) cannot edit the catalog; ask a manager or owner$/,
      );
    }
  });

  it('saves a product with two variants, each with its own in-store barcode, and queues them to sync', async () => {
    const editor = new ProductEditor(db, as('manager'));
    await fillMug(editor);
    // The new variant starts from the one before: price, weight and pick bin.
    expect(editor.form.variants[1]).toMatchObject({ price: '12', weight: '350', bins: 'A-03-2' });
    expect(editor.form.variants.map((v) => v.barcode)).toEqual([
      withCheckDigit('260000000001'),
      withCheckDigit('260000000002'),
    ]);
    const saved = await editor.save();
    expect(saved?.name).toBe('Harbour Mug');
    expect(editor.open).toBe(false);
    expect(await db.variants.count()).toBe(2);
    expect((await db.outbox.toArray()).map((e) => e.table).sort()).toEqual([
      'products',
      'variants',
      'variants',
    ]);

    // The next product's barcode follows the highest one stored, with the store's prefix.
    await putStoreSetting(db, BARCODE_PREFIX_KEY, '26');
    await editor.startNew();
    await editor.generateBarcode(0);
    expect(editor.form.variants[0]!.barcode).toBe(withCheckDigit('260000000003'));
  });

  it('keeps the form open with a sentence per bad field, and refuses a barcode another product has', async () => {
    const editor = new ProductEditor(db, as('owner'));
    await fillMug(editor);
    await editor.save();
    await editor.startNew();
    Object.assign(editor.form, { name: 'Harbour Jug', category: 'Kitchen' });
    Object.assign(editor.form.variants[0]!, {
      sku: 'JUG',
      price: 'twelve',
      weight: '900',
      bins: 'A-04-1',
      barcode: withCheckDigit('260000000001'),
    });
    expect(await editor.save()).toBeNull();
    expect(editor.open).toBe(true);
    expect(editor.problems['variants.0.price']).toBe(
      'Price: "twelve" is not an amount; type a number such as 12.50',
    );
    editor.form.variants[0]!.price = '18.50';
    expect(await editor.save()).toBeNull();
    expect(editor.notice?.text).toContain(
      `barcode ${withCheckDigit('260000000001')} already belongs to another product (SKU MUG-BLUE)`,
    );
    expect(await db.products.count()).toBe(1);
  });

  it('opens a stored product for editing and archives it', async () => {
    const editor = new ProductEditor(db, as('manager'));
    await fillMug(editor);
    const saved = await editor.save();
    expect(await editor.startEdit(saved!.id)).toBe(true);
    expect(editor.form.variants.map((v) => v.sku)).toEqual(['MUG-BLUE', 'MUG-RED']);
    const archived = await editor.setArchived(true);
    expect(archived?.active).toBe(false);
    expect((await db.products.get(saved!.id))?.active).toBe(false);
  });
});
