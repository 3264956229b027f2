// Whether to show the first-run welcome: only while the store is empty and nobody has chosen yet.
import type { OrderlineDb } from '$db/database';

const FIRST_RUN_KEY = 'firstRunDone';

/** Empty means no products, customers or orders: settings alone do not make a store. */
export async function isStoreEmpty(db: OrderlineDb): Promise<boolean> {
  const [products, customers, orders] = await Promise.all([
    db.products.count(),
    db.customers.count(),
    db.orders.count(),
  ]);
  return products + customers + orders === 0;
}

export async function needsWelcome(db: OrderlineDb): Promise<boolean> {
  const done = await db.settings.get(FIRST_RUN_KEY);
  return !done?.value && (await isStoreEmpty(db));
}

export async function markFirstRunDone(db: OrderlineDb): Promise<void> {
  await db.settings.put({ key: FIRST_RUN_KEY, value: true });
}
