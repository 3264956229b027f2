// One PGlite data folder, one owner: the serving process holds a lock file in the folder (refusing
// a second process with a sentence), and writes where its admin endpoint listens and the token it
// takes, readable by the folder's owner only, so admin commands can ask the running server.
import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const LOCK_FILE = 'orderline-server.lock';
const ADMIN_FILE = 'orderline-admin.json';

export type AdminAccess = { port: number; token: string };

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function holder(dataDir: string): number | null {
  try {
    const pid = Number(JSON.parse(readFileSync(join(dataDir, LOCK_FILE), 'utf8')).pid);
    return Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid) ? pid : null;
  } catch {
    return null;
  }
}

export class DataFolderBusy extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(
      `Another Orderline server process (${pid}) is using the data folder ${dataDir}; two processes must never write one database. Stop it first, or run the admin commands while it runs (they ask it).`,
    );
    this.name = 'DataFolderBusy';
  }
}

export interface DataLock {
  /** The token admin commands must show (new at every start). */
  readonly adminToken: string;
  /** Tells admin commands where the running server listens, once it does. */
  publishAdmin(port: number): void;
  release(): void;
}

/** Takes the folder's lock, or throws DataFolderBusy naming the process that holds it. */
export function lockDataDir(dataDir: string): DataLock {
  const lockPath = join(dataDir, LOCK_FILE);
  const adminPath = join(dataDir, ADMIN_FILE);
  const content = JSON.stringify({ pid: process.pid, startedAt: new Date().toISOString() });
  try {
    writeFileSync(lockPath, content, { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const pid = holder(dataDir);
    if (pid) throw new DataFolderBusy(dataDir, pid);
    // Left behind by a process that died: the folder is free.
    writeFileSync(lockPath, content, { mode: 0o600 });
  }
  const adminToken = randomBytes(32).toString('base64url');
  return {
    adminToken,
    publishAdmin(port) {
      const access: AdminAccess = { port, token: adminToken };
      writeFileSync(adminPath, JSON.stringify(access), { mode: 0o600 });
    },
    release() {
      rmSync(adminPath, { force: true });
      rmSync(lockPath, { force: true });
    },
  };
}

/** The running server's admin endpoint for this folder, or null when no live server holds it. */
export function runningServer(dataDir: string): (AdminAccess & { pid: number }) | null {
  const pid = holder(dataDir);
  if (!pid) return null;
  try {
    const access = JSON.parse(readFileSync(join(dataDir, ADMIN_FILE), 'utf8')) as AdminAccess;
    if (!Number.isInteger(access.port) || typeof access.token !== 'string') return null;
    return { ...access, pid };
  } catch {
    return null;
  }
}
