// What one pushed batch knows about the pushing desk's store, read once and kept for the batch:
// the store's staff (who may do what) and the store's other desks (whose names a desk may not use).
import type { Role } from '../src-shared/permissions';
import type { Sql } from './db';
import type { Device } from './deviceAuth';

export type StaffMember = { id: string; name: string; role: Role; active: boolean; pinHash?: string };

export class PushContext {
  private staffById: Map<string, StaffMember> | null = null;
  private otherDesks: Map<string, string> | null = null;
  private historyBefore: string | null | undefined;

  constructor(
    readonly tx: Sql,
    readonly device: Device,
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
