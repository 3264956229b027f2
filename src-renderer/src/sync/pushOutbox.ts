// Pushing the outbox: pending entries in the order they were made, in batches; each batch's answers
// are written in one transaction. A failed request leaves every entry pending for the next try.
import type { OutboxEntry } from '../../../src-shared/records';
import {
  MAX_PUSH_MUTATIONS,
  PROTOCOL_VERSION,
  PushMutationSchema,
  PushResponseSchema,
  type PushMutation,
  type PushResult,
} from '../../../src-shared/syncProtocol';
import { foldLedger } from '../../../src-shared/stockLevels';
import { describeIssues } from '../../../src-shared/validation';
import type { PushSummary } from '../../../machines/syncMachine';
import type { OrderlineDb } from '../db/database';
import { postJson, type FetchLike } from './syncHttp';
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
  const extra = entry as OutboxEntry & { fields?: unknown; dependsOn?: unknown };
  const candidate = {
    id: entry.id,
    kind: entry.kind,
    table: entry.table,
    recordId: entry.recordId,
    payload: entry.payload,
    ...(extra.fields !== undefined ? { fields: extra.fields } : {}),
    ...(extra.dependsOn !== undefined ? { dependsOn: extra.dependsOn } : {}),
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
 * one that stands (another bench's claim, say), and the desk's order row is put right by the pull.
 * The outbox entry keeps the payload, so "Send again" can still send it.
 */
async function undoRefused(db: OrderlineDb, entry: OutboxEntry, touched: Set<string>): Promise<void> {
  if (entry.kind === 'order.event') await db.orderEvents.delete(entry.recordId);
  if (entry.kind !== 'stock.movement') return;
  const movement = await db.stockMovements.get(entry.recordId);
  if (!movement) return;
  await db.stockMovements.delete(movement.id);
  touched.add(movement.variantId);
}

async function settle(db: OrderlineDb, verdicts: Verdict[]): Promise<void> {
  if (!verdicts.length) return;
  const tables = [db.outbox, db.orderEvents, db.stockMovements, db.stockLevels];
  await db.transaction('rw', tables, async () => {
    const touched = new Set<string>();
    for (const verdict of verdicts) {
      const entry = await db.outbox.get(verdict.id);
      if (entry?.state !== 'pending') continue;
      if (verdict.state === 'rejected') {
        await db.outbox.update(entry.id, { state: 'rejected', rejection: verdict.reason });
        await undoRefused(db, entry, touched);
      } else await db.outbox.update(entry.id, { state: 'applied' });
    }
    // Recounted from the ledger, as a pull does, so the refused movement no longer counts.
    const updatedAt = new Date().toISOString();
    for (const variantId of touched) {
      const ledger = await db.stockMovements.where('variantId').equals(variantId).toArray();
      const counts = foldLedger(ledger).get(variantId) ?? { onHand: 0, reserved: 0 };
      await db.stockLevels.put({ variantId, ...counts, updatedAt });
    }
  });
}

export async function pushOutbox(
  db: OrderlineDb,
  settings: SyncSettings,
  options: PushOptions,
): Promise<PushSummary> {
  const batchSize = Math.min(Math.max(1, options.batchSize ?? MAX_PUSH_MUTATIONS), MAX_PUSH_MUTATIONS);
  const summary = { applied: 0, rejected: 0 };
  // Entries the server did not answer for stay pending; the cursor keeps this run from asking again.
  let after = '';
  for (;;) {
    // Ids are UUIDv7 (time-ordered), and an index lists equal keys by primary key: creation order.
    const batch = await db.outbox
      .where('state')
      .equals('pending')
      .filter((entry) => entry.id > after)
      .limit(batchSize)
      .toArray();
    if (!batch.length) break;
    after = batch[batch.length - 1]?.id ?? after;

    const verdicts: Verdict[] = [];
    const mutations: PushMutation[] = [];
    for (const entry of batch) {
      const converted = toMutation(entry);
      if (converted.ok) mutations.push(converted.mutation);
      else verdicts.push({ id: entry.id, state: 'rejected', reason: converted.reason });
    }
    if (mutations.length) {
      // Throws on a network failure or an error answer: this batch stays pending, as it must.
      const answer = await postJson(
        options.fetch,
        `${settings.serverUrl}/v1/push`,
        { protocolVersion: PROTOCOL_VERSION, deviceId: settings.device.deviceId, mutations },
        PushResponseSchema,
        settings.device.token,
      );
      const sent = new Set(mutations.map((m) => m.id));
      verdicts.push(...answer.results.filter((r) => sent.has(r.id)).map(verdictOf));
    }
    await settle(db, verdicts);
    for (const verdict of verdicts) summary[verdict.state] += 1;
    if (batch.length < batchSize) break;
  }
  const pending = await db.outbox.where('state').equals('pending').count();
  return { ...summary, pending };
}
