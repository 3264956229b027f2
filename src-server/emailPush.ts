// A pushed e-mail (receipt, shipping notification): checked and put in the store's e-mail outbox,
// keyed by the message id, so the same message pushed twice (or from a retried batch) is sent once.
import { EmailMessageSchema } from '../src-shared/emailMessages';
import type { PushMutation } from '../src-shared/syncProtocol';
import { safeParseRecord } from '../src-shared/validation';
import type { Sql } from './db';
import type { Device } from './deviceAuth';
import { APPLIED, duplicate, rejected, type MutationOutcome } from './mutationOutcome';

export async function applyEmailPush(
  tx: Sql,
  device: Device,
  mutation: PushMutation,
): Promise<MutationOutcome> {
  const parsed = safeParseRecord(EmailMessageSchema, mutation.payload);
  if (!parsed.ok) return rejected(`The e-mail was not queued: ${parsed.issues.join('; ')}`);
  const message = parsed.value;
  if (message.id !== mutation.recordId) {
    return rejected(`The change names e-mail ${mutation.recordId} but carries e-mail ${message.id}`);
  }
  const [order] = await tx.query('SELECT 1 FROM orders WHERE store_id = $1 AND id = $2', [
    device.storeId,
    message.orderId,
  ]);
  if (!order) {
    return rejected(
      `The e-mail about order ${message.orderNumber} was not queued: the server has no such order in this store`,
    );
  }
  const inserted = await tx.query(
    `INSERT INTO emails (store_id, id, device_id, kind, order_id, recipient, subject, message)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb)
     ON CONFLICT (store_id, id) DO NOTHING RETURNING id`,
    [
      device.storeId,
      message.id,
      device.id,
      message.kind,
      message.orderId,
      message.to,
      message.subject,
      JSON.stringify(message),
    ],
  );
  if (!inserted.length) return duplicate('This e-mail is already queued on the server');
  return APPLIED;
}
