// The state behind a list screen (Catalog, Customers): the whole table's size stays live and its
// rows load a page at a time, or, while a query is typed, the live search results stand in.
import { LiveQueryState } from './liveQueryState.svelte';

export type ListSource<T> = {
  /** The whole list's size, and anything whose change should drop cached pages. */
  total: () => Promise<{ count: number; changed?: unknown }>;
  search: (query: string) => Promise<T[]>;
  /** Rows [offset, offset + limit) of the whole list, which holds `count` rows. */
  page: (offset: number, limit: number, count: number) => Promise<T[]>;
};

export class SearchableList<T> {
  query = $state('');
  readonly total = new LiveQueryState<{ count: number; changed?: unknown }>();
  readonly results = new LiveQueryState<T[]>();
  readonly #source: ListSource<T>;

  constructor(source: ListSource<T>) {
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

  readonly loadRows = async (offset: number, limit: number): Promise<T[]> =>
    this.searching
      ? (this.results.value ?? []).slice(offset, offset + limit)
      : this.#source.page(offset, limit, this.total.value?.count ?? 0);

  stop(): void {
    this.total.stop();
    this.results.stop();
  }
}
