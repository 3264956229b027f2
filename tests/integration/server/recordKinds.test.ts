// Every plain record kind the desks sync, each under its conflict rule (src-shared/syncedRecords):
// last writer wins per field (parcels packed on one bench and shipped from another keep both desks'
// fields), append-only (an audit entry sent again is a duplicate, never an overwrite), and store
// settings keyed by the UUIDv5 of their name.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '$shared/ids';
import type { AuditEntry, Parcel } from '$shared/records';
import { RECORD_KINDS, settingRecordId } from '$shared/syncedRecords';
import { RECORD_TABLES } from '$shared/syncProtocol';
import { outboxEntry } from '$db/outbox';
import { enrolledDesk } from './fakeDesk';
import { START_TIMEOUT, startTestServer, type TestServer } from './testServer';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ enrollRateLimit: { capacity: 1000, refillPerMinute: 1000 } });
}, START_TIMEOUT);
afterAll(() => server?.close());

const at = () => new Date().toISOString();

function parcel(): Parcel {
  return {
    id: newId(),
    orderId: newId(),
    orderNumber: 'D1-000001',
    units: 2,
    verified: true,
    deskId: 'D1',
    createdAt: at(),
  };
}

describe('conflict rules per record kind', () => {
  it('states a rule for every plain kind', () => {
    expect(Object.keys(RECORD_KINDS).sort()).toEqual([...RECORD_TABLES].sort());
    expect(RECORD_KINDS.auditLog.rule).toBe('append');
    expect(RECORD_KINDS.parcels.rule).toBe('fields');
  });

  it('parcels: the bench’s weight and the ship desk’s carrier, edited on two desks, both stand', async () => {
    const bench = await enrolledDesk(server.app, server.db, 'P1');
    const shipDesk = await enrolledDesk(server.app, server.db, 'P2', bench.enrolled.storeId);
    const packed = parcel();
    expect((await bench.push([bench.put('parcels', packed)]))[0]?.status).toBe('applied');
    const weighed = { ...packed, weightGrams: 900 };
    const shipped = { ...packed, carrier: 'Royal Mail', trackingNumber: 'RR123456785GB', shippedAt: at() };
    const results = [
      ...(await shipDesk.push([
        shipDesk.put('parcels', shipped, ['carrier', 'trackingNumber', 'shippedAt']),
      ])),
      ...(await bench.push([bench.put('parcels', weighed, ['weightGrams'])])),
    ];
    expect(results.map((r) => r.status)).toEqual(['applied', 'applied']);
    const last = (await shipDesk.pullAll()).filter((c) => c.recordId === packed.id).at(-1);
    expect(last?.record).toMatchObject({
      weightGrams: 900,
      carrier: 'Royal Mail',
      trackingNumber: 'RR123456785GB',
    });
  });

  it('audit log: append-only — the same entry again is a duplicate and changes nothing', async () => {
    const desk = await enrolledDesk(server.app, server.db, 'A1');
    const entry: AuditEntry = {
      id: newId(),
      at: at(),
      kind: 'refund',
      deskId: 'D1',
      summary: 'Refunded £5.00',
    };
    expect((await desk.push([desk.put('auditLog', entry)]))[0]?.status).toBe('applied');
    const rewritten = await desk.push([desk.put('auditLog', { ...entry, summary: 'Refunded £0.01' })]);
    expect(rewritten[0]).toMatchObject({
      status: 'duplicate',
      reason: expect.stringMatching(/never edited/),
    });
    const stored = (await desk.pullAll()).filter((c) => c.recordId === entry.id);
    expect(stored.map((c) => c.record.summary)).toEqual(['Refunded £5.00']);
  });

  it('store settings: keyed by the UUIDv5 of their name; a desk-only key or a wrong id is refused', async () => {
    const desk = await enrolledDesk(server.app, server.db, 'S1');
    const rates = { key: 'store.taxRates', value: { standard: 2000 } };
    const put = (recordId: string, payload: object) =>
      outboxEntry('record.put', 'settings', recordId, payload);
    const results = await desk.push([
      put(settingRecordId('store.taxRates'), rates),
      put(settingRecordId('sync.cursor'), { key: 'sync.cursor', value: 0 }),
      put(settingRecordId('store.profile'), { key: 'store.shipping', value: {} }),
      put(settingRecordId('store.taxRates'), { ...rates, value: { standard: 2100 } }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['applied', 'rejected', 'rejected', 'applied']);
    expect(results[1]?.reason).toMatch(/Only settings whose name starts with “store.”/);
    expect(results[2]?.reason).toMatch(/its id should be/);
    const pulled = (await desk.pullAll()).filter((c) => c.table === 'settings');
    expect(pulled.at(-1)).toMatchObject({
      recordId: settingRecordId('store.taxRates'),
      record: { value: { standard: 2100 } },
    });
  });

  it('refuses a quote, shift, return or delivery that breaks its schema, with the reason', async () => {
    const desk = await enrolledDesk(server.app, server.db, 'Q1');
    const results = await desk.push([
      desk.put('quotes', { id: newId(), number: 'not a number' }),
      desk.put('shifts', { id: newId(), deskId: 'D1' }),
      desk.put('returns', { id: newId(), lines: [] }),
      desk.put('deliveries', { id: newId(), supplier: '' }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected', 'rejected']);
    expect(results[0]?.reason).toMatch(/^Quote .*was not saved: .*Q1-000042/);
  });
});
