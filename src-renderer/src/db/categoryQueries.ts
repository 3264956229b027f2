// Browsing the catalog by category at the till: the categories on sale, and one category's
// active products with their variants, in name order.
import type { Product, Variant } from '$shared/records';
import type { OrderlineDb } from './database';

export type CategoryProduct = { product: Product; variants: Variant[] };

/** Every category that has a product, in alphabetical order (read from the category index). */
export async function listCategories(db: OrderlineDb): Promise<string[]> {
  const keys = await db.products.orderBy('category').uniqueKeys();
  return keys.map(String).sort((a, b) => a.localeCompare(b));
}

/** The category's active products (at most `limit`, by name), each with its variants by SKU. */
export async function productsInCategory(
  db: OrderlineDb,
  category: string,
  limit = 100,
): Promise<CategoryProduct[]> {
  const products = (await db.products.where('category').equals(category).toArray())
    .filter((p) => p.active)
    .sort((a, b) => a.name.localeCompare(b.name))
    .slice(0, limit);
  // One indexed equals() per product, as queries.ts does: anyOf() over scattered ids is far slower.
  const variants = await Promise.all(
    products.map((p) => db.variants.where('productId').equals(p.id).toArray()),
  );
  return products.map((product, i) => ({
    product,
    variants: (variants[i] ?? []).sort((a, b) => a.sku.localeCompare(b.sku)),
  }));
}
