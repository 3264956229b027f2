import { describe, expect, it } from 'vitest';
import { GIFT_CARD_VARIANT_ID } from '../balances';
import { line, order } from './reportFixtures';
import { salesBy, salesByPeriod, salesInRange, topCustomers, topProducts, weekOf } from './salesReport';

const LONDON = 'Europe/London';
const range = { from: '2026-07-01', to: '2026-07-14' };
// Four sales and three orders that are not sales, in July (London is UTC+1 in summer).
const orders = [
  order({
    status: 'shipped',
    createdAt: '2026-07-01T09:00:00Z',
    total: 2000,
    channel: 'phone',
    acquisitionSource: 'search_engine',
    customerId: 'c1',
    customerName: 'Ada',
  }),
  // 23:30 UTC on 1 July is 00:30 on 2 July in London: it belongs to the 2nd.
  order({
    status: 'delivered',
    createdAt: '2026-07-01T23:30:00Z',
    total: 3000,
    channel: 'mail',
    acquisitionSource: 'word_of_mouth',
    customerId: 'c2',
    customerName: 'Bo',
  }),
  order({
    status: 'refunded',
    createdAt: '2026-07-08T10:00:00Z',
    total: 5000,
    refunded: 1000,
    channel: 'phone',
    acquisitionSource: 'search_engine',
    customerId: 'c1',
    customerName: 'Ada',
  }),
  order({
    status: 'receipt',
    createdAt: '2026-07-14T22:59:00Z',
    total: 1000,
    channel: 'counter',
    customerId: 'c3',
    customerName: 'Cy',
  }),
  order({ status: 'cart', createdAt: '2026-07-02T10:00:00Z', total: 9999 }),
  order({ status: 'cancelled', createdAt: '2026-07-03T10:00:00Z', total: 9999 }),
  // After the range in London (23:00 UTC on the 14th is 00:00 on the 15th).
  order({ status: 'shipped', createdAt: '2026-07-14T23:00:00Z', total: 7777 }),
];

describe('sales report', () => {
  const sales = salesInRange(orders, range, LONDON);

  it('counts only paid orders, on the store’s own day', () => {
    expect(sales.map((s) => s.day)).toEqual(['2026-07-01', '2026-07-02', '2026-07-08', '2026-07-14']);
  });

  it('buckets by day with the quiet days shown as zero', () => {
    const days = salesByPeriod(sales, range, 'day');
    expect(days).toHaveLength(14);
    expect(days[0]).toEqual({ key: '2026-07-01', orders: 1, net: 2000, averageOrderValue: 2000 });
    expect(days[1]).toEqual({ key: '2026-07-02', orders: 1, net: 3000, averageOrderValue: 3000 });
    expect(days[2]).toEqual({ key: '2026-07-03', orders: 0, net: 0, averageOrderValue: 0 });
    // 5000 paid less 1000 refunded.
    expect(days[7]).toEqual({ key: '2026-07-08', orders: 1, net: 4000, averageOrderValue: 4000 });
  });

  it('buckets by ISO week (from Monday) and by month', () => {
    expect(weekOf('2026-07-01')).toBe('2026-06-29');
    expect(weekOf('2026-07-06')).toBe('2026-07-06');
    expect(salesByPeriod(sales, range, 'week')).toEqual([
      { key: '2026-06-29', orders: 2, net: 5000, averageOrderValue: 2500 },
      { key: '2026-07-06', orders: 1, net: 4000, averageOrderValue: 4000 },
      { key: '2026-07-13', orders: 1, net: 1000, averageOrderValue: 1000 },
    ]);
    expect(salesByPeriod(sales, range, 'month')).toEqual([
      { key: '2026-07', orders: 4, net: 10000, averageOrderValue: 2500 },
    ]);
  });

  it('groups by channel and by acquisition source, biggest first', () => {
    expect(salesBy(sales, (o) => o.channel)).toEqual([
      { key: 'phone', orders: 2, net: 6000, averageOrderValue: 3000 },
      { key: 'mail', orders: 1, net: 3000, averageOrderValue: 3000 },
      { key: 'counter', orders: 1, net: 1000, averageOrderValue: 1000 },
    ]);
    expect(salesBy(sales, (o) => o.acquisitionSource ?? 'unknown').map((r) => [r.key, r.net])).toEqual([
      ['search_engine', 6000],
      ['word_of_mouth', 3000],
      ['unknown', 1000],
    ]);
  });

  it('ranks products by revenue after line discounts, and customers by what they spent', () => {
    const withLines = [
      order({
        status: 'shipped',
        createdAt: '2026-07-02T10:00:00Z',
        lines: [line('MUG', 2, 1250, 250), line('CAP', 1, 900)],
      }),
      order({ status: 'shipped', createdAt: '2026-07-03T10:00:00Z', lines: [line('CAP', 3, 900)] }),
    ];
    const s = salesInRange(withLines, range, LONDON);
    expect(topProducts(s)).toEqual([
      { sku: 'CAP', name: 'Item CAP', units: 4, revenue: 3600 },
      { sku: 'MUG', name: 'Item MUG', units: 2, revenue: 2250 },
    ]);
    expect(topCustomers(sales)).toEqual([
      { customerId: 'c1', name: 'Ada', orders: 2, net: 6000 },
      { customerId: 'c2', name: 'Bo', orders: 1, net: 3000 },
      { customerId: 'c3', name: 'Cy', orders: 1, net: 1000 },
    ]);
  });

  it('counts a gift card sold as money held, not takings: out of sales and top products', () => {
    const card = { ...line('GIFT', 1, 5000), variantId: GIFT_CARD_VARIANT_ID };
    // £12.50 mug and a £50 card in one order of £62.50: the store took £12.50 of sales.
    const mixed = order({
      status: 'receipt',
      createdAt: '2026-07-04T10:00:00Z',
      total: 6250,
      lines: [line('MUG', 1, 1250), card],
    });
    const s = salesInRange([mixed], range, LONDON);
    expect(salesBy(s, (o) => o.channel)).toEqual([
      { key: 'phone', orders: 1, net: 1250, averageOrderValue: 1250 },
    ]);
    expect(topProducts(s).map((p) => p.sku)).toEqual(['MUG']);
  });
});
