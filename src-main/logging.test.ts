import { EventEmitter } from 'node:events';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { logAppLifecycle, logLevelFrom, MAX_LOG_BYTES, setUpLogging } from './logging';

const fakeLog = vi.hoisted(() => ({
  transports: {
    file: { level: 'silly' as unknown, maxSize: 0, resolvePathFn: (() => '') as () => string },
    console: { level: 'silly' as unknown },
  },
  errorHandler: { startCatching: vi.fn() },
  error: vi.fn(),
  warn: vi.fn(),
  info: vi.fn(),
  debug: vi.fn(),
}));
vi.mock('electron-log/main', () => ({ default: fakeLog }));

beforeEach(() => vi.clearAllMocks());

describe('logLevelFrom', () => {
  it('takes a known level in any case, and info when nothing is set', () => {
    expect(logLevelFrom('DEBUG')).toEqual({ level: 'debug', problem: null });
    expect(logLevelFrom(' warn ')).toEqual({ level: 'warn', problem: null });
    expect(logLevelFrom(undefined)).toEqual({ level: 'info', problem: null });
  });

  it('falls back to info and says which levels exist when the value is not one', () => {
    const { level, problem } = logLevelFrom('loud');
    expect(level).toBe('info');
    expect(problem).toContain('ORDERLINE_LOG_LEVEL "loud" is not a log level');
    expect(problem).toContain('error, warn, info, verbose, debug, silly');
  });
});

describe('setUpLogging', () => {
  it('writes a size-rotated file in the logs folder of userData, at the level asked for', () => {
    setUpLogging({ userData: '/data/Orderline', env: { ORDERLINE_LOG_LEVEL: 'verbose' }, isPackaged: true });
    const file = fakeLog.transports.file;
    expect(file.resolvePathFn()).toBe(join('/data/Orderline', 'logs', 'main.log'));
    expect(file.level).toBe('verbose');
    expect(file.maxSize).toBe(MAX_LOG_BYTES);
    expect(fakeLog.transports.console.level).toBe(false);
    expect(fakeLog.warn).not.toHaveBeenCalled();
  });

  it('logs uncaught errors to the file without a crash dialog', () => {
    setUpLogging({ userData: '/data', env: {}, isPackaged: false });
    expect(fakeLog.errorHandler.startCatching).toHaveBeenCalledWith({ showDialog: false });
    expect(fakeLog.transports.console.level).toBe('info');
  });

  it('writes down why a wrong ORDERLINE_LOG_LEVEL was ignored', () => {
    setUpLogging({ userData: '/data', env: { ORDERLINE_LOG_LEVEL: 'chatty' }, isPackaged: true });
    expect(fakeLog.transports.file.level).toBe('info');
    expect(fakeLog.warn).toHaveBeenCalledWith(expect.stringContaining('"chatty" is not a log level'));
  });
});

describe('logAppLifecycle', () => {
  it('logs the start with the version, the quit, and a window process that dies', () => {
    const app = Object.assign(new EventEmitter(), { getVersion: () => '1.4.2', isPackaged: true });
    const appLog = { error: vi.fn(), warn: vi.fn(), info: vi.fn(), debug: vi.fn() };
    logAppLifecycle(app as never, appLog);
    expect(appLog.info).toHaveBeenCalledWith(expect.stringContaining('Orderline 1.4.2 starting'));
    app.emit('render-process-gone', {}, {}, { reason: 'oom', exitCode: 9 });
    expect(appLog.error).toHaveBeenCalledWith("The window's process stopped (oom, exit code 9).");
    app.emit('will-quit');
    expect(appLog.info).toHaveBeenLastCalledWith('Orderline quitting');
  });
});
