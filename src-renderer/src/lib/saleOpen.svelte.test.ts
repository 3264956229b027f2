import { describe, expect, it, vi } from 'vitest';
import { SaleOpen } from './saleOpen.svelte';

describe('SaleOpen', () => {
  it('tells the desktop app when a sale opens and closes, once per change', () => {
    const setBusy = vi.fn(async () => undefined);
    const sale = new SaleOpen({ setBusy });
    sale.set(true);
    sale.set(true);
    expect(sale.open).toBe(true);
    sale.set(false);
    expect(setBusy.mock.calls).toEqual([[true], [false]]);
  });
});
