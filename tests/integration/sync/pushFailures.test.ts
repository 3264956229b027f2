import { describe, expect, it } from 'vitest';
import { newId } from '$shared/ids';
import { saveCustomer } from '$db/customerWrites';
import { outboxEntry } from '$db/outbox';
import { retryChange, waitingChanges } from '../../../src-renderer/src/sync/waitingChanges';
import { type Desk, enrolledDesk, newStore, useSyncServer } from './syncHarness';

const ctx = useSyncServer();
const desks = ctx.desks;

async function twoDesks(options: { batchSize?: number } = {}): Promise<[Desk, Desk]> {
  const store = await newStore(ctx.server, `Store ${newId()}`);
  const a = await enrolledDesk(ctx.server, store, 'A1', options);
  const b = await enrolledDesk(ctx.server, store, 'B1');
  desks.push(a, b);
  return [a, b];
}

const customer = (desk: Desk, name: string) =>
  saveCustomer(desk.db, { name, addresses: [], acquisitionSource: 'walk_in', isBusiness: false });

async function changesLoggedFor(recordId: string): Promise<number> {
  const rows = await ctx.server.db.query<{ n: unknown }>(
    'SELECT count(*) AS n FROM change_log WHERE record_id = $1',
    [recordId],
  );
  return Number(rows[0]?.n);
}

describe('pushing through a failing network', () => {
  it('applies a change once when the answer to its push was lost and the push is sent again', async () => {
    const [a, b] = await twoDesks();
    const grace = await customer(a, 'Grace Hopper');
    a.net.dropAnswers.push('/v1/push');

    const lost = await a.client.syncNow();
    expect(lost.state).toBe('backingOff');
    expect(lost.pending).toBe(1);
    expect(lost.lastError).toMatch(/could not be reached/);

    const retried = await a.client.syncNow();
    expect(retried).toMatchObject({ state: 'idle', pending: 0, rejected: [] });
    expect(a.net.pushes()).toBe(2);
    expect((await a.db.outbox.toArray()).map((e) => e.state)).toEqual(['applied']);
    expect(await changesLoggedFor(grace.id)).toBe(1);

    await b.client.syncNow();
    expect(await b.db.customers.where('name').equals('Grace Hopper').count()).toBe(1);
  });

  it('marks an invalid change rejected with its reason and still sends the ones after it', async () => {
    const [a, b] = await twoDesks();
    const at = new Date().toISOString();
    const nameless = {
      id: newId(),
      name: '',
      phoneDigits: '',
      addresses: [],
      acquisitionSource: 'walk_in',
      isBusiness: false,
      searchWords: [],
      createdAt: at,
      updatedAt: at,
    };
    // One the server refuses (no name), one that can never be sent (stock levels are derived on each desk).
    const refused = outboxEntry('record.put', 'customers', nameless.id, nameless);
    const unsendable = outboxEntry('record.put', 'stockLevels', newId(), { id: newId(), value: 1 });
    await a.db.outbox.bulkAdd([refused, unsendable]);
    const later = await customer(a, 'Katherine Johnson');

    const status = await a.client.syncNow();
    expect(status.state).toBe('idle');
    expect(status.pending).toBe(0);
    const reasons = Object.fromEntries(status.rejected.map((r) => [r.id, r.reason]));
    expect(Object.keys(reasons).sort()).toEqual([refused.id, unsendable.id].sort());
    expect(reasons[refused.id]).toMatch(/name cannot be empty/i);
    expect(reasons[unsendable.id]).toMatch(/could not be sent to the server: Table must be one of/);
    expect((await a.db.outbox.get(refused.id))?.rejection).toBe(reasons[refused.id]);

    await b.client.syncNow();
    expect(await b.db.customers.get(later.id)).toEqual(later);
    expect(await b.db.customers.get(nameless.id)).toBeUndefined();
  });

  it('leaves the unsent batches pending when the server goes down mid-push, and finishes on the next sync', async () => {
    const [a, b] = await twoDesks({ batchSize: 2 });
    for (const name of ['Ann', 'Bob', 'Cyd', 'Dee', 'Eve']) await customer(a, name);
    // The first batch goes through; the server then answers 503 and after that not at all.
    let pushes = 0;
    a.net.beforeRequest = (path) => {
      if (path !== '/v1/push') return;
      pushes += 1;
      if (pushes === 2) a.net.failWith.push({ path, status: 503 });
      if (pushes === 3) a.net.down = true;
    };

    const first = await a.client.syncNow();
    expect(first.state).toBe('backingOff');
    expect(first.lastError).toMatch(/restarting/);
    expect(first.pending).toBe(3);
    expect(await a.db.outbox.where('state').equals('applied').count()).toBe(2);

    // The third push finds no server at all; the probe then reports the desk offline.
    const stillDown = await a.client.syncNow();
    expect(stillDown).toMatchObject({ state: 'backingOff', pending: 3 });
    expect(stillDown.lastError).toMatch(/could not be reached/);
    expect((await a.client.syncNow()).state).toBe('offline');

    a.net.down = false;
    expect(await a.client.syncNow()).toMatchObject({ state: 'idle', pending: 0, rejected: [] });
    await b.client.syncNow();
    expect((await b.db.customers.toArray()).map((c) => c.name).sort()).toEqual([
      'Ann',
      'Bob',
      'Cyd',
      'Dee',
      'Eve',
    ]);
  });

  it('sets a change aside after the server fails on it three times, sends the rest, and sends it again when asked', async () => {
    const [a, b] = await twoDesks({ batchSize: 10 });
    const ann = await customer(a, 'Ann');
    const poison = await customer(a, 'Pat Poison');
    const cyd = await customer(a, 'Cyd');
    // The server answers 500 to any push holding Pat's change (a bug on the server, say).
    let broken = true;
    a.net.failWhen = (path, body) =>
      broken && path === '/v1/push' && body.includes(poison.id) ? 500 : undefined;

    const first = await a.client.syncNow();
    expect(first.state).toBe('backingOff');
    expect(first.pending).toBe(2); // Ann went on her own; Pat and, behind Pat, Cyd wait
    expect(await changesLoggedFor(ann.id)).toBe(1);
    expect((await a.client.syncNow()).pending).toBe(2);

    const third = await a.client.syncNow();
    expect(third).toMatchObject({ state: 'idle', pending: 0 });
    expect(third.rejected.map((r) => r.reason)).toEqual([
      'The server could not take this change after 3 tries: The server could not finish this request; nothing is lost, and it can be sent again',
    ]);
    expect(await changesLoggedFor(cyd.id)).toBe(1);
    expect(await changesLoggedFor(poison.id)).toBe(0);

    // Waiting to sync shows it with its reason; once the server is fixed, Send again takes it.
    const [group] = await waitingChanges(a.db);
    expect(group?.items).toMatchObject([{ state: 'rejected', what: 'Customer details saved' }]);
    broken = false;
    await retryChange(a.db, group!.items[0]!.entryId);
    expect(await a.client.syncNow()).toMatchObject({ state: 'idle', pending: 0, rejected: [] });
    await b.client.syncNow();
    expect(await b.db.customers.get(poison.id)).toEqual(poison);
  });
});
