// What Sell starts a sale with on this desk (settings key 'sell.defaultChannel'): a till at the
// shop door starts counter sales, a phone desk phone orders.
import { ORDER_CHANNELS, type OrderChannel } from '../../../src-shared/orderStatus';
import type { OrderlineDb } from '../db/database';

export const DEFAULT_CHANNEL_KEY = 'sell.defaultChannel';

export function parseChannel(value: unknown): OrderChannel {
  return (ORDER_CHANNELS as readonly unknown[]).includes(value) ? (value as OrderChannel) : 'phone';
}

export async function defaultChannel(db: OrderlineDb): Promise<OrderChannel> {
  return parseChannel((await db.settings.get(DEFAULT_CHANNEL_KEY))?.value);
}

export async function setDefaultChannel(db: OrderlineDb, channel: OrderChannel): Promise<void> {
  await db.settings.put({ key: DEFAULT_CHANNEL_KEY, value: parseChannel(channel) });
}
