// Queuing a plain record for the server (quotes, shifts, the audit log, parcels, returns, deliveries,
// store settings): the outbox entry is added in the caller's transaction, beside the row it carries,
// so neither can exist without the other. Each kind's conflict rule is in src-shared/syncedRecords.
import type { OutboxEntry } from '$shared/records';
import { isStoreSetting, settingRecordId } from '$shared/syncedRecords';
import type { RecordTable } from '$shared/syncProtocol';
import type { OrderlineDb } from './database';
import { outboxEntry } from './outbox';

type Row = { id: string } | { key: string; value: unknown };

/** The outbox entry for a put of `row`; `fields` names what this edit changed (last writer wins per
 * field on the server, so another desk's edit of other fields is kept). */
export function recordEntry(
  table: RecordTable,
  row: Row,
  fields?: readonly string[],
  dependsOn?: string,
): OutboxEntry {
  const recordId = 'key' in row ? settingRecordId(row.key) : row.id;
  return {
    ...outboxEntry('record.put', table, recordId, row),
    ...(fields?.length ? { fields: [...fields] } : {}),
    ...(dependsOn ? { dependsOn } : {}),
  };
}

/** Adds the entry inside the caller's transaction, which must include db.outbox. `dependsOn`: the
 * outbox entry it follows (refused with it, if that one is refused). */
export async function queueRecord(
  db: OrderlineDb,
  table: RecordTable,
  row: Row,
  fields?: readonly string[],
  dependsOn?: string,
): Promise<void> {
  if ('key' in row && !isStoreSetting(row.key)) return;
  await db.outbox.add(recordEntry(table, row, fields, dependsOn));
}

/** The top-level fields whose values differ between two versions of a record. */
export function changedFields(before: object | undefined, after: object): string[] {
  if (!before) return [];
  const a = before as Record<string, unknown>;
  const b = after as Record<string, unknown>;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]));
}

/** Saves a store-wide setting (key `store.…`) and queues it, so every desk of the store gets it. */
export async function saveStoreSetting(db: OrderlineDb, key: string, value: unknown): Promise<void> {
  if (!isStoreSetting(key))
    throw new Error(`Setting ${key} is this desk’s own; store settings start with “store.”`);
  await db.transaction('rw', [db.settings, db.outbox], async () => {
    await db.settings.put({ key, value });
    await queueRecord(db, 'settings', { key, value });
  });
}
