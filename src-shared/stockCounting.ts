// Goods-in and cycle counts, pure: scans merged into delivery lines, quantities typed at the
// bench checked, a bin's count compared with what the ledger expects, and bins listed in walk order.
import { compareBins, parseBin } from './pickList';

export type ScannedItem = { variantId: string; sku: string; name: string; bin?: string };
export type CountedLine = ScannedItem & { quantity: number };

/** Adds `quantity` of one item to a list of lines: the same item again adds to its line. */
export function addToLines(
  lines: readonly CountedLine[],
  item: ScannedItem,
  quantity: number,
): CountedLine[] {
  const at = lines.findIndex((line) => line.variantId === item.variantId);
  if (at === -1) return [...lines, { ...item, quantity }];
  return lines.map((line, i) => (i === at ? { ...line, quantity: line.quantity + quantity } : line));
}

/** Sets one line's quantity; zero removes it. */
export function setLineQuantity(
  lines: readonly CountedLine[],
  variantId: string,
  quantity: number,
): CountedLine[] {
  return quantity <= 0
    ? lines.filter((line) => line.variantId !== variantId)
    : lines.map((line) => (line.variantId === variantId ? { ...line, quantity } : line));
}

export const MAX_UNITS = 100_000;

/** Reads a typed number of items ("12"); `allowNegative` for an adjustment ("-3"). */
export function parseUnits(
  typed: string,
  { allowNegative = false, allowZero = false } = {},
): { ok: true; value: number } | { ok: false; message: string } {
  const text = typed.trim().replace(/^\+/, '');
  if (!/^-?\d+$/.test(text)) return { ok: false, message: `“${typed}” is not a whole number of items` };
  const value = Number(text);
  if (value < 0 && !allowNegative) return { ok: false, message: 'The number of items cannot be negative' };
  if (value === 0 && !allowZero) return { ok: false, message: 'The number of items cannot be zero' };
  if (Math.abs(value) > MAX_UNITS)
    return {
      ok: false,
      message: `${value} items is more than the ${MAX_UNITS.toLocaleString('en')} we accept at once`,
    };
  return { ok: true, value };
}

/** The quantity typed before a scan ("× 12, then scan"): nothing typed means one item. */
export function scanQuantity(typed: string): { ok: true; value: number } | { ok: false; message: string } {
  if (!typed.trim()) return { ok: true, value: 1 };
  const parsed = parseUnits(typed);
  return parsed.ok ? parsed : { ok: false, message: `${parsed.message}; type the quantity again, then scan` };
}

/** How many of one item the lines hold (0 when it has no line). */
export function quantityOf(lines: readonly CountedLine[], variantId: string): number {
  return lines.find((line) => line.variantId === variantId)?.quantity ?? 0;
}

/** Reads a bin as typed or scanned ("a-3-2" → "A-03-2"), or null when it is not a bin. */
export function normaliseBin(typed: string): string | null {
  const bin = parseBin(typed);
  if (!bin || bin.aisle.length > 2 || bin.bay > 99 || bin.shelf > 99) return null;
  return `${bin.aisle}-${String(bin.bay).padStart(2, '0')}-${bin.shelf}`;
}

export type ExpectedLine = ScannedItem & { onHand: number };
export type CountDifference = ScannedItem & { expected: number; counted: number; difference: number };

/** Each item of the bin whose count differs from what the ledger says is there (found more or fewer). */
export function countDifferences(
  expected: readonly ExpectedLine[],
  counted: readonly CountedLine[],
): CountDifference[] {
  const countedBy = new Map(counted.map((line) => [line.variantId, line.quantity]));
  const out: CountDifference[] = [];
  for (const line of expected) {
    const found = countedBy.get(line.variantId) ?? 0;
    countedBy.delete(line.variantId);
    if (found !== line.onHand) {
      const { onHand, ...item } = line;
      out.push({ ...item, expected: onHand, counted: found, difference: found - onHand });
    }
  }
  // Counted but not expected here: its whole count is new to the ledger.
  for (const line of counted) {
    if (!countedBy.has(line.variantId)) continue;
    const { quantity, ...item } = line;
    out.push({ ...item, expected: 0, counted: quantity, difference: quantity });
  }
  return out;
}

/** "found 1 fewer", "found 2 more": how a difference reads in a list and in the audit log. */
export function describeDifference(difference: number): string {
  if (difference === 0) return 'as expected';
  const n = Math.abs(difference);
  return `found ${n} ${difference < 0 ? 'fewer' : 'more'}`;
}

export type BinStock<T> = { bin: string; items: T[]; onHand: number };

/** Groups items by bin, bins in walk order (aisle, bay, shelf), items by SKU within a bin. */
export function groupByBin<T extends { bin: string; sku: string; onHand: number }>(
  items: readonly T[],
): BinStock<T>[] {
  const bins = new Map<string, T[]>();
  for (const item of items) {
    const list = bins.get(item.bin);
    if (list) list.push(item);
    else bins.set(item.bin, [item]);
  }
  return [...bins.entries()]
    .sort(([a], [b]) => compareBins(a, b))
    .map(([bin, list]) => ({
      bin,
      items: list.sort((x, y) => (x.sku < y.sku ? -1 : x.sku > y.sku ? 1 : 0)),
      onHand: list.reduce((sum, item) => sum + item.onHand, 0),
    }));
}
