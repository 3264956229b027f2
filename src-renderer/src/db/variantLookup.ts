// The one look-up of a scanned or typed code in the catalogue, for Sell, Stock and Pack: GTINs by
// value (a UPC-A found when scanned as EAN-13 or GTIN-14), GTIN-14 case codes as their pack of the
// item, and SKUs. The barcode index holds codes as typed, so a GTIN is asked for in every form.
import { caseCodeItem, sameGtin } from '$shared/gtin';
import { gtinForms } from '$shared/gtinForms';
import type { Variant } from '$shared/records';
import { classifyScan } from '$shared/scanDetector';
import type { OrderlineDb } from './database';

export type CodeMatch =
  /** The item, and how many units one scan of the code is (a case counts its pack). */
  | { kind: 'item'; variant: Variant; quantity: number; via: 'barcode' | 'case' | 'sku' }
  /** A case code of a known item whose pack quantity the catalogue does not give. */
  | { kind: 'case-unknown'; variant: Variant; message: string };

/** The variant whose barcode is this GTIN by value, whatever form either was written in. */
export function variantByGtin(db: OrderlineDb, code: string): Promise<Variant | undefined> {
  const forms = gtinForms(code);
  return forms.length ? db.variants.where('barcode').anyOf(forms).first() : Promise.resolve(undefined);
}

/** What the catalogue has under a code, or null when no product has it. */
export async function findVariantByCode(db: OrderlineDb, raw: string): Promise<CodeMatch | null> {
  const code = raw.trim();
  if (!code) return null;
  const byGtin = await variantByGtin(db, code);
  if (byGtin) return { kind: 'item', variant: byGtin, quantity: 1, via: 'barcode' };
  const pack = caseCodeItem(code);
  if (pack) {
    const item = await variantByGtin(db, pack.itemKey);
    if (item) {
      const known = item.caseCodes?.find((c) => sameGtin(c.code, code));
      if (known) return { kind: 'item', variant: item, quantity: known.quantity, via: 'case' };
      return {
        kind: 'case-unknown',
        variant: item,
        message: `${code} is a case of ${item.sku}, but the catalogue does not say how many it holds; scan the items one by one, or add the case code to the product`,
      };
    }
  }
  const bySku = await db.variants.where('sku').equals(code.toUpperCase()).first();
  return bySku ? { kind: 'item', variant: bySku, quantity: 1, via: 'sku' } : null;
}

/** What the catalogue has under a scanned code: a weighed or priced label (prefix-2 EAN-13) carries
 *  its value in the code, so it is looked up by its base code; any other code as it is. */
export function findVariantByScan(db: OrderlineDb, code: string): Promise<CodeMatch | null> {
  const scanned = classifyScan(code);
  return findVariantByCode(db, scanned.kind === 'measured' ? scanned.baseCode : code);
}
