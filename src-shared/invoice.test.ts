import { describe, expect, test } from 'vitest';
import { newId } from './ids';
import { DEFAULT_SELLER, addressLines, invoiceOf, sellerFrom } from './invoice';
import { money } from './money';
import { orderTotals } from './orderTotals';
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
