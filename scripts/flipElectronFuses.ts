// Flips Electron's fuses in a packed Orderline app, so a shipped desk cannot be turned into a
// plain Node runtime or have its code swapped (STYLE: fuses set at packaging time, like Signal).
import { flipFuses, FuseV1Options, FuseVersion, type FuseV1Config } from '@electron/fuses';
import { join } from 'node:path';

/** The part of electron-builder's AfterPackContext this hook reads. */
export interface PackedApp {
  appOutDir: string;
  electronPlatformName: string;
  /** electron-builder's Arch enum: 0 ia32, 1 x64, 2 armv7l, 3 arm64, 4 universal. */
  arch: number;
  packager: { appInfo: { productFilename: string }; executableName?: string };
}

const ARCH_ARM64 = 3;
const ARCH_UNIVERSAL = 4;

/** The fuse settings every Orderline build ships with. */
export const ORDERLINE_FUSES = {
  // ELECTRON_RUN_AS_NODE would make the signed binary run any script as Node.
  [FuseV1Options.RunAsNode]: false,
  // NODE_OPTIONS and --inspect would let anyone inject code or attach a debugger to the main process.
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  // app.asar is checked against the hash electron-builder embeds (macOS and Windows), and only
  // app.asar is loaded, so a loose app folder beside it cannot replace the code.
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  // Cookies on disk are encrypted with the OS keychain key.
  [FuseV1Options.EnableCookieEncryption]: true,
  // The app is served from orderline://app (src-main/appProtocol.ts), so file:// pages get no more
  // than a browser gives them: no fetch of other files, no service workers, no universal access.
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
} as const satisfies Partial<Record<FuseV1Options, boolean>>;

/** The path @electron/fuses expects: the .app bundle on macOS, the .exe on Windows, the binary on Linux. */
export function packedExecutablePath(app: PackedApp): string {
  const name = app.packager.appInfo.productFilename;
  switch (app.electronPlatformName) {
    case 'darwin':
    case 'mas':
      return join(app.appOutDir, `${name}.app`);
    case 'win32':
      return join(app.appOutDir, `${name}.exe`);
    case 'linux':
      // Linux names the binary after `linux.executableName` (lower case), not the product name.
      return join(app.appOutDir, app.packager.executableName ?? name);
    default:
      throw new Error(
        `Cannot flip Electron fuses for platform "${app.electronPlatformName}": only darwin, mas, win32 and linux are packaged.`,
      );
  }
}

/**
 * True for the packaged-app smoke test build (ORDERLINE_SMOKE_TEST_BUILD=1, CI's smoke job only):
 * it keeps the inspector fuse on so Playwright can drive the packed app. Never shipped.
 */
export function isSmokeTestBuild(env: Record<string, string | undefined> = process.env): boolean {
  return env['ORDERLINE_SMOKE_TEST_BUILD'] === '1';
}

/** The packed app's resources folder, where app.asar and the extra resources live. */
export function packedResourcesPath(app: PackedApp): string {
  if (app.electronPlatformName === 'darwin' || app.electronPlatformName === 'mas') {
    return join(app.appOutDir, `${app.packager.appInfo.productFilename}.app`, 'Contents', 'Resources');
  }
  return join(app.appOutDir, 'resources');
}

export function fuseConfigFor(app: PackedApp, smokeTest = false): FuseV1Config {
  const darwin = app.electronPlatformName === 'darwin' || app.electronPlatformName === 'mas';
  return {
    version: FuseVersion.V1,
    // Flipping a fuse breaks the ad-hoc signature Apple Silicon requires; an unsigned arm64
    // build would not launch unless the signature is reset (a real signature replaces it later).
    resetAdHocDarwinSignature: darwin && (app.arch === ARCH_ARM64 || app.arch === ARCH_UNIVERSAL),
    ...ORDERLINE_FUSES,
    ...(smokeTest ? { [FuseV1Options.EnableNodeCliInspectArguments]: true } : {}),
  };
}

type FlipFuses = (pathToElectron: string, config: FuseV1Config) => Promise<number>;

/** electron-builder's afterPack work: flip the fuses in the packed binary before it is signed. */
export async function flipOrderlineFuses(
  app: PackedApp,
  flip: FlipFuses = flipFuses,
  smokeTest = isSmokeTestBuild(),
): Promise<void> {
  await flip(packedExecutablePath(app), fuseConfigFor(app, smokeTest));
}
