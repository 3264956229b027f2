import { describe, expect, it } from 'vitest';
import type { Order } from './records';
import {
  refundForReturn,
  returnCorrections,
  returnProblem,
  returnableLines,
  unitsOf,
  type PickedReturn,
} from './returns';

const line = (variantId: string, sku: string, quantity: number, unitPrice: number, discount = 0) => ({
  id: `line-${sku}`,
  variantId,
  sku,
  name: sku.toLowerCase(),
  quantity,
  unitPrice: { amount: unitPrice, currency: 'GBP' },
  taxClass: 'standard' as const,
  ...(discount ? { discount: { amount: discount, currency: 'GBP' } } : {}),
});

function order(lines: ReturnType<typeof line>[], unitsShipped: number, unitsReturned = 0) {
  return { lines, machine: { unitsShipped, unitsReturned } } as Pick<Order, 'lines' | 'machine'>;
}

describe('returnableLines', () => {
  it('allows back only what shipped, line by line (a partial shipment ships the first lines first)', () => {
    const lines = returnableLines(order([line('a', 'MUG', 2, 1000), line('b', 'CAP', 3, 500)], 3), []);
    expect(lines.map((l) => [l.sku, l.shipped, l.returnable])).toEqual([
      ['MUG', 2, 2],
      ['CAP', 1, 1],
    ]);
  });

  it('takes off what earlier returns brought back', () => {
    const earlier = [
      { lines: [{ variantId: 'a', sku: 'MUG', name: 'mug', quantity: 1, disposition: 'restock' as const }] },
    ];
    const lines = returnableLines(order([line('a', 'MUG', 2, 1000)], 2, 1), earlier);
    expect(lines[0]).toMatchObject({ shipped: 2, returned: 1, returnable: 1 });
  });

  it('counts returns the machine knows of without a return record, so they cannot come back twice', () => {
    const lines = returnableLines(order([line('a', 'MUG', 2, 1000), line('b', 'CAP', 1, 500)], 3, 2), []);
    expect(lines.map((l) => l.returnable)).toEqual([0, 1]);
  });

  it('prices a unit at what was paid for it, line discount taken off', () => {
    expect(returnableLines(order([line('a', 'MUG', 4, 1000, 400)], 4), [])[0]!.unitPaid).toBe(900);
  });

  it('reads an order that never shipped as nothing to return', () => {
    expect(unitsOf({ machine: {} })).toEqual({ shipped: 0, returned: 0 });
    expect(returnableLines(order([line('a', 'MUG', 1, 100)], 0), [])[0]!.returnable).toBe(0);
  });
});

describe('returnProblem', () => {
  const returnable = returnableLines(order([line('a', 'MUG', 2, 1000)], 2, 1), []);
  const pick = (quantity: number): PickedReturn[] => [{ variantId: 'a', quantity, disposition: 'restock' }];

  it('refuses more than shipped minus already returned, naming the numbers', () => {
    expect(returnProblem(returnable, pick(2), 'too small')).toBe(
      'MUG: only 1 can come back (2 shipped, 1 back already); this says 2',
    );
  });

  it('needs an item and a reason', () => {
    expect(returnProblem(returnable, pick(0), 'x')).toBe(
      'Choose at least one item coming back, with how many',
    );
    expect(returnProblem(returnable, pick(1), '  ')).toBe('Give the reason for the return, in a few words');
    expect(returnProblem(returnable, pick(1), 'too small')).toBeNull();
  });

  it('refuses an item that is not on the order', () => {
    expect(returnProblem(returnable, [{ variantId: 'zz', quantity: 1, disposition: 'restock' }], 'x')).toBe(
      'One of the items is not on this order',
    );
  });
});

describe('returnCorrections', () => {
  it('changes nothing when the restocked items are the ones the machine put back', () => {
    const auto = [{ variantId: 'a', kind: 'return' as const, quantity: 1 }];
    expect(
      returnCorrections(auto, [{ variantId: 'a', quantity: 1, disposition: 'restock' }], 'D1-000001', 'x'),
    ).toEqual([]);
  });

  it('takes a written-off item back off the shelf with the reason', () => {
    const auto = [{ variantId: 'a', kind: 'return' as const, quantity: 2 }];
    expect(
      returnCorrections(
        auto,
        [{ variantId: 'a', quantity: 2, disposition: 'write_off' }],
        'D1-000001',
        'broken',
      ),
    ).toEqual([
      { variantId: 'a', kind: 'adjust', quantity: -2, reason: 'Return D1-000001 written off: broken' },
    ]);
  });

  it('moves the machine’s return to the line that really came back', () => {
    const auto = [{ variantId: 'a', kind: 'return' as const, quantity: 1 }];
    expect(
      returnCorrections(auto, [{ variantId: 'b', quantity: 1, disposition: 'restock' }], 'D1-000001', 'x'),
    ).toEqual([
      { variantId: 'b', kind: 'return', quantity: 1 },
      {
        variantId: 'a',
        kind: 'adjust',
        quantity: -1,
        reason: 'Return D1-000001 booked to the item that came back: x',
      },
    ]);
  });
});

describe('refundForReturn', () => {
  const returnable = returnableLines(order([line('a', 'MUG', 2, 1000), line('b', 'CAP', 1, 500)], 3), []);
  it('proposes what the returned items were paid, whatever happens to them', () => {
    const picked: PickedReturn[] = [
      { variantId: 'a', quantity: 1, disposition: 'restock' },
      { variantId: 'b', quantity: 1, disposition: 'write_off' },
    ];
    expect(refundForReturn(returnable, picked, 99_999)).toBe(1500);
  });

  it('never proposes more than the money still held', () => {
    expect(refundForReturn(returnable, [{ variantId: 'a', quantity: 2, disposition: 'restock' }], 1200)).toBe(
      1200,
    );
  });
});
