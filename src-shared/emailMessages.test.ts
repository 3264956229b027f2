import { describe, expect, test } from 'vitest';
import { EmailMessageSchema, MAX_EMAIL_SUBJECT, MAX_EMAIL_TEXT } from './emailMessages';
import { newId } from './ids';
import { safeParseRecord } from './validation';

const receipt = {
  id: newId(),
  kind: 'receipt',
  orderId: newId(),
  orderNumber: 'D1-000042',
  to: 'ada@example.com',
  toName: 'Ada Lovelace',
  subject: 'Your receipt for order D1-000042',
  text: 'Thank you for your order.\n\nTotal: €12.50',
  html: '<p>Thank you for your order.</p>',
  createdAt: '2026-11-23T10:00:00.000Z',
};

const problems = (message: unknown) => {
  const parsed = safeParseRecord(EmailMessageSchema, message);
  return parsed.ok ? [] : parsed.issues;
};

describe('EmailMessageSchema', () => {
  test('accepts a receipt and a shipping notice without html or a name', () => {
    expect(problems(receipt)).toEqual([]);
    const { html: _html, toName: _name, ...plain } = receipt;
    expect(problems({ ...plain, kind: 'shipping' })).toEqual([]);
  });

  test('trims the address and the subject before checking them', () => {
    const parsed = EmailMessageSchema.parse({ ...receipt, to: '  ada@example.com ', subject: ' Hi ' });
    expect(parsed.to).toBe('ada@example.com');
    expect(parsed.subject).toBe('Hi');
  });

  test('refuses an address that is not one, in a sentence', () => {
    expect(problems({ ...receipt, to: 'ada at example' })).toEqual([
      'To e-mail address is not valid (expected name@example.com)',
    ]);
    expect(problems({ ...receipt, to: '' })).toHaveLength(1);
  });

  test('refuses a line break in the subject or the name, which would forge headers', () => {
    expect(problems({ ...receipt, subject: 'Hi\r\nBcc: all@example.com' })).toEqual([
      'Subject must be on one line',
    ]);
    expect(problems({ ...receipt, toName: 'Ada\nLovelace' })).toEqual(['Recipient name must be on one line']);
  });

  test('refuses an unknown kind, an empty text and over-long parts', () => {
    expect(problems({ ...receipt, kind: 'newsletter' })).toEqual([
      'Kind must be one of receipt, shipping, feedback',
    ]);
    expect(problems({ ...receipt, text: '' })).toEqual(['Text cannot be empty']);
    expect(problems({ ...receipt, subject: 'x'.repeat(MAX_EMAIL_SUBJECT + 1) })).toEqual([
      `Subject is longer than ${MAX_EMAIL_SUBJECT} characters`,
    ]);
    expect(problems({ ...receipt, text: 'x'.repeat(MAX_EMAIL_TEXT + 1) })).toEqual([
      'Text is longer than 50,000 characters',
    ]);
  });

  test('needs ids made by Orderline and a time', () => {
    expect(problems({ ...receipt, orderId: '42', createdAt: 'yesterday' })).toEqual([
      'Order id must be an id made by Orderline (a UUID)',
      'Created at must be a date and time (ISO 8601, UTC)',
    ]);
  });
});
