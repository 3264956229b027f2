import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sample } from '$machines/orderSampleEvents';
import type { Order } from '$shared/records';
import { buildServer } from '../../../src-server/app';
import { FakeDesk, enrolledDesk, type Mutation } from './fakeDesk';
import { START_TIMEOUT, startTestServer, type TestServer } from './testServer';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ enrollRateLimit: { capacity: 1000, refillPerMinute: 1000 } });
}, START_TIMEOUT);
afterAll(() => server?.close());

const desk = (code: string, storeId?: string) => enrolledDesk(server.app, server.db, code, storeId);

/** Plays events on the desk's copy of the order, returning the outbox entries to push. */
function play(d: FakeDesk, order: Order, events: unknown[]): { order: Order; mutations: Mutation[] } {
  const mutations: Mutation[] = [];
  for (const event of events) {
    const step = d.change(order, event);
    order = step.order;
    mutations.push(step.mutation);
  }
  return { order, mutations };
}

/** An order taken, paid, receipted and reserved on desk `d`, all pushed and applied. */
async function orderReadyToPack(d: FakeDesk): Promise<Order> {
  const created = d.newOrder();
  const played = play(d, created.order, [
    sample.addItem(1, 2, 1500),
    sample.checkout(3000),
    sample.capture(1, 3000),
    sample.receipt(),
    sample.reserve(),
  ]);
  const results = await d.push([created.mutation, ...played.mutations]);
  expect(results.map((r) => r.status)).toEqual(Array(6).fill('applied'));
  return played.order;
}

async function serverOrder(id: string): Promise<{ status: string; version: number; events: number }> {
  const [row] = await server.db.query<{ status: string; version: number; events: unknown }>(
    `SELECT o.status, o.version, (SELECT count(*) FROM order_events e WHERE e.store_id = o.store_id AND e.order_id = o.id) AS events
       FROM orders o WHERE o.id = $1`,
    [id],
  );
  return { status: row!.status, version: row!.version, events: Number(row!.events) };
}

describe('order events on the server', () => {
  it('folds a valid history into the same order row the desk holds', async () => {
    const d = await desk('O1');
    const local = await orderReadyToPack(d);
    expect(await serverOrder(local.id)).toEqual({ status: 'processing', version: 5, events: 5 });
    const pulled = (await d.pullAll()).filter((c) => c.table === 'orders' && c.recordId === local.id).at(-1);
    expect(pulled?.record).toMatchObject({
      status: local.status,
      version: local.version,
      totals: local.totals,
      lines: local.lines,
    });
  });

  it('refuses an event the machine does not allow, with the machine’s own reason', async () => {
    const d = await desk('O2');
    const created = d.newOrder();
    await d.push([created.mutation]);
    // A desk running a buggy build sends packing for an order that is still a cart.
    const forged = { ...d.change(await orderReadyToPack(d), sample.pack()).mutation };
    const payload = { ...(forged.payload as Record<string, unknown>), orderId: created.order.id };
    const [result] = await d.push([{ ...forged, payload }]);
    expect(result?.status).toBe('rejected');
    expect(result?.reason).toMatch(/^Order D1-000001: “pack\.start” is not possible while the order is/);
    expect(await serverOrder(created.order.id)).toEqual({ status: 'cart', version: 0, events: 0 });
  });

  it('lets exactly one of two benches start packing the same order, and tells the other why', async () => {
    const seller = await desk('S1');
    const bench1 = await desk('B1', seller.enrolled.storeId);
    const bench2 = await desk('B2', seller.enrolled.storeId);
    const order = await orderReadyToPack(seller);
    // Both benches pulled the order while it was ready, and both start packing it offline.
    const one = bench1.change(order, sample.pack()).mutation;
    const two = bench2.change(order, sample.pack()).mutation;
    const [r1, r2] = await Promise.all([bench1.push([one]), bench2.push([two])]);
    const statuses = [r1![0]!.status, r2![0]!.status].sort();
    expect(statuses).toEqual(['applied', 'rejected']);
    const loser = [r1![0]!, r2![0]!].find((r) => r.status === 'rejected')!;
    expect(loser.reason).toMatch(
      /“pack\.start” is not possible while the order is Packaging \(last changed at desk D[23]\)/,
    );
    expect(await serverOrder(order.id)).toEqual({ status: 'packaging', version: 6, events: 6 });
  });

  it('keeps one parcel when two benches pack the same order offline: the second is refused with why', async () => {
    const seller = await desk('S4');
    const bench1 = await desk('B6', seller.enrolled.storeId);
    const bench2 = await desk('B7', seller.enrolled.storeId);
    const order = await orderReadyToPack(seller);
    // Both benches hold the order while it was ready; each packs it and closes a parcel offline.
    const packedBy = (bench: FakeDesk, parcel: number) => {
      const started = bench.change(order, sample.pack());
      const closed = bench.change(started.order, sample.packed(2, parcel));
      return [started.mutation, closed.mutation];
    };
    const first = await bench1.push(packedBy(bench1, 1));
    expect(first.map((r) => r.status)).toEqual(['applied', 'applied']);
    const second = await bench2.push(packedBy(bench2, 2));
    expect(second.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(second[0]?.reason).toMatch(
      /“pack\.start” is not possible while the order is Packaging \(last changed at desk D\d+\)/,
    );
    const [row] = await server.db.query<{ data: { machine: { packed?: unknown } } }>(
      'SELECT data FROM orders WHERE id = $1',
      [order.id],
    );
    expect(row?.data.machine.packed).toEqual({ parcelId: sample.packed(2, 1).parcelId, units: 2 });
    expect(await serverOrder(order.id)).toEqual({ status: 'packaging', version: 7, events: 7 });
  });

  it('refuses a second parcel for an order already packed, even from the bench that packed it', async () => {
    const bench = await desk('B8');
    const order = await orderReadyToPack(bench);
    const started = bench.change(order, sample.pack());
    const closed = bench.change(started.order, sample.packed(2, 1));
    expect((await bench.push([started.mutation, closed.mutation])).map((r) => r.status)).toEqual([
      'applied',
      'applied',
    ]);
    // A desk that lost its parcel (the bug this guards) sends another pack.complete: refused.
    const eventId = crypto.randomUUID();
    const again = { ...closed.mutation, id: crypto.randomUUID(), recordId: eventId };
    again.payload = {
      ...(again.payload as object),
      id: eventId,
      event: sample.packed(2, 2),
    } as typeof again.payload;
    const [result] = await bench.push([again]);
    expect(result?.status).toBe('rejected');
    expect(result?.reason).toMatch(/already packed \(a parcel of 2 units\)/);
    expect(await serverOrder(order.id)).toMatchObject({ status: 'packaging', events: 7 });
  });

  it('gives one answer when the racing benches reach two copies of the server over one database', async () => {
    const secondCopy = buildServer({ sql: server.db });
    try {
      const seller = await desk('S3');
      const bench1 = await desk('B4', seller.enrolled.storeId);
      const bench2 = new FakeDesk(secondCopy, (await desk('B5', seller.enrolled.storeId)).enrolled, 'B5');
      const order = await orderReadyToPack(seller);
      const [r1, r2] = await Promise.all([
        bench1.push([bench1.change(order, sample.pack()).mutation]),
        bench2.push([bench2.change(order, sample.pack()).mutation]),
      ]);
      expect([r1[0]?.status, r2[0]?.status].sort()).toEqual(['applied', 'rejected']);
      expect(await serverOrder(order.id)).toMatchObject({ status: 'packaging', events: 6 });
    } finally {
      await secondCopy.close();
    }
  });

  it('keeps the desk’s event id and gives the event the server’s place in the order’s log', async () => {
    const d = await desk('O3');
    const order = await orderReadyToPack(d);
    const hold = d.change(order, sample.hold()).mutation;
    await d.push([hold]);
    const [event] = await server.db.query<{ seq: number; data: { id: string; from: string; to: string } }>(
      'SELECT seq, data FROM order_events WHERE id = $1',
      [hold.recordId],
    );
    expect(event).toMatchObject({ seq: 6, data: { id: hold.recordId, from: 'processing', to: 'on_hold' } });
  });

  it('keeps a tracking number shipped unverified marked so, in the event and on the order other desks pull', async () => {
    const d = await desk('O4');
    const order = await orderReadyToPack(d);
    const packed = play(d, order, [sample.pack(), sample.packed(2)]);
    const tracking = { carrier: 'DPD', number: '15501234567890', verified: false };
    const shipped = d.change(
      packed.order,
      { ...sample.dispatch(2, tracking.number), carrier: 'DPD' },
      {},
      { tracking },
    );
    const results = await d.push([...packed.mutations, shipped.mutation]);
    expect(results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);
    const [event] = await server.db.query<{ data: { details?: unknown } }>(
      'SELECT data FROM order_events WHERE id = $1',
      [shipped.mutation.recordId],
    );
    expect(event?.data.details).toEqual({ tracking });
    const pulled = (await d.pullAll()).filter((c) => c.table === 'orders' && c.recordId === order.id).at(-1);
    expect(pulled?.record).toMatchObject({ status: 'shipped', tracking });
  });

  it('refuses an order that arrives already paid instead of as an empty cart', async () => {
    const d = await desk('O4');
    const created = d.newOrder();
    const paid = play(d, created.order, [
      sample.addItem(1),
      sample.checkout(1000),
      sample.capture(1, 1000),
    ]).order;
    const [result] = await d.push([d.put('orders', paid)]);
    expect(result?.status).toBe('rejected');
    expect(result?.reason).toMatch(/reaches the server as an empty cart/);
  });

  it('refuses a change that follows a refused one, instead of applying it alone', async () => {
    const seller = await desk('S2');
    const bench = await desk('B3', seller.enrolled.storeId);
    const order = await orderReadyToPack(seller);
    await seller.push([seller.change(order, sample.hold()).mutation]);
    const pack = bench.change(order, sample.pack()).mutation;
    const note = { ...bench.movement(order.lines[0]!.variantId, 'adjust', -1), dependsOn: pack.id };
    const [packed, noted] = await bench.push([pack, note]);
    expect(packed?.status).toBe('rejected');
    expect(noted?.status).toBe('rejected');
    expect(noted?.reason).toMatch(/the change it follows was refused: Order D1-000001/);
  });
});
