import { describe, expect, it } from 'vitest';
import {
  emptyPromoForm,
  emptyRateForm,
  promoFromForm,
  promoToForm,
  shippingFromForm,
  shippingToForm,
  taxFromForm,
  taxToForm,
  type ShippingForm,
} from './ruleForms';
import {
  DEFAULT_SHIPPING_RULES,
  DEFAULT_TAX_SETTINGS,
  ShippingRulesSchema,
  TaxSettingsSchema,
} from './storeRules';

const PROMO_ID = '0190f5a0-0000-7000-8000-0000000000aa';

describe('tax form', () => {
  it('round-trips the default table and keeps region names', () => {
    const back = taxFromForm(taxToForm(DEFAULT_TAX_SETTINGS), DEFAULT_TAX_SETTINGS.rules);
    expect(back).toEqual({
      ok: true,
      value: { ...DEFAULT_TAX_SETTINGS, rules: [...DEFAULT_TAX_SETTINGS.rules] },
    });
    expect(back.ok && TaxSettingsSchema.safeParse(back.value).success).toBe(true);
  });

  it('adds a rate and refuses a tax area without one, a bad percentage or a repeated country', () => {
    const form = taxToForm(DEFAULT_TAX_SETTINGS);
    form.zone = 'GB, IM, AU';
    const missing = taxFromForm(form);
    expect(!missing.ok && missing.problems['zone']).toBe(
      'The tax area includes AU but there is no rate for it; add one',
    );
    form.rules.push({ country: 'au', region: '', name: 'GST', standard: '10%', reduced: '0' });
    const added = taxFromForm(form);
    expect(added.ok && added.value.rules.at(-1)).toEqual({
      country: 'AU',
      name: 'GST',
      standard: 10,
      reduced: 0,
    });
    form.rules.push({ country: 'AU', region: '', name: 'GST', standard: 'ten', reduced: '101' });
    const bad = taxFromForm(form);
    const last = form.rules.length - 1;
    expect(!bad.ok && bad.problems).toMatchObject({
      [`rules.${last}.standard`]: `Rate ${last + 1}: Standard rate must be a percentage such as 20 or 5.5, not “ten”`,
      [`rules.${last}.reduced`]: `Rate ${last + 1}: Reduced rate cannot be more than 100%`,
      [`rules.${last}.country`]: `Rates ${last} and ${last + 1} are both for AU; keep one`,
    });
  });
});

describe('shipping form', () => {
  it('round-trips the default rules', () => {
    const back = shippingFromForm(
      shippingToForm(DEFAULT_SHIPPING_RULES),
      'GBP',
      DEFAULT_SHIPPING_RULES.noDelivery,
    );
    expect(back.ok && back.value).toEqual(DEFAULT_SHIPPING_RULES);
    expect(back.ok && ShippingRulesSchema.safeParse(back.value).success).toBe(true);
  });

  function withIslandCourier(): ShippingForm {
    const form = shippingToForm(DEFAULT_SHIPPING_RULES);
    form.zones.push({ id: 'zone-4', name: 'Australia', kind: 'countries', countries: 'au' });
    form.methods.push({
      id: '',
      name: 'Aussie Parcel',
      carrier: 'DPD',
      dispatchDays: '1',
      minDays: '4',
      maxDays: '8',
      maxWeight: '',
      rates: [
        {
          ...emptyRateForm('zone-4'),
          kind: 'weight_bands',
          bands: '1000, 7.50\n5000 g: 12',
          freeFrom: '100',
        },
      ],
    });
    return form;
  }

  it('adds a zone and a method priced by weight bands, free over an amount', () => {
    const added = shippingFromForm(withIslandCourier(), 'GBP', []);
    expect(added.ok && added.value.methods.at(-1)).toEqual({
      id: 'aussie-parcel',
      name: 'Aussie Parcel',
      carrier: 'DPD',
      dispatchDays: 1,
      transitDays: { min: 4, max: 8 },
      rates: [
        {
          zone: 'zone-4',
          freeFrom: 10000,
          fee: {
            kind: 'weight_bands',
            bands: [
              { upToGrams: 1000, amount: 750 },
              { upToGrams: 5000, amount: 1200 },
            ],
          },
        },
      ],
    });
  });

  it('says what is wrong: bands out of order, a slow-before-fast range, a country in two zones, an empty name', () => {
    const form = withIslandCourier();
    form.methods.at(-1)!.rates[0]!.bands = '5000, 12\n1000, 7.50';
    form.methods.at(-1)!.minDays = '9';
    form.zones.at(-1)!.countries = 'AU, FR';
    form.zones[0]!.name = '';
    const refused = shippingFromForm(form, 'GBP', []);
    const m = form.methods.length - 1;
    expect(!refused.ok && refused.problems).toMatchObject({
      [`methods.${m}.rates.0.bands`]:
        'Method 6, weight bands, line 2: list bands from light to heavy (1000 g is not above 5000 g)',
      [`methods.${m}.maxDays`]:
        'Method 6: the slowest delivery (8 days) cannot be faster than the fastest (9)',
      'zones.3.countries': 'Zone 4: FR is already in Europe; a country belongs to one zone',
      'zones.0.name': 'Zone 1: give it a name, such as Europe',
    });
  });
});

describe('promo form', () => {
  it('makes a promo with a usage limit and dates, and reads it back', () => {
    const form = {
      ...emptyPromoForm(PROMO_ID),
      code: ' island 10 ',
      percent: '10',
      minSpend: '20',
      expiresOn: '2026-03-14',
      usageLimit: '100',
    };
    const made = promoFromForm(form, 'GBP');
    expect(made).toEqual({
      ok: true,
      value: {
        id: PROMO_ID,
        code: 'ISLAND10',
        kind: 'percent',
        percent: 10,
        minSpend: { amount: 2000, currency: 'GBP' },
        expiresOn: '2026-03-14',
        oncePerCustomer: false,
        usageLimit: 100,
        active: true,
      },
    });
    if (made.ok)
      expect(promoToForm(made.value)).toMatchObject({ code: 'ISLAND10', percent: '10', minSpend: '20.00' });
  });

  it('refuses a bad code, no amount, a date that is not one and an end before the start', () => {
    const refused = promoFromForm(
      {
        ...emptyPromoForm(PROMO_ID),
        code: 'x',
        kind: 'fixed',
        amount: '0',
        startsOn: '2026-05-01',
        expiresOn: '2026-04-31',
        usageLimit: '0',
      },
      'GBP',
    );
    expect(!refused.ok && refused.problems).toEqual({
      code: 'Code “X” must be 3–32 letters, digits, dashes or underscores (e.g. SPRING10)',
      amount: 'Amount off must be more than zero',
      expiresOn: 'Expires on must be a date written as YYYY-MM-DD',
      usageLimit: 'Usage limit must be a whole number of uses, 1 or more (empty for no limit)',
    });
  });
});
