// Settings › store editors without the DOM: refused to sellers, sentences for bad input with
// nothing saved, and saved rules read back by the next cart.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decide, type Role } from '$shared/permissions';
import { OrderlineDb } from '$db/database';
import { loadStoreProfile, loadStoreRules } from '$db/storeSettings';
import { CarrierEditor, ProfileEditor, PromoEditor, ShippingEditor, TaxEditor } from './storeSettings.svelte';

let db: OrderlineDb;
beforeEach(() => {
  db = new OrderlineDb(`test-${crypto.randomUUID()}`);
});
afterEach(async () => {
  await db.delete();
});

const as = (role: Role) => ({ decide: (action: 'manage_settings') => decide(role, action) });

describe('store settings editors', () => {
  it('refuse a seller with a sentence and save nothing', async () => {
    const editor = new ProfileEditor(db, as('seller'));
    await editor.load();
    editor.form.name = 'Mine now';
    expect(await editor.save()).toBe(false);
    expect(editor.notice).toEqual({
      ok: false,
      text: 'A seller cannot change settings; ask a manager or owner',
    });
    expect(await db.settings.count()).toBe(0);
  });

  it('save the store profile and the in-store barcode prefix, refusing the scale’s prefix', async () => {
    const editor = new ProfileEditor(db, as('owner'));
    await editor.load();
    expect(editor.barcodePrefix).toBe('26');
    editor.form.name = 'Harbour Goods';
    editor.form.timeZone = 'Pacific/Auckland';
    editor.barcodePrefix = '23';
    expect(await editor.save()).toBe(false);
    expect(editor.problems['barcodePrefix']).toBe(
      "Prefix 23 is the label scale's; choose one of 26, 27, 28, 29",
    );
    editor.barcodePrefix = '27';
    expect(await editor.save()).toBe(true);
    expect(await loadStoreProfile(db)).toMatchObject({ name: 'Harbour Goods', timeZone: 'Pacific/Auckland' });
  });

  it('add a tax rate, a zone with a method, a carrier and a promo code', async () => {
    const tax = new TaxEditor(db, as('manager'));
    await tax.load();
    tax.form.zone = 'GB, IM, AU';
    tax.addRate();
    Object.assign(tax.form.rules.at(-1)!, { country: 'AU', name: 'GST', standard: '10' });
    expect(await tax.save()).toBe(true);

    const carriers = new CarrierEditor(db, as('manager'));
    await carriers.load();
    carriers.typed = 'Evri';
    expect(await carriers.add()).toBe(true);
    carriers.typed = 'evri';
    expect(await carriers.add()).toBe(false);
    expect(carriers.notice?.text).toBe('Carrier not saved: Evri is already listed');

    const shipping = new ShippingEditor(db, as('manager'));
    await shipping.load();
    shipping.addZone();
    Object.assign(shipping.form.zones.at(-1)!, { name: 'Australia', countries: 'AU' });
    shipping.addMethod();
    const method = shipping.form.methods.at(-1)!;
    Object.assign(method, { name: 'Aussie Parcel', carrier: 'Evri' });
    Object.assign(method.rates[0]!, { zone: shipping.form.zones.at(-1)!.id, amount: '7.50' });
    expect(await shipping.save()).toBe(true);
    // A zone still priced by a method cannot be removed.
    shipping.removeZone(shipping.form.zones.length - 1);
    expect(shipping.notice?.text).toBe('Australia still has prices in Aussie Parcel; remove those first');

    const rules = await loadStoreRules(db);
    expect(rules.tax.zone).toEqual(['GB', 'IM', 'AU']);
    expect(rules.shipping.methods.at(-1)).toMatchObject({ name: 'Aussie Parcel', carrier: 'Evri' });

    const promos = new PromoEditor(db, as('owner'));
    await promos.load();
    Object.assign(promos.form, { code: 'island10', percent: '10', expiresOn: '2026-03-14' });
    expect(await promos.save()).toBe(true);
    expect(promos.promos.map((p) => p.code)).toEqual(['ISLAND10']);
    promos.form.code = 'x';
    expect(await promos.save()).toBe(false);
    expect(promos.problems['code']).toContain('must be 3–32 letters');
  });
});
