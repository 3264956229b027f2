// The unit price a desk puts on a new cart line, checked against the store's catalogue on the
// server. A price the catalogue gives is the desk's to use; so is one the catalogue gave in the
// last OFFLINE_GRACE_DAYS (a desk offline since had not heard of the change), the price of an open
// quote for the same variant, and the line's own earlier price on the same order (a cleared cart
// put back). Anything else is a price override, which needs a role or an approval (staffChecks).
import { isGiftCardLine } from '../src-shared/balances';
import { money, toDecimalString } from '../src-shared/money';
import type { Order, OrderEvent } from '../src-shared/records';
import type { PushContext } from './pushContext';

/** How long a superseded catalogue price is still taken from a desk that may not have pulled since. */
export const OFFLINE_GRACE_DAYS = 30;

type AddItem = { type: 'cart.addItem'; lineId: string; variantId: string; sku: string; unitPrice: number };

/** Whether the catalogue gave the variant this price in a version in force within the grace period. */
async function recentlyListed(ctx: PushContext, variantId: string, unitPrice: number): Promise<boolean> {
  const versions = await ctx.tx.query<{ amount: unknown; recent: boolean }>(
    `SELECT record->'price'->>'amount' AS amount,
            created_at >= now() - make_interval(days => $3) AS recent
       FROM change_log
      WHERE store_id = $1 AND table_name = 'variants' AND record_id = $2
      ORDER BY seq DESC LIMIT 50`,
    [ctx.device.storeId, variantId, OFFLINE_GRACE_DAYS],
  );
  // Newest first: every version logged within the grace period, and the one they replaced.
  for (const version of versions) {
    if (Number(version.amount) === unitPrice) return true;
    if (!version.recent) return false;
  }
  return false;
}

async function quoted(ctx: PushContext, orderId: string, event: AddItem): Promise<boolean> {
  const [row] = await ctx.tx.query(
    `SELECT 1 FROM records
      WHERE store_id = $1 AND table_name = 'quotes'
        AND data->'lines' @> jsonb_build_array(jsonb_build_object(
              'variantId', $2::text, 'unitPrice', jsonb_build_object('amount', $3::int)))
        AND coalesce(data->>'convertedOrderId', $4) = $4
      LIMIT 1`,
    [ctx.device.storeId, event.variantId, event.unitPrice, orderId],
  );
  return row !== undefined;
}

async function pricedBefore(ctx: PushContext, orderId: string, event: AddItem): Promise<boolean> {
  const [row] = await ctx.tx.query(
    `SELECT 1 FROM order_events
      WHERE store_id = $1 AND order_id = $2
        AND data->'event'->>'lineId' = $3 AND data->'event'->>'unitPrice' = $4
      LIMIT 1`,
    [ctx.device.storeId, orderId, event.lineId, String(event.unitPrice)],
  );
  return row !== undefined;
}

/**
 * Why the price of a cart.addItem is not one the catalogue gives (so it is a price override), or
 * null when it is. Any other event: null. Scale-label lines (products sold by weight) carry the
 * price the scale printed, a gift card is sold at its value, and a store's uploaded history predates
 * the server's catalogue: all null.
 */
export async function unlistedPrice(
  ctx: PushContext,
  order: Order,
  pushed: Pick<OrderEvent, 'event' | 'at'>,
): Promise<string | null> {
  if (pushed.event.type !== 'cart.addItem') return null;
  const event = pushed.event as AddItem;
  // A gift card is sold at the value the customer asks for: its line is the card, not a catalogue item.
  if (isGiftCardLine(event)) return null;
  const amount = (minor: number) => toDecimalString(money(minor, order.currency));
  const before = await ctx.uploadedHistoryBefore();
  if (before && pushed.at < before) return null;
  const [listed] = await ctx.tx.query<{ amount: unknown; by_weight: unknown }>(
    `SELECT v.data->'price'->>'amount' AS amount, p.data->>'soldByWeight' AS by_weight
       FROM records v
       LEFT JOIN records p ON p.store_id = v.store_id AND p.table_name = 'products'
                          AND p.id::text = v.data->>'productId'
      WHERE v.store_id = $1 AND v.table_name = 'variants' AND v.id = $2`,
    [ctx.device.storeId, event.variantId],
  );
  if (!listed) {
    if (await quoted(ctx, order.id, event)) return null;
    return `${event.sku} is not in the store's catalogue on the server, so its price ${amount(event.unitPrice)} is not the catalogue's`;
  }
  if (listed.by_weight === 'true') return null;
  const price = Number(listed.amount);
  if (price === event.unitPrice) return null;
  if (await pricedBefore(ctx, order.id, event)) return null;
  if (await quoted(ctx, order.id, event)) return null;
  if (await recentlyListed(ctx, event.variantId, event.unitPrice)) return null;
  return `${event.sku} at ${amount(event.unitPrice)} is not its catalogue price (${amount(price)})`;
}
