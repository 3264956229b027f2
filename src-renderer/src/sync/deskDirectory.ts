// The store's desks as this desk last heard of them from the server (code and name by device id),
// kept in the desk-only settings row 'sync.desks', so what the screens show names a desk, not its id.
import { DeskDirectorySchema, type DeskEntry } from '$shared/deskDirectory';
import type { OrderlineDb } from '$db/database';
import { fetchStoreStatus } from './storeSetup';
import type { FetchLike } from './syncHttp';
import { DESK_KEY, type SyncSettings } from './syncSettings';

export const DESKS_KEY = 'sync.desks';

/** The desks this desk knows of, itself included (also before it ever enrolled). */
export async function readDeskDirectory(db: OrderlineDb): Promise<DeskEntry[]> {
  const [stored, own] = await Promise.all([db.settings.get(DESKS_KEY), db.settings.get(DESK_KEY)]);
  const parsed = DeskDirectorySchema.safeParse(stored?.value);
  const desks = parsed.success ? parsed.data : [];
  const me = own?.value as { id?: unknown; code?: unknown; name?: unknown } | undefined;
  if (typeof me?.id === 'string' && typeof me.code === 'string' && !desks.some((d) => d.id === me.id)) {
    desks.push({ id: me.id, code: me.code, name: typeof me.name === 'string' ? me.name : me.code });
  }
  return desks;
}

/** Asks the server for the store's desks and keeps them when they changed; true when it answered
 * with them (an older server does not). */
export async function refreshDeskDirectory(
  db: OrderlineDb,
  fetchFn: FetchLike,
  settings: SyncSettings,
): Promise<boolean> {
  const { desks } = await fetchStoreStatus(fetchFn, settings);
  if (!desks) return false;
  const stored = (await db.settings.get(DESKS_KEY))?.value;
  if (JSON.stringify(stored) !== JSON.stringify(desks))
    await db.settings.put({ key: DESKS_KEY, value: desks });
  return true;
}
