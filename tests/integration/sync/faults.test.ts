// Three desks work offline (sales, customer edits, stock moved, two claims on one order, two
// cancellations of another), then sync through a proxy that breaks the network in one way per
// test. After healing, every desk and the server must hold the same data, every order once, stock
// that adds up, every change applied at most once and every refusal readable.
import { describe, expect, it } from 'vitest';
import type { Order, OutboxEntry, Variant } from '$shared/records';
import { type FaultKind } from './faultProxy';
import { expectConverged, syncUntilQuiet } from './convergence';
import {
  editCustomer,
  newCustomer,
  orderEvent,
  paidOrder,
  refundAndCancel,
  stockedVariant,
} from './deskActions';
import { recordStockMovement } from '$db/stockWrites';
import { useFaultyStores, type FaultyStore } from './faultyStore';

const stores = useFaultyStores();

/** What each desk does while offline; returns the ids of every order made. */
async function offlineWork(store: FaultyStore, variant: Variant, claimed: Order, cancelled: Order) {
  const created: string[] = [];
  const shared = (await store.desks[0]!.db.customers.toArray())[0]!;
  for (const [i, desk] of store.desks.entries()) {
    desk.net.down = true;
    const deskId = desk.code;
    created.push((await paidOrder(desk.db, deskId, variant, 1 + i)).id);
    created.push((await paidOrder(desk.db, deskId, variant, 2, false)).id);
    const mine = await newCustomer(desk.db, `Customer of ${deskId}`);
    await editCustomer(desk.db, mine.id, { phone: `+44 20 7946 00${i}0` });
    await editCustomer(desk.db, shared.id, { notes: `Called ${deskId}`, company: `Firm ${i}` });
    await recordStockMovement(desk.db, { variantId: variant.id, kind: 'receive', quantity: 10 + i, deskId });
    await recordStockMovement(desk.db, {
      variantId: variant.id,
      kind: 'adjust',
      quantity: -1,
      reason: 'Count',
      deskId,
    });
  }
  const [seller, d1, d2] = store.desks as [
    (typeof store.desks)[0],
    (typeof store.desks)[0],
    (typeof store.desks)[0],
  ];
  // Two benches claim one order; two desks cancel another (each releasing its reserved stock).
  await orderEvent(d1.db, d1.code, claimed.id, { type: 'pack.start' });
  await orderEvent(d2.db, d2.code, claimed.id, { type: 'pack.start' });
  await refundAndCancel(seller.db, seller.code, cancelled.id);
  await refundAndCancel(d2.db, d2.code, cancelled.id);
  for (const desk of store.desks) desk.net.down = false;
  return created;
}

async function scenario(kind: FaultKind, faults: number) {
  const store = await stores.open({ seed: FAULT_SEEDS[kind] }, ['S1', 'D1', 'D2']);
  const [seller] = store.desks;
  const variant = await stockedVariant(seller!.db, 'S1', 100);
  await newCustomer(seller!.db, 'Shared Customer');
  const claimed = await paidOrder(seller!.db, 'S1', variant, 3);
  const cancelled = await paidOrder(seller!.db, 'S1', variant, 4);
  await syncUntilQuiet(stores.ctx.server.db, store.storeId, store.desks);

  const created = [claimed.id, cancelled.id, ...(await offlineWork(store, variant, claimed, cancelled))];
  for (let i = 0; i < faults; i++)
    store.proxy.script.push({ kind, path: i % 3 === 2 ? '/v1/pull' : '/v1/push' });
  // All desks at once, twice: the faults land wherever the requests happen to be.
  for (let round = 0; round < 2; round++) await Promise.all(store.desks.map((d) => d.client.syncNow()));
  return { store, created };
}

// Fixed seeds keep each test's random choices (delays, crash points) the same run after run.
const FAULT_SEEDS: Record<FaultKind, number> = {
  dropRequest: 11,
  dropResponse: 12,
  duplicate: 13,
  delay: 14,
  reorder: 15,
  restart: 16,
};

function expectOnlyTheRealConflicts(rejected: OutboxEntry[]) {
  const events = rejected.filter((e) => e.kind === 'order.event');
  const types = events.map((e) => (e.payload as { event: { type: string } }).event.type).sort();
  // One of the two claims loses; one desk's refund and cancellation find the order already settled.
  expect(types).toEqual(['order.cancel', 'pack.start', 'refund.issue']);
  // Refused by the machine, or with the desk's earlier change to that order that was refused.
  for (const entry of events) {
    expect(entry.rejection).toMatch(
      /^(Not applied because the change it follows was refused: )?Order [A-Z0-9]+-\d+: \S/,
    );
  }
  // The losing cancellation's stock release goes with it.
  for (const entry of rejected.filter((e) => e.kind === 'stock.movement')) {
    expect((entry.payload as { kind: string }).kind).toBe('release');
  }
  expect(rejected.filter((e) => e.kind === 'record.put')).toEqual([]);
}

describe('sync through a faulty network', () => {
  const cases: Array<[FaultKind, string, number]> = [
    ['dropRequest', 'requests lost on the way to the server', 5],
    ['dropResponse', 'answers lost after the server committed', 5],
    ['duplicate', 'every request sent twice at once', 8],
    ['delay', 'slow requests', 10],
    ['reorder', 'requests held back and delivered after later ones', 6],
    ['restart', 'the server dying in the middle of a batch and starting again', 3],
  ];
  for (const [kind, what, faults] of cases) {
    it(`converges after ${what} (${kind})`, async () => {
      const { store, created } = await scenario(kind, faults);
      try {
        expect(store.proxy.count(kind)).toBeGreaterThan(0);
        await syncUntilQuiet(stores.ctx.server.db, store.storeId, store.desks);
        const { rejected } = await expectConverged(
          stores.ctx.server.db,
          store.storeId,
          store.desks,
          created,
          `(${store.proxy.describe()})`,
        );
        expectOnlyTheRealConflicts(rejected);
        if (kind === 'restart') expect(store.server.restarts).toBeGreaterThan(0);
      } catch (error) {
        console.error(`Replay with ${store.proxy.describe()}`);
        throw error;
      }
    }, 60_000);
  }
});
