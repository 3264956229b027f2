// What one pushed batch knows about the pushing desk's store, read once and kept for the batch:
// the store's staff (who may do what) and the store's other desks (whose names a desk may not use).
import type { Role } from '../src-shared/permissions';
import type { Order } from '../src-shared/records';
import type { Sql } from './db';
import type { Device } from './deviceAuth';
import type { FeedbackLink } from './feedbackRequests';

export interface PushOptions {
  /** Makes a customer's feedback link; without it no feedback request is e-mailed. */
  feedbackLink?: FeedbackLink;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type StaffMember = { id: string; name: string; role: Role; active: boolean; pinHash?: string };

/** The columns and rows of an orders insert from takeOpened()'s arrays, at parameters $n (the
 * store) and $n+1…$n+6. */
export const ORDER_ROWS = (n: number) =>
  `(store_id, id, number, status, version, data, updated_seq)
   SELECT $${n}, o.id, o.number, o.status, o.version, o.data::jsonb, o.seq
     FROM unnest($${n + 1}::uuid[], $${n + 2}::text[], $${n + 3}::text[], $${n + 4}::int[], $${n + 5}::text[], $${n + 6}::bigint[])
       AS o(id, number, status, version, data, seq)`;

export class PushContext {
  private staffById: Map<string, StaffMember> | null = null;
  private otherDesks: Map<string, string> | null = null;
  private historyBefore: string | null | undefined;

  constructor(
    readonly tx: Sql,
    readonly device: Device,
    readonly options: PushOptions = {},
  ) {}

  /** The store's staff as the server holds them (including changes applied earlier in this batch). */
  async staff(): Promise<Map<string, StaffMember>> {
    if (!this.staffById) {
      const rows = await this.tx.query<{ data: StaffMember }>(
        "SELECT data FROM records WHERE store_id = $1 AND table_name = 'staff'",
        [this.device.storeId],
      );
      this.staffById = new Map(rows.map((r) => [r.data.id, r.data]));
    }
    return this.staffById;
  }

  /** Called when a staff record was written in this batch, so later changes see it. */
  staffWritten(member: StaffMember): void {
    this.staffById?.set(member.id, member);
  }

  /**
   * When this desk created the store from what it held, the instant it enrolled: its changes dated
   * before then are the store's history being uploaded (made before anyone could sign in with the
   * server's staff), not new actions. Null for any other desk.
   */
  async uploadedHistoryBefore(): Promise<string | null> {
    if (this.historyBefore === undefined) {
      const [row] = await this.tx.query<{ enrolled: string | Date }>(
        `SELECT d.created_at AS enrolled FROM stores s JOIN devices d ON d.id = s.created_from
          WHERE s.id = $1 AND d.id = $2`,
        [this.device.storeId, this.device.id],
      );
      this.historyBefore = row ? new Date(row.enrolled).toISOString() : null;
    }
    return this.historyBefore;
  }

  /** Drops what was read, after a savepoint holding a staff write was rolled back. */
  forget(): void {
    this.staffById = null;
    this.orders = null;
  }

  private orders: { ids: Set<string>; numbers: Set<string> } | null = null;

  /**
   * Reads, in one statement, which of the orders a batch creates the store already has, by id
   * or number: a batch of 500 new orders then costs one lookup, not 500 (each statement PGlite
   * plans costs milliseconds).
   */
  async readOrdersOf(created: readonly { id: unknown; number: unknown }[]): Promise<void> {
    const ids = created.flatMap((o) => (typeof o.id === 'string' && UUID.test(o.id) ? [o.id] : []));
    const numbers = created.flatMap((o) => (typeof o.number === 'string' ? [o.number] : []));
    if (!ids.length) return;
    const rows = await this.tx.query<{ id: string; number: string }>(
      `SELECT id::text AS id, number FROM orders WHERE store_id = $1 AND id = ANY($2::uuid[])
       UNION
       SELECT id::text, number FROM orders WHERE store_id = $1 AND number = ANY($3::text[])`,
      [this.device.storeId, ids, numbers],
    );
    this.orders = { ids: new Set(rows.map((r) => r.id)), numbers: new Set(rows.map((r) => r.number)) };
    this.ordersRead = new Set(ids);
  }

  private ordersRead = new Set<string>();

  /** Whether the store has this order already (a retry), and another under its number. */
  async orderClash(id: string, number: string): Promise<{ known: boolean; taken: boolean }> {
    if (this.orders && this.ordersRead.has(id)) {
      return { known: this.orders.ids.has(id), taken: this.orders.numbers.has(number) };
    }
    // Two index lookups in one statement (an OR of the two would scan the table).
    const found = await this.tx.query<{ what: 'known' | 'taken' }>(
      `(SELECT 'known' AS what FROM orders WHERE store_id = $1 AND id = $2)
       UNION ALL
       (SELECT 'taken' FROM orders WHERE store_id = $1 AND number = $3 LIMIT 1)`,
      [this.device.storeId, id, number],
    );
    return { known: found.some((f) => f.what === 'known'), taken: found.some((f) => f.what === 'taken') };
  }

  private opened: { order: Order; seq: number }[] = [];

  /**
   * An order opened in this batch, inserted with the others at the next flushOrders (one statement
   * for a run of new orders). Later changes of the batch see it by id and number at once.
   */
  orderOpened(order: Order, seq: number): void {
    this.orders?.ids.add(order.id);
    this.orders?.numbers.add(order.number);
    this.opened.push({ order, seq });
  }

  /** The orders opened since the last flush, as the arrays of ORDER_ROWS, taken to be written by
   * the caller's own statement. */
  takeOpened(): unknown[][] {
    const rows = this.opened.splice(0);
    return [
      rows.map((r) => r.order.id),
      rows.map((r) => r.order.number),
      rows.map((r) => r.order.status),
      rows.map((r) => r.order.version),
      rows.map((r) => JSON.stringify(r.order)),
      rows.map((r) => r.seq),
    ];
  }

  /** Writes the orders opened since the last flush; called before anything that reads orders. */
  async flushOrders(): Promise<void> {
    if (!this.opened.length) return;
    await this.tx.query(`INSERT INTO orders ${ORDER_ROWS(1)}`, [this.device.storeId, ...this.takeOpened()]);
  }

  /** Ids and desk codes of the store's other active desks: a change may not claim to come from
   * one. A revoked desk's id may appear on changes its re-enrolled successor still had queued. */
  async otherDeskNames(): Promise<Map<string, string>> {
    if (!this.otherDesks) {
      const rows = await this.tx.query<{ id: string; desk_code: string }>(
        'SELECT id::text AS id, desk_code FROM devices WHERE store_id = $1 AND id <> $2 AND revoked_at IS NULL',
        [this.device.storeId, this.device.id],
      );
      // Id or code, to the code people know the desk by.
      this.otherDesks = new Map(
        rows.flatMap((r) => [[r.id, r.desk_code] as const, [r.desk_code, r.desk_code] as const]),
      );
    }
    return this.otherDesks;
  }

  /** Why a change's desk id cannot stand, or null: the server then stamps the device's own id. */
  async deskRefusal(claimed: string, what: string): Promise<string | null> {
    if (claimed === this.device.id || claimed === this.device.deskCode) return null;
    const other = (await this.otherDeskNames()).get(claimed);
    if (other) {
      return `${what} says it was made at desk ${other}, but it was sent by desk ${this.device.deskCode}; a desk can only send its own changes`;
    }
    return null;
  }
}
