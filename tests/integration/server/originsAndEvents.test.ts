// The server as the desks' browsers meet it: CORS for the app's own origins and the browser build's,
// a refused origin told why; the change stream (SSE) that wakes desks, heard across two server copies
// over one database through LISTEN/NOTIFY; and "create a store from this desk" refused where it
// would mix two stores.
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../../src-server/app';
import { PROTOCOL_VERSION, StoreStatusSchema } from '$shared/syncProtocol';
import { enrolledDesk, productRows } from './fakeDesk';
import { START_TIMEOUT, startTestServer, type TestServer } from './testServer';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({
    enrollRateLimit: { capacity: 1000, refillPerMinute: 1000 },
    allowedOrigins: ['http://127.0.0.1:*', 'https://pos.example.com'],
    keepAliveMs: 50,
  });
}, START_TIMEOUT);
afterAll(() => server?.close());

describe('origins (CORS)', () => {
  it.each(['null', 'orderline://app', 'http://127.0.0.1:4173', 'https://pos.example.com'])(
    'answers the preflight from %s with the headers a desk sends, and no credentials',
    async (origin) => {
      const response = await server.app.inject({
        method: 'OPTIONS',
        url: '/v1/push',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization,content-type',
        },
      });
      expect(response.statusCode).toBe(204);
      expect(response.headers['access-control-allow-origin']).toBe(origin);
      expect(String(response.headers['access-control-allow-headers'])).toMatch(/Authorization/);
      expect(String(response.headers['access-control-allow-headers'])).toMatch(/Content-Type/);
      expect(String(response.headers['access-control-allow-methods'])).toMatch(/POST/);
      expect(response.headers['access-control-allow-credentials']).toBeUndefined();
    },
  );

  it('refuses another origin: no CORS headers on the preflight, and a sentence on the request', async () => {
    const preflight = await server.app.inject({
      method: 'OPTIONS',
      url: '/v1/enroll',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    const request = await server.app.inject({
      method: 'POST',
      url: '/v1/enroll',
      headers: { origin: 'https://evil.example' },
      payload: { code: 'ABCDE-FGH23', deviceName: 'X' },
    });
    expect(request.statusCode).toBe(403);
    expect(request.json().error).toMatch(/does not accept requests from https:\/\/evil\.example/);
  });
});

describe('creating a store from a desk', () => {
  it('lets the first desk claim an empty store (again, to resume) and refuses every other', async () => {
    const a = await enrolledDesk(server.app, server.db, 'CA');
    const b = await enrolledDesk(server.app, server.db, 'CB', a.enrolled.storeId);
    const status = await server.app.inject({
      method: 'GET',
      url: '/v1/store',
      headers: { authorization: `Bearer ${a.enrolled.token}` },
    });
    expect(StoreStatusSchema.parse(status.json())).toMatchObject({ changes: 0, createdFrom: 'nobody' });
    const create = (d: typeof a) => d.post('/v1/store/create', { protocolVersion: PROTOCOL_VERSION });
    expect((await create(a)).statusCode).toBe(200);
    expect((await create(a)).statusCode).toBe(200);
    const refused = await create(b);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatch(/was already created from desk D1 \(Desk CA\); join it instead/);
  });

  it('refuses when another desk already numbers its orders with the prefix this desk’s orders carry', async () => {
    const early = await enrolledDesk(server.app, server.db, 'EA');
    const holder = await enrolledDesk(server.app, server.db, 'EB', early.enrolled.storeId);
    expect(early.enrolled.deskCode).toBe('D1');
    const refused = await holder.post('/v1/store/create', {
      protocolVersion: PROTOCOL_VERSION,
      orderPrefixes: ['D1'],
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatch(
      /numbered D1-…, the code desk “Desk EA” was given when it enrolled; revoke/,
    );
    const fine = await holder.post('/v1/store/create', {
      protocolVersion: PROTOCOL_VERSION,
      orderPrefixes: ['D2'],
    });
    expect(fine.statusCode).toBe(200);
  });

  it('refuses a store that already holds data, saying so', async () => {
    const a = await enrolledDesk(server.app, server.db, 'DA');
    const rows = productRows();
    await a.push([a.put('products', rows.product)]);
    const refused = await a.post('/v1/store/create', { protocolVersion: PROTOCOL_VERSION });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatch(/already holds data \(1 change from its desks\)/);
  });
});

/** Opens GET /v1/events on a listening server and collects the event names it sends. */
async function openStream(url: string, token: string) {
  const controller = new AbortController();
  const response = await fetch(`${url}/v1/events`, {
    headers: { authorization: `Bearer ${token}`, origin: 'null' },
    signal: controller.signal,
  });
  const events: string[] = [];
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  const done = (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        events.push(...[...value.matchAll(/^event: (\w+)$/gm)].map((m) => m[1]!));
        if (value.includes(': keep-alive')) events.push('keep-alive');
      }
    } catch {
      // aborted
    }
  })();
  return { response, events, close: async () => (controller.abort(), await done) };
}

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(check()).toBe(true);
}

describe('the change stream', () => {
  it('tells the desks of one store — on this copy and another over the same database — and no other store', async () => {
    // A second copy of the server over the same database: it hears the first one's commits by NOTIFY.
    const copy = buildServer({ sql: server.db, keepAliveMs: 50 });
    await copy.listen({ port: 0, host: '127.0.0.1' });
    await server.app.listen({ port: 0, host: '127.0.0.1' });
    const urlOf = (app: typeof copy) => `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    try {
      const seller = await enrolledDesk(server.app, server.db, 'SA');
      const packer = await enrolledDesk(server.app, server.db, 'SB', seller.enrolled.storeId);
      const stranger = await enrolledDesk(server.app, server.db, 'SC');
      const onCopy = await openStream(urlOf(copy), packer.enrolled.token);
      const onSame = await openStream(urlOf(server.app), packer.enrolled.token);
      const elsewhere = await openStream(urlOf(copy), stranger.enrolled.token);
      expect(onCopy.response.headers.get('content-type')).toMatch(/^text\/event-stream/);
      expect(onCopy.response.headers.get('access-control-allow-origin')).toBe('null');
      await until(() => onCopy.events.includes('ready') && onSame.events.includes('ready'));

      await seller.push([seller.put('products', productRows().product)]);
      await until(() => onCopy.events.includes('change') && onSame.events.includes('change'));
      await until(() => onCopy.events.includes('keep-alive'));
      expect(elsewhere.events).not.toContain('change');
      await Promise.all([onCopy.close(), onSame.close(), elsewhere.close()]);

      const unauthorised = await fetch(`${urlOf(copy)}/v1/events`);
      expect(unauthorised.status).toBe(401);
    } finally {
      await copy.close();
    }
  });

  it('ends open streams when the server closes, so a restart is not held up', async () => {
    const copy = buildServer({ sql: server.db });
    await copy.listen({ port: 0, host: '127.0.0.1' });
    const desk = await enrolledDesk(server.app, server.db, 'SD');
    const stream = await openStream(
      `http://127.0.0.1:${(copy.server.address() as AddressInfo).port}`,
      desk.enrolled.token,
    );
    await until(() => stream.events.includes('ready'));
    await copy.close();
    await stream.close();
  });
});
