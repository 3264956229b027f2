// Dexie v1 → v2, frozen: the search fields and the stock level cache exactly as this upgrade
// computes them, with its own copy of every rule it uses. Changing how today's app folds words or
// counts stock must never change what an old desk's upgrade does: that takes a new version.
// Only types may be imported here (migrations.test.ts checks).
import type { Transaction } from 'dexie';
import type { Customer, Order, Product, StockMovement } from '$shared/records';

const MAX_WORDS = 40;

/** "Crème Brûlée  T-shirt" → ["creme", "brulee", "t", "shirt"]: folded, de-duplicated, in order. */
function searchWords(...texts: ReadonlyArray<string | undefined | null>): string[] {
  const words = new Set<string>();
  for (const text of texts) {
    if (!text) continue;
    const folded = text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
    for (const word of folded.split(/[^\p{L}\p{N}]+/u)) {
      if (word) words.add(word);
      if (words.size >= MAX_WORDS) return [...words];
    }
  }
  return [...words];
}

function orderWords(order: Pick<Order, 'number' | 'customerName' | 'formerNumbers'>): string[] {
  const sequence = order.number.split('-')[1] ?? '';
  const former = (order.formerNumbers ?? []).map((n) => n.toLowerCase());
  return [
    order.number.toLowerCase(),
    sequence,
    String(Number(sequence)),
    ...former,
    ...searchWords(order.customerName),
  ];
}

type Counts = { onHand: number; reserved: number };

function effect(movement: Pick<StockMovement, 'kind' | 'quantity'>): Counts {
  const q = movement.quantity;
  switch (movement.kind) {
    case 'receive':
    case 'return':
    case 'adjust':
      return { onHand: q, reserved: 0 };
    case 'reserve':
      return { onHand: 0, reserved: q };
    case 'release':
      return { onHand: 0, reserved: -q };
    case 'ship':
      return { onHand: -q, reserved: -q };
  }
}

function foldLedger(movements: Iterable<Pick<StockMovement, 'variantId' | 'kind' | 'quantity'>>) {
  const levels = new Map<string, Counts>();
  for (const m of movements) {
    const counts = levels.get(m.variantId) ?? { onHand: 0, reserved: 0 };
    const change = effect(m);
    levels.set(m.variantId, {
      onHand: counts.onHand + change.onHand,
      reserved: counts.reserved + change.reserved,
    });
  }
  return levels;
}

/** v2's new fields, row by row: the search words of products, customers and orders, and the
 * customer's phone digits. Used by the upgrade below and by a restore of an older backup. */
export const V2_FIELDS: Record<'products' | 'customers' | 'orders', (row: never) => void> = {
  products: (product: Product) => {
    product.searchWords = searchWords(product.name, product.brand, product.category);
  },
  customers: (customer: Customer) => {
    customer.phoneDigits = (customer.phone ?? '').replace(/\D/g, '');
    customer.searchWords = searchWords(customer.name, customer.company, customer.email?.split('@')[0]);
  },
  orders: (order: Order) => {
    order.searchWords = orderWords(order);
  },
};

/** v2's stock level cache, built from the ledger. */
export function stockLevelRows(movements: readonly StockMovement[], updatedAt: string) {
  return [...foldLedger(movements)].map(([variantId, counts]) => ({ variantId, ...counts, updatedAt }));
}

/** v1 → v2: fills the new search fields and builds the stock level cache from the ledger. */
export async function upgradeToV2(tx: Transaction): Promise<void> {
  for (const [table, fill] of Object.entries(V2_FIELDS)) await tx.table(table).toCollection().modify(fill);
  const movements: StockMovement[] = await tx.table('stockMovements').toArray();
  await tx.table('stockLevels').bulkPut(stockLevelRows(movements, new Date().toISOString()));
}
