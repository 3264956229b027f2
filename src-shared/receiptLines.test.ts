import { describe, expect, it } from 'vitest';
import type { Order } from './records';
import { discountParts, discountRows, paymentRows, subtotalAfterLineDiscounts, vatRow } from './receiptLines';
import { DEFAULT_STORE_PROFILE, receiptHeader } from './storeProfile';

const gbp = (amount: number) => ({ amount, currency: 'GBP' });
const base = {
  currency: 'GBP',
  lines: [
    { id: 'l1', quantity: 2, unitPrice: gbp(1500), discount: gbp(150) },
    { id: 'l2', quantity: 1, unitPrice: gbp(2000) },
  ],
  totals: { subtotal: 5000, discount: 650, shipping: 0, tax: 725, total: 4350, paid: 4350, refunded: 0 },
  payments: [],
} as unknown as Order;

describe('receipt lines', () => {
  it('labels each discount as what it is: the order discount, the promo; a line markdown stays on its line', () => {
    const order = { ...base, orderDiscount: gbp(200), promoCode: 'WELCOME10' } as Order;
    expect(discountParts(order)).toEqual({ lines: 150, order: 200, promo: 300 });
    expect(discountRows(order)).toEqual([
      { label: 'Order discount', amount: '−£2.00' },
      { label: 'Promo WELCOME10', amount: '−£3.00' },
    ]);
    expect(subtotalAfterLineDiscounts(order)).toBe(4850);
    // A line markdown alone is never called a promotion, nor counted twice.
    const lineOnly = { ...base, totals: { ...base.totals, discount: 150 } } as Order;
    expect(discountRows(lineOnly)).toEqual([]);
  });

  it('caps the order discount where it took the goods to nothing', () => {
    // £50.00 of goods, £1.50 off a line, a £60.00 order discount: only £48.50 of it applied.
    const order = {
      ...base,
      orderDiscount: gbp(6000),
      totals: { ...base.totals, discount: 5000, total: 0 },
    } as Order;
    expect(discountParts(order)).toEqual({ lines: 150, order: 4850, promo: 0 });
  });

  it('names zero-rating instead of printing "of which VAT £0.00"', () => {
    const exported = {
      ...base,
      totals: { ...base.totals, tax: 0 },
      shippingAddress: { country: 'US' },
    } as unknown as Order;
    expect(vatRow(exported, 'GB')).toEqual({ label: 'VAT 0%: zero-rated export', amount: '£0.00' });
    expect(vatRow(base, 'GB')).toEqual({ label: 'of which VAT', amount: '£7.25' });
  });

  it("calls a sale shipped within the store's own country domestic, not an export", () => {
    const domestic = {
      ...base,
      totals: { ...base.totals, tax: 0 },
      shippingAddress: { country: 'US' },
    } as unknown as Order;
    expect(vatRow(domestic, 'US')).toEqual({ label: 'VAT 0%: zero-rated goods', amount: '£0.00' });
    // A GB sale from a US store is the export.
    const toGb = { ...domestic, shippingAddress: { country: 'GB' } } as unknown as Order;
    expect(vatRow(toGb, 'US')).toEqual({ label: 'VAT 0%: zero-rated export', amount: '£0.00' });
  });

  it('prints the terminal reference, the cash given and the change', () => {
    const order = {
      ...base,
      payments: [
        {
          id: 'p1',
          method: 'card_terminal',
          amount: gbp(1000),
          reference: 'TID-88231',
          cardLast4: '4242',
          at: '',
        },
        { id: 'p2', method: 'cash', amount: gbp(3350), tendered: gbp(5000), change: gbp(1650), at: '' },
      ],
    } as unknown as Order;
    expect(paymentRows(order)).toEqual([
      { label: 'Card •••• 4242', amount: '£10.00' },
      { label: '  Ref TID-88231', amount: '' },
      { label: 'Cash', amount: '£33.50' },
      { label: '  Cash given', amount: '£50.00' },
      { label: '  Change', amount: '£16.50' },
    ]);
  });
});

describe('receipt header', () => {
  it('reads name, address lines and VAT number from the store profile, with the defaults as the fallback', () => {
    expect(receiptHeader(undefined)).toEqual({ name: 'Orderline store', addressLines: [] });
    expect(receiptHeader({ name: 42 })).toEqual({ name: 'Orderline store', addressLines: [] });
    expect(
      receiptHeader({
        ...DEFAULT_STORE_PROFILE,
        name: 'Harbour Goods',
        address: '4 Quay St\n\nBristol BS1 4DB ',
        vatNumber: 'GB123456789',
      }),
    ).toEqual({
      name: 'Harbour Goods',
      addressLines: ['4 Quay St', 'Bristol BS1 4DB'],
      vatNumber: 'GB123456789',
    });
  });
});
