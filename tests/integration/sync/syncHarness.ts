// Real desks against a real server: OrderlineDb copies on fake-indexeddb, each enrolled through the
// sync client's own enroll() and syncing with its SyncClient over HTTP to an in-process server on
// an ephemeral port, through a fetch the test can cut, drop or fail on purpose.
import type { AddressInfo } from 'node:net';
import { createEnrollmentCode, createStore } from '../../../src-server/storeAdmin';
import { newId } from '$shared/ids';
import { readSyncSettings } from '../../../src-renderer/src/sync/syncSettings';
import { OrderlineDb } from '$db/database';
import { enroll } from '../../../src-renderer/src/sync/enroll';
import { SyncClient, type SyncClientOptions } from '../../../src-renderer/src/sync/syncClient';
import type { FetchLike } from '../../../src-renderer/src/sync/syncHttp';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { START_TIMEOUT, startTestServer, type TestServer } from '../server/testServer';

export interface SyncServer extends TestServer {
  url: string;
}

export async function startSyncServer(): Promise<SyncServer> {
  const server = await startTestServer({ enrollRateLimit: { capacity: 1000, refillPerMinute: 1000 } });
  await server.app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = server.app.server.address() as AddressInfo;
  return { ...server, url: `http://127.0.0.1:${port}` };
}

/** What the network does to the next requests; the test flips it. */
export class Network {
  /** No route to the server at all (cable out, server stopped). */
  down = false;
  /** Paths whose next requests reach the server but whose answers are lost on the way back. */
  readonly dropAnswers: string[] = [];
  /** Paths whose next requests are answered with this status (e.g. 503 from a proxy). */
  readonly failWith: Array<{ path: string; status: number }> = [];
  /** Requests made, as "METHOD /path". */
  readonly log: string[] = [];
  /** A status to answer a request with, by its path and body (a server that fails on one change). */
  failWhen?: (path: string, body: string) => number | undefined;
  /** Called (and awaited) before each request, so a test can change the network or the desk at an exact point. */
  beforeRequest?: (path: string) => void | Promise<void>;

  readonly fetch: FetchLike = async (input, init) => {
    const path = new URL(input).pathname;
    this.log.push(`${init?.method ?? 'GET'} ${path}`);
    await this.beforeRequest?.(path);
    if (this.down) throw new TypeError('fetch failed: connect ECONNREFUSED');
    const failure = this.failWith.findIndex((f) => f.path === path);
    const [failed] = failure >= 0 ? this.failWith.splice(failure, 1) : [];
    if (failed) {
      return new Response(JSON.stringify({ error: 'The server is restarting' }), { status: failed.status });
    }
    const status = this.failWhen?.(path, typeof init?.body === 'string' ? init.body : '');
    if (status) {
      const error = 'The server could not finish this request; nothing is lost, and it can be sent again';
      return new Response(JSON.stringify({ error }), { status });
    }
    const response = await fetch(input, init);
    const drop = this.dropAnswers.indexOf(path);
    if (drop >= 0) {
      this.dropAnswers.splice(drop, 1);
      await response.arrayBuffer();
      throw new TypeError('fetch failed: socket hang up');
    }
    return response;
  };

  pushes(): number {
    return this.log.filter((line) => line === 'POST /v1/push').length;
  }
}

export interface Desk {
  db: OrderlineDb;
  client: SyncClient;
  net: Network;
  /** The desk code the server gave it at enrollment (D1, D2…): its orders carry it. */
  code: string;
  /** Its device id: the desk id the server stamps on everything it sends. */
  deviceId: string;
  /** The desk's process killed and started again: its sync client stopped at once, whatever it
   * was doing, and a new one made over the same database. */
  restart(): void;
}

/** A desk enrolled into `storeId`; a long backoff so only the test decides when to try again. */
export async function enrolledDesk(
  server: SyncServer,
  storeId: string,
  code: string,
  options: Pick<
    SyncClientOptions,
    'batchSize' | 'pullLimit' | 'intervalMs' | 'pollWhileDownMs' | 'liveEvents'
  > = {},
): Promise<Desk> {
  const db = new OrderlineDb(`sync-test-${code}-${newId()}`);
  await db.open();
  const net = new Network();
  const { code: enrollCode } = await createEnrollmentCode(server.db, storeId);
  await enroll(db, server.url, enrollCode, `Desk ${code}`, { fetch: net.fetch });
  const newClient = () =>
    new SyncClient(db, {
      fetch: net.fetch,
      networkEvents: null,
      isOnline: () => true,
      backoff: { baseMs: 60_000, maxMs: 60_000 },
      random: () => 0.5,
      probeTimeoutMs: 2000,
      ...options,
    });
  const settings = await readSyncSettings(db);
  if (!settings) throw new Error(`Desk ${code} did not enroll`);
  const desk: Desk = {
    db,
    client: newClient(),
    net,
    code: settings.device.deskCode ?? code,
    deviceId: settings.device.deviceId,
    restart() {
      desk.client.stop();
      desk.client = newClient();
    },
  };
  return desk;
}

export async function newStore(server: SyncServer, name: string): Promise<string> {
  return (await createStore(server.db, name)).id;
}

export async function closeDesk(desk: Desk): Promise<void> {
  desk.client.stop();
  desk.db.close();
  await desk.db.delete();
}

/**
 * One server for a test file and the desks its tests open: started before the file, closed
 * after it, desks closed after each test. Read `ctx.server` inside tests (it exists from then on).
 */
export function useSyncServer(): { server: SyncServer; desks: Desk[] } {
  const ctx = { server: undefined as unknown as SyncServer, desks: [] as Desk[] };
  beforeAll(async () => {
    ctx.server = await startSyncServer();
  }, START_TIMEOUT);
  afterAll(() => ctx.server?.close());
  afterEach(async () => {
    await Promise.all(ctx.desks.splice(0).map(closeDesk));
  });
  return ctx;
}
