// Whether to show the first-run welcome: only while the store is empty and nobody has chosen yet.
import type { OrderlineDb } from '../db/database';
import { isStoreEmpty } from '../demo/loadDemoStore';

const FIRST_RUN_KEY = 'firstRunDone';

export async function needsWelcome(db: OrderlineDb): Promise<boolean> {
  const done = await db.settings.get(FIRST_RUN_KEY);
  return !done?.value && (await isStoreEmpty(db));
}

export async function markFirstRunDone(db: OrderlineDb): Promise<void> {
  await db.settings.put({ key: FIRST_RUN_KEY, value: true });
}
