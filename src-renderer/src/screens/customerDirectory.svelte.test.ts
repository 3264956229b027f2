// The Customers screen without the DOM: the line under the heading counts everyone, then the matches
// for a search; Enter on a search that fits one customer opens them, anything else leaves the list to
// take the focus; New customer, open and close move the route; a row names where the customer is.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { OrderlineDb } from '$db/database';
import { saveCustomer } from '$db/customerWrites';
import { Router } from '$lib/router.svelte';
import { CustomerDirectory, customerRowName, whereTheyAre } from './customerDirectory.svelte';

let db: OrderlineDb;
let router: Router;
let directory: CustomerDirectory;
beforeEach(() => {
  db = new OrderlineDb(`test-${crypto.randomUUID()}`);
  router = new Router({ hash: '#/customers' });
  directory = new CustomerDirectory(db, router);
});
afterEach(async () => {
  directory.stop();
  await db.delete();
});

const leeds = () => ({
  id: crypto.randomUUID(),
  kind: 'shipping' as const,
  name: 'Ada Lovelace',
  line1: '2 Mill Lane',
  city: 'Leeds',
  postalCode: 'LS1 4AP',
  country: 'GB',
});

describe('the Customers screen', () => {
  it('counts everyone, then the matches for what is typed', async () => {
    expect(directory.summary).toBe('Counting customers…');
    await saveCustomer(db, {
      name: 'Ada Lovelace',
      phone: '+441134960000',
      acquisitionSource: 'other',
      isBusiness: false,
      addresses: [],
    });
    await saveCustomer(db, {
      name: 'Charles Babbage',
      acquisitionSource: 'other',
      isBusiness: false,
      addresses: [],
    });
    await vi.waitFor(() => expect(directory.summary).toBe('2 customers'));
    directory.list.query = 'Lovelace';
    directory.list.follow();
    await vi.waitFor(() => expect(directory.summary).toBe('1 match for “Lovelace”'));
  });

  it('opens the one customer a search fits, and leaves the list to take the focus otherwise', async () => {
    const ada = await saveCustomer(db, {
      name: 'Ada Lovelace',
      phone: '+441134960000',
      acquisitionSource: 'other',
      isBusiness: false,
      addresses: [],
    });
    expect(await directory.submit('0113 496 0000')).toBe(true);
    expect(router.route).toEqual({ screen: 'customers', id: ada.id });
    directory.close();
    expect(await directory.submit('Nobody Here')).toBe(false);
    expect(await directory.submit('')).toBe(false);
    expect(router.route.id).toBeNull();
  });

  it('opens the new-customer pane, and closes it', () => {
    expect(directory.creating).toBe(false);
    directory.startNew();
    expect(router.route).toEqual({ screen: 'customers', id: 'new' });
    expect(directory.creating).toBe(true);
    directory.close();
    expect(directory.creating).toBe(false);
  });

  it('names a row and where the customer is, from their shipping address', () => {
    const billing = { ...leeds(), kind: 'billing' as const, city: 'Paris', country: 'FR' };
    const customer = {
      id: 'c1',
      name: 'Ada Lovelace',
      company: 'Engines Ltd',
      phone: '+441134960000',
      addresses: [billing, leeds()],
    } as unknown as Parameters<typeof whereTheyAre>[0];
    expect(whereTheyAre(customer)).toBe('Leeds, United Kingdom');
    expect(whereTheyAre({ ...customer, addresses: [] })).toBe('');
    expect(customerRowName({ customer, matchedBy: 'order', orderNumber: 'D1-000042' })).toBe(
      'Ada Lovelace, Engines Ltd, +441134960000, order D1-000042',
    );
  });
});
