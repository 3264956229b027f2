// One way to compare GTINs by value: a UPC-A, the same number as EAN-13 and as GTIN-14 are one
// code. Sell, Stock, Pack, the catalogue editor and the server all look codes up by this key.
import { gtinCheckDigit } from './barcodes';

const GTIN_LENGTHS = new Set([8, 12, 13, 14]);

/**
 * The 14-digit key of a GTIN-8, UPC-A (12), EAN-13 or GTIN-14, zero-padded on the left, or null
 * when the text is not a GTIN with a right check digit. Spaces and hyphens a paste leaves are ignored.
 */
export function normaliseGtin(raw: string): string | null {
  const digits = raw.replace(/[\s-]/g, '');
  if (!/^\d+$/.test(digits) || !GTIN_LENGTHS.has(digits.length)) return null;
  if (gtinCheckDigit(digits.slice(0, -1)) !== Number(digits.at(-1))) return null;
  return digits.padStart(14, '0');
}

/** Whether two codes are the same GTIN by value (both must be valid GTINs). */
export function sameGtin(a: string, b: string): boolean {
  const left = normaliseGtin(a);
  return left !== null && left === normaliseGtin(b);
}

export interface CaseCode {
  /** The packaging indicator digit (1–8): which pack of the item this case code marks. */
  indicator: number;
  /** The key (as normaliseGtin gives it) of the single item inside the pack. */
  itemKey: string;
}

/**
 * A GTIN-14 case code (indicator 1–8) names a pack of an item: the item's own code is the digits
 * after the indicator with a new check digit. Returns null for a code that is not a case code.
 */
export function caseCodeItem(raw: string): CaseCode | null {
  const key = normaliseGtin(raw);
  if (!key) return null;
  const indicator = Number(key[0]);
  if (indicator < 1 || indicator > 8) return null;
  const body = `0${key.slice(1, 13)}`;
  return { indicator, itemKey: body + String(gtinCheckDigit(body)) };
}
