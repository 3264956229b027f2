import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS, migrate } from '../../../src-server/migrations';
import { createEnrollmentCode, createStore, revokeDevice } from '../../../src-server/storeAdmin';
import { PROTOCOL_VERSION } from '$shared/syncProtocol';
import { enroll, enrolledDesk } from './fakeDesk';
import { START_TIMEOUT, startTestServer, type TestServer } from './testServer';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ enrollRateLimit: { capacity: 1000, refillPerMinute: 1000 } });
}, START_TIMEOUT);
afterAll(() => server?.close());

describe('health', () => {
  it('answers health without the database and readiness with it', async () => {
    expect((await server.app.inject({ url: '/health' })).json()).toEqual({ status: 'ok' });
    const ready = await server.app.inject({ url: '/ready' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ready' });
  });
});

describe('migrations', () => {
  it('run once: starting again (or a second server copy) changes nothing', async () => {
    expect(await migrate(server.db)).toEqual([]);
    const versions = await server.db.query<{ version: number }>('SELECT version FROM schema_migrations');
    expect(versions.map((v) => v.version)).toEqual(MIGRATIONS.map((m) => m.version));
  });
});

describe('enrollment', () => {
  it('gives a desk a token once per code and refuses the same code a second time', async () => {
    const store = await createStore(server.db, 'Main Street');
    const { code } = await createEnrollmentCode(server.db, store.id);
    const first = await enroll(server.app, code.toLowerCase(), 'Bench 1');
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({
      storeId: store.id,
      storeName: 'Main Street',
      protocolVersion: PROTOCOL_VERSION,
      deskCode: 'D1',
    });
    expect(first.json().token).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const again = await enroll(server.app, code, 'Bench 2');
    expect(again.statusCode).toBe(403);
    expect(again.json().error).toMatch(/already used/);
  });

  it('gives each desk of a store its own code, lowest free first, and another store starts again at D1', async () => {
    const store = await createStore(server.db, 'Codes');
    const codes: string[] = [];
    for (const name of ['Till', 'Bench', 'Office']) {
      const { code } = await createEnrollmentCode(server.db, store.id);
      codes.push((await enroll(server.app, code, name)).json().deskCode);
    }
    expect(codes).toEqual(['D1', 'D2', 'D3']);
    const other = await createStore(server.db, 'Elsewhere');
    const { code } = await createEnrollmentCode(server.db, other.id);
    expect((await enroll(server.app, code, 'Till')).json().deskCode).toBe('D1');
  });

  it('never hands out a code whose order numbers the store already holds', async () => {
    const store = await createStore(server.db, 'Uploaded');
    await server.db.query(
      `INSERT INTO orders (store_id, id, number, status, version, data, updated_seq)
       VALUES ($1, gen_random_uuid(), 'D1-000001', 'cart', 0, '{}'::jsonb, 0)`,
      [store.id],
    );
    const { code } = await createEnrollmentCode(server.db, store.id);
    expect((await enroll(server.app, code, 'Till')).json().deskCode).toBe('D2');
  });

  it('stores only the hash of a token, never the token itself', async () => {
    const desk = await enrolledDesk(server.app, server.db, 'H1');
    const rows = await server.db.query<{ token_hash: string }>(
      'SELECT token_hash FROM devices WHERE id = $1',
      [desk.deviceId],
    );
    expect(rows[0]?.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(rows[0]?.token_hash).not.toContain(desk.enrolled.token);
  });

  it('refuses an expired code and an unknown one with a sentence saying what to do', async () => {
    const store = await createStore(server.db, 'Harbour Road');
    const { code } = await createEnrollmentCode(server.db, store.id, 1);
    await server.db.query(
      "UPDATE enrollment_codes SET expires_at = now() - interval '1 minute' WHERE store_id = $1",
      [store.id],
    );
    const expired = await enroll(server.app, code, 'Counter');
    expect(expired.statusCode).toBe(403);
    expect(expired.json().error).toMatch(/expired; ask the store manager for a new one/);
    const unknown = await enroll(server.app, 'ABCDE-FGH23', 'Counter');
    expect(unknown.statusCode).toBe(403);
    expect(unknown.json().error).toMatch(/not known/);
  });

  it('refuses a malformed enrollment with the field that is wrong', async () => {
    const response = await enroll(server.app, 'hello', '');
    expect(response.statusCode).toBe(400);
    expect(response.json().issues.join('\n')).toMatch(/ten-character code[\s\S]*Desk name cannot be empty/);
  });

  it('refuses a missing, unknown or revoked token with 401', async () => {
    const desk = await enrolledDesk(server.app, server.db, 'R1');
    expect((await desk.pull(0)).changes).toEqual([]);

    const noToken = await server.app.inject({
      method: 'POST',
      url: '/v1/pull',
      payload: { protocolVersion: 1, cursor: 0 },
    });
    expect(noToken.statusCode).toBe(401);
    expect(noToken.json().error).toMatch(/not enrolled/);
    expect((await desk.post('/v1/pull', { protocolVersion: 1, cursor: 0 }, 'forged-token')).statusCode).toBe(
      401,
    );

    expect(await revokeDevice(server.db, desk.deviceId)).toBe(true);
    const revoked = await desk.post('/v1/push', {
      protocolVersion: PROTOCOL_VERSION,
      deviceId: desk.deviceId,
      mutations: [],
    });
    expect(revoked.statusCode).toBe(401);
    expect(revoked.json().error).toMatch(/revoked; enroll it again/);
    expect(await revokeDevice(server.db, desk.deviceId)).toBe(false);
  });
});

describe('enrollment rate limit', () => {
  it('slows down guessing from one address with 429 and Retry-After', async () => {
    const limited = await startTestServer({ enrollRateLimit: { capacity: 3, refillPerMinute: 3 } });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++)
        statuses.push((await enroll(limited.app, 'ABCDE-FGH23', 'Guess')).statusCode);
      expect(statuses).toEqual([403, 403, 403, 429, 429]);
      const last = await enroll(limited.app, 'ABCDE-FGH23', 'Guess');
      expect(Number(last.headers['retry-after'])).toBeGreaterThan(0);
      expect(last.json().error).toMatch(/Too many enrollment attempts/);
    } finally {
      await limited.close();
    }
  });
});
