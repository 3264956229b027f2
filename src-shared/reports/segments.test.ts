// Segments on a hand-built store (London time): each expected list is worked out below.
import { describe, expect, it } from 'vitest';
import { order } from './reportFixtures';
import { customerSegments, segmentsOf, type SegmentCustomer, type SegmentMember } from './segments';

const range = { from: '2026-11-01', to: '2026-11-30' };
const customers = new Map<string, SegmentCustomer>([
  ['a', { id: 'a', name: 'Ada', phone: '+441632960001', email: 'ada@example.com' }],
  ['b', { id: 'b', name: 'Bo', phone: '+441632960002' }],
  ['c', { id: 'c', name: 'Cy' }],
]);
const orders = [
  // Ada: first bought in June, again in November: repeat, not new, not lapsed. Spent £30 + £50.
  order({ customerId: 'a', status: 'shipped', createdAt: '2026-06-10T10:00:00Z', total: 3000 }),
  order({ customerId: 'a', status: 'delivered', createdAt: '2026-11-20T10:00:00Z', total: 5000 }),
  // Bo: once, in July: lapsed after 90 days (the cut-off is 2026-09-01). Spent £200 less £20 refunded.
  order({
    customerId: 'b',
    status: 'refunded',
    createdAt: '2026-07-02T10:00:00Z',
    total: 20000,
    refunded: 2000,
  }),
  // Cy: bought at 23:30 UTC on 31 October, still 31 October in London (UTC+0 after the clocks go
  // back): before the range, so not new, and not lapsed either. A cart never paid does not count.
  order({ customerId: 'c', status: 'processing', createdAt: '2026-10-31T23:30:00Z', total: 1000 }),
  order({ customerId: 'c', status: 'cart', createdAt: '2026-11-05T10:00:00Z', total: 999_00 }),
  // Dee: only in December, after the range: left out altogether.
  order({ customerId: 'd', status: 'shipped', createdAt: '2026-12-02T10:00:00Z', total: 9000 }),
  // A walk-in sale with no customer: in nobody's segment.
  order({ status: 'shipped', createdAt: '2026-11-10T10:00:00Z', total: 700 }),
];

const segments = customerSegments(orders, customers, range, 'Europe/London', 90);
const names = (id: string) => segments.find((s) => s.id === id)!.members.map((m) => m.name);

describe('customer segments', () => {
  it('new: the first purchase falls in the range', () => {
    expect(names('new')).toEqual([]);
    const late = customerSegments(
      [
        ...orders,
        order({
          customerId: 'e',
          customerName: 'Eve',
          status: 'shipped',
          createdAt: '2026-11-30T12:00:00Z',
          total: 100,
        }),
      ],
      customers,
      range,
      'Europe/London',
      90,
    );
    expect(late.find((s) => s.id === 'new')!.members).toEqual([
      { customerId: 'e', name: 'Eve', orders: 1, spent: 100, firstDay: '2026-11-30', lastDay: '2026-11-30' },
    ]);
  });

  it('repeat: two purchases or more up to the range’s end', () => {
    expect(segments.find((s) => s.id === 'repeat')!.members).toEqual([
      {
        customerId: 'a',
        name: 'Ada',
        phone: '+441632960001',
        email: 'ada@example.com',
        orders: 2,
        spent: 8000,
        firstDay: '2026-06-10',
        lastDay: '2026-11-20',
      },
    ]);
  });

  it('lapsed: nothing since the cut-off, with the phone to call them on', () => {
    expect(segments.find((s) => s.id === 'lapsed')!.members).toEqual([
      {
        customerId: 'b',
        name: 'Bo',
        phone: '+441632960002',
        orders: 1,
        spent: 18000,
        firstDay: '2026-07-02',
        lastDay: '2026-07-02',
      },
    ]);
    // With a year's patience nobody has lapsed.
    expect(
      customerSegments(orders, customers, range, 'Europe/London', 365).find((s) => s.id === 'lapsed')!
        .members,
    ).toEqual([]);
  });

  it('top spenders: the top tenth, at least one, by net spend', () => {
    // Three buyers: a tenth rounds up to one, Bo (£180 net) ahead of Ada (£80) and Cy (£10).
    expect(names('top')).toEqual(['Bo']);
  });

  it('breaks ties by name (as people read names), then by id, in every list', () => {
    const member = (customerId: string, name: string, spent: number, lastDay: string): SegmentMember => ({
      customerId,
      name,
      orders: 2,
      spent,
      firstDay: '2026-11-02',
      lastDay,
    });
    // Spent: Émile and emma £50, Zoë £90; two customers called Bea, £50 each (ids b2 before b9).
    const all = [
      member('z', 'Zoë', 9000, '2026-11-05'),
      member('b9', 'Bea', 5000, '2026-11-05'),
      member('e1', 'emma', 5000, '2026-11-20'),
      member('e2', 'Émile', 5000, '2026-11-05'),
      member('b2', 'Bea', 5000, '2026-11-05'),
    ];
    const lists = segmentsOf(all, range, 90);
    const ids = (id: string) => lists.find((s) => s.id === id)!.members.map((m) => m.customerId);
    // By spend, then name as people read it (Émile before emma: i before m, accent and case aside), then id.
    expect(ids('repeat')).toEqual(['z', 'b2', 'b9', 'e2', 'e1']);
    // New, latest purchase first: emma on the 20th, then the 5th by name and id.
    expect(ids('new')).toEqual(['e1', 'b2', 'b9', 'e2', 'z']);
  });
});
