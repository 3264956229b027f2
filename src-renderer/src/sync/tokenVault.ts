// Where the desk's sync token lives. In the desktop app the OS encrypts it (main process, Electron
// safeStorage) and the desk's database keeps only a reference ("vault:…"); a copied profile then
// cannot sync as this desk. In a browser, or where the computer has no keychain, the token stays
// in IndexedDB as before, and Settings says so.
import type { OrderlineBridge } from '$shared/bridge';
import { bridge } from '$lib/bridge';

export const VAULT_REF_PREFIX = 'vault:';

export type TokenVaultBridge = Pick<OrderlineBridge, 'keepDeviceToken' | 'deviceToken'>;

/** What the desk stores for a new token: the OS vault's reference, or the token where there is none. */
export async function tokenToStore(token: string, vault: TokenVaultBridge = bridge): Promise<string> {
  const kept = await vault.keepDeviceToken(token).catch(() => null);
  return kept?.ok ? kept.ref : token;
}

/** The token to send, from what the desk stored; null when the vault no longer has it for this user. */
export async function tokenFromStore(
  stored: string,
  vault: TokenVaultBridge = bridge,
): Promise<string | null> {
  if (!stored.startsWith(VAULT_REF_PREFIX)) return stored;
  return vault.deviceToken(stored).catch(() => null);
}

/** One sentence for Settings: how the desk's token is protected. */
export function tokenProtection(inVault: boolean): string {
  return inVault
    ? 'The device token is encrypted by this computer’s keychain; a copy of this desk’s data cannot sync as this desk.'
    : 'The device token is kept in this desk’s storage without encryption (a browser, or a computer with no keychain): anyone who copies this browser profile can sync as this desk until a manager revokes it.';
}
