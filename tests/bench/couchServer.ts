// The comparison: PouchDB replicating the same documents to a CouchDB-protocol server
// (express-pouchdb on loopback). Both ends keep data in memory (pouchdb-adapter-memory, pure JS:
// no leveldown build), which flatters PouchDB beside Orderline's desk on fake-indexeddb.
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import expressPouchDB from 'express-pouchdb';
import PouchDB from 'pouchdb-core';
import HttpAdapter from 'pouchdb-adapter-http';
import MemoryAdapter from 'pouchdb-adapter-memory';
import Replication from 'pouchdb-replication';

PouchDB.plugin(MemoryAdapter).plugin(HttpAdapter).plugin(Replication);

export const MemoryPouch = PouchDB.defaults({ adapter: 'memory' });

export interface CouchServer {
  url: string;
  close(): Promise<void>;
}

/** Serves express-pouchdb in this process (the child that `startCouchServer` spawns runs this). */
export async function serveCouch(logPath: string): Promise<{ port: number }> {
  const app = expressPouchDB(MemoryPouch, { mode: 'minimumForPouchDB', inMemoryConfig: true, logPath });
  const server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as AddressInfo).port };
}

/**
 * The CouchDB-protocol server in a process of its own, as the Orderline server runs in its own: neither
 * side's replication client shares an event loop with its server.
 */
export async function startCouchServer(logPath: string): Promise<CouchServer> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(new URL('./couchProcess.ts', import.meta.url)), logPath],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const ready = out.match(/couch listening on (\d+)/);
      if (ready) resolve(Number(ready[1]));
    });
    child.once('exit', (code) => reject(new Error(`The PouchDB server exited (${code}) before listening`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** A record as a CouchDB document: its id as _id, every other field as it is. */
export function asDoc<R extends { id: string }>(record: R): Omit<R, 'id'> & { _id: string } {
  const { id, ...rest } = record;
  return { _id: id, ...rest };
}

export function remote(server: CouchServer, name: string) {
  return new PouchDB(`${server.url}/${name}`, { adapter: 'http' });
}
