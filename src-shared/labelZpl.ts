// ZPL for a 4x6 inch shipping label on a 203 dpi thermal printer (812 x 1218 dots): addresses,
// carrier and service, the tracking number as a Code 128 barcode, and the parcel's own barcode.
import { postalLines } from './postalAddress';
import type { Address } from './records';

export const LABEL_WIDTH_DOTS = 812;
export const LABEL_HEIGHT_DOTS = 1218;
const MARGIN = 40;

export type LabelAddress = Pick<
  Address,
  'name' | 'company' | 'line1' | 'line2' | 'city' | 'region' | 'postalCode' | 'country' | 'phone'
>;

export type ShippingLabel = {
  shipFrom: LabelAddress;
  shipTo: LabelAddress;
  carrier: string;
  service?: string;
  /** Without one (before the carrier assigns it, or "no tracking"), the label says so instead. */
  trackingNumber?: string;
  /** Our own parcel barcode, usually the order number (D1-000042), "-2" for a second parcel. */
  parcelReference: string;
  parcel?: { index: number; count: number };
  weightGrams?: number;
};

export type LabelResult = { ok: true; zpl: string } | { ok: false; reason: string };

/**
 * Field data for ^FH^FD: ^ and ~ would start a command, and _ is ^FH's own escape, so all three go
 * as _XX hex. Control characters (line breaks pasted into an address) become spaces.
 */
export function zplEscape(text: string): string {
  return [...text]
    .map((char) => (char.charCodeAt(0) < 32 || char.charCodeAt(0) === 127 ? ' ' : char))
    .join('')
    .replace(/[_^~]/g, (char) => `_${char.charCodeAt(0).toString(16).toUpperCase()}`);
}

// Font 0 is about 0.55 of its height wide per character, on average: clip to what fits the line.
function clip(text: string, fontHeight: number, width = LABEL_WIDTH_DOTS - 2 * MARGIN): string {
  const max = Math.floor(width / (fontHeight * 0.55));
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 3)}...` : flat;
}

function text(x: number, y: number, height: number, value: string, width?: number): string {
  return `^FO${x},${y}^A0N,${height},${height}^FH^FD${zplEscape(clip(value, height, width))}^FS`;
}

/** An address as the lines printed on a label, slip or invoice: the destination's postal order,
 * the country spelled out (src-shared/postalAddress), empty parts left out. */
export function addressBlock(address: LabelAddress): string[] {
  return postalLines(address);
}

// Code 128 data we print: what tracking numbers and order numbers are made of. Anything else (">"
// starts a ZPL Code 128 invocation code) is refused rather than printed as a different code.
const BARCODE_DATA = /^[A-Z0-9][A-Z0-9 ./-]{0,47}$/;

/** Code 128 width in modules: all-digit data of even length packs two digits a symbol (subset C). */
export function code128Modules(data: string): number {
  const symbols = /^\d+$/.test(data) && data.length % 2 === 0 ? data.length / 2 : data.length;
  return (symbols + 3) * 11 + 2; // start, check and stop symbols; the stop is 13 modules
}

/** The widest module (2–4 dots) that fits the label, and the barcode's width in dots. */
export function barcodeFit(data: string): { module: number; width: number } | null {
  const modules = code128Modules(data);
  for (const module of [4, 3, 2]) {
    const width = modules * module;
    if (width <= LABEL_WIDTH_DOTS - 2 * MARGIN) return { module, width };
  }
  return null;
}

function barcode(y: number, height: number, data: string): string | null {
  const fit = barcodeFit(data);
  if (!fit) return null;
  const x = Math.floor((LABEL_WIDTH_DOTS - fit.width) / 2);
  // ^BC orientation N, height, interpretation line below, no UCC check digit, automatic subsets.
  return `^FO${x},${y}^BY${fit.module}^BCN,${height},Y,N,N,A^FD${data}^FS`;
}

/** The ZPL for one 4x6 label, or why it cannot be printed. */
export function shippingLabelZpl(label: ShippingLabel): LabelResult {
  const tracking = label.trackingNumber?.toUpperCase().replace(/\s+/g, '');
  const reference = label.parcelReference.trim().toUpperCase();
  for (const [what, data] of [
    ['Tracking number', tracking],
    ['Parcel reference', reference],
  ] as const) {
    if (data !== undefined && !BARCODE_DATA.test(data)) {
      return {
        ok: false,
        reason: `${what} “${data}” cannot be a label barcode; use up to 48 capital letters, digits, spaces, dots, slashes or dashes`,
      };
    }
  }
  const parts: string[] = ['^XA', '^CI28', `^PW${LABEL_WIDTH_DOTS}`, `^LL${LABEL_HEIGHT_DOTS}`, '^LH0,0'];

  // Ship from: small, top left; parcel count and weight top right.
  parts.push(text(MARGIN, 30, 24, 'FROM:'));
  addressBlock(label.shipFrom)
    .slice(0, 5)
    .forEach((line, i) => parts.push(text(MARGIN, 58 + i * 26, 24, line, 480)));
  if (label.parcel) parts.push(text(540, 30, 34, `PARCEL ${label.parcel.index}/${label.parcel.count}`, 232));
  if (label.weightGrams !== undefined) {
    parts.push(text(540, 80, 32, `${(label.weightGrams / 1000).toFixed(2)} kg`, 232));
  }
  parts.push(`^FO${MARGIN},195^GB${LABEL_WIDTH_DOTS - 2 * MARGIN},3,3^FS`);

  // Ship to: large, the block a courier reads.
  parts.push(text(MARGIN, 215, 28, 'SHIP TO:'));
  addressBlock(label.shipTo)
    .slice(0, 7)
    .forEach((line, i) => parts.push(text(MARGIN, 255 + i * 52, 45, line)));
  parts.push(`^FO${MARGIN},630^GB${LABEL_WIDTH_DOTS - 2 * MARGIN},3,3^FS`);

  // Carrier, service and the tracking barcode.
  parts.push(text(MARGIN, 650, 56, [label.carrier, label.service].filter(Boolean).join(' ')));
  if (tracking) {
    const bars = barcode(730, 200, tracking);
    if (!bars)
      return { ok: false, reason: `Tracking number ${tracking} is too long to fit a 4x6 label as Code 128` };
    parts.push(text(MARGIN, 715, 24, 'TRACKING #'), bars);
  } else {
    parts.push(text(MARGIN, 760, 40, 'NO TRACKING NUMBER'));
  }
  parts.push(`^FO${MARGIN},1000^GB${LABEL_WIDTH_DOTS - 2 * MARGIN},3,3^FS`);

  // Our parcel barcode, for scanning the parcel at the manifest and on return.
  const ref = barcode(1030, 110, reference);
  if (!ref) return { ok: false, reason: `Parcel reference ${reference} is too long for a 4x6 label` };
  parts.push(ref, '^XZ');
  return { ok: true, zpl: parts.join('\n') };
}
