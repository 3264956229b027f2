// The few PouchDB and express-pouchdb calls the sync benchmark makes. Declared here rather than
// taken from @types/pouchdb-*, whose global declarations change Buffer's type for the whole project.
declare module 'pouchdb-core' {
  interface ReplicationResult {
    ok: boolean;
    docs_written: number;
  }

  interface Database {
    bulkDocs(docs: object[]): Promise<unknown[]>;
    destroy(): Promise<unknown>;
    replicate: {
      to(target: Database | string, options?: { batch_size?: number }): Promise<ReplicationResult>;
      from(source: Database | string, options?: { batch_size?: number }): Promise<ReplicationResult>;
    };
  }

  interface PouchDBStatic {
    new (name: string, options?: { adapter?: string }): Database;
    plugin(plugin: unknown): PouchDBStatic;
    defaults(options: { adapter?: string }): PouchDBStatic;
  }

  const PouchDB: PouchDBStatic;
  export default PouchDB;
}

declare module 'pouchdb-adapter-memory' {
  const plugin: unknown;
  export default plugin;
}

declare module 'pouchdb-adapter-http' {
  const plugin: unknown;
  export default plugin;
}

declare module 'pouchdb-replication' {
  const plugin: unknown;
  export default plugin;
}

// express-pouchdb makes an Express app (a Node request listener) serving the CouchDB HTTP API
// over the PouchDB constructor it is given.
declare module 'express-pouchdb' {
  import type { RequestListener } from 'node:http';

  interface ExpressPouchDBOptions {
    mode?: 'fullCouchDB' | 'minimumForPouchDB' | 'custom';
    inMemoryConfig?: boolean;
    logPath?: string;
  }

  export default function expressPouchDB(PouchDB: unknown, options?: ExpressPouchDBOptions): RequestListener;
}
