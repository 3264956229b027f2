// Where the desk keeps what sync needs between runs: the server address, its enrollment and the
// pull cursor, as rows of the settings table (keys 'sync.server', 'sync.device', 'sync.cursor').
import { z } from 'zod';
import type { OrderlineDb } from '../db/database';

export const SERVER_KEY = 'sync.server';
export const DEVICE_KEY = 'sync.device';
export const CURSOR_KEY = 'sync.cursor';
/** This desk's code, id and name (the row Sell, Pack and the register read as `currentDesk`). */
export const DESK_KEY = 'desk';

export const EnrolledDeviceSchema = z.object({
  deviceId: z.string().min(1),
  token: z.string().min(1),
  storeId: z.string().min(1),
  storeName: z.string(),
  /** Absent on desks enrolled before the server chose desk codes. */
  deskCode: z.string().optional(),
  enrolledAt: z.string(),
});
export type EnrolledDevice = z.infer<typeof EnrolledDeviceSchema>;

export interface SyncSettings {
  serverUrl: string;
  device: EnrolledDevice;
}

/** The server and enrollment, or null while this desk has not been enrolled. */
export async function readSyncSettings(db: OrderlineDb): Promise<SyncSettings | null> {
  const [server, device] = await Promise.all([db.settings.get(SERVER_KEY), db.settings.get(DEVICE_KEY)]);
  const parsed = EnrolledDeviceSchema.safeParse(device?.value);
  if (typeof server?.value !== 'string' || !parsed.success) return null;
  return { serverUrl: server.value, device: parsed.data };
}

export async function readCursor(db: OrderlineDb): Promise<number> {
  const row = await db.settings.get(CURSOR_KEY);
  return typeof row?.value === 'number' && Number.isInteger(row.value) && row.value >= 0 ? row.value : 0;
}
