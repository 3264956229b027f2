// The desktop app's daily backups: the window sends the day's backup of the whole desk, and it is
// written to <userData>/backups as orderline-daily-<date>.json (through a temporary file, so a crash
// never leaves half a backup under the real name); only the newest 7 are kept.
import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export const DAILY_BACKUPS_KEPT = 7;
const DAILY_NAME = /^orderline-daily-(\d{4}-\d{2}-\d{2})\.json$/;

/** The local calendar day of `now` as YYYY-MM-DD (a desk's "today" is where it stands). */
export function localDay(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export function dailyBackupName(now: Date): string {
  return `orderline-daily-${localDay(now)}.json`;
}

/** Writes today's backup (replacing an earlier one of the same day) and deletes all but the newest `keep`. */
export async function writeDailyBackup(
  folder: string,
  backup: string,
  now = new Date(),
  keep = DAILY_BACKUPS_KEPT,
): Promise<{ file: string; removed: string[] }> {
  await mkdir(folder, { recursive: true });
  const name = dailyBackupName(now);
  const file = join(folder, name);
  const temporary = `${file}.partial`;
  try {
    await writeFile(temporary, backup, 'utf8');
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw new Error(
      `The daily backup could not be written to ${folder}: ${(error as Error).message}. Check that the disk is not full.`,
      { cause: error },
    );
  }
  const dailies = (await readdir(folder)).filter((f) => DAILY_NAME.test(f)).sort();
  const removed = dailies.slice(0, Math.max(0, dailies.length - keep));
  await Promise.all(removed.map((f) => rm(join(folder, f), { force: true })));
  return { file, removed };
}
