// Desks of one store push side by side (no store lock through COMMIT), so a change can commit after
// one with a higher seq. A pull must never hand a desk a cursor past a seq still being written.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyPush } from '../../../src-server/applyPush';
import type { Row, Sql } from '../../../src-server/db';
import type { Device } from '../../../src-server/deviceAuth';
import { pullChanges } from '../../../src-server/changeLog';
import { PushMutationSchema } from '$shared/syncProtocol';
import { sample } from '$machines/orderSampleEvents';
import { newId } from '$shared/ids';
import { enrolledDesk, productRows, type FakeDesk } from './fakeDesk';
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

  it.runIf(onPostgres)(
    'runs a batch again when it deadlocks with another desk’s over the same two orders',
    async () => {
      const a = await enrolledDesk(server.app, server.db, 'LA');
      const b = await enrolledDesk(server.app, server.db, 'LB', a.enrolled.storeId);
      const x = a.newOrder();
      const y = a.newOrder();
      await a.push([x.mutation, y.mutation]);
      const event = (d: FakeDesk, order: typeof x) =>
        PushMutationSchema.parse(d.change(order.order, sample.addItem(1)).mutation);
      // A stops once it holds X's row; B then locks Y and waits for X; A going on to Y closes the circle.
      let holdingX!: () => void;
      let goOn!: () => void;
      const heldX = new Promise<void>((resolve) => (holdingX = resolve));
      const letGo = new Promise<void>((resolve) => (goOn = resolve));
      let first = true;
      const pausing: Sql = {
        query: (text, params) => server.db.query(text, params),
        transaction: (work, options) =>
          server.db.transaction(
            (tx) =>
              work({
                ...tx,
                query: async <R extends Row>(text: string, params?: readonly unknown[]) => {
                  const rows = await tx.query<R>(text, params);
                  if (first && text.includes('FROM orders WHERE store_id = $1 AND id = $2 FOR UPDATE')) {
                    first = false;
                    holdingX();
                    await letGo;
                  }
                  return rows;
                },
              }),
            options,
          ),
      };
      const pushA = applyPush(pausing, deviceOf(a), [event(a, x), event(a, y)]);
      await heldX;
      const pushB = applyPush(server.db, deviceOf(b), [event(b, y), event(b, x)]);
      // B is waiting for X's row once the database shows a lock not granted.
      for (;;) {
        const [waiting] = await server.db.query<{ n: unknown }>(
          "SELECT count(*) AS n FROM pg_locks WHERE NOT granted AND locktype = 'transactionid'",
        );
        if (Number(waiting?.n) > 0) break;
        await new Promise((resolve) => setImmediate(resolve));
      }
      goOn();
      const [resultsA, resultsB] = await Promise.all([pushA, pushB]);
      // Each batch answered for both its changes (one of them after running again).
      expect(resultsA).toHaveLength(2);
      expect(resultsB).toHaveLength(2);
      const events = await server.db.query<{ n: unknown }>(
        'SELECT count(*) AS n FROM order_events WHERE order_id = ANY($1::uuid[])',
        [[x.order.id, y.order.id]],
      );
      const applied = [...resultsA, ...resultsB].filter((r) => r.status === 'applied').length;
      expect(Number(events[0]?.n)).toBe(applied);
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

/** The database, but its first transaction stops after its first statement (a push's seqs are
 * taken there) until let go; later transactions run as usual. */
function heldAfterSeqs(sql: Sql) {
  let reached!: () => void;
  let release!: () => void;
  const tookSeqs = new Promise<void>((resolve) => (reached = resolve));
  const letGo = new Promise<void>((resolve) => (release = resolve));
  let first = true;
  const held: Sql = {
    query: (text, params) => sql.query(text, params),
    transaction: (work, options) =>
      sql.transaction((tx) => {
        let statements = 0;
        return work({
          ...tx,
          query: async <R extends Row>(text: string, params?: readonly unknown[]) => {
            const rows = await tx.query<R>(text, params);
            statements += 1;
            if (first && statements === 1) {
              first = false;
              reached();
              await letGo;
            }
            return rows;
          },
        });
      }, options),
  };
  return { held, tookSeqs, release };
}

/** The database, but its first transaction holds the store's lock before its first statement
 * (which takes its seqs), until let go. */
function storeLockedFirst(sql: Sql, storeId: string) {
  let reached!: () => void;
  let release!: () => void;
  const locked = new Promise<void>((resolve) => (reached = resolve));
  const letGo = new Promise<void>((resolve) => (release = resolve));
  let first = true;
  const held: Sql = {
    query: (text, params) => sql.query(text, params),
    transaction: (work, options) =>
      sql.transaction(async (tx) => {
        if (first) {
          first = false;
          await tx.query('SELECT 1 FROM stores WHERE id = $1 FOR UPDATE', [storeId]);
          reached();
          await letGo;
        }
        return work(tx);
      }, options),
  };
  return { held, locked, release };
}

/** Each record as a desk ends up holding it after applying every change of the log in seq order. */
function lastLogged(changes: { recordId: string; record: unknown }[]): Map<string, unknown> {
  return new Map(changes.map((c) => [c.recordId, c.record]));
}

async function serverOrder(storeId: string, id: string): Promise<unknown> {
  const [row] = await server.db.query<{ data: unknown }>(
    'SELECT data FROM orders WHERE store_id = $1 AND id = $2',
    [storeId, id],
  );
  return typeof row?.data === 'string' ? JSON.parse(row.data) : row?.data;
}

/** Resolves once some transaction waits for a row another holds (or `settled` ends first). */
async function someoneWaits(settled: Promise<unknown>): Promise<void> {
  let done = false;
  void settled.finally(() => (done = true)).catch(() => undefined);
  while (!done) {
    const [waiting] = await server.db.query<{ n: unknown }>(
      "SELECT count(*) AS n FROM pg_locks WHERE NOT granted AND locktype = 'transactionid'",
    );
    if (Number(waiting?.n) > 0) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

// Seqs are taken when a push begins, but two pushes reach a shared record in whatever order they
// get there. A desk applies the log in seq order and keeps the last version it reads, so a record's
// versions must be logged in the order the server wrote them, whichever push took its seqs first.
describe('a record’s versions in the log', () => {
  it.runIf(onPostgres)(
    'logs an edit after the one it was merged over, though its push took its seqs first',
    async () => {
      const a = await enrolledDesk(server.app, server.db, 'RA');
      const b = await enrolledDesk(server.app, server.db, 'RB', a.enrolled.storeId);
      const storeId = a.enrolled.storeId;
      const { product } = productRows('Shared Mug');
      await a.push([a.put('products', product)]);
      const edit = (desk: FakeDesk, name: string) =>
        PushMutationSchema.parse(desk.put('products', { ...product, name }, ['name']));

      // A record edit takes the store's lock in the statement that takes its seqs, and the seqs come
      // first: A's push takes its seqs and then waits for the lock B's push got there first with.
      const slowB = storeLockedFirst(server.db, storeId);
      const pushB = applyPush(slowB.held, deviceOf(b), [edit(b, 'Mug from B')]);
      await slowB.locked;
      const pushA = applyPush(server.db, deviceOf(a), [edit(a, 'Mug from A')]);
      await someoneWaits(pushA);
      slowB.release();
      const [[resultA], [resultB]] = await Promise.all([pushA, pushB]);
      expect(resultB?.status).toBe('applied');
      expect(resultA?.status).toBe('applied');

      // B's edit was written first; A's, merged over it, is the one the server keeps.
      const [stored] = await server.db.query<{ data: { name: string } }>(
        "SELECT data FROM records WHERE store_id = $1 AND table_name = 'products' AND id = $2",
        [storeId, product.id],
      );
      expect(stored?.data.name).toBe('Mug from A');
      const held = lastLogged(await a.pullAll()).get(product.id) as { name: string };
      expect(held.name).toBe('Mug from A');
    },
  );

  it.runIf(onPostgres)(
    'logs an order after the version it changed, though the push that changed it took its seqs first',
    async () => {
      const a = await enrolledDesk(server.app, server.db, 'OA');
      const b = await enrolledDesk(server.app, server.db, 'OB', a.enrolled.storeId);
      const x = a.newOrder();
      await a.push([x.mutation]);

      const slow = heldAfterSeqs(server.db);
      const add = (desk: FakeDesk, line: number) =>
        PushMutationSchema.parse(desk.change(x.order, sample.addItem(line)).mutation);
      const pushA = applyPush(slow.held, deviceOf(a), [add(a, 1)]);
      await slow.tookSeqs;
      expect((await applyPush(server.db, deviceOf(b), [add(b, 2)]))[0]?.status).toBe('applied');
      slow.release();
      expect((await pushA)[0]?.status).toBe('applied');

      const stored = await serverOrder(a.enrolled.storeId, x.order.id);
      expect((stored as { lines: unknown[] }).lines).toHaveLength(2);
      expect(lastLogged(await a.pullAll()).get(x.order.id)).toEqual(stored);
    },
  );

  it.runIf(onPostgres)(
    'logs an order again (after a refused change it followed) no earlier than its last version',
    async () => {
      const a = await enrolledDesk(server.app, server.db, 'QA');
      const b = await enrolledDesk(server.app, server.db, 'QB', a.enrolled.storeId);
      const x = a.newOrder();
      await a.push([x.mutation]);
      // A change of A's the server refused: the next one, which follows it, is refused too, and the
      // server logs the order again so A's copy is put right.
      const refusedId = newId();
      await applyPush(server.db, deviceOf(a), [{ id: refusedId, refused: 'Not understood' }]);

      // B changes the order and stays open at COMMIT, its seqs the lower ones.
      const slowB = heldAtCommit(server.db);
      const pushB = applyPush(slowB.held, deviceOf(b), [
        PushMutationSchema.parse(b.change(x.order, sample.addItem(1)).mutation),
      ]);
      await slowB.atCommit;
      const follows = { ...a.change(x.order, sample.addItem(2)).mutation, dependsOn: refusedId };
      const pushA = applyPush(server.db, deviceOf(a), [PushMutationSchema.parse(follows)]);
      await someoneWaits(pushA);
      slowB.release();
      const [[resultA], [resultB]] = await Promise.all([pushA, pushB]);
      expect(resultA?.status).toBe('rejected');
      expect(resultB?.status).toBe('applied');

      const stored = await serverOrder(a.enrolled.storeId, x.order.id);
      expect((stored as { lines: unknown[] }).lines).toHaveLength(1);
      expect(lastLogged(await a.pullAll()).get(x.order.id)).toEqual(stored);
    },
  );
});
