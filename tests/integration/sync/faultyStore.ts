// A store whose desks reach the server only through the fault proxy: the test file's database, a
// restartable server process on it (or two, serving the store's desks side by side), the proxy in front, and desks enrolled at the proxy's address.
import { afterEach } from 'vitest';
import { newId } from '$shared/ids';
import { FaultProxy, RestartableServer, type FaultProxyOptions } from './faultProxy';
import { type Desk, type SyncServer, closeDesk, enrolledDesk, newStore, useSyncServer } from './syncHarness';

export interface FaultyStore {
  storeId: string;
  desks: Desk[];
  proxy: FaultProxy;
  /** The first (or only) server process. */
  server: RestartableServer;
  servers: RestartableServer[];
}

export interface FaultyStoreShape {
  /** Server processes on the one database, each request going to either (default 1). */
  servers?: number;
  /** Changes per pulled page (default 7: many pages, so faults land between them). */
  pullLimit?: number;
}

/** For a test file: `open(options, deskCodes)` gives a fresh store each time; all closed after each test. */
export function useFaultyStores(): {
  ctx: { server: SyncServer };
  open(
    options: FaultProxyOptions,
    codes: readonly string[],
    batchSize?: number,
    shape?: FaultyStoreShape,
  ): Promise<FaultyStore>;
  close(store: FaultyStore): Promise<void>;
} {
  const ctx = useSyncServer();
  const opened: FaultyStore[] = [];

  async function close(store: FaultyStore): Promise<void> {
    await Promise.all(store.desks.splice(0).map(closeDesk));
    await store.proxy.close();
    await Promise.all(store.servers.map((server) => server.close()));
  }

  afterEach(async () => {
    await Promise.all(opened.splice(0).map(close));
  });

  return {
    ctx,
    close,
    async open(options, codes, batchSize = 4, shape = {}) {
      const servers = Array.from({ length: shape.servers ?? 1 }, () => new RestartableServer(ctx.server.db));
      await Promise.all(servers.map((server) => server.start()));
      const proxy = new FaultProxy(servers, options);
      await proxy.start();
      const store: FaultyStore = { storeId: '', desks: [], proxy, server: servers[0]!, servers };
      opened.push(store);
      store.storeId = await newStore(ctx.server, `Store ${newId()}`);
      for (const code of codes) {
        const viaProxy: SyncServer = { ...ctx.server, url: proxy.urlFor(code) };
        store.desks.push(
          await enrolledDesk(viaProxy, store.storeId, code, { batchSize, pullLimit: shape.pullLimit ?? 7 }),
        );
      }
      return store;
    },
  };
}
