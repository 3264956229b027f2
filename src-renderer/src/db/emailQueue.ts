// E-mails for the store's server to send (receipts, shipping notifications): each is checked and
// queued in the outbox like any other change, so it leaves with the next push and is sent once.
import { EmailMessageSchema, type EmailMessage } from '$shared/emailMessages';
import { newId } from '$shared/ids';
import type { OutboxEntry } from '$shared/records';
import { EMAIL_TABLE } from '$shared/syncProtocol';
import { parseRecord } from '$shared/validation';
import type { OrderlineDb } from './database';
import { outboxEntry } from './outbox';

export type EmailDraft = Omit<EmailMessage, 'id' | 'createdAt'>;

/** Validates and queues the message; throws a ValidationError saying what is wrong, queuing nothing.
 * Inside a caller's transaction it joins it, so the e-mail is queued only if the sale is saved. */
export async function queueEmail(db: OrderlineDb, draft: EmailDraft): Promise<EmailMessage> {
  const message = parseRecord(
    EmailMessageSchema,
    { ...draft, id: newId(), createdAt: new Date().toISOString() },
    'The e-mail',
  );
  await db.outbox.add(outboxEntry('email.send', EMAIL_TABLE, message.id, message));
  return message;
}

export type QueuedEmailState = 'waiting' | 'handed over' | 'refused';

export type QueuedEmail = {
  message: EmailMessage;
  /** waiting: not pushed yet; handed over: the server has it and sends it; refused: see reason. */
  state: QueuedEmailState;
  reason?: string;
};

const STATES: Record<OutboxEntry['state'], QueuedEmailState> = {
  pending: 'waiting',
  applied: 'handed over',
  rejected: 'refused',
};

/** The e-mails this desk queued about an order, oldest first. */
export async function queuedEmailsFor(db: OrderlineDb, orderId: string): Promise<QueuedEmail[]> {
  // The outbox has no index by order; e-mail entries are few, and filtering happens in the cursor.
  const entries = await db.outbox
    .filter((entry) => entry.kind === 'email.send' && (entry.payload as EmailMessage)?.orderId === orderId)
    .toArray();
  return entries
    .flatMap((entry) => {
      const parsed = EmailMessageSchema.safeParse(entry.payload);
      if (!parsed.success) return [];
      return [
        {
          message: parsed.data,
          state: STATES[entry.state],
          ...(entry.state === 'rejected'
            ? { reason: entry.rejection ?? 'The server refused this e-mail' }
            : {}),
        },
      ];
    })
    .sort(
      (a, b) =>
        a.message.createdAt.localeCompare(b.message.createdAt) || a.message.id.localeCompare(b.message.id),
    );
}
