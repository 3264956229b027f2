import { revokeDevice } from '../../../src-server/storeAdmin';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sample } from '$machines/orderSampleEvents';
import { newId } from '$shared/ids';
import type { StockMovement } from '$shared/records';
import { foldLedger } from '$shared/stockLevels';
import { enrolledDesk, productRows, type FakeDesk } from './fakeDesk';
import { START_TIMEOUT, startTestServer, type TestServer } from './testServer';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ enrollRateLimit: { capacity: 1000, refillPerMinute: 1000 } });
}, START_TIMEOUT);
afterAll(() => server?.close());

const desk = (code: string, storeId?: string) => enrolledDesk(server.app, server.db, code, storeId);

async function catalogue(d: FakeDesk) {
  const rows = productRows();
  await d.push([d.put('products', rows.product), d.put('variants', rows.variant)]);
  return rows;
}

describe('stores are sealed from each other', () => {
  it('never shows store A what store B did, nor lets A change B’s records', async () => {
    const a = await desk('SA');
    const b = await desk('SB');
    const { product, variant } = await catalogue(b);
    const created = b.newOrder();
    await b.push([created.mutation]);

    const seenByA = await a.pullAll();
    expect(seenByA).toEqual([]);

    // A knows B's ids (say, from a leaked backup) and tries to use them.
    const onBsOrder = a.change(created.order, sample.addItem(1)).mutation;
    const onBsVariant = a.movement(variant.id, 'receive', 100);
    const renameBsProduct = a.put('products', { ...product, name: 'Hijacked' }, ['name']);
    const results = await a.push([onBsOrder, onBsVariant, renameBsProduct]);
    // The product edit lands as a record of A's own that happens to share the id; B's is untouched.
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'applied']);
    expect(results[0]?.reason).toMatch(/is not on the server/);
    expect(results[1]?.reason).toMatch(/no product variant has the id/);

    const seenByB = await b.pullAll();
    expect(seenByB.map((c) => c.table)).toEqual(['products', 'variants', 'orders']);
    expect(seenByB[0]?.record).toMatchObject({ name: product.name });
    expect((await a.pullAll()).map((c) => c.record)).toEqual([{ ...product, name: 'Hijacked' }]);
    const bsUnits = await server.db.query('SELECT 1 FROM stock_movements WHERE variant_id = $1', [
      variant.id,
    ]);
    expect(bsUnits).toEqual([]);
  });
});

describe('pull', () => {
  it('pages through the change log with a cursor, without gaps or overlaps, and says when there is more', async () => {
    const seller = await desk('P1');
    const other = await desk('P2', seller.enrolled.storeId);
    const { variant } = await catalogue(seller);
    const movements = Array.from({ length: 23 }, (_, i) => seller.movement(variant.id, 'receive', i + 1));
    await seller.push(movements);

    const pages: { seqs: number[]; cursor: number; hasMore: boolean; remaining?: number }[] = [];
    let cursor = 0;
    for (let more = true; more;) {
      const page = await other.pull(cursor, 10);
      pages.push({
        seqs: page.changes.map((c) => c.seq),
        cursor: page.cursor,
        hasMore: page.hasMore,
        remaining: page.remaining,
      });
      cursor = page.cursor;
      more = page.hasMore;
    }
    expect(pages.map((p) => p.hasMore)).toEqual([true, true, false]);
    const seqs = pages.flatMap((p) => p.seqs);
    // Seqs come from one sequence for every store: increasing, each change once, none skipped.
    expect(seqs).toHaveLength(25);
    expect(seqs).toEqual([...new Set(seqs)].sort((a, b) => a - b));
    expect(pages.map((p) => p.cursor)).toEqual([seqs[9], seqs[19], seqs[24]]);
    // What is left after each page, so a desk can draw a progress bar for its first download.
    expect(pages.map((p) => p.remaining)).toEqual([15, 5, 0]);

    const empty = await other.pull(cursor, 10);
    expect(empty).toEqual({ changes: [], cursor, hasMore: false, remaining: 0 });
  });

  it('keeps the count of what is left right while changes are pushed during a download, counting the log once', async () => {
    const seller = await desk('P4');
    const other = await desk('P5', seller.enrolled.storeId);
    const { variant } = await catalogue(seller);
    await seller.push(Array.from({ length: 23 }, (_, i) => seller.movement(variant.id, 'receive', i + 1)));
    const query = vi.spyOn(server.db, 'query');
    const counts = () =>
      query.mock.calls
        .filter(([text]) => /count\(\*\) AS n, max\(seq\)/.test(String(text)))
        .map(([, params]) => params);

    const first = await other.pull(0, 10);
    expect(first.remaining).toBe(15);
    // Four more while the desk is downloading: the next page's count takes its ten off and adds them.
    await seller.push(Array.from({ length: 4 }, () => seller.movement(variant.id, 'adjust', -1)));
    const second = await other.pull(first.cursor, 10);
    expect(second.remaining).toBe(9);
    const third = await other.pull(second.cursor, 10);
    expect(third).toMatchObject({ hasMore: false, remaining: 0 });
    expect(third.changes).toHaveLength(9);
    // The whole log after the cursor was counted once; the second page counted only what came after
    // the highest seq counted before (the four pushed).
    const [whole, appended] = counts();
    expect(counts()).toHaveLength(2);
    expect(whole?.[1]).toBe(first.cursor);
    expect(Number(appended?.[1])).toBeGreaterThan(first.cursor);
    query.mockRestore();
  });

  it('refuses a malformed pull with the field that is wrong', async () => {
    const d = await desk('P3');
    const response = await d.post('/v1/pull', { protocolVersion: 1, cursor: -5, limit: 100_000 });
    expect(response.statusCode).toBe(400);
    expect(response.json().issues.join('\n')).toMatch(/Cursor[\s\S]*Limit/);
  });
});

describe('stock from many desks', () => {
  it('adds up movements pushed by two desks at once, on the server and on a desk that pulls them', async () => {
    const a = await desk('K1');
    const b = await desk('K2', a.enrolled.storeId);
    const { variant } = await catalogue(a);
    const fromA = [
      a.movement(variant.id, 'receive', 50),
      ...Array.from({ length: 10 }, () => a.movement(variant.id, 'reserve', 2)),
    ];
    const fromB = [
      b.movement(variant.id, 'adjust', -3),
      ...Array.from({ length: 10 }, () => b.movement(variant.id, 'ship', 1)),
    ];
    const [ra, rb] = await Promise.all([a.push(fromA), b.push(fromB)]);
    expect([...ra, ...rb].every((r) => r.status === 'applied')).toBe(true);

    const expected = foldLedger([...fromA, ...fromB].map((m) => m.payload as StockMovement)).get(variant.id);
    expect(expected).toEqual({ onHand: 50 - 3 - 10, reserved: 20 - 10 });

    const pulled = (await desk('K3', a.enrolled.storeId))
      .pullAll()
      .then((changes) =>
        changes.filter((c) => c.table === 'stockMovements').map((c) => c.record as StockMovement),
      );
    expect(foldLedger(await pulled).get(variant.id)).toEqual(expected);

    const [sum] = await server.db.query<{ units: unknown }>(
      "SELECT sum(CASE WHEN kind IN ('receive', 'return', 'adjust') THEN quantity WHEN kind = 'ship' THEN -quantity ELSE 0 END) AS units FROM stock_movements WHERE variant_id = $1",
      [variant.id],
    );
    expect(Number(sum?.units)).toBe(expected?.onHand);
  });

  it('never counts the same movement twice, even sent by a second enrollment of the same desk', async () => {
    const a = await desk('K4');
    const { variant } = await catalogue(a);
    const receive = a.movement(variant.id, 'receive', 7);
    await a.push([receive]);
    // The desk is enrolled again (its old access revoked) and sends what it still had queued.
    await revokeDevice(server.db, a.deviceId);
    const again = await desk('K5', a.enrolled.storeId);
    const [result] = await again.push([{ ...receive, id: newId() }]);
    expect(result?.status).toBe('duplicate');
  });
});
