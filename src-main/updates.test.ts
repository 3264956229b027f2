import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  channelFileFor,
  DEFAULT_CHECK_EVERY_HOURS,
  fetchTextWith,
  updateConfigFrom,
  UpdateService,
  type Updater,
} from './updates';
import { signedMessage } from './updateSignature';

// A release key made for the test, as `scripts/signUpdates.ts --new-key` makes the real one.
const releaseKey = generateKeyPairSync('ed25519');
const KEY = releaseKey.publicKey.export({ format: 'der', type: 'spki' }).toString('base64');
const otherKey = generateKeyPairSync('ed25519');
const FEED = 'https://updates.shop.example/orderline/';
const PACKAGE = 'Orderline-Setup-1.5.0.exe';
const signText = (name: string, bytes: Buffer | string, key = releaseKey.privateKey) =>
  sign(null, signedMessage(name, createHash('sha512').update(bytes).digest('hex')), key).toString('base64');

const HOUR = 60 * 60 * 1000;

function fakeUpdater() {
  const emitter = new EventEmitter();
  return Object.assign(emitter, {
    autoDownload: false,
    autoInstallOnAppQuit: false,
    logger: null as unknown,
    setFeedURL: vi.fn(),
    checkForUpdates: vi.fn(async () => null),
    quitAndInstall: vi.fn(),
  });
}

const log = { error: vi.fn(), warn: vi.fn(), info: vi.fn(), debug: vi.fn() };

let updater: ReturnType<typeof fakeUpdater>;
let onReady: ReturnType<typeof vi.fn<(version: string) => void>>;
/** What the feed serves, by URL. */
let feed: Map<string, string>;
let dir: string;
let packagePath: string;
const packageBytes = Buffer.from('MZ… the real installer bytes …');

const fetchText = async (url: string) => {
  const text = feed.get(url);
  if (text === undefined) throw new Error(`${url} answered 404`);
  return text;
};

async function startService(env: Record<string, string> = {}, key = KEY) {
  const service = new UpdateService({
    config: updateConfigFrom(env, true, key),
    loadUpdater: async () => updater as unknown as Updater,
    log,
    onReady,
    fetchText,
    bakedFeedUrl: async () => FEED,
    channelFile: 'latest.yml',
  });
  await service.start();
  await vi.advanceTimersByTimeAsync(0);
  return service;
}

/** electron-updater reports a finished download; the signature check runs, then this settles. */
async function downloaded(version = '1.5.0', path = packagePath) {
  updater.emit('update-downloaded', { version, downloadedFile: path });
  await vi.waitFor(() => {
    if (onReady.mock.calls.length === 0 && log.error.mock.calls.length === 0)
      throw new Error('not checked yet');
  });
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'orderline-updates-'));
  packagePath = join(dir, PACKAGE);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'setTimeout', 'clearTimeout'] });
  vi.clearAllMocks();
  updater = fakeUpdater();
  onReady = vi.fn<(version: string) => void>();
  await writeFile(packagePath, packageBytes);
  feed = new Map([[`${FEED}${PACKAGE}.sig`, `${signText(PACKAGE, packageBytes)}\n`]]);
});
afterEach(() => vi.useRealTimers());

describe('updateConfigFrom', () => {
  it('uses the feed built into the installer unless ORDERLINE_UPDATE_URL names another', () => {
    expect(updateConfigFrom({}, true, KEY)).toEqual({
      enabled: true,
      feedUrl: null,
      checkEveryHours: DEFAULT_CHECK_EVERY_HOURS,
      publicKey: expect.anything(),
    });
    expect(
      updateConfigFrom({ ORDERLINE_UPDATE_URL: 'https://updates.shop.example/orderline/' }, true, KEY),
    ).toMatchObject({ enabled: true, feedUrl: 'https://updates.shop.example/orderline/' });
  });

  it('is off in development builds and when ORDERLINE_UPDATES=off', () => {
    expect(updateConfigFrom({}, false, KEY)).toMatchObject({ enabled: false });
    expect(updateConfigFrom({ ORDERLINE_UPDATES: 'OFF' }, true, KEY)).toEqual({
      enabled: false,
      reason: 'Updates are off (ORDERLINE_UPDATES=off).',
    });
  });

  it('refuses a feed that is not https, saying why, rather than update from it', () => {
    expect(updateConfigFrom({ ORDERLINE_UPDATE_URL: 'http://updates.shop.example/' }, true, KEY)).toEqual({
      enabled: false,
      reason:
        'ORDERLINE_UPDATE_URL "http://updates.shop.example/" must use https (plain http is accepted only for localhost); updates stay off until it is fixed.',
    });
    expect(updateConfigFrom({ ORDERLINE_UPDATE_URL: 'ftp://x/' }, true, KEY)).toMatchObject({
      enabled: false,
    });
    expect(updateConfigFrom({ ORDERLINE_UPDATE_URL: 'http://localhost:8080/' }, true, KEY)).toMatchObject({
      enabled: true,
    });
    expect(updateConfigFrom({ ORDERLINE_UPDATES: 'maybe' }, true, KEY)).toMatchObject({ enabled: false });
  });
});

describe('updateConfigFrom and the release key', () => {
  it('turns updates off in a build without the key, or with a key that is not Ed25519', () => {
    expect(updateConfigFrom({}, true, '')).toEqual({
      enabled: false,
      reason: expect.stringContaining('this build has no update signing key'),
    });
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey;
    expect(
      updateConfigFrom({}, true, rsa.export({ format: 'der', type: 'spki' }).toString('base64')),
    ).toEqual({ enabled: false, reason: 'Updates are off: The update public key is rsa, not Ed25519.' });
    expect(updateConfigFrom({}, true, 'not a key')).toMatchObject({ enabled: false });
  });

  it('names the channel file electron-updater reads on each OS', () => {
    expect(channelFileFor('win32')).toBe('latest.yml');
    expect(channelFileFor('darwin')).toBe('latest-mac.yml');
    expect(channelFileFor('linux')).toBe('latest-linux.yml');
  });
});

describe('UpdateService: signed packages', () => {
  it('marks a package ready only after its signature from the feed checks out', async () => {
    const service = await startService();
    await downloaded();
    expect(onReady).toHaveBeenCalledWith('1.5.0');
    expect(service.readyVersion).toBe('1.5.0');
    expect(log.error).not.toHaveBeenCalled();
  });

  it('refuses a tampered package: never ready, never installed, on quit or on request', async () => {
    await writeFile(packagePath, Buffer.concat([packageBytes, Buffer.from('evil')]));
    const service = await startService();
    await downloaded();
    expect(log.error).toHaveBeenCalledWith(
      `Update 1.5.0 refused, and will not be installed: ${PACKAGE} is not signed by Orderline's release key`,
    );
    expect(onReady).not.toHaveBeenCalled();
    expect(service.installOnQuit()).toBe(false);
    expect(service.restartToUpdate().ok).toBe(false);
    expect(updater.quitAndInstall).not.toHaveBeenCalled();
  });

  it('refuses a package signed by another key, a missing signature, and a signature of another file', async () => {
    feed.set(`${FEED}${PACKAGE}.sig`, signText(PACKAGE, packageBytes, otherKey.privateKey));
    await startService();
    await downloaded();
    expect(log.error).toHaveBeenLastCalledWith(expect.stringContaining('is not signed by Orderline'));

    vi.clearAllMocks();
    feed.clear();
    await startService();
    await downloaded();
    expect(log.error).toHaveBeenLastCalledWith(expect.stringContaining('its signature could not be fetched'));

    vi.clearAllMocks();
    // The real signature of an older package, published as this one's.
    feed.set(`${FEED}${PACKAGE}.sig`, signText('Orderline-Setup-1.4.0.exe', packageBytes));
    await startService();
    await downloaded();
    expect(log.error).toHaveBeenLastCalledWith(expect.stringContaining('is not signed by Orderline'));
    expect(onReady).not.toHaveBeenCalled();
  });

  it('installs a checked update silently as Orderline quits, once, without starting it again', async () => {
    const service = await startService();
    expect(service.installOnQuit()).toBe(false);
    await downloaded();
    expect(service.installOnQuit()).toBe(true);
    expect(updater.quitAndInstall).toHaveBeenCalledWith(true, false);
    expect(service.installOnQuit()).toBe(false);
    expect(updater.quitAndInstall).toHaveBeenCalledTimes(1);
  });

  it('announces a ready update only while no sale is open, once', async () => {
    const service = await startService();
    service.setBusy(true);
    updater.emit('update-downloaded', { version: '1.5.0', downloadedFile: packagePath });
    await vi.waitFor(() => {
      if (service.readyVersion !== '1.5.0') throw new Error('not checked yet');
    });
    expect(onReady).not.toHaveBeenCalled();
    service.setBusy(false);
    expect(onReady).toHaveBeenCalledWith('1.5.0');
    service.setBusy(true);
    service.setBusy(false);
    expect(onReady).toHaveBeenCalledTimes(1);
  });

  it('never lets electron-updater install on quit by itself', async () => {
    await startService();
    expect(updater.autoInstallOnAppQuit).toBe(false);
  });
});

describe('UpdateService: a feed named at run time', () => {
  const OVERRIDE = 'https://mirror.shop.example/desk/';
  const channel = 'version: 1.5.0\npath: Orderline-Setup-1.5.0.exe\n';

  it('is checked only while its channel file carries the release key’s signature', async () => {
    feed.set(`${OVERRIDE}latest.yml`, channel);
    feed.set(`${OVERRIDE}latest.yml.sig`, signText('latest.yml', channel));
    await startService({ ORDERLINE_UPDATE_URL: OVERRIDE });
    expect(updater.setFeedURL).toHaveBeenCalledWith({ provider: 'generic', url: OVERRIDE });
    expect(updater.checkForUpdates).toHaveBeenCalledTimes(1);
  });

  it('is not used when its channel file is unsigned, signed by another key, or edited', async () => {
    feed.set(`${OVERRIDE}latest.yml`, channel);
    await startService({ ORDERLINE_UPDATE_URL: OVERRIDE });
    expect(updater.checkForUpdates).not.toHaveBeenCalled();
    expect(log.warn).toHaveBeenCalledWith(expect.stringContaining('the feed could not be read'));

    feed.set(`${OVERRIDE}latest.yml.sig`, signText('latest.yml', channel, otherKey.privateKey));
    await startService({ ORDERLINE_UPDATE_URL: OVERRIDE });
    expect(updater.checkForUpdates).not.toHaveBeenCalled();
    expect(log.error).toHaveBeenCalledWith(expect.stringContaining('is not a signed Orderline feed'));

    feed.set(`${OVERRIDE}latest.yml.sig`, signText('latest.yml', channel));
    feed.set(`${OVERRIDE}latest.yml`, channel.replace('1.5.0', '9.9.9'));
    await startService({ ORDERLINE_UPDATE_URL: OVERRIDE });
    expect(updater.checkForUpdates).not.toHaveBeenCalled();
  });
});

describe('fetchTextWith', () => {
  it('returns the text of a 2xx answer and refuses any other', async () => {
    const fetchOk = fetchTextWith(async () => new Response('hello'));
    expect(await fetchOk('https://x/a')).toBe('hello');
    const fetch404 = fetchTextWith(async () => new Response('no', { status: 404 }));
    await expect(fetch404('https://x/a.sig')).rejects.toThrow('https://x/a.sig answered 404');
  });
});

describe('UpdateService', () => {
  it('downloads in the background, and checks at start and every few hours', async () => {
    const service = await startService();
    expect(updater.autoDownload).toBe(true);
    expect(updater.checkForUpdates).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(DEFAULT_CHECK_EVERY_HOURS * HOUR - 1);
    expect(updater.checkForUpdates).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(updater.checkForUpdates).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(DEFAULT_CHECK_EVERY_HOURS * HOUR);
    expect(updater.checkForUpdates).toHaveBeenCalledTimes(3);
    service.stop();
    await vi.advanceTimersByTimeAsync(10 * HOUR);
    expect(updater.checkForUpdates).toHaveBeenCalledTimes(3);
  });

  it('keeps the built-in feed when no URL is configured', async () => {
    await startService();
    expect(updater.setFeedURL).not.toHaveBeenCalled();
  });

  it('never loads the updater when updates are off', async () => {
    const loadUpdater = vi.fn(async () => updater as unknown as Updater);
    await new UpdateService({
      config: updateConfigFrom({}, false, KEY),
      loadUpdater,
      log,
      onReady,
      fetchText,
      bakedFeedUrl: async () => FEED,
      channelFile: 'latest.yml',
    }).start();
    expect(loadUpdater).not.toHaveBeenCalled();
    expect(log.info).toHaveBeenCalledWith('Updates are off in a development build.');
  });

  it('tells the window when an update is ready', async () => {
    const service = await startService();
    expect(service.readyVersion).toBeNull();
    await downloaded();
    expect(onReady).toHaveBeenCalledWith('1.5.0');
    expect(service.readyVersion).toBe('1.5.0');
  });

  it('never restarts into an update while a sale is open, and does once the sale is done', async () => {
    const service = await startService();
    await downloaded();
    service.setBusy(true);
    const refused = service.restartToUpdate();
    expect(refused).toEqual({ ok: false, message: expect.stringContaining('A sale is open') });
    expect(updater.quitAndInstall).not.toHaveBeenCalled();
    service.setBusy(false);
    expect(service.restartToUpdate()).toEqual({ ok: true });
    // Silent (no installer pages), and Orderline starts again.
    expect(updater.quitAndInstall).toHaveBeenCalledWith(true, true);
  });

  it('has nothing to install before an update is downloaded', async () => {
    const service = await startService();
    expect(service.restartToUpdate()).toEqual({
      ok: false,
      message: expect.stringContaining('No update is ready'),
    });
    expect(updater.quitAndInstall).not.toHaveBeenCalled();
  });

  it('logs a failed check instead of crashing, and keeps checking', async () => {
    updater.checkForUpdates.mockRejectedValueOnce(new Error('net::ERR_INTERNET_DISCONNECTED'));
    await startService();
    updater.emit('error', new Error('net::ERR_INTERNET_DISCONNECTED'));
    await vi.advanceTimersByTimeAsync(DEFAULT_CHECK_EVERY_HOURS * HOUR);
    expect(log.warn).toHaveBeenCalledWith('Update check failed: net::ERR_INTERNET_DISCONNECTED');
    expect(updater.checkForUpdates).toHaveBeenCalledTimes(2);
  });

  it('stays off, with a logged reason, when the updater cannot load', async () => {
    const service = new UpdateService({
      config: updateConfigFrom({}, true, KEY),
      loadUpdater: async () => {
        throw new Error('Cannot find module electron-updater');
      },
      log,
      onReady,
      fetchText,
      bakedFeedUrl: async () => FEED,
      channelFile: 'latest.yml',
    });
    await service.start();
    expect(log.error).toHaveBeenCalledWith(expect.stringContaining('the updater could not load'));
    expect(service.restartToUpdate().ok).toBe(false);
  });
});
