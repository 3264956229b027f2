// Label-scale barcodes (EAN-13, prefix 2) at the till: which catalogue item a label is for and what
// its one cart line costs — the printed price, or the weight times the item's price per kilogram.
import { formatMoney, multiplyByFraction, type Money } from './money';
import type { ScanClass } from './scanDetector';
import { DEFAULT_STORE_PROFILE } from './storeProfile';

export type MeasuredScan = Extract<ScanClass, { kind: 'measured' }>;

/** What the scale sells, as the catalogue holds it: its barcode is the label's code with the value zeroed. */
export type ScaleVariant = { id: string; barcode: string; price: Money };

export type ScaleLine =
  | {
      ok: true;
      variantId: string;
      unitPrice: Money;
      /** Added to the product's name on the line: "1.250 kg" or "label price". */
      detail: string;
    }
  | { ok: false; message: string };

/** Shows grams as kilograms with three decimals: 1250 → "1.250 kg". */
export function kilograms(grams: number): string {
  return `${(grams / 1000).toFixed(3)} kg`;
}

/**
 * The cart line for a scale label. The variant is the one whose barcode is the label's base code
 * (item code kept, value zeroed); for a weight label its price is per kilogram, and price × weight
 * is rounded half-to-even to the minor unit like every other fraction of money.
 */
export function scaleLine(scan: MeasuredScan, variants: readonly ScaleVariant[]): ScaleLine {
  const variant = variants.find((v) => v.barcode === scan.baseCode);
  if (!variant) {
    return {
      ok: false,
      message: `No product is sold by the scale under item code ${scan.itemCode} (catalogue barcode ${scan.baseCode}). Nothing was added.`,
    };
  }
  if (scan.measure === 'price') {
    if (scan.amount <= 0) return { ok: false, message: 'The scale label shows no price. Nothing was added.' };
    return {
      ok: true,
      variantId: variant.id,
      unitPrice: { amount: scan.amount, currency: variant.price.currency },
      detail: 'label price',
    };
  }
  if (scan.grams <= 0) return { ok: false, message: 'The scale label shows no weight. Nothing was added.' };
  const unitPrice = multiplyByFraction(variant.price, { numerator: BigInt(scan.grams), denominator: 1000n });
  return {
    ok: true,
    variantId: variant.id,
    unitPrice,
    detail: `${kilograms(scan.grams)} × ${formatMoney(variant.price, DEFAULT_STORE_PROFILE.locale)}/kg`,
  };
}
