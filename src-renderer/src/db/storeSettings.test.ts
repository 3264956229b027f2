// The store's settings rows: written with their outbox entry, refused with a sentence (nothing
// written) when wrong, and versioned so rules saved after a cart started never reprice it.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newId } from '$shared/ids';
import type { Address } from '$shared/records';
import { DEFAULT_STORE_PROFILE, STORE_PROFILE_KEY } from '$shared/storeProfile';
import { DEFAULT_SHIPPING_RULES, DEFAULT_TAX_SETTINGS, PROMOS_KEY, TAX_RULES_KEY } from '$shared/storeRules';
import { ValidationError } from '$shared/validation';
import { emptyDraft, priceSale } from '$lib/sale';
import { OrderlineDb } from './database';
import { SHIP_FROM_KEY } from '$shared/packDocuments';
import { loadShipFrom, saveShipFrom } from '$lib/packBench';
import { queueUpload } from '../sync/storeSetup';
import {
  loadCarriers,
  loadPromos,
  loadStoreProfile,
  loadStoreSetting,
  loadStoreRules,
  saveCarriers,
  savePromo,
  saveShippingRules,
  saveStoreProfile,
  saveTaxSettings,
  storeCountry,
} from './storeSettings';
import { mugCart } from './testFixtures';
import { settingRecordId } from '$shared/syncedRecords';

let db: OrderlineDb;
beforeEach(() => {
  db = new OrderlineDb(`test-${crypto.randomUUID()}`);
});
afterEach(async () => {
  await db.delete();
});

const profile = {
  name: 'Harbour Goods',
  address: '1 Quay Street\nFalmouth TR11 3HH',
  vatNumber: 'GB 123 4567 89',
  footer: 'Returns within 30 days with this receipt.',
  currency: 'GBP',
  locale: 'en-GB',
  timeZone: 'Europe/London',
};

describe('store profile', () => {
  it('stands in with the defaults until saved, then is stored with an outbox entry keyed by the UUIDv5 of its name', async () => {
    expect(await loadStoreProfile(db)).toEqual(DEFAULT_STORE_PROFILE);
    await saveStoreProfile(db, profile);
    expect(await loadStoreProfile(db)).toEqual(profile);
    const [entry] = await db.outbox.toArray();
    expect(entry).toMatchObject({
      kind: 'record.put',
      table: 'settings',
      recordId: settingRecordId(STORE_PROFILE_KEY),
      payload: { key: STORE_PROFILE_KEY, value: profile },
      state: 'pending',
    });
  });

  it('refuses an unknown time zone, locale or currency with sentences and writes nothing', async () => {
    const attempt = saveStoreProfile(db, {
      ...profile,
      timeZone: 'Mars/Olympus',
      locale: 'xx_yy!',
      currency: 'pounds',
    });
    await expect(attempt).rejects.toThrow(ValidationError);
    await expect(attempt).rejects.toThrow('Time zone must be one such as Europe/London or America/New_York');
    await expect(attempt).rejects.toThrow('Locale must be a language and region such as en-GB');
    await expect(attempt).rejects.toThrow('three-letter ISO 4217 currency code');
    expect(await db.settings.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
  });
});

describe('rules reach new carts only', () => {
  const sydney: Address = {
    id: newId(),
    kind: 'shipping',
    name: 'Ada Lovelace',
    line1: '1 Macquarie Street',
    city: 'Sydney',
    region: 'NSW',
    postalCode: '2000',
    country: 'AU',
  };

  it('prices a cart started before a tax and shipping change by the old rules, and a newer cart by the new', async () => {
    const { order } = await mugCart(db, 2);
    const before = { ...order, createdAt: '2026-03-14T09:00:00.000Z' };
    const after = { ...order, createdAt: '2026-03-14T11:00:00.000Z' };
    const draft = { ...emptyDraft(), shippingAddress: sydney };
    const now = new Date('2026-03-14T12:00:00Z');
    const old = await priceSale(db, before, draft, now);

    await saveTaxSettings(
      db,
      {
        ...DEFAULT_TAX_SETTINGS,
        zone: ['GB', 'IM', 'AU'],
        rules: [...DEFAULT_TAX_SETTINGS.rules, { country: 'AU', name: 'GST', standard: 10, reduced: 0 }],
      },
      '2026-03-14T10:00:00.000Z',
    );
    await saveShippingRules(
      db,
      {
        ...DEFAULT_SHIPPING_RULES,
        zones: [
          ...DEFAULT_SHIPPING_RULES.zones,
          { id: 'au', name: 'Australia', kind: 'countries', countries: ['AU'] },
        ],
        methods: [
          ...DEFAULT_SHIPPING_RULES.methods,
          {
            id: 'aussie-parcel',
            name: 'Aussie Parcel',
            carrier: 'DPD',
            dispatchDays: 1,
            transitDays: { min: 4, max: 8 },
            rates: [{ zone: 'au', fee: { kind: 'flat', amount: 750 } }],
          },
        ],
      },
      '2026-03-14T10:00:00.000Z',
    );

    const kept = await priceSale(db, before, draft, now);
    expect(kept.pricing.total).toEqual(old.pricing.total);
    expect(kept.pricing.taxLines.map((t) => t.label)).toEqual(['Export (zero-rated)']);
    expect(kept.quotes.map((q) => q.name)).not.toContain('Aussie Parcel');

    const fresh = await priceSale(db, after, draft, now);
    expect(fresh.quotes[0]).toMatchObject({ name: 'Aussie Parcel', fee: { amount: 750, currency: 'GBP' } });
    expect(fresh.pricing.taxLines.map((t) => t.label)).toContain('GST 10%');
    expect(fresh.pricing.total.amount).toBe(2 * 1250 + 750);
  });

  it('keeps the versions in order and falls back to the defaults before the first change', async () => {
    await saveTaxSettings(db, { ...DEFAULT_TAX_SETTINGS, basis: 'exclusive' }, '2026-01-01T00:00:00.000Z');
    await saveTaxSettings(db, DEFAULT_TAX_SETTINGS, '2026-02-01T00:00:00.000Z');
    expect((await loadStoreRules(db, '2025-12-31T00:00:00.000Z')).tax.basis).toBe('inclusive');
    expect((await loadStoreRules(db, '2026-01-15T00:00:00.000Z')).tax.basis).toBe('exclusive');
    expect((await loadStoreRules(db, '2026-02-15T00:00:00.000Z')).tax.basis).toBe('inclusive');
    const stored = (await db.settings.get(TAX_RULES_KEY))?.value as { versions: unknown[] };
    expect(stored.versions).toHaveLength(2);
    expect(await db.outbox.where('recordId').equals(settingRecordId(TAX_RULES_KEY)).count()).toBe(2);
  });
});

describe('shipping, carriers and promo codes', () => {
  it('refuses a method whose carrier the store does not list, and a carrier still in use', async () => {
    const rules = {
      ...DEFAULT_SHIPPING_RULES,
      methods: [{ ...DEFAULT_SHIPPING_RULES.methods[0]!, carrier: 'Evri' }],
    };
    await expect(saveShippingRules(db, rules)).rejects.toThrow(
      "Royal Mail Tracked 48 ships with Evri, which is not in the store's carriers; add it there first",
    );
    expect(await loadCarriers(db)).toEqual(['Royal Mail', 'DPD', 'DHL']);
    await expect(saveCarriers(db, ['Royal Mail', 'DHL'])).rejects.toThrow('DPD Next Day ships with DPD');
    await saveCarriers(db, ['Royal Mail', 'DPD', 'DHL', 'Evri']);
    await saveShippingRules(db, rules);
    expect((await loadStoreRules(db)).shipping.methods.map((m) => m.carrier)).toEqual(['Evri']);
  });

  it('refuses a second promo with the same code, and replaces one edited by id', async () => {
    const id = newId();
    const promo = {
      id,
      code: 'ISLAND10',
      kind: 'percent',
      percent: 10,
      oncePerCustomer: false,
      active: true,
    };
    await savePromo(db, promo);
    await expect(savePromo(db, { ...promo, id: newId() })).rejects.toThrow(
      'code ISLAND10 already exists; edit that one instead',
    );
    await savePromo(db, { ...promo, percent: 15 });
    expect((await loadPromos(db)).map((p) => (p.kind === 'percent' ? p.percent : null))).toEqual([15]);
    // The edit is a new version; the old one stays for carts started before it.
    const stored = (await db.settings.get(PROMOS_KEY))?.value as { percent: number }[];
    expect(stored.map((p) => p.percent)).toEqual([10, 15]);
  });

  it('keeps an open cart’s promo terms through an edit of the code; a newer cart gets the new terms', async () => {
    const { order } = await mugCart(db, 2);
    const before = { ...order, createdAt: '2026-03-14T09:00:00.000Z' };
    const after = { ...order, createdAt: '2026-03-14T11:00:00.000Z' };
    const draft = { ...emptyDraft(), promoCode: 'spring' };
    const now = new Date('2026-03-14T12:00:00Z');
    const promo = {
      id: newId(),
      code: 'SPRING',
      kind: 'percent',
      percent: 10,
      oncePerCustomer: false,
      active: true,
    };
    await savePromo(db, promo, '2026-03-14T08:00:00.000Z');
    const old = await priceSale(db, before, draft, now);
    expect(old.pricing.promo?.code).toBe('SPRING');

    await savePromo(db, { ...promo, percent: 50 }, '2026-03-14T10:00:00.000Z');
    const still = await priceSale(db, before, draft, now);
    expect(still.pricing.discounts.promo).toEqual(old.pricing.discounts.promo);
    expect(still.pricing.total).toEqual(old.pricing.total);
    const newer = await priceSale(db, after, draft, now);
    expect(newer.pricing.discounts.promo.amount).toBe(old.pricing.discounts.promo.amount * 5);

    // A code made after a cart started reaches it with the terms it was made with.
    const late = {
      id: newId(),
      code: 'LATE',
      kind: 'percent',
      percent: 20,
      oncePerCustomer: false,
      active: true,
    };
    await savePromo(db, late, '2026-03-14T10:30:00.000Z');
    await savePromo(db, { ...late, percent: 90 }, '2026-03-14T10:45:00.000Z');
    const lateOld = await priceSale(db, before, { ...draft, promoCode: 'LATE' }, now);
    expect(lateOld.pricing.discounts.promo.amount).toBe(old.pricing.discounts.promo.amount * 2);
  });
});

describe('store settings kept on a desk before they synced', () => {
  const shipFrom: Address = {
    id: newId(),
    kind: 'shipping',
    name: 'Harbour Goods',
    line1: '1 Quay Street',
    city: 'Falmouth',
    postalCode: 'TR11 3HH',
    country: 'GB',
  };

  it('are read from their old key until saved, then saved under store.… with an outbox entry', async () => {
    await db.settings.put({ key: 'shipFrom', value: shipFrom });
    expect(await loadShipFrom(db)).toEqual({ ok: true, address: shipFrom });
    expect(await loadStoreSetting(db, SHIP_FROM_KEY)).toEqual(shipFrom);

    const moved = { ...shipFrom, line1: '2 Quay Street' };
    await saveShipFrom(db, moved);
    expect((await db.settings.get(SHIP_FROM_KEY))?.value).toEqual(moved);
    expect(await loadStoreSetting(db, SHIP_FROM_KEY)).toEqual(moved);
    const [entry] = await db.outbox.toArray();
    expect(entry).toMatchObject({
      table: 'settings',
      recordId: settingRecordId(SHIP_FROM_KEY),
      payload: { key: 'store.shipFrom', value: moved },
    });
  });

  it('go up under their new names when a store is created from the desk', async () => {
    await db.settings.bulkPut([
      { key: 'shipFrom', value: shipFrom },
      { key: 'autoLockMinutes', value: 7 },
      { key: 'promos', value: [] },
      { key: PROMOS_KEY, value: [] },
      { key: 'scanner', value: { maxGapMs: 30 } },
    ]);
    await queueUpload(db);
    const keys = (await db.outbox.filter((e) => e.table === 'settings').toArray()).map(
      (e) => (e.payload as { key: string }).key,
    );
    expect(keys.sort()).toEqual(['store.autoLockMinutes', 'store.promos', 'store.shipFrom']);
  });
});

describe('storeCountry', () => {
  it('is where the store ships from: GB until the store saves rules from elsewhere', async () => {
    expect(await storeCountry(db)).toBe('GB');
    await saveShippingRules(db, { ...DEFAULT_SHIPPING_RULES, origin: 'IE' });
    expect(await storeCountry(db)).toBe('IE');
  });
});
