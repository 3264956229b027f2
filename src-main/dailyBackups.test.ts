import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dailyBackupName, writeDailyBackup } from './dailyBackups';

let folder: string;
beforeEach(async () => {
  folder = join(await mkdtemp(join(tmpdir(), 'orderline-backups-')), 'backups');
});
afterEach(async () => {
  await rm(join(folder, '..'), { recursive: true, force: true });
});

const day = (d: number) => new Date(2026, 11, d, 9, 30);

describe('writeDailyBackup', () => {
  it('writes the day’s backup into a folder it makes, replacing an earlier one of the same day', async () => {
    await writeDailyBackup(folder, '{"first":1}', day(7));
    const { file } = await writeDailyBackup(folder, '{"second":2}', day(7));
    expect(file).toBe(join(folder, 'orderline-daily-2026-12-07.json'));
    expect(await readFile(file, 'utf8')).toBe('{"second":2}');
    expect(await readdir(folder)).toEqual(['orderline-daily-2026-12-07.json']);
  });

  it('keeps the newest 7 daily backups and leaves other files alone', async () => {
    await writeDailyBackup(folder, '{}', day(1));
    await writeFile(join(folder, 'notes.txt'), 'mine');
    for (let d = 2; d <= 9; d++) await writeDailyBackup(folder, `{"day":${d}}`, day(d));
    const files = (await readdir(folder)).sort();
    expect(files).toEqual(['notes.txt', ...[3, 4, 5, 6, 7, 8, 9].map((d) => dailyBackupName(day(d)))]);
  });

  it('says where and why when the folder cannot be written, leaving no partial file', async () => {
    await writeFile(join(folder, '..', 'blocked'), 'a file, not a folder');
    await expect(writeDailyBackup(join(folder, '..', 'blocked'), '{}', day(7))).rejects.toThrow(
      /could not|EEXIST|ENOTDIR/,
    );
  });
});
