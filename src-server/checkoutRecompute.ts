// A pushed checkout's figures worked out again on the server, from the order as the server folded
// it and the store's rules (storeRules), with the desk's own pricing (src-shared/checkoutCheck).
import type { CartLine } from '../src-shared/cartPricing';
import { checkoutMismatch, expectedCheckout } from '../src-shared/checkoutCheck';
import type { Order, OrderEvent } from '../src-shared/records';
import type { Sql } from './db';
import { referralFactsOf } from './referralRecords';
import { storeRules } from './storeRules';

type CatalogRow = {
  id: string;
  table_name: string;
  data: { productId?: string; weightGrams?: number; category?: string };
};

/** The order's lines as pricing reads them, with weight and category from the store's catalog. */
async function cartLines(tx: Sql, storeId: string, order: Order): Promise<CartLine[]> {
  const variantIds = [...new Set(order.lines.map((l) => l.variantId))];
  const variants = await tx.query<CatalogRow>(
    `SELECT id::text AS id, table_name, data FROM records
      WHERE store_id = $1 AND table_name = 'variants' AND id = ANY($2::uuid[])`,
    [storeId, variantIds],
  );
  const variantById = new Map(variants.map((v) => [v.id, v.data]));
  const productIds = [...new Set(variants.flatMap((v) => (v.data.productId ? [v.data.productId] : [])))];
  const products = productIds.length
    ? await tx.query<CatalogRow>(
        `SELECT id::text AS id, table_name, data FROM records
          WHERE store_id = $1 AND table_name = 'products' AND id = ANY($2::uuid[])`,
        [storeId, productIds],
      )
    : [];
  const productById = new Map(products.map((p) => [p.id, p.data]));
  return order.lines.map((line) => {
    const variant = variantById.get(line.variantId);
    const productId = variant?.productId;
    const product = productId ? productById.get(productId) : undefined;
    return {
      lineId: line.id,
      sku: line.sku,
      name: line.name,
      quantity: line.quantity,
      unitPrice: line.unitPrice,
      taxClass: line.taxClass,
      ...(line.discount ? { discount: line.discount } : {}),
      ...(productId && product ? { productId, category: product.category } : {}),
      weightGrams: variant?.weightGrams ?? 0,
    };
  });
}

async function usedPromoCodes(tx: Sql, storeId: string, order: Order): Promise<string[]> {
  if (!order.customerId || !order.promoCode) return [];
  const rows = await tx.query<{ code: string }>(
    `SELECT data->>'promoCode' AS code FROM orders
      WHERE store_id = $1 AND id <> $2 AND status <> 'cancelled'
        AND data->>'customerId' = $3 AND data ? 'promoCode'`,
    [storeId, order.id, order.customerId],
  );
  return rows.map((r) => r.code);
}

/** Why the checkout cannot stand as claimed, or null when the store's rules give the same figures. */
export async function checkoutRefusal(
  tx: Sql,
  storeId: string,
  checkedOut: Order,
  pushed: Pick<OrderEvent, 'event' | 'details' | 'at'>,
): Promise<string | null> {
  const expected = expectedCheckout(await storeRules(tx, storeId, checkedOut.createdAt), {
    order: checkedOut,
    lines: await cartLines(tx, storeId, checkedOut),
    usedCodes: await usedPromoCodes(tx, storeId, checkedOut),
    referral: await referralFactsOf(tx, storeId, checkedOut),
    now: new Date(pushed.at),
  });
  if (!expected.ok) return `the checkout cannot be priced with the store's rules: ${expected.reason}`;
  const total = (pushed.event as { total?: unknown }).total;
  const claimed = (pushed.details as { totals?: Parameters<typeof checkoutMismatch>[2] } | undefined)?.totals;
  return checkoutMismatch(expected.figures, typeof total === 'number' ? total : NaN, claimed);
}
