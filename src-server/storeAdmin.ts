// What the store's administrator does from the command line: open a store, hand out one-time
// enrollment codes for its desks, and revoke a desk that is lost or retired.
import { randomUUID } from 'node:crypto';
import type { Sql } from './db';
import { hashEnrollCode, newEnrollCode } from './secrets';

export interface Store {
  id: string;
  name: string;
}

export async function createStore(sql: Sql, name: string): Promise<Store> {
  const trimmed = name.trim();
  if (!trimmed) throw new Error('A store needs a name, e.g. create-store "Main Street"');
  const id = randomUUID();
  await sql.query('INSERT INTO stores (id, name) VALUES ($1, $2)', [id, trimmed]);
  return { id, name: trimmed };
}

export interface EnrollmentCode {
  code: string;
  storeId: string;
  expiresAt: string;
}

export async function createEnrollmentCode(
  sql: Sql,
  storeId: string,
  validForHours = 24,
): Promise<EnrollmentCode> {
  const stores = await sql.query('SELECT id FROM stores WHERE id::text = $1', [storeId]);
  if (!stores.length) throw new Error(`No store has the id ${storeId}; use the id that create-store printed`);
  const code = newEnrollCode();
  const expiresAt = new Date(Date.now() + validForHours * 3_600_000).toISOString();
  await sql.query('INSERT INTO enrollment_codes (code_hash, store_id, expires_at) VALUES ($1, $2, $3)', [
    hashEnrollCode(code),
    storeId,
    expiresAt,
  ]);
  return { code, storeId, expiresAt };
}

/** True when a desk was revoked now; false when no desk has that id or it was revoked before. */
export async function revokeDevice(sql: Sql, deviceId: string): Promise<boolean> {
  const rows = await sql.query(
    'UPDATE devices SET revoked_at = now() WHERE id::text = $1 AND revoked_at IS NULL RETURNING id',
    [deviceId],
  );
  return rows.length > 0;
}
