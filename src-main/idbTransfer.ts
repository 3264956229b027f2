// Copies a whole origin's IndexedDB databases as text, for the one-time move of a desk's data from
// the old file:// origin to orderline://app (originMigration.ts). The two functions run INSIDE a
// hidden page at each origin: the main process sends their source with executeJavaScript, so each
// must be self-contained (no imports, no module-level helpers) and only text crosses over.
//
// The dump keeps each store's key path, key generator and indexes, and every record with its key,
// so Dexie opens the copy at the same version and sees exactly what the old desk had. Values are
// written as JSON with tags for what JSON cannot carry (Date, bytes, Map, Set, undefined, NaN…).

export interface IndexDump {
  name: string;
  keyPath: string | string[];
  unique: boolean;
  multiEntry: boolean;
}

export interface StoreDump {
  name: string;
  keyPath: string | string[] | null;
  autoIncrement: boolean;
  indexes: IndexDump[];
  /** Encoded keys and values, in key order. */
  keys: unknown[];
  values: unknown[];
}

export interface DatabaseDump {
  name: string;
  version: number;
  stores: StoreDump[];
}

/** Rows per store of one database: what was exported, and what a copy must hold. */
export interface DatabaseSummary {
  name: string;
  rows: Record<string, number>;
}

export interface ExportResult {
  /** JSON of DatabaseDump[] (tagged values). */
  dump: string;
  summary: DatabaseSummary[];
}

export interface ImportResult {
  /** Databases copied, with the rows counted back after the copy committed. */
  copied: DatabaseSummary[];
  /** Databases the new origin already had, left untouched. */
  skipped: string[];
}

/** Lists the databases of the page's origin (runs in the page). */
export async function listDatabasesInPage(factory: IDBFactory): Promise<string[]> {
  const listed = await factory.databases();
  return listed.map((info) => info.name ?? '').filter((name) => name !== '');
}

/** Reads every database of the page's origin into text (runs in the page; self-contained). */
export async function exportDatabasesInPage(factory: IDBFactory): Promise<ExportResult> {
  const TAG = '\u0000orderline';
  const encode = (value: unknown): unknown => {
    if (value === undefined) return { [TAG]: 'undefined' };
    if (typeof value === 'number' && !Number.isFinite(value)) return { [TAG]: 'number', v: String(value) };
    if (typeof value === 'bigint') return { [TAG]: 'bigint', v: value.toString() };
    if (value === null || typeof value !== 'object') return value;
    const bytesOf = (bytes: Uint8Array) => {
      let binary = '';
      for (const byte of bytes) binary += String.fromCharCode(byte);
      return btoa(binary);
    };
    if (value instanceof Date) return { [TAG]: 'date', v: value.getTime() };
    if (value instanceof ArrayBuffer) return { [TAG]: 'arraybuffer', v: bytesOf(new Uint8Array(value)) };
    if (ArrayBuffer.isView(value)) {
      const view = new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
      return { [TAG]: 'view', type: value.constructor.name, v: bytesOf(view) };
    }
    if (Array.isArray(value)) return value.map(encode);
    if (value instanceof Map) return { [TAG]: 'map', v: [...value].map(([k, v]) => [encode(k), encode(v)]) };
    if (value instanceof Set) return { [TAG]: 'set', v: [...value].map(encode) };
    const prototype = Object.getPrototypeOf(value) as unknown;
    if (prototype !== Object.prototype && prototype !== null) {
      const kind = (value as { constructor?: { name?: string } }).constructor?.name ?? 'object';
      throw new Error(`A ${kind} cannot be copied; only plain data can move to the new origin`);
    }
    const plain: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) plain[key] = encode(inner);
    return TAG in plain ? { [TAG]: 'object', v: plain } : plain;
  };
  const request = <T>(req: IDBRequest<T>) =>
    new Promise<T>((resolve, reject) => {
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error ?? new Error('An IndexedDB read failed'));
    });

  const dumps: DatabaseDump[] = [];
  const summary: DatabaseSummary[] = [];
  for (const info of await factory.databases()) {
    const name = info.name;
    if (!name) continue;
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = factory.open(name);
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error ?? new Error(`Database ${name} could not be opened`));
      open.onblocked = () => reject(new Error(`Database ${name} is held open elsewhere`));
    });
    try {
      const storeNames = Array.from(db.objectStoreNames);
      const stores: StoreDump[] = [];
      const rows: Record<string, number> = {};
      if (storeNames.length > 0) {
        const tx = db.transaction(storeNames, 'readonly');
        // Every request is queued before the first await, so the transaction stays open for all.
        const reads = storeNames.map((storeName) => {
          const store = tx.objectStore(storeName);
          return {
            store,
            keys: request(store.getAllKeys()),
            values: request(store.getAll()),
          };
        });
        for (const read of reads) {
          const [keys, values] = await Promise.all([read.keys, read.values]);
          const { store } = read;
          stores.push({
            name: store.name,
            keyPath: store.keyPath,
            autoIncrement: store.autoIncrement,
            indexes: Array.from(store.indexNames).map((indexName) => {
              const index = store.index(indexName);
              return {
                name: index.name,
                keyPath: index.keyPath,
                unique: index.unique,
                multiEntry: index.multiEntry,
              };
            }),
            keys: keys.map(encode),
            values: values.map(encode),
          });
          rows[store.name] = values.length;
        }
      }
      dumps.push({ name, version: db.version, stores });
      summary.push({ name, rows });
    } finally {
      db.close();
    }
  }
  return { dump: JSON.stringify(dumps), summary };
}

/**
 * Writes a dump into the page's origin (runs in the page; self-contained). Each database is created
 * and filled inside its one version-change transaction, so a failure leaves no half copy behind.
 * A database the origin already holds is never touched.
 */
export async function importDatabasesInPage(factory: IDBFactory, dumpJson: string): Promise<ImportResult> {
  const TAG = '\u0000orderline';
  const bytes = (base64: string) => {
    const binary = atob(base64);
    const out = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
    return out;
  };
  const VIEWS: Record<string, new (buffer: ArrayBuffer) => ArrayBufferView> = {
    Uint8Array,
    Int8Array,
    Uint8ClampedArray,
    Uint16Array,
    Int16Array,
    Uint32Array,
    Int32Array,
    Float32Array,
    Float64Array,
    BigInt64Array,
    BigUint64Array,
    DataView,
  };
  const decode = (value: unknown): unknown => {
    if (value === null || typeof value !== 'object') return value;
    if (Array.isArray(value)) return value.map(decode);
    const record = value as Record<string, unknown>;
    const tag = record[TAG];
    if (tag === undefined) {
      const plain: Record<string, unknown> = {};
      for (const [key, inner] of Object.entries(record)) plain[key] = decode(inner);
      return plain;
    }
    const v = record['v'];
    switch (tag) {
      case 'undefined':
        return undefined;
      case 'number':
        return Number(v);
      case 'bigint':
        return BigInt(v as string);
      case 'date':
        return new Date(v as number);
      case 'arraybuffer':
        return bytes(v as string).buffer;
      case 'view': {
        const View = VIEWS[record['type'] as string] ?? Uint8Array;
        return new View(bytes(v as string).buffer);
      }
      case 'map':
        return new Map((v as [unknown, unknown][]).map(([k, inner]) => [decode(k), decode(inner)]));
      case 'set':
        return new Set((v as unknown[]).map(decode));
      case 'object': {
        const plain: Record<string, unknown> = {};
        for (const [key, inner] of Object.entries(v as Record<string, unknown>)) plain[key] = decode(inner);
        return plain;
      }
      default:
        throw new Error(`The copy holds a value of unknown kind "${String(tag)}"`);
    }
  };

  const dumps = JSON.parse(dumpJson) as DatabaseDump[];
  const existing = new Set((await factory.databases()).map((info) => info.name));
  const result: ImportResult = { copied: [], skipped: [] };
  for (const dump of dumps) {
    if (existing.has(dump.name)) {
      result.skipped.push(dump.name);
      continue;
    }
    const opened = new Promise<IDBDatabase>((resolve, reject) => {
      const open = factory.open(dump.name, dump.version);
      open.onupgradeneeded = () => {
        const upgrade = open.transaction!;
        try {
          for (const storeDump of dump.stores) {
            const store = open.result.createObjectStore(storeDump.name, {
              keyPath: storeDump.keyPath,
              autoIncrement: storeDump.autoIncrement,
            });
            for (const index of storeDump.indexes) {
              store.createIndex(index.name, index.keyPath, {
                unique: index.unique,
                multiEntry: index.multiEntry,
              });
            }
            storeDump.values.forEach((encoded, i) => {
              const value = decode(encoded);
              if (storeDump.keyPath === null) store.put(value, decode(storeDump.keys[i]) as IDBValidKey);
              else store.put(value);
            });
          }
        } catch (error) {
          upgrade.abort();
          reject(error);
        }
      };
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error ?? new Error(`Database ${dump.name} could not be written`));
      open.onblocked = () => reject(new Error(`Database ${dump.name} is held open elsewhere`));
    });
    let db: IDBDatabase;
    try {
      db = await opened;
    } catch (error) {
      // An aborted first version leaves no database; deleting makes sure no empty one remains.
      await new Promise((settle) => {
        const deletion = factory.deleteDatabase(dump.name);
        deletion.onsuccess = deletion.onerror = deletion.onblocked = settle;
      });
      throw error;
    }
    try {
      const rows: Record<string, number> = {};
      const storeNames = Array.from(db.objectStoreNames);
      if (storeNames.length > 0) {
        const tx = db.transaction(storeNames, 'readonly');
        const counts = storeNames.map(
          (storeName) =>
            new Promise<[string, number]>((resolve, reject) => {
              const count = tx.objectStore(storeName).count();
              count.onsuccess = () => resolve([storeName, count.result]);
              count.onerror = () => reject(count.error ?? new Error(`${storeName} could not be counted`));
            }),
        );
        for (const [storeName, count] of await Promise.all(counts)) rows[storeName] = count;
      }
      result.copied.push({ name: dump.name, rows });
    } finally {
      db.close();
    }
  }
  return result;
}

/** Deletes the named databases of the page's origin (runs in the page; self-contained). */
export async function deleteDatabasesInPage(factory: IDBFactory, namesJson: string): Promise<string[]> {
  const names = JSON.parse(namesJson) as string[];
  for (const name of names) {
    await new Promise<void>((resolve, reject) => {
      const deletion = factory.deleteDatabase(name);
      deletion.onsuccess = () => resolve();
      deletion.onerror = () => reject(deletion.error ?? new Error(`Database ${name} could not be deleted`));
      deletion.onblocked = () => reject(new Error(`Database ${name} is held open elsewhere`));
    });
  }
  return names;
}
