import { describe, expect, it } from 'vitest';
import { BACKUP_FORMAT, backupFileName, readBackup, type RestoreTarget } from './backupFile';

const target: RestoreTarget = {
  formatVersion: 1,
  schemaVersion: 3,
  storeId: null,
  tables: ['products', 'outbox'],
};
const file = (overrides: Record<string, unknown> = {}) =>
  JSON.stringify({
    format: BACKUP_FORMAT,
    formatVersion: 1,
    schemaVersion: 3,
    storeId: 'store-a',
    storeName: 'Corner Shop',
    appVersion: '0.1.0',
    createdAt: '2026-12-07T10:00:00.000Z',
    counts: { products: 1, outbox: 0 },
    tables: { products: [{ id: 'p1' }], outbox: [] },
    ...overrides,
  });

describe('readBackup', () => {
  it('accepts a backup of this format onto a desk of no store or the same store', () => {
    expect(readBackup(file(), target).ok).toBe(true);
    expect(readBackup(file(), { ...target, storeId: 'store-a' }).ok).toBe(true);
  });

  it('refuses a backup from a newer Orderline, by format or by database version', () => {
    const newer =
      'This backup was made by a newer Orderline (0.1.0); update Orderline on this desk, then restore it';
    expect(readBackup(file({ formatVersion: 2 }), target)).toEqual({ ok: false, message: newer });
    expect(readBackup(file({ schemaVersion: 4 }), target)).toEqual({ ok: false, message: newer });
  });

  it('refuses a backup of another store', () => {
    expect(readBackup(file(), { ...target, storeId: 'store-b' })).toEqual({
      ok: false,
      message:
        'This backup is of another store (Corner Shop); this desk belongs to a different store, so restoring it would mix two stores',
    });
  });

  it('refuses files that are not backups, cut short, or whose tables disagree with their counts', () => {
    expect(readBackup('Handle,Title', target)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/not JSON/),
    });
    expect(readBackup('{"a":1}', target)).toEqual({
      ok: false,
      message: 'This file is not an Orderline backup',
    });
    expect(readBackup(file().slice(0, 80), target).ok).toBe(false);
    expect(readBackup(file({ counts: { products: 2, outbox: 0 } }), target)).toMatchObject({
      ok: false,
      message: 'This backup is damaged: products should have 2 rows but has 1',
    });
    expect(readBackup(file({ tables: { products: [{}], outbox: [], widgets: [] } }), target)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/tables this desk does not know \(widgets\)/),
    });
  });

  it('names the file after the store and the day', () => {
    expect(backupFileName('2026-12-07T10:00:00.000Z', 'Corner Shop!')).toBe(
      'orderline-backup-corner-shop-2026-12-07.json',
    );
  });
});
