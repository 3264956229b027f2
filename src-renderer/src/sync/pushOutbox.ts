// Pushing the outbox: pending entries in the desk's sequence, in batches; each batch's answers are
// written in one transaction. A failed request leaves every entry pending for the next try, and a
// change the server keeps failing on is set aside after a few tries so the rest can go.
import Dexie from 'dexie';
import type { OutboxEntry } from '$shared/records';
import {
  MAX_PUSH_MUTATIONS,
  PROTOCOL_VERSION,
  PushMutationSchema,
  PushResponseSchema,
  type PushMutation,
  type PushResult,
} from '$shared/syncProtocol';
import { foldLedger } from '$shared/stockLevels';
import { describeIssues } from '$shared/validation';
import type { PushSummary } from '$machines/syncMachine';
import type { OrderlineDb } from '$db/database';
import { expandBatch, isBatch, pendingChangeCount } from '$db/outboxBatch';
import { pullTables } from './applyPulledPage';
import { settleServerCopies } from './serverCopies';
import { SyncError, postJson, type FetchLike } from './syncHttp';
import type { SyncSettings } from './syncSettings';

export interface PushOptions {
  fetch: FetchLike;
  /** At most MAX_PUSH_MUTATIONS (the server's limit). */
  batchSize?: number;
}

type Verdict = { id: string; state: 'applied' } | { id: string; state: 'rejected'; reason: string };

/** The entry as the protocol carries it, or the reason it can never be sent. */
function toMutation(
  entry: OutboxEntry,
): { ok: true; mutation: PushMutation } | { ok: false; reason: string } {
  const extra = entry as OutboxEntry & { fields?: unknown; dependsOn?: unknown; changedBy?: unknown };
  const candidate = {
    id: entry.id,
    kind: entry.kind,
    table: entry.table,
    recordId: entry.recordId,
    payload: entry.payload,
    ...(extra.fields !== undefined ? { fields: extra.fields } : {}),
    ...(extra.dependsOn !== undefined ? { dependsOn: extra.dependsOn } : {}),
    ...(extra.changedBy !== undefined ? { changedBy: extra.changedBy } : {}),
  };
  const parsed = PushMutationSchema.safeParse(candidate);
  if (parsed.success) return { ok: true, mutation: parsed.data };
  // Sending it would get the whole batch refused, so it is settled here, with the reason.
  return {
    ok: false,
    reason: `This change could not be sent to the server: ${describeIssues(parsed.error, candidate).join('; ')}`,
  };
}

function verdictOf(result: PushResult): Verdict {
  return result.status === 'rejected'
    ? { id: result.id, state: 'rejected', reason: result.reason ?? 'The server refused this change' }
    : { id: result.id, state: 'applied' };
}

/**
 * Takes a refused event or movement back out of this desk's own tables: the server's history is the
 * one that stands (another bench's claim, say), and the desk's order row is put right by the server's
 * copy (held from a pull, or brought by the next one). A parcel closed by a refused pack.complete
 * goes with it: the order is packed once, with the other bench's parcel. The outbox entry keeps the
 * payload, so "Send again" can still send it.
 */
async function undoRefused(db: OrderlineDb, entry: OutboxEntry, touched: Set<string>): Promise<void> {
  if (entry.kind === 'order.event') {
    await db.orderEvents.delete(entry.recordId);
    const parcelId = packedParcelOf(entry.payload);
    if (parcelId) await db.parcels.delete(parcelId);
  }
  // A refused debit (the card was spent at another desk first) no longer counts against it.
  if (entry.kind === 'balance.movement') await db.balanceMovements.delete(entry.recordId);
  if (entry.kind !== 'stock.movement') return;
  const movement = await db.stockMovements.get(entry.recordId);
  if (!movement) return;
  await db.stockMovements.delete(movement.id);
  touched.add(movement.variantId);
}

/** The parcel a pack.complete event closed, or null for any other payload. */
function packedParcelOf(payload: unknown): string | null {
  const event = (payload as { event?: { type?: unknown; parcelId?: unknown } } | null)?.event;
  return event?.type === 'pack.complete' && typeof event.parcelId === 'string' ? event.parcelId : null;
}

/**
 * Records a batch's answers in one transaction, reading and writing the entries in bulk. It spans the
 * tables a pull writes, because a refused change puts back the server's copy held by a pull.
 */
async function settle(db: OrderlineDb, verdicts: Verdict[]): Promise<void> {
  if (!verdicts.length) return;
  await db.transaction('rw', pullTables(db), async () => {
    const touched = new Set<string>();
    const entries = await db.outbox.bulkGet(verdicts.map((v) => v.id));
    const settled: OutboxEntry[] = [];
    const refused: OutboxEntry[] = [];
    verdicts.forEach((verdict, i) => {
      const entry = entries[i];
      if (entry?.state !== 'pending') return;
      const { attempts: _attempts, ...rest } = entry;
      if (verdict.state === 'rejected') {
        settled.push({ ...rest, state: 'rejected', rejection: verdict.reason });
        refused.push(entry);
      } else settled.push({ ...rest, state: 'applied' });
    });
    await db.outbox.bulkPut(settled);
    for (const entry of refused) await undoRefused(db, entry, touched);
    const copies = await settleServerCopies(
      db,
      settled.map((entry) => ({ entry, refused: entry.state === 'rejected' })),
    );
    // A held copy this desk cannot store (a SKU taken here meanwhile) is listed like a pulled one.
    const at = new Date().toISOString();
    if (copies.failed.length)
      await db.setAside.bulkPut(
        copies.failed.map(({ copy, reason }) => ({
          seq: copy.seq,
          table: copy.table,
          recordId: copy.recordId,
          record: copy.record,
          reason: `This desk could not store ${copy.table} record ${copy.recordId}: ${reason}`,
          at,
        })),
      );
    // Recounted from the ledger, as a pull does, so the refused movement no longer counts.
    const updatedAt = new Date().toISOString();
    for (const variantId of touched) {
      const ledger = await db.stockMovements.where('variantId').equals(variantId).toArray();
      const counts = foldLedger(ledger).get(variantId) ?? { onHand: 0, reserved: 0 };
      await db.stockLevels.put({ variantId, ...counts, updatedAt });
    }
  });
}

/** Sends the server answered with an error before a change is set aside in Waiting to sync. */
export const MAX_SERVER_TRIES = 3;

// Answers that may be about a change in the batch (not understood, too large, or the server failing
// on it). Others are about this desk or its token (401, 403, 426) or the server being busy or away
// (429, 502, 503, 504): no change is to blame, and the push simply stops until the next try.
const CHANGE_PROBLEMS = new Set([400, 413, 422, 500]);

/**
 * Counts one more failed send of this change; after MAX_SERVER_TRIES it is refused on this desk
 * with the server's last sentence, so the changes after it can go (and it can be sent again or
 * dropped from Waiting to sync). Below that, the error stands and the push stops here, in order.
 */
async function failedSend(db: OrderlineDb, entry: OutboxEntry, error: SyncError): Promise<Verdict> {
  const attempts = (entry.attempts ?? 0) + 1;
  if (attempts < MAX_SERVER_TRIES) {
    await db.outbox.update(entry.id, { attempts });
    throw error;
  }
  return {
    id: entry.id,
    state: 'rejected',
    reason: `The server could not take this change after ${attempts} tries: ${error.message}`,
  };
}

type Send = (mutations: PushMutation[]) => Promise<PushResult[]>;

/**
 * The batch's answers. When the server answers the whole batch with an error, each change is sent
 * on its own, so the one it cannot take is found and counted, and the others still go.
 */
async function sendBatch(
  db: OrderlineDb,
  send: Send,
  pairs: { entry: OutboxEntry; mutation: PushMutation }[],
) {
  const verdicts: Verdict[] = [];
  const answered = (results: PushResult[], sent: PushMutation[]) => {
    const ids = new Set(sent.map((m) => m.id));
    verdicts.push(...results.filter((r) => ids.has(r.id)).map(verdictOf));
  };
  const blamable = (error: unknown): error is SyncError =>
    error instanceof SyncError && error.status !== undefined && CHANGE_PROBLEMS.has(error.status);
  try {
    const mutations = pairs.map((p) => p.mutation);
    answered(await send(mutations), mutations);
    return verdicts;
  } catch (error) {
    if (!blamable(error)) throw error;
    if (pairs.length === 1) return [await failedSend(db, pairs[0]!.entry, error)];
  }
  for (const { entry, mutation } of pairs) {
    try {
      answered(await send([mutation]), [mutation]);
    } catch (error) {
      if (!blamable(error)) throw error;
      // The answers so far are kept (settled by the caller) before the error stops the push.
      try {
        verdicts.push(await failedSend(db, entry, error));
      } catch (stop) {
        await settle(db, verdicts);
        throw stop;
      }
    }
  }
  return verdicts;
}

export async function pushOutbox(
  db: OrderlineDb,
  settings: SyncSettings,
  options: PushOptions,
): Promise<PushSummary> {
  const batchSize = Math.min(Math.max(1, options.batchSize ?? MAX_PUSH_MUTATIONS), MAX_PUSH_MUTATIONS);
  const summary = { applied: 0, rejected: 0 };
  // Entries the server did not answer for stay pending; the cursor keeps this run from asking again.
  let after = 0;
  const send: Send = async (mutations) =>
    (
      await postJson(
        options.fetch,
        `${settings.serverUrl}/v1/push`,
        { protocolVersion: PROTOCOL_VERSION, deviceId: settings.device.deviceId, mutations },
        PushResponseSchema,
        settings.device.token,
      )
    ).results;
  for (;;) {
    // In the desk's own sequence, never by clock time (a clock set back must not reorder a sale).
    const batch = await db.outbox
      .where('[state+seq]')
      .between(['pending', after], ['pending', Dexie.maxKey], false, true)
      .limit(batchSize)
      .toArray();
    if (!batch.length) break;
    // A batch of imported records becomes one entry per record before any of it is sent; read again.
    const packed = batch.find(isBatch);
    if (packed) {
      await expandBatch(db, packed.id);
      continue;
    }
    after = batch[batch.length - 1]?.seq ?? after;

    const verdicts: Verdict[] = [];
    const pairs: { entry: OutboxEntry; mutation: PushMutation }[] = [];
    for (const entry of batch) {
      const converted = toMutation(entry);
      if (converted.ok) pairs.push({ entry, mutation: converted.mutation });
      else verdicts.push({ id: entry.id, state: 'rejected', reason: converted.reason });
    }
    // Throws on a network failure or an answer about this desk: the batch stays pending, as it must.
    if (pairs.length) verdicts.push(...(await sendBatch(db, send, pairs)));
    await settle(db, verdicts);
    for (const verdict of verdicts) summary[verdict.state] += 1;
    if (batch.length < batchSize) break;
  }
  const pending = await pendingChangeCount(db);
  return { ...summary, pending };
}
