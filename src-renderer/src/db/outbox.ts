// Outbox entries: every local change that the server must hear about, queued in the same
// transaction as the change itself so neither can exist without the other.
import { newId } from '../../../src-shared/ids';
import type { OutboxEntry } from '../../../src-shared/records';

export function outboxEntry(
  kind: OutboxEntry['kind'],
  table: string,
  recordId: string,
  payload: unknown,
): OutboxEntry {
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
