import { describe, expect, it } from 'vitest';
import { customsDeclaration, leavesCustomsTerritory } from './customsDeclaration';
import type { Order } from './records';

const line = (variantId: string, sku: string, quantity: number, amount: number, discount = 0) =>
  ({
    id: `${variantId}-line`,
    variantId,
    sku,
    name: `Item ${sku}`,
    quantity,
    unitPrice: { amount, currency: 'GBP' },
    taxClass: 'standard',
    ...(discount ? { discount: { amount: discount, currency: 'GBP' } } : {}),
  }) as Order['lines'][number];

const orderTo = (country: string, lines: Order['lines']) =>
  ({
    number: 'D1-000042',
    currency: 'GBP',
    lines,
    shippingAddress: { country } as Order['shippingAddress'],
  }) as Pick<Order, 'lines' | 'currency' | 'shippingAddress' | 'number'>;

const variants = [
  { id: 'mug', weightGrams: 400, hsCode: '691200', originCountry: 'GB' },
  { id: 'tee', weightGrams: 180 },
];

describe('leavesCustomsTerritory', () => {
  it.each([
    ['GB', 'US', true],
    ['GB', 'DE', true],
    ['GB', 'IM', false],
    ['GB', 'JE', true],
    ['DE', 'FR', false],
    ['FR', 'MC', false],
    ['DE', 'CH', true],
    ['US', 'US', false],
  ])('%s → %s: %s', (from, to, expected) => {
    expect(leavesCustomsTerritory(from, to)).toBe(expected);
  });
});

describe('customsDeclaration', () => {
  it('declares what is in the parcel with HS code, origin, value after discount and weight', () => {
    const order = orderTo('US', [line('mug', 'MUG-1', 2, 1250, 500), line('tee', 'TEE-1', 1, 1500)]);
    const declaration = customsDeclaration({
      order,
      fromCountry: 'GB',
      inParcel: new Map([
        ['mug', 2],
        ['tee', 1],
      ]),
      variants,
    });
    expect(declaration).toEqual({
      form: 'CN22',
      category: 'Sale of goods',
      currency: 'GBP',
      items: [
        {
          description: 'Item MUG-1',
          quantity: 2,
          weightGrams: 800,
          value: 2000,
          hsCode: '691200',
          originCountry: 'GB',
        },
        { description: 'Item TEE-1', quantity: 1, weightGrams: 180, value: 1500 },
      ],
      totalValue: 3500,
      totalWeightGrams: 980,
      missing: ['TEE-1 has no HS code', 'TEE-1 has no country of origin'],
    });
  });

  it('declares only the units of a split parcel, and needs a CN23 above the CN22 limit', () => {
    const order = orderTo('CH', [line('mug', 'MUG-1', 30, 1250)]);
    const part = customsDeclaration({ order, fromCountry: 'GB', inParcel: new Map([['mug', 10]]), variants });
    expect(part).toMatchObject({ form: 'CN22', totalValue: 12_500, items: [{ quantity: 10 }] });
    const all = customsDeclaration({ order, fromCountry: 'GB', inParcel: new Map([['mug', 30]]), variants });
    expect(all).toMatchObject({ form: 'CN23', totalValue: 37_500 });
  });

  it('needs none inside the customs territory, or without a delivery address', () => {
    const lines = [line('mug', 'MUG-1', 1, 1250)];
    expect(
      customsDeclaration({
        order: orderTo('GB', lines),
        fromCountry: 'GB',
        inParcel: new Map([['mug', 1]]),
        variants,
      }),
    ).toBeNull();
    expect(
      customsDeclaration({
        order: { ...orderTo('GB', lines), shippingAddress: undefined },
        fromCountry: 'GB',
        inParcel: new Map(),
        variants,
      }),
    ).toBeNull();
  });
});
