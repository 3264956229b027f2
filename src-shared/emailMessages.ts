// An e-mail a desk queues for the store's server to send (a receipt, a shipping notification):
// the whole message as composed on the desk, so the server only delivers it and never re-renders.
import { z } from 'zod';
import { Id } from './records';

export const EMAIL_KINDS = ['receipt', 'shipping', 'feedback'] as const;
export type EmailKind = (typeof EMAIL_KINDS)[number];

export const MAX_EMAIL_SUBJECT = 200;
export const MAX_EMAIL_TEXT = 50_000;
export const MAX_EMAIL_HTML = 200_000;

// A line break in a header would let a body smuggle in headers of its own.
const OneLine = (label: string, max: number) =>
  z
    .string()
    .trim()
    .min(1, { message: `${label} cannot be empty` })
    .max(max, { message: `${label} is longer than ${max} characters` })
    .refine((value) => !/[\r\n]/.test(value), { message: `${label} must be on one line` });

export const EmailMessageSchema = z.object({
  /** Made on the desk; the server keeps one e-mail per id, so a re-pushed message is sent once. */
  id: Id,
  kind: z.enum(EMAIL_KINDS, { message: `must be one of ${EMAIL_KINDS.join(', ')}` }),
  orderId: Id,
  orderNumber: OneLine('Order number', 40),
  to: z
    .string()
    .trim()
    .max(254, { message: 'e-mail address is longer than 254 characters' })
    .pipe(z.email({ message: 'e-mail address is not valid (expected name@example.com)' })),
  toName: OneLine('Recipient name', 120).optional(),
  subject: OneLine('Subject', MAX_EMAIL_SUBJECT),
  text: z
    .string()
    .min(1, { message: 'Text cannot be empty' })
    .max(MAX_EMAIL_TEXT, {
      message: `Text is longer than ${MAX_EMAIL_TEXT.toLocaleString('en')} characters`,
    }),
  html: z
    .string()
    .min(1, { message: 'HTML cannot be empty' })
    .max(MAX_EMAIL_HTML, { message: `HTML is longer than ${MAX_EMAIL_HTML.toLocaleString('en')} characters` })
    .optional(),
  createdAt: z.iso.datetime({ message: 'must be a date and time (ISO 8601, UTC)' }),
});
export type EmailMessage = z.infer<typeof EmailMessageSchema>;
