// E-mails pushed by a desk reach a real SMTP server (smtp-server, in this process) exactly once:
// a duplicate push sends nothing more, a refusal is retried, and two mailers racing over one
// database never both send. Runs on PGlite, and on PostgreSQL when DATABASE_URL is set.
import { createTransport } from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { EmailMessageSchema, type EmailMessage } from '$shared/emailMessages';
import { newId } from '$shared/ids';
import { outboxEntry } from '$db/outbox';
import { Mailer, type MailerOptions } from '../../../src-server/mailer';
import { enrolledDesk, type FakeDesk } from './fakeDesk';
import { START_TIMEOUT, startTestServer, type TestServer } from './testServer';

type Delivered = { to: string[]; raw: string };

interface TestSmtp {
  port: number;
  delivered: Delivered[];
  /** Answers for the next messages, in turn: a reply code refuses one; empty = accept all. */
  refusals: number[];
  /** The same for the next recipients (RCPT TO) and senders (MAIL FROM). */
  recipientRefusals: number[];
  senderRefusals: number[];
  close(): Promise<void>;
}

async function startSmtp(): Promise<TestSmtp> {
  const delivered: Delivered[] = [];
  const refusals: number[] = [];
  const recipientRefusals: number[] = [];
  const senderRefusals: number[] = [];
  const refusal = (code: number | undefined) =>
    code ? Object.assign(new Error(`Refused (${code})`), { responseCode: code }) : null;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onMailFrom(_address, _session, callback) {
      callback(refusal(senderRefusals.shift()));
    },
    onRcptTo(_address, _session, callback) {
      callback(refusal(recipientRefusals.shift()));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const code = refusals.shift();
        if (code) {
          const error = Object.assign(new Error(`Mailbox busy, try again later (${code})`), {
            responseCode: code,
          });
          return callback(error);
        }
        delivered.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as { port: number };
  return {
    port,
    delivered,
    refusals,
    recipientRefusals,
    senderRefusals,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

let server: TestServer;
let smtp: TestSmtp;
let desk: FakeDesk;
const mailers: Mailer[] = [];

beforeAll(async () => {
  server = await startTestServer({ enrollRateLimit: { capacity: 1000, refillPerMinute: 1000 } });
  smtp = await startSmtp();
  desk = await enrolledDesk(server.app, server.db, 'M1');
}, START_TIMEOUT);
afterAll(async () => {
  await smtp?.close();
  await server?.close();
});
afterEach(async () => {
  await Promise.all(mailers.splice(0).map((m) => m.stop()));
  // Every test starts with nothing waiting: what one leaves behind must not be sent in the next.
  await server.db.query(`UPDATE emails SET status = 'failed' WHERE status = 'pending'`);
  smtp.delivered.length = 0;
  smtp.refusals.length = 0;
  smtp.recipientRefusals.length = 0;
  smtp.senderRefusals.length = 0;
});

function mailer(options: Partial<MailerOptions> = {}): Mailer {
  const transport = createTransport({ host: '127.0.0.1', port: smtp.port, secure: false, ignoreTLS: true });
  const made = new Mailer(server.db, transport, {
    from: 'Corner Shop <shop@corner.example>',
    retryDelayMs: () => 0,
    ...options,
  });
  mailers.push(made);
  return made;
}

/** A pushed order and an e-mail about it, as the desk would queue it. */
async function orderWithEmail(extra: Partial<EmailMessage> = {}) {
  const { order, mutation } = desk.newOrder();
  expect((await desk.push([mutation]))[0]!.status).toBe('applied');
  const message = EmailMessageSchema.parse({
    id: newId(),
    kind: 'receipt',
    orderId: order.id,
    orderNumber: order.number,
    to: 'ada@example.com',
    toName: 'Ada Lovelace',
    subject: `Your receipt for order ${order.number}`,
    text: `Thank you for order ${order.number}.\nTotal: EUR 12.50`,
    createdAt: new Date().toISOString(),
    ...extra,
  });
  return { order, message, mutation: outboxEntry('email.send', 'emails', message.id, message) };
}

const row = async (id: string) =>
  (
    await server.db.query<{
      status: string;
      attempts: number;
      last_error: string | null;
      smtp_message_id: string;
    }>('SELECT status, attempts, last_error, smtp_message_id FROM emails WHERE id = $1', [id])
  )[0];

describe('sending pushed e-mails over SMTP', () => {
  it('delivers a pushed receipt once, to the customer, with its subject and text', async () => {
    const { message, mutation } = await orderWithEmail();
    expect(await desk.push([mutation])).toEqual([{ id: mutation.id, status: 'applied' }]);

    expect(await mailer().runOnce()).toEqual({ sent: 1, retrying: 0, failed: 0 });
    expect(smtp.delivered).toHaveLength(1);
    const [mail] = smtp.delivered;
    expect(mail!.to).toEqual(['ada@example.com']);
    expect(mail!.raw).toContain(`Subject: ${message.subject}`);
    expect(mail!.raw).toContain('To: Ada Lovelace <ada@example.com>');
    expect(mail!.raw).toContain('From: Corner Shop <shop@corner.example>');
    expect(mail!.raw).toContain(`Thank you for order ${message.orderNumber}.`);
    expect(await row(message.id)).toMatchObject({
      status: 'sent',
      attempts: 1,
      last_error: null,
      smtp_message_id: `<${message.id}@corner.example>`,
    });

    expect(await mailer().runOnce()).toEqual({ sent: 0, retrying: 0, failed: 0 });
    expect(smtp.delivered).toHaveLength(1);
  });

  it('sends nothing more when the same e-mail is pushed again, by a retry or as a new change', async () => {
    const { message, mutation } = await orderWithEmail({ kind: 'shipping', subject: 'On its way' });
    await desk.push([mutation]);
    await mailer().runOnce();
    expect(await desk.push([mutation])).toEqual([{ id: mutation.id, status: 'duplicate' }]);
    const again = outboxEntry('email.send', 'emails', message.id, message);
    expect(await desk.push([again])).toEqual([
      { id: again.id, status: 'duplicate', reason: 'This e-mail is already queued on the server' },
    ]);
    expect(await mailer().runOnce()).toEqual({ sent: 0, retrying: 0, failed: 0 });
    expect(smtp.delivered).toHaveLength(1);
  });

  it('tries again after the mail server refuses for now (451), and delivers once', async () => {
    const { message, mutation } = await orderWithEmail();
    await desk.push([mutation]);
    smtp.refusals.push(451);
    const sender = mailer();

    expect(await sender.runOnce()).toEqual({ sent: 0, retrying: 1, failed: 0 });
    expect(smtp.delivered).toHaveLength(0);
    const waiting = await row(message.id);
    expect(waiting).toMatchObject({ status: 'pending', attempts: 1 });
    expect(waiting!.last_error).toMatch(/^The mail server did not take the e-mail: 451 /);

    expect(await sender.runOnce()).toEqual({ sent: 1, retrying: 0, failed: 0 });
    expect(smtp.delivered).toHaveLength(1);
    expect(await row(message.id)).toMatchObject({ status: 'sent', attempts: 2, last_error: null });
  });

  it('waits out the backoff before trying again', async () => {
    const { message, mutation } = await orderWithEmail();
    await desk.push([mutation]);
    smtp.refusals.push(421);
    const sender = mailer({ retryDelayMs: () => 60_000 });
    expect(await sender.runOnce()).toEqual({ sent: 0, retrying: 1, failed: 0 });
    expect(await sender.runOnce()).toEqual({ sent: 0, retrying: 0, failed: 0 });
    expect(await row(message.id)).toMatchObject({ status: 'pending', attempts: 1 });
  });

  it('gives up after the last try, and at once on a permanent refusal, saying why', async () => {
    const tried = await orderWithEmail();
    await desk.push([tried.mutation]);
    smtp.refusals.push(451, 451);
    const sender = mailer({ maxAttempts: 2 });
    expect(await sender.runOnce()).toEqual({ sent: 0, retrying: 1, failed: 0 });
    expect(await sender.runOnce()).toEqual({ sent: 0, retrying: 0, failed: 1 });
    const failed = await row(tried.message.id);
    expect(failed).toMatchObject({ status: 'failed', attempts: 2 });
    expect(failed!.last_error).toMatch(/451 .*\(gave up after 2 tries\)$/);

    const refused = await orderWithEmail({ to: 'nobody@example.com' });
    await desk.push([refused.mutation]);
    smtp.refusals.push(550);
    expect(await sender.runOnce()).toEqual({ sent: 0, retrying: 0, failed: 1 });
    expect(await row(refused.message.id)).toMatchObject({ status: 'failed', attempts: 1 });
    expect(smtp.delivered).toHaveLength(0);
  });

  it('gives up at once on an unknown mailbox, but keeps trying when the sender is refused', async () => {
    const unknown = await orderWithEmail({ to: 'nobody@example.com' });
    await desk.push([unknown.mutation]);
    smtp.recipientRefusals.push(550);
    const sender = mailer();
    expect(await sender.runOnce()).toEqual({ sent: 0, retrying: 0, failed: 1 });
    expect((await row(unknown.message.id))!.last_error).toMatch(/550/);

    // A refused sender is the shop's setup, not the e-mail: it must survive until that is fixed.
    const later = await orderWithEmail();
    await desk.push([later.mutation]);
    smtp.senderRefusals.push(553);
    expect(await sender.runOnce()).toEqual({ sent: 0, retrying: 1, failed: 0 });
    expect(await sender.runOnce()).toEqual({ sent: 1, retrying: 0, failed: 0 });
  });

  it('never sends an e-mail whose claim ran out while earlier ones in its batch were sending', async () => {
    const first = await orderWithEmail({ subject: 'First' });
    const second = await orderWithEmail({ subject: 'Second' });
    await desk.push([first.mutation, second.mutation]);
    const transport = createTransport({ host: '127.0.0.1', port: smtp.port, secure: false, ignoreTLS: true });
    const send = transport.sendMail.bind(transport);
    // The first send is so slow that the other row's claim runs out and another copy takes it.
    transport.sendMail = (async (mail: Parameters<typeof send>[0]) => {
      await server.db.query(
        `UPDATE emails SET claimed_until = now() + interval '1 hour', claimed_by = 'other copy'
          WHERE id IN ($1, $2) AND id <> $3`,
        [first.message.id, second.message.id, (mail.headers as Record<string, string>)['X-Orderline-Email']],
      );
      return send(mail);
    }) as typeof transport.sendMail;
    const slow = new Mailer(server.db, transport, { from: 'shop@corner.example', retryDelayMs: () => 0 });
    mailers.push(slow);
    expect(await slow.runOnce()).toEqual({ sent: 1, retrying: 0, failed: 0 });
    expect(smtp.delivered.map((d) => /^Subject: (.*)$/m.exec(d.raw)?.[1]?.trim())).toEqual(['First']);
    expect(await row(second.message.id)).toMatchObject({ status: 'pending' });
  });

  it('delivers each e-mail once when two mailers race over the same database', async () => {
    const queued = [];
    for (let i = 0; i < 12; i += 1) queued.push(await orderWithEmail({ subject: `Receipt ${i + 1}` }));
    await desk.push(queued.map((q) => q.mutation));
    const [a, b] = [mailer({ batchSize: 3 }), mailer({ batchSize: 3 })];
    const rounds = async (m: Mailer) => {
      let sent = 0;
      for (let i = 0; i < 6; i += 1) sent += (await m.runOnce()).sent;
      return sent;
    };
    const [sentByA, sentByB] = await Promise.all([rounds(a), rounds(b)]);
    expect(sentByA + sentByB).toBe(12);
    expect(sentByA).toBeGreaterThan(0);
    expect(sentByB).toBeGreaterThan(0);
    const subjects = smtp.delivered.map((d) => /^Subject: (.*)$/m.exec(d.raw)?.[1]?.trim()).sort();
    expect(subjects).toEqual(queued.map((q) => q.message.subject).sort());
  });

  it('leaves an e-mail another mailer holds, and takes it over once that claim runs out', async () => {
    const { message, mutation } = await orderWithEmail();
    await desk.push([mutation]);
    // A server copy that claimed it and then died mid-send.
    await server.db.query(
      `UPDATE emails SET claimed_until = now() + interval '1 hour', claimed_by = 'gone', attempts = 1
        WHERE id = $1`,
      [message.id],
    );
    const sender = mailer();
    expect(await sender.runOnce()).toEqual({ sent: 0, retrying: 0, failed: 0 });
    await server.db.query(`UPDATE emails SET claimed_until = now() - interval '1 second' WHERE id = $1`, [
      message.id,
    ]);
    expect(await sender.runOnce()).toEqual({ sent: 1, retrying: 0, failed: 0 });
    expect(await row(message.id)).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('sends in the background once started, and stops cleanly', async () => {
    const { message, mutation } = await orderWithEmail();
    const sender = mailer();
    sender.start(20);
    await desk.push([mutation]);
    await expect.poll(async () => (await row(message.id))?.status, { timeout: 5_000 }).toBe('sent');
    await sender.stop();
    expect(smtp.delivered).toHaveLength(1);
  });
});

describe('pushing e-mails', () => {
  it('refuses an e-mail about an order the server does not have, and a malformed one, in a sentence', async () => {
    const { message } = await orderWithEmail();
    const orphan = { ...message, id: newId(), orderId: newId() };
    const bad = { ...message, id: newId(), to: 'not an address' };
    const results = await desk.push([
      outboxEntry('email.send', 'emails', orphan.id, orphan),
      outboxEntry('email.send', 'emails', bad.id, bad),
    ]);
    expect(results.map((r) => [r.status, r.reason])).toEqual([
      [
        'rejected',
        `The e-mail about order ${message.orderNumber} was not queued: the server has no such order in this store`,
      ],
      ['rejected', 'The e-mail was not queued: To e-mail address is not valid (expected name@example.com)'],
    ]);
    expect(await mailer().runOnce()).toEqual({ sent: 0, retrying: 0, failed: 0 });
  });

  it('keeps stores apart: another store cannot queue mail about this store’s order', async () => {
    const { message } = await orderWithEmail();
    const stranger = await enrolledDesk(server.app, server.db, 'X1');
    const [result] = await stranger.push([outboxEntry('email.send', 'emails', message.id, message)]);
    expect(result!.status).toBe('rejected');
    expect(await mailer().runOnce()).toEqual({ sent: 0, retrying: 0, failed: 0 });
  });
});
