// E-mails are queued in the outbox as changes the push accepts, refused whole when malformed, and
// listed per order with where each one stands.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newId } from '$shared/ids';
import { PushMutationSchema } from '$shared/syncProtocol';
import { ValidationError } from '$shared/validation';
import { OrderlineDb } from './database';
import { queueEmail, queuedEmailsFor, type EmailDraft } from './emailQueue';

let db: OrderlineDb;
beforeEach(() => {
  db = new OrderlineDb(`test-${crypto.randomUUID()}`);
});
afterEach(async () => {
  await db.delete();
});

const draft = (orderId: string, extra: Partial<EmailDraft> = {}): EmailDraft => ({
  kind: 'receipt',
  orderId,
  orderNumber: 'D1-000042',
  to: 'ada@example.com',
  toName: 'Ada Lovelace',
  subject: 'Your receipt for order D1-000042',
  text: 'Thank you for your order.',
  ...extra,
});

describe('queueEmail', () => {
  it('queues a pending email.send change that the push protocol accepts', async () => {
    const orderId = newId();
    const message = await queueEmail(db, draft(orderId));
    expect(message.id).toMatch(/^[0-9a-f-]{36}$/);
    const [entry] = await db.outbox.toArray();
    expect(entry).toMatchObject({
      kind: 'email.send',
      table: 'emails',
      recordId: message.id,
      state: 'pending',
      payload: message,
    });
    const pushed = PushMutationSchema.safeParse({
      id: entry!.id,
      kind: entry!.kind,
      table: entry!.table,
      recordId: entry!.recordId,
      payload: entry!.payload,
    });
    expect(pushed.success).toBe(true);
  });

  it('refuses a bad address in a sentence and queues nothing', async () => {
    await expect(queueEmail(db, draft(newId(), { to: 'ada at example' }))).rejects.toThrow(ValidationError);
    await expect(queueEmail(db, draft(newId(), { to: 'ada at example' }))).rejects.toThrow(
      'The e-mail was not saved: To e-mail address is not valid (expected name@example.com)',
    );
    expect(await db.outbox.count()).toBe(0);
  });

  it('joins the caller’s transaction: a sale that fails takes its receipt with it', async () => {
    await expect(
      db.transaction('rw', db.outbox, async () => {
        await queueEmail(db, draft(newId()));
        throw new Error('payment declined');
      }),
    ).rejects.toThrow('payment declined');
    expect(await db.outbox.count()).toBe(0);
  });
});

describe('queuedEmailsFor', () => {
  it('lists only the order’s e-mails, oldest first, with where each stands', async () => {
    const orderId = newId();
    const receipt = await queueEmail(db, draft(orderId));
    const shipping = await queueEmail(
      db,
      draft(orderId, { kind: 'shipping', subject: 'Your parcel is on its way' }),
    );
    const refused = await queueEmail(db, draft(orderId, { subject: 'Receipt again' }));
    await queueEmail(db, draft(newId(), { orderNumber: 'D1-000043' }));
    await db.outbox.where('recordId').equals(shipping.id).modify({ state: 'applied' });
    await db.outbox
      .where('recordId')
      .equals(refused.id)
      .modify({ state: 'rejected', rejection: 'The server has no such order' });

    const listed = await queuedEmailsFor(db, orderId);
    expect(listed.map((e) => [e.message.subject, e.state, e.reason])).toEqual([
      [receipt.subject, 'waiting', undefined],
      ['Your parcel is on its way', 'handed over', undefined],
      ['Receipt again', 'refused', 'The server has no such order'],
    ]);
  });

  it('is empty for an order with no e-mails', async () => {
    await queueEmail(db, draft(newId()));
    expect(await queuedEmailsFor(db, newId())).toEqual([]);
  });
});
