import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { OrderlineDb } from '$db/database';
import { stockedMug } from '$db/testFixtures';
import { DAILY_BACKUP_KEY, keepDailyBackup } from './dailyBackup';

let db: OrderlineDb;
beforeEach(() => {
  db = new OrderlineDb(`test-${crypto.randomUUID()}`);
});
afterEach(() => db.delete());

const desktop = (ok = true) => ({
  platform: 'electron' as const,
  appVersion: async () => '0.1.0',
  keepDailyBackup: vi.fn(async (_backup: string) =>
    ok ? { ok: true as const } : { ok: false as const, message: 'The disk is full' },
  ),
});

describe('keepDailyBackup', () => {
  it('sends the whole desk to the desktop app once a local day', async () => {
    await stockedMug(db);
    const bridge = desktop();
    const day = new Date(2026, 11, 7, 9);
    expect(await keepDailyBackup(db, bridge, day)).toMatchObject({ kept: true });
    const sent = JSON.parse(bridge.keepDailyBackup.mock.calls[0]![0]) as {
      format: string;
      counts: Record<string, number>;
    };
    expect(sent.format).toBe('orderline-backup');
    expect(sent.counts['products']).toBe(1);
    expect(await keepDailyBackup(db, bridge, new Date(2026, 11, 7, 18))).toMatchObject({ kept: false });
    expect(await keepDailyBackup(db, bridge, new Date(2026, 11, 8, 9))).toMatchObject({ kept: true });
    expect(bridge.keepDailyBackup).toHaveBeenCalledTimes(2);
  });

  it('keeps nothing for an empty desk', async () => {
    const bridge = desktop();
    expect(await keepDailyBackup(db, bridge)).toEqual({
      kept: false,
      message: 'An empty desk needs no backup',
    });
    expect(bridge.keepDailyBackup).not.toHaveBeenCalled();
  });

  it('tries again later the same day when the app could not keep it', async () => {
    await stockedMug(db);
    const failing = desktop(false);
    expect(await keepDailyBackup(db, failing, new Date(2026, 11, 7))).toEqual({
      kept: false,
      message: 'The disk is full',
    });
    expect(await db.settings.get(DAILY_BACKUP_KEY)).toBeUndefined();
  });

  it('does nothing in the browser build', async () => {
    const bridge = { ...desktop(), platform: 'browser' as const };
    expect((await keepDailyBackup(db, bridge)).kept).toBe(false);
    expect(bridge.keepDailyBackup).not.toHaveBeenCalled();
  });
});
