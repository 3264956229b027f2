import { describe, expect, test } from 'vitest';
import { newId } from './ids';
import { DEFAULT_SELLER, addressLines, invoiceOf, sellerFrom } from './invoice';
import { money } from './money';
import { orderTotals } from './orderTotals';
import { priceCart } from './cartPricing';
import { PromoSchema } from './promotions';
import { discountRows, subtotalAfterLineDiscounts } from './receiptLines';
import type { Address, Order, OrderLine, Payment } from './records';
import { defaultTaxTable } from './tax';

const gbp = (amount: number) => money(amount, 'GBP');
const table = defaultTaxTable('GB');

const address = (extra: Partial<Address> = {}): Address => ({
  id: newId(),
  kind: 'shipping',
  name: 'Ada Byron',
  company: 'Acme Trading Ltd',
  line1: '12 Dock Road',
  city: 'Leeds',
  postalCode: 'LS1 4AP',
  country: 'GB',
  ...extra,
});

const line = (name: string, quantity: number, price: number, taxClass: OrderLine['taxClass']): OrderLine => ({
  id: newId(),
  variantId: newId(),
  sku: name.toUpperCase().replace(/\W+/g, '-'),
  name,
  quantity,
  unitPrice: gbp(price),
  taxClass,
});

/** An order whose totals are what the checkout would have recorded for it. */
function order(extra: Partial<Order> = {}, payments: Payment[] = []): Order {
  const lines = extra.lines ?? [line('Oak chair', 2, 85_00, 'standard'), line('Tea', 3, 4_50, 'reduced')];
  const totals = orderTotals({
    currency: 'GBP',
    lines,
    shipping: gbp(4_99),
    shippingTaxClass: 'standard',
    tax: { basis: 'inclusive', table, destination: { country: 'GB' } },
  });
  const paid = payments.reduce((s, p) => s + p.amount.amount, 0);
  return {
    id: newId(),
    number: 'D1-000042',
    deskId: 'D1',
    customerName: 'Ada Byron',
    channel: 'phone',
    status: 'processing',
    currency: 'GBP',
    lines,
    shippingAddress: address(),
    shippingMethod: 'Royal Mail Tracked 48',
    totals: {
      subtotal: totals.subtotal,
      discount: totals.discount,
      shipping: totals.shipping,
      tax: totals.tax,
      total: totals.total,
      paid,
      refunded: 0,
    },
    payments,
    machine: {},
    version: 5,
    searchWords: [],
    createdAt: '2026-11-23T10:00:00.000Z',
    updatedAt: '2026-11-23T10:05:00.000Z',
    ...extra,
  };
}

describe('invoice', () => {
  test('prints one tax line per rate that adds up to the tax the order recorded', () => {
    const o = order();
    const invoice = invoiceOf({ order: o });
    expect(invoice.taxLines.map((t) => t.label)).toEqual(['VAT 20%', 'VAT 5%']);
    const sum = invoice.taxLines.reduce((s, t) => s + t.tax.amount, 0);
    expect(sum).toBe(o.totals.tax);
    expect(invoice.total.amount).toBe(2 * 85_00 + 3 * 4_50 + 4_99);
    expect(invoice.taxIncluded).toBe(true);
  });

  test("places a collected order's tax in the store's own country, not in GB", () => {
    const de = defaultTaxTable('DE');
    const lines = [line('Oak chair', 2, 85_00, 'standard'), line('Tea', 3, 4_50, 'reduced')];
    const totals = orderTotals({
      currency: 'GBP',
      lines,
      shippingTaxClass: 'standard',
      tax: { basis: 'inclusive', table: de, destination: { country: 'DE' } },
    });
    const collected = order({
      lines,
      totals: { ...totals, paid: 0, refunded: 0 },
    });
    delete collected.shippingAddress;
    delete collected.shippingMethod;
    const invoice = invoiceOf({
      order: collected,
      tax: { table: de, basis: 'inclusive' },
      homeCountry: 'DE',
    });
    expect(invoice.taxLines.map((t) => t.label)).toEqual(['MwSt. 19%', 'MwSt. 7%']);
    expect(invoice.taxLines.reduce((sum, t) => sum + t.tax.amount, 0)).toBe(totals.tax);
  });

  test('falls back to the recorded tax figure when the rates no longer reproduce it', () => {
    const o = order();
    const changed = { ...o, totals: { ...o.totals, tax: o.totals.tax + 1 } };
    const invoice = invoiceOf({ order: changed });
    expect(invoice.taxLines).toHaveLength(1);
    expect(invoice.taxLines[0]!.tax.amount).toBe(changed.totals.tax);
  });

  test('shows invoice payments as terms with their due date, owed rather than paid', () => {
    const total = order().totals.total;
    const onTerms: Payment = {
      id: newId(),
      method: 'invoice',
      amount: gbp(total - 10_00),
      reference: 'PO-7781',
      termsDays: 30,
      at: '2026-11-23T10:04:00.000Z',
    };
    const cash: Payment = { id: newId(), method: 'cash', amount: gbp(10_00), at: '2026-11-23T10:03:00.000Z' };
    const invoice = invoiceOf({ order: order({}, [cash, onTerms]) });
    expect(invoice.terms).toEqual([
      { amount: gbp(total - 10_00), termsDays: 30, dueOn: '2026-12-23', reference: 'PO-7781' },
    ]);
    expect(invoice.paid).toEqual(gbp(10_00));
    expect(invoice.balance).toEqual(gbp(total - 10_00));
  });

  test('counts terms from the day the invoice was taken in the store’s time zone', () => {
    const total = order().totals.total;
    // 11:30 UTC on 23 November is already the 24th in Auckland (UTC+13).
    const onTerms: Payment = {
      id: newId(),
      method: 'invoice',
      amount: gbp(total),
      termsDays: 30,
      at: '2026-11-23T11:30:00.000Z',
    };
    const at = (timeZone: string) => invoiceOf({ order: order({}, [onTerms]), timeZone }).terms[0]?.dueOn;
    expect(at('Pacific/Auckland')).toBe('2026-12-24');
    expect(at('Europe/London')).toBe('2026-12-23');
  });

  test('carries the shipping method’s expected dispatch and delivery dates, none when collected', () => {
    const delivery = {
      methodId: 'rm-48',
      name: 'Royal Mail Tracked 48',
      carrier: 'Royal Mail',
      zone: 'UK',
      fee: gbp(4_99),
      free: false,
      dispatchDate: '2026-11-24',
      deliveryEarliest: '2026-11-26',
      deliveryLatest: '2026-11-27',
    };
    expect(invoiceOf({ order: order(), delivery }).delivery).toEqual({
      method: 'Royal Mail Tracked 48',
      carrier: 'Royal Mail',
      dispatchDate: '2026-11-24',
      deliveryEarliest: '2026-11-26',
      deliveryLatest: '2026-11-27',
    });
    const collected = invoiceOf({
      order: { ...order(), shippingAddress: undefined, shippingMethod: undefined },
    });
    expect(collected.delivery).toBeNull();
    expect(collected.shipTo).toBeNull();
    expect(collected.shippingMethod).toBe('Collect at the counter');
  });

  test('bills the buyer’s billing address when there is one, else their name and company', () => {
    const billing = address({
      kind: 'billing',
      line1: 'Accounts, PO Box 99',
      country: 'IE',
      city: 'Dublin',
      postalCode: 'D02 X285',
    });
    const billed = invoiceOf({ order: order(), buyer: { name: 'Ada Byron', billingAddress: billing } });
    expect(billed.billTo).toEqual([
      'Ada Byron',
      'Acme Trading Ltd',
      'Accounts, PO Box 99',
      'Dublin',
      'D02 X285',
      'IRELAND',
    ]);
    expect(invoiceOf({ order: order(), buyer: { name: 'Ada Byron', company: 'Acme' } }).billTo).toEqual([
      'Ada Byron',
      'Acme',
    ]);
    expect(billed.shipTo).toEqual([
      'Ada Byron',
      'Acme Trading Ltd',
      '12 Dock Road',
      'LEEDS',
      'LS1 4AP',
      'UNITED KINGDOM',
    ]);
  });

  test('takes the seller from the stored ship-from address, and the default when it is missing or invalid', () => {
    const from = address({
      name: 'Dispatch',
      company: 'Brightside Goods',
      line1: '3 Mill Lane',
      city: 'York',
      postalCode: 'YO1 7HH',
    });
    expect(sellerFrom(from)).toMatchObject({
      name: 'Brightside Goods',
      address: ['Brightside Goods', '3 Mill Lane', 'YORK', 'YO1 7HH', 'UNITED KINGDOM'],
    });
    expect(sellerFrom(undefined)).toEqual(DEFAULT_SELLER);
    expect(sellerFrom({ line1: 'no city' })).toEqual(DEFAULT_SELLER);
    expect(addressLines(from)[0]).toBe('Dispatch');
  });
});

describe('invoice lines add up', () => {
  // Worked by hand. Oak chair 2 × £85.00 = £170.00 less its £10.00 line discount = £160.00;
  // tea 3 × £4.50 = £13.50. The lines come to £173.50. SPRING10 takes 10% of that: £17.35; the
  // seller's order discount takes £5.00 more. Shipping £4.99, VAT included:
  // £173.50 − £17.35 − £5.00 + £4.99 = £156.14. The order records subtotal £183.50 (before any
  // discount) and discount £32.35 (£10.00 + £17.35 + £5.00).
  const spring10 = PromoSchema.parse({
    id: newId(),
    code: 'SPRING10',
    kind: 'percent',
    percent: 10,
    oncePerCustomer: false,
    active: true,
  });
  const chair = { ...line('Oak chair', 2, 85_00, 'standard'), discount: gbp(10_00) };
  const tea = line('Tea', 3, 4_50, 'reduced');
  const priced = priceCart({
    currency: 'GBP',
    lines: [chair, tea],
    promo: { promo: spring10, context: { now: new Date('2026-11-23T10:00:00Z') } },
    orderDiscount: gbp(5_00),
    shipping: { methodId: 'rm48', name: 'Royal Mail Tracked 48', fee: gbp(4_99) },
    shippingTaxClass: 'standard',
    tax: { basis: 'inclusive', table, destination: { country: 'GB' } },
  });
  if (!priced.ok) throw new Error(priced.reason);
  const base = order({ lines: [chair, tea] });
  const sold: Order = {
    ...base,
    promoCode: 'SPRING10',
    orderDiscount: gbp(5_00),
    totals: { ...base.totals, ...priced.orderTotals },
  };

  test('the order as checkout recorded it', () => {
    expect(sold.totals).toMatchObject({ subtotal: 183_50, discount: 32_35, shipping: 4_99, total: 156_14 });
  });

  test('lines net of their own discount sum to the subtotal; each discount is named once', () => {
    const invoice = invoiceOf({ order: sold, tax: { table, basis: 'inclusive' } });
    expect(invoice.lines.map((l) => [l.name, l.total.amount, l.discount?.amount])).toEqual([
      ['Oak chair', 160_00, 10_00],
      ['Tea', 13_50, undefined],
    ]);
    expect(invoice.subtotal).toEqual(gbp(173_50));
    expect(invoice.lines.reduce((s, l) => s + l.total.amount, 0)).toBe(invoice.subtotal.amount);
    expect(invoice.discounts).toEqual([
      { label: 'Order discount', amount: gbp(5_00) },
      { label: 'Promo SPRING10', amount: gbp(17_35) },
    ]);
    expect(invoice.discount).toEqual(gbp(22_35));
    // Every discount the order recorded is printed exactly once: on its line or in the totals.
    const lineOff = invoice.lines.reduce((s, l) => s + (l.discount?.amount ?? 0), 0);
    expect(lineOff + invoice.discount.amount).toBe(sold.totals.discount);
    // And the invoice comes to the order's total to the penny.
    expect(invoice.subtotal.amount - invoice.discount.amount + invoice.shipping.amount).toBe(156_14);
    expect(invoice.total).toEqual(gbp(156_14));
    expect(invoice.tax).toEqual(gbp(sold.totals.tax));
    expect(invoice.balance).toEqual(gbp(156_14));
  });

  test('with prices before tax, the tax is added after the discounts and still lands on the total', () => {
    const us = { basis: 'exclusive' as const, table: defaultTaxTable('US') };
    const p = priceCart({
      currency: 'GBP',
      lines: [chair, tea],
      promo: { promo: spring10, context: { now: new Date('2026-11-23T10:00:00Z') } },
      orderDiscount: gbp(5_00),
      shipping: { methodId: 'ups', name: 'UPS Ground', fee: gbp(4_99) },
      tax: { ...us, destination: { country: 'US', region: 'CA' } },
    });
    if (!p.ok) throw new Error(p.reason);
    const o: Order = { ...sold, totals: { ...sold.totals, ...p.orderTotals } };
    const invoice = invoiceOf({ order: o, tax: us });
    expect(invoice.subtotal).toEqual(gbp(173_50));
    expect(invoice.discount).toEqual(gbp(22_35));
    expect(
      invoice.subtotal.amount - invoice.discount.amount + invoice.shipping.amount + invoice.tax.amount,
    ).toBe(o.totals.total);
  });

  test('the receipt names the same discounts: the line markdown stays on its line', () => {
    expect(discountRows(sold)).toEqual([
      { label: 'Order discount', amount: '−£5.00' },
      { label: 'Promo SPRING10', amount: '−£17.35' },
    ]);
    expect(subtotalAfterLineDiscounts(sold)).toBe(173_50);
  });
});
