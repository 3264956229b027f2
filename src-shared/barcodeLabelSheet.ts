// Product barcode labels printed in batches: how many of each variant, what each label says (name,
// SKU, price, EAN-13 or UPC-A) and how they fill A4 sheets of 3 x 8 self-adhesive labels.
import { checkGtin } from './barcodes';
import type { Money } from './money';

/** A common A4 label sheet: 3 across, 8 down, 70 x 37 mm each. */
export const LABELS_PER_ROW = 3;
export const LABELS_PER_SHEET = 24;
export const MAX_LABELS_PER_VARIANT = 999;
export const MAX_LABELS_PER_BATCH = 5000;

export type LabelRequest = {
  variantId: string;
  sku: string;
  name: string;
  price: Money;
  barcode: string;
  quantity: number;
};

export type BarcodeLabel = {
  /** Unique in the batch: variant and copy number. */
  key: string;
  sku: string;
  name: string;
  price: Money;
  barcode: string;
  /** JsBarcode's name for the symbology: a 12-digit code prints as UPC-A. */
  format: 'EAN13' | 'UPC';
};

/** How many labels of one variant, as typed: blank is none. */
export function parseLabelCount(text: string): { ok: true; value: number } | { ok: false; reason: string } {
  const typed = text.trim();
  if (typed === '') return { ok: true, value: 0 };
  if (!/^\d+$/.test(typed))
    return { ok: false, reason: `“${typed}” is not a number of labels; type a whole number` };
  const value = Number(typed);
  if (value > MAX_LABELS_PER_VARIANT) {
    return {
      ok: false,
      reason: `${value} labels of one item is more than ${MAX_LABELS_PER_VARIANT}; print them in batches`,
    };
  }
  return { ok: true, value };
}

export type LabelBatch = { ok: true; labels: BarcodeLabel[] } | { ok: false; reason: string };

/** One label per copy asked for, in the order asked; refused whole if any barcode cannot print. */
export function labelBatch(requests: readonly LabelRequest[]): LabelBatch {
  const wanted = requests.filter((r) => r.quantity > 0);
  if (wanted.length === 0) return { ok: false, reason: 'Choose how many labels of at least one item' };
  const total = wanted.reduce((sum, r) => sum + r.quantity, 0);
  if (total > MAX_LABELS_PER_BATCH) {
    return {
      ok: false,
      reason: `${total.toLocaleString('en-GB')} labels is more than one batch of ${MAX_LABELS_PER_BATCH.toLocaleString('en-GB')}; print fewer at a time`,
    };
  }
  const labels: BarcodeLabel[] = [];
  for (const request of wanted) {
    if (!Number.isInteger(request.quantity) || request.quantity > MAX_LABELS_PER_VARIANT) {
      return { ok: false, reason: `${request.quantity} labels of ${request.sku} is not a number of labels` };
    }
    const gtin = checkGtin(request.barcode);
    if (!gtin.ok) return { ok: false, reason: `${request.sku}: ${gtin.message}` };
    if (gtin.kind === 'EAN-8') {
      return {
        ok: false,
        reason: `${request.sku} has an EAN-8 barcode; these sheets print EAN-13 and UPC-A`,
      };
    }
    for (let copy = 1; copy <= request.quantity; copy++) {
      labels.push({
        key: `${request.variantId}:${copy}`,
        sku: request.sku,
        name: request.name,
        price: request.price,
        barcode: gtin.code,
        format: gtin.kind === 'UPC-A' ? 'UPC' : 'EAN13',
      });
    }
  }
  return { ok: true, labels };
}

/** A batch ready to print, with how many used positions of the first sheet to skip (as typed). */
export function printableBatch(
  requests: readonly LabelRequest[],
  skipText: string,
): { ok: true; labels: BarcodeLabel[]; skip: number } | { ok: false; reason: string } {
  const skipped = parseLabelCount(skipText);
  if (!skipped.ok || skipped.value >= LABELS_PER_SHEET) {
    return { ok: false, reason: `Skip 0 to ${LABELS_PER_SHEET - 1} used positions on the first sheet` };
  }
  const batch = labelBatch(requests);
  return batch.ok ? { ...batch, skip: skipped.value } : batch;
}

/**
 * The labels sheet by sheet. `skip` leaves the first positions of the first sheet empty, so a
 * half-used sheet can go back in the printer.
 */
export function labelSheets<T>(labels: readonly T[], skip = 0, perSheet = LABELS_PER_SHEET): (T | null)[][] {
  const start = Math.max(0, Math.min(Math.floor(skip), perSheet - 1));
  const slots: (T | null)[] = [...Array<null>(start).fill(null), ...labels];
  const sheets: (T | null)[][] = [];
  for (let i = 0; i < slots.length; i += perSheet) sheets.push(slots.slice(i, i + perSheet));
  return sheets;
}
