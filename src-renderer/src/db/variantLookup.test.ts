// One scan, one answer: the same code finds the same item in Sell's search, Stock's look-up and the
// catalogue's uniqueness check, whether a UPC-A is scanned as 12, 13 or 14 digits; a case code
// counts its pack where the catalogue gives one.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withCheckDigit } from '$shared/barcodes';
import { saveProduct } from './catalogWrites';
import { OrderlineDb } from './database';
import { searchProducts } from './queries';
import { findScanned } from './stockItems';
import { findVariantByCode, findVariantByScan } from './variantLookup';

const UPC = '036000291452';
const CASE_OF_6 = withCheckDigit('1003600029145');
const CASE_OF_12 = withCheckDigit('2003600029145');

let db: OrderlineDb;
beforeEach(async () => {
  db = new OrderlineDb(`test-${crypto.randomUUID()}`);
  await saveProduct(
    db,
    {
      name: 'Soap',
      category: 'Home',
      taxClass: 'standard',
      options: [],
      allowBackorder: false,
      active: true,
    },
    [
      {
        sku: 'SOAP-1',
        barcode: UPC,
        attributes: {},
        price: { amount: 300, currency: 'GBP' },
        weightGrams: 100,
        bin: 'A-01-1',
        caseCodes: [{ code: CASE_OF_6, quantity: 6 }],
      },
    ],
  );
});
afterEach(async () => {
  await db.delete();
});

describe('findVariantByCode', () => {
  it.each([UPC, `0${UPC}`, `00${UPC}`])('finds the UPC-A item scanned as %s', async (code) => {
    expect(await findVariantByCode(db, code)).toMatchObject({
      kind: 'item',
      variant: { sku: 'SOAP-1' },
      quantity: 1,
    });
  });

  it('finds a case code as its pack of the item', async () => {
    expect(await findVariantByCode(db, CASE_OF_6)).toMatchObject({
      kind: 'item',
      variant: { sku: 'SOAP-1' },
      quantity: 6,
      via: 'case',
    });
  });

  it('names the item of a case the catalogue gives no quantity for, and finds nothing for an unknown code', async () => {
    expect(await findVariantByCode(db, CASE_OF_12)).toMatchObject({
      kind: 'case-unknown',
      message: expect.stringContaining(`${CASE_OF_12} is a case of SOAP-1`),
    });
    expect(await findVariantByCode(db, withCheckDigit('400638133393'))).toBeNull();
  });

  it('finds a SKU typed in lower case', async () => {
    expect(await findVariantByCode(db, 'soap-1')).toMatchObject({ via: 'sku', variant: { sku: 'SOAP-1' } });
  });
});

describe('findVariantByScan', () => {
  it('finds a weighed label by its base code, and any other code as findVariantByCode does', async () => {
    const base = withCheckDigit('230004200000');
    await saveProduct(
      db,
      {
        name: 'Cheddar',
        category: 'Deli',
        taxClass: 'standard',
        options: [],
        allowBackorder: false,
        active: true,
      },
      [
        {
          sku: 'CHED-KG',
          barcode: base,
          attributes: {},
          price: { amount: 1200, currency: 'GBP' },
          weightGrams: 1000,
          bin: 'D-01-1',
        },
      ],
    );
    // 1.250 kg on the label: the code differs from the catalogue's, the item is the same.
    expect(await findVariantByCode(db, withCheckDigit('230004201250'))).toBeNull();
    expect(await findVariantByScan(db, withCheckDigit('230004201250'))).toMatchObject({
      kind: 'item',
      variant: { sku: 'CHED-KG' },
    });
    expect(await findVariantByScan(db, CASE_OF_6)).toMatchObject({ quantity: 6, via: 'case' });
    expect(await findVariantByScan(db, 'soap-1')).toMatchObject({ variant: { sku: 'SOAP-1' } });
  });
});

describe('the same answer on every bench', () => {
  it('Sell’s search finds the item by any form of its GTIN and by its case code', async () => {
    for (const code of [UPC, `0${UPC}`, `00${UPC}`, CASE_OF_6]) {
      const [match] = await searchProducts(db, code);
      expect(match).toMatchObject({ matchedBy: 'barcode', product: { name: 'Soap' } });
    }
  });

  it('Stock counts a case as its pack quantity, times the number typed before the scan', async () => {
    expect(await findScanned(db, `0${UPC}`, '')).toMatchObject({ ok: true, quantity: 1 });
    expect(await findScanned(db, CASE_OF_6, '')).toMatchObject({ ok: true, quantity: 6 });
    expect(await findScanned(db, CASE_OF_6, '2')).toMatchObject({ ok: true, quantity: 12 });
    expect(await findScanned(db, CASE_OF_12, '')).toMatchObject({ ok: false });
  });

  it('the catalogue refuses the same GTIN written another way for another product', async () => {
    await expect(
      saveProduct(
        db,
        {
          name: 'Other',
          category: 'Home',
          taxClass: 'standard',
          options: [],
          allowBackorder: false,
          active: true,
        },
        [
          {
            sku: 'OTHER-1',
            barcode: `0${UPC}`,
            attributes: {},
            price: { amount: 300, currency: 'GBP' },
            weightGrams: 100,
            bin: 'A-01-1',
          },
        ],
      ),
    ).rejects.toThrow(`barcode 0${UPC} already belongs to another product (SKU SOAP-1)`);
  });
});
