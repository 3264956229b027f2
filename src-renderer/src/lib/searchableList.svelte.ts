// The state behind a list screen (Catalog, Customers): the whole table's size stays live and its
// rows load a page at a time, or, while a query is typed, the live search results stand in.
import { LiveQueryState } from './liveQueryState.svelte';

/** `H` is what a search finds; when it is not yet a row to draw, `rowsOf` makes the drawn ones. */
export type ListSource<T, H = T> = {
  /** The whole list's size, and anything whose change should drop cached pages. */
  total: () => Promise<{ count: number; changed?: unknown }>;
  search: (query: string) => Promise<H[]>;
  /** The rows for hits in view (reading what the list shows beyond the hit); absent when H is T. */
  rowsOf?: (hits: H[]) => Promise<T[]>;
  /** Rows [offset, offset + limit) of the whole list, which holds `count` rows. */
  page: (offset: number, limit: number, count: number) => Promise<T[]>;
};

export class SearchableList<T, H = T> {
  query = $state('');
  readonly total = new LiveQueryState<{ count: number; changed?: unknown }>();
  readonly results = new LiveQueryState<H[]>();
  readonly #source: ListSource<T, H>;

  constructor(source: ListSource<T, H>) {
    this.#source = source;
    this.total.run(source.total);
  }

  get searching(): boolean {
    return this.query !== '';
  }
  get count(): number {
    return this.searching ? (this.results.value?.length ?? 0) : (this.total.value?.count ?? 0);
  }
  get loading(): boolean {
    return this.searching ? this.results.loading : this.total.loading;
  }
  get error(): string | null {
    return this.searching ? this.results.error : this.total.error;
  }
  /** Changes whenever the rows may have: a new result set, or a change to the table. */
  get version(): unknown {
    return this.searching ? this.results.value : (this.total.value?.changed ?? this.total.value);
  }

  /** Runs the search for the current query; call from an $effect so it follows the query. */
  follow(): void {
    const query = this.query;
    if (query) this.results.run(() => this.#source.search(query));
    else this.results.stop();
  }

  readonly loadRows = async (offset: number, limit: number): Promise<T[]> => {
    if (!this.searching) return this.#source.page(offset, limit, this.total.value?.count ?? 0);
    const hits = (this.results.value ?? []).slice(offset, offset + limit);
    return this.#source.rowsOf ? this.#source.rowsOf(hits) : (hits as unknown as T[]);
  };

  stop(): void {
    this.total.stop();
    this.results.stop();
  }
}
