// A pushed record edit. Plain records follow their kind's rule (src-shared/syncedRecords): last
// writer wins per field, in the order the server applies them, or append-only (written once); an
// order is only ever created this way.
import { parseOrderState } from '../machines/orderMachine';
import { OrderSchema } from '../src-shared/records';
import { RECORD_KINDS } from '../src-shared/syncedRecords';
import type { PushMutation, RecordTable } from '../src-shared/syncProtocol';
import { recordLabel, safeParseRecord } from '../src-shared/validation';
import type { ChangeLogWriter } from './changeLog';
import type { Sql } from './db';
import type { Device } from './deviceAuth';
import { APPLIED, duplicate, rejected, type MutationOutcome } from './mutationOutcome';

type Json = Record<string, unknown>;

/** The stored record with the edit's fields written over it; a field listed but absent is removed. */
export function mergeFields(
  stored: Json | undefined,
  payload: Json,
  fields: readonly string[] | undefined,
): Json {
  if (!stored) return { ...payload };
  const merged: Json = { ...stored };
  for (const field of fields ?? Object.keys(payload)) {
    if (field in payload && payload[field] !== undefined) merged[field] = payload[field];
    else delete merged[field];
  }
  return merged;
}

// The desk keeps SKUs and barcodes unique (a Dexie unique index), so a clash accepted here would
// stop every other desk's pull at that record.
async function uniqueClash(tx: Sql, storeId: string, variant: Json): Promise<string | null> {
  const [clash] = await tx.query<{ sku: string; barcode: string }>(
    `SELECT data->>'sku' AS sku, data->>'barcode' AS barcode FROM records
      WHERE store_id = $1 AND table_name = 'variants' AND id <> $2
        AND (data->>'sku' = $3 OR data->>'barcode' = $4)
      LIMIT 1`,
    [storeId, variant.id, variant.sku, variant.barcode],
  );
  if (!clash) return null;
  return clash.sku === variant.sku
    ? `SKU ${String(variant.sku)} is already used by another variant in this store`
    : `Barcode ${String(variant.barcode)} is already used by another variant in this store`;
}

async function putPlainRecord(
  tx: Sql,
  device: Device,
  table: RecordTable,
  mutation: PushMutation,
  log: ChangeLogWriter,
): Promise<MutationOutcome> {
  const payload = mutation.payload as Json;
  const kind = RECORD_KINDS[table];
  const [row] = await tx.query<{ data: Json; field_seqs: Record<string, number> }>(
    'SELECT data, field_seqs FROM records WHERE store_id = $1 AND table_name = $2 AND id = $3 FOR UPDATE',
    [device.storeId, table, mutation.recordId],
  );
  if (row && kind.rule === 'append') {
    return duplicate(`${kind.noun} ${mutation.recordId} is already on the server; it is never edited`);
  }
  const merged = mergeFields(row?.data, payload, mutation.fields);
  const label = recordLabel(kind.noun, merged.name ?? merged.sku ?? merged.number ?? merged.key);
  const parsed = safeParseRecord(kind.schema, merged);
  if (!parsed.ok) return rejected(`${label} was not saved: ${parsed.issues.join('; ')}`);
  const record = parsed.value;
  const recordId = kind.idOf(record);
  if (recordId !== mutation.recordId) {
    return rejected(`${label} was not saved: its id should be ${String(recordId)}, not ${mutation.recordId}`);
  }
  if (table === 'variants') {
    const clash = await uniqueClash(tx, device.storeId, record);
    if (clash) return rejected(`${label} was not saved: ${clash}`);
  }
  const seq = log.nextSeq;
  const written = row ? (mutation.fields ?? Object.keys(payload)) : Object.keys(record);
  const fieldSeqs = { ...row?.field_seqs, ...Object.fromEntries(written.map((f) => [f, seq])) };
  await tx.query(
    `INSERT INTO records (store_id, table_name, id, data, field_seqs, updated_seq)
     VALUES ($1, $2, $3, $4::jsonb, $5::jsonb, $6)
     ON CONFLICT (store_id, table_name, id)
     DO UPDATE SET data = EXCLUDED.data, field_seqs = EXCLUDED.field_seqs, updated_seq = EXCLUDED.updated_seq`,
    [device.storeId, table, mutation.recordId, JSON.stringify(record), JSON.stringify(fieldSeqs), seq],
  );
  await log.append(table, mutation.recordId, record);
  return APPLIED;
}

async function createOrder(
  tx: Sql,
  device: Device,
  mutation: PushMutation,
  log: ChangeLogWriter,
): Promise<MutationOutcome> {
  const parsed = safeParseRecord(OrderSchema, mutation.payload);
  if (!parsed.ok) return rejected(`The order was not saved: ${parsed.issues.join('; ')}`);
  const order = parsed.value;
  const [existing] = await tx.query('SELECT 1 FROM orders WHERE store_id = $1 AND id = $2', [
    device.storeId,
    order.id,
  ]);
  if (existing) {
    return duplicate(`Order ${order.number} is already on the server; it changes only through its events`);
  }
  // A new order is an empty cart: what happens to it afterwards is judged event by event.
  const state = parseOrderState(order.status, order.machine);
  const isNewCart =
    state.ok &&
    order.status === 'cart' &&
    order.version === 0 &&
    order.lines.length === 0 &&
    order.payments.length === 0;
  if (!isNewCart) {
    return rejected(
      `Order ${order.number} was not saved: a new order reaches the server as an empty cart, and every later change as an order event`,
    );
  }
  const [taken] = await tx.query('SELECT 1 FROM orders WHERE store_id = $1 AND number = $2', [
    device.storeId,
    order.number,
  ]);
  if (taken)
    return rejected(`Order number ${order.number} is already used in this store; check the desk code`);
  await tx.query(
    `INSERT INTO orders (store_id, id, number, status, version, data, updated_seq)
     VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7)`,
    [device.storeId, order.id, order.number, order.status, order.version, JSON.stringify(order), log.nextSeq],
  );
  await log.append('orders', order.id, order);
  return APPLIED;
}

export async function applyRecordPut(
  tx: Sql,
  device: Device,
  mutation: PushMutation,
  log: ChangeLogWriter,
): Promise<MutationOutcome> {
  const payloadId = (mutation.payload as Json).id;
  if (payloadId !== undefined && payloadId !== mutation.recordId) {
    return rejected(`The change names record ${mutation.recordId} but carries record ${String(payloadId)}`);
  }
  if (mutation.table === 'orders') return createOrder(tx, device, mutation, log);
  if (
    mutation.table === 'orderEvents' ||
    mutation.table === 'stockMovements' ||
    mutation.table === 'emails'
  ) {
    return rejected(`${mutation.table} are only appended, never edited in place`);
  }
  return putPlainRecord(tx, device, mutation.table, mutation, log);
}
