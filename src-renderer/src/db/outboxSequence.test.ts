// The outbox's own order: a per-desk sequence given as each entry is stored, and the upgrade that
// numbers what a version 3 desk still had queued, in the order version 3 would have sent it.
import Dexie from 'dexie';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { newId } from '$shared/ids';
import { OrderlineDb, SCHEMA_VERSION } from './database';
import { outboxEntry } from './outbox';
import { olderDatabase } from './olderDatabase';

const opened: Dexie[] = [];
afterEach(async () => {
  vi.useRealTimers();
  for (const db of opened.splice(0)) await db.delete();
});

function open(name = `test-${crypto.randomUUID()}`): OrderlineDb {
  const db = new OrderlineDb(name);
  opened.push(db);
  return db;
}

describe('the outbox sequence', () => {
  it('numbers entries in the order they are stored, whatever the clock says', async () => {
    const db = open();
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-12-07T12:00:00Z'));
    await db.outbox.add(outboxEntry('record.put', 'orders', newId(), { id: 'order' }));
    // The clock is set back an hour mid-sale: the checkout is still after the order.
    vi.setSystemTime(new Date('2026-12-07T11:00:00Z'));
    await db.outbox.bulkAdd([
      outboxEntry('order.event', 'orderEvents', newId(), { id: 'add' }),
      outboxEntry('order.event', 'orderEvents', newId(), { id: 'checkout' }),
    ]);
    const sent = await db.outbox
      .where('[state+seq]')
      .between(['pending', Dexie.minKey], ['pending', Dexie.maxKey])
      .toArray();
    expect(sent.map((e) => [(e.payload as { id: string }).id, e.seq])).toEqual([
      ['order', 1],
      ['add', 2],
      ['checkout', 3],
    ]);
    expect(sent[2]!.createdAt < sent[0]!.createdAt).toBe(true);
  });

  it('keeps an entry’s number when the entry is updated', async () => {
    const db = open();
    const entry = outboxEntry('record.put', 'customers', newId(), { id: 'c' });
    await db.outbox.add(entry);
    await db.outbox.update(entry.id, { state: 'applied' });
    await db.outbox.add(outboxEntry('record.put', 'customers', newId(), { id: 'd' }));
    expect((await db.outbox.toArray()).map((e) => e.seq).sort()).toEqual([1, 2]);
  });

  it('refuses to queue a change the server could never take, writing nothing', async () => {
    const db = open();
    const add = () =>
      db.transaction('rw', db.outbox, async () => {
        await db.outbox.add(outboxEntry('record.put', 'customers', newId(), { id: 'c', name: 'Ada\u0000' }));
      });
    await expect(add()).rejects.toThrow(/The change was not saved: name holds a NUL character/);
    expect(await db.outbox.count()).toBe(0);
  });
});

describe('the upgrade from schema version 3', () => {
  it('numbers the queued entries in the order version 3 sent them (by id), and goes on from there', async () => {
    const name = `test-${crypto.randomUUID()}`;
    const v3 = olderDatabase(name, 3);
    await v3.open();
    // Ids are time-ordered; createdAt went backwards between the two (a clock set back).
    const first = { id: newId(), createdAt: '2026-12-07T12:00:00.000Z', recordId: newId() };
    const second = { id: newId(), createdAt: '2026-12-07T11:00:00.000Z', recordId: newId() };
    const applied = { id: newId(), createdAt: '2026-12-07T12:30:00.000Z', recordId: newId() };
    const row = (e: typeof first, state: string) => ({
      ...e,
      kind: 'record.put',
      table: 'customers',
      payload: { id: e.recordId },
      state,
    });
    await v3
      .table('outbox')
      .bulkAdd([row(second, 'pending'), row(applied, 'applied'), row(first, 'pending')]);
    await v3.table('customers').add({ id: newId(), name: 'Kept' });
    v3.close();

    const db = open(name);
    await db.open();
    expect(db.verno).toBe(SCHEMA_VERSION);
    const pending = await db.outbox
      .where('[state+seq]')
      .between(['pending', Dexie.minKey], ['pending', Dexie.maxKey])
      .toArray();
    expect(pending.map((e) => e.id)).toEqual([first.id, second.id]);
    expect((await db.outbox.get(applied.id))?.seq).toBe(3);
    expect(await db.customers.count()).toBe(1);
    const next = outboxEntry('record.put', 'customers', newId(), { id: 'n' });
    await db.outbox.add(next);
    expect((await db.outbox.get(next.id))?.seq).toBe(4);
  });
});
