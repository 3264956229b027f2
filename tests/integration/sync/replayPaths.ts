// Replays the pushes a property run's server answered, into two fresh stores on the same database:
// once as the batches they were (applyPush) and once one change at a time (applyMutation), so a
// test can check that the batch path and the one-change path come to the same answers and data.
import { randomUUID } from 'node:crypto';
import { applyMutation, applyPush } from '../../../src-server/applyPush';
import type { Database } from '../../../src-server/db';
import type { Device } from '../../../src-server/deviceAuth';
import { createStore } from '../../../src-server/storeAdmin';
import { parsePushRequest, type PushResult } from '$shared/syncProtocol';

type Replayed = { results: PushResult[]; state: unknown };

/** A store with a device standing in for each original one, under the same desk code. */
async function standIns(db: Database, codes: Map<string, string>): Promise<Map<string, Device>> {
  const storeId = (await createStore(db, `Replay ${randomUUID()}`)).id;
  const devices = new Map<string, Device>();
  for (const [original, deskCode] of codes) {
    const device: Device = { id: randomUUID(), storeId, name: `Stand-in ${deskCode}`, deskCode };
    await db.query(
      'INSERT INTO devices (id, store_id, name, token_hash, desk_code) VALUES ($1, $2, $3, $4, $5)',
      [device.id, storeId, device.name, randomUUID(), deskCode],
    );
    devices.set(original, device);
  }
  return devices;
}

/** What the store holds, without the stand-in device ids (which differ between the two stores). */
async function storeState(db: Database, storeId: string): Promise<unknown> {
  const q = (sql: string) => db.query(sql, [storeId]);
  return {
    orders: await q(
      `SELECT id::text, number, status, version, data->'totals' AS totals, data->'lines' AS lines
         FROM orders WHERE store_id = $1 ORDER BY id`,
    ),
    events: await q(
      `SELECT id::text, order_id::text, seq, data->'event' AS event FROM order_events
        WHERE store_id = $1 ORDER BY order_id, seq`,
    ),
    movements: await q(
      'SELECT id::text, kind, quantity FROM stock_movements WHERE store_id = $1 ORDER BY id',
    ),
    records: await q(
      'SELECT table_name, id::text, data FROM records WHERE store_id = $1 ORDER BY table_name, id',
    ),
    // Its place in the store's log: seqs come from one sequence for all stores, so the two stores'
    // numbers differ while their order must not.
    log: await q(
      `SELECT row_number() OVER (ORDER BY seq) AS place, table_name, record_id::text
         FROM change_log WHERE store_id = $1 ORDER BY seq`,
    ),
  };
}

export async function replayBothWays(
  db: Database,
  pushes: ReadonlyArray<{ deviceId: string; body: unknown }>,
  codes: Map<string, string>,
): Promise<{ batched: Replayed; single: Replayed }> {
  const batchDevices = await standIns(db, codes);
  const singleDevices = await standIns(db, codes);
  const batched: PushResult[] = [];
  const single: PushResult[] = [];
  for (const push of pushes) {
    const parsed = parsePushRequest(push.body);
    if (!parsed.ok) throw new Error(`A push the server answered does not parse: ${parsed.issues.join('; ')}`);
    batched.push(...(await applyPush(db, batchDevices.get(push.deviceId)!, parsed.value.mutations)));
    for (const entry of parsed.value.mutations) {
      single.push(await applyMutation(db, singleDevices.get(push.deviceId)!, entry));
    }
  }
  const storeOf = (devices: Map<string, Device>) => [...devices.values()][0]!.storeId;
  return {
    batched: { results: batched, state: await storeState(db, storeOf(batchDevices)) },
    single: { results: single, state: await storeState(db, storeOf(singleDevices)) },
  };
}
