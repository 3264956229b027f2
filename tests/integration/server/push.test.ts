import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '$shared/ids';
import type { Customer } from '$shared/records';
import { PROTOCOL_VERSION } from '$shared/syncProtocol';
import { enrolledDesk, productRows, type FakeDesk } from './fakeDesk';
import { START_TIMEOUT, startTestServer, type TestServer } from './testServer';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ enrollRateLimit: { capacity: 1000, refillPerMinute: 1000 } });
}, START_TIMEOUT);
afterAll(() => server?.close());

const desk = (code: string, storeId?: string) => enrolledDesk(server.app, server.db, code, storeId);

function customer(name: string): Customer {
  const at = new Date().toISOString();
  return {
    id: newId(),
    name,
    phone: '555 0100',
    phoneDigits: '5550100',
    addresses: [],
    acquisitionSource: 'word_of_mouth',
    isBusiness: false,
    searchWords: name.toLowerCase().split(' '),
    createdAt: at,
    updatedAt: at,
  };
}

async function catalogue(d: FakeDesk) {
  const rows = productRows();
  const results = await d.push([d.put('products', rows.product), d.put('variants', rows.variant)]);
  expect(results.map((r) => r.status)).toEqual(['applied', 'applied']);
  return rows;
}

describe('malformed and refused requests', () => {
  it('answers a malformed push with 400 and one readable line per problem, applying nothing', async () => {
    const d = await desk('M1');
    const good = d.movement(newId(), 'receive', 5);
    const response = await d.post('/v1/push', {
      protocolVersion: PROTOCOL_VERSION,
      deviceId: d.deviceId,
      mutations: [good, { ...good, id: 'not-an-id', kind: 'record.delete' }],
    });
    expect(response.statusCode).toBe(400);
    const body = response.json() as { error: string; issues: string[] };
    expect(body.error).toMatch(/nothing was applied/);
    expect(body.issues.join('\n')).toMatch(/Mutations › #2 › ID must be an id made by Orderline/);
    expect(body.issues.join('\n')).toMatch(/Mutations › #2 › kind must be one of order\.event/);
    expect(
      await server.db.query('SELECT 1 FROM applied_mutations WHERE device_id = $1', [d.deviceId]),
    ).toEqual([]);
  });

  it('answers a body that is not JSON with 400', async () => {
    const d = await desk('M2');
    const response = await server.app.inject({
      method: 'POST',
      url: '/v1/push',
      headers: { authorization: `Bearer ${d.enrolled.token}`, 'content-type': 'application/json' },
      payload: '{"protocolVersion": 1,',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatch(/could not be read/);
  });

  it('tells a desk on an old protocol to update, with 426', async () => {
    const d = await desk('M3');
    const response = await d.post('/v1/push', { protocolVersion: 0, deviceId: d.deviceId, mutations: [] });
    expect(response.statusCode).toBe(426);
    expect(response.json().error).toMatch(/please update Orderline/);
    expect((await d.post('/v1/pull', { protocolVersion: 0, cursor: 0 })).statusCode).toBe(426);
  });

  it('refuses a body above the limit with 413 before reading it', async () => {
    const d = await desk('M4');
    const huge = { ...d.movement(newId(), 'receive', 1), payload: { note: 'x'.repeat(1_100_000) } };
    const response = await d.post('/v1/push', {
      protocolVersion: PROTOCOL_VERSION,
      deviceId: d.deviceId,
      mutations: [huge],
    });
    expect(response.statusCode).toBe(413);
    expect(response.json().error).toMatch(/too large.*fewer changes per push/);
  });

  it('refuses a push that names another desk than its token (403)', async () => {
    const d = await desk('M5');
    const response = await d.post('/v1/push', {
      protocolVersion: PROTOCOL_VERSION,
      deviceId: newId(),
      mutations: [d.movement(newId(), 'receive', 1)],
    });
    expect(response.statusCode).toBe(403);
  });
});

describe('at most once', () => {
  it('applies a change once: the retry after a lost response is a duplicate, not a second movement', async () => {
    const d = await desk('A1');
    const { variant } = await catalogue(d);
    const receive = d.movement(variant.id, 'receive', 12);
    expect(await d.push([receive])).toEqual([{ id: receive.id, status: 'applied' }]);
    // The response was lost on the way back: the desk sends the same batch again.
    expect(await d.push([receive])).toEqual([{ id: receive.id, status: 'duplicate' }]);
    const rows = await server.db.query<{ n: unknown; units: unknown }>(
      'SELECT count(*) AS n, sum(quantity) AS units FROM stock_movements WHERE variant_id = $1',
      [variant.id],
    );
    expect({ n: Number(rows[0]?.n), units: Number(rows[0]?.units) }).toEqual({ n: 1, units: 12 });
    const logged = (await d.pullAll()).filter((c) => c.recordId === receive.recordId);
    expect(logged).toHaveLength(1);
  });

  it('answers the same change sent twice at once (a retry while the first is in flight) once as applied', async () => {
    const d = await desk('A5');
    const { variant } = await catalogue(d);
    const receive = d.movement(variant.id, 'receive', 4);
    const [one, two] = await Promise.all([d.push([receive]), d.push([receive])]);
    expect([one[0]?.status, two[0]?.status].sort()).toEqual(['applied', 'duplicate']);
    const rows = await server.db.query('SELECT 1 FROM stock_movements WHERE variant_id = $1', [variant.id]);
    expect(rows).toHaveLength(1);
  });

  it('gives a retried rejection the same reason, and lets the rest of the batch through', async () => {
    const d = await desk('A2');
    const { variant } = await catalogue(d);
    const orphan = d.movement(newId(), 'receive', 3);
    const fine = d.movement(variant.id, 'receive', 3);
    const first = await d.push([orphan, fine]);
    expect(first.map((r) => r.status)).toEqual(['rejected', 'applied']);
    expect(first[0]?.reason).toMatch(/no product variant has the id .* in this store/);
    const retry = await d.push([orphan, fine]);
    expect(retry).toEqual([first[0], { id: fine.id, status: 'duplicate' }]);
  });

  it('refuses a record that breaks its schema, with the field named', async () => {
    const d = await desk('A3');
    const bad = { ...customer('Ada Lovelace'), email: 'ada-at-example' };
    const [result] = await d.push([d.put('customers', bad)]);
    expect(result?.status).toBe('rejected');
    expect(result?.reason).toMatch(/Customer “Ada Lovelace” was not saved: E-mail .*not valid/);
  });

  it('refuses a second variant with a SKU the store already uses, so no desk’s pull jams on it', async () => {
    const d = await desk('A4');
    const { variant } = await catalogue(d);
    const twin = { ...productRows().variant, sku: variant.sku };
    const [result] = await d.push([d.put('variants', twin)]);
    expect(result?.status).toBe('rejected');
    expect(result?.reason).toContain(`SKU ${variant.sku} is already used`);
  });

  it('refuses a second variant whose barcode is the same GTIN written another way (UPC-A and EAN-13)', async () => {
    const d = await desk('A6');
    const upc = productRows();
    upc.variant = { ...upc.variant, barcode: '036000291452' };
    const first = await d.push([d.put('products', upc.product), d.put('variants', upc.variant)]);
    expect(first.map((r) => r.status)).toEqual(['applied', 'applied']);
    const ean = { ...productRows().variant, productId: upc.product.id, barcode: '0036000291452' };
    const [result] = await d.push([d.put('variants', ean)]);
    expect(result?.status).toBe('rejected');
    expect(result?.reason).toBe(
      `Variant “${ean.sku}” was not saved: Barcode 0036000291452 is the same code as 036000291452, which another variant in this store (${upc.variant.sku}) already uses`,
    );
    // The same variant re-sent with its own barcode in the other form is no clash with itself.
    const [own] = await d.push([d.put('variants', { ...upc.variant, barcode: '0036000291452' })]);
    expect(own?.status).toBe('applied');
  });
});

describe('last writer wins per field', () => {
  it('keeps both desks’ edits to different fields, and the later one for the same field', async () => {
    const a = await desk('L1');
    const b = await desk('L2', a.enrolled.storeId);
    const ada = customer('Ada Lovelace');
    await a.push([a.put('customers', ada)]);

    await a.push([
      a.put('customers', { ...ada, phone: '555 0199', phoneDigits: '5550199' }, ['phone', 'phoneDigits']),
    ]);
    await b.push([b.put('customers', { ...ada, notes: 'Prefers e-mail' }, ['notes'])]);
    await b.push([
      b.put('customers', { ...ada, phone: '555 0200', phoneDigits: '5550200' }, ['phone', 'phoneDigits']),
    ]);

    const changes = (await a.pullAll()).filter((c) => c.recordId === ada.id);
    expect(changes.at(-1)?.record).toMatchObject({
      phone: '555 0200',
      phoneDigits: '5550200',
      notes: 'Prefers e-mail',
    });
    const [row] = await server.db.query<{ field_seqs: Record<string, number> }>(
      "SELECT field_seqs FROM records WHERE table_name = 'customers' AND id = $1",
      [ada.id],
    );
    expect(row!.field_seqs.notes).toBeLessThan(row!.field_seqs.phone!);
  });

  it('treats a put without a field list as an edit of every field it carries', async () => {
    const a = await desk('L3');
    const grace = customer('Grace Hopper');
    await a.push([a.put('customers', { ...grace, notes: 'Old note' })]);
    await a.push([a.put('customers', { ...grace, name: 'Grace B. Hopper' })]);
    const [last] = (await a.pullAll()).filter((c) => c.recordId === grace.id).slice(-1);
    expect(last?.record).toMatchObject({ name: 'Grace B. Hopper', notes: 'Old note' });
  });
});
