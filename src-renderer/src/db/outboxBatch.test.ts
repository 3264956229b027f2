// Batch entries: a block of sequence numbers held for the records they name, turned into one
// ordinary entry per record (in that block, in order) before the push sends them.
import { afterEach, describe, expect, it } from 'vitest';
import { newId } from '$shared/ids';
import type { StockMovement } from '$shared/records';
import { ValidationError } from '$shared/validation';
import { waitingChanges } from '../sync/waitingChanges';
import { OrderlineDb } from './database';
import { outboxEntry } from './outbox';
import { batchedIds, expandBatch, pendingChangeCount, queueBatches } from './outboxBatch';
import { pendingMovementsOf } from './pendingStock';

const opened: OrderlineDb[] = [];
afterEach(async () => {
  for (const db of opened.splice(0)) await db.delete();
});

function open(): OrderlineDb {
  const db = new OrderlineDb(`test-${crypto.randomUUID()}`);
  opened.push(db);
  return db;
}

const customer = (name: string) => ({
  id: newId(),
  name,
  phoneDigits: '',
  addresses: [],
  acquisitionSource: 'walk_in' as const,
  isBusiness: false,
  searchWords: [name.toLowerCase()],
  createdAt: '2026-12-07T10:00:00.000Z',
  updatedAt: '2026-12-07T10:00:00.000Z',
});

const movement = (variantId: string, quantity: number): StockMovement => ({
  id: newId(),
  variantId,
  kind: 'receive',
  quantity,
  reason: 'Opening stock from products.csv',
  deskId: 'D1',
  createdAt: '2026-12-07T10:00:00.000Z',
});

async function queue<T extends { id: string }>(
  db: OrderlineDb,
  table: 'customers' | 'stockMovements',
  rows: T[],
  size?: number,
) {
  await db.transaction('rw', [db.customers, db.stockMovements, db.outbox], async () => {
    await db.table(table).bulkAdd(rows);
    await queueBatches(db, table, rows, { size });
  });
}

describe('batched outbox entries', () => {
  it('hold a block of numbers after what is queued, and expand into one entry per record in it', async () => {
    const db = open();
    await db.outbox.add(outboxEntry('record.put', 'customers', newId(), { id: 'before' }));
    const rows = Array.from({ length: 5 }, (_, i) => customer(`Customer ${i}`));
    await queue(db, 'customers', rows, 2);
    await db.outbox.add(outboxEntry('record.put', 'customers', newId(), { id: 'after' }));

    const queued = await db.outbox.orderBy('seq').toArray();
    expect(queued.map((e) => [e.kind, e.seq, batchedIds(e).length])).toEqual([
      ['record.put', 1, 0],
      ['batch', 3, 2],
      ['batch', 5, 2],
      ['batch', 6, 1],
      ['record.put', 7, 0],
    ]);

    // Changes waiting: each batch counts as the records it names, before and after it is expanded.
    expect(await pendingChangeCount(db)).toBe(7);
    for (const batch of queued.filter((e) => e.kind === 'batch')) await expandBatch(db, batch.id);
    expect(await pendingChangeCount(db)).toBe(7);
    const sent = await db.outbox.orderBy('seq').toArray();
    expect(sent.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(sent.slice(1, 6).map((e) => [e.kind, e.table, e.recordId, e.state])).toEqual(
      rows.map((r) => ['record.put', 'customers', r.id, 'pending']),
    );
    expect(sent.slice(1, 6).map((e) => e.payload)).toEqual(rows);
    expect(new Set(sent.map((e) => e.id)).size).toBe(7);
  });

  it('sends a record as it is when expanded, and leaves out one no longer on the desk', async () => {
    const db = open();
    const rows = [customer('Ada'), customer('Grace'), customer('Edsger')];
    await queue(db, 'customers', rows);
    await db.customers.update(rows[0]!.id, { name: 'Ada Lovelace' });
    await db.customers.delete(rows[1]!.id);
    const [batch] = await db.outbox.toArray();
    await expandBatch(db, batch!.id);

    const sent = await db.outbox.orderBy('seq').toArray();
    expect(sent.map((e) => [e.recordId, e.seq, (e.payload as { name: string }).name])).toEqual([
      [rows[0]!.id, 1, 'Ada Lovelace'],
      [rows[2]!.id, 3, 'Edsger'],
    ]);
  });

  it('refuses the whole write when a record could never be sent', async () => {
    const db = open();
    const broken = customer('Nul\u0000Name');
    await expect(queue(db, 'customers', [customer('Fine'), broken])).rejects.toBeInstanceOf(ValidationError);
    expect(await db.customers.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
    // Records whose text was checked are still measured: one too large for a change is refused.
    const huge = { ...customer('Huge'), notes: Array.from({ length: 30 }, () => 'x'.repeat(9_000)) };
    const write = db.transaction('rw', db.outbox, () =>
      queueBatches(db, 'customers', [huge], { textChecked: true }),
    );
    await expect(write).rejects.toThrow(/one change may be at most 256 KB/);
    expect(await db.outbox.count()).toBe(0);
  });

  it('refuses a batch naming a table it cannot send, so the push goes on past it', async () => {
    const db = open();
    const id = newId();
    await db.outbox.add({
      id,
      kind: 'batch',
      table: 'orders',
      recordId: newId(),
      payload: { ids: [newId()] },
      createdAt: '2026-12-07T10:00:00.000Z',
      state: 'pending',
      seq: 1,
    });
    await expandBatch(db, id);
    expect(await db.outbox.get(id)).toMatchObject({
      state: 'rejected',
      rejection: 'This batch of orders could not be read on this desk, so it was not sent',
    });
  });

  it('count as unsent stock and are listed in Waiting to sync until sent', async () => {
    const db = open();
    const variantId = newId();
    const rows = [movement(variantId, 4), movement(newId(), 2)];
    await queue(db, 'stockMovements', rows);

    const pending = await pendingMovementsOf(db, [variantId]);
    expect(pending.get(variantId)).toEqual([rows[0]]);
    const groups = await waitingChanges(db);
    expect(groups.map((g) => [g.label, g.items.map((i) => i.what)])).toEqual([
      [
        'Other changes (imported opening stock movements)',
        ['2 imported opening stock movements waiting to be sent'],
      ],
    ]);
  });
});
