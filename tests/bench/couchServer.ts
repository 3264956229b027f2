// The comparison: PouchDB replicating the same documents to a CouchDB-protocol server
// (express-pouchdb on loopback). Both ends keep data in memory (pouchdb-adapter-memory, pure JS:
// no leveldown build), which flatters PouchDB beside Orderline's desk on fake-indexeddb.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
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

export async function startCouchServer(logPath: string): Promise<CouchServer> {
  const app = expressPouchDB(MemoryPouch, { mode: 'minimumForPouchDB', inMemoryConfig: true, logPath });
  const server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
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
