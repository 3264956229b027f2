// Setting a store up from its first desk: the store's data lives on its server, so one desk creates
// it by uploading what it holds (claimed here first, so no two desks do it and none does it into a
// store that already has data), and every later desk joins by downloading it.
import type { StoreStatus } from '../src-shared/syncProtocol';
import type { Sql } from './db';
import type { Device } from './deviceAuth';

/** How many changes the store's log holds (its seqs come from a sequence shared by all stores). */
const LOGGED = '(SELECT count(*) FROM change_log l WHERE l.store_id = stores.id)';

export async function storeStatus(sql: Sql, device: Device): Promise<StoreStatus> {
  const [row] = await sql.query<{ name: string; changes: unknown; created_from: string | null }>(
    `SELECT name, ${LOGGED} AS changes, created_from FROM stores WHERE id = $1`,
    [device.storeId],
  );
  if (!row) throw new Error(`Store ${device.storeId} does not exist`);
  const desks = await sql.query<{ id: string; code: string; name: string }>(
    'SELECT id::text AS id, desk_code AS code, name FROM devices WHERE store_id = $1 ORDER BY created_at LIMIT 1000',
    [device.storeId],
  );
  return {
    storeName: row.name,
    desks,
    changes: Number(row.changes),
    createdFrom:
      row.created_from === null ? 'nobody' : row.created_from === device.id ? 'thisDesk' : 'anotherDesk',
  };
}

export type CreateOutcome = { ok: true } | { ok: false; reason: string };

/** Claims the store for this desk's upload; the same desk may claim again to resume a cut-off upload. */
export async function claimStoreCreation(
  sql: Sql,
  device: Device,
  orderPrefixes: readonly string[] = [],
): Promise<CreateOutcome> {
  return sql.transaction(async (tx) => {
    const [store] = await tx.query<{ name: string; changes: unknown; created_from: string | null }>(
      `SELECT name, ${LOGGED} AS changes, created_from FROM stores WHERE id = $1 FOR UPDATE`,
      [device.storeId],
    );
    if (!store) return { ok: false, reason: 'This desk’s store is not on the server any more' };
    if (store.created_from === device.id) return { ok: true };
    if (store.created_from !== null) {
      const [by] = await tx.query<{ name: string; desk_code: string }>(
        'SELECT name, desk_code FROM devices WHERE id = $1',
        [store.created_from],
      );
      return {
        ok: false,
        reason: `“${store.name}” was already created from desk ${by?.desk_code ?? ''} (${by?.name ?? 'another desk'}); join it instead, so its data is not mixed with this desk’s`,
      };
    }
    const changes = Number(store.changes);
    if (changes > 0) {
      return {
        ok: false,
        reason: `“${store.name}” already holds data (${changes.toLocaleString('en-GB')} change${changes === 1 ? '' : 's'} from its desks); join it instead of creating it again`,
      };
    }
    // Another desk enrolled before this upload numbers its orders with a prefix this desk's orders
    // already carry: both series would start at -000001 and collide.
    const [clash] = await tx.query<{ name: string; desk_code: string }>(
      'SELECT name, desk_code FROM devices WHERE store_id = $1 AND id <> $2 AND revoked_at IS NULL AND desk_code = ANY($3::text[])',
      [device.storeId, device.id, [...orderPrefixes]],
    );
    if (clash) {
      return {
        ok: false,
        reason: `This desk's orders are numbered ${clash.desk_code}-…, the code desk “${clash.name}” was given when it enrolled; revoke that desk (npm run server:admin revoke-device), create the store from this desk, then enroll the other desk again`,
      };
    }
    await tx.query('UPDATE stores SET created_from = $2 WHERE id = $1', [device.storeId, device.id]);
    return { ok: true };
  });
}
