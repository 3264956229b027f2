// What the stock on the shelves is worth (at cost where the catalogue knows it, else at price) and
// which variants have fallen to their reorder point.
import type { StockLevel, Variant } from '../records';

export interface StockValue {
  units: number;
  /** On hand × cost price, for variants with a cost price. */
  atCost: number;
  /** On hand × selling price, for every variant. */
  atPrice: number;
  /** Variants with stock on hand but no cost price: their cost is unknown. */
  withoutCost: number;
}

export interface LowStock {
  variantId: string;
  sku: string;
  available: number;
  reorderPoint: number;
}

export type StockVariant = Pick<Variant, 'id' | 'sku' | 'price' | 'costPrice' | 'reorderPoint'>;

export function stockValue(
  variants: readonly StockVariant[],
  levels: ReadonlyMap<string, Pick<StockLevel, 'onHand'>>,
): StockValue {
  const value: StockValue = { units: 0, atCost: 0, atPrice: 0, withoutCost: 0 };
  for (const variant of variants) {
    const onHand = Math.max(0, levels.get(variant.id)?.onHand ?? 0);
    if (onHand === 0) continue;
    value.units += onHand;
    value.atPrice += onHand * variant.price.amount;
    if (variant.costPrice === undefined) value.withoutCost++;
    else value.atCost += onHand * variant.costPrice.amount;
  }
  return value;
}

/** Variants whose available stock (on hand less reserved) is at or below their reorder point, lowest first. */
export function lowStock(
  variants: readonly StockVariant[],
  levels: ReadonlyMap<string, Pick<StockLevel, 'onHand' | 'reserved'>>,
): LowStock[] {
  const low: LowStock[] = [];
  for (const variant of variants) {
    if (variant.reorderPoint === undefined) continue;
    const level = levels.get(variant.id);
    const available = (level?.onHand ?? 0) - (level?.reserved ?? 0);
    if (available <= variant.reorderPoint)
      low.push({ variantId: variant.id, sku: variant.sku, available, reorderPoint: variant.reorderPoint });
  }
  return low.sort(
    (a, b) => a.available - a.reorderPoint - (b.available - b.reorderPoint) || a.sku.localeCompare(b.sku),
  );
}
