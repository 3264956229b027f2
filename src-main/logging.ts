// The main process's log file (electron-log): where it lives, how much it keeps, and what is worth
// writing. Lines name what happened, never the data: no HTML, file contents or customer fields.
import log from 'electron-log/main';
import type { App } from 'electron';
import { join } from 'node:path';
import { z } from 'zod';

export const LOG_LEVELS = ['error', 'warn', 'info', 'verbose', 'debug', 'silly'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** What the rest of the main process needs from a logger. */
export interface AppLog {
  error(message: string, ...details: unknown[]): void;
  warn(message: string, ...details: unknown[]): void;
  info(message: string, ...details: unknown[]): void;
  debug(message: string, ...details: unknown[]): void;
}

/** One file is rotated to main.old.log at this size, so the two never take more than 10 MB. */
export const MAX_LOG_BYTES = 5 * 1024 * 1024;

const levelSchema = z.enum(LOG_LEVELS);

/** The level ORDERLINE_LOG_LEVEL asks for, or info with a sentence saying why the value was ignored. */
export function logLevelFrom(value: string | undefined): { level: LogLevel; problem: string | null } {
  if (value === undefined || value.trim() === '') return { level: 'info', problem: null };
  const parsed = levelSchema.safeParse(value.trim().toLowerCase());
  if (parsed.success) return { level: parsed.data, problem: null };
  return {
    level: 'info',
    problem: `ORDERLINE_LOG_LEVEL "${value}" is not a log level; logging at info. Use one of ${LOG_LEVELS.join(', ')}.`,
  };
}

/** The folder the log files go to. */
export const logsFolder = (userData: string) => join(userData, 'logs');

export interface LoggingOptions {
  userData: string;
  env: Record<string, string | undefined>;
  isPackaged: boolean;
}

/** Points electron-log at the logs folder, sets level and rotation, and catches uncaught errors. */
export function setUpLogging({ userData, env, isPackaged }: LoggingOptions): AppLog {
  const { level, problem } = logLevelFrom(env['ORDERLINE_LOG_LEVEL']);
  const file = log.transports.file;
  file.resolvePathFn = () => join(logsFolder(userData), 'main.log');
  file.level = level;
  file.maxSize = MAX_LOG_BYTES;
  // A packaged app has no terminal to print to.
  log.transports.console.level = isPackaged ? false : level;
  // Logged, not shown: a dialog with a stack trace in the middle of a sale helps nobody at the till.
  log.errorHandler.startCatching({ showDialog: false });
  if (problem) log.warn(problem);
  return log;
}

/** Logs the app's start and quit, and renderer or helper processes that die. */
export function logAppLifecycle(app: App, appLog: AppLog): void {
  appLog.info(
    `Orderline ${app.getVersion()} starting (Electron ${process.versions.electron ?? '?'}, ${process.platform} ${process.arch}${app.isPackaged ? '' : ', development'})`,
  );
  app.on('render-process-gone', (_event, _contents, details) => {
    appLog.error(`The window's process stopped (${details.reason}, exit code ${details.exitCode}).`);
  });
  app.on('child-process-gone', (_event, details) => {
    appLog.warn(`A ${details.type} process stopped (${details.reason}, exit code ${details.exitCode}).`);
  });
  app.on('will-quit', () => appLog.info('Orderline quitting'));
}
