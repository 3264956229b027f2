import { describe, expect, it } from 'vitest';
import {
  jsonBytes,
  jsonBytesSurelyAtMost,
  payloadProblems,
  plainValueProblems,
  textProblem,
  unknownFields,
} from './inputLimits';

describe('text a store can keep', () => {
  it('accepts ordinary text, accents and emoji (surrogate pairs)', () => {
    expect(textProblem('Crème brûlée 🍮 ×2')).toBeNull();
  });

  it('refuses a NUL and a lone surrogate, high or low, with a sentence', () => {
    expect(textProblem('Mug\u0000')).toMatch(/NUL character/);
    expect(textProblem('Mug \ud83d')).toMatch(/lone UTF-16 surrogate/);
    expect(textProblem('\udc00 Mug')).toMatch(/lone UTF-16 surrogate/);
  });
});

describe('plain values before a schema reads them', () => {
  it('names where the bad text is, in a field name too', () => {
    expect(plainValueProblems({ lines: [{ name: 'a\u0000' }] })).toEqual([
      'lines › #1 › name holds a NUL character (\\u0000), which cannot be stored; retype it',
    ]);
    expect(plainValueProblems({ ['x\u0000']: 1 })[0]).toMatch(/^A field name in the value holds a NUL/);
  });

  it('stops at the depth limit, so an array nested 100,000 deep costs nothing', () => {
    let deep: unknown = [];
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(plainValueProblems({ options: deep })).toEqual([
      expect.stringMatching(/nested more than 16 levels deep/),
    ]);
  });

  it('refuses a change above 256 KB, and counts bytes in UTF-8', () => {
    expect(jsonBytes({ a: 'é' })).toBe(10);
    const big = { notes: Array.from({ length: 40 }, () => 'x'.repeat(9_000)) };
    expect(payloadProblems(big)[0]).toMatch(/The change is 352 KB; one change may be at most 256 KB/);
    expect(payloadProblems({ note: 'x'.repeat(300 * 1024) })[0]).toMatch(/note is 307200 characters long/);
    expect(payloadProblems({ note: 'x'.repeat(1000) })).toEqual([]);
  });

  it('is sure a value is small enough only when its JSON really is, whatever its characters', () => {
    const texts = ['plain', 'é', '中文', '😀', '"quoted"\\', '\u0001\u001f', '\n\t', 'x'.repeat(500)];
    const values: unknown[] = [
      ...texts,
      ...texts.map((t) => ({ [t]: t, list: [t, 1.7976931348623157e308, -5e-324, null, true] })),
      { nested: { deeper: [{ a: -2.2250738585072014e-308, b: undefined, c: [[], {}] }] } },
      [undefined, () => 1, Symbol('s')],
    ];
    for (const value of values) {
      const exact = jsonBytes(value);
      for (const limit of [exact - 1, exact, exact * 6 + 50]) {
        if (jsonBytesSurelyAtMost(value, limit)) expect(exact).toBeLessThanOrEqual(limit);
      }
      expect(jsonBytesSurelyAtMost(value, exact * 6 + 50)).toBe(true);
    }
    // A value that writes itself (a Date) or cannot be written (a bigint) is always measured.
    expect(jsonBytesSurelyAtMost({ at: new Date(0) }, 1e6)).toBe(false);
    expect(jsonBytesSurelyAtMost({ n: 1n }, 1e6)).toBe(false);
    expect(payloadProblems({ n: 1n })).toEqual([
      'The change is Infinity KB; one change may be at most 256 KB',
    ]);
  });
});

describe('unknown fields', () => {
  it('lists keys the parsed value left out, however deep, but not free-form records', () => {
    const input = { id: 1, note: 'x', machine: { lines: [{ a: 1, b: 2 }] } };
    const output = { id: 1, machine: { lines: [{ a: 1 }] } };
    expect(unknownFields(input, output)).toEqual(['note', 'machine › lines › #1 › b']);
    expect(unknownFields({ attributes: { Size: 'M' } }, { attributes: { Size: 'M' } })).toEqual([]);
  });
});
