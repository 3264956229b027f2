// Pick lists: what to take from which bin, for one order or a batch of orders, in the order a
// picker walks the stockroom, and for a batch which tote each unit goes into.
import { packableLines } from './balances';
import type { OrderLine, Variant } from './records';

export type PickOrder = {
  orderId: string;
  /** The number people read, e.g. D1-000042: printed on the tote label. */
  orderNumber: string;
  lines: readonly Pick<OrderLine, 'variantId' | 'sku' | 'name' | 'quantity'>[];
};

export type PickVariant = Pick<Variant, 'id' | 'bin' | 'barcode'>;

export type Allocation = { tote: number; orderId: string; orderNumber: string; quantity: number };

export type PickLine = {
  variantId: string;
  sku: string;
  name: string;
  barcode?: string;
  /** Null when the variant is no longer in the catalog: it is listed last, to be looked for. */
  bin: string | null;
  quantity: number;
  /** Which tote takes how many; one entry for a single order. */
  allocations: Allocation[];
};

export type PickList = {
  lines: PickLine[];
  /** Tote n holds the order at totes[n-1]. */
  totes: { tote: number; orderId: string; orderNumber: string }[];
  units: number;
  /** Things the picker should know before walking, as sentences. */
  warnings: string[];
};

export type WalkOrder = 'straight' | 'serpentine';

export type BinAddress = { aisle: string; bay: number; shelf: number };

/** Reads "A-03-2" as aisle A, bay 3, shelf 2; null for a bin in another shape. */
export function parseBin(bin: string): BinAddress | null {
  const match = /^([A-Z]{1,3})-(\d{1,4})-(\d{1,3})$/.exec(bin.trim().toUpperCase());
  if (!match) return null;
  return { aisle: match[1]!, bay: Number(match[2]), shelf: Number(match[3]) };
}

// Aisles run A…Z, then AA, AB…: a shorter name comes first.
function compareAisles(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}

const natural = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/**
 * Walk order of two bins: aisle, then bay, then shelf, by number (A-9 before A-10). Bins that do not
 * parse come after those that do, in natural order. `descendingAisles` lists aisles walked from the
 * far end (serpentine), where bays count down.
 */
export function compareBins(a: string, b: string, descendingAisles: ReadonlySet<string> = new Set()): number {
  const pa = parseBin(a);
  const pb = parseBin(b);
  if (!pa || !pb) return pa ? -1 : pb ? 1 : natural.compare(a, b);
  const byAisle = compareAisles(pa.aisle, pb.aisle);
  if (byAisle) return byAisle;
  const byBay = descendingAisles.has(pa.aisle) ? pb.bay - pa.bay : pa.bay - pb.bay;
  return byBay || pa.shelf - pb.shelf;
}

/** In a serpentine walk every second aisle visited is walked back down, so no aisle is walked twice. */
function serpentineDescending(bins: readonly string[]): Set<string> {
  const aisles = [...new Set(bins.map((bin) => parseBin(bin)?.aisle).filter((a): a is string => !!a))];
  aisles.sort(compareAisles);
  return new Set(aisles.filter((_, i) => i % 2 === 1));
}

/** Sorts bins into the order they are walked. */
export function walkBins(bins: readonly string[], walk: WalkOrder = 'serpentine'): string[] {
  const descending = walk === 'serpentine' ? serpentineDescending(bins) : new Set<string>();
  return [...bins].sort((a, b) => compareBins(a, b, descending));
}

/**
 * One list for N orders: lines merged per variant, each with what goes into which tote (tote n is
 * the n-th order given). Lines follow the walk; same-bin lines go by SKU.
 */
export function batchPickList(
  orders: readonly PickOrder[],
  variants: Iterable<PickVariant>,
  walk: WalkOrder = 'serpentine',
): PickList {
  const byId = new Map<string, PickVariant>();
  for (const variant of variants) byId.set(variant.id, variant);
  const merged = new Map<string, PickLine>();
  const warnings: string[] = [];
  const totes = orders.map((order, i) => ({
    tote: i + 1,
    orderId: order.orderId,
    orderNumber: order.orderNumber,
  }));

  orders.forEach((order, i) => {
    for (const line of packableLines(order.lines)) {
      if (line.quantity <= 0) continue;
      let pick = merged.get(line.variantId);
      if (!pick) {
        const variant = byId.get(line.variantId);
        if (!variant) {
          warnings.push(
            `${line.sku} (${line.name}) is not in the catalog any more, so it has no bin; find it before packing ${order.orderNumber}`,
          );
        }
        pick = {
          variantId: line.variantId,
          sku: line.sku,
          name: line.name,
          ...(variant?.barcode ? { barcode: variant.barcode } : {}),
          bin: variant?.bin ?? null,
          quantity: 0,
          allocations: [],
        };
        merged.set(line.variantId, pick);
      }
      pick.quantity += line.quantity;
      const tote = i + 1;
      const allocation = pick.allocations.find((a) => a.tote === tote);
      if (allocation) allocation.quantity += line.quantity;
      else
        pick.allocations.push({
          tote,
          orderId: order.orderId,
          orderNumber: order.orderNumber,
          quantity: line.quantity,
        });
    }
  });

  const lines = [...merged.values()];
  const binned = lines.filter((line) => line.bin !== null).map((line) => line.bin!);
  const descending = walk === 'serpentine' ? serpentineDescending(binned) : new Set<string>();
  lines.sort((a, b) => {
    if (a.bin === null || b.bin === null)
      return a.bin === b.bin ? natural.compare(a.sku, b.sku) : a.bin ? -1 : 1;
    return compareBins(a.bin, b.bin, descending) || natural.compare(a.sku, b.sku);
  });
  return { lines, totes, units: lines.reduce((sum, line) => sum + line.quantity, 0), warnings };
}

/** The pick list for one order: the batch of one, all into tote 1. */
export function pickList(
  order: PickOrder,
  variants: Iterable<PickVariant>,
  walk: WalkOrder = 'serpentine',
): PickList {
  return batchPickList([order], variants, walk);
}
