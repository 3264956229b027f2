// Dexie v3 → v4, frozen: numbers the queued outbox entries 1, 2, 3… in the order v3 sent them (by
// id, which was time-ordered), so what was waiting goes out in the same order as before.
// Only types may be imported here (migrations.test.ts checks).
import type { Transaction } from 'dexie';

/** The outbox entries' numbers, by id (also used by a restore of an older backup). */
export function outboxNumbers(ids: readonly string[]): Map<string, number> {
  return new Map([...ids].sort().map((id, i) => [id, i + 1]));
}

export async function upgradeToV4(tx: Transaction): Promise<void> {
  const outbox = tx.table('outbox');
  const numbered = outboxNumbers((await outbox.toCollection().primaryKeys()) as string[]);
  await outbox.toCollection().modify((entry: { id: string; seq?: number }) => {
    entry.seq = numbered.get(entry.id);
  });
}
