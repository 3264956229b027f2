// express-pouchdb ships no types: it makes an Express app (a Node request listener) serving
// the CouchDB HTTP API over the PouchDB constructor it is given.
declare module 'express-pouchdb' {
  import type { RequestListener } from 'node:http';

  interface ExpressPouchDBOptions {
    mode?: 'fullCouchDB' | 'minimumForPouchDB' | 'custom';
    inMemoryConfig?: boolean;
    logPath?: string;
  }

  export default function expressPouchDB(PouchDB: unknown, options?: ExpressPouchDBOptions): RequestListener;
}
