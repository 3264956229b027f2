import { describe, expect, test } from 'vitest';
import { newId, orderNumber } from './ids';
import { Id, OrderSchema } from './records';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('newId', () => {
  test('makes RFC 9562 version 7 UUIDs that the record schemas accept', () => {
    const id = newId();
    expect(id).toMatch(UUID_V7);
    expect(Id.safeParse(id).success).toBe(true);
  });

  test('carries the creation time in its first 48 bits', () => {
    const before = Date.now();
    const id = newId();
    const after = Date.now();
    const millis = parseInt(id.replace(/-/g, '').slice(0, 12), 16);
    expect(millis).toBeGreaterThanOrEqual(before);
    expect(millis).toBeLessThanOrEqual(after);
  });

  test('ids made one after another are unique and sort in the order they were made', () => {
    const ids = Array.from({ length: 2000 }, () => newId());
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
  });
});

describe('orderNumber', () => {
  test('pads the sequence to six digits after the desk code', () => {
    expect(orderNumber('D1', 42)).toBe('D1-000042');
    expect(orderNumber('BENCH2', 999_999)).toBe('BENCH2-999999');
    expect(orderNumber('7', 1)).toBe('7-000001');
  });

  test('makes numbers the order schema accepts', () => {
    for (const n of [orderNumber('D1', 1), orderNumber('ABC123', 123_456)]) {
      expect(OrderSchema.shape.number.safeParse(n).success).toBe(true);
    }
  });

  test('refuses desk codes that are not 1–6 capital letters or digits', () => {
    expect(() => orderNumber('d1', 1)).toThrow('Desk code "d1" must be 1–6 capital letters or digits');
    expect(() => orderNumber('', 1)).toThrow('Desk code "" must be');
    expect(() => orderNumber('BENCH12', 1)).toThrow('Desk code "BENCH12"');
    expect(() => orderNumber('D-1', 1)).toThrow('Desk code "D-1"');
  });

  test('refuses sequences outside 1 to 999,999 or not whole', () => {
    expect(() => orderNumber('D1', 0)).toThrow('Order sequence 0 must be a whole number from 1 to 999,999');
    expect(() => orderNumber('D1', 1_000_000)).toThrow('Order sequence 1000000 must be');
    expect(() => orderNumber('D1', 1.5)).toThrow('Order sequence 1.5 must be');
    expect(() => orderNumber('D1', Number.NaN)).toThrow('Order sequence NaN must be');
  });
});
