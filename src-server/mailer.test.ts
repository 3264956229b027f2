import { describe, expect, it } from 'vitest';
import { isPermanentRefusal } from './mailer';

// Shaped as nodemailer's SMTP errors are: the reply code and the command it answered.
const smtpError = (responseCode: number | undefined, command: string) =>
  Object.assign(new Error('refused'), { responseCode, command });

describe('isPermanentRefusal', () => {
  it('gives up on a 5xx for the recipient or the message', () => {
    expect(isPermanentRefusal(smtpError(550, 'RCPT TO'))).toBe(true);
    expect(isPermanentRefusal(smtpError(554, 'DATA'))).toBe(true);
  });

  it('keeps e-mails when the fault is the setup or the moment, not the e-mail', () => {
    expect(isPermanentRefusal(smtpError(535, 'AUTH PLAIN'))).toBe(false);
    expect(isPermanentRefusal(smtpError(553, 'MAIL FROM'))).toBe(false);
    expect(isPermanentRefusal(smtpError(451, 'DATA'))).toBe(false);
    expect(isPermanentRefusal(smtpError(421, 'RCPT TO'))).toBe(false);
    expect(isPermanentRefusal(smtpError(undefined, 'CONN'))).toBe(false);
    expect(isPermanentRefusal(new Error('socket hang up'))).toBe(false);
  });
});
