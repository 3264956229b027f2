// Which printer and paper each kind of document goes to on this desk (receipts, invoices, packing
// slips, pick lists, product labels, shipping labels, customs declarations), and shipping labels as
// ZPL for a 203 or 300 dpi thermal printer. Stored per desk as a setting; a damaged or missing one falls back to the defaults.
import { z } from 'zod';
import type { PrintPageSize } from './bridge';

export const PRINTER_SETUP_KEY = 'printerSetup';

export const DOCUMENT_KINDS = [
  'receipt',
  'invoice',
  'packingSlip',
  'pickList',
  'productLabel',
  'label',
  'customs',
] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export const DOCUMENT_NAMES: Record<DocumentKind, string> = {
  receipt: 'Receipts',
  invoice: 'Invoices and quotes',
  packingSlip: 'Packing slips',
  pickList: 'Pick lists',
  productLabel: 'Product labels',
  label: 'Shipping labels (4x6)',
  customs: 'Customs declarations (CN22/CN23)',
};

/** The papers each kind can print on (product labels are drawn for A4 label sheets). */
export const PAPERS: Record<DocumentKind, readonly PrintPageSize[]> = {
  receipt: ['receipt80mm'],
  invoice: ['A4', 'Letter'],
  packingSlip: ['A4', 'Letter'],
  pickList: ['A4', 'Letter'],
  productLabel: ['A4'],
  label: ['label4x6'],
  customs: ['label4x6'],
};

export const PAPER_NAMES: Record<PrintPageSize, string> = {
  receipt80mm: '80 mm roll',
  label4x6: '4 × 6 in label',
  A4: 'A4',
  Letter: 'US Letter',
};

const Choice = z.object({
  /** The printer's name as the system knows it; absent = the system's default printer. */
  printer: z.string().trim().min(1).max(200).optional(),
  paper: z.enum(['receipt80mm', 'label4x6', 'A4', 'Letter']),
  /** Shipping labels only: print the HTML view, or send ZPL to a thermal printer at this resolution. */
  format: z.enum(['html', 'zpl203', 'zpl300']).optional(),
});
export type PrinterChoice = z.infer<typeof Choice>;
export type PrinterSetup = Record<DocumentKind, PrinterChoice>;

export const DEFAULT_PRINTER_SETUP: PrinterSetup = {
  receipt: { paper: 'receipt80mm' },
  invoice: { paper: 'A4' },
  packingSlip: { paper: 'A4' },
  pickList: { paper: 'A4' },
  productLabel: { paper: 'A4' },
  label: { paper: 'label4x6', format: 'html' },
  customs: { paper: 'label4x6' },
};

// A setup stored before a kind had its own row: packing slips printed with invoices, and customs
// declarations with the shipping label; they start where they printed before.
const CARRIED_FROM: Partial<Record<DocumentKind, DocumentKind>> = {
  packingSlip: 'invoice',
  customs: 'label',
};

/** The stored setup, kind by kind; whatever is missing or not valid is the default for that kind. */
export function parsePrinterSetup(value: unknown): PrinterSetup {
  const stored = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  const setup = { ...DEFAULT_PRINTER_SETUP };
  const valid = (kind: DocumentKind, value: unknown): PrinterChoice | null => {
    const parsed = Choice.safeParse(value);
    return parsed.success && PAPERS[kind].includes(parsed.data.paper) ? parsed.data : null;
  };
  for (const kind of DOCUMENT_KINDS) {
    const own = valid(kind, stored[kind]);
    const from = CARRIED_FROM[kind];
    const carried = !own && from && stored[kind] === undefined ? valid(from, stored[from]) : null;
    if (own) setup[kind] = kind === 'label' ? own : withoutFormat(own);
    else if (carried && PAPERS[kind].includes(carried.paper)) setup[kind] = withoutFormat(carried);
  }
  return setup;
}

/** Only shipping labels have a ZPL or print-view format. */
function withoutFormat({ format: _format, ...choice }: PrinterChoice): PrinterChoice {
  return choice;
}

// The dot-measured parameters of the ZPL commands our labels use, by position.
const DOT_PARAMS: [RegExp, number[]][] = [
  [/\^FO([\d,]+)/g, [0, 1]],
  [/\^A0N,([\d,]+)/g, [0, 1]],
  [/\^GB([\d,]+)/g, [0, 1, 2]],
  [/\^BY([\d,.]+)/g, [0, 2]],
  [/\^BCN,([\d]+)/g, [0]],
  [/\^PW([\d]+)/g, [0]],
  [/\^LL([\d]+)/g, [0]],
  [/\^LH([\d,]+)/g, [0, 1]],
];

/**
 * A label's ZPL (drawn for 203 dpi, 8 dots/mm) for a printer of `dpi`: every position and size in
 * dots scaled, so a 300 dpi printer prints the same 4x6 inches rather than a label two-thirds the size.
 */
export function zplForDpi(zpl: string, dpi: 203 | 300): string {
  if (dpi === 203) return zpl;
  const factor = 300 / 203;
  let out = zpl;
  for (const [pattern, positions] of DOT_PARAMS) {
    out = out.replace(pattern, (match, params: string) => {
      const scaled = params
        .split(',')
        .map((value, i) =>
          positions.includes(i) && value !== '' ? String(Math.round(Number(value) * factor)) : value,
        )
        .join(',');
      return match.slice(0, match.length - params.length) + scaled;
    });
  }
  return out;
}
