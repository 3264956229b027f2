// Outbox entries: every local change that the server must hear about, queued in the same
// transaction as the change itself so neither can exist without the other. Entries are sent in
// the order of `seq`, a per-desk counter given as each is stored (see outboxSequence), never by
// clock time: a clock set back must not send a checkout before the order it belongs to.
import { payloadProblems } from '$shared/inputLimits';
import { newId } from '$shared/ids';
import type { OutboxEntry } from '$shared/records';
import { ValidationError } from '$shared/validation';

/**
 * The entry for one change. Refuses (throws ValidationError, so the caller's transaction writes
 * nothing) a payload the server could never take: text with a NUL or a broken character, nesting
 * deeper than any record, or more bytes than one change may carry.
 */
export function outboxEntry(
  kind: OutboxEntry['kind'],
  table: string,
  recordId: string,
  payload: unknown,
): OutboxEntry {
  const problems = payloadProblems(payload);
  if (problems.length) throw new ValidationError('The change', problems);
  return {
    id: newId(),
    kind,
    table,
    recordId,
    payload,
    createdAt: new Date().toISOString(),
    state: 'pending',
  };
}
