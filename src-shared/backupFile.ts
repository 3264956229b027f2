// The backup file: the whole desk (every table, the unsent outbox too) as JSON with a format
// version, the database schema version and the store id, and the checks a restore makes first.
import { z } from 'zod';

export const BACKUP_FORMAT = 'orderline-backup';
/** Raised when the file's shape changes; a desk refuses files from a newer format than it knows. */
export const BACKUP_FORMAT_VERSION = 1;

export const BackupHeaderSchema = z.object({
  format: z.literal(BACKUP_FORMAT, { message: 'is not an Orderline backup' }),
  formatVersion: z.int().min(1),
  /** The Dexie schema version the rows were written in. */
  schemaVersion: z.int().min(1),
  storeId: z.string().min(1),
  storeName: z.string().optional(),
  deskId: z.string().optional(),
  appVersion: z.string().optional(),
  createdAt: z.iso.datetime(),
  /** Rows per table, so a restore can show progress and check nothing was cut off. */
  counts: z.record(z.string(), z.int().min(0)),
});
export type BackupHeader = z.infer<typeof BackupHeaderSchema>;

export const BackupFileSchema = BackupHeaderSchema.extend({
  tables: z.record(z.string(), z.array(z.unknown())),
});
export type BackupFile = z.infer<typeof BackupFileSchema>;

export type BackupRead = { ok: true; backup: BackupFile } | { ok: false; message: string };

export interface RestoreTarget {
  formatVersion: number;
  schemaVersion: number;
  /** The store this desk belongs to, or null when it belongs to none yet. */
  storeId: string | null;
  /** Tables this desk has: a backup naming another table cannot be restored here. */
  tables: readonly string[];
}

/** The file name a backup is saved under: orderline-backup-<store>-<date>.json. */
export function backupFileName(createdAt: string, storeName = 'store'): string {
  const slug =
    storeName
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 40) || 'store';
  return `orderline-backup-${slug}-${createdAt.slice(0, 10)}.json`;
}

/** Reads a backup's text and checks it can be restored onto this desk; a sentence when not. */
export function readBackup(text: string, target: RestoreTarget): BackupRead {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return {
      ok: false,
      message:
        'This file is not an Orderline backup: it is not JSON (it may be cut short or another kind of file)',
    };
  }
  const header = BackupHeaderSchema.safeParse(json);
  if (!header.success) {
    const format = (json as { format?: unknown } | null)?.format;
    return {
      ok: false,
      message:
        format === BACKUP_FORMAT
          ? `This Orderline backup is damaged: ${header.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`
          : 'This file is not an Orderline backup',
    };
  }
  const h = header.data;
  if (h.formatVersion > target.formatVersion || h.schemaVersion > target.schemaVersion) {
    return {
      ok: false,
      message: `This backup was made by a newer Orderline${h.appVersion ? ` (${h.appVersion})` : ''}; update Orderline on this desk, then restore it`,
    };
  }
  if (target.storeId !== null && h.storeId !== target.storeId) {
    return {
      ok: false,
      message: `This backup is of another store${h.storeName ? ` (${h.storeName})` : ''}; this desk belongs to a different store, so restoring it would mix two stores`,
    };
  }
  const file = BackupFileSchema.safeParse(json);
  if (!file.success)
    return { ok: false, message: 'This Orderline backup is damaged: its tables cannot be read' };
  const unknown = Object.keys(file.data.tables).filter((t) => !target.tables.includes(t));
  if (unknown.length > 0)
    return {
      ok: false,
      message: `This backup holds tables this desk does not know (${unknown.join(', ')}); update Orderline, then restore it`,
    };
  for (const [table, rows] of Object.entries(file.data.tables)) {
    if (rows.length !== (h.counts[table] ?? -1))
      return {
        ok: false,
        message: `This backup is damaged: ${table} should have ${h.counts[table] ?? 0} rows but has ${rows.length}`,
      };
  }
  return { ok: true, backup: file.data };
}
