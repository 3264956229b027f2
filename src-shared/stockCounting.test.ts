import { describe, expect, it } from 'vitest';
import {
  addToLines,
  countDifferences,
  describeDifference,
  groupByBin,
  normaliseBin,
  parseUnits,
  quantityOf,
  scanQuantity,
  setLineQuantity,
} from './stockCounting';

const mug = { variantId: 'v-mug', sku: 'MUG-BLUE', name: 'Blue Mug', bin: 'A-01-1' };
const cap = { variantId: 'v-cap', sku: 'CAP-RED', name: 'Red Cap', bin: 'A-01-1' };

describe('delivery lines', () => {
  it('adds a second scan of the same item to its line instead of a new line', () => {
    let lines = addToLines([], mug, 1);
    lines = addToLines(lines, cap, 1);
    lines = addToLines(lines, mug, 5);
    expect(lines.map((l) => [l.sku, l.quantity])).toEqual([
      ['MUG-BLUE', 6],
      ['CAP-RED', 1],
    ]);
  });

  it('sets a quantity, and zero takes the line off', () => {
    const lines = addToLines(addToLines([], mug, 2), cap, 1);
    expect(setLineQuantity(lines, 'v-mug', 7)[0]!.quantity).toBe(7);
    expect(setLineQuantity(lines, 'v-mug', 0).map((l) => l.sku)).toEqual(['CAP-RED']);
  });
});

describe('parseUnits', () => {
  it('reads whole numbers and refuses the rest with a sentence', () => {
    expect(parseUnits(' 12 ')).toEqual({ ok: true, value: 12 });
    expect(parseUnits('-3', { allowNegative: true })).toEqual({ ok: true, value: -3 });
    expect(parseUnits('+4', { allowNegative: true })).toEqual({ ok: true, value: 4 });
    expect(parseUnits('-3')).toMatchObject({ ok: false, message: 'The number of items cannot be negative' });
    expect(parseUnits('1.5')).toMatchObject({ ok: false, message: '“1.5” is not a whole number of items' });
    expect(parseUnits('0')).toMatchObject({ ok: false });
    expect(parseUnits('0', { allowZero: true })).toEqual({ ok: true, value: 0 });
    expect(parseUnits('100001')).toMatchObject({ ok: false });
  });
});

describe('scanQuantity', () => {
  it('counts one item when nothing is typed before the scan', () => {
    expect(scanQuantity('')).toEqual({ ok: true, value: 1 });
    expect(scanQuantity('  ')).toEqual({ ok: true, value: 1 });
  });

  it('applies a typed quantity and refuses a bad one with what to do next', () => {
    expect(scanQuantity(' 12 ')).toEqual({ ok: true, value: 12 });
    expect(scanQuantity('0')).toEqual({
      ok: false,
      message: 'The number of items cannot be zero; type the quantity again, then scan',
    });
    expect(scanQuantity('two')).toMatchObject({ ok: false });
  });
});

describe('quantityOf', () => {
  it("reads the quantity on an item's line, and 0 for an item with no line", () => {
    const lines = addToLines(addToLines([], mug, 3), cap, 1);
    expect(quantityOf(lines, 'v-mug')).toBe(3);
    expect(quantityOf(lines, 'v-none')).toBe(0);
  });
});

describe('normaliseBin', () => {
  it('reads a bin typed loosely as the catalog writes it', () => {
    expect(normaliseBin('a-3-2')).toBe('A-03-2');
    expect(normaliseBin('B-12-10')).toBe('B-12-10');
    expect(normaliseBin('MUG-BLUE')).toBeNull();
    expect(normaliseBin('A-123-1')).toBeNull();
  });
});

describe('countDifferences', () => {
  it('finds one fewer than the ledger expects, and ignores lines that match', () => {
    const diffs = countDifferences(
      [
        { ...mug, onHand: 5 },
        { ...cap, onHand: 2 },
      ],
      [
        { ...mug, quantity: 4 },
        { ...cap, quantity: 2 },
      ],
    );
    expect(diffs).toEqual([{ ...mug, expected: 5, counted: 4, difference: -1 }]);
  });

  it('counts an expected item not scanned at all as none found', () => {
    expect(countDifferences([{ ...mug, onHand: 3 }], [])).toEqual([
      { ...mug, expected: 3, counted: 0, difference: -3 },
    ]);
  });

  it('adds an item found that the ledger did not expect', () => {
    expect(countDifferences([], [{ ...cap, quantity: 2 }])).toEqual([
      { ...cap, expected: 0, counted: 2, difference: 2 },
    ]);
  });

  it('says a difference in words', () => {
    expect(describeDifference(-1)).toBe('found 1 fewer');
    expect(describeDifference(2)).toBe('found 2 more');
    expect(describeDifference(0)).toBe('as expected');
  });
});

describe('groupByBin', () => {
  it('lists bins in walk order (A-9 before A-10) with their items and units', () => {
    const groups = groupByBin([
      { sku: 'Z', bin: 'A-10-1', onHand: 1 },
      { sku: 'B', bin: 'A-09-2', onHand: 2 },
      { sku: 'A', bin: 'A-09-2', onHand: 3 },
      { sku: 'C', bin: 'A-09-1', onHand: 0 },
    ]);
    expect(groups.map((g) => [g.bin, g.items.map((i) => i.sku), g.onHand])).toEqual([
      ['A-09-1', ['C'], 0],
      ['A-09-2', ['A', 'B'], 5],
      ['A-10-1', ['Z'], 1],
    ]);
  });
});
