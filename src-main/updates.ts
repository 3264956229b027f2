// Background updates with electron-updater: check at start and every few hours, download quietly,
// check Orderline's own signature on the package (updateSignature.ts), and install it silently only
// when Orderline quits or the user asks for it while no sale is open.
import type { KeyObject } from 'node:crypto';
import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import type { AppUpdater } from 'electron-updater';
import { z } from 'zod';
import type { AppLog } from './logging';
import { parsePublicKey, signatureUrl, verifyDigest, verifyUpdateFile } from './updateSignature';

/** The part of electron-updater's autoUpdater this module drives. */
export type Updater = Pick<
  AppUpdater,
  | 'autoDownload'
  | 'autoInstallOnAppQuit'
  | 'logger'
  | 'setFeedURL'
  | 'checkForUpdates'
  | 'quitAndInstall'
  | 'on'
>;

export const DEFAULT_CHECK_EVERY_HOURS = 4;

export type UpdateConfig =
  | { enabled: false; reason: string }
  | { enabled: true; feedUrl: string | null; checkEveryHours: number; publicKey: KeyObject };

// The feed decides what code the desk runs next: only https, or http on this machine for testing.
const feedUrlSchema = z
  .url({
    protocol: /^https?$/,
    error: 'is not a web address',
  })
  .refine((url) => {
    const { protocol, hostname } = new URL(url);
    return protocol === 'https:' || hostname === 'localhost' || hostname === '127.0.0.1';
  }, 'must use https (plain http is accepted only for localhost)');

/**
 * Reads the update settings. Development builds never update, and neither does a build without the
 * release key (nothing it downloads could be checked). ORDERLINE_UPDATES=off turns updates off;
 * ORDERLINE_UPDATE_URL replaces the feed the installer was built with (electron-builder's `publish`
 * setting, written into the app as app-update.yml), and is used only while that feed's channel file
 * carries the release key's signature (UpdateService checks it before every check).
 */
export function updateConfigFrom(
  env: Record<string, string | undefined>,
  isPackaged: boolean,
  publicKeyText: string,
): UpdateConfig {
  if (!isPackaged) return { enabled: false, reason: 'Updates are off in a development build.' };
  const switchValue = env['ORDERLINE_UPDATES']?.trim().toLowerCase();
  if (switchValue === 'off') return { enabled: false, reason: 'Updates are off (ORDERLINE_UPDATES=off).' };
  if (switchValue && switchValue !== 'on') {
    return {
      enabled: false,
      reason: `ORDERLINE_UPDATES is "${env['ORDERLINE_UPDATES']}"; it must be on or off, so updates stay off until it is fixed.`,
    };
  }
  if (!publicKeyText.trim()) {
    return {
      enabled: false,
      reason:
        'Updates are off: this build has no update signing key, so it could not tell an Orderline update from any other file.',
    };
  }
  let publicKey: KeyObject;
  try {
    publicKey = parsePublicKey(publicKeyText);
  } catch (error) {
    return { enabled: false, reason: `Updates are off: ${(error as Error).message}.` };
  }
  const customFeed = env['ORDERLINE_UPDATE_URL']?.trim();
  if (!customFeed) {
    return { enabled: true, feedUrl: null, checkEveryHours: DEFAULT_CHECK_EVERY_HOURS, publicKey };
  }
  const parsed = feedUrlSchema.safeParse(customFeed);
  if (!parsed.success) {
    return {
      enabled: false,
      reason: `ORDERLINE_UPDATE_URL "${customFeed}" ${parsed.error.issues[0]?.message ?? 'is not usable'}; updates stay off until it is fixed.`,
    };
  }
  return { enabled: true, feedUrl: parsed.data, checkEveryHours: DEFAULT_CHECK_EVERY_HOURS, publicKey };
}

/** The channel file electron-updater reads on this platform. */
export function channelFileFor(platform: NodeJS.Platform): string {
  if (platform === 'darwin') return 'latest-mac.yml';
  if (platform === 'linux') return 'latest-linux.yml';
  return 'latest.yml';
}

export type RestartOutcome = { ok: true } | { ok: false; message: string };

export interface UpdateServiceOptions {
  config: UpdateConfig;
  /** Loads electron-updater only when updates are on, so development builds never touch it. */
  loadUpdater: () => Promise<Updater>;
  log: AppLog;
  /**
   * Announces a downloaded, checked update to the window, with its version: at once when no sale is
   * open, else as soon as the sale closes (a notice never appears during a sale).
   */
  onReady: (version: string) => void;
  /** Fetches a text file (a signature, a channel file); rejects on a network error or non-2xx. */
  fetchText: (url: string) => Promise<string>;
  /** The feed written into the installed app (resources/app-update.yml), or null. */
  bakedFeedUrl: () => Promise<string | null>;
  /** latest.yml, latest-mac.yml or latest-linux.yml. */
  channelFile: string;
}

/** What electron-updater's update-downloaded event carries that this module reads. */
interface DownloadedUpdate {
  version: string;
  downloadedFile: string;
}

/** Runs the update checks and decides when a downloaded update may be installed. */
export class UpdateService {
  #busy = false;
  #readyVersion: string | null = null;
  #updater: Updater | null = null;
  #timer: ReturnType<typeof setInterval> | undefined;
  #installing = false;
  #announced = false;
  #publicKey: KeyObject | null = null;

  constructor(private readonly options: UpdateServiceOptions) {}

  /** The version waiting to be installed, or null. */
  get readyVersion(): string | null {
    return this.#readyVersion;
  }

  /** The window reports whether a sale or checkout is open; while it is, nothing restarts the app. */
  setBusy(busy: boolean): void {
    if (busy !== this.#busy) this.options.log.debug(busy ? 'A sale is open' : 'No sale is open');
    this.#busy = busy;
    this.#announce();
  }

  /** Tells the window about a ready update once, and only while no sale is open. */
  #announce(): void {
    if (!this.#readyVersion || this.#busy || this.#announced) return;
    this.#announced = true;
    this.options.onReady(this.#readyVersion);
  }

  async start(): Promise<void> {
    const { config, log } = this.options;
    if (!config.enabled) {
      log.info(config.reason);
      return;
    }
    let updater: Updater;
    try {
      updater = await this.options.loadUpdater();
    } catch (error) {
      log.error(`Updates are off: the updater could not load (${(error as Error).message}).`);
      return;
    }
    this.#updater = updater;
    this.#publicKey = config.publicKey;
    updater.logger = log;
    updater.autoDownload = true;
    // electron-updater would install whatever it downloaded on quit; installOnQuit() does it instead,
    // and only for a package whose signature was checked.
    updater.autoInstallOnAppQuit = false;
    if (config.feedUrl) updater.setFeedURL({ provider: 'generic', url: config.feedUrl });
    updater.on('update-available', (info) => log.info(`Update ${info.version} found; downloading it`));
    updater.on('update-not-available', () => log.info('Orderline is up to date'));
    updater.on('update-downloaded', (event) => void this.#checkDownload(event));
    // An unreachable feed is normal for a desk that is offline; it is written down, not shown.
    updater.on('error', (error) => log.warn(`Update check failed: ${error.message}`));
    log.info(
      `Checking for updates now and every ${config.checkEveryHours} h from ${config.feedUrl ?? 'the feed the installer was built with'}`,
    );
    this.#check();
    this.#timer = setInterval(() => this.#check(), config.checkEveryHours * 60 * 60 * 1000);
    this.#timer.unref?.();
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  /** Installs the waiting update now, unless there is none or a sale is open. */
  restartToUpdate(): RestartOutcome {
    if (!this.#updater || !this.#readyVersion) {
      return {
        ok: false,
        message:
          'No update is ready yet. Orderline downloads updates in the background and says when one is ready.',
      };
    }
    if (this.#busy) {
      this.options.log.info('Restart to update was put off because a sale is open');
      return {
        ok: false,
        message: `A sale is open. Finish or hold it, then restart to update; ${this.#readyVersion} also installs the next time Orderline closes.`,
      };
    }
    this.options.log.info(`Restarting to install ${this.#readyVersion}`);
    this.stop();
    this.#installing = true;
    // Silent (no installer pages on Windows), and Orderline starts again afterwards.
    this.#updater.quitAndInstall(true, true);
    return { ok: true };
  }

  /**
   * Called as Orderline quits: installs a checked, waiting update silently, without starting
   * Orderline again. True when it did, so the caller lets the updater finish the quit.
   */
  installOnQuit(): boolean {
    if (!this.#updater || !this.#readyVersion || this.#installing) return false;
    this.options.log.info(`Installing ${this.#readyVersion} as Orderline closes`);
    this.stop();
    this.#installing = true;
    this.#updater.quitAndInstall(true, false);
    return true;
  }

  #check(): void {
    void this.#checkWhenFeedIsSigned().then((go) => {
      // Failures reach the 'error' listener; the rejected promise itself has nothing more to say.
      if (go) this.#updater?.checkForUpdates().catch(() => undefined);
    });
  }

  /** A feed named at run time is used only while its channel file is signed by the release key. */
  async #checkWhenFeedIsSigned(): Promise<boolean> {
    const { config, log, fetchText, channelFile } = this.options;
    if (!config.enabled || !config.feedUrl || !this.#publicKey) return true;
    let channel: string;
    let signatureText: string;
    try {
      const base = config.feedUrl.endsWith('/') ? config.feedUrl : `${config.feedUrl}/`;
      [channel, signatureText] = await Promise.all([
        fetchText(new URL(channelFile, base).href),
        fetchText(signatureUrl(config.feedUrl, channelFile)),
      ]);
    } catch (error) {
      log.warn(`Update check skipped: the feed could not be read (${(error as Error).message})`);
      return false;
    }
    const check = verifyDigest({
      fileName: channelFile,
      sha512Hex: createHash('sha512').update(channel, 'utf8').digest('hex'),
      signatureText,
      publicKey: this.#publicKey,
    });
    if (!check.ok) {
      log.error(`ORDERLINE_UPDATE_URL is not a signed Orderline feed (${check.reason}); it is not used`);
    }
    return check.ok;
  }

  /** Marks a download ready only when its .sig in the feed is the release key's signature of it. */
  async #checkDownload(event: DownloadedUpdate): Promise<void> {
    const { config, log } = this.options;
    const refuse = (reason: string) =>
      log.error(`Update ${event.version} refused, and will not be installed: ${reason}`);
    if (!this.#publicKey || !config.enabled) return refuse('there is no key to check it with');
    const feed = config.feedUrl ?? (await this.options.bakedFeedUrl().catch(() => null));
    if (!feed) return refuse('the feed it came from is unknown, so its signature cannot be fetched');
    const fileName = basename(event.downloadedFile);
    let signatureText: string;
    try {
      signatureText = await this.options.fetchText(signatureUrl(feed, fileName));
    } catch (error) {
      return refuse(`its signature could not be fetched (${(error as Error).message})`);
    }
    const check = await verifyUpdateFile({
      path: event.downloadedFile,
      fileName,
      signatureText,
      publicKey: this.#publicKey,
    });
    if (!check.ok) return refuse(check.reason);
    log.info(`Update ${event.version} is downloaded, its signature checked, and installs on restart`);
    this.#readyVersion = event.version;
    this.#announced = false;
    this.#announce();
  }
}

/** fetchText over Electron's network stack (the system proxy applies), refusing non-2xx answers. */
export function fetchTextWith(fetcher: (url: string) => Promise<Response>) {
  return async (url: string): Promise<string> => {
    const response = await fetcher(url);
    if (!response.ok) throw new Error(`${url} answered ${response.status}`);
    return response.text();
  };
}

/** electron-updater's autoUpdater, loaded on demand. */
export async function loadElectronUpdater(): Promise<Updater> {
  // electron-updater is CommonJS: from an ES module its exports arrive as the default export.
  const loaded: typeof import('electron-updater') & { default?: typeof import('electron-updater') } =
    await import('electron-updater');
  return (loaded.default ?? loaded).autoUpdater;
}
