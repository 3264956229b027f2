// The afterPack hook flips the right fuses in the right file for every platform, and the real
// hook electron-builder loads (scripts/afterPack.mjs) rewrites a binary's fuse wire.
import { getCurrentFuseWire, FuseV1Options, FuseVersion, type FuseV1Config } from '@electron/fuses';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  flipOrderlineFuses,
  fuseConfigFor,
  isSmokeTestBuild,
  packedResourcesPath,
  packedExecutablePath,
  type PackedApp,
} from '../../scripts/flipElectronFuses';

const X64 = 1;
const ARM64 = 3;
const UNIVERSAL = 4;

function packedApp(platform: string, arch = X64, appOutDir = '/build/dist/unpacked'): PackedApp {
  return {
    appOutDir,
    electronPlatformName: platform,
    arch,
    packager: {
      appInfo: { productFilename: 'Orderline' },
      ...(platform === 'linux' ? { executableName: 'orderline' } : {}),
    },
  };
}

const expectedFuses = {
  [FuseV1Options.RunAsNode]: false,
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  [FuseV1Options.EnableCookieEncryption]: true,
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
};

describe('flipOrderlineFuses', () => {
  it.each([
    ['win32', join('/build/dist/unpacked', 'Orderline.exe')],
    ['darwin', join('/build/dist/unpacked', 'Orderline.app')],
    ['mas', join('/build/dist/unpacked', 'Orderline.app')],
    ['linux', join('/build/dist/unpacked', 'orderline')],
  ])('on %s flips the packed executable at %s', async (platform, expectedPath) => {
    const flip = vi.fn(async (_path: string, _config: FuseV1Config) => 1);
    await flipOrderlineFuses(packedApp(platform), flip);
    expect(flip).toHaveBeenCalledTimes(1);
    expect(flip.mock.calls[0]?.[0]).toBe(expectedPath);
  });

  it('turns off Node entry points and file:// privileges, turns on asar-only loading, asar integrity and cookie encryption', async () => {
    const flip = vi.fn(async (_path: string, _config: FuseV1Config) => 1);
    await flipOrderlineFuses(packedApp('win32'), flip, false);
    expect(flip.mock.calls[0]?.[1]).toEqual({
      version: FuseVersion.V1,
      resetAdHocDarwinSignature: false,
      ...expectedFuses,
    });
  });

  it('keeps only the inspector fuse on for the smoke-test build, which Playwright must attach to', async () => {
    const flip = vi.fn(async (_path: string, _config: FuseV1Config) => 1);
    await flipOrderlineFuses(packedApp('linux'), flip, true);
    expect(flip.mock.calls[0]?.[1]).toEqual({
      version: FuseVersion.V1,
      resetAdHocDarwinSignature: false,
      ...expectedFuses,
      [FuseV1Options.EnableNodeCliInspectArguments]: true,
    });
    expect(isSmokeTestBuild({ ORDERLINE_SMOKE_TEST_BUILD: '1' })).toBe(true);
    expect(isSmokeTestBuild({})).toBe(false);
    expect(isSmokeTestBuild({ ORDERLINE_SMOKE_TEST_BUILD: 'yes please' })).toBe(false);
  });

  it('resets the ad-hoc signature only for Apple Silicon and universal macOS builds', () => {
    expect(fuseConfigFor(packedApp('darwin', ARM64)).resetAdHocDarwinSignature).toBe(true);
    expect(fuseConfigFor(packedApp('darwin', UNIVERSAL)).resetAdHocDarwinSignature).toBe(true);
    expect(fuseConfigFor(packedApp('darwin', X64)).resetAdHocDarwinSignature).toBe(false);
    expect(fuseConfigFor(packedApp('linux', ARM64)).resetAdHocDarwinSignature).toBe(false);
  });

  it('finds the resources folder inside the macOS bundle and beside the binary elsewhere', () => {
    expect(packedResourcesPath(packedApp('darwin'))).toBe(
      join('/build/dist/unpacked', 'Orderline.app', 'Contents', 'Resources'),
    );
    expect(packedResourcesPath(packedApp('win32'))).toBe(join('/build/dist/unpacked', 'resources'));
    expect(packedResourcesPath(packedApp('linux'))).toBe(join('/build/dist/unpacked', 'resources'));
  });

  it('falls back to the product name when a Linux packager names no executable', () => {
    const app = packedApp('linux');
    delete app.packager.executableName;
    expect(packedExecutablePath(app)).toBe(join('/build/dist/unpacked', 'Orderline'));
  });

  it('refuses a platform it cannot package, saying which ones it can', () => {
    expect(() => packedExecutablePath(packedApp('freebsd'))).toThrow(/only darwin, mas, win32 and linux/);
  });
});

describe('the afterPack hook electron-builder loads', () => {
  // Electron's fuse wire: a sentinel, the wire version, its length, then one byte per fuse
  // ('0' off, '1' on). Eight fuses, all on, as a fresh Electron ships most of them.
  const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
  const fakeElectron = Buffer.concat([
    Buffer.from('\x7fELF not really electron '),
    Buffer.from(SENTINEL),
    Buffer.from([1, 8]),
    Buffer.from('11111111'),
    Buffer.from(' trailing bytes'),
  ]);
  let dir: string | undefined;

  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
    dir = undefined;
  });

  it('rewrites the fuse wire of the packed Linux binary and writes the licence notices beside app.asar', async () => {
    dir = await mkdtemp(join(tmpdir(), 'orderline-fuses-'));
    const binary = join(dir, 'orderline');
    await writeFile(binary, fakeElectron);

    const hookUrl = pathToFileURL(join(process.cwd(), 'scripts', 'afterPack.mjs')).href;
    const hook = (await import(/* @vite-ignore */ hookUrl)) as { default: (app: PackedApp) => Promise<void> };
    await hook.default(packedApp('linux', X64, dir));

    const wire = await getCurrentFuseWire(binary);
    const on = 49;
    const off = 48;
    expect(wire[FuseV1Options.RunAsNode]).toBe(off);
    expect(wire[FuseV1Options.EnableCookieEncryption]).toBe(on);
    expect(wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(off);
    expect(wire[FuseV1Options.EnableNodeCliInspectArguments]).toBe(off);
    expect(wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(on);
    expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(on);
    expect(wire[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(off);
    // Fuses Orderline does not set keep what Electron shipped.
    expect(wire[FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]).toBe(on);
    expect((await readFile(binary)).length).toBe(fakeElectron.length);

    const notices = await readFile(join(dir, 'resources', 'THIRD-PARTY-NOTICES.txt'), 'utf8');
    expect(notices).toMatch(/^Orderline includes the following third-party software/);
    expect(notices).toContain('\ndexie ');
  }, 60_000);
});
