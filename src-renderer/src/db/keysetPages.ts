// Pages of a long list read by key (keyset paging), not by counting rows from the start: a page is
// read from the nearest row whose position the list already knows (the edge of a page it loaded,
// or either end), so scrolling is a short index walk at any depth. Rows that share an index key
// are ordered by id, as IndexedDB orders them, so every row has one place.
import type { IndexableType, Table } from 'dexie';

/** `I` is the table's insert type (Dexie's EntityTable makes the id optional there). */
export type KeysetSource<T, I = T> = {
  table: Table<T, string, I>;
  /** The index the list is ordered by (e.g. 'name', '[status+createdAt]'). */
  index: string;
  /** The list's bounds in that index, both inclusive. */
  lower: IndexableType;
  upper: IndexableType;
  /** Newest first and the like: the list runs from the index's upper end down. */
  descending: boolean;
  keyOf: (row: T) => IndexableType;
  idOf: (row: T) => string;
};

type Mark = { key: IndexableType; id: string };

/** Rows after (up) or before (down) `from` in index order, skipping `skip`, at most `limit`. */
async function walk<T, I>(
  source: KeysetSource<T, I>,
  up: boolean,
  from: Mark | null,
  skip: number,
  limit: number,
): Promise<T[]> {
  const { table, index, lower, upper } = source;
  if (limit <= 0) return [];
  if (!from) {
    const all = table.where(index).between(lower, upper, true, true);
    return (up ? all : all.reverse()).offset(skip).limit(limit).toArray();
  }
  // The rest of `from`'s run of equal keys first (short), then the keys beyond it.
  const run = (await table.where(index).equals(from.key).primaryKeys()).filter((id) =>
    up ? id > from.id : id < from.id,
  );
  if (!up) run.reverse();
  const ids = run.slice(skip, skip + limit);
  const head = ids.length ? (await table.bulkGet(ids)).filter((row): row is T => row !== undefined) : [];
  const beyond = up
    ? table.where(index).between(from.key, upper, false, true)
    : table.where(index).between(lower, from.key, true, false).reverse();
  const tail = await beyond
    .offset(Math.max(0, skip - run.length))
    .limit(limit - head.length)
    .toArray();
  return [...head, ...tail];
}

export class KeysetPager<T, I = T> {
  readonly #source: KeysetSource<T, I>;
  // List position → the row there, for the edges of every page read since the last reset.
  #known = new Map<number, Mark>();
  #generation = 0;

  constructor(source: KeysetSource<T, I>) {
    this.#source = source;
  }

  /** Forgets every known position: call when the list's rows may have moved. */
  reset(): void {
    this.#known.clear();
    this.#generation += 1;
  }

  /** Rows [offset, offset + limit) of a list of `count` rows. */
  async page(offset: number, limit: number, count: number): Promise<T[]> {
    const end = Math.min(offset + limit, count);
    if (end <= offset) return [];
    const generation = this.#generation;
    // From the start or the end of the list, or from the nearest known row on either side.
    let best = { forward: true, from: null as Mark | null, skip: offset };
    if (count - end < best.skip) best = { forward: false, from: null, skip: count - end };
    for (const [at, mark] of this.#known) {
      if (at < offset && offset - at - 1 < best.skip)
        best = { forward: true, from: mark, skip: offset - at - 1 };
      if (at >= end && at - end < best.skip) best = { forward: false, from: mark, skip: at - end };
    }
    const up = best.forward !== this.#source.descending;
    const rows = await walk(this.#source, up, best.from, best.skip, end - offset);
    if (!best.forward) rows.reverse();
    if (generation === this.#generation && rows.length) {
      const mark = (row: T): Mark => ({ key: this.#source.keyOf(row), id: this.#source.idOf(row) });
      this.#known.set(offset, mark(rows[0]!));
      this.#known.set(offset + rows.length - 1, mark(rows.at(-1)!));
    }
    return rows;
  }
}
