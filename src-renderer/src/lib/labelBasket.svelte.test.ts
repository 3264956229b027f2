import { describe, expect, it } from 'vitest';
import type { LabelRequest } from '$shared/barcodeLabelSheet';
import { LabelBasket } from './labelBasket.svelte';

const request = (variantId: string, quantity: number): LabelRequest => ({
  variantId,
  sku: `SKU-${variantId}`,
  name: `Item ${variantId}`,
  price: { amount: 999, currency: 'GBP' },
  barcode: '4006381333931',
  quantity,
});

describe('LabelBasket', () => {
  it('gathers variants of several products, a second count of a variant replacing the first', () => {
    const basket = new LabelBasket();
    basket.put([request('a', 2), request('b', 0)]);
    basket.put([request('c', 1)]);
    basket.put([request('a', 5)]);
    expect(basket.items.map((i) => [i.variantId, i.quantity])).toEqual([
      ['a', 5],
      ['c', 1],
    ]);
    expect(basket.total).toBe(6);
  });

  it('takes a variant out with a count of 0 or by removing it, and empties', () => {
    const basket = new LabelBasket();
    basket.put([request('a', 2), request('b', 3)]);
    basket.put([request('a', 0)]);
    expect(basket.items.map((i) => i.variantId)).toEqual(['b']);
    basket.remove('b');
    expect(basket.total).toBe(0);
    basket.put([request('c', 1)]);
    basket.clear();
    expect(basket.items).toEqual([]);
  });
});
