// Schemas for everything the window sends over IPC. The window is untrusted input: each payload is
// parsed from unknown here, and refused with sentences saying what was wrong.
import { z } from 'zod';
import { MENU_COMMANDS, type PrintPageSize, type PrintRequest } from '$shared/bridge';

// A print view is one HTML document with inline styles and SVG barcodes. It travels as a data: URL,
// and Chromium refuses URLs over 2 MiB; base64 makes 1.5 MB of HTML just under that.
export const MAX_PRINT_HTML_BYTES = 1_500_000;
/** The largest file saveFile writes (an export of a big catalog fits with room to spare). */
export const MAX_SAVE_BYTES = 100 * 1024 * 1024;
/** The largest file openTextFile reads into the window (CSV imports, backups to restore). */
export const MAX_OPEN_TEXT_BYTES = 100 * 1024 * 1024;

const PAGE_SIZES = ['receipt80mm', 'A4', 'Letter', 'label4x6'] as const satisfies readonly PrintPageSize[];

const utf8Bytes = (text: string) => new TextEncoder().encode(text).byteLength;
export const megabytes = (bytes: number) => `${Math.round(bytes / 1e5) / 10} MB`;

/** A type error that says "missing" when there was nothing there, and `wrongKind` otherwise. */
const missingOr = (field: string, wrongKind: string) => (issue: { input?: unknown }) =>
  issue.input === undefined ? `${field} is missing` : wrongKind;

/** A payload object: unexpected fields are refused, so a typo never silently drops an option. */
const request = <Shape extends z.ZodRawShape>(shape: Shape, what: string) =>
  z.strictObject(shape, {
    error: (issue) => (issue.code === 'invalid_type' ? `${what} must be an object` : undefined),
  });

const pageSize = z.enum(PAGE_SIZES, {
  error: missingOr('Page size', `Page size must be one of ${PAGE_SIZES.join(', ')}`),
});

const printHtml = z
  .string({ error: missingOr('Print view HTML', 'Print view HTML must be text') })
  .min(1, { error: 'Print view HTML is empty' })
  .refine((html) => utf8Bytes(html) <= MAX_PRINT_HTML_BYTES, {
    error: `Print view HTML is larger than ${megabytes(MAX_PRINT_HTML_BYTES)}; move images out of it or split the document`,
  });

export const printRequestSchema = request(
  {
    html: printHtml,
    pageSize,
    printer: z
      .string({ error: 'Printer name must be text' })
      .trim()
      .min(1, { error: 'Printer name is empty' })
      .max(512, { error: 'Printer name is longer than 512 characters' })
      .optional(),
    silent: z.boolean({ error: 'Silent must be true or false' }).optional(),
  },
  'A print request',
) satisfies z.ZodType<PrintRequest>;

export const pdfRequestSchema = request({ html: printHtml, pageSize }, 'A PDF request') satisfies z.ZodType<
  Omit<PrintRequest, 'printer' | 'silent'>
>;

// Only a bare file name: the user picks the folder in the dialog, the window never names a path.
const fileName = z
  .string({ error: missingOr('Suggested name', 'Suggested name must be text') })
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
  .union([z.string(), z.instanceof(Uint8Array)], { error: missingOr('Data', 'Data must be text or bytes') })
  .refine((data) => (typeof data === 'string' ? utf8Bytes(data) : data.byteLength) <= MAX_SAVE_BYTES, {
    error: `Data is larger than ${megabytes(MAX_SAVE_BYTES)}, the most Orderline saves in one file`,
  });

export const saveFileRequestSchema = request({ suggestedName: fileName, data: fileData }, 'A save request');
export type SaveFileRequest = z.infer<typeof saveFileRequestSchema>;

// The same strings an <input accept> takes: extensions (".csv") or MIME types ("text/csv").
const acceptEntry = z
  .string({ error: 'Each accepted type must be text' })
  .regex(/^(\.[A-Za-z0-9]{1,16}|[a-z]+\/[a-z0-9.+*-]+)$/i, {
    error: (issue) =>
      `Accepted type "${String(issue.input)}" is neither an extension like ".csv" nor a MIME type like "text/csv"`,
  });

export const openTextFileRequestSchema = request(
  {
    accept: z
      .array(acceptEntry, { error: missingOr('The list of accepted types', 'Accepted types must be a list') })
      .max(32, { error: 'At most 32 accepted types can be given' }),
  },
  'An open-file request',
);
export type OpenTextFileRequest = z.infer<typeof openTextFileRequestSchema>;

// A daily backup is the JSON the window's backup writer makes, which always starts with its format.
export const dailyBackupRequestSchema = request(
  {
    backup: z
      .string({ error: missingOr('Backup', 'Backup must be text') })
      .refine((text) => text.startsWith('{"format":"orderline-backup"'), {
        error: 'Backup is not an Orderline backup (it must start with its format)',
      })
      .refine((text) => utf8Bytes(text) <= MAX_SAVE_BYTES, {
        error: `Backup is larger than ${megabytes(MAX_SAVE_BYTES)}, the most Orderline saves in one file`,
      }),
  },
  'A daily backup',
);

export const setBusyRequestSchema = request(
  { busy: z.boolean({ error: missingOr('Busy', 'Busy must be true or false') }) },
  'A busy report',
);

export const keepDeviceTokenRequestSchema = request(
  {
    token: z
      .string({ error: missingOr('Token', 'Token must be text') })
      .min(1, { error: 'Token is empty' })
      .max(4096, { error: 'Token is longer than 4096 characters' }),
  },
  'A token to keep',
);

export const deviceTokenRequestSchema = request(
  {
    ref: z
      .string({ error: missingOr('Reference', 'Reference must be text') })
      .regex(/^vault:[0-9a-f-]{36}$/, { error: 'Reference is not one keepDeviceToken gave' }),
  },
  'A token request',
);

/** What a menu item may ask the window to do; checked before it is sent. */
export const menuCommandSchema = z.enum(MENU_COMMANDS, {
  error: (issue) => `Menu command "${String(issue.input)}" is not one the window knows`,
});

/**
 * A payload that failed its schema. The message is for the window; `fields` names only the fields
 * and kinds of problem, never the values, so it can go to the log without customer data.
 */
export class PayloadRefusedError extends Error {
  constructor(
    message: string,
    readonly fields: string,
  ) {
    super(message);
    this.name = 'PayloadRefusedError';
  }
}

function fieldProblem(issue: z.core.$ZodIssue): string {
  const where = issue.path.length ? issue.path.map(String).join('.') : 'payload';
  if (issue.code === 'unrecognized_keys') return `${where}: unexpected ${issue.keys.join(', ')}`;
  return `${where}: ${issue.code}`;
}

function describe(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') {
    return `Unexpected field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}`;
  }
  return issue.message;
}

/** Parses an IPC payload or throws a PayloadRefusedError whose message names the request and every problem. */
export function parsePayload<S extends z.ZodType>(schema: S, input: unknown, what: string): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const problems = [...new Set(result.error.issues.map(describe))];
  const fields = [...new Set(result.error.issues.map(fieldProblem))].join('; ');
  throw new PayloadRefusedError(`${what} was refused: ${problems.join('; ')}.`, fields);
}
