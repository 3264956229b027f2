// The desktop app's daily backup, renderer side: once a local day, the whole desk is backed up and
// handed to the main process, which keeps the newest 7 in the app's data folder.
import type { OrderlineBridge } from '$shared/bridge';
import { createBackup } from '$db/backup';
import type { OrderlineDb } from '$db/database';
import { isStoreEmpty } from './firstRun';

/** The local day (YYYY-MM-DD) of the last daily backup the app kept. */
export const DAILY_BACKUP_KEY = 'backup.dailyDay';

const localDay = (now: Date) =>
  `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;

export type DailyBackupResult = { kept: boolean; message: string };

/** Backs the desk up unless today's is already kept; the browser build keeps none. */
export async function keepDailyBackup(
  db: OrderlineDb,
  bridge: Pick<OrderlineBridge, 'platform' | 'keepDailyBackup' | 'appVersion'>,
  now = new Date(),
): Promise<DailyBackupResult> {
  if (bridge.platform !== 'electron')
    return { kept: false, message: 'The browser version keeps no daily backups' };
  if (await isStoreEmpty(db)) return { kept: false, message: 'An empty desk needs no backup' };
  const today = localDay(now);
  if ((await db.settings.get(DAILY_BACKUP_KEY))?.value === today)
    return { kept: false, message: `Today's backup is already kept` };
  const { text } = await createBackup(db, await bridge.appVersion());
  const outcome = await bridge.keepDailyBackup(text);
  if (!outcome.ok) return { kept: false, message: outcome.message };
  await db.settings.put({ key: DAILY_BACKUP_KEY, value: today });
  return { kept: true, message: `Today's backup is kept in the app's data folder` };
}

/** Runs the daily backup now and every hour (a desk left on overnight backs up the next day). */
export function scheduleDailyBackups(db: OrderlineDb, bridge: OrderlineBridge): () => void {
  const run = () => void keepDailyBackup(db, bridge).catch(() => undefined);
  run();
  const timer = setInterval(run, 60 * 60 * 1000);
  return () => clearInterval(timer);
}
