// Finding the item a stock person scanned or typed (barcode, SKU) and naming it the way the
// bench reads it: product name with its options ("Oxford Shirt — M / Blue").
import { classifyScan } from '$shared/scanDetector';
import type { Product, Variant } from '$shared/records';
import { scanQuantity, type ScannedItem } from '$shared/stockCounting';
import type { OrderlineDb } from './database';
import { findVariantByScan } from './variantLookup';

export type FoundItem = ScannedItem & { bin: string; barcode: string; onHand: number };

export function itemName(
  product: Pick<Product, 'name'> | undefined,
  variant: Pick<Variant, 'attributes' | 'sku'>,
): string {
  const options = Object.values(variant.attributes).join(' / ');
  const base = product?.name ?? variant.sku;
  return options ? `${base} — ${options}` : base;
}

export async function describeVariants(db: OrderlineDb, variants: readonly Variant[]): Promise<FoundItem[]> {
  const [products, levels] = await Promise.all([
    db.products.bulkGet([...new Set(variants.map((v) => v.productId))]),
    db.stockLevels.bulkGet(variants.map((v) => v.id)),
  ]);
  const byId = new Map(products.filter((p): p is Product => !!p).map((p) => [p.id, p]));
  return variants.map((variant, i) => ({
    variantId: variant.id,
    sku: variant.sku,
    name: itemName(byId.get(variant.productId), variant),
    bin: variant.bin,
    barcode: variant.barcode,
    onHand: levels[i]?.onHand ?? 0,
  }));
}

export type ItemLookup =
  /** `perScan`: units one scan of the code counts (a case code counts its pack; otherwise 1). */
  { ok: true; item: FoundItem; perScan: number } | { ok: false; message: string };

/** The catalog item behind a scanned barcode or a typed SKU, or the sentence saying why there is none. */
export async function findItem(db: OrderlineDb, code: string): Promise<ItemLookup> {
  const scanned = classifyScan(code);
  if (scanned.kind === 'invalid') return { ok: false, message: `${scanned.message}; scan it again` };
  const match = await findVariantByScan(db, code);
  if (match?.kind === 'case-unknown') return { ok: false, message: match.message };
  if (!match) {
    const typed = code.trim();
    return {
      ok: false,
      message: /^\d{8,14}$/.test(typed)
        ? `No product in the catalog has the barcode ${typed}; check the label or add the product first`
        : `“${typed}” is not a barcode or SKU in the catalog; check the label or add the product first`,
    };
  }
  const [item] = await describeVariants(db, [match.variant]);
  return { ok: true, item: item!, perScan: match.quantity };
}

/** A scan at the bench with the quantity typed before it ("× 12, then scan"; none typed is one):
 * the item and how many, or the sentence saying why the scan counts for nothing. */
export async function findScanned(
  db: OrderlineDb,
  code: string,
  typedQuantity: string,
): Promise<{ ok: true; item: FoundItem; quantity: number } | { ok: false; message: string }> {
  const quantity = scanQuantity(typedQuantity);
  if (!quantity.ok) return quantity;
  const found = await findItem(db, code);
  return found.ok ? { ok: true, item: found.item, quantity: quantity.value * found.perScan } : found;
}
