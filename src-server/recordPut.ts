// A pushed record edit. Plain records follow their kind's rule (src-shared/syncedRecords): last
// writer wins per field, in the order the server applies them, or append-only (written once); an
// order is only ever created this way.
import { gtinForms } from '../src-shared/gtinForms';
import { OrderSchema, StaffSchema, type Staff } from '../src-shared/records';
import { RECORD_KINDS } from '../src-shared/syncedRecords';
import type { PushMutation, RecordTable } from '../src-shared/syncProtocol';
import { recordLabel, safeParseRecord } from '../src-shared/validation';
import type { ChangeLogWriter } from './changeLog';
import type { Sql } from './db';
import type { Device } from './deviceAuth';
import { APPLIED, duplicate, rejected, type MutationOutcome } from './mutationOutcome';
import { openedOrder } from './orderOpening';
import { newParcelRefusal } from './parcelChecks';
import type { PushContext } from './pushContext';
import { staffPutRefusal } from './staffChecks';
import { strayFields } from './strayFields';

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
// stop every other desk's pull at that record. Barcodes compare by value (normaliseGtin): a UPC-A
// and the same number as EAN-13 are one code, so the query asks for every form it is stored under.
async function uniqueClash(tx: Sql, storeId: string, variant: Json): Promise<string | null> {
  const barcode = String(variant.barcode);
  const forms = gtinForms(barcode);
  const [clash] = await tx.query<{ sku: string; barcode: string }>(
    `SELECT data->>'sku' AS sku, data->>'barcode' AS barcode FROM records
      WHERE store_id = $1 AND table_name = 'variants' AND id <> $2
        AND (data->>'sku' = $3 OR data->>'barcode' = ANY($4::text[]))
      LIMIT 1`,
    [storeId, variant.id, variant.sku, forms.length ? forms : [barcode]],
  );
  if (!clash) return null;
  if (clash.sku === variant.sku)
    return `SKU ${String(variant.sku)} is already used by another variant in this store`;
  return clash.barcode === barcode
    ? `Barcode ${barcode} is already used by another variant in this store`
    : `Barcode ${barcode} is the same code as ${clash.barcode}, which another variant in this store (${clash.sku}) already uses`;
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
  const [row] = await tx.query<{ data: Json; field_seqs: Record<string, number>; updated_seq: unknown }>(
    'SELECT data, field_seqs, updated_seq FROM records WHERE store_id = $1 AND table_name = $2 AND id = $3 FOR UPDATE',
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
  if (table === 'parcels' && !row) {
    const refusal = await newParcelRefusal(tx, device.storeId, record);
    if (refusal) return rejected(`Parcel of order ${String(record.orderNumber)} was not saved: ${refusal}`);
  }
  // Logged after the version it is merged over, whichever push took its seqs first.
  if (row) await log.after(Number(row.updated_seq));
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
  ctx: PushContext,
  mutation: PushMutation,
  log: ChangeLogWriter,
): Promise<MutationOutcome> {
  const parsed = safeParseRecord(OrderSchema, mutation.payload);
  if (!parsed.ok) return rejected(`The order was not saved: ${parsed.issues.join('; ')}`);
  // One look for both: the order itself (a retry) and another with its number (a restored desk).
  const { known, taken } = await ctx.orderClash(parsed.value.id, parsed.value.number);
  if (known) {
    return duplicate(
      `Order ${parsed.value.number} is already on the server; it changes only through its events`,
    );
  }
  const opened = await openedOrder(ctx, parsed.value, mutation.payload, taken);
  if (!opened.ok) return rejected(opened.reason);
  const order = opened.order;
  // Inserted with the batch's other new orders (PushContext.flushOrders), before any change reads them.
  ctx.orderOpened(order, log.nextSeq);
  await log.append('orders', order.id, order);
  return APPLIED;
}

/** A staff edit's checks (see staffChecks): the merged record as it would be stored, judged. */
async function staffRefusal(ctx: PushContext, mutation: PushMutation): Promise<string | null> {
  const stored = (await ctx.staff()).get(mutation.recordId) as Staff | undefined;
  const merged = mergeFields(stored, mutation.payload as Json, mutation.fields);
  const parsed = StaffSchema.safeParse(merged);
  if (!parsed.success) return null; // putPlainRecord says what is wrong with it
  const refusal = await staffPutRefusal(ctx, parsed.data, stored, mutation.changedBy);
  return refusal ? `${recordLabel('Staff member', parsed.data.name)} was not saved: ${refusal}` : null;
}

export async function applyRecordPut(
  ctx: PushContext,
  mutation: PushMutation,
  log: ChangeLogWriter,
): Promise<MutationOutcome> {
  const { tx, device } = ctx;
  const payloadId = (mutation.payload as Json).id;
  if (payloadId !== undefined && payloadId !== mutation.recordId) {
    return rejected(`The change names record ${mutation.recordId} but carries record ${String(payloadId)}`);
  }
  if (mutation.table === 'orders') return createOrder(ctx, mutation, log);
  if (
    mutation.table === 'orderEvents' ||
    mutation.table === 'stockMovements' ||
    mutation.table === 'balanceMovements' ||
    mutation.table === 'emails'
  ) {
    return rejected(`${mutation.table} are only appended, never edited in place`);
  }
  const stray = strayFields(RECORD_KINDS[mutation.table].schema, mutation.payload);
  if (stray) return rejected(stray);
  if (mutation.table === 'staff') {
    const refusal = await staffRefusal(ctx, mutation);
    if (refusal) return rejected(refusal);
  }
  const outcome = await putPlainRecord(tx, device, mutation.table, mutation, log);
  if (outcome.status === 'applied' && mutation.table === 'staff') ctx.forget();
  return outcome;
}
