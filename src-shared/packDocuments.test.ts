import { GIFT_CARD_VARIANT_ID } from './balances';
import { describe, expect, it } from 'vitest';
import { shippingLabelZpl } from './labelZpl';
import {
  addressBlock,
  formatWeight,
  labelRefusal,
  packingSlipFor,
  parcelReference,
  parseMeasure,
  parseShipFrom,
  parseWeight,
  shippingLabelFor,
} from './packDocuments';
import type { Address, OrderLine } from './records';

const shipFrom: Address = {
  id: '0193a000-0000-7000-8000-0000000000f1',
  kind: 'shipping',
  name: 'Orderline Demo Store',
  line1: '12 Wharf Road',
  city: 'London',
  postalCode: 'n1 7gr',
  country: 'GB',
};
const shipTo: Address = {
  id: '0193a000-0000-7000-8000-0000000000f2',
  kind: 'shipping',
  name: 'Ada Lovelace',
  company: 'Analytical Ltd',
  line1: '1 Engine Street',
  city: 'Manchester',
  postalCode: 'M1 1AA',
  country: 'GB',
};
const line = (variantId: string, sku: string, quantity: number): OrderLine => ({
  id: `0193a000-0000-7000-8000-00000000${variantId.slice(-4)}`,
  variantId,
  sku,
  name: `Item ${sku}`,
  quantity,
  unitPrice: { amount: 500, currency: 'GBP' },
  taxClass: 'standard',
});
const order = {
  number: 'D1-000042',
  createdAt: '2026-11-20T10:00:00.000Z',
  customerName: 'Ada Lovelace',
  shippingAddress: shipTo,
  shippingMethod: 'Royal Mail Tracked 48',
  gift: { wrap: true, message: 'Happy birthday, Ada!' },
  lines: [
    line('0193a000-0000-7000-8000-00000000aaa1', 'MUG-1', 2),
    line('0193a000-0000-7000-8000-00000000aaa2', 'TEE-RED-M', 1),
  ],
};
const verifiedParcel = { verified: true, orderNumber: 'D1-000042', weightGrams: 1250 };

describe('ship-from address', () => {
  it('accepts a whole address and writes its postcode the country’s way', () => {
    const checked = parseShipFrom(shipFrom);
    expect(checked).toEqual({ ok: true, address: { ...shipFrom, postalCode: 'N1 7GR' } });
  });

  it.each([
    [undefined, /No ship-from address is set/],
    [{ ...shipFrom, line1: '' }, /Ship-from address: .*Address line 1/],
    [{ ...shipFrom, postalCode: '123' }, /Ship-from address: .*postcode/i],
  ])('refuses %o with a sentence', (value, reason) => {
    const checked = parseShipFrom(value);
    expect(checked.ok).toBe(false);
    expect(!checked.ok && checked.reason).toMatch(reason);
  });

  it('prints an address as its lines, empty parts left out', () => {
    expect(addressBlock(shipTo)).toEqual([
      'Ada Lovelace',
      'Analytical Ltd',
      '1 Engine Street',
      'MANCHESTER',
      'M1 1AA',
      'UNITED KINGDOM',
    ]);
  });
});

describe('weight and size as typed', () => {
  it.each([
    ['1.25', 1250],
    ['1,25 kg', 1250],
    ['850 g', 850],
    ['0.4', 400],
    ['70', 70_000],
  ])('reads %s as %i g', (typed, grams) => {
    expect(parseWeight(typed)).toEqual({ ok: true, grams });
  });

  it.each([
    ['', /Type the parcel’s weight/],
    ['heavy', /“heavy” is not a weight/],
    ['0', /weighs nothing/],
    ['71', /over the 70 kg/],
    ['-2', /not a weight/],
  ])('refuses weight %j', (typed, reason) => {
    const parsed = parseWeight(typed);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.reason).toMatch(reason);
  });

  it('takes a size of three sides in centimetres, or none', () => {
    expect(parseMeasure({ weight: '2', length: '', width: '', height: '' })).toEqual({
      ok: true,
      weightGrams: 2000,
    });
    expect(parseMeasure({ weight: '2', length: '30', width: '20.5', height: '10 cm' })).toEqual({
      ok: true,
      weightGrams: 2000,
      dimensionsCm: { length: 30, width: 20.5, height: 10 },
    });
  });

  it.each([
    [{ weight: '2', length: '30', width: '', height: '' }, 'size', /all three sides/],
    [{ weight: '2', length: '30', width: '0', height: '5' }, 'size', /Width 0 cm is not a parcel side/],
    [{ weight: '2', length: '301', width: '20', height: '5' }, 'size', /Length 301 cm/],
    [{ weight: '2', length: 'a', width: '20', height: '5' }, 'size', /Length “a” is not a length/],
    [{ weight: 'x', length: '30', width: '20', height: '5' }, 'weight', /not a weight/],
  ])('refuses %o, naming the field', (text, field, reason) => {
    const parsed = parseMeasure(text);
    expect(parsed).toMatchObject({ ok: false, field });
    expect(!parsed.ok && parsed.reason).toMatch(reason);
  });

  it('shows weights the way people say them', () => {
    expect(formatWeight(850)).toBe('850 g');
    expect(formatWeight(1250)).toBe('1.25 kg');
    expect(formatWeight(2000)).toBe('2 kg');
  });
});

describe('shipping label content', () => {
  it('carries both addresses, the carrier and the parcel barcode, and makes valid ZPL', () => {
    const content = shippingLabelFor({ order, parcel: verifiedParcel, shipFrom });
    expect(content.ok).toBe(true);
    if (!content.ok) return;
    expect(content.label).toMatchObject({
      shipFrom: { name: 'Orderline Demo Store', postalCode: 'N1 7GR' },
      shipTo: { name: 'Ada Lovelace', city: 'Manchester' },
      carrier: 'Royal Mail Tracked 48',
      parcelReference: 'D1-000042',
      weightGrams: 1250,
    });
    const zpl = shippingLabelZpl(content.label);
    expect(zpl.ok && zpl.zpl).toMatch(/^\^XA[\s\S]*Ada Lovelace[\s\S]*D1-000042\^FS\n\^XZ$/);
  });

  it('numbers an order’s later parcels', () => {
    expect(parcelReference('D1-000042', 1)).toBe('D1-000042');
    expect(parcelReference('D1-000042', 2)).toBe('D1-000042-2');
    const content = shippingLabelFor({
      order,
      parcel: verifiedParcel,
      shipFrom,
      parcelIndex: 2,
      parcelCount: 2,
    });
    expect(content.ok && content.label).toMatchObject({
      parcelReference: 'D1-000042-2',
      parcel: { index: 2, count: 2 },
    });
  });

  it('refuses a label for an unverified parcel until a manager’s override is on it', () => {
    const unverified = { verified: false, orderNumber: 'D1-000042' };
    expect(labelRefusal(unverified)).toMatch(
      /not every item .* verified: no label without a manager’s approval/i,
    );
    expect(shippingLabelFor({ order, parcel: unverified, shipFrom })).toMatchObject({ ok: false });
    const approved = {
      ...unverified,
      override: { staffId: shipFrom.id, staffName: 'Maria Manager', reason: 'MUG-1 (1 of 2) not scanned' },
    };
    expect(labelRefusal(approved)).toBeNull();
    expect(shippingLabelFor({ order, parcel: approved, shipFrom }).ok).toBe(true);
  });

  it('says what is missing instead of printing half a label', () => {
    expect(shippingLabelFor({ order, parcel: verifiedParcel, shipFrom: undefined })).toEqual({
      ok: false,
      reason: expect.stringMatching(/Settings › Documents/),
    });
    const { shippingAddress: _none, ...noAddress } = order;
    expect(shippingLabelFor({ order: noAddress, parcel: verifiedParcel, shipFrom })).toEqual({
      ok: false,
      reason: 'Order D1-000042 has no shipping address; add one to the order first',
    });
  });
});

describe('packing slip', () => {
  it('lists every line, the gift message and both addresses', () => {
    const slip = packingSlipFor({ order, shipFrom });
    expect(slip).toMatchObject({
      orderNumber: 'D1-000042',
      orderDate: '2026-11-20',
      customerName: 'Ada Lovelace',
      unitsInParcel: 3,
      toFollow: 0,
      gift: { wrap: true, message: 'Happy birthday, Ada!' },
    });
    expect(slip.lines.map((l) => [l.sku, l.ordered, l.inParcel])).toEqual([
      ['MUG-1', 2, 2],
      ['TEE-RED-M', 1, 1],
    ]);
    expect(slip.shipFrom[0]).toBe('Orderline Demo Store');
    expect(slip.shipTo).toEqual(expect.arrayContaining(['MANCHESTER', 'M1 1AA']));
  });

  it('says how many items follow on a split shipment', () => {
    const slip = packingSlipFor({
      order,
      shipFrom,
      inParcel: new Map([['0193a000-0000-7000-8000-00000000aaa1', 1]]),
    });
    expect(slip.lines.map((l) => l.inParcel)).toEqual([1, 0]);
    expect(slip.toFollow).toBe(2);
  });

  it('leaves a gift card off the slip: it is a code on the receipt, not an item to follow', () => {
    const giftCard = { ...line(GIFT_CARD_VARIANT_ID, 'GIFT-CARD', 1), name: 'Gift card' };
    const slip = packingSlipFor({ order: { ...order, lines: [...order.lines, giftCard] }, shipFrom });
    expect(slip.lines.map((l) => l.sku)).toEqual(['MUG-1', 'TEE-RED-M']);
    expect(slip).toMatchObject({ unitsInParcel: 3, toFollow: 0 });
  });
});
