// Background updates with electron-updater: check at start and every few hours, download quietly,
// and install only when Orderline quits or the user asks for it while no sale is open.
import type { AppUpdater } from 'electron-updater';
import { z } from 'zod';
import type { AppLog } from './logging';

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
  { enabled: false; reason: string } | { enabled: true; feedUrl: string | null; checkEveryHours: number };

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
 * Reads the update settings. Development builds never update. ORDERLINE_UPDATES=off turns updates
 * off; ORDERLINE_UPDATE_URL replaces the feed the installer was built with (electron-builder's
 * `publish` setting, written into the app as app-update.yml).
 */
export function updateConfigFrom(env: Record<string, string | undefined>, isPackaged: boolean): UpdateConfig {
  if (!isPackaged) return { enabled: false, reason: 'Updates are off in a development build.' };
  const switchValue = env['ORDERLINE_UPDATES']?.trim().toLowerCase();
  if (switchValue === 'off') return { enabled: false, reason: 'Updates are off (ORDERLINE_UPDATES=off).' };
  if (switchValue && switchValue !== 'on') {
    return {
      enabled: false,
      reason: `ORDERLINE_UPDATES is "${env['ORDERLINE_UPDATES']}"; it must be on or off, so updates stay off until it is fixed.`,
    };
  }
  const customFeed = env['ORDERLINE_UPDATE_URL']?.trim();
  if (!customFeed) return { enabled: true, feedUrl: null, checkEveryHours: DEFAULT_CHECK_EVERY_HOURS };
  const parsed = feedUrlSchema.safeParse(customFeed);
  if (!parsed.success) {
    return {
      enabled: false,
      reason: `ORDERLINE_UPDATE_URL "${customFeed}" ${parsed.error.issues[0]?.message ?? 'is not usable'}; updates stay off until it is fixed.`,
    };
  }
  return { enabled: true, feedUrl: parsed.data, checkEveryHours: DEFAULT_CHECK_EVERY_HOURS };
}

export type RestartOutcome = { ok: true } | { ok: false; message: string };

export interface UpdateServiceOptions {
  config: UpdateConfig;
  /** Loads electron-updater only when updates are on, so development builds never touch it. */
  loadUpdater: () => Promise<Updater>;
  log: AppLog;
  /** Called once an update is downloaded and waiting, with its version. */
  onReady: (version: string) => void;
}

/** Runs the update checks and decides when a downloaded update may be installed. */
export class UpdateService {
  #busy = false;
  #readyVersion: string | null = null;
  #updater: Updater | null = null;
  #timer: ReturnType<typeof setInterval> | undefined;

  constructor(private readonly options: UpdateServiceOptions) {}

  /** The version waiting to be installed, or null. */
  get readyVersion(): string | null {
    return this.#readyVersion;
  }

  /** The window reports whether a sale or checkout is open; while it is, nothing restarts the app. */
  setBusy(busy: boolean): void {
    if (busy !== this.#busy) this.options.log.debug(busy ? 'A sale is open' : 'No sale is open');
    this.#busy = busy;
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
    updater.logger = log;
    updater.autoDownload = true;
    // A waiting update goes in when the user quits, which never interrupts a sale.
    updater.autoInstallOnAppQuit = true;
    if (config.feedUrl) updater.setFeedURL({ provider: 'generic', url: config.feedUrl });
    updater.on('update-available', (info) => log.info(`Update ${info.version} found; downloading it`));
    updater.on('update-not-available', () => log.info('Orderline is up to date'));
    updater.on('update-downloaded', (event) => {
      log.info(`Update ${event.version} is downloaded and installs on restart`);
      this.#readyVersion = event.version;
      this.options.onReady(event.version);
    });
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
    this.#updater.quitAndInstall(false, true);
    return { ok: true };
  }

  #check(): void {
    // Failures reach the 'error' listener; the rejected promise itself has nothing more to say.
    this.#updater?.checkForUpdates().catch(() => undefined);
  }
}

/** electron-updater's autoUpdater, loaded on demand. */
export async function loadElectronUpdater(): Promise<Updater> {
  // electron-updater is CommonJS: from an ES module its exports arrive as the default export.
  const loaded: typeof import('electron-updater') & { default?: typeof import('electron-updater') } =
    await import('electron-updater');
  return (loaded.default ?? loaded).autoUpdater;
}
