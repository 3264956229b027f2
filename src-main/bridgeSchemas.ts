// Schemas for everything the window sends over IPC. The window is untrusted input: each payload is
// parsed from unknown here, and refused with a sentence saying what was wrong.
import { z } from 'zod';
import type { PrintPageSize, PrintRequest } from '../src-shared/bridge';
import { describeIssues } from '../src-shared/validation';

// A print view is one HTML document with inline styles and SVG barcodes. It travels as a data: URL,
// and Chromium refuses URLs over 2 MiB; base64 makes 1.5 MB of HTML just under that.
export const MAX_PRINT_HTML_BYTES = 1_500_000;
/** The largest file saveFile writes (an export of a big catalog fits with room to spare). */
export const MAX_SAVE_BYTES = 100 * 1024 * 1024;
/** The largest file openTextFile reads into the window (CSV imports). */
export const MAX_OPEN_TEXT_BYTES = 20 * 1024 * 1024;

const PAGE_SIZES = ['receipt80mm', 'A4', 'Letter', 'label4x6'] as const satisfies readonly PrintPageSize[];

const utf8Bytes = (text: string) => new TextEncoder().encode(text).byteLength;
const megabytes = (bytes: number) => `${Math.round(bytes / 1e5) / 10} MB`;

const pageSize = z.enum(PAGE_SIZES, { error: `Page size must be one of ${PAGE_SIZES.join(', ')}` });

const printHtml = z
  .string({ error: 'Print view HTML must be text' })
  .min(1, { error: 'Print view HTML is empty' })
  .refine((html) => utf8Bytes(html) <= MAX_PRINT_HTML_BYTES, {
    error: `Print view HTML is larger than ${megabytes(MAX_PRINT_HTML_BYTES)}; move images out of it or split the document`,
  });

export const printRequestSchema = z.strictObject({
  html: printHtml,
  pageSize,
  printer: z.string().trim().min(1, { error: 'Printer name is empty' }).max(512).optional(),
  silent: z.boolean().optional(),
}) satisfies z.ZodType<PrintRequest>;

export const pdfRequestSchema = z.strictObject({ html: printHtml, pageSize }) satisfies z.ZodType<
  Omit<PrintRequest, 'printer' | 'silent'>
>;

// Only a bare file name: the user picks the folder in the dialog, the window never names a path.
const fileName = z
  .string({ error: 'Suggested name must be text' })
  .min(1, { error: 'Suggested name is empty' })
  .max(255, { error: 'Suggested name is longer than 255 characters' })
  .refine((name) => !/[/\\]/.test(name) && name !== '.' && name !== '..', {
    error: 'Suggested name must be a file name without a folder (no / or \\)',
  })
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  .refine((name) => !/[\u0000-\u001f\u007f]/.test(name), {
    error: 'Suggested name contains control characters',
  });

const fileData = z
  .union([z.string(), z.instanceof(Uint8Array)], { error: 'Data must be text or bytes' })
  .refine((data) => (typeof data === 'string' ? utf8Bytes(data) : data.byteLength) <= MAX_SAVE_BYTES, {
    error: `Data is larger than ${megabytes(MAX_SAVE_BYTES)}, the most Orderline saves in one file`,
  });

export const saveFileRequestSchema = z.strictObject({ suggestedName: fileName, data: fileData });
export type SaveFileRequest = z.infer<typeof saveFileRequestSchema>;

// The same strings an <input accept> takes: extensions (".csv") or MIME types ("text/csv").
const acceptEntry = z.string().regex(/^(\.[A-Za-z0-9]{1,16}|[a-z]+\/[a-z0-9.+*-]+)$/i, {
  error: 'Each accepted type must be an extension like ".csv" or a MIME type like "text/csv"',
});

export const openTextFileRequestSchema = z.strictObject({
  accept: z.array(acceptEntry, { error: 'Accepted types must be a list' }).max(32),
});
export type OpenTextFileRequest = z.infer<typeof openTextFileRequestSchema>;

/** Parses an IPC payload or throws an Error whose message names the request and every problem. */
export function parsePayload<S extends z.ZodType>(schema: S, input: unknown, what: string): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new Error(`${what} was refused: ${describeIssues(result.error, input).join('; ')}.`);
}
