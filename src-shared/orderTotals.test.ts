import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { TAX_CLASSES } from './records';
import { money } from './money';
import { defaultTaxTable } from './tax';
import { orderTotals, type TaxContext, type TotalsInput, type TotalsLine } from './orderTotals';

const gbp = (amount: number) => money(amount, 'GBP');
const usd = (amount: number) => money(amount, 'USD');
const ukShop: TaxContext = {
  basis: 'inclusive',
  table: defaultTaxTable('GB'),
  destination: { country: 'GB' },
};
const caShop: TaxContext = {
  basis: 'exclusive',
  table: defaultTaxTable('US'),
  destination: { country: 'US', region: 'CA' },
};
const line = (
  quantity: number,
  unitPrice: ReturnType<typeof money>,
  taxClass: TotalsLine['taxClass'] = 'standard',
  discount?: ReturnType<typeof money>,
): TotalsLine => (discount ? { quantity, unitPrice, taxClass, discount } : { quantity, unitPrice, taxClass });

describe('order totals', () => {
  test('a UK order with VAT-inclusive prices: tax is part of the total, not added to it', () => {
    const totals = orderTotals({
      currency: 'GBP',
      lines: [line(2, gbp(12_00)), line(1, gbp(10_50), 'reduced', gbp(50))],
      orderDiscount: gbp(3_40),
      shipping: gbp(4_95),
      shippingTaxClass: 'standard',
      tax: ukShop,
    });
    // The £3.40 order discount splits 24:10 over what is left of the lines: £2.40 and £1.00.
    expect(totals.lines.map((l) => l.discount.amount)).toEqual([2_40, 1_50]);
    // VAT per line, half-even: 2160×20/120 = 360; 900×5/105 = 42.86 → 43; shipping 495×20/120 = 82.5 → 82.
    expect(totals.lines.map((l) => l.tax.tax.amount)).toEqual([3_60, 43]);
    expect(totals.shippingTax?.tax).toEqual(gbp(82));
    expect(totals).toMatchObject({
      subtotal: 34_50,
      discount: 3_90,
      shipping: 4_95,
      tax: 4_85,
      total: 35_55,
      taxIncluded: true,
    });
    expect(totals.taxGroups.map((g) => [g.label, g.net.amount, g.tax.amount])).toEqual([
      ['VAT 20%', 18_00 + 4_13, 4_42],
      ['VAT 5%', 8_57, 43],
    ]);
  });

  test('a California order with tax-exclusive prices: tax is added on top', () => {
    const totals = orderTotals({
      currency: 'USD',
      lines: [line(3, usd(19_99)), line(1, usd(4_00), 'reduced')],
      shipping: usd(5_50),
      tax: caShop,
    });
    // 59.97 × 7.25% = 4.3478 → 4.35; groceries are not taxed in California.
    expect(totals).toMatchObject({
      subtotal: 63_97,
      discount: 0,
      shipping: 5_50,
      tax: 4_35,
      total: 73_82,
      taxIncluded: false,
    });
    expect(totals.taxGroups.map((g) => g.label)).toEqual(['Sales tax 7.25%', 'Sales tax 0%']);
  });

  test('an export from a UK shop carries no VAT, so the customer pays the shelf price', () => {
    const totals = orderTotals({
      currency: 'GBP',
      lines: [line(1, gbp(24_00))],
      shipping: gbp(11_95),
      shippingTaxClass: 'standard',
      tax: { ...ukShop, destination: { country: 'DE' } },
    });
    expect(totals).toMatchObject({ tax: 0, total: 35_95 });
    expect(totals.taxGroups).toEqual([
      expect.objectContaining({ label: 'Export (zero-rated)', net: gbp(35_95), tax: gbp(0) }),
    ]);
  });

  test('caps discounts at what they apply to, so an edited cart never goes negative', () => {
    const totals = orderTotals({
      currency: 'GBP',
      lines: [line(1, gbp(5_00), 'standard', gbp(9_00)), line(1, gbp(3_00))],
      orderDiscount: gbp(10_00),
      shipping: gbp(3_95),
      tax: ukShop,
    });
    expect(totals).toMatchObject({ subtotal: 8_00, discount: 8_00, tax: 0, total: 3_95 });
    expect(totals.lines.map((l) => l.discount.amount)).toEqual([5_00, 3_00]);
  });

  test('an empty cart totals just its shipping', () => {
    expect(
      orderTotals({ currency: 'GBP', lines: [], orderDiscount: gbp(5_00), shipping: gbp(3_95), tax: ukShop }),
    ).toMatchObject({
      subtotal: 0,
      discount: 0,
      tax: 0,
      total: 3_95,
      taxGroups: [],
    });
  });

  test('untaxed shipping adds no tax line', () => {
    const totals = orderTotals({
      currency: 'USD',
      lines: [line(1, usd(10_00))],
      shipping: usd(5_00),
      tax: caShop,
    });
    expect(totals.shippingTax).toBeUndefined();
    expect(totals.tax).toBe(72); // 72.5¢ → 72¢ (half-even)
  });

  test('says which amount is in the wrong currency or negative', () => {
    const base: TotalsInput = { currency: 'GBP', lines: [line(1, gbp(1_00))], tax: ukShop };
    expect(() => orderTotals({ ...base, lines: [line(1, gbp(1_00)), line(1, usd(1_00))] })).toThrow(
      "Line 2's unit price is in USD but the order is in GBP",
    );
    expect(() => orderTotals({ ...base, shipping: usd(1_00) })).toThrow(
      'The shipping fee is in USD but the order is in GBP',
    );
    expect(() => orderTotals({ ...base, orderDiscount: gbp(-1) })).toThrow(
      'The order discount cannot be negative',
    );
  });

  test('passes on the tax table’s question when the destination is incomplete', () => {
    expect(() =>
      orderTotals({
        currency: 'USD',
        lines: [line(1, usd(1_00))],
        tax: { ...caShop, destination: { country: 'US' } },
      }),
    ).toThrow('depends on the state or region');
  });
});

describe('order totals over random carts', () => {
  const amount = (max: number) => fc.integer({ min: 0, max });
  const cartLine = fc.record({
    quantity: fc.integer({ min: 1, max: 9999 }),
    unitPrice: amount(500_000).map(gbp),
    taxClass: fc.constantFrom(...TAX_CLASSES),
    discount: fc.option(amount(2_000_000).map(gbp), { nil: undefined }),
  });
  const context = fc.oneof(
    fc.record({
      basis: fc.constantFrom('inclusive' as const, 'exclusive' as const),
      table: fc.constant(defaultTaxTable('GB')),
      destination: fc.constantFrom(
        { country: 'GB' },
        { country: 'IM' },
        { country: 'FR' },
        { country: 'US', region: 'CA' },
      ),
    }),
    fc.record({
      basis: fc.constantFrom('inclusive' as const, 'exclusive' as const),
      table: fc.constant(defaultTaxTable('DE')),
      destination: fc.constantFrom(
        { country: 'DE' },
        { country: 'FR' },
        { country: 'IE' },
        { country: 'CH' },
      ),
    }),
    fc.record({
      basis: fc.constantFrom('inclusive' as const, 'exclusive' as const),
      table: fc.constant(defaultTaxTable('US')),
      destination: fc.constantFrom(
        { country: 'US', region: 'NJ' },
        { country: 'US', region: 'IL' },
        { country: 'US', region: 'MT' },
      ),
    }),
  );
  const order = fc.record({
    currency: fc.constant('GBP'),
    lines: fc
      .array(cartLine, { maxLength: 20 })
      .map((ls) => ls.map(({ discount, ...l }): TotalsLine => (discount ? { ...l, discount } : l))),
    orderDiscount: fc.option(amount(5_000_000).map(gbp), { nil: undefined }),
    shipping: fc.option(amount(50_000).map(gbp), { nil: undefined }),
    shippingTaxClass: fc.option(fc.constantFrom(...TAX_CLASSES), { nil: undefined }),
    tax: context,
  });

  test('total = subtotal − discount + shipping + added tax, to the minor unit, and nothing is negative', () => {
    fc.assert(
      fc.property(order, (input) => {
        const t = orderTotals(input);
        const addedTax = t.taxIncluded ? 0 : t.tax;
        expect(t.total).toBe(t.subtotal - t.discount + t.shipping + addedTax);
        for (const value of [t.subtotal, t.discount, t.shipping, t.tax, t.total])
          expect(value).toBeGreaterThanOrEqual(0);
        expect(t.discount).toBeLessThanOrEqual(t.subtotal);
        for (const l of t.lines) {
          expect(l.discount.amount).toBeLessThanOrEqual(l.gross.amount);
          expect(l.tax.net.amount).toBeGreaterThanOrEqual(0);
          expect(l.tax.tax.amount).toBeGreaterThanOrEqual(0);
        }
      }),
      { numRuns: 500 },
    );
  });

  test('the tax on the lines, the tax groups and the net all agree with the totals', () => {
    fc.assert(
      fc.property(order, (input) => {
        const t = orderTotals(input);
        const taxLines = [...t.lines.map((l) => l.tax), ...(t.shippingTax ? [t.shippingTax] : [])];
        const add = (xs: number[]) => xs.reduce((s, x) => s + x, 0);
        expect(add(taxLines.map((x) => x.tax.amount))).toBe(t.tax);
        expect(add(t.taxGroups.map((g) => g.tax.amount))).toBe(t.tax);
        expect(add(t.taxGroups.map((g) => g.gross.amount))).toBe(t.total - (t.shippingTax ? 0 : t.shipping));
        expect(add(taxLines.map((x) => x.net.amount)) + (t.shippingTax ? 0 : t.shipping)).toBe(
          t.total - t.tax,
        );
      }),
    );
  });

  test('the whole order discount is applied when the cart can take it', () => {
    fc.assert(
      fc.property(order, (input) => {
        const t = orderTotals(input);
        const lineDiscounts = input.lines.reduce(
          (s, l) => s + Math.min(l.discount?.amount ?? 0, l.unitPrice.amount * l.quantity),
          0,
        );
        const room = t.subtotal - lineDiscounts;
        expect(t.discount - lineDiscounts).toBe(Math.min(input.orderDiscount?.amount ?? 0, room));
      }),
    );
  });
});
