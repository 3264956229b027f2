// Where the server sends e-mail from, read from the environment: SMTP_URL, or SMTP_HOST with
// SMTP_PORT / SMTP_SECURE / SMTP_USER / SMTP_PASS, and always SMTP_FROM. Unset = no e-mail.
import type SMTPTransport from 'nodemailer/lib/smtp-transport';

export interface SmtpConfig {
  transport: SMTPTransport.Options;
  /** The sender, e.g. "Corner Shop <shop@example.com>". */
  from: string;
  /** Tries before an e-mail is given up on (SMTP_MAX_ATTEMPTS, default 8). */
  maxAttempts: number;
}

export type SmtpConfigResult = { ok: true; config: SmtpConfig | null } | { ok: false; error: string };

// Short enough that a stuck send ends long before its claim on the row runs out (see mailer.ts).
const TIMEOUTS = { connectionTimeout: 30_000, greetingTimeout: 30_000, socketTimeout: 60_000 };

function whole(name: string, value: string | undefined, fallback: number, min: number, max: number) {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new Error(`${name} must be a whole number from ${min} to ${max}, not “${value}”`);
  }
  return n;
}

/** null config when e-mail is not set up; an error sentence when it is set up wrongly. */
export function smtpConfigFromEnv(env: NodeJS.ProcessEnv = process.env): SmtpConfigResult {
  const url = env.SMTP_URL?.trim();
  const host = env.SMTP_HOST?.trim();
  if (!url && !host) return { ok: true, config: null };
  const from = env.SMTP_FROM?.trim();
  if (!from) return { ok: false, error: 'SMTP_FROM must name the sender (e.g. "Shop <shop@example.com>")' };
  try {
    const maxAttempts = whole('SMTP_MAX_ATTEMPTS', env.SMTP_MAX_ATTEMPTS, 8, 1, 100);
    if (url) {
      if (!/^smtps?:\/\//.test(url)) {
        return { ok: false, error: 'SMTP_URL must start with smtp:// or smtps://' };
      }
      return { ok: true, config: { transport: { url, pool: true, ...TIMEOUTS }, from, maxAttempts } };
    }
    const secure = env.SMTP_SECURE === 'true' || env.SMTP_SECURE === '1';
    const port = whole('SMTP_PORT', env.SMTP_PORT, secure ? 465 : 587, 1, 65_535);
    const user = env.SMTP_USER?.trim();
    const auth = user ? { auth: { user, pass: env.SMTP_PASS ?? '' } } : {};
    return {
      ok: true,
      config: { transport: { host, port, secure, pool: true, ...auth, ...TIMEOUTS }, from, maxAttempts },
    };
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
}
