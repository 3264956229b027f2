// Dexie v3 → v4, frozen: numbers the queued outbox entries 1, 2, 3… in the order v3 sent them (by
// id, which was time-ordered), so what was waiting goes out in the same order as before.
// Only types may be imported here (migrations.test.ts checks).
import type { Transaction } from 'dexie';

export async function upgradeToV4(tx: Transaction): Promise<void> {
  const outbox = tx.table('outbox');
  const ids = (await outbox.toCollection().primaryKeys()) as string[];
  const sorted = [...ids].sort();
  const numbered = new Map(sorted.map((id, i) => [id, i + 1]));
  await outbox.toCollection().modify((entry: { id: string; seq?: number }) => {
    entry.seq = numbered.get(entry.id);
  });
}
