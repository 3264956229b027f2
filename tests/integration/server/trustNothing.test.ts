// Probes of a desk that lies or is broken: each claim the server must not believe is refused, with
// a sentence, under its own id, and leaves nothing stored; the honest changes around it still apply.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sample } from '$machines/orderSampleEvents';
import { newId } from '$shared/ids';
import type { Order, Staff } from '$shared/records';
import { PROTOCOL_VERSION } from '$shared/syncProtocol';
import { enrolledDesk, productRows, type FakeDesk, type Mutation } from './fakeDesk';
import { START_TIMEOUT, startTestServer, type TestServer } from './testServer';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ enrollRateLimit: { capacity: 1000, refillPerMinute: 1000 } });
}, START_TIMEOUT);
afterAll(() => server?.close());

const desk = (code: string, storeId?: string) => enrolledDesk(server.app, server.db, code, storeId);

const salt = Buffer.from('0123456789abcdef').toString('base64');
const hash = Buffer.alloc(32, 7).toString('base64');
const pinHash = (rounds: number) => `pbkdf2-sha256$${rounds}$${salt}$${hash}`;

function staff(name: string, role: Staff['role'], rounds = 210_000): Staff {
  const at = new Date().toISOString();
  return { id: newId(), name, role, pinHash: pinHash(rounds), active: true, createdAt: at, updatedAt: at };
}

function play(d: FakeDesk, order: Order, events: unknown[], who: { staffId?: string } = {}) {
  const mutations: Mutation[] = [];
  for (const event of events) {
    const step = d.change(order, event, who);
    order = step.order;
    mutations.push(step.mutation);
  }
  return { order, mutations };
}

/** A change as a desk that skips its own checks would send it (a broken or hostile build). */
const forgedPut = (table: string, record: { id: string }): Mutation => ({
  id: newId(),
  kind: 'record.put',
  table,
  recordId: record.id,
  payload: record,
});

async function count(sql: string, params: unknown[]): Promise<number> {
  const [row] = await server.db.query<{ n: unknown }>(sql, params);
  return Number(row?.n ?? 0);
}

const eventsOf = (orderId: string) =>
  count('SELECT count(*) AS n FROM order_events WHERE order_id = $1', [orderId]);
const ordersNumbered = (storeId: string, number: string) =>
  count('SELECT count(*) AS n FROM orders WHERE store_id = $1 AND number = $2', [storeId, number]);

/** A mug in the catalogue at 12.50, and how a desk adds it to a cart (at `unitPrice`). */
function listedMug(d: FakeDesk) {
  const { product, variant } = productRows();
  return {
    variant,
    puts: [d.put('products', product), d.put('variants', variant)],
    addItem: (line: number, quantity = 1, unitPrice = variant.price.amount) => ({
      ...sample.addItem(line, quantity, unitPrice),
      variantId: variant.id,
      sku: variant.sku,
    }),
  };
}

/** A store with an owner, a manager and a seller on its staff, and a paid order of 2 × 12.50. */
async function storeWithPaidOrder(code: string) {
  const d = await desk(code);
  const owner = staff('Olive Owner', 'owner');
  const manager = staff('Max Manager', 'manager');
  const seller = staff('Sam Seller', 'seller');
  const mug = listedMug(d);
  const created = d.newOrder();
  const sale = play(d, created.order, [mug.addItem(1, 2), sample.checkout(2500), sample.capture(1, 2500)], {
    staffId: seller.id,
  });
  const results = await d.push([
    d.put('staff', owner),
    { ...d.put('staff', manager), changedBy: owner.id },
    { ...d.put('staff', seller), changedBy: owner.id },
    ...mug.puts,
    created.mutation,
    ...sale.mutations,
  ]);
  expect(results.map((r) => [r.status, r.reason])).toEqual(Array(9).fill(['applied', undefined]));
  return { d, owner, manager, seller, order: sale.order };
}

describe('the server derives who and which desk, never believes it', () => {
  it('refuses an order event that claims to come from another desk of the store', async () => {
    const a1 = await desk('A1');
    const a2 = await desk('A2', a1.enrolled.storeId);
    const created = a1.newOrder();
    await a1.push([created.mutation]);
    const step = a1.change(created.order, sample.addItem(1));
    const forged = {
      ...step.mutation,
      payload: { ...(step.mutation.payload as object), deskId: a2.deviceId },
    };
    const [result] = await a1.push([forged]);
    expect(result?.status).toBe('rejected');
    expect(result?.reason).toMatch(
      /says it was made at desk D2, but it was sent by desk D1; a desk can only send its own changes/,
    );
    expect(await eventsOf(created.order.id)).toBe(0);
  });

  it('stamps the sending desk on what it stores, whatever desk name the change carries', async () => {
    const d = await desk('A3');
    const created = d.newOrder();
    const step = d.change(created.order, sample.addItem(1));
    const renamed = { ...step.mutation, payload: { ...(step.mutation.payload as object), deskId: 'Till 1' } };
    expect((await d.push([created.mutation, renamed])).map((r) => r.status)).toEqual(['applied', 'applied']);
    const [event] = await server.db.query<{ desk: string }>(
      "SELECT data->>'deskId' AS desk FROM order_events WHERE id = $1",
      [step.mutation.recordId],
    );
    expect(event?.desk).toBe(d.deviceId);
  });

  it('refuses a refund by a made-up staff id, by another store’s owner, and by a seller without approval', async () => {
    const { d, seller, manager, order } = await storeWithPaidOrder('R1');
    const other = await storeWithPaidOrder('R2');
    const before = await eventsOf(order.id);
    const refund = sample.refund(1, 500);
    const madeUp = d.change(order, refund, { staffId: newId() }).mutation;
    const [r1] = await d.push([madeUp]);
    expect(r1?.reason).toMatch(/is not on this store's staff/);
    const foreign = d.change(order, refund, { staffId: other.owner.id }).mutation;
    const [r2] = await d.push([foreign]);
    expect(r2?.reason).toMatch(/is not on this store's staff/);
    const alone = d.change(order, refund, { staffId: seller.id }).mutation;
    const [r3] = await d.push([alone]);
    expect(r3?.reason).toMatch(/A seller needs a manager to approve this/);
    const nobody = d.change(order, refund).mutation;
    const [r4] = await d.push([nobody]);
    expect(r4?.reason).toMatch(/needs a signed-in person whose role allows it/);
    expect([r1, r2, r3, r4].map((r) => r?.status)).toEqual(Array(4).fill('rejected'));
    expect(await eventsOf(order.id)).toBe(before);
    // With a manager's approval, the same refund stands.
    const approved = d.change(order, refund, { staffId: seller.id, approvedById: manager.id }).mutation;
    expect((await d.push([approved]))[0]?.status).toBe('applied');
  });

  it('refuses a price override a seller approved for themselves', async () => {
    const d = await desk('P1');
    const owner = staff('Olive Owner', 'owner');
    const seller = staff('Sam Seller', 'seller');
    const mug = listedMug(d);
    const created = d.newOrder();
    const cart = play(d, created.order, [mug.addItem(1)], { staffId: seller.id });
    const override = d.change(cart.order, sample.setPrice(1, 1), {
      staffId: seller.id,
      approvedById: seller.id,
    }).mutation;
    const results = await d.push([
      d.put('staff', owner),
      { ...d.put('staff', seller), changedBy: owner.id },
      ...mug.puts,
      created.mutation,
      ...cart.mutations,
      override,
    ]);
    expect(results.map((r) => r.status)).toEqual([...Array(6).fill('applied'), 'rejected']);
    expect(results[6]?.reason).toMatch(/Approval must come from another person/);
  });

  it('refuses a packer promoted to owner by a packer, and a PIN hash of one round', async () => {
    const d = await desk('S1');
    const owner = staff('Olive Owner', 'owner');
    const packer = staff('Pat Packer', 'packer');
    await d.push([d.put('staff', owner), { ...d.put('staff', packer), changedBy: owner.id }]);
    const promoted = { ...packer, role: 'owner' as const, updatedAt: new Date().toISOString() };
    const [bySelf] = await d.push([{ ...d.put('staff', promoted), changedBy: packer.id }]);
    expect(bySelf?.status).toBe('rejected');
    expect(bySelf?.reason).toMatch(/A packer cannot manage staff/);
    const [byNobody] = await d.push([d.put('staff', promoted)]);
    expect(byNobody?.reason).toMatch(/needs the signed-in person who made it/);
    const weak = { ...staff('Wes Weak', 'seller', 1) };
    const [weakHash] = await d.push([{ ...d.put('staff', weak), changedBy: owner.id }]);
    expect(weakHash?.status).toBe('rejected');
    expect(weakHash?.reason).toMatch(/uses 1 PBKDF2 rounds; this store needs at least 210,000/);
    const [role] = await server.db.query<{ role: string }>(
      "SELECT data->>'role' AS role FROM records WHERE table_name = 'staff' AND id = $1",
      [packer.id],
    );
    expect(role?.role).toBe('packer');
    expect(await count('SELECT count(*) AS n FROM records WHERE id = $1', [weak.id])).toBe(0);
  });
});

describe('a cart line’s price is the catalogue’s, or an approved override', () => {
  async function storeWithSeller(code: string) {
    const d = await desk(code);
    const owner = staff('Olive Owner', 'owner');
    const manager = staff('Max Manager', 'manager');
    const seller = staff('Sam Seller', 'seller');
    const mug = listedMug(d);
    const results = await d.push([
      d.put('staff', owner),
      { ...d.put('staff', manager), changedBy: owner.id },
      { ...d.put('staff', seller), changedBy: owner.id },
      ...mug.puts,
    ]);
    expect(results.map((r) => r.status)).toEqual(Array(5).fill('applied'));
    return { d, owner, manager, seller, mug };
  }

  it('refuses a seller’s line at 0.01 for a 12.50 mug, and a made-up product, and stores nothing', async () => {
    const { d, seller, mug } = await storeWithSeller('C1');
    const created = d.newOrder();
    const cheap = d.change(created.order, mug.addItem(1, 2, 1), { staffId: seller.id }).mutation;
    const madeUp = d.change(created.order, sample.addItem(2, 1, 1), { staffId: seller.id }).mutation;
    const results = await d.push([created.mutation, cheap, madeUp]);
    expect(results.map((r) => r.status)).toEqual(['applied', 'rejected', 'rejected']);
    expect(results[1]?.reason).toMatch(
      new RegExp(
        `${mug.variant.sku} at 0\\.01 is not its catalogue price \\(12\\.50\\), so it is a price override: .*approv`,
      ),
    );
    expect(results[2]?.reason).toMatch(/SKU-2 is not in the store's catalogue on the server/);
    expect(await eventsOf(created.order.id)).toBe(0);
  });

  it('takes the catalogue price from anyone, and another price when a manager approved it', async () => {
    const { d, seller, manager, mug } = await storeWithSeller('C2');
    const created = d.newOrder();
    const cart = play(d, created.order, [mug.addItem(1, 1)], { staffId: seller.id });
    const approved = d.change(cart.order, mug.addItem(2, 1, 999), {
      staffId: seller.id,
      approvedById: manager.id,
    });
    const byManager = d.change(approved.order, mug.addItem(3, 1, 800), { staffId: manager.id }).mutation;
    const results = await d.push([created.mutation, ...cart.mutations, approved.mutation, byManager]);
    expect(results.map((r) => [r.status, r.reason])).toEqual(Array(4).fill(['applied', undefined]));
  });

  it('takes the price the catalogue gave before a change the desk had not pulled yet', async () => {
    const { d, owner, seller, mug } = await storeWithSeller('C3');
    const dearer = {
      ...mug.variant,
      price: { amount: 1500, currency: 'EUR' },
      updatedAt: new Date().toISOString(),
    };
    await d.push([{ ...d.put('variants', dearer), changedBy: owner.id }]);
    const created = d.newOrder();
    // The desk still holds the mug at 12.50: its sale stands.
    const stale = d.change(created.order, mug.addItem(1, 1, 1250), { staffId: seller.id }).mutation;
    const made = d.change(created.order, mug.addItem(1, 1, 1100), { staffId: seller.id }).mutation;
    const [, r1] = await d.push([created.mutation, stale]);
    expect(r1?.status).toBe('applied');
    const [r2] = await d.push([made]);
    expect(r2?.reason).toMatch(/at 11\.00 is not its catalogue price \(15\.00\)/);
  });

  it('takes a line put back at the price the order gave it before (a cleared cart undone)', async () => {
    const { d, seller, manager, mug } = await storeWithSeller('C4');
    const created = d.newOrder();
    const cart = play(d, created.order, [mug.addItem(1, 1)], { staffId: seller.id });
    const override = d.change(cart.order, sample.setPrice(1, 900), {
      staffId: seller.id,
      approvedById: manager.id,
    });
    const cleared = d.change(override.order, sample.removeItem(1), { staffId: seller.id });
    const back = d.change(cleared.order, mug.addItem(1, 1, 900), { staffId: seller.id });
    const results = await d.push([
      created.mutation,
      ...cart.mutations,
      override.mutation,
      cleared.mutation,
      back.mutation,
    ]);
    expect(results.map((r) => [r.status, r.reason])).toEqual(Array(5).fill(['applied', undefined]));
  });
});

describe('a quote’s price', () => {
  it('takes a line at an open quote’s price, and refuses it once the quote went to another order', async () => {
    const d = await desk('C5');
    const owner = staff('Olive Owner', 'owner');
    const seller = staff('Sam Seller', 'seller');
    const mug = listedMug(d);
    const at = new Date().toISOString();
    const quote = {
      id: newId(),
      number: 'Q1-000001',
      currency: 'EUR',
      lines: [
        {
          id: newId(),
          variantId: mug.variant.id,
          sku: mug.variant.sku,
          name: 'Blue Mug',
          quantity: 10,
          unitPrice: { amount: 1000, currency: 'EUR' },
          taxClass: 'standard',
        },
      ],
      createdAt: at,
      validUntil: '2099-12-31',
    };
    const created = d.newOrder();
    const converted = d.change(created.order, mug.addItem(1, 10, 1000), { staffId: seller.id });
    const results = await d.push([
      d.put('staff', owner),
      { ...d.put('staff', seller), changedBy: owner.id },
      ...mug.puts,
      d.put('quotes', quote),
      created.mutation,
      converted.mutation,
    ]);
    expect(results.map((r) => [r.status, r.reason])).toEqual(Array(7).fill(['applied', undefined]));
    await d.push([d.put('quotes', { ...quote, convertedOrderId: created.order.id })]);
    const other = d.newOrder();
    const again = d.change(other.order, mug.addItem(1, 10, 1000), { staffId: seller.id }).mutation;
    const [, r2] = await d.push([other.mutation, again]);
    expect(r2?.reason).toMatch(/at 10\.00 is not its catalogue price \(12\.50\)/);
  });
});

describe('order numbers carry the desk’s own code', () => {
  it('refuses an order numbered with another desk’s code, or a code nobody has', async () => {
    const a1 = await desk('N1');
    await desk('N2', a1.enrolled.storeId); // D2
    const theirs = a1.newOrder();
    const asD2 = { ...theirs.order, number: 'D2-000001', searchWords: ['d2-000001'] };
    const nobody = { ...theirs.order, id: newId(), number: 'ZZZZZZ-999999', searchWords: [] };
    const results = await a1.push([a1.put('orders', asD2), a1.put('orders', nobody)]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(results[0]?.reason).toMatch(/does not carry this desk's code D1/);
    expect(await ordersNumbered(a1.enrolled.storeId, 'D2-000001')).toBe(0);
    expect(await ordersNumbered(a1.enrolled.storeId, 'ZZZZZZ-999999')).toBe(0);
  });

  it('renumbers an order a restored desk numbers again, keeping the old number, and takes its sale', async () => {
    const d = await desk('N3');
    const first = d.newOrder();
    await d.push([first.mutation]);
    // The desk is restored from a copy made before that order: it issues D1-000001 again.
    const again = d.newOrder();
    const reissued = { ...again.order, number: first.order.number, searchWords: [] };
    const sale = play(d, reissued, [
      sample.addItem(1, 2, 1250),
      sample.checkout(2500),
      sample.capture(1, 2500),
      sample.receipt(),
      sample.reserve(),
    ]);
    const results = await d.push([d.put('orders', reissued), ...sale.mutations]);
    expect(results.map((r) => r.status)).toEqual(Array(6).fill('applied'));
    const [row] = await server.db.query<{ number: string; data: Order }>(
      'SELECT number, data FROM orders WHERE id = $1',
      [reissued.id],
    );
    expect(row?.number).toBe('D1-000002');
    expect(row?.data.formerNumbers).toEqual(['D1-000001']);
    expect(row?.data.status).toBe('processing');
  });
});

describe('a batch of new orders', () => {
  it('renumbers two reissued orders of one batch apart, after the batch’s own new order', async () => {
    const d = await desk('N4');
    const [one, two] = [d.newOrder(), d.newOrder()];
    await d.push([one.mutation, two.mutation]);
    // Restored from a copy made before both: it issues D1-000001 and D1-000002 again, in one batch
    // behind a new order of its own, D1-000003.
    const fresh = d.newOrder();
    const again = [d.newOrder(), d.newOrder()].map((o, i) => ({
      ...o.order,
      number: [one, two][i]!.order.number,
      searchWords: [],
    }));
    const results = await d.push([fresh.mutation, ...again.map((o) => d.put('orders', o))]);
    expect(results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);
    const rows = await server.db.query<{ number: string }>(
      'SELECT number FROM orders WHERE id = ANY($1::uuid[]) ORDER BY number',
      [[fresh.order.id, ...again.map((o) => o.id)]],
    );
    expect(rows.map((r) => r.number)).toEqual(['D1-000003', 'D1-000004', 'D1-000005']);
  });
});

describe('money is the server’s sum, not the desk’s', () => {
  it('opens a new order from an empty cart, refusing one whose machine state says £1,000 paid', async () => {
    const d = await desk('M1');
    const created = d.newOrder();
    const rich = { ...created.order, machine: { ...created.order.machine, paid: 100_000, total: 100_000 } };
    const [result] = await d.push([d.put('orders', rich)]);
    expect(result?.status).toBe('rejected');
    expect(result?.reason).toMatch(/its machine state is not a new cart's/);
    expect(await count('SELECT count(*) AS n FROM orders WHERE id = $1', [created.order.id])).toBe(0);
  });

  it('refuses a checkout of 2 × 12.50 at 0.01, and subtotal or tax in details that are not the sum', async () => {
    const d = await desk('M2');
    const created = d.newOrder();
    const cart = play(d, created.order, [sample.addItem(1, 2, 1250)]);
    await d.push([created.mutation, ...cart.mutations]);
    const cheap = d.change(cart.order, sample.checkout(1)).mutation;
    const [r1] = await d.push([cheap]);
    expect(r1?.status).toBe('rejected');
    expect(r1?.reason).toMatch(/total 0\.01 where the store's prices and rules give 25\.00/);
    const lying = d.change(
      cart.order,
      sample.checkout(2500),
      {},
      {
        totals: { subtotal: 2500, discount: 0, shipping: 0, tax: 1, total: 2500 },
      },
    ).mutation;
    const [r2] = await d.push([lying]);
    expect(r2?.reason).toMatch(/tax 0\.01 where the rules give 4\.17/);
    expect(await eventsOf(created.order.id)).toBe(1);
    const honest = d.change(
      cart.order,
      sample.checkout(2500),
      {},
      {
        totals: { subtotal: 2500, discount: 0, shipping: 0, tax: 417, total: 2500 },
      },
    ).mutation;
    expect((await d.push([honest]))[0]?.status).toBe('applied');
  });

  it('never takes totals from an event that is not a checkout: they are set aside, unread', async () => {
    const d = await desk('M3');
    const created = d.newOrder();
    const step = d.change(
      created.order,
      sample.addItem(1),
      {},
      {
        totals: { subtotal: 1, discount: 0, shipping: 0, tax: 0, total: 1 },
      },
    );
    const results = await d.push([created.mutation, step.mutation]);
    expect(results.map((r) => r.status)).toEqual(['applied', 'applied']);
    const [row] = await server.db.query<{ total: unknown }>(
      "SELECT data->'totals'->>'total' AS total FROM orders WHERE id = $1",
      [created.order.id],
    );
    expect(Number(row?.total)).not.toBe(1);
  });

  it('refuses unknown fields, a small one or 900 KB inside the machine state', async () => {
    const d = await desk('M4');
    const created = d.newOrder();
    const note = { ...created.order, note: 'hello' };
    const hidden = { ...created.order, machine: { ...created.order.machine, blob: 'x'.repeat(9_000) } };
    const huge = {
      ...created.order,
      machine: { ...created.order.machine, blob: Array.from({ length: 100 }, () => 'x'.repeat(9_000)) },
    };
    const step = d.change(created.order, sample.addItem(1));
    const eventNote = { ...step.mutation, payload: { ...(step.mutation.payload as object), note: 'x' } };
    const body = {
      protocolVersion: PROTOCOL_VERSION,
      deviceId: d.deviceId,
      mutations: [d.put('orders', note), d.put('orders', hidden), forgedPut('orders', huge)],
    };
    const response = await d.post('/v1/push', body);
    expect(response.statusCode).toBe(200);
    const results = (response.json() as { results: { status: string; reason: string }[] }).results;
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(results[0]?.reason).toMatch(/it has fields no order has \(note\)/);
    expect(results[1]?.reason).toMatch(/its machine state is not a new cart's/);
    expect(results[2]?.reason).toMatch(/one change may be at most 256 KB/);
    const [event] = await d.push([created.mutation, eventNote]).then((r) => r.slice(1));
    expect(event?.reason).toMatch(/has fields no order change has \(note\)/);
    expect(await count("SELECT count(*) AS n FROM change_log WHERE record::text LIKE '%xxxxxxxx%'", [])).toBe(
      0,
    );
  });
});

describe('bad input is refused alone, never a 500', () => {
  it('refuses a NUL or a lone surrogate in text and an array nested 100,000 deep, applying the rest', async () => {
    const d = await desk('T1');
    const { product, variant } = productRows();
    const nul = { ...productRows().product, name: 'Mug\u0000' };
    const surrogate = { ...productRows().product, name: 'Mug \ud83d' };
    const nested = productRows('Deep Mug').product;
    const mutations = [
      forgedPut('products', nul),
      d.put('products', product),
      forgedPut('products', surrogate),
      d.put('products', nested),
      d.put('variants', variant),
    ];
    // Written out by hand: JSON.stringify itself overflows on an array nested 100,000 deep.
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const json = JSON.stringify({ protocolVersion: PROTOCOL_VERSION, deviceId: d.deviceId, mutations });
    const at = json.indexOf('"options":[]', json.indexOf('"name":"Deep Mug"'));
    const body = `${json.slice(0, at)}"options":${deep}${json.slice(at + '"options":[]'.length)}`;
    expect(body.length).toBeGreaterThan(200_000);
    const response = await rawPush(d, body);
    expect(response.statusCode).toBe(200);
    const results = (response.json() as { results: { status: string; reason?: string }[] }).results;
    expect(results.map((r) => r.status)).toEqual(['rejected', 'applied', 'rejected', 'rejected', 'applied']);
    expect(results[0]?.reason).toMatch(/name holds a NUL character/);
    expect(results[2]?.reason).toMatch(/lone UTF-16 surrogate/);
    expect(results[3]?.reason).toMatch(/nested more than 16 levels deep/);
    for (const refused of [nul, surrogate, nested]) {
      expect(await count('SELECT count(*) AS n FROM records WHERE id = $1', [refused.id])).toBe(0);
    }
    // Sent again, each gets the same answer: a retry never turns into a 500.
    const again = await rawPush(d, body);
    expect(again.statusCode).toBe(200);
    expect((again.json() as { results: { status: string }[] }).results.map((r) => r.status)).toEqual([
      'rejected',
      'duplicate',
      'rejected',
      'rejected',
      'duplicate',
    ]);
  });

  it('answers a body nested too deep to read as a whole with 400 and a sentence', async () => {
    const d = await desk('T2');
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const response = await rawPush(
      d,
      `{"protocolVersion":${PROTOCOL_VERSION},"deviceId":"${d.deviceId}","mutations":${deep}}`,
    );
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatch(/nothing was applied/);
  });
});

function rawPush(d: FakeDesk, body: string) {
  return server.app.inject({
    method: 'POST',
    url: '/v1/push',
    headers: { authorization: `Bearer ${d.enrolled.token}`, 'content-type': 'application/json' },
    payload: body,
  });
}
