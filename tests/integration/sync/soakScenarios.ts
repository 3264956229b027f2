// What the soak adds to the fault property's random walk (issue #10): a desk killed right after the
// server applied its push, a desk whose clock is set back an hour, and a desk restored from an old
// copy of its database.
import { vi } from 'vitest';
import type { Sql } from '../../../src-server/db';
import type { Desk } from './syncHarness';

/** The desk syncs, the server applies its push, the answer never arrives, and the desk's process is
 * killed and started again: its outbox still says pending for changes the server holds. */
export async function killAfterPush(desk: Desk): Promise<string> {
  const pending = await desk.db.outbox.where('state').equals('pending').count();
  desk.net.dropAnswers.push('/v1/push');
  const status = await desk.client.syncNow();
  // With nothing to send no push was made: the drop is taken back, not left for a later one.
  const unused = desk.net.dropAnswers.indexOf('/v1/push');
  if (unused >= 0) desk.net.dropAnswers.splice(unused, 1);
  desk.restart();
  return `killed after a push (${pending} pending, sync ${status.state})`;
}

/** `work` done with the desk's clock an hour behind (clocks move on meanwhile). */
export async function withClockBack<T>(work: () => Promise<T>): Promise<T> {
  vi.useFakeTimers({ toFake: ['Date'], now: Date.now() - 3_600_000, shouldAdvanceTime: true });
  try {
    return await work();
  } finally {
    vi.useRealTimers();
  }
}

export type DeskCopy = Map<string, unknown[]>;

/** Every table of the desk's database, as a backup would hold it. */
export async function copyOf(desk: Desk): Promise<DeskCopy> {
  const copy: DeskCopy = new Map();
  for (const table of desk.db.tables) copy.set(table.name, await table.toArray());
  return copy;
}

/**
 * The desk's database put back as the copy held it (its process started again). Orders it made
 * after the copy that neither it nor the server holds now may be gone with it (or still on their
 * way, in a push the network holds): they go into `mayBeLost`, for settleLost once all is synced.
 */
export async function restoreFrom(
  desk: Desk,
  copy: DeskCopy,
  sql: Sql,
  created: readonly string[],
  mayBeLost: Set<string>,
): Promise<string> {
  desk.client.stop();
  await desk.db.transaction('rw', desk.db.tables, async () => {
    for (const table of desk.db.tables) {
      await table.clear();
      await table.bulkAdd(copy.get(table.name) ?? []);
    }
  });
  desk.restart();
  const onServer = await ordersOnServer(sql, created);
  const kept = new Set((await desk.db.orders.bulkGet([...created])).flatMap((o) => (o ? [o.id] : [])));
  const gone = created.filter((id) => !onServer.has(id) && !kept.has(id));
  for (const id of gone) mayBeLost.add(id);
  return `restored from an old copy (${gone.length} orders not yet sent may be lost with it)`;
}

async function ordersOnServer(sql: Sql, ids: readonly string[]): Promise<Set<string>> {
  const rows = await sql.query<{ id: string }>(
    'SELECT id::text AS id FROM orders WHERE id = ANY($1::uuid[])',
    [ids],
  );
  return new Set(rows.map((r) => r.id));
}

/** Once every desk has synced: the orders a restore really lost are taken out of `created`. */
export async function settleLost(
  sql: Sql,
  created: string[],
  mayBeLost: ReadonlySet<string>,
): Promise<number> {
  if (!mayBeLost.size) return 0;
  const onServer = await ordersOnServer(sql, [...mayBeLost]);
  const lost = new Set([...mayBeLost].filter((id) => !onServer.has(id)));
  created.splice(0, created.length, ...created.filter((id) => !lost.has(id)));
  return lost.size;
}
