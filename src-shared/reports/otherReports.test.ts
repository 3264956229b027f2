import { describe, expect, it } from 'vitest';
import { funnel } from './funnelReport';
import { fulfilment, percentile } from './fulfilmentReport';
import { order } from './reportFixtures';
import { cohorts, repeatPurchase } from './retentionReport';
import { lowStock, stockValue } from './stockReport';

const UTC = 'UTC';
const july = { from: '2026-07-01', to: '2026-07-31' };
const pay = (at: string) => [
  {
    id: '00000000-0000-7000-8000-00000000ffff',
    method: 'cash' as const,
    amount: { amount: 1, currency: 'GBP' },
    at,
  },
];

describe('funnel', () => {
  it('counts each order at every stage it passed, and unconverted quotes as intent', () => {
    const orders = [
      order({ status: 'cart', createdAt: '2026-07-02T10:00:00Z' }),
      order({ status: 'payment', createdAt: '2026-07-02T10:00:00Z' }),
      order({ status: 'processing', createdAt: '2026-07-02T10:00:00Z' }),
      order({ id: 'r', status: 'refunded', createdAt: '2026-07-02T10:00:00Z' }),
      order({ status: 'delivered', createdAt: '2026-07-02T10:00:00Z' }),
      order({ status: 'returned', createdAt: '2026-07-02T10:00:00Z' }),
      order({ status: 'cart', createdAt: '2026-07-02T10:00:00Z', lines: [] }),
      order({ status: 'delivered', createdAt: '2026-08-02T10:00:00Z' }),
    ];
    const quotes = [
      { createdAt: '2026-07-05T10:00:00Z' },
      { createdAt: '2026-07-05T10:00:00Z', convertedOrderId: 'x' },
    ];
    // 6 orders with lines in July + 1 open quote = 7; 5 checked out; 4 paid; shipped: refunded one
    // had a parcel (r), delivered, returned = 3; delivered 2; returned 1.
    expect(funnel(orders, quotes, new Set(['r']), july, UTC)).toEqual([
      { stage: 'intent', label: 'Quotes and carts', count: 7, conversion: null },
      { stage: 'checkout', label: 'Checked out', count: 5, conversion: 5 / 7 },
      { stage: 'paid', label: 'Paid', count: 4, conversion: 4 / 5 },
      { stage: 'shipped', label: 'Shipped', count: 3, conversion: 3 / 4 },
      { stage: 'delivered', label: 'Delivered', count: 2, conversion: 2 / 3 },
      { stage: 'returned', label: 'Returned', count: 1, conversion: 1 / 2 },
    ]);
  });
});

describe('fulfilment', () => {
  it('takes the nearest-rank percentile', () => {
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 50)).toBe(5);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBe(9);
    expect(percentile([], 50)).toBeNull();
  });

  it('measures paid → first shipped parcel and dispatch by the ship-by day', () => {
    const a = order({
      id: 'a',
      status: 'shipped',
      createdAt: '2026-07-01T08:00:00Z',
      payments: pay('2026-07-01T09:00:00Z'),
    });
    const b = order({
      id: 'b',
      status: 'shipped',
      createdAt: '2026-07-01T08:00:00Z',
      payments: pay('2026-07-02T09:00:00Z'),
    });
    const c = order({
      id: 'c',
      status: 'processing',
      createdAt: '2026-07-03T08:00:00Z',
      payments: pay('2026-07-03T09:00:00Z'),
    });
    const counter = order({
      id: 'd',
      status: 'shipped',
      channel: 'counter',
      createdAt: '2026-07-03T08:00:00Z',
    });
    const parcels = [
      { orderId: 'a', shippedAt: '2026-07-01T15:00:00Z' }, // 6 h
      { orderId: 'a', shippedAt: '2026-07-05T15:00:00Z' }, // a later second parcel does not count
      { orderId: 'b', shippedAt: '2026-07-04T09:00:00Z' }, // 48 h, after its ship-by day
      { orderId: 'd', shippedAt: '2026-07-04T09:00:00Z' },
    ];
    const shipBy = (o: { id: string }) => ({ a: '2026-07-01', b: '2026-07-03' })[o.id as 'a' | 'b'];
    expect(fulfilment([a, b, c, counter], parcels, shipBy, july, UTC)).toEqual({
      shipped: 2,
      waiting: 1,
      p50Hours: 6,
      p90Hours: 48,
      onTimeRate: 0.5,
    });
  });
});

describe('retention', () => {
  const orders = [
    order({ status: 'shipped', customerId: 'a', createdAt: '2026-05-10T10:00:00Z' }),
    order({ status: 'shipped', customerId: 'a', createdAt: '2026-07-10T10:00:00Z' }),
    order({ status: 'shipped', customerId: 'b', createdAt: '2026-07-11T10:00:00Z' }),
    order({ status: 'shipped', customerId: 'c', createdAt: '2026-05-20T10:00:00Z' }),
    order({ status: 'shipped', customerId: 'c', createdAt: '2026-06-20T10:00:00Z' }),
    order({ status: 'cancelled', customerId: 'b', createdAt: '2026-07-12T10:00:00Z' }),
  ];

  it('repeat rate: of July’s customers (a, b), a has bought twice', () => {
    expect(repeatPurchase(orders, july, UTC)).toEqual({ customers: 2, repeat: 1, rate: 0.5 });
  });

  it('cohorts by first-purchase month, the share buying in each later month', () => {
    // May cohort: a and c. June: c bought (1 of 2). July: a bought (1 of 2). July cohort: b.
    expect(cohorts(orders, '2026-07', UTC)).toEqual([
      { cohort: '2026-05', customers: 2, retained: [1, 0.5, 0.5] },
      { cohort: '2026-07', customers: 1, retained: [1] },
    ]);
  });
});

describe('stock', () => {
  const gbp = (amount: number) => ({ amount, currency: 'GBP' });
  const variants = [
    { id: 'm', sku: 'MUG', price: gbp(1250), costPrice: gbp(500), reorderPoint: 5 },
    { id: 'c', sku: 'CAP', price: gbp(900), reorderPoint: 2 },
    { id: 'z', sku: 'ZIP', price: gbp(100) },
  ];
  const levels = new Map([
    ['m', { onHand: 10, reserved: 6 }],
    ['c', { onHand: 3, reserved: 0 }],
    ['z', { onHand: -2, reserved: 0 }],
  ]);

  it('values on-hand stock at cost where known and at price', () => {
    expect(stockValue(variants, levels)).toEqual({ units: 13, atCost: 5000, atPrice: 15200, withoutCost: 1 });
  });

  it('lists variants at or below their reorder point', () => {
    expect(lowStock(variants, levels)).toEqual([
      { variantId: 'm', sku: 'MUG', available: 4, reorderPoint: 5 },
    ]);
  });
});
