// Batched outbox entries, for writes of many records at once (a CSV import of 100,000 rows). Instead
// of one outbox entry carrying a copy of each record, the writing transaction stores one entry per
// MAX_PUSH_MUTATIONS records that names them and holds the block of sequence numbers they will be
// sent under. The push turns a batch into one ordinary entry per record (read from its table at
// that moment) just before sending it, so the server, the retries, the refusals and Waiting to sync
// see exactly the changes a per-record queue would have held, in the same order.
import { MAX_PUSH_MUTATIONS } from '$shared/syncProtocol';
import { jsonBytesSurelyAtMost, MAX_PAYLOAD_BYTES, payloadProblems } from '$shared/inputLimits';
import { newId } from '$shared/ids';
import { OUTBOX_BATCH, type OutboxEntry } from '$shared/records';
import { ValidationError } from '$shared/validation';
import type { OrderlineDb } from './database';

/** The tables a batch may name, and the change each of their records is sent as. */
export const BATCH_KINDS = {
  products: 'record.put',
  variants: 'record.put',
  customers: 'record.put',
  stockMovements: 'stock.movement',
} as const;
export type BatchTable = keyof typeof BATCH_KINDS;

export interface BatchPayload {
  /** The records' ids, in the order they are sent. */
  ids: string[];
}

export const isBatch = (entry: Pick<OutboxEntry, 'kind'>): boolean => entry.kind === OUTBOX_BATCH;

/** The ids a batch entry names (none for any other entry). */
export function batchedIds(entry: Pick<OutboxEntry, 'kind' | 'payload'>): string[] {
  if (!isBatch(entry)) return [];
  const ids = (entry.payload as Partial<BatchPayload> | null)?.ids;
  return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : [];
}

/** Changes waiting to be sent: pending entries, a batch counting as the records it names (read
 * from the [state+batchSize] index's keys, which only batch entries are in). */
export async function pendingChangeCount(db: OrderlineDb): Promise<number> {
  const [entries, batches] = await Promise.all([
    db.outbox.where('state').equals('pending').count(),
    db.outbox.where('[state+batchSize]').between(['pending', 1], ['pending', Infinity]).keys(),
  ]);
  return batches.reduce<number>(
    (sum, key) => sum + Number((key as unknown as [string, number])[1]) - 1,
    entries,
  );
}

/** The highest sequence number in the outbox (0 when empty). Read inside the writing transaction. */
async function lastSeq(db: OrderlineDb): Promise<number> {
  const last = await db.outbox.orderBy('seq').last();
  return last?.seq ?? 0;
}

/**
 * Queues `records` of `table` (already written, in this same transaction) as batch entries of at
 * most `size` records, numbered after everything already in the outbox; entries queued later in
 * the transaction are numbered after them. Refuses (ValidationError: the transaction writes
 * nothing) a record the server could never take, as a per-record entry would. `textChecked`: the
 * records were read by safeParseRecord (text and nesting checked); only their size is.
 * Returns the ids of the batch entries, in order.
 */
export async function queueBatches(
  db: OrderlineDb,
  table: BatchTable,
  records: readonly { id: string }[],
  options: { size?: number; textChecked?: boolean } = {},
): Promise<string[]> {
  const size = options.size ?? MAX_PUSH_MUTATIONS;
  if (!records.length) return [];
  for (const record of records) {
    // Records a checked import made (safeParseRecord read their text and nesting) need only be
    // known to be small enough; anything else gets every check a per-record entry gets.
    if (options.textChecked && jsonBytesSurelyAtMost(record, MAX_PAYLOAD_BYTES)) continue;
    const problems = payloadProblems(record);
    if (problems.length) throw new ValidationError('The change', problems);
  }
  const createdAt = new Date().toISOString();
  let seq = await lastSeq(db);
  const entries: OutboxEntry[] = [];
  for (let i = 0; i < records.length; i += size) {
    const ids = records.slice(i, i + size).map((r) => r.id);
    // The batch carries the last number of its block: its records take the ones before it.
    seq += ids.length;
    const payload: BatchPayload = { ids };
    entries.push({
      id: newId(),
      kind: OUTBOX_BATCH,
      table,
      recordId: newId(),
      payload,
      createdAt,
      state: 'pending',
      seq,
      batchSize: ids.length,
    });
  }
  await db.outbox.bulkAdd(entries);
  return entries.map((e) => e.id);
}

/** The tables a batch's expansion reads (its transaction must hold them and the outbox). */
export const batchTables = (db: OrderlineDb) => [
  db.outbox,
  db.products,
  db.variants,
  db.customers,
  db.stockMovements,
];

/**
 * Replaces a pending batch entry by one pending entry per record it names, in its block of
 * sequence numbers, with the record as it is now (a later edit of it is queued after the batch, so
 * the server still ends with the same record). A record no longer on this desk is not sent. A
 * batch that cannot be read is refused with a sentence, so the push goes on past it.
 */
export async function expandBatch(db: OrderlineDb, entryId: string): Promise<void> {
  await db.transaction('rw', batchTables(db), async () => {
    const entry = await db.outbox.get(entryId);
    if (!entry || entry.state !== 'pending' || !isBatch(entry)) return;
    const ids = batchedIds(entry);
    const kind = BATCH_KINDS[entry.table as BatchTable];
    if (!kind || typeof entry.seq !== 'number' || entry.seq < ids.length) {
      await db.outbox.put({
        ...entry,
        state: 'rejected',
        rejection: `This batch of ${entry.table} could not be read on this desk, so it was not sent`,
      });
      return;
    }
    const records = await db.table<{ id: string }>(entry.table).bulkGet(ids);
    const first = entry.seq - ids.length + 1;
    const entries = records.flatMap((record, i): OutboxEntry[] =>
      record
        ? [
            {
              id: newId(),
              kind,
              table: entry.table,
              recordId: ids[i]!,
              payload: record,
              createdAt: entry.createdAt,
              state: 'pending',
              seq: first + i,
            },
          ]
        : [],
    );
    await db.outbox.delete(entry.id);
    await db.outbox.bulkAdd(entries);
  });
}
