// Near real time between desks: a change queued on one desk is pushed within a moment without
// anyone asking (the outbox watch), and the server's change stream wakes the other desk's pull at
// once (no polling: its timer is set to an hour). Also: a sync loop whose database closes stops
// cleanly, with no error left behind.
import { describe, expect, it, vi } from 'vitest';
import { newId } from '$shared/ids';
import { newCustomer, paidOrder, stockedVariant } from './deskActions';
import { enrolledDesk, newStore, useSyncServer } from './syncHarness';

const ctx = useSyncServer();
const HOUR = 3_600_000;

describe('near real time', () => {
  it('pushes a queued change by itself and the other desk pulls it when the server says so', async () => {
    const store = await newStore(ctx.server, `Store ${newId()}`);
    const live = { intervalMs: HOUR, pollWhileDownMs: HOUR, liveEvents: true };
    const a = await enrolledDesk(ctx.server, store, 'NA', live);
    const b = await enrolledDesk(ctx.server, store, 'NB', live);
    ctx.desks.push(a, b);
    a.client.start();
    b.client.start();
    await vi.waitFor(() => expect(a.client.status.get().state).toBe('idle'), { timeout: 10_000 });
    await vi.waitFor(() => expect(b.client.status.get().state).toBe('idle'), { timeout: 10_000 });

    const ada = await newCustomer(a.db, 'Ada Lovelace');
    await vi.waitFor(async () => expect(await b.db.customers.get(ada.id)).toBeTruthy(), { timeout: 10_000 });

    // A sale is many changes made in a row: each burst goes out, and the other desk gets them all.
    const variant = await stockedVariant(a.db, 'D1');
    const order = await paidOrder(a.db, 'D1', variant);
    await vi.waitFor(async () => expect((await b.db.orders.get(order.id))?.version).toBe(order.version), {
      timeout: 15_000,
    });
    expect(await a.db.outbox.where('state').equals('pending').count()).toBe(0);
    expect(a.net.log.filter((l) => l === 'GET /v1/events').length).toBeGreaterThan(0);
  }, 60_000);

  it('stops a running sync loop cleanly when its database closes', async () => {
    const store = await newStore(ctx.server, `Store ${newId()}`);
    const desk = await enrolledDesk(ctx.server, store, 'NC', { intervalMs: 20, pollWhileDownMs: 20 });
    desk.client.start();
    await newCustomer(desk.db, 'Grace Hopper');
    desk.db.close();
    // Ticks keep coming for a while; none may fail on the closed database.
    await new Promise((resolve) => setTimeout(resolve, 200));
    desk.client.stop();
    await desk.db.delete();
  });
});
