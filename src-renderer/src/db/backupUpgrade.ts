// A backup made by an older Orderline (an older desk schema) brought up to this desk's schema
// before it is checked and restored: the same steps the desk's own upgrades take (migrations/),
// row by row on the file's tables, so an old file restores like a new one.
import type { BackupFile } from '$shared/backupFile';
import type { StockMovement } from '$shared/records';
import { stockLevelRows, V2_FIELDS } from './migrations/v2';
import { outboxNumbers } from './migrations/v4';

type Row = Record<string, unknown>;

/** The backup as this desk's schema (`toVersion`) holds it; a current file comes back as it was. */
export function upgradeBackup(backup: BackupFile, toVersion: number, now: string): BackupFile {
  const from = backup.schemaVersion;
  if (from >= toVersion) return backup;
  // Copies of the rows: the file as read stays as it was.
  const tables: Record<string, Row[]> = Object.fromEntries(
    Object.entries(backup.tables).map(([name, rows]) => [name, rows.map((row) => ({ ...(row as Row) }))]),
  );
  if (from < 2) {
    for (const [name, fill] of Object.entries(V2_FIELDS))
      for (const row of tables[name] ?? []) (fill as (row: Row) => void)(row);
    const movements = (tables['stockMovements'] ?? []) as unknown as StockMovement[];
    tables['stockLevels'] = stockLevelRows(movements, now) as unknown as Row[];
  }
  if (from < 4) {
    const outbox = tables['outbox'] ?? [];
    const numbered = outboxNumbers(outbox.map((entry) => String(entry['id'])));
    for (const entry of outbox) entry['seq'] = numbered.get(String(entry['id']));
  }
  return {
    ...backup,
    schemaVersion: toVersion,
    tables,
    counts: Object.fromEntries(Object.entries(tables).map(([name, rows]) => [name, rows.length])),
  };
}
