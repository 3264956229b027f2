import { describe, expect, it } from 'vitest';
import { stockNote } from './stockNote';

describe('stockNote', () => {
  it('says how many are free to sell, or that none are', () => {
    expect(stockNote({ onHand: 6, reserved: 2 })).toBe('4 in stock');
    expect(stockNote({ onHand: 2, reserved: 2 })).toBe('Out of stock');
    expect(stockNote({ onHand: -1, reserved: 0 })).toBe('Out of stock');
    expect(stockNote(undefined)).toBe('No stock record');
  });
});
