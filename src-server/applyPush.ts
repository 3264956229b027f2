// Applies a pushed batch: each change in its own transaction, at most once per device and
// mutation id, recorded with its outcome in the same transaction as its effects, so a retry after
// a lost response gets the same answer instead of a second application.
import type { PushMutation, PushResult } from '../src-shared/syncProtocol';
import { lockStoreLog, type ChangeLogWriter } from './changeLog';
import type { Sql } from './db';
import type { Device } from './deviceAuth';
import { rejected, type MutationOutcome } from './mutationOutcome';
import { applyEmailPush } from './emailPush';
import { applyOrderEventPush, relogOrder } from './orderEventPush';
import { applyRecordPut } from './recordPut';
import { applyStockMovementPush } from './stockMovementPush';

const FOLLOWS_REFUSED = 'Not applied because the change it follows was refused: ';

type Recorded = { status: 'applied' | 'rejected' | 'duplicate'; reason: string | null };

function answer(id: string, recorded: Recorded, retried: boolean): PushResult {
  if (recorded.status === 'rejected') return { id, status: 'rejected', reason: recorded.reason ?? 'Refused' };
  // A retried change that was applied the first time is a duplicate now.
  if (retried || recorded.status === 'duplicate') {
    return { id, status: 'duplicate', ...(recorded.reason ? { reason: recorded.reason } : {}) };
  }
  return { id, status: 'applied' };
}

async function effectOf(tx: Sql, device: Device, mutation: PushMutation, log: ChangeLogWriter) {
  switch (mutation.kind) {
    case 'order.event':
      return applyOrderEventPush(tx, device, mutation, log);
    case 'stock.movement':
      return applyStockMovementPush(tx, device, mutation, log);
    case 'record.put':
      return applyRecordPut(tx, device, mutation, log);
    case 'email.send':
      return applyEmailPush(tx, device, mutation);
  }
}

export async function applyMutation(sql: Sql, device: Device, mutation: PushMutation): Promise<PushResult> {
  return sql.transaction(async (tx) => {
    // The store row's lock orders all of a store's writes, across every server copy.
    const log = await lockStoreLog(tx, device.storeId);
    const [seen] = await tx.query<Recorded>(
      'SELECT status, reason FROM applied_mutations WHERE device_id = $1 AND mutation_id = $2',
      [device.id, mutation.id],
    );
    if (seen) return answer(mutation.id, seen, true);
    let outcome: MutationOutcome;
    const [before] = mutation.dependsOn
      ? await tx.query<Recorded>(
          'SELECT status, reason FROM applied_mutations WHERE device_id = $1 AND mutation_id = $2',
          [device.id, mutation.dependsOn],
        )
      : [];
    if (before?.status === 'rejected') {
      // A chain of changes names the first refusal once, not once per link.
      const cause = before.reason ?? '';
      outcome = rejected(cause.startsWith(FOLLOWS_REFUSED) ? cause : `${FOLLOWS_REFUSED}${cause}`.trim());
      if (mutation.kind === 'order.event') {
        await relogOrder(tx, device.storeId, (mutation.payload as { orderId?: unknown }).orderId, log);
      }
    } else {
      outcome = await effectOf(tx, device, mutation, log);
    }
    await log.finish();
    const reason = outcome.status === 'applied' ? null : outcome.reason;
    await tx.query(
      `INSERT INTO applied_mutations (device_id, mutation_id, store_id, kind, status, reason)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [device.id, mutation.id, device.storeId, mutation.kind, outcome.status, reason],
    );
    return answer(mutation.id, { status: outcome.status, reason }, false);
  });
}

/** Changes are applied in the order the desk queued them, one transaction each. */
export async function applyPush(
  sql: Sql,
  device: Device,
  mutations: readonly PushMutation[],
): Promise<PushResult[]> {
  const results: PushResult[] = [];
  for (const mutation of mutations) results.push(await applyMutation(sql, device, mutation));
  return results;
}
