import { describe, expect, it } from 'vitest';
import { GIFT_CARD_VARIANT_ID } from './balances';
import {
  batchPickList,
  compareBins,
  parseBin,
  pickList,
  walkBins,
  type PickOrder,
  type PickVariant,
} from './pickList';

const variants: PickVariant[] = [
  { id: 'v-mug', bin: 'A-10-1', barcode: '4006381333931' },
  { id: 'v-tee-s', bin: 'A-09-2', barcode: '5012345678900' },
  { id: 'v-tee-m', bin: 'A-09-1', barcode: '5012345678917' },
  { id: 'v-cap', bin: 'B-02-1', barcode: '0036000291452' },
  { id: 'v-bag', bin: 'B-11-3', barcode: '9638507400007' },
  { id: 'v-pen', bin: 'C-01-1', barcode: '9638507400014' },
  { id: 'v-far', bin: 'AA-01-1', barcode: '9638507400021' },
];

function line(variantId: string, quantity: number) {
  const sku = variantId.replace('v-', '').toUpperCase() + '-1';
  return { variantId, sku, name: `Item ${sku}`, quantity };
}

const order1: PickOrder = {
  orderId: 'o1',
  orderNumber: 'D1-000001',
  lines: [line('v-cap', 1), line('v-mug', 2), line('v-tee-s', 1)],
};
const order2: PickOrder = {
  orderId: 'o2',
  orderNumber: 'D1-000002',
  lines: [line('v-mug', 1), line('v-bag', 3), line('v-pen', 1)],
};
const order3: PickOrder = {
  orderId: 'o3',
  orderNumber: 'D2-000007',
  lines: [line('v-mug', 4), line('v-tee-m', 1), line('v-far', 1), line('v-mug', 1)],
};

describe('bins', () => {
  it('reads aisle, bay and shelf', () => {
    expect(parseBin('A-03-2')).toEqual({ aisle: 'A', bay: 3, shelf: 2 });
    expect(parseBin('shelf by the door')).toBeNull();
  });

  it('sorts bays by number, so A-9 comes before A-10', () => {
    expect(compareBins('A-9-1', 'A-10-1')).toBeLessThan(0);
    expect(walkBins(['A-10-1', 'A-09-2', 'A-9-1', 'A-02-1'], 'straight')).toEqual([
      'A-02-1',
      'A-9-1',
      'A-09-2',
      'A-10-1',
    ]);
  });

  it('puts aisle AA after Z, and unreadable bins last', () => {
    expect(walkBins(['AA-01-1', 'Z-01-1', 'door', 'B-01-1'], 'straight')).toEqual([
      'B-01-1',
      'Z-01-1',
      'AA-01-1',
      'door',
    ]);
  });

  it('walks every second visited aisle back down in a serpentine walk', () => {
    // Aisles visited: A (up), C (down: B has nothing to pick), D (up).
    expect(walkBins(['C-01-1', 'A-05-1', 'D-07-1', 'C-09-1', 'A-01-1', 'D-02-1'])).toEqual([
      'A-01-1',
      'A-05-1',
      'C-09-1',
      'C-01-1',
      'D-02-1',
      'D-07-1',
    ]);
  });
});

describe('pickList (one order)', () => {
  it('lists each line with its bin and barcode in walk order, all into tote 1', () => {
    const list = pickList(order1, variants, 'straight');
    expect(list.lines.map((l) => [l.bin, l.sku, l.quantity])).toEqual([
      ['A-09-2', 'TEE-S-1', 1],
      ['A-10-1', 'MUG-1', 2],
      ['B-02-1', 'CAP-1', 1],
    ]);
    expect(list.lines[1]!.barcode).toBe('4006381333931');
    expect(list.lines.every((l) => l.allocations.length === 1 && l.allocations[0]!.tote === 1)).toBe(true);
    expect(list.units).toBe(4);
    expect(list.warnings).toEqual([]);
  });

  it('merges two lines of the same variant in one order', () => {
    const mug = pickList(order3, variants).lines.find((l) => l.variantId === 'v-mug')!;
    expect(mug.quantity).toBe(5);
    expect(mug.allocations).toEqual([{ tote: 1, orderId: 'o3', orderNumber: 'D2-000007', quantity: 5 }]);
  });

  it('leaves gift cards off: a code on the receipt is never picked, and never warned about', () => {
    const giftCard = { ...line('v-gift', 1), variantId: GIFT_CARD_VARIANT_ID, sku: 'GIFT-CARD' };
    const list = pickList({ ...order1, lines: [...order1.lines, giftCard] }, variants);
    expect(list.lines.map((l) => l.variantId).sort()).toEqual(['v-cap', 'v-mug', 'v-tee-s']);
    expect(list.units).toBe(4);
    expect(list.warnings).toEqual([]);
  });

  it('lists a line whose variant left the catalog last, with a warning naming it', () => {
    const list = pickList({ ...order1, lines: [...order1.lines, line('v-gone', 2)] }, variants);
    expect(list.lines.at(-1)).toMatchObject({ variantId: 'v-gone', bin: null, quantity: 2 });
    expect(list.warnings).toEqual([
      'GONE-1 (Item GONE-1) is not in the catalog any more, so it has no bin; find it before packing D1-000001',
    ]);
  });
});

describe('batchPickList (N orders)', () => {
  const batch = batchPickList([order1, order2, order3], variants);

  it('merges lines per variant across orders and counts every unit once', () => {
    const mug = batch.lines.find((l) => l.variantId === 'v-mug')!;
    expect(mug.quantity).toBe(2 + 1 + 5);
    const ordered = [order1, order2, order3].flatMap((o) => o.lines).reduce((s, l) => s + l.quantity, 0);
    expect(batch.units).toBe(ordered);
    expect(new Set(batch.lines.map((l) => l.variantId)).size).toBe(batch.lines.length);
  });

  it('allocates each merged line to the totes of the orders that need it', () => {
    const mug = batch.lines.find((l) => l.variantId === 'v-mug')!;
    expect(mug.allocations.map((a) => [a.tote, a.orderNumber, a.quantity])).toEqual([
      [1, 'D1-000001', 2],
      [2, 'D1-000002', 1],
      [3, 'D2-000007', 5],
    ]);
    expect(batch.totes.map((t) => t.orderNumber)).toEqual(['D1-000001', 'D1-000002', 'D2-000007']);
    for (const pick of batch.lines) {
      expect(pick.allocations.reduce((s, a) => s + a.quantity, 0)).toBe(pick.quantity);
    }
  });

  it('walks the batch serpentine: aisle A up, B down, C up, AA down', () => {
    expect(batch.lines.map((l) => l.bin)).toEqual([
      'A-09-1',
      'A-09-2',
      'A-10-1',
      'B-11-3',
      'B-02-1',
      'C-01-1',
      'AA-01-1',
    ]);
  });

  it('gives an empty list for no orders', () => {
    expect(batchPickList([], variants)).toEqual({ lines: [], totes: [], units: 0, warnings: [] });
  });
});
