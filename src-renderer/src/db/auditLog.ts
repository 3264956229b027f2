// The audit log: refunds, price overrides, stock adjustments, sign-ins and approvals, each written in
// the same transaction as the change it describes (when there is one), so the log cannot miss one.
import { newId } from '$shared/ids';
import type { Who } from '$shared/orderRow';
import { AuditEntrySchema, type AuditEntry } from '$shared/records';
import { parseRecord } from '$shared/validation';
import type { OrderlineDb } from './database';
import { queueRecord } from './syncedWrites';

export type AuditInput = Omit<AuditEntry, 'id' | 'at'> & { at?: string };

/** A validated entry, ready to add (inside the caller's transaction when it has one). */
export function auditEntry(input: AuditInput): AuditEntry {
  return parseRecord(
    AuditEntrySchema,
    { id: newId(), at: new Date().toISOString(), ...input },
    'Audit entry',
  );
}

/** Who an entry names: the desk, the person signed in and the manager who approved, when known. */
export function auditedBy(who: Who, approvedBy?: { staffId: string; staffName: string } | null) {
  return {
    deskId: who.deskId,
    ...(who.staffId ? { staffId: who.staffId } : {}),
    ...(who.staffName ? { staffName: who.staffName } : {}),
    ...(approvedBy ? { approvedById: approvedBy.staffId, approvedByName: approvedBy.staffName } : {}),
  };
}

/** Writes one entry and queues it for the server (append-only there); joins the caller's
 * transaction when called inside `db.transaction(…, db.auditLog, db.outbox, …)`. */
export async function recordAudit(db: OrderlineDb, input: AuditInput): Promise<AuditEntry> {
  const entry = auditEntry(input);
  await db.transaction('rw', [db.auditLog, db.outbox], async () => {
    await db.auditLog.add(entry);
    await queueRecord(db, 'auditLog', entry);
  });
  return entry;
}

export type AuditFilter = { kind?: AuditEntry['kind']; staffId?: string; from?: string; to?: string };

/** Newest first, filtered by kind, person and time (ISO bounds, inclusive). */
export async function listAudit(
  db: OrderlineDb,
  filter: AuditFilter = {},
  limit = 200,
): Promise<AuditEntry[]> {
  const from = filter.from ?? '';
  const to = filter.to ?? '\uffff';
  const base = filter.kind
    ? db.auditLog.where('[kind+at]').between([filter.kind, from], [filter.kind, to], true, true)
    : db.auditLog.where('at').between(from, to, true, true);
  return base
    .reverse()
    .filter((entry) => !filter.staffId || entry.staffId === filter.staffId)
    .limit(limit)
    .toArray();
}
