// The store's change log: every applied change appended with the next seq of the change_seq
// sequence, and read back in pages after a desk's cursor. No lock orders a store's writes: a push
// claims (in a row committed before its transaction begins) that its seqs are at least the
// sequence's next value, and a pull stops short of the lowest claim of its store still held by a
// live connection, so a change that commits after a later seq never falls behind a desk's cursor.
import { ChangeSchema, type Change, type PullResponse, type SyncTable } from '../src-shared/syncProtocol';
import type { Sql, TransactionOptions } from './db';

/** Seqs fetched from the sequence per round trip (unused ones are gaps no pull minds). */
export const SEQ_BLOCK = 64;

/** The columns and rows of a change_log insert: the store at parameter $store, take()'s arrays
 * (seqs, tables, record ids, records) at $n…$n+3. */
export const LOG_ROWS = (store: number, n: number) =>
  `(store_id, seq, table_name, record_id, record)
   SELECT $${store}, c.seq, c.table_name, c.record_id, c.record::jsonb
     FROM unnest($${n}::bigint[], $${n + 1}::text[], $${n + 2}::uuid[], $${n + 3}::text[])
       AS c(seq, table_name, record_id, record)`;

/** Hands out seqs inside one transaction. The rows are kept until finish(), which writes them all
 * in one statement: a pushed batch of 500 changes costs one insert into the log, not 500. */
export class ChangeLogWriter {
  private readonly free: number[] = [];
  private readonly rows: { seq: number; table: SyncTable; recordId: string; record: string }[] = [];

  constructor(
    private readonly tx: Sql,
    private readonly storeId: string,
  ) {}

  /** Makes sure at least `count` seqs are at hand (one round trip when they are not). */
  async reserve(count: number): Promise<void> {
    if (this.free.length >= count) return;
    const rows = await this.tx.query<{ seq: unknown }>(
      "SELECT nextval('change_seq') AS seq FROM generate_series(1, $1)",
      [Math.max(count - this.free.length, SEQ_BLOCK)],
    );
    // One session's nextval only grows, so these follow every seq this writer has handed out.
    this.free.push(...rows.map((r) => Number(r.seq)));
  }

  /** Seqs fetched by the caller (in a statement of its own, to save a round trip). */
  give(seqs: readonly number[]): void {
    this.free.push(...seqs);
  }

  /** The rows appended so far, taken to be written by the caller's own statement instead of finish(). */
  take(): { seqs: number[]; tables: SyncTable[]; recordIds: string[]; records: string[] } {
    const rows = this.rows.splice(0);
    return {
      seqs: rows.map((r) => r.seq),
      tables: rows.map((r) => r.table),
      recordIds: rows.map((r) => r.recordId),
      records: rows.map((r) => r.record),
    };
  }

  /**
   * Makes the next seq handed out higher than `seq`: the one a record's stored version was logged
   * with, read under the record's lock. This transaction took its seqs when it began, so another
   * that began later can have written the record since with a higher one; a desk applies the log in
   * seq order and keeps the last version it reads, so the version written now must come after it.
   * The seqs passed over are gaps; a fresh one is above every seq taken before it, that one too.
   */
  async after(seq: number): Promise<void> {
    const above = this.free.findIndex((s) => s > seq);
    this.free.splice(0, above < 0 ? this.free.length : above);
    await this.reserve(1);
  }

  /** The seq the next appended change will get (what a record's fields are stamped with). */
  get nextSeq(): number {
    const seq = this.free[0];
    if (seq === undefined) throw new Error('No seqs reserved for the change log; call reserve() first');
    return seq;
  }

  /** Where the log stands, to rewind to when a savepoint is rolled back. */
  mark(): number {
    return this.rows.length;
  }

  /** Forgets the changes appended since `mark` (they went with the rolled-back savepoint); their
   * seqs are handed out again. */
  rewind(mark: number): void {
    const undone = this.rows.splice(mark);
    this.free.unshift(...undone.map((r) => r.seq));
  }

  async append(table: SyncTable, recordId: string, record: object): Promise<number> {
    await this.reserve(1);
    const seq = this.free.shift()!;
    this.rows.push({ seq, table, recordId, record: JSON.stringify(record) });
    return seq;
  }

  async finish(): Promise<void> {
    if (!this.rows.length) return;
    const rows = this.take();
    await this.tx.query(`INSERT INTO change_log ${LOG_ROWS(1, 2)}`, [
      this.storeId,
      rows.seqs,
      rows.tables,
      rows.recordIds,
      rows.records,
    ]);
  }
}

/**
 * What a transaction writing to a store's log runs outside itself: the claim (every seq it takes
 * is above the sequence's value now) before it begins, its removal after it ends.
 */
export function logClaim(storeId: string): TransactionOptions {
  return {
    outside: {
      async before(connection) {
        await connection.query(
          `INSERT INTO log_claims (pid, backend_start, store_id, first_seq)
           SELECT pg_backend_pid(), a.backend_start, $1, nextval('change_seq')
             FROM pg_stat_get_activity(pg_backend_pid()) AS a
           ON CONFLICT (pid) DO UPDATE
             SET backend_start = EXCLUDED.backend_start, store_id = EXCLUDED.store_id,
                 first_seq = EXCLUDED.first_seq`,
          [storeId],
        );
      },
      async after(connection) {
        await connection.query('DELETE FROM log_claims WHERE pid = pg_backend_pid()');
      },
    },
  };
}

/** A transaction that appends to the store's log: `work` gets the writer, whose rows are written
 * when it returns. */
export async function withStoreLog<T>(
  sql: Sql,
  storeId: string,
  work: (tx: Sql, log: ChangeLogWriter) => Promise<T>,
): Promise<T> {
  return sql.transaction(async (tx) => {
    const log = new ChangeLogWriter(tx, storeId);
    const result = await work(tx, log);
    await log.finish();
    return result;
  }, logClaim(storeId));
}

/** The seqs below which every change of the store is committed (or will never be). */
const SETTLED_BELOW = `(SELECT COALESCE(min(c.first_seq), 9223372036854775807) FROM log_claims c
    WHERE c.store_id = $1
      AND EXISTS (SELECT 1 FROM pg_stat_get_activity(c.pid) a WHERE a.backend_start = c.backend_start))`;

/** The changes after a cursor, as counted for the page that ended there, and the highest seq counted. */
type Tally = { remaining: number; head: number };
/** Per database, per store and cursor: the count the next page starts from. */
const tallies = new WeakMap<Sql, Map<string, Tally>>();
const TALLIES_KEPT = 1000;

async function countAfter(sql: Sql, storeId: string, after: number): Promise<Tally> {
  const [row] = await sql.query<{ n: unknown; head: unknown }>(
    'SELECT count(*) AS n, max(seq) AS head FROM change_log WHERE store_id = $1 AND seq > $2',
    [storeId, after],
  );
  return { remaining: Number(row?.n ?? 0), head: row?.head == null ? after : Number(row.head) };
}

/**
 * How many changes follow `next`, for a desk's progress ("40,000 of 1,160,000"). Counted once per
 * download: each later page takes its own rows off the count the page before left, and adds what
 * was appended since (an index range past the highest seq counted, a few rows). Counting everything
 * after the cursor on every page read N²/limit rows in all: at 1.16 million changes, seconds a page
 * with the server blocked meanwhile (the desk saw it as not reachable). A change committed late
 * under a seq already counted past is missed until the next full count (the figure is progress,
 * not a promise): a count that would go below zero is made again.
 */
async function remainingAfter(
  sql: Sql,
  storeId: string,
  cursor: number,
  next: number,
  pageLength: number,
): Promise<number> {
  const byKey = tallies.get(sql) ?? tallies.set(sql, new Map()).get(sql)!;
  const before = byKey.get(`${storeId}/${cursor}`);
  byKey.delete(`${storeId}/${cursor}`);
  let tally: Tally | undefined;
  if (before) {
    const appended = await countAfter(sql, storeId, before.head);
    const remaining = before.remaining - pageLength + appended.remaining;
    if (remaining >= 0) tally = { remaining, head: Math.max(before.head, appended.head) };
  }
  tally ??= await countAfter(sql, storeId, next);
  if (byKey.size >= TALLIES_KEPT) byKey.delete(byKey.keys().next().value!);
  byKey.set(`${storeId}/${next}`, tally);
  return tally.remaining;
}

export async function pullChanges(
  sql: Sql,
  storeId: string,
  cursor: number,
  limit: number,
): Promise<PullResponse> {
  const rows = await sql.query<{ seq: unknown; table_name: string; record_id: string; record: unknown }>(
    `SELECT seq, table_name, record_id, record FROM change_log
      WHERE store_id = $1 AND seq > $2 AND seq < ${SETTLED_BELOW}
      ORDER BY seq
      LIMIT $3`,
    [storeId, cursor, limit + 1],
  );
  const page = rows.slice(0, limit);
  const changes: Change[] = page.map((row) =>
    ChangeSchema.parse({
      seq: Number(row.seq),
      table: row.table_name,
      recordId: row.record_id,
      op: 'put',
      record: typeof row.record === 'string' ? JSON.parse(row.record) : row.record,
    }),
  );
  const next = changes.at(-1)?.seq ?? cursor;
  const hasMore = rows.length > limit;
  // Counted only when there is more: the common pull (nothing or one short page) costs no extra query.
  const remaining = hasMore ? await remainingAfter(sql, storeId, cursor, next, page.length) : 0;
  return { changes, cursor: next, hasMore, remaining };
}
