import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { TAX_CLASSES } from './records';
import { add, money, sum, type Money } from './money';
import { newId } from './ids';
import { defaultTaxTable } from './tax';
import type { TaxContext } from './orderTotals';
import { PromoSchema, type Promo } from './promotions';
import { DEFAULT_SHIPPING_GB, shippingOptions } from './shippingRules';
import { OrderDetailsSchema } from './orderRow';
import {
  discountRowsOf,
  priceCart,
  shippingCartFor,
  type CartLine,
  type CartPricing,
  type CartPricingInput,
} from './cartPricing';

const gbp = (amount: number) => money(amount, 'GBP');
const now = new Date('2026-05-15T12:00:00Z');
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
const spring10: Promo = PromoSchema.parse({
  id: newId(),
  code: 'SPRING10',
  kind: 'percent',
  percent: 10,
  expiresOn: '2026-05-31',
  oncePerCustomer: false,
  active: true,
});

const mug: CartLine = {
  sku: 'MUG-BLUE',
  name: 'Blue mug',
  quantity: 2,
  unitPrice: gbp(12_00),
  taxClass: 'standard',
  category: 'Kitchen',
  weightGrams: 350,
};
const book: CartLine = {
  sku: 'BOOK-1',
  name: 'Cook book',
  quantity: 1,
  unitPrice: gbp(20_00),
  taxClass: 'zero',
  discount: gbp(2_00),
  category: 'Books',
  weightGrams: 800,
};

function priced(input: CartPricingInput): CartPricing {
  const result = priceCart(input);
  if (!result.ok) throw new Error(result.reason);
  return result;
}

describe('cart pricing', () => {
  test('a UK cart with a line discount, a promo and shipping: every figure for the receipt', () => {
    const result = priced({
      currency: 'GBP',
      lines: [mug, book],
      promo: { promo: spring10, context: { now } },
      shipping: { methodId: 'rm-tracked-48', name: 'Royal Mail Tracked 48', fee: gbp(3_95) },
      shippingTaxClass: 'standard',
      tax: ukShop,
    });
    // Promo: 10% of £24.00 and of £18.00 (book after its £2 markdown).
    expect(
      result.lines.map((l) => [l.lineDiscount.amount, l.promoDiscount.amount, l.discount.amount]),
    ).toEqual([
      [0, 2_40, 2_40],
      [2_00, 1_80, 3_80],
    ]);
    expect(result.subtotal).toEqual(gbp(44_00));
    expect(result.discounts).toEqual({ lines: gbp(2_00), promo: gbp(4_20), order: gbp(0), total: gbp(6_20) });
    // Each named once, as what it is: the book's markdown is not part of the promo.
    expect(discountRowsOf(result)).toEqual([
      { label: 'Line discounts', amount: gbp(2_00) },
      { label: 'Promo SPRING10', amount: gbp(4_20) },
    ]);
    // VAT inside £21.60 at 20% is £3.60; inside £3.95 shipping 65.83 → 66; books zero-rated.
    expect(result.lines.map((l) => l.tax.tax.amount)).toEqual([3_60, 0]);
    expect(result.shippingTax?.tax).toEqual(gbp(66));
    expect(result.tax).toEqual(gbp(4_26));
    expect(result.taxIncluded).toBe(true);
    expect(result.total).toEqual(gbp(44_00 - 6_20 + 3_95));
    expect(result.taxLines.map((g) => [g.label, g.tax.amount])).toEqual([
      ['VAT 20%', 4_26],
      ['VAT 0%', 0],
    ]);
    expect(result.promo).toEqual({ code: 'SPRING10', description: 'SPRING10: 10% off', discount: gbp(4_20) });
    expect(OrderDetailsSchema.safeParse({ totals: result.orderTotals }).success).toBe(true);
  });

  test('a US cart adds sales tax on top of the discounted lines', () => {
    const usd = (amount: number) => money(amount, 'USD');
    const result = priced({
      currency: 'USD',
      lines: [{ sku: 'TEE-M', name: 'Tee', quantity: 3, unitPrice: usd(19_99), taxClass: 'standard' }],
      orderDiscount: usd(5_97),
      shipping: { methodId: 'usps', name: 'USPS', fee: usd(5_50) },
      tax: caShop,
    });
    // 59.97 − 5.97 = 54.00 taxed at 7.25% = 3.915 → 3.92 (half-even rounds 3.915 to 3.92).
    expect(result.lines[0]?.orderDiscount).toEqual(usd(5_97));
    expect(result.tax).toEqual(usd(3_92));
    expect(result.total).toEqual(usd(54_00 + 5_50 + 3_92));
    expect(result.lines[0]?.payable).toEqual(usd(57_92));
  });

  test('a promo that does not apply is reported and the cart is priced without it', () => {
    const result = priced({
      currency: 'GBP',
      lines: [mug],
      promo: { promo: spring10, context: { now: new Date('2026-07-01T00:00:00Z') } },
      tax: ukShop,
    });
    expect(result.promoRefusal).toBe('Code SPRING10 expired on 31 May 2026');
    expect(result.promo).toBeUndefined();
    expect(result.total).toEqual(gbp(24_00));
  });

  test.each([
    [{ ...mug, quantity: 1.5 }, 'Line 1 (Blue mug): quantity 1.5 must be a whole number from 1 to 9,999'],
    [{ ...mug, quantity: 0 }, 'Line 1 (Blue mug): quantity 0 must be a whole number from 1 to 9,999'],
    [{ ...mug, quantity: -2 }, 'Line 1 (Blue mug): quantity -2 must be a whole number from 1 to 9,999'],
    [
      { ...mug, quantity: 1_000_000 },
      'Line 1 (Blue mug): quantity 1000000 must be a whole number from 1 to 9,999',
    ],
    [
      { ...mug, unitPrice: money(12_00, 'EUR') },
      'Line 1 (Blue mug) is priced in EUR but the order is in GBP',
    ],
    [{ ...mug, discount: gbp(-1_00) }, 'Line 1 (Blue mug): a discount cannot be negative'],
  ])('bad input is refused with a sentence, not thrown: %o', (line, reason) => {
    expect(priceCart({ currency: 'GBP', lines: [line], tax: ukShop })).toEqual({ ok: false, reason });
  });

  test('an address the tax table cannot place is refused with what to add', () => {
    const result = priceCart({
      currency: 'USD',
      lines: [{ ...mug, unitPrice: money(12_00, 'USD') }],
      tax: { ...caShop, destination: { country: 'US' } },
    });
    expect(result).toMatchObject({ ok: false, reason: expect.stringMatching(/add it to the address/) });
  });

  test('shipping is priced on weight and on the subtotal after discounts (free from £50)', () => {
    const input: CartPricingInput = {
      currency: 'GBP',
      lines: [{ ...mug, quantity: 5 }],
      promo: { promo: spring10, context: { now } },
      tax: ukShop,
    };
    const cart = shippingCartFor(input);
    // 5 × £12 = £60, less 10% = £54: still free; 1750 g.
    expect(cart).toEqual({ ok: true, cart: { weightGrams: 1750, itemCount: 5, subtotal: gbp(54_00) } });
    if (!cart.ok) return;
    const options = shippingOptions(DEFAULT_SHIPPING_GB, 'GB', cart.cart, '2026-05-15');
    const tracked48 = options.ok ? options.quotes.find((q) => q.methodId === 'rm-tracked-48') : undefined;
    expect(tracked48?.free).toBe(true);
    const result = priced({ ...input, ...(tracked48 ? { shipping: tracked48 } : {}) });
    expect(result.shipping).toEqual(gbp(0));
    expect(result.shippingMethod?.name).toBe('Royal Mail Tracked 48');
  });
});

describe('cart pricing for any cart', () => {
  const amount = (max: number) => fc.integer({ min: 0, max }).map(gbp);
  const line = fc.record({
    sku: fc.constant('SKU-1'),
    name: fc.constant('Item'),
    quantity: fc.integer({ min: 1, max: 9999 }),
    unitPrice: amount(500_00),
    taxClass: fc.constantFrom(...TAX_CLASSES),
    discount: fc.option(amount(1_000_00), { nil: undefined }),
    category: fc.constantFrom('Books', 'Kitchen'),
  });
  const promo = fc.option(
    fc.oneof(
      fc.integer({ min: 1, max: 100 }).map((percent) => ({ kind: 'percent', percent })),
      fc.integer({ min: 1, max: 200_00 }).map((a) => ({ kind: 'fixed', amount: gbp(a) })),
      fc
        .integer({ min: 1, max: 100 })
        .map((percent) => ({ kind: 'percent', percent, categories: ['Books'] })),
    ),
    { nil: undefined },
  );
  const context = fc.constantFrom<TaxContext>(
    ukShop,
    { ...ukShop, basis: 'exclusive' },
    { ...ukShop, destination: { country: 'US' } },
  );

  test('total = lines − discounts + shipping + added tax, to the penny; discounts never exceed what they cover; nothing is negative', () => {
    fc.assert(
      fc.property(
        fc.array(line, { maxLength: 10 }),
        promo,
        fc.option(amount(300_00), { nil: undefined }),
        fc.option(amount(50_00), { nil: undefined }),
        fc.option(fc.constantFrom(...TAX_CLASSES), { nil: undefined }),
        context,
        (lines, rule, orderDiscount, fee, shippingTaxClass, tax) => {
          const result = priced({
            currency: 'GBP',
            lines,
            ...(rule
              ? {
                  promo: {
                    promo: PromoSchema.parse({
                      id: newId(),
                      code: 'ANY10',
                      oncePerCustomer: false,
                      active: true,
                      ...rule,
                    }),
                    context: { now },
                  },
                }
              : {}),
            ...(orderDiscount ? { orderDiscount } : {}),
            ...(fee ? { shipping: { methodId: 'm', name: 'Post', fee } } : {}),
            ...(shippingTaxClass ? { shippingTaxClass } : {}),
            tax,
          });
          const addedTax = result.taxIncluded ? 0 : result.tax.amount;
          expect(result.total.amount).toBe(
            result.subtotal.amount - result.discounts.total.amount + result.shipping.amount + addedTax,
          );
          // The receipt adds up too: every line's payable plus shipping is the total.
          const shippingPayable = result.shippingTax?.gross ?? result.shipping;
          expect(
            add(
              sum(
                result.lines.map((l) => l.payable),
                'GBP',
              ),
              shippingPayable,
            ),
          ).toEqual(result.total);
          expect(
            sum(
              result.taxLines.map((g) => g.tax),
              'GBP',
            ),
          ).toEqual(result.tax);
          expect(add(add(result.discounts.lines, result.discounts.promo), result.discounts.order)).toEqual(
            result.discounts.total,
          );
          expect(result.discounts.total.amount).toBeLessThanOrEqual(result.subtotal.amount);
          const nonNegative = (m: Money) => expect(m.amount).toBeGreaterThanOrEqual(0);
          for (const l of result.lines) {
            expect(l.discount.amount).toBeLessThanOrEqual(l.gross.amount);
            [l.lineDiscount, l.promoDiscount, l.orderDiscount, l.tax.tax, l.tax.net, l.payable].forEach(
              nonNegative,
            );
          }
          [result.total, result.tax, result.shipping, result.discounts.total].forEach(nonNegative);
        },
      ),
      { numRuns: 300 },
    );
  });
});
