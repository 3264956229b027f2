// The Orders screen's list without the DOM: live counts per status, the status filter, the live
// search while a query is typed, and the rows a page at a time. OrdersScreen.svelte draws it.
import type { OrderStatus } from '$shared/orderStatus';
import type { Order } from '$shared/records';
import type { OrderlineDb } from '$db/database';
import { countOrdersByStatus, orderPages, searchOrders } from '$db/queries';
import { LiveQueryState } from '$lib/liveQueryState.svelte';

type Counts = { byStatus: Record<OrderStatus, number>; changed: string };

export class OrdersList {
  query = $state('');
  status = $state<OrderStatus | null>(null);
  readonly counts = new LiveQueryState<Counts>();
  readonly results = new LiveQueryState<Order[]>();
  readonly #db: OrderlineDb;

  constructor(db: OrderlineDb) {
    this.#db = db;
    this.counts.run(async () => ({
      byStatus: await countOrdersByStatus(db),
      changed: (await db.orders.orderBy('updatedAt').last())?.updatedAt ?? '',
    }));
  }

  get #filter(): { status?: OrderStatus } {
    return this.status ? { status: this.status } : {};
  }
  get searching(): boolean {
    return this.query !== '';
  }
  /** Orders of every status. */
  get all(): number {
    return Object.values(this.counts.value?.byStatus ?? {}).reduce((sum, n) => sum + n, 0);
  }
  countOf(status: OrderStatus): number {
    return this.counts.value?.byStatus[status] ?? 0;
  }
  get count(): number {
    if (this.searching) return this.results.value?.length ?? 0;
    return this.status ? this.countOf(this.status) : this.all;
  }
  get loading(): boolean {
    return this.searching ? this.results.loading : this.counts.loading;
  }
  get error(): string | null {
    return this.searching ? this.results.error : this.counts.error;
  }
  /** Changes whenever the rows may have: a new result set, another filter, a changed order. */
  get version(): unknown {
    return this.searching ? this.results.value : `${this.status}:${this.counts.value?.changed}`;
  }

  /** Runs the search for the current query and filter; call from an $effect so it follows both. */
  follow(): void {
    const query = this.query;
    const filter = this.#filter;
    if (query) this.results.run(() => searchOrders(this.#db, query, filter));
    else this.results.stop();
  }

  /** The orders a submitted query finds now (a scanned order barcode finds exactly one). */
  find(query: string): Promise<Order[]> {
    return query ? searchOrders(this.#db, query, this.#filter) : Promise.resolve([]);
  }

  /** Loads rows [offset, offset + limit); read it again when `version` changes (rows may have moved). */
  get loadRows(): (offset: number, limit: number) => Promise<Order[]> {
    if (this.searching) {
      const found = this.results.value ?? [];
      return async (offset, limit) => found.slice(offset, offset + limit);
    }
    void this.counts.value;
    const pages = orderPages(this.#db, this.#filter);
    const count = this.count;
    return (offset, limit) => pages.page(offset, limit, count);
  }
}
