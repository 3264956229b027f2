// What a variant button says about stock, so a seller never offers what is not on the shelf.
import type { StockLevel } from './records';

/** "4 in stock", "Out of stock", "No stock record": free stock is on hand minus reserved. */
export function stockNote(level: Pick<StockLevel, 'onHand' | 'reserved'> | undefined): string {
  if (!level) return 'No stock record';
  const free = level.onHand - level.reserved;
  return free > 0 ? `${free} in stock` : 'Out of stock';
}
