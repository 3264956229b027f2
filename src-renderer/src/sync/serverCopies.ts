// The server's copies of records this desk kept its own version of. A pull that brings a record
// while a change of this desk's to it waits in the outbox keeps the desk's row (the server has not
// seen that change yet) and holds the server's copy here. When the desk's last waiting change to the
// record is settled, a refusal writes the held copy (the server never sends it again: nothing
// changed there), and an acceptance drops it (the server logs the merged record, which a pull brings).
import type { OutboxEntry } from '$shared/records';
import type { OrderlineDb, ServerCopy } from '$db/database';

type Key = [table: string, recordId: string];

/** The record a change of this desk's is about: an order event is about its order's row. Ledger
 * movements and e-mails have no row a pull could bring. */
export function recordOf(entry: Pick<OutboxEntry, 'kind' | 'table' | 'recordId' | 'payload'>): Key | null {
  if (entry.kind === 'order.event') {
    const orderId = (entry.payload as { orderId?: unknown } | null)?.orderId;
    return typeof orderId === 'string' ? ['orders', orderId] : null;
  }
  return entry.kind === 'record.put' ? [entry.table, entry.recordId] : null;
}

/** Holds pulled copies (inside the pull's transaction); a copy older than the one held is ignored. */
export async function holdServerCopies(db: OrderlineDb, copies: ServerCopy[]): Promise<void> {
  if (!copies.length) return;
  const held = await db.serverCopies.bulkGet(copies.map((c): Key => [c.table, c.recordId]));
  const newest = new Map<string, ServerCopy>();
  copies.forEach((copy, i) => {
    const before = newest.get(`${copy.table}\u0000${copy.recordId}`) ?? held[i];
    if (before && before.seq >= copy.seq) return;
    newest.set(`${copy.table}\u0000${copy.recordId}`, {
      ...copy,
      ...(before?.refused ? { refused: true } : {}),
    });
  });
  if (newest.size) await db.serverCopies.bulkPut([...newest.values()]);
}

/** Whether a change of this desk's to the record still waits to be sent. */
async function stillWaiting(db: OrderlineDb, [table, recordId]: Key): Promise<boolean> {
  const isPending = (entry: OutboxEntry) => entry.state === 'pending';
  if ((await db.outbox.where('recordId').equals(recordId).filter(isPending).count()) > 0) return true;
  if (table !== 'orders') return false;
  const events = await db.orderEvents
    .where('[orderId+seq]')
    .between([recordId, 0], [recordId, Number.MAX_SAFE_INTEGER])
    .primaryKeys();
  if (!events.length) return false;
  return (await db.outbox.where('recordId').anyOf(events).filter(isPending).count()) > 0;
}

export type SettledCopies = { written: ServerCopy[]; failed: { copy: ServerCopy; reason: string }[] };

/**
 * After a push's answers are recorded (inside that transaction, which must span the record tables,
 * the outbox, the order events and serverCopies): for each record whose last waiting change is now
 * settled, writes the held copy if one of its changes was refused, and forgets it either way.
 */
export async function settleServerCopies(
  db: OrderlineDb,
  settled: { entry: OutboxEntry; refused: boolean }[],
): Promise<SettledCopies> {
  const result: SettledCopies = { written: [], failed: [] };
  const records = new Map<string, { key: Key; refused: boolean }>();
  for (const { entry, refused } of settled) {
    const key = recordOf(entry);
    if (!key) continue;
    const id = `${key[0]}\u0000${key[1]}`;
    const seen = records.get(id);
    records.set(id, { key, refused: refused || (seen?.refused ?? false) });
  }
  if (!records.size) return result;
  const keys = [...records.values()];
  const held = await db.serverCopies.bulkGet(keys.map((k) => k.key));
  for (const [i, { key, refused }] of keys.entries()) {
    const copy = held[i];
    if (!copy) continue;
    if (await stillWaiting(db, key)) {
      if (refused && !copy.refused) await db.serverCopies.put({ ...copy, refused: true });
      continue;
    }
    await db.serverCopies.delete(key);
    if (!refused && !copy.refused) continue;
    try {
      await db.table(copy.table).put(copy.record);
      result.written.push(copy);
    } catch (error) {
      result.failed.push({ copy, reason: error instanceof Error ? error.message : String(error) });
    }
  }
  return result;
}
