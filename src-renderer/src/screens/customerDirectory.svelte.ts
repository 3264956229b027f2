// The Customers screen's state and steps, without the DOM: everyone on this desk, paged, or the
// matches for what is typed (phone digits, name, company, e-mail or order number); Enter on a search
// that fits one customer opens them; the route names the customer open, or a new one being created.
// CustomersScreen.svelte draws it and moves the focus.
import { countryLabel } from '$shared/countries';
import { defaultAddress } from '$shared/customerAddress';
import type { Customer } from '$shared/records';
import { countCustomers, findCustomers, listCustomers, type CustomerMatch } from '$db/customerQueries';
import type { OrderlineDb } from '$db/database';
import type { Router } from '$lib/router.svelte';
import { SearchableList } from '$lib/searchableList.svelte';

/** The route id of the pane where a new customer is created. */
export const NEW_CUSTOMER = 'new';

/** "Leeds, United Kingdom": where the customer's usual delivery address is. */
export function whereTheyAre(c: Customer): string {
  const a = defaultAddress(c);
  return a ? `${a.city}, ${countryLabel(a.country).replace(/ \([A-Z]{2}\)$/, '')}` : '';
}

/** What a screen reader says for a row: name, company, phone and the order it matched by. */
export function customerRowName(m: CustomerMatch): string {
  return [
    m.customer.name,
    m.customer.company,
    m.customer.phone,
    m.orderNumber ? `order ${m.orderNumber}` : '',
  ]
    .filter(Boolean)
    .join(', ');
}

export class CustomerDirectory {
  readonly #db: OrderlineDb;
  readonly #router: Router;
  readonly list: SearchableList<CustomerMatch>;

  constructor(db: OrderlineDb, router: Router) {
    this.#db = db;
    this.#router = router;
    this.list = new SearchableList<CustomerMatch>({
      total: async () => ({ count: await countCustomers(db) }),
      search: (q) => findCustomers(db, q),
      page: async (offset, limit) =>
        (await listCustomers(db, offset, limit)).map((customer): CustomerMatch => ({
          customer,
          matchedBy: 'name',
        })),
    });
  }

  /** The line under the heading: counting, the matches for the search, or everyone. */
  get summary(): string {
    const { loading, searching, count, query } = this.list;
    if (loading) return 'Counting customers…';
    if (searching)
      return `${count === 50 ? 'First 50' : count} match${count === 1 ? '' : 'es'} for “${query}”`;
    return `${count.toLocaleString()} customer${count === 1 ? '' : 's'}`;
  }

  /** Whether the pane creates a new customer (else it shows the route's customer, if any). */
  get creating(): boolean {
    return this.#router.route.id === NEW_CUSTOMER;
  }

  /** A scanned order barcode or a full phone number that fits one customer opens them at once;
   * true when one was opened (otherwise the list takes the focus). */
  async submit(q: string): Promise<boolean> {
    const found = q ? await findCustomers(this.#db, q) : [];
    if (found.length !== 1) return false;
    this.open(found[0]!.customer.id);
    return true;
  }

  open(id: string): void {
    this.#router.go('customers', id);
  }
  startNew(): void {
    this.#router.go('customers', NEW_CUSTOMER);
  }
  close(): void {
    this.#router.go('customers');
  }

  stop(): void {
    this.list.stop();
  }
}
