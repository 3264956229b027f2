// Where the desk keeps what sync needs between runs: the server address, its enrollment and the
// pull cursor, as rows of the settings table (keys 'sync.server', 'sync.device', 'sync.cursor').
import { z } from 'zod';
import type { OrderlineDb } from '$db/database';
import { tokenFromStore, tokenToStore, VAULT_REF_PREFIX, type TokenVaultBridge } from './tokenVault';

export const SERVER_KEY = 'sync.server';
export const DEVICE_KEY = 'sync.device';
export const CURSOR_KEY = 'sync.cursor';
/** This desk's code, id and name (the row Sell, Pack and the register read as `currentDesk`). */
export const DESK_KEY = 'desk';

export const EnrolledDeviceSchema = z.object({
  deviceId: z.string().min(1),
  /** The token, or the OS vault's reference to it (sync/tokenVault.ts). */
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
  /** True when the token is in the OS vault and this database holds only a reference to it. */
  tokenInVault?: boolean;
}

/**
 * The server and enrollment with the token to send, or null while this desk has not been enrolled
 * (or its token is in an OS vault this computer or user cannot open: a copied profile enrolls again).
 */
export async function readSyncSettings(
  db: OrderlineDb,
  vault?: TokenVaultBridge,
): Promise<SyncSettings | null> {
  const [server, device] = await Promise.all([db.settings.get(SERVER_KEY), db.settings.get(DEVICE_KEY)]);
  const parsed = EnrolledDeviceSchema.safeParse(device?.value);
  if (typeof server?.value !== 'string' || !parsed.success) return null;
  const token = await tokenFromStore(parsed.data.token, vault);
  if (!token) return null;
  const inVault = token !== parsed.data.token || (await moveTokenToVault(db, parsed.data, vault));
  return { serverUrl: server.value, device: { ...parsed.data, token }, tokenInVault: inVault };
}

/**
 * A desk enrolled before the desktop app had a vault (or while its keychain was locked) holds its
 * token in plain text: the first read where the OS vault takes it stores the reference instead.
 * True when the token is in the vault now. The row is rewritten only if it still holds that token.
 */
async function moveTokenToVault(
  db: OrderlineDb,
  device: EnrolledDevice,
  vault?: TokenVaultBridge,
): Promise<boolean> {
  if (device.token.startsWith(VAULT_REF_PREFIX)) return true;
  const ref = await tokenToStore(device.token, vault);
  if (ref === device.token) return false;
  return db.transaction('rw', db.settings, async () => {
    const row = EnrolledDeviceSchema.safeParse((await db.settings.get(DEVICE_KEY))?.value);
    if (!row.success || row.data.token !== device.token) return false;
    await db.settings.put({ key: DEVICE_KEY, value: { ...row.data, token: ref } });
    return true;
  });
}

export async function readCursor(db: OrderlineDb): Promise<number> {
  const row = await db.settings.get(CURSOR_KEY);
  return typeof row?.value === 'number' && Number.isInteger(row.value) && row.value >= 0 ? row.value : 0;
}
