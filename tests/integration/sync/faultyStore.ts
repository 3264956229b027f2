// A store whose desks reach the server only through the fault proxy: the test file's database, a
// restartable server process on it, the proxy in front, and desks enrolled at the proxy's address.
import { afterEach } from 'vitest';
import { newId } from '$shared/ids';
import { FaultProxy, RestartableServer, type FaultProxyOptions } from './faultProxy';
import { type Desk, type SyncServer, closeDesk, enrolledDesk, newStore, useSyncServer } from './syncHarness';

export interface FaultyStore {
  storeId: string;
  desks: Desk[];
  proxy: FaultProxy;
  server: RestartableServer;
}

/** For a test file: `open(options, deskCodes)` gives a fresh store each time; all closed after each test. */
export function useFaultyStores(): {
  ctx: { server: SyncServer };
  open(options: FaultProxyOptions, codes: readonly string[], batchSize?: number): Promise<FaultyStore>;
  close(store: FaultyStore): Promise<void>;
} {
  const ctx = useSyncServer();
  const opened: FaultyStore[] = [];

  async function close(store: FaultyStore): Promise<void> {
    await Promise.all(store.desks.splice(0).map(closeDesk));
    await store.proxy.close();
    await store.server.close();
  }

  afterEach(async () => {
    await Promise.all(opened.splice(0).map(close));
  });

  return {
    ctx,
    close,
    async open(options, codes, batchSize = 4) {
      const server = new RestartableServer(ctx.server.db);
      await server.start();
      const proxy = new FaultProxy(server, options);
      await proxy.start();
      const store: FaultyStore = { storeId: '', desks: [], proxy, server };
      opened.push(store);
      store.storeId = await newStore(ctx.server, `Store ${newId()}`);
      for (const code of codes) {
        const viaProxy: SyncServer = { ...ctx.server, url: proxy.urlFor(code) };
        store.desks.push(await enrolledDesk(viaProxy, store.storeId, code, { batchSize, pullLimit: 7 }));
      }
      return store;
    },
  };
}
