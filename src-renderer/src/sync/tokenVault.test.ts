// The desk's sync token goes to the OS vault when the desktop app offers one, and the desk keeps
// only a reference; in a browser it stays in IndexedDB. Enrolling and reading the settings go
// through it, so the token that is sent is always the real one.
import { describe, expect, it, vi } from 'vitest';
import { OrderlineDb } from '$db/database';
import { enroll } from './enroll';
import { DEVICE_KEY, readSyncSettings } from './syncSettings';
import { tokenFromStore, tokenProtection, tokenToStore, type TokenVaultBridge } from './tokenVault';

const REF = 'vault:0f8c1c9e-2b4d-4e6f-8a0b-1c2d3e4f5a6b';

function osVault(): TokenVaultBridge & { kept: Map<string, string> } {
  const kept = new Map<string, string>();
  return {
    kept,
    keepDeviceToken: vi.fn(async (token: string) => {
      kept.set(REF, token);
      return { ok: true as const, ref: REF };
    }),
    deviceToken: vi.fn(async (ref: string) => kept.get(ref) ?? null),
  };
}

const noVault: TokenVaultBridge = {
  keepDeviceToken: async () => ({
    ok: false,
    message: 'In a browser the device token is kept in this browser’s storage',
  }),
  deviceToken: async () => null,
};

const enrollAnswer = {
  protocolVersion: 1,
  deviceId: '0193c0de-0000-7000-8000-000000000001',
  token: 'dt_secret_token_value_long_enough_for_the_schema',
  storeId: '0193c0de-0000-7000-8000-0000000000aa',
  storeName: 'Corner Shop',
  deskCode: 'D1',
};
const fakeFetch = async () => new Response(JSON.stringify(enrollAnswer), { status: 200 });

describe('tokenVault', () => {
  it('stores a reference when the OS keeps the token, the token itself when it cannot', async () => {
    expect(await tokenToStore('dt_1', osVault())).toBe(REF);
    expect(await tokenToStore('dt_1', noVault)).toBe('dt_1');
    expect(
      await tokenToStore('dt_1', {
        ...noVault,
        keepDeviceToken: async () => Promise.reject(new Error('IPC gone')),
      }),
    ).toBe('dt_1');
  });

  it('gives back the token behind a reference, a plain token as it is, and null when the vault has none', async () => {
    const vault = osVault();
    await tokenToStore('dt_1', vault);
    expect(await tokenFromStore(REF, vault)).toBe('dt_1');
    expect(await tokenFromStore('dt_plain', vault)).toBe('dt_plain');
    expect(await tokenFromStore(REF, noVault)).toBeNull();
  });

  it('says how the token is protected, in one sentence each way', () => {
    expect(tokenProtection(true)).toContain('encrypted by this computer’s keychain');
    expect(tokenProtection(false)).toContain('without encryption');
  });
});

describe('enrolling with the OS vault', () => {
  it('keeps only the reference in IndexedDB and sends the real token', async () => {
    const db = new OrderlineDb(`vault-${crypto.randomUUID()}`);
    const vault = osVault();
    await enroll(db, 'https://sync.example', 'ABCD-EFGH', 'Till 1', { fetch: fakeFetch as never, vault });
    const stored = (await db.settings.get(DEVICE_KEY))?.value as { token: string };
    expect(stored.token).toBe(REF);
    expect(JSON.stringify(await db.settings.toArray())).not.toContain(
      'dt_secret_token_value_long_enough_for_the_schema',
    );
    const settings = await readSyncSettings(db, vault);
    expect(settings?.device.token).toBe('dt_secret_token_value_long_enough_for_the_schema');
    expect(settings?.tokenInVault).toBe(true);
    // The same database on a computer or user whose vault cannot open it: not enrolled here.
    expect(await readSyncSettings(db, noVault)).toBeNull();
    db.close();
  });

  it('keeps the token in IndexedDB in a browser, and says so', async () => {
    const db = new OrderlineDb(`vault-${crypto.randomUUID()}`);
    await enroll(db, 'https://sync.example', 'ABCD-EFGH', 'Till 1', {
      fetch: fakeFetch as never,
      vault: noVault,
    });
    const settings = await readSyncSettings(db, noVault);
    expect(settings?.device.token).toBe('dt_secret_token_value_long_enough_for_the_schema');
    expect(settings?.tokenInVault).toBe(false);
    db.close();
  });

  it('moves a plain token of a desk enrolled before the vault into it, once, the first time it is read', async () => {
    const db = new OrderlineDb(`vault-${crypto.randomUUID()}`);
    await enroll(db, 'https://sync.example', 'ABCD-EFGH', 'Till 1', {
      fetch: fakeFetch as never,
      vault: noVault,
    });
    const vault = osVault();
    const settings = await readSyncSettings(db, vault);
    expect(settings?.device.token).toBe('dt_secret_token_value_long_enough_for_the_schema');
    expect(settings?.tokenInVault).toBe(true);
    expect(((await db.settings.get(DEVICE_KEY))?.value as { token: string }).token).toBe(REF);
    expect(JSON.stringify(await db.settings.toArray())).not.toContain('dt_secret');
    // Read again: the token comes from the vault and is not stored a second time.
    expect((await readSyncSettings(db, vault))?.device.token).toBe(
      'dt_secret_token_value_long_enough_for_the_schema',
    );
    expect(vault.keepDeviceToken).toHaveBeenCalledTimes(1);
    db.close();
  });
});
