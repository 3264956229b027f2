// Backing up the whole desk (every table, the unsent outbox too) to one JSON file, and restoring
// such a file onto an empty desk: checked first (format, version, store, every row), then written
// in one transaction, so a refused or failed restore leaves the desk as it was.
import type { z } from 'zod';
import {
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  readBackup,
  type BackupFile,
  type RestoreTarget,
} from '$shared/backupFile';
import { newId } from '$shared/ids';
import { FeedbackSchema } from '$shared/feedback';
import { QuoteSchema } from '$shared/quotes';
import { ReferralRewardSchema } from '$shared/referrals';
import {
  AuditEntrySchema,
  CustomerSchema,
  DeliverySchema,
  OrderEventSchema,
  OrderSchema,
  OutboxEntrySchema,
  ParcelSchema,
  ProductSchema,
  ReturnSchema,
  SettingSchema,
  StaffSchema,
  StockLevelSchema,
  StockMovementSchema,
  VariantSchema,
} from '$shared/records';
import { safeParseRecord, ValidationError } from '$shared/validation';
import { BalanceMovementSchema } from '$shared/balances';
import { isStoreEmpty } from '$lib/firstRun';
import { readSyncSettings } from '../sync/syncSettings';
import { upgradeBackup } from './backupUpgrade';
import type { OrderlineDb } from './database';
import { REPORT_TABLES } from './reportAggregateWrites';

/** The desk's own store id while it is not enrolled with a server (made on the first backup). */
export const STORE_ID_KEY = 'store.id';
/** The store profile the settings editor keeps (name, address, currency, time zone …). */
const STORE_PROFILE_KEY = 'store.profile';

// Each table's rows are checked against its record schema before a restore writes anything.
const ROW_SCHEMAS: Record<string, z.ZodType> = {
  products: ProductSchema,
  variants: VariantSchema,
  stockMovements: StockMovementSchema,
  stockLevels: StockLevelSchema,
  customers: CustomerSchema,
  orders: OrderSchema,
  orderEvents: OrderEventSchema,
  outbox: OutboxEntrySchema,
  settings: SettingSchema,
  staff: StaffSchema,
  quotes: QuoteSchema,
  auditLog: AuditEntrySchema,
  parcels: ParcelSchema,
  returns: ReturnSchema,
  deliveries: DeliverySchema,
  feedback: FeedbackSchema,
  referralRewards: ReferralRewardSchema,
  balanceMovements: BalanceMovementSchema,
};

const CHUNK = 2000;

/** The store this desk belongs to: the server's store when enrolled, else its own id (or null). */
export async function deskStoreId(db: OrderlineDb): Promise<string | null> {
  const sync = await readSyncSettings(db);
  if (sync) return sync.device.storeId;
  const own = (await db.settings.get(STORE_ID_KEY))?.value;
  return typeof own === 'string' && own !== '' ? own : null;
}

async function storeName(db: OrderlineDb): Promise<string | undefined> {
  const profile = (await db.settings.get(STORE_PROFILE_KEY))?.value as { name?: unknown } | undefined;
  if (typeof profile?.name === 'string' && profile.name.trim()) return profile.name.trim();
  const sync = await readSyncSettings(db);
  return sync?.device.storeName || undefined;
}

/** Everything on the desk as backup text (JSON), with the store's id made if it had none. */
export async function createBackup(
  db: OrderlineDb,
  appVersion?: string,
): Promise<{ text: string; file: BackupFile }> {
  let storeId = await deskStoreId(db);
  if (!storeId) {
    storeId = newId();
    await db.settings.put({ key: STORE_ID_KEY, value: storeId });
  }
  const name = await storeName(db);
  const desk = (await db.settings.get('desk'))?.value as { id?: unknown } | undefined;
  const tables: Record<string, unknown[]> = {};
  // One read transaction: the file is one moment of the desk, never half of a sale. The reports'
  // running totals are left out: they are added up again from the orders after a restore.
  const kept = db.tables.filter((t) => !(REPORT_TABLES as readonly string[]).includes(t.name));
  await db.transaction('r', kept, async () => {
    for (const table of kept) tables[table.name] = await table.toArray();
  });
  const file: BackupFile = {
    format: BACKUP_FORMAT,
    formatVersion: BACKUP_FORMAT_VERSION,
    schemaVersion: db.verno,
    storeId,
    ...(name ? { storeName: name } : {}),
    ...(typeof desk?.id === 'string' ? { deskId: desk.id } : {}),
    ...(appVersion ? { appVersion } : {}),
    createdAt: new Date().toISOString(),
    counts: Object.fromEntries(Object.entries(tables).map(([t, rows]) => [t, rows.length])),
    tables,
  };
  return { text: JSON.stringify(file), file };
}

/** What a restore must match. Only a desk enrolled with a server belongs to a store before it
 * holds one: an empty desk's own id (from a backup of nothing) names no store worth protecting. */
export async function restoreTarget(db: OrderlineDb): Promise<RestoreTarget> {
  return {
    formatVersion: BACKUP_FORMAT_VERSION,
    schemaVersion: db.verno,
    storeId: (await readSyncSettings(db))?.device.storeId ?? null,
    tables: db.tables.map((t) => t.name),
  };
}

/** Why this desk cannot take a restore (it holds products, customers or orders), or null. A desk
 * with only its first owner and settings counts as empty: the backup's staff replace them. */
export async function restoreBlocker(db: OrderlineDb): Promise<string | null> {
  if (!(await isStoreEmpty(db))) {
    return 'This desk already holds a store; a backup is restored only onto an empty desk (a new install), so nothing here is overwritten';
  }
  return null;
}

function checkRows(backup: BackupFile): void {
  for (const [table, rows] of Object.entries(backup.tables)) {
    const schema = ROW_SCHEMAS[table];
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i];
      if (typeof row !== 'object' || row === null)
        throw new ValidationError('The backup', [`${table} row ${i + 1} is not a record`]);
      if (!schema) continue;
      const parsed = safeParseRecord(schema, row);
      if (!parsed.ok)
        throw new ValidationError('The backup', [`${table} row ${i + 1}: ${parsed.issues.join('; ')}`]);
    }
  }
}

/** Restores backup text onto this (empty) desk; throws an Error whose message says why not. */
export async function restoreBackup(
  db: OrderlineDb,
  text: string,
  onProgress: (fraction: number) => void = () => {},
): Promise<BackupFile> {
  const read = readBackup(text, await restoreTarget(db));
  if (!read.ok) throw new Error(read.message);
  const blocker = await restoreBlocker(db);
  if (blocker) throw new Error(blocker);
  // A file from an older desk schema is brought up to this one, as the desk's own upgrades would.
  const backup = upgradeBackup(read.backup, db.verno, new Date().toISOString());
  checkRows(backup);
  const total = Object.values(backup.tables).reduce((sum, rows) => sum + rows.length, 0) || 1;
  let done = 0;
  await db.transaction('rw', db.tables, async () => {
    // Checked again inside the transaction: a sale started meanwhile is never wiped.
    const late = await restoreBlocker(db);
    if (late) throw new Error(late);
    for (const table of db.tables) await table.clear();
    for (const [name, rows] of Object.entries(backup.tables)) {
      const table = db.table(name);
      for (let i = 0; i < rows.length; i += CHUNK) {
        const chunk = rows.slice(i, i + CHUNK);
        await table.bulkAdd(chunk);
        done += chunk.length;
        onProgress(done / total);
      }
    }
  });
  onProgress(1);
  return backup;
}
