// A sync server for one test file, on PGlite in memory, or on the real PostgreSQL at DATABASE_URL
// in a schema of its own (dropped at the end), so test files running in parallel never meet.
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildServer, type ServerOptions } from '../../../src-server/app';
import { openDatabase, type Database } from '../../../src-server/db';
import { MIGRATIONS, migrate } from '../../../src-server/migrations';

export interface TestServer {
  app: FastifyInstance;
  db: Database;
  close(): Promise<void>;
}

export const onPostgres = Boolean(process.env.DATABASE_URL);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// Starting an empty PGlite runs initdb (about 10 s on a busy machine); loading a migrated dump
// takes about 2 s. The first test file to get here makes the dump, the others wait for it.
async function migratedTemplate(): Promise<Blob> {
  const key = createHash('sha256').update(JSON.stringify(MIGRATIONS)).digest('hex').slice(0, 16);
  const file = join(tmpdir(), `orderline-server-test-${key}.tar.gz`);
  const lock = `${file}.lock`;
  for (let waited = 0; !existsSync(file); waited += 200) {
    try {
      writeFileSync(lock, String(process.pid), { flag: 'wx' });
    } catch {
      // Someone else is making it; a lock older than a minute belongs to a run that died.
      if (existsSync(lock) && Date.now() - statSync(lock).mtimeMs > 60_000) rmSync(lock, { force: true });
      await sleep(200);
      continue;
    }
    try {
      const db = openDatabase({ memory: true });
      await migrate(db);
      const dump = await db.dump!();
      await db.close();
      writeFileSync(`${file}.${process.pid}`, Buffer.from(await dump.arrayBuffer()));
      renameSync(`${file}.${process.pid}`, file);
    } finally {
      rmSync(lock, { force: true });
    }
  }
  return new Blob([readFileSync(file)]);
}

async function testDatabase(): Promise<{ db: Database; schema?: string }> {
  const url = process.env.DATABASE_URL;
  if (url) {
    const schema = `sync_test_${randomUUID().replace(/-/g, '').slice(0, 20)}`;
    return { db: openDatabase({ url, schema }), schema };
  }
  return { db: openDatabase({ memory: true, template: await migratedTemplate() }) };
}

export async function startTestServer(
  options: Partial<Omit<ServerOptions, 'sql'>> = {},
): Promise<TestServer> {
  const { db, schema } = await testDatabase();
  await migrate(db);
  const app = buildServer({ sql: db, ...options });
  await app.ready();
  return {
    app,
    db,
    async close() {
      await app.close();
      if (schema) await db.query(`DROP SCHEMA ${schema} CASCADE`);
      await db.close();
    },
  };
}

/** For beforeAll: the first start on a fresh machine builds the PGlite template. */
export const START_TIMEOUT = 60_000;
