// Desks of one store push side by side (no store lock through COMMIT), so a change can commit after
// one with a higher seq. A pull must never hand a desk a cursor past a seq still being written.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyPush } from '../../../src-server/applyPush';
import type { Sql } from '../../../src-server/db';
import type { Device } from '../../../src-server/deviceAuth';
import { pullChanges } from '../../../src-server/changeLog';
import { PushMutationSchema } from '../../../src-shared/syncProtocol';
import { enrolledDesk, type FakeDesk } from './fakeDesk';
import { START_TIMEOUT, onPostgres, startTestServer, type TestServer } from './testServer';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ enrollRateLimit: { capacity: 1000, refillPerMinute: 1000 } });
}, START_TIMEOUT);
afterAll(() => server?.close());

const deviceOf = (d: FakeDesk): Device => ({
  id: d.enrolled.deviceId,
  storeId: d.enrolled.storeId,
  name: `Desk ${d.deskCode}`,
  deskCode: d.enrolled.deskCode,
});

/** The database, but its transactions wait at COMMIT (their work done) until let go. */
function heldAtCommit(sql: Sql) {
  let reached!: () => void;
  let release!: () => void;
  const atCommit = new Promise<void>((resolve) => (reached = resolve));
  const letGo = new Promise<void>((resolve) => (release = resolve));
  const held: Sql = {
    query: (text, params) => sql.query(text, params),
    transaction: (work, options) =>
      sql.transaction(async (tx) => {
        const result = await work(tx);
        reached();
        await letGo;
        return result;
      }, options),
  };
  return { held, atCommit, release };
}

describe('commit order', () => {
  // PGlite runs one transaction at a time: the second push simply waits for the first.
  it.runIf(onPostgres)(
    'never lets a pull pass a change that commits after a higher seq, and the desk still gets it',
    async () => {
      const a = await enrolledDesk(server.app, server.db, 'CA');
      const b = await enrolledDesk(server.app, server.db, 'CB', a.enrolled.storeId);
      const reader = await enrolledDesk(server.app, server.db, 'CR', a.enrolled.storeId);
      const storeId = a.enrolled.storeId;
      const first = a.newOrder();
      const second = b.newOrder();

      const slow = heldAtCommit(server.db);
      const pushA = applyPush(slow.held, deviceOf(a), [PushMutationSchema.parse(first.mutation)]);
      await slow.atCommit;
      // B's push starts after A's has taken its seqs, and commits while A's is still open.
      expect(
        (await applyPush(server.db, deviceOf(b), [PushMutationSchema.parse(second.mutation)]))[0]?.status,
      ).toBe('applied');

      const before = await pullChanges(server.db, storeId, 0, 100);
      expect(before.changes).toEqual([]);
      expect(before.cursor).toBe(0);

      slow.release();
      expect((await pushA)[0]?.status).toBe('applied');
      const after = await reader.pullAll(before.cursor);
      expect(after.map((c) => c.recordId)).toEqual([first.order.id, second.order.id]);
    },
  );

  it('ignores a claim whose connection is gone (a server copy that died mid-push)', async () => {
    const a = await enrolledDesk(server.app, server.db, 'DA');
    const order = a.newOrder();
    await a.push([order.mutation]);
    await server.db.query(
      `INSERT INTO log_claims (pid, backend_start, store_id, first_seq)
       VALUES (2147483000, now() - interval '1 hour', $1, 1)`,
      [a.enrolled.storeId],
    );
    try {
      expect((await a.pullAll()).map((c) => c.recordId)).toEqual([order.order.id]);
    } finally {
      await server.db.query('DELETE FROM log_claims WHERE pid = 2147483000');
    }
  });
});
