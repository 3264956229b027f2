// Reading what an export needs from the desk's tables and writing it as CSV text (src-shared/csvExport).
import { customersCsv, ordersCsv, productsCsv, stockCsv } from '$shared/csvExport';
import type { OrderlineDb } from './database';

export const EXPORT_KINDS = ['products', 'customers', 'orders', 'stock'] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

export const EXPORT_NAMES: Record<ExportKind, string> = {
  products: 'Products',
  customers: 'Customers',
  orders: 'Orders',
  stock: 'Stock',
};

async function levelsById(db: OrderlineDb) {
  return new Map((await db.stockLevels.toArray()).map((l) => [l.variantId, l]));
}

/** The CSV text of one export and how many records it holds. */
export async function exportCsv(db: OrderlineDb, kind: ExportKind): Promise<{ text: string; count: number }> {
  switch (kind) {
    case 'products': {
      const [products, variants, levels] = await Promise.all([
        db.products.orderBy('name').toArray(),
        db.variants.toArray(),
        levelsById(db),
      ]);
      return { text: productsCsv(products, variants, levels), count: variants.length };
    }
    case 'customers': {
      const customers = await db.customers.orderBy('name').toArray();
      return { text: customersCsv(customers), count: customers.length };
    }
    case 'orders': {
      const orders = await db.orders.orderBy('createdAt').toArray();
      return { text: ordersCsv(orders), count: orders.length };
    }
    case 'stock': {
      const [products, variants, levels] = await Promise.all([
        db.products.toArray(),
        db.variants.toArray(),
        levelsById(db),
      ]);
      return {
        text: stockCsv(new Map(products.map((p) => [p.id, p])), variants, levels),
        count: variants.length,
      };
    }
  }
}

/** orderline-products-2026-12-07.csv */
export function exportFileName(kind: ExportKind, now = new Date()): string {
  return `orderline-${kind}-${now.toISOString().slice(0, 10)}.csv`;
}
