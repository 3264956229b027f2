// The Catalog screen's state and steps, without the DOM: every product, paged, or the hits for what
// is typed or scanned (name, SKU or barcode), with the variants of the rows drawn read as they come
// into view; a scan (Enter) that fits one product opens it; the route names the product open.
// CatalogScreen.svelte draws it and moves the focus.
import type { OrderlineDb } from '$db/database';
import {
  countProducts,
  findProducts,
  productPages,
  withHitVariants,
  type ProductHit,
  type ProductRow,
} from '$db/queries';
import type { Router } from '$lib/router.svelte';
import { SearchableList } from '$lib/searchableList.svelte';

/** What a screen reader says for a row. */
export const productRowName = (row: ProductRow): string => `${row.product.name}, ${row.product.category}`;

export class CatalogBrowser {
  readonly #db: OrderlineDb;
  readonly #router: Router;
  readonly list: SearchableList<ProductRow, ProductHit>;

  constructor(db: OrderlineDb, router: Router) {
    this.#db = db;
    this.#router = router;
    const pages = productPages(db);
    this.list = new SearchableList<ProductRow, ProductHit>({
      total: async () => {
        const total = {
          count: await countProducts(db),
          changed: (await db.products.orderBy('updatedAt').last())?.updatedAt ?? '',
        };
        // Products changed: rows may have moved, so the pages read so far no longer mark positions.
        pages.reset();
        return total;
      },
      // The hits alone; the variants of those drawn are read as their rows come into view.
      search: (q) => findProducts(db, q),
      rowsOf: (hits) => withHitVariants(db, hits),
      page: (offset, limit, count) => pages.page(offset, limit, count),
    });
  }

  /** The line under the heading: counting, the matches for the search, or every product. */
  get summary(): string {
    const { loading, searching, count, query } = this.list;
    if (loading) return 'Counting products…';
    if (searching)
      return `${count === 200 ? 'First 200' : count} match${count === 1 ? '' : 'es'} for “${query}”`;
    return `${count.toLocaleString()} products`;
  }

  /** A scanner ends with Enter: the product opens at once when exactly one matches; true when it did
   * (otherwise the list takes the focus). */
  async submit(q: string): Promise<boolean> {
    const found = q ? await findProducts(this.#db, q) : [];
    if (found.length !== 1) return false;
    this.open(found[0]!.product.id);
    return true;
  }

  open(id: string): void {
    this.#router.go('catalog', id);
  }
  close(): void {
    this.#router.go('catalog');
  }

  stop(): void {
    this.list.stop();
  }
}
