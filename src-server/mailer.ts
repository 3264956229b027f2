// Sends the e-mails desks pushed (receipts, shipping notifications) over SMTP. Each server copy may
// run one: a row is claimed with FOR UPDATE SKIP LOCKED and a claim deadline, so two copies never
// send the same e-mail; a failure is retried with backoff, and given up on after maxAttempts.
import { randomUUID } from 'node:crypto';
import type { Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import { EmailMessageSchema } from '../src-shared/emailMessages';
import type { Sql } from './db';

export interface MailerLog {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

export interface MailerOptions {
  from: string;
  maxAttempts?: number;
  /** How long a claimed row is this mailer's; longer than any one send can take (default 5 min). */
  claimMs?: number;
  /** E-mails claimed per round (default 20). */
  batchSize?: number;
  /** Wait before try n+1 after n failed tries (default 30 s doubling to 1 h, with jitter). */
  retryDelayMs?: (attempts: number) => number;
  log?: MailerLog;
}

export type RoundResult = { sent: number; retrying: number; failed: number };

type Claimed = { store_id: string; id: string; message: unknown; attempts: number };

const defaultRetryDelay = (attempts: number) =>
  Math.min(30_000 * 2 ** (attempts - 1), 3_600_000) * (0.75 + Math.random() * 0.5);

const silent: MailerLog = { info() {}, warn() {}, error() {} };

/** A 5xx answer to this recipient or this message (no such mailbox, message refused) is final;
 * anything else — a refused login or sender, a dropped connection, a 4xx — may pass on a later try,
 * so a misconfigured server never throws away the e-mails queued meanwhile. */
export function isPermanentRefusal(error: unknown): boolean {
  const { responseCode, command } = error as { responseCode?: unknown; command?: unknown };
  const final = typeof responseCode === 'number' && responseCode >= 500 && responseCode < 600;
  return final && (command === 'RCPT TO' || command === 'DATA');
}

function describe(error: unknown): string {
  const e = error as { response?: unknown; message?: unknown };
  const detail = typeof e.response === 'string' ? e.response : String(e.message ?? error);
  return `The mail server did not take the e-mail: ${detail}`.slice(0, 1000);
}

function domainOf(from: string): string {
  return /@([^>\s]+)>?\s*$/.exec(from)?.[1] ?? 'orderline.invalid';
}

export class Mailer {
  readonly id = randomUUID();
  private readonly maxAttempts: number;
  private readonly claimMs: number;
  private readonly batchSize: number;
  private readonly retryDelayMs: (attempts: number) => number;
  private readonly log: MailerLog;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> = Promise.resolve();
  private stopped = false;

  constructor(
    private readonly sql: Sql,
    private readonly transporter: Transporter<SMTPTransport.SentMessageInfo>,
    private readonly options: MailerOptions,
  ) {
    this.maxAttempts = options.maxAttempts ?? 8;
    this.claimMs = options.claimMs ?? 5 * 60_000;
    this.batchSize = options.batchSize ?? 20;
    this.retryDelayMs = options.retryDelayMs ?? defaultRetryDelay;
    this.log = options.log ?? silent;
  }

  /** Claims the e-mails due now that no other mailer holds, counting this as one more try. */
  private async claim(): Promise<Claimed[]> {
    return this.sql.query<Claimed>(
      `WITH claimed AS (
         UPDATE emails SET claimed_until = now() + $1 * interval '1 millisecond', claimed_by = $2,
                attempts = attempts + 1
          WHERE (store_id, id) IN (
            SELECT store_id, id FROM emails
             WHERE status = 'pending' AND next_attempt_at <= now()
               AND (claimed_until IS NULL OR claimed_until < now())
             ORDER BY next_attempt_at
             LIMIT $3
             FOR UPDATE SKIP LOCKED)
          RETURNING store_id, id, message, attempts, created_at)
       SELECT store_id, id, message, attempts FROM claimed ORDER BY created_at, id`,
      [this.claimMs, this.id, this.batchSize],
    );
  }

  /** Extends this mailer's claim just before a send, so a batch that ran long never sends a row
   * whose claim ran out and which another copy may have taken over meanwhile. */
  private async renew(key: string[]): Promise<boolean> {
    const held = await this.sql.query(
      `UPDATE emails SET claimed_until = now() + $4 * interval '1 millisecond'
        WHERE store_id = $1 AND id = $2 AND claimed_by = $3 AND status = 'pending' AND claimed_until > now()
        RETURNING 1`,
      [...key, this.claimMs],
    );
    return held.length > 0;
  }

  private async deliver(row: Claimed): Promise<keyof RoundResult | null> {
    const key = [row.store_id, row.id, this.id];
    if (!(await this.renew(key))) return null;
    const parsed = EmailMessageSchema.safeParse(row.message);
    if (!parsed.success) {
      await this.settle(key, 'failed', 'The stored e-mail is not a valid message', null);
      return 'failed';
    }
    const message = parsed.data;
    try {
      const info = await this.transporter.sendMail({
        from: this.options.from,
        to: message.toName ? { name: message.toName, address: message.to } : message.to,
        subject: message.subject,
        text: message.text,
        ...(message.html ? { html: message.html } : {}),
        // The same Message-ID on every try, so a receiving server can drop a copy that a crash
        // between the send and the bookkeeping made us send again.
        messageId: `<${message.id}@${domainOf(this.options.from)}>`,
        headers: { 'X-Orderline-Email': message.id },
      });
      await this.sql.query(
        `UPDATE emails SET status = 'sent', smtp_message_id = $4, sent_at = now(), claimed_until = NULL,
                last_error = NULL
          WHERE store_id = $1 AND id = $2 AND claimed_by = $3`,
        [...key, info.messageId],
      );
      this.log.info({ emailId: message.id, kind: message.kind, order: message.orderNumber }, 'e-mail sent');
      return 'sent';
    } catch (error) {
      const reason = describe(error);
      const permanent = isPermanentRefusal(error);
      if (permanent || row.attempts >= this.maxAttempts) {
        const why = permanent ? reason : `${reason} (gave up after ${row.attempts} tries)`;
        await this.settle(key, 'failed', why, null);
        this.log.error({ emailId: message.id, attempts: row.attempts, reason: why }, 'e-mail not sent');
        return 'failed';
      }
      await this.settle(key, 'pending', reason, Math.round(this.retryDelayMs(row.attempts)));
      this.log.warn({ emailId: message.id, attempts: row.attempts, reason }, 'e-mail will be tried again');
      return 'retrying';
    }
  }

  private async settle(key: string[], status: 'pending' | 'failed', error: string, delayMs: number | null) {
    await this.sql.query(
      `UPDATE emails SET status = $4, last_error = $5, claimed_until = NULL,
              next_attempt_at = now() + coalesce($6, 0) * interval '1 millisecond'
        WHERE store_id = $1 AND id = $2 AND claimed_by = $3`,
      [...key, status, error, delayMs],
    );
  }

  /** One round: claim what is due and send it. Returns how each claimed e-mail ended. */
  async runOnce(): Promise<RoundResult> {
    const result: RoundResult = { sent: 0, retrying: 0, failed: 0 };
    for (const row of await this.claim()) {
      const outcome = await this.deliver(row);
      if (outcome) result[outcome] += 1;
    }
    return result;
  }

  /** Sends in the background, a round every `intervalMs` (at once again after a full batch). */
  start(intervalMs = 5_000): void {
    const tick = async () => {
      let more = false;
      try {
        const round = await this.runOnce();
        more = round.sent + round.retrying + round.failed >= this.batchSize;
      } catch (error) {
        this.log.error({ err: error }, 'e-mail round failed; trying again later');
      }
      if (!this.stopped) this.timer = setTimeout(run, more ? 0 : intervalMs);
    };
    const run = () => {
      this.running = tick();
    };
    this.stopped = false;
    run();
  }

  /** Stops after the round in progress; the transporter's connections are closed. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
    this.transporter.close();
  }
}
