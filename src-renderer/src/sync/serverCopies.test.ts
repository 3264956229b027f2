import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newId } from '$shared/ids';
import type { Customer, OutboxEntry } from '$shared/records';
import type { Change } from '$shared/syncProtocol';
import { OrderlineDb } from '$db/database';
import { outboxEntry } from '$db/outbox';
import { applyPulledPage } from './applyPulledPage';
import { recordOf, settleServerCopies } from './serverCopies';

let db: OrderlineDb;
beforeEach(async () => {
  db = new OrderlineDb(`copies-${newId()}`);
  await db.open();
});
afterEach(async () => {
  db.close();
  await db.delete();
});

const at = '2026-12-07T12:00:00.000Z';
let seq = 100;
function customer(notes: string, id = newId()): Customer {
  return {
    id,
    name: 'Ada',
    notes,
    phoneDigits: '',
    addresses: [],
    acquisitionSource: 'walk_in',
    isBusiness: false,
    searchWords: ['ada'],
    createdAt: at,
    updatedAt: at,
  };
}
const pulled = (record: Customer): Change => ({
  seq: ++seq,
  table: 'customers',
  recordId: record.id,
  op: 'put',
  record: record as unknown as Record<string, unknown>,
});
const pull = (c: Change) => applyPulledPage(db, { changes: [c], cursor: c.seq, hasMore: false });

/** Marks an entry answered, as pushOutbox's settle does, then settles the held copies. */
async function answer(entry: OutboxEntry, refused: boolean) {
  const settled: OutboxEntry = refused
    ? { ...entry, state: 'rejected', rejection: 'Refused' }
    : { ...entry, state: 'applied' };
  return db.transaction('rw', db.tables, async () => {
    await db.outbox.put(settled);
    return settleServerCopies(db, [{ entry: settled, refused }]);
  });
}

/** This desk's edit of a customer, written and queued. */
async function editHere(id: string, notes: string) {
  const local = customer(notes, id);
  await db.customers.put(local);
  const entry = outboxEntry('record.put', 'customers', id, local);
  await db.outbox.add(entry);
  return entry;
}

describe('the server’s copy held while this desk’s change waits', () => {
  it('is written when that change is refused after the pull brought it', async () => {
    const id = newId();
    const edit = await editHere(id, 'Mine');
    await pull(pulled(customer('Server', id)));
    expect((await db.customers.get(id))?.notes).toBe('Mine');
    const result = await answer(edit, true);
    expect(result.written.map((c) => c.recordId)).toEqual([id]);
    expect((await db.customers.get(id))?.notes).toBe('Server');
    expect(await db.serverCopies.count()).toBe(0);
  });

  it('is not needed when the refusal comes first: the pull writes the server’s copy itself', async () => {
    const id = newId();
    const edit = await editHere(id, 'Mine');
    expect((await answer(edit, true)).written).toEqual([]);
    await pull(pulled(customer('Server', id)));
    expect((await db.customers.get(id))?.notes).toBe('Server');
    expect(await db.serverCopies.count()).toBe(0);
  });

  it('is dropped, not written, when the change is taken (the merged record comes by a pull)', async () => {
    const id = newId();
    const edit = await editHere(id, 'Mine');
    await pull(pulled(customer('Server', id)));
    expect((await answer(edit, false)).written).toEqual([]);
    expect((await db.customers.get(id))?.notes).toBe('Mine');
    expect(await db.serverCopies.count()).toBe(0);
  });

  it('waits for the last of several changes, and a refusal among them still writes it', async () => {
    const id = newId();
    const first = await editHere(id, 'Mine, first');
    const second = await editHere(id, 'Mine, second');
    await pull(pulled(customer('Server', id)));
    await answer(first, true);
    expect((await db.customers.get(id))?.notes).toBe('Mine, second');
    expect(await db.serverCopies.get(['customers', id])).toMatchObject({ refused: true });
    await answer(second, false);
    expect((await db.customers.get(id))?.notes).toBe('Server');
    expect(await db.serverCopies.count()).toBe(0);
  });
});

describe('recordOf', () => {
  it('names the order of an order event, the record of a put, and nothing for ledger facts', () => {
    const orderId = newId();
    const eventId = newId();
    expect(recordOf(outboxEntry('order.event', 'orderEvents', eventId, { id: eventId, orderId }))).toEqual([
      'orders',
      orderId,
    ]);
    expect(recordOf(outboxEntry('record.put', 'parcels', orderId, { id: orderId }))).toEqual([
      'parcels',
      orderId,
    ]);
    expect(recordOf(outboxEntry('stock.movement', 'stockMovements', eventId, { id: eventId }))).toBeNull();
  });
});
