import { describe, expect, it } from 'vitest';
import { smtpConfigFromEnv } from './smtpConfig';

describe('smtpConfigFromEnv', () => {
  it('means no e-mail when neither SMTP_URL nor SMTP_HOST is set', () => {
    expect(smtpConfigFromEnv({ SMTP_FROM: 'shop@example.com' })).toEqual({ ok: true, config: null });
  });

  it('reads a URL, pooled, with the sender and the default number of tries', () => {
    const result = smtpConfigFromEnv({
      SMTP_URL: 'smtps://u:p@mail.example.com',
      SMTP_FROM: 'shop@example.com',
    });
    expect(result).toMatchObject({
      ok: true,
      config: {
        transport: { url: 'smtps://u:p@mail.example.com', pool: true },
        from: 'shop@example.com',
        maxAttempts: 8,
      },
    });
  });

  it('reads host, port, security and login, defaulting the port to the security', () => {
    const env = {
      SMTP_HOST: 'mail.example.com',
      SMTP_FROM: 'Shop <shop@example.com>',
      SMTP_USER: 'shop',
      SMTP_PASS: 's3cret',
    };
    expect(smtpConfigFromEnv(env)).toMatchObject({
      ok: true,
      config: {
        transport: {
          host: 'mail.example.com',
          port: 587,
          secure: false,
          auth: { user: 'shop', pass: 's3cret' },
        },
      },
    });
    expect(smtpConfigFromEnv({ ...env, SMTP_SECURE: 'true', SMTP_MAX_ATTEMPTS: '3' })).toMatchObject({
      ok: true,
      config: { transport: { port: 465, secure: true }, maxAttempts: 3 },
    });
    const anonymous = smtpConfigFromEnv({ SMTP_HOST: 'relay', SMTP_PORT: '25', SMTP_FROM: 'a@b.example' });
    expect(anonymous.ok && anonymous.config?.transport).not.toHaveProperty('auth');
  });

  it('says what is wrong with a half-done setup', () => {
    expect(smtpConfigFromEnv({ SMTP_HOST: 'mail.example.com' })).toEqual({
      ok: false,
      error: 'SMTP_FROM must name the sender (e.g. "Shop <shop@example.com>")',
    });
    expect(smtpConfigFromEnv({ SMTP_HOST: 'm', SMTP_FROM: 'a@b.example', SMTP_PORT: 'smtp' })).toEqual({
      ok: false,
      error: 'SMTP_PORT must be a whole number from 1 to 65535, not “smtp”',
    });
    expect(smtpConfigFromEnv({ SMTP_URL: 'mail.example.com', SMTP_FROM: 'a@b.example' })).toEqual({
      ok: false,
      error: 'SMTP_URL must start with smtp:// or smtps://',
    });
  });
});
