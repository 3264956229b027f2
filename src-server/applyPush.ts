// Applies a pushed batch in ONE transaction: each change in a savepoint of its own, at most once per
// device and mutation id, recorded with its outcome in the same transaction as its effects, so a
// retry after a lost response gets the same answer instead of a second application. The ids the
// batch names are looked up, and the outcomes recorded, in one statement each.
import { isRefused, type PushEntry, type PushMutation, type PushResult } from '../src-shared/syncProtocol';
import { LOG_ROWS, SEQ_BLOCK, withStoreLog, type ChangeLogWriter } from './changeLog';
import type { Sql } from './db';
import type { Device } from './deviceAuth';
import type { MutationOutcome } from './mutationOutcome';
import { applyEmailPush } from './emailPush';
import { applyOrderEventPush, relogOrder } from './orderEventPush';
import { ORDER_ROWS, PushContext, type PushOptions } from './pushContext';
import { applyRecordPut } from './recordPut';
import { applyStockMovementPush } from './stockMovementPush';
import { applyBalanceMovementPush } from './balanceMovementPush';

const FOLLOWS_REFUSED = 'Not applied because the change it follows was refused: ';

type Recorded = { status: 'applied' | 'rejected' | 'duplicate'; reason: string | null };
type Outcome = { id: string; kind: string; recorded: Recorded };

function answer(id: string, recorded: Recorded, retried: boolean): PushResult {
  if (recorded.status === 'rejected') return { id, status: 'rejected', reason: recorded.reason ?? 'Refused' };
  // A retried change that was applied the first time is a duplicate now.
  if (retried || recorded.status === 'duplicate') {
    return { id, status: 'duplicate', ...(recorded.reason ? { reason: recorded.reason } : {}) };
  }
  return { id, status: 'applied' };
}

async function effectOf(ctx: PushContext, mutation: PushMutation, log: ChangeLogWriter) {
  const { tx, device } = ctx;
  switch (mutation.kind) {
    case 'order.event':
      return applyOrderEventPush(ctx, mutation, log);
    case 'stock.movement':
      return applyStockMovementPush(ctx, mutation, log);
    case 'balance.movement':
      return applyBalanceMovementPush(ctx, mutation, log);
    case 'record.put':
      return applyRecordPut(ctx, mutation, log);
    case 'email.send':
      return applyEmailPush(tx, device, mutation);
  }
}

// Errors that mean the transaction itself is lost (connection, serialisation, shutdown): the batch
// fails and is sent again. Any other error is this one change's, answered as its refusal.
const TRANSACTION_LOST = /^(08|40|53|57)/;

function errorCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : '';
}

/** A new order writes nothing of its own (its row is inserted with the batch's other new orders),
 * so it needs no savepoint; every other change reads or writes the orders, which are flushed first. */
const opensOrder = (m: PushMutation) => m.kind === 'record.put' && m.table === 'orders';

/** Seqs one change may take from the log at most (an order event: the order, the event, a reward). */
const SEQS_PER_CHANGE = 4;

/**
 * Changes whose checks read across the store (a card's balance over every desk's movements, a SKU
 * against every variant, an owner against the other owners): a batch holding one takes the store's
 * lock, so two desks' such changes are judged one after the other. New orders, order events (each
 * order locks its own row) and stock movements do not, and desks push those side by side.
 */
const judgedStoreWide = (m: PushEntry) =>
  !isRefused(m) && (m.kind === 'balance.movement' || (m.kind === 'record.put' && m.table !== 'orders'));

/** One change in its own savepoint: a failure inside it undoes only its own writes. */
async function applyOne(
  ctx: PushContext,
  mutation: PushMutation,
  log: ChangeLogWriter,
): Promise<Recorded & { record: boolean }> {
  if (opensOrder(mutation)) {
    const outcome = await effectOf(ctx, mutation, log);
    return {
      status: outcome.status,
      reason: outcome.status === 'applied' ? null : outcome.reason,
      record: true,
    };
  }
  await ctx.flushOrders();
  await log.reserve(SEQS_PER_CHANGE);
  const mark = log.mark();
  await ctx.tx.query('SAVEPOINT change');
  try {
    const outcome: MutationOutcome = await effectOf(ctx, mutation, log);
    await ctx.tx.query('RELEASE SAVEPOINT change');
    return {
      status: outcome.status,
      reason: outcome.status === 'applied' ? null : outcome.reason,
      record: true,
    };
  } catch (error) {
    if (TRANSACTION_LOST.test(errorCode(error))) throw error;
    await ctx.tx.query('ROLLBACK TO SAVEPOINT change');
    log.rewind(mark);
    ctx.forget();
    const detail = error instanceof Error ? error.message : String(error);
    // Not recorded: once the cause is put right on the server, Send again can still apply it.
    return {
      status: 'rejected',
      reason: `The server could not apply this change (${detail}); nothing of it was saved. Send it again later, or drop it`,
      record: false,
    };
  }
}

// Two desks' batches that lock the same orders in opposite order: PostgreSQL ends one of them
// (deadlock, or a serialisation failure). Nothing of it was kept, so it is simply run again.
const RUN_AGAIN = new Set(['40P01', '40001']);
const RUNS = 3;

/** Changes are applied in the order the desk queued them, in one transaction. */
export async function applyPush(
  sql: Sql,
  device: Device,
  entries: readonly PushEntry[],
  options: PushOptions = {},
): Promise<PushResult[]> {
  for (let run = 1; ; run += 1) {
    try {
      return await applyBatch(sql, device, entries, options);
    } catch (error) {
      if (run >= RUNS || !RUN_AGAIN.has(errorCode(error))) throw error;
    }
  }
}

async function applyBatch(
  sql: Sql,
  device: Device,
  entries: readonly PushEntry[],
  options: PushOptions,
): Promise<PushResult[]> {
  return withStoreLog(sql, device.storeId, async (tx, log) => {
    // A desk's own batches one after another (a retry sent while the first try still runs waits
    // for it, then finds its changes recorded); the store's lock only when a change needs it.
    // With the batch's first seqs in the same round trip.
    const [locked] = await tx.query<{ seqs: unknown[] }>(
      `SELECT (SELECT array_agg(n.s ORDER BY n.s)
                 FROM (SELECT nextval('change_seq') AS s FROM generate_series(1, $2)) n) AS seqs
         FROM ${entries.some(judgedStoreWide) ? 'devices d JOIN stores s ON s.id = d.store_id WHERE d.id = $1' : 'devices d WHERE d.id = $1'}
          FOR UPDATE`,
      [device.id, Math.max(entries.length + SEQS_PER_CHANGE, SEQ_BLOCK)],
    );
    log.give((locked?.seqs ?? []).map(Number));
    const ctx = new PushContext(tx, device, options);
    await ctx.readOrdersOf(
      entries.flatMap((e) =>
        !isRefused(e) && e.kind === 'record.put' && e.table === 'orders'
          ? [e.payload as { id: unknown; number: unknown }]
          : [],
      ),
    );
    const named = [
      ...new Set(entries.flatMap((e) => (isRefused(e) || !e.dependsOn ? [e.id] : [e.id, e.dependsOn]))),
    ];
    const rows = await tx.query<Recorded & { mutation_id: string }>(
      `SELECT mutation_id::text AS mutation_id, status, reason FROM applied_mutations
        WHERE device_id = $1 AND mutation_id = ANY($2::uuid[])`,
      [device.id, named],
    );
    const known = new Map<string, Recorded>(
      rows.map((r) => [r.mutation_id, { status: r.status, reason: r.reason }]),
    );
    const results: PushResult[] = [];
    const toRecord: Outcome[] = [];
    for (const entry of entries) {
      const seen = known.get(entry.id);
      if (seen) {
        // Recorded before, or earlier in this very batch: either way a retry.
        results.push(answer(entry.id, seen, true));
        continue;
      }
      let recorded: Recorded & { record: boolean };
      let kind = 'refused';
      if (isRefused(entry)) {
        recorded = { status: 'rejected', reason: entry.refused, record: true };
      } else {
        kind = entry.kind;
        const before = entry.dependsOn ? known.get(entry.dependsOn) : undefined;
        if (before?.status === 'rejected') {
          // A chain of changes names the first refusal once, not once per link.
          const cause = before.reason ?? '';
          recorded = {
            status: 'rejected',
            reason: cause.startsWith(FOLLOWS_REFUSED) ? cause : `${FOLLOWS_REFUSED}${cause}`.trim(),
            record: true,
          };
          if (entry.kind === 'order.event') {
            await ctx.flushOrders();
            await relogOrder(tx, device.storeId, (entry.payload as { orderId?: unknown }).orderId, log);
          }
        } else {
          recorded = await applyOne(ctx, entry, log);
        }
      }
      const outcome = { status: recorded.status, reason: recorded.reason };
      known.set(entry.id, outcome);
      if (recorded.record) toRecord.push({ id: entry.id, kind, recorded: outcome });
      results.push(answer(entry.id, outcome, false));
    }
    // The batch's last new orders, its log and its outcomes, in one statement.
    const logged = log.take();
    await tx.query(
      `WITH opened AS (INSERT INTO orders ${ORDER_ROWS(1)}),
            logged AS (INSERT INTO change_log ${LOG_ROWS(1, 8)})
       INSERT INTO applied_mutations (device_id, mutation_id, store_id, kind, status, reason)
       SELECT $12, m.id, $1, m.kind, m.status, m.reason
         FROM unnest($13::uuid[], $14::text[], $15::text[], $16::text[]) AS m(id, kind, status, reason)`,
      [
        device.storeId,
        ...ctx.takeOpened(),
        logged.seqs,
        logged.tables,
        logged.recordIds,
        logged.records,
        device.id,
        toRecord.map((o) => o.id),
        toRecord.map((o) => o.kind),
        toRecord.map((o) => o.recorded.status),
        toRecord.map((o) => o.recorded.reason),
      ],
    );
    return results;
  });
}

/** One change on its own (the path a batch of one takes): the same rules, the same answers. */
export async function applyMutation(sql: Sql, device: Device, mutation: PushEntry): Promise<PushResult> {
  const [result] = await applyPush(sql, device, [mutation]);
  if (!result) throw new Error(`No answer for change ${mutation.id}`);
  return result;
}
