// What Sell starts a sale with on this desk (settings key 'sell.defaultChannel', kept on the desk,
// never synced): a till at the shop door starts counter sales, a phone desk phone orders. A desk
// that has not been told takes the hint from its drawer: one that keeps a register is a till.
import { ORDER_CHANNELS, type OrderChannel } from '$shared/orderStatus';
import type { OrderlineDb } from '$db/database';

export const DEFAULT_CHANNEL_KEY = 'sell.defaultChannel';

/** The channel new sales start as, and why: set in Settings › Selling, or read from the desk. */
export type ChannelDefault = { channel: OrderChannel; reason: 'set' | 'register' | 'none' };

function isChannel(value: unknown): value is OrderChannel {
  return (ORDER_CHANNELS as readonly unknown[]).includes(value);
}

export function parseChannel(value: unknown): OrderChannel {
  return isChannel(value) ? value : 'phone';
}

/** The rule: the desk's own setting; unset, a desk that keeps a register sells at the counter. */
export function chooseChannel(stored: unknown, keepsRegister: boolean): ChannelDefault {
  if (isChannel(stored)) return { channel: stored, reason: 'set' };
  return keepsRegister ? { channel: 'counter', reason: 'register' } : { channel: 'phone', reason: 'none' };
}

export async function channelDefault(db: OrderlineDb, deskId: string): Promise<ChannelDefault> {
  const stored = (await db.settings.get(DEFAULT_CHANNEL_KEY))?.value;
  if (isChannel(stored)) return chooseChannel(stored, false);
  const shifts = await db.shifts.where('deskId').equals(deskId).count();
  return chooseChannel(stored, shifts > 0);
}

export async function defaultChannel(db: OrderlineDb, deskId: string): Promise<OrderChannel> {
  return (await channelDefault(db, deskId)).channel;
}

export async function setDefaultChannel(db: OrderlineDb, channel: OrderChannel): Promise<void> {
  await db.settings.put({ key: DEFAULT_CHANNEL_KEY, value: parseChannel(channel) });
}
