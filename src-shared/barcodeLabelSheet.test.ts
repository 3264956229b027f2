import { describe, expect, it } from 'vitest';
import {
  labelBatch,
  labelSheets,
  parseLabelCount,
  printableBatch,
  type LabelRequest,
} from './barcodeLabelSheet';

const request = (sku: string, barcode: string, quantity: number): LabelRequest => ({
  variantId: `v-${sku}`,
  sku,
  name: `Item ${sku}`,
  price: { amount: 1299, currency: 'GBP' },
  barcode,
  quantity,
});

describe('how many labels', () => {
  it.each([
    ['', 0],
    [' 3 ', 3],
    ['999', 999],
  ])('reads %j as %i', (typed, value) => {
    expect(parseLabelCount(typed)).toEqual({ ok: true, value });
  });

  it.each([
    ['two', /“two” is not a number of labels/],
    ['-1', /not a number of labels/],
    ['1.5', /not a number of labels/],
    ['1000', /more than 999/],
  ])('refuses %j', (typed, reason) => {
    const parsed = parseLabelCount(typed);
    expect(!parsed.ok && parsed.reason).toMatch(reason);
  });
});

describe('a batch of labels', () => {
  it('makes one label per copy, EAN-13 or UPC-A by the code’s length, skipping zero counts', () => {
    const batch = labelBatch([
      request('MUG-1', '4006381333931', 2),
      request('TEE-1', '036000291452', 1),
      request('CAP-1', '5012345678900', 0),
    ]);
    expect(batch.ok && batch.labels.map((l) => [l.key, l.barcode, l.format])).toEqual([
      ['v-MUG-1:1', '4006381333931', 'EAN13'],
      ['v-MUG-1:2', '4006381333931', 'EAN13'],
      ['v-TEE-1:1', '036000291452', 'UPC'],
    ]);
  });

  it.each([
    [[request('MUG-1', '4006381333931', 0)], /at least one item/],
    [
      [request('MUG-1', '4006381333932', 1)],
      /MUG-1: Barcode 4006381333932 has a wrong check digit \(expected 1\)/,
    ],
    [[request('MUG-1', '96385074', 1)], /EAN-8/],
    [
      Array.from({ length: 6 }, (_, i) => request(`MUG-${i}`, '4006381333931', 999)),
      /5,994 labels is more than one batch of 5,000/,
    ],
  ])('refuses the whole batch with the reason (%#)', (requests, reason) => {
    const batch = labelBatch(requests);
    expect(batch.ok).toBe(false);
    expect(!batch.ok && batch.reason).toMatch(reason);
  });
});

describe('label sheets', () => {
  it('fills sheets of 24 in order', () => {
    const sheets = labelSheets(Array.from({ length: 50 }, (_, i) => i));
    expect(sheets.map((s) => s.length)).toEqual([24, 24, 2]);
    expect(sheets[1]![0]).toBe(24);
  });

  it('leaves the used positions of a half-used first sheet empty', () => {
    const sheets = labelSheets(['a', 'b', 'c'], 22);
    expect(sheets).toEqual([[...Array(22).fill(null), 'a', 'b'], ['c']]);
  });

  it('has no sheets for no labels', () => {
    expect(labelSheets([])).toEqual([]);
  });
});

describe('a batch ready to print', () => {
  it('carries the labels and the used positions to skip on the first sheet', () => {
    const ready = printableBatch([request('MUG-1', '4006381333931', 2)], ' 5 ');
    expect(ready).toMatchObject({ ok: true, skip: 5 });
    expect(ready.ok && ready.labels.map((l) => l.key)).toEqual(['v-MUG-1:1', 'v-MUG-1:2']);
    expect(printableBatch([request('MUG-1', '4006381333931', 1)], '')).toMatchObject({ ok: true, skip: 0 });
  });

  it('refuses a skip that is not a used part of one sheet, and a batch that cannot print', () => {
    const refusal = { ok: false, reason: 'Skip 0 to 23 used positions on the first sheet' };
    expect(printableBatch([request('MUG-1', '4006381333931', 1)], '24')).toEqual(refusal);
    expect(printableBatch([request('MUG-1', '4006381333931', 1)], 'two')).toEqual(refusal);
    expect(printableBatch([request('MUG-1', '4006381333931', 0)], '0')).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/at least one item/),
    });
  });
});
