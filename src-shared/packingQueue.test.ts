import { describe, expect, it } from 'vitest';
import type { Order } from './records';
import { arrangeQueue, carrierOf, queueCarriers, shipByOf } from './packingQueue';
import { DEFAULT_SHIPPING_GB } from './shippingRules';

const rules = DEFAULT_SHIPPING_GB;
let serial = 0;
function order(
  createdAt: string,
  shippingMethod: string | undefined,
  channel: Order['channel'] = 'phone',
): Order {
  serial += 1;
  return {
    number: `D1-${String(serial).padStart(6, '0')}`,
    createdAt,
    shippingMethod,
    channel,
  } as Order;
}

describe('the packers’ queue', () => {
  it('dates each order by its method: dispatch days in business days, collection the same day', () => {
    // Friday's order on a next-day method ships Monday; Saturday's collection is due Monday too.
    expect(shipByOf(order('2026-11-20T15:00:00Z', 'DPD Next Day'), rules)).toBe('2026-11-23');
    expect(shipByOf(order('2026-11-21T10:00:00Z', 'Collect at the counter'), rules)).toBe('2026-11-23');
    expect(shipByOf(order('2026-11-24T10:00:00Z', 'Collect at the counter'), rules)).toBe('2026-11-24');
    expect(shipByOf(order('2026-11-24T10:00:00Z', 'Pigeon post'), rules)).toBe('2026-11-25');
    expect(carrierOf(order('2026-11-24T10:00:00Z', 'Royal Mail Tracked 24'), rules)).toBe('Royal Mail');
    expect(carrierOf(order('2026-11-24T10:00:00Z', undefined), rules)).toBe('Collection');
    expect(carrierOf(order('2026-11-24T10:00:00Z', 'Pigeon post'), rules)).toBe('Other');
    expect(queueCarriers(rules)).toEqual(['Royal Mail', 'DPD', 'DHL', 'Collection', 'Other']);
  });

  it('puts the most urgent first, then the oldest, and marks what is overdue', () => {
    const old = order('2026-11-16T09:00:00Z', 'Royal Mail Tracked 48'); // due Tue 17th: overdue
    const collect = order('2026-11-23T08:00:00Z', 'Collect at the counter'); // due today
    const dpd = order('2026-11-22T09:00:00Z', 'DPD Next Day', 'mail'); // Sunday → due Tue 24th
    const dhl = order('2026-11-20T09:00:00Z', 'DHL Express Worldwide', 'email'); // due Mon 23rd
    const arranged = arrangeQueue([dpd, collect, old, dhl], { rules, today: '2026-11-23' });
    expect(arranged.map((q) => [q.order.number, q.shipBy, q.overdue])).toEqual([
      [old.number, '2026-11-17', true],
      [dhl.number, '2026-11-23', false],
      [collect.number, '2026-11-23', false],
      [dpd.number, '2026-11-24', false],
    ]);
    const oldest = arrangeQueue([dpd, collect, old, dhl], { rules, today: '2026-11-23', sort: 'oldest' });
    expect(oldest.map((q) => q.order.number)).toEqual([old.number, dhl.number, dpd.number, collect.number]);
  });

  it('filters by ship-by date, carrier and channel, together', () => {
    const a = order('2026-11-23T08:00:00Z', 'Royal Mail Tracked 24', 'phone');
    const b = order('2026-11-23T08:00:00Z', 'DPD Next Day', 'phone');
    const c = order('2026-11-19T08:00:00Z', 'Royal Mail Tracked 48', 'mail');
    const numbers = (filter: Parameters<typeof arrangeQueue>[1]['filter']) =>
      arrangeQueue([a, b, c], { rules, today: '2026-11-23', filter }).map((q) => q.order.number);
    expect(numbers({ carrier: 'Royal Mail' })).toEqual([c.number, a.number]);
    expect(numbers({ channel: 'phone' })).toEqual([a.number, b.number]);
    expect(numbers({ dueBy: '2026-11-23' })).toEqual([c.number]);
    expect(numbers({ carrier: 'Royal Mail', channel: 'phone', dueBy: '2026-11-24' })).toEqual([a.number]);
    expect(numbers({ carrier: 'DHL' })).toEqual([]);
  });
});
