import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OrderlineDb } from '$db/database';
import { queuedEmailsFor } from '$db/emailQueue';
import { createOrder } from '$db/writeOrderChange';
import { emailReceipt } from './emailReceipt';

let db: OrderlineDb;
beforeEach(() => {
  db = new OrderlineDb(`test-${crypto.randomUUID()}`);
});
afterEach(async () => {
  await db.delete();
});

const who = { deskId: 'D1', staffName: 'Seller' };

describe('e-mailing a receipt', () => {
  it('queues the composed receipt in the outbox for the server to send', async () => {
    const order = await createOrder(db, { deskCode: 'D1', channel: 'phone', currency: 'GBP' }, who);
    const message = await emailReceipt(db, order, { name: 'Ada Byron', email: 'ada@example.com' }, null);
    expect(message).toMatchObject({
      kind: 'receipt',
      orderId: order.id,
      orderNumber: order.number,
      to: 'ada@example.com',
      toName: 'Ada Byron',
      subject: `Your receipt for order ${order.number} from Orderline`,
    });
    expect(message.html).toContain('<!doctype html>');
    const queued = await queuedEmailsFor(db, order.id);
    expect(queued.map((q) => [q.message.id, q.state])).toEqual([[message.id, 'waiting']]);
  });

  it('queues nothing and says why when the customer has no e-mail address', async () => {
    const order = await createOrder(db, { deskCode: 'D1', channel: 'phone', currency: 'GBP' }, who);
    const outbox = await db.outbox.count();
    await expect(emailReceipt(db, order, { name: 'Ada Byron', email: undefined }, null)).rejects.toThrow(
      /has no e-mail address/,
    );
    await expect(emailReceipt(db, order, undefined, null)).rejects.toThrow(/has no e-mail address/);
    expect(await db.outbox.count()).toBe(outbox);
  });
});
