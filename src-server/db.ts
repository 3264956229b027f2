// The server's one way to reach its database: PostgreSQL through a pg Pool when DATABASE_URL is
// set, otherwise PGlite (PostgreSQL in WebAssembly) in a data folder, so a fresh machine needs nothing.
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

export type Row = Record<string, unknown>;

export interface TransactionOptions {
  /**
   * Statements run on the transaction's own connection just before BEGIN and just after it ends
   * (committed or not), each committed at once and so seen by every other connection while the
   * transaction runs (see changeLog's claims). Only where transactions can overlap: a database
   * that runs one transaction at a time (PGlite) skips them.
   */
  outside?: { before(connection: Sql): Promise<void>; after(connection: Sql): Promise<void> };
}

export interface Sql {
  query<R extends Row = Row>(text: string, params?: readonly unknown[]): Promise<R[]>;
  /** Runs `work` in one transaction: committed if it returns, rolled back if it throws. */
  transaction<T>(work: (tx: Sql) => Promise<T>, options?: TransactionOptions): Promise<T>;
}

export interface Database extends Sql {
  readonly kind: 'postgres' | 'pglite';
  close(): Promise<void>;
  /** PGlite only: the whole cluster as a gzipped tarball (a template for the next start). */
  dump?(): Promise<Blob>;
  /** LISTEN on a channel: `onNotify` hears every NOTIFY on it, from this server copy or any other
   * over the same database. Resolves to the way to stop listening. */
  listen(channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>>;
}

export type DatabaseOptions =
  | { url: string; /** Tables live in this schema (tests give each file its own). */ schema?: string }
  | { dataDir: string }
  | {
      memory: true;
      /** A dumpDataDir() to start from instead of an empty cluster (fast for tests). */ template?: Blob;
    };

export const DEFAULT_DATA_DIR = '.orderline-data/server';

function assertSchemaName(schema: string): void {
  // It goes into a connection option and DDL, where parameters cannot be used.
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
    throw new Error(`Schema name "${schema}" must be lower-case letters, digits and underscores`);
  }
}

function postgres(url: string, schema?: string): Database {
  if (schema) assertSchemaName(schema);
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  const onClient = (client: pg.PoolClient | pg.Pool): Sql => ({
    async query<R extends Row>(text: string, params: readonly unknown[] = []) {
      const result = await client.query(text, [...params]);
      return result.rows as R[];
    },
    transaction: () => {
      throw new Error('Transactions do not nest; use the transaction you are in');
    },
  });
  const ready = schema ? pool.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`) : Promise.resolve();
  return {
    kind: 'postgres',
    async query<R extends Row>(text: string, params: readonly unknown[] = []) {
      await ready;
      return onClient(pool).query<R>(text, params);
    },
    async transaction<T>(work: (tx: Sql) => Promise<T>, options: TransactionOptions = {}) {
      await ready;
      const client = await pool.connect();
      const outside = options.outside;
      let broken: Error | undefined;
      try {
        // A connection whose `before` or `after` failed is closed, not pooled: whatever of it was
        // left in the database is then seen to belong to no live connection.
        if (outside) {
          await outside.before(onClient(client)).catch((error: Error) => {
            broken = error;
            throw error;
          });
        }
        try {
          await client.query('BEGIN');
          const result = await work(onClient(client));
          await client.query('COMMIT');
          return result;
        } catch (error) {
          await client.query('ROLLBACK').catch(() => undefined);
          throw error;
        } finally {
          if (outside) await outside.after(onClient(client)).catch((error: Error) => (broken = error));
        }
      } finally {
        client.release(broken);
      }
    },
    async listen(channel, onNotify) {
      assertSchemaName(channel);
      // LISTEN holds its connection: a client of its own, never one borrowed from the pool.
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      client.on('notification', (message) => {
        if (message.channel === channel) onNotify(message.payload ?? '');
      });
      await client.query(`LISTEN ${channel}`);
      return async () => {
        await client.end().catch(() => undefined);
      };
    },
    async close() {
      await pool.end();
    },
  };
}

function pglite(dataDir: string | undefined, template?: Blob): Database {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const db = new PGlite({ ...(dataDir ? { dataDir } : {}), ...(template ? { loadDataDir: template } : {}) });
  type Queryable = Pick<PGlite, 'query'>;
  const onHandle = (handle: Queryable): Sql => ({
    async query<R extends Row>(text: string, params: readonly unknown[] = []) {
      const result = await handle.query<R>(text, [...params]);
      return result.rows;
    },
    transaction: () => {
      throw new Error('Transactions do not nest; use the transaction you are in');
    },
  });
  return {
    kind: 'pglite',
    query: (text, params) => onHandle(db).query(text, params),
    // PGlite runs one transaction at a time, which is the serial order a single server needs.
    transaction: (work) => db.transaction((tx) => work(onHandle(tx))),
    close: () => db.close(),
    dump: () => db.dumpDataDir('gzip'),
    async listen(channel, onNotify) {
      assertSchemaName(channel);
      const stop = await db.listen(channel, onNotify);
      return async () => {
        if (!db.closed) await stop().catch(() => undefined);
      };
    },
  };
}

export function openDatabase(options: DatabaseOptions): Database {
  if ('url' in options) return postgres(options.url, options.schema);
  if ('dataDir' in options) return pglite(options.dataDir);
  return pglite(undefined, options.template);
}

/** DATABASE_URL when set (in ORDERLINE_DB_SCHEMA when that is set too), else PGlite in
 * ORDERLINE_DATA_DIR (or .orderline-data/server). */
export function databaseFromEnv(env: NodeJS.ProcessEnv = process.env): Database {
  if (env.DATABASE_URL) {
    return openDatabase({
      url: env.DATABASE_URL,
      ...(env.ORDERLINE_DB_SCHEMA ? { schema: env.ORDERLINE_DB_SCHEMA } : {}),
    });
  }
  return openDatabase({ dataDir: env.ORDERLINE_DATA_DIR ?? DEFAULT_DATA_DIR });
}
