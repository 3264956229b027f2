// Keeps the desk's sync token out of the window's storage: the main process encrypts it with the
// OS (Electron safeStorage: DPAPI on Windows, the Keychain on macOS, the Secret Service or KWallet
// on Linux) into one file in the profile, and the window stores only a reference. A profile copied
// to another computer or user account holds the reference and ciphertext, never a usable token.
import type { SafeStorage } from 'electron';
import { randomUUID } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { z } from 'zod';

export const VAULT_REF_PREFIX = 'vault:';
export const TOKEN_FILE = 'device-token.json';

export type VaultStorage = Pick<
  SafeStorage,
  'isAsyncEncryptionAvailable' | 'encryptStringAsync' | 'decryptStringAsync'
> &
  Partial<Pick<SafeStorage, 'getSelectedStorageBackend'>>;

export type KeepOutcome = { ok: true; ref: string } | { ok: false; message: string };

const storedSchema = z.object({ ref: z.string().startsWith(VAULT_REF_PREFIX), encrypted: z.base64() });

export class TokenVault {
  constructor(
    private readonly file: string,
    private readonly storage: VaultStorage,
    private readonly platform: NodeJS.Platform = process.platform,
  ) {}

  /** Why the OS cannot protect the token here, or null when it can. */
  async unavailableReason(): Promise<string | null> {
    if (!(await this.storage.isAsyncEncryptionAvailable())) {
      return 'This computer offers Orderline no protected storage (no keychain or keyring is unlocked)';
    }
    // Without a keyring Linux falls back to a fixed key: that is obscured text, not protection.
    if (this.platform === 'linux' && this.storage.getSelectedStorageBackend?.() === 'basic_text') {
      return 'This Linux session has no keyring (GNOME Keyring or KWallet), so the token could only be obscured, not protected';
    }
    return null;
  }

  /** Encrypts the token into the profile's token file; the window keeps the returned reference. */
  async keep(token: string): Promise<KeepOutcome> {
    const unavailable = await this.unavailableReason();
    if (unavailable) return { ok: false, message: unavailable };
    const ref = `${VAULT_REF_PREFIX}${randomUUID()}`;
    const encrypted = (await this.storage.encryptStringAsync(token)).toString('base64');
    await writeFile(this.file, `${JSON.stringify({ ref, encrypted })}\n`, { mode: 0o600 });
    return { ok: true, ref };
  }

  /**
   * The token behind `ref`, or null when this profile's token file does not hold it (another
   * enrollment replaced it, the file is gone) or this OS user cannot decrypt it (a copied profile).
   */
  async reveal(ref: string): Promise<string | null> {
    let stored: z.infer<typeof storedSchema>;
    try {
      stored = storedSchema.parse(JSON.parse(await readFile(this.file, 'utf8')));
    } catch {
      return null;
    }
    if (stored.ref !== ref) return null;
    try {
      const { result, shouldReEncrypt } = await this.storage.decryptStringAsync(
        Buffer.from(stored.encrypted, 'base64'),
      );
      if (shouldReEncrypt) {
        const encrypted = (await this.storage.encryptStringAsync(result)).toString('base64');
        await writeFile(this.file, `${JSON.stringify({ ref, encrypted })}\n`, { mode: 0o600 });
      }
      return result;
    } catch {
      return null;
    }
  }
}
