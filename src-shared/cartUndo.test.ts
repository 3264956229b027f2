import { describe, expect, it } from 'vitest';
import { canUndoClear, restoreEvents, UNDO_CLEAR_MS, type ClearedCart } from './cartUndo';
import { money } from './money';
import type { OrderLine } from './records';

const line = (id: string, quantity: number, price: number): OrderLine => ({
  id,
  variantId: `v-${id}`,
  sku: `SKU-${id.toUpperCase()}`,
  name: `Item ${id}`,
  quantity,
  unitPrice: money(price, 'GBP'),
  taxClass: 'standard',
});

describe('restoreEvents', () => {
  it('puts each cleared line back with its own id, quantity and (overridden) price, in order', () => {
    expect(restoreEvents([line('a', 3, 12_99), line('b', 1, 50)])).toEqual([
      {
        type: 'cart.addItem',
        lineId: 'a',
        variantId: 'v-a',
        sku: 'SKU-A',
        name: 'Item a',
        quantity: 3,
        unitPrice: 12_99,
        taxClass: 'standard',
      },
      expect.objectContaining({ lineId: 'b', quantity: 1, unitPrice: 50 }),
    ]);
  });
});

describe('restoreEvents with discounts', () => {
  it('gives the line and order discounts back after the lines they were on', () => {
    const discounted = { ...line('a', 2, 10_00), discount: money(3_00, 'GBP') };
    const events = restoreEvents([discounted, line('b', 1, 50)], 1_00);
    expect(events.map((e) => e.type)).toEqual([
      'cart.addItem',
      'cart.addItem',
      'cart.setDiscount',
      'cart.setOrderDiscount',
    ]);
    expect(events[2]).toMatchObject({ lineId: 'a', discount: 3_00 });
    expect(events[3]).toMatchObject({ discount: 1_00 });
  });
});

describe('canUndoClear', () => {
  const cleared: ClearedCart = { orderId: 'o1', lines: [line('a', 1, 100)], version: 4, at: 1_000 };
  const order = { id: 'o1', version: 4, status: 'cart' };

  it('offers undo right after the clear and until the time is up', () => {
    expect(canUndoClear(cleared, order, 1_000)).toBe(true);
    expect(canUndoClear(cleared, order, 1_000 + UNDO_CLEAR_MS - 1)).toBe(true);
    expect(canUndoClear(cleared, order, 1_000 + UNDO_CLEAR_MS)).toBe(false);
  });

  it('withdraws undo once the order changed again, or on another order, or outside the cart', () => {
    expect(canUndoClear(cleared, { ...order, version: 5 }, 1_500)).toBe(false);
    expect(canUndoClear(cleared, { ...order, id: 'o2' }, 1_500)).toBe(false);
    expect(canUndoClear(cleared, { ...order, status: 'payment' }, 1_500)).toBe(false);
    expect(canUndoClear(null, order, 1_500)).toBe(false);
    expect(canUndoClear(cleared, undefined, 1_500)).toBe(false);
  });
});
