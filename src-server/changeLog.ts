// The store's change log: every applied change appended with the next seq of its store, and read
// back in pages after a desk's cursor. Seqs come from the locked stores row (see migrations.ts).
import { ChangeSchema, type Change, type PullResponse, type SyncTable } from '../src-shared/syncProtocol';
import type { Sql } from './db';

/** Hands out seqs inside one push transaction, whose store row is already locked. The rows are
 * kept until finish(), which writes them all in one statement: a pushed batch of 500 changes costs
 * one insert into the log, not 500 round trips. */
export class ChangeLogWriter {
  private seq: number;
  private readonly firstSeq: number;
  private readonly rows: { seq: number; table: SyncTable; recordId: string; record: string }[] = [];

  constructor(
    private readonly tx: Sql,
    private readonly storeId: string,
    lastSeq: number,
  ) {
    this.seq = lastSeq;
    this.firstSeq = lastSeq;
  }

  /** The seq the next appended change will get (what a record's fields are stamped with). */
  get nextSeq(): number {
    return this.seq + 1;
  }

  /** Where the log stands, to rewind to when a savepoint is rolled back. */
  mark(): number {
    return this.seq;
  }

  /** Forgets the seqs handed out since `mark` (their changes went with the rolled-back savepoint). */
  rewind(mark: number): void {
    this.seq = mark;
    while (this.rows.length && this.rows[this.rows.length - 1]!.seq > mark) this.rows.pop();
  }

  async append(table: SyncTable, recordId: string, record: object): Promise<number> {
    this.seq += 1;
    this.rows.push({ seq: this.seq, table, recordId, record: JSON.stringify(record) });
    return this.seq;
  }

  async finish(): Promise<void> {
    if (this.seq === this.firstSeq) return;
    await this.tx.query(
      `INSERT INTO change_log (store_id, seq, table_name, record_id, record)
       SELECT $1, c.seq, c.table_name, c.record_id, c.record::jsonb
         FROM unnest($2::bigint[], $3::text[], $4::uuid[], $5::text[]) AS c(seq, table_name, record_id, record)`,
      [
        this.storeId,
        this.rows.map((r) => r.seq),
        this.rows.map((r) => r.table),
        this.rows.map((r) => r.recordId),
        this.rows.map((r) => r.record),
      ],
    );
    await this.tx.query('UPDATE stores SET last_seq = $2 WHERE id = $1', [this.storeId, this.seq]);
  }
}

/** Locks the store's row for the rest of the transaction and returns a writer for its log. */
export async function lockStoreLog(tx: Sql, storeId: string): Promise<ChangeLogWriter> {
  const [store] = await tx.query<{ last_seq: unknown }>(
    'SELECT last_seq FROM stores WHERE id = $1 FOR UPDATE',
    [storeId],
  );
  if (!store) throw new Error(`Store ${storeId} does not exist`);
  return new ChangeLogWriter(tx, storeId, Number(store.last_seq));
}

export async function pullChanges(
  sql: Sql,
  storeId: string,
  cursor: number,
  limit: number,
): Promise<PullResponse> {
  const rows = await sql.query<{ seq: unknown; table_name: string; record_id: string; record: unknown }>(
    `SELECT seq, table_name, record_id, record FROM change_log
      WHERE store_id = $1 AND seq > $2
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
  const remaining = hasMore
    ? Number(
        (
          await sql.query<{ n: unknown }>(
            'SELECT count(*) AS n FROM change_log WHERE store_id = $1 AND seq > $2',
            [storeId, next],
          )
        )[0]?.n ?? 0,
      )
    : 0;
  return { changes, cursor: next, hasMore, remaining };
}
