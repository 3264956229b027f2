// The Catalog screen without the DOM: the line under the heading counts the products, then the hits
// for a search; a scan (Enter) that fits one product opens it, anything else leaves the list to take
// the focus; a product row is named by its name and category.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { withCheckDigit } from '$shared/barcodes';
import { OrderlineDb } from '$db/database';
import { stockedCap, stockedMug } from '$db/testFixtures';
import { Router } from '$lib/router.svelte';
import { CatalogBrowser, productRowName } from './catalogBrowser.svelte';

let db: OrderlineDb;
let router: Router;
let catalog: CatalogBrowser;
beforeEach(() => {
  db = new OrderlineDb(`test-${crypto.randomUUID()}`);
  router = new Router({ hash: '#/catalog' });
  catalog = new CatalogBrowser(db, router);
});
afterEach(async () => {
  catalog.stop();
  await db.delete();
});

describe('the Catalog screen', () => {
  it('counts the products, then the hits for what is typed', async () => {
    expect(catalog.summary).toBe('Counting products…');
    await stockedMug(db);
    await stockedCap(db);
    await vi.waitFor(() => expect(catalog.summary).toBe('2 products'));
    catalog.list.query = 'mug';
    catalog.list.follow();
    await vi.waitFor(() => expect(catalog.summary).toBe('1 match for “mug”'));
  });

  it('opens the one product a scan fits, and leaves the list to take the focus otherwise', async () => {
    const { product } = await stockedMug(db);
    expect(await catalog.submit(withCheckDigit('400638133393'))).toBe(true);
    expect(router.route).toEqual({ screen: 'catalog', id: product.id });
    catalog.close();
    expect(router.route.id).toBeNull();
    expect(await catalog.submit('no such thing')).toBe(false);
    expect(await catalog.submit('')).toBe(false);
    expect(router.route.id).toBeNull();
  });

  it('names a row by its product and category', async () => {
    const { product, variant } = await stockedMug(db);
    expect(productRowName({ product, variants: [variant] })).toBe('Blue Mug, Kitchen');
  });
});
