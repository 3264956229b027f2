import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TokenVault, type VaultStorage } from './tokenVault';

/** A stand-in for safeStorage: "encrypts" with a per-user key, so another user cannot decrypt. */
function fakeStorage(user = 'till-1', options: { available?: boolean; backend?: string } = {}): VaultStorage {
  const mark = `enc(${user}):`;
  return {
    isAsyncEncryptionAvailable: async () => options.available ?? true,
    getSelectedStorageBackend: () => (options.backend ?? 'gnome_libsecret') as never,
    encryptStringAsync: async (text) => Buffer.from(mark + Buffer.from(text).toString('hex')),
    decryptStringAsync: async (encrypted) => {
      const text = encrypted.toString();
      if (!text.startsWith(mark)) throw new Error('Error while decrypting the ciphertext provided');
      return { result: Buffer.from(text.slice(mark.length), 'hex').toString(), shouldReEncrypt: false };
    },
  };
}

let dir: string;
let file: string;
const TOKEN = 'dt_3f9a1c7e5b2d4a6c8e0f1a3b5c7d9e1f';

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'orderline-vault-'));
  file = join(dir, 'device-token.json');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('TokenVault', () => {
  it('keeps the token encrypted in the profile and gives the window only a reference', async () => {
    const vault = new TokenVault(file, fakeStorage(), 'linux');
    const kept = await vault.keep(TOKEN);
    expect(kept).toEqual({ ok: true, ref: expect.stringMatching(/^vault:[0-9a-f-]{36}$/) });
    const onDisk = await readFile(file, 'utf8');
    expect(onDisk).not.toContain(TOKEN);
    if (process.platform !== 'win32') expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await vault.reveal(kept.ok ? kept.ref : '')).toBe(TOKEN);
  });

  it('reveals nothing for another reference, a missing or damaged file, or another OS user', async () => {
    const vault = new TokenVault(file, fakeStorage('till-1'), 'darwin');
    const kept = await vault.keep(TOKEN);
    const ref = kept.ok ? kept.ref : '';
    expect(await vault.reveal('vault:00000000-0000-0000-0000-000000000000')).toBeNull();
    // The profile copied to another user's account: the ciphertext is there, the key is not.
    expect(await new TokenVault(file, fakeStorage('someone-else'), 'darwin').reveal(ref)).toBeNull();
    await writeFile(file, 'not json');
    expect(await vault.reveal(ref)).toBeNull();
    await rm(file);
    expect(await vault.reveal(ref)).toBeNull();
  });

  it('refuses, saying why, when the OS cannot protect the token', async () => {
    expect(await new TokenVault(file, fakeStorage('u', { available: false }), 'win32').keep(TOKEN)).toEqual({
      ok: false,
      message: expect.stringContaining('no protected storage'),
    });
    expect(
      await new TokenVault(file, fakeStorage('u', { backend: 'basic_text' }), 'linux').keep(TOKEN),
    ).toEqual({
      ok: false,
      message: expect.stringContaining('has no keyring'),
    });
  });

  it('re-encrypts when the OS says the key was rotated', async () => {
    const storage = fakeStorage();
    const vault = new TokenVault(file, storage, 'win32');
    const kept = await vault.keep(TOKEN);
    const before = await readFile(file, 'utf8');
    const rotated = new TokenVault(
      file,
      {
        ...storage,
        decryptStringAsync: async (encrypted) => ({
          ...(await storage.decryptStringAsync(encrypted)),
          shouldReEncrypt: true,
        }),
        encryptStringAsync: async (text) => Buffer.from(`enc(till-1):${Buffer.from(text).toString('hex')}`),
      },
      'win32',
    );
    expect(await rotated.reveal(kept.ok ? kept.ref : '')).toBe(TOKEN);
    expect(JSON.parse(await readFile(file, 'utf8')).ref).toBe(JSON.parse(before).ref);
  });
});
