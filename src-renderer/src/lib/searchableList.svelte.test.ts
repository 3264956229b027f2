import { afterEach, describe, expect, it } from 'vitest';
import { flushSync } from 'svelte';
import { SearchableList } from './searchableList.svelte';

const rows = Array.from({ length: 120 }, (_, i) => `row ${i}`);
const source = {
  total: async () => ({ count: rows.length }),
  search: async (q: string) => rows.filter((r) => r.endsWith(q)),
  page: async (offset: number, limit: number) => rows.slice(offset, offset + limit),
};
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

let list: SearchableList<string> | undefined;
afterEach(() => list?.stop());

describe('a searchable list', () => {
  it('pages the whole table until a query is typed, then pages the results', async () => {
    list = new SearchableList(source);
    await settle();
    expect(list.count).toBe(120);
    expect(await list.loadRows(100, 50)).toHaveLength(20);

    list.query = '7';
    list.follow();
    flushSync();
    await settle();
    expect(list.searching).toBe(true);
    expect(list.count).toBe(12);
    expect(await list.loadRows(0, 5)).toEqual(['row 7', 'row 17', 'row 27', 'row 37', 'row 47']);

    list.query = '';
    list.follow();
    expect(list.count).toBe(120);
  });

  it('makes rows only of the hits in view when a search finds less than a row', async () => {
    const made: string[][] = [];
    const hits = new SearchableList<string, number>({
      total: source.total,
      page: source.page,
      search: async (q) => rows.map((_, i) => i).filter((i) => String(i).endsWith(q)),
      rowsOf: async (found) => {
        made.push(found.map(String));
        return found.map((i) => rows[i]!);
      },
    });
    try {
      hits.query = '7';
      hits.follow();
      flushSync();
      await settle();
      expect(hits.count).toBe(12);
      expect(made).toEqual([]);
      expect(await hits.loadRows(2, 3)).toEqual(['row 27', 'row 37', 'row 47']);
      expect(made).toEqual([['27', '37', '47']]);
    } finally {
      hits.stop();
    }
  });
});
