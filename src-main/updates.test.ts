import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_CHECK_EVERY_HOURS, updateConfigFrom, UpdateService, type Updater } from './updates';

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

async function startService(env: Record<string, string> = {}) {
  const service = new UpdateService({
    config: updateConfigFrom(env, true),
    loadUpdater: async () => updater as unknown as Updater,
    log,
    onReady,
  });
  await service.start();
  return service;
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.clearAllMocks();
  updater = fakeUpdater();
  onReady = vi.fn<(version: string) => void>();
});
afterEach(() => vi.useRealTimers());

describe('updateConfigFrom', () => {
  it('uses the feed built into the installer unless ORDERLINE_UPDATE_URL names another', () => {
    expect(updateConfigFrom({}, true)).toEqual({
      enabled: true,
      feedUrl: null,
      checkEveryHours: DEFAULT_CHECK_EVERY_HOURS,
    });
    expect(
      updateConfigFrom({ ORDERLINE_UPDATE_URL: 'https://updates.shop.example/orderline/' }, true),
    ).toMatchObject({ enabled: true, feedUrl: 'https://updates.shop.example/orderline/' });
  });

  it('is off in development builds and when ORDERLINE_UPDATES=off', () => {
    expect(updateConfigFrom({}, false)).toMatchObject({ enabled: false });
    expect(updateConfigFrom({ ORDERLINE_UPDATES: 'OFF' }, true)).toEqual({
      enabled: false,
      reason: 'Updates are off (ORDERLINE_UPDATES=off).',
    });
  });

  it('refuses a feed that is not https, saying why, rather than update from it', () => {
    expect(updateConfigFrom({ ORDERLINE_UPDATE_URL: 'http://updates.shop.example/' }, true)).toEqual({
      enabled: false,
      reason:
        'ORDERLINE_UPDATE_URL "http://updates.shop.example/" must use https (plain http is accepted only for localhost); updates stay off until it is fixed.',
    });
    expect(updateConfigFrom({ ORDERLINE_UPDATE_URL: 'ftp://x/' }, true)).toMatchObject({ enabled: false });
    expect(updateConfigFrom({ ORDERLINE_UPDATE_URL: 'http://localhost:8080/' }, true)).toMatchObject({
      enabled: true,
    });
    expect(updateConfigFrom({ ORDERLINE_UPDATES: 'maybe' }, true)).toMatchObject({ enabled: false });
  });
});

describe('UpdateService', () => {
  it('downloads in the background, installs on quit, and checks at start and every few hours', async () => {
    const service = await startService({ ORDERLINE_UPDATE_URL: 'https://updates.shop.example/' });
    expect(updater.autoDownload).toBe(true);
    expect(updater.autoInstallOnAppQuit).toBe(true);
    expect(updater.setFeedURL).toHaveBeenCalledWith({
      provider: 'generic',
      url: 'https://updates.shop.example/',
    });
    expect(updater.checkForUpdates).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(DEFAULT_CHECK_EVERY_HOURS * HOUR - 1);
    expect(updater.checkForUpdates).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1);
    expect(updater.checkForUpdates).toHaveBeenCalledTimes(2);
    vi.advanceTimersByTime(DEFAULT_CHECK_EVERY_HOURS * HOUR);
    expect(updater.checkForUpdates).toHaveBeenCalledTimes(3);
    service.stop();
    vi.advanceTimersByTime(10 * HOUR);
    expect(updater.checkForUpdates).toHaveBeenCalledTimes(3);
  });

  it('keeps the built-in feed when no URL is configured', async () => {
    await startService();
    expect(updater.setFeedURL).not.toHaveBeenCalled();
  });

  it('never loads the updater when updates are off', async () => {
    const loadUpdater = vi.fn(async () => updater as unknown as Updater);
    await new UpdateService({ config: updateConfigFrom({}, false), loadUpdater, log, onReady }).start();
    expect(loadUpdater).not.toHaveBeenCalled();
    expect(log.info).toHaveBeenCalledWith('Updates are off in a development build.');
  });

  it('tells the window when an update is ready', async () => {
    const service = await startService();
    expect(service.readyVersion).toBeNull();
    updater.emit('update-downloaded', { version: '1.5.0' });
    expect(onReady).toHaveBeenCalledWith('1.5.0');
    expect(service.readyVersion).toBe('1.5.0');
  });

  it('never restarts into an update while a sale is open, and does once the sale is done', async () => {
    const service = await startService();
    updater.emit('update-downloaded', { version: '1.5.0' });
    service.setBusy(true);
    const refused = service.restartToUpdate();
    expect(refused).toEqual({ ok: false, message: expect.stringContaining('A sale is open') });
    expect(updater.quitAndInstall).not.toHaveBeenCalled();
    service.setBusy(false);
    expect(service.restartToUpdate()).toEqual({ ok: true });
    expect(updater.quitAndInstall).toHaveBeenCalledTimes(1);
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
      config: updateConfigFrom({}, true),
      loadUpdater: async () => {
        throw new Error('Cannot find module electron-updater');
      },
      log,
      onReady,
    });
    await service.start();
    expect(log.error).toHaveBeenCalledWith(expect.stringContaining('the updater could not load'));
    expect(service.restartToUpdate().ok).toBe(false);
  });
});
