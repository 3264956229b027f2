// Enrolling a desk with a one-time code, and recognising an enrolled desk by its token.
import { randomUUID } from 'node:crypto';
import type { EnrollResponse } from '../src-shared/syncProtocol';
import { PROTOCOL_VERSION } from '../src-shared/syncProtocol';
import type { Sql } from './db';
import { hashEnrollCode, hashSecret, newDeviceToken } from './secrets';

/**
 * The lowest D<n> no desk of the store holds and no order of the store already carries (a store
 * created from a desk's upload keeps that desk's numbers). The store row is locked first, so two
 * desks enrolling at once with two codes cannot be given the same one.
 */
export async function nextDeskCode(tx: Sql, storeId: string): Promise<string> {
  await tx.query('SELECT 1 FROM stores WHERE id = $1 FOR UPDATE', [storeId]);
  const taken = await tx.query<{ code: string }>(
    `SELECT desk_code AS code FROM devices WHERE store_id = $1
     UNION
     SELECT DISTINCT split_part(number, '-', 1) FROM orders WHERE store_id = $1`,
    [storeId],
  );
  const used = new Set(taken.map((t) => t.code));
  let n = 1;
  while (used.has(`D${n}`)) n++;
  return `D${n}`;
}

export type Enrolled = { ok: true; enrolled: EnrollResponse } | { ok: false; reason: string };

export async function enrollDevice(sql: Sql, code: string, deviceName: string): Promise<Enrolled> {
  return sql.transaction(async (tx) => {
    // Locked, so two desks typing the same code at once cannot both enroll with it.
    const [row] = await tx.query<{
      store_id: string;
      store_name: string;
      used_at: unknown;
      expired: boolean;
    }>(
      `SELECT c.store_id, s.name AS store_name, c.used_at, c.expires_at < now() AS expired
         FROM enrollment_codes c JOIN stores s ON s.id = c.store_id
        WHERE c.code_hash = $1
          FOR UPDATE OF c`,
      [hashEnrollCode(code)],
    );
    if (!row)
      return { ok: false, reason: 'This enrollment code is not known; check it, or ask for a new one' };
    if (row.used_at !== null)
      return {
        ok: false,
        reason: 'This enrollment code was already used; ask the store manager for a new one',
      };
    if (row.expired)
      return { ok: false, reason: 'This enrollment code has expired; ask the store manager for a new one' };
    const deviceId = randomUUID();
    const token = newDeviceToken();
    const deskCode = await nextDeskCode(tx, row.store_id);
    await tx.query(
      'INSERT INTO devices (id, store_id, name, token_hash, desk_code) VALUES ($1, $2, $3, $4, $5)',
      [deviceId, row.store_id, deviceName, hashSecret(token), deskCode],
    );
    await tx.query('UPDATE enrollment_codes SET used_at = now(), device_id = $2 WHERE code_hash = $1', [
      hashEnrollCode(code),
      deviceId,
    ]);
    return {
      ok: true,
      enrolled: {
        deviceId,
        storeId: row.store_id,
        storeName: row.store_name,
        token,
        protocolVersion: PROTOCOL_VERSION,
        deskCode,
      },
    };
  });
}

export interface Device {
  id: string;
  storeId: string;
  name: string;
  /** The prefix of every order number this desk may issue. */
  deskCode: string;
}

export type Authenticated = { ok: true; device: Device } | { ok: false; reason: string };

export async function authenticate(sql: Sql, authorization: string | undefined): Promise<Authenticated> {
  const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
  if (!token) {
    return {
      ok: false,
      reason: 'This desk is not enrolled with the server; enroll it with a code from the store manager',
    };
  }
  const [row] = await sql.query<{
    id: string;
    store_id: string;
    name: string;
    desk_code: string;
    revoked: boolean;
  }>(
    'SELECT id, store_id, name, desk_code, revoked_at IS NOT NULL AS revoked FROM devices WHERE token_hash = $1',
    [hashSecret(token)],
  );
  if (!row) return { ok: false, reason: 'The server does not know this desk’s token; enroll the desk again' };
  if (row.revoked)
    return { ok: false, reason: 'This desk’s access was revoked; enroll it again with a new code to sync' };
  return { ok: true, device: { id: row.id, storeId: row.store_id, name: row.name, deskCode: row.desk_code } };
}
