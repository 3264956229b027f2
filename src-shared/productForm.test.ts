import { describe, expect, it } from 'vitest';
import { withCheckDigit } from './barcodes';
import {
  checkInStorePrefix,
  checkProductForm,
  emptyProductForm,
  emptyVariantForm,
  inStorePrefixes,
  nextInStoreBarcode,
  productToForm,
  type ProductForm,
} from './productForm';

function mugForm(): ProductForm {
  return {
    ...emptyProductForm(),
    name: 'Harbour Mug',
    category: 'Kitchen',
    options: 'Colour',
    variants: [
      {
        ...emptyVariantForm(),
        values: { Colour: 'Blue' },
        sku: 'mug-blue',
        barcode: withCheckDigit('260000000001'),
        price: '12.00',
        costPrice: '4.10',
        weight: '350',
        length: '12',
        width: '9',
        height: '10.5',
        bins: 'a-03-2, C-11-1',
        reorderPoint: '5',
      },
      {
        ...emptyVariantForm(),
        values: { Colour: 'Red' },
        sku: 'MUG-RED',
        barcode: withCheckDigit('260000000002'),
        price: '12',
        weight: '350',
        bins: 'A-03-3',
      },
    ],
  };
}

/** The rows a good form saves, as the catalogue stores them (ids and times given). */
function stored(checked: ReturnType<typeof checkProductForm>) {
  if (!checked.ok) throw new Error('expected a good form');
  const now = new Date().toISOString();
  const id = '0190f5a0-0000-7000-8000-000000000001';
  const product = { ...checked.product, id, searchWords: [], createdAt: now, updatedAt: now };
  const variants = checked.variants.map((v, i) => ({
    ...v,
    id: `0190f5a0-0000-7000-8000-00000000001${i}`,
    productId: id,
    createdAt: now,
    updatedAt: now,
  }));
  return { product, variants };
}

describe('checkProductForm', () => {
  it('turns a good form into rows: SKU upper-cased, money in minor units, bins split, dimensions kept', () => {
    const checked = checkProductForm(mugForm(), 'GBP');
    expect(checked.ok).toBe(true);
    if (!checked.ok) return;
    expect(checked.product).toMatchObject({ name: 'Harbour Mug', options: ['Colour'], taxClass: 'standard' });
    expect(checked.variants[0]).toMatchObject({
      sku: 'MUG-BLUE',
      attributes: { Colour: 'Blue' },
      price: { amount: 1200, currency: 'GBP' },
      costPrice: { amount: 410, currency: 'GBP' },
      weightGrams: 350,
      dimensionsCm: { length: 12, width: 9, height: 10.5 },
      bin: 'A-03-2',
      overflowBins: ['C-11-1'],
      reorderPoint: 5,
    });
    expect(checked.variants[1]).not.toHaveProperty('costPrice');
  });

  it('says what is wrong with each field, in a sentence under it', () => {
    const form = mugForm();
    form.name = ' ';
    form.variants[0]!.price = '-3';
    form.variants[0]!.weight = '1.5';
    form.variants[0]!.bins = 'shelf 3';
    form.variants[0]!.reorderPoint = '-1';
    form.variants[1]!.barcode = '2600000000029';
    form.variants[1]!.length = '10';
    form.variants[1]!.values = { Colour: '' };
    const checked = checkProductForm(form, 'GBP');
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.problems).toMatchObject({
      name: 'Give the product a name, as customers and receipts will read it',
      'variants.0.price': 'Price: "-3" is negative; enter an amount of zero or more',
      'variants.0.weight': 'Weight must be a whole number of grams, not “1.5”',
      'variants.0.bins': 'Bin “SHELF” must look like A-03-2 (aisle-bay-shelf)',
      'variants.0.reorderPoint': 'Reorder point cannot be negative',
      'variants.1.barcode': expect.stringContaining('wrong check digit'),
      'variants.1.length': 'Give all three dimensions (length, width, height) or none',
      'variants.1.value.Colour': 'Give variant 2 a colour',
    });
  });

  it('refuses the same SKU twice in any case, and the same GTIN by value (UPC-A and EAN-13)', () => {
    const form = mugForm();
    form.variants[1]!.sku = 'Mug-Blue';
    const upc = withCheckDigit('03600029145');
    form.variants[0]!.barcode = upc;
    form.variants[1]!.barcode = `0${upc}`;
    const checked = checkProductForm(form, 'GBP');
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.problems['variants.1.sku']).toBe('SKU MUG-BLUE is also given to variant 1');
    expect(checked.problems['variants.1.barcode']).toBe(`Barcode 0${upc} is the same code as variant 1's`);
  });

  it('refuses two variants with the same option values, and variants without options', () => {
    const same = mugForm();
    same.variants[1]!.values = { Colour: 'blue' };
    const checked = checkProductForm(same, 'GBP');
    expect(!checked.ok && checked.problems['variants.1.value.Colour']).toBe('Variants 1 and 2 are both blue');
    const noOptions = mugForm();
    noOptions.options = '';
    const refused = checkProductForm(noOptions, 'GBP');
    expect(!refused.ok && refused.problems['options']).toContain('Name what the variants differ by');
  });

  it('asks a product sold by weight for the scale’s item code, and no weight per unit', () => {
    const form = mugForm();
    form.soldByWeight = true;
    form.variants = [{ ...form.variants[0]!, weight: '' }];
    const refused = checkProductForm(form, 'GBP');
    expect(!refused.ok && refused.problems['variants.0.barcode']).toContain("the scale's item code");
    form.variants[0]!.barcode = withCheckDigit('230004200000');
    expect(checkProductForm(form, 'GBP').ok).toBe(true);
  });

  it('round-trips a stored product through the form', () => {
    const checked = checkProductForm(mugForm(), 'GBP');
    const { product, variants } = stored(checked);
    const again = checkProductForm(productToForm(product, variants), 'GBP');
    expect(again.ok && again.variants.map((v) => v.price.amount)).toEqual([1200, 1200]);
    expect(again.ok && again.variants[0]?.overflowBins).toEqual(['C-11-1']);
  });
});

describe('case codes and customs fields', () => {
  // Cases of 6 and 12 of the blue mug: indicators 1 and 2 wrapping its own EAN-13.
  const sixPack = withCheckDigit('1260000000001');
  const dozen = withCheckDigit('2260000000001');

  it('keeps case codes with their units, the HS code without dots and the country upper-cased', () => {
    const form = mugForm();
    Object.assign(form.variants[0]!, {
      caseCodes: `${sixPack} × 6, ${dozen} x 12`,
      hsCode: '6912.00',
      originCountry: 'gb',
    });
    const checked = checkProductForm(form, 'GBP');
    expect(checked.ok && checked.variants[0]).toMatchObject({
      caseCodes: [
        { code: sixPack, quantity: 6 },
        { code: dozen, quantity: 12 },
      ],
      hsCode: '691200',
      originCountry: 'GB',
    });
    expect(checked.ok && 'caseCodes' in checked.variants[1]!).toBe(false);
  });

  it('says what is wrong with a case code, an HS code or a country, in a sentence', () => {
    const problemsOf = (fields: Partial<ReturnType<typeof emptyVariantForm>>) => {
      const form = mugForm();
      Object.assign(form.variants[0]!, fields);
      const checked = checkProductForm(form, 'GBP');
      return checked.ok ? {} : checked.problems;
    };
    expect(problemsOf({ caseCodes: sixPack })['variants.0.caseCodes']).toBe(
      `Write “${sixPack}” as the case code and its units, e.g. 15012345000012 × 6`,
    );
    expect(problemsOf({ caseCodes: '12345678901234 × 6' })['variants.0.caseCodes']).toMatch(
      /^12345678901234 is not a case code: a case code is 14 digits starting 1–8/,
    );
    // A case of the red mug is not a case of the blue one.
    const redCase = withCheckDigit('1260000000002');
    expect(problemsOf({ caseCodes: `${redCase} × 6` })['variants.0.caseCodes']).toBe(
      `${redCase} is a case of barcode ${withCheckDigit('260000000002')}, not of this item's barcode`,
    );
    expect(problemsOf({ caseCodes: `${sixPack} × 1` })['variants.0.caseCodes']).toBe(
      `A case holds 2 to 9,999 units; ${sixPack} says 1`,
    );
    expect(problemsOf({ caseCodes: `${sixPack} × 6, ${sixPack} × 6` })['variants.0.caseCodes']).toBe(
      `${sixPack} is listed twice`,
    );
    expect(problemsOf({ hsCode: '69-12' })['variants.0.hsCode']).toBe(
      'HS code “69-12” must be 6 to 10 digits (dots and spaces are fine), e.g. 6912.00',
    );
    expect(problemsOf({ originCountry: 'XX' })['variants.0.originCountry']).toMatch(
      /^“XX” is not a country code: give the two letters of the country it was made in/,
    );
    expect(problemsOf({ originCountry: 'UK' })['variants.0.originCountry']).toBe(
      'Customs forms write the United Kingdom as GB, not UK',
    );
  });

  it('round-trips case codes and customs fields through the stored variant', () => {
    const form = mugForm();
    Object.assign(form.variants[0]!, { caseCodes: `${sixPack} × 6`, hsCode: '691200', originCountry: 'PT' });
    const checked = checkProductForm(form, 'GBP');
    const { product, variants } = stored(checked);
    expect(productToForm(product, variants).variants[0]).toMatchObject({
      caseCodes: `${sixPack} × 6`,
      hsCode: '691200',
      originCountry: 'PT',
    });
  });
});

describe('in-store barcodes', () => {
  it('never uses a label-scale prefix', () => {
    expect(inStorePrefixes()).toEqual(['26', '27', '28', '29']);
    expect(checkInStorePrefix('23')).toBe("Prefix 23 is the label scale's; choose one of 26, 27, 28, 29");
    expect(checkInStorePrefix('40')).toContain('from 20 to 29');
    expect(nextInStoreBarcode('21', undefined)).toEqual({
      ok: false,
      message: expect.stringContaining('scale'),
    });
  });

  it('counts up from the highest code used, with a right check digit', () => {
    expect(nextInStoreBarcode('26', undefined)).toEqual({ ok: true, code: withCheckDigit('260000000001') });
    expect(nextInStoreBarcode('26', withCheckDigit('260000000041'))).toEqual({
      ok: true,
      code: withCheckDigit('260000000042'),
    });
    expect(nextInStoreBarcode('26', withCheckDigit('269999999999')).ok).toBe(false);
  });
});
