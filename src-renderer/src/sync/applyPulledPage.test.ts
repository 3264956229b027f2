import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { withCheckDigit } from '$shared/barcodes';
import { newId } from '$shared/ids';
import type { AuditEntry, Customer, Parcel, StockMovement, Variant } from '$shared/records';
import { settingRecordId } from '$shared/syncedRecords';
import type { Change, SyncTable } from '$shared/syncProtocol';
import { OrderlineDb } from '$db/database';
import { outboxEntry } from '$db/outbox';
import { createOrder, newOrderRow } from '$db/writeOrderChange';
import { applyPulledPage, checkPulledPage } from './applyPulledPage';
import { CURSOR_KEY, readCursor } from './syncSettings';

let db: OrderlineDb;
beforeEach(async () => {
  db = new OrderlineDb(`pull-${newId()}`);
  await db.open();
});
afterEach(async () => {
  db.close();
  await db.delete();
});

const at = '2026-11-23T12:00:00.000Z';
let seq = 0;
const change = <R extends { id: string }>(table: SyncTable, record: R): Change => ({
  seq: ++seq,
  table,
  recordId: record.id,
  op: 'put',
  record: record as unknown as Record<string, unknown>,
});
const page = (changes: Change[]) => ({ changes, cursor: changes.at(-1)?.seq ?? 0, hasMore: false });

function customer(name: string): Customer {
  return {
    id: newId(),
    name,
    phoneDigits: '',
    addresses: [],
    acquisitionSource: 'walk_in',
    isBusiness: false,
    searchWords: [name.toLowerCase()],
    createdAt: at,
    updatedAt: at,
  };
}

function variant(sku: string, barcodeBody: string): Variant {
  return {
    id: newId(),
    productId: newId(),
    sku,
    barcode: withCheckDigit(barcodeBody),
    attributes: {},
    price: { amount: 500, currency: 'EUR' },
    weightGrams: 100,
    bin: 'A-01-1',
    createdAt: at,
    updatedAt: at,
  };
}

const movement = (variantId: string, kind: StockMovement['kind'], quantity: number): StockMovement => ({
  id: newId(),
  variantId,
  kind,
  quantity,
  deskId: 'D2',
  createdAt: at,
});

describe('checking a pulled page (pure, no database)', () => {
  it('keeps the valid records in page order and names each refused one with its reason', () => {
    const ada = customer('Ada');
    const bad = { ...customer('x'), name: '' };
    const v = variant('SKU-1', '400638133390');
    const checked = checkPulledPage(
      page([change('customers', ada), change('customers', bad), change('variants', v)]),
    );
    expect(checked.rows.map((r) => [r.table, r.record])).toEqual([
      ['customers', ada],
      ['variants', v],
    ]);
    expect(checked.refused).toHaveLength(1);
    expect(checked.refused[0]?.change).toMatchObject({ table: 'customers', recordId: bad.id });
    expect(checked.refused[0]?.reason).toMatch(/cannot store: .*Customer name cannot be empty/);
    expect(checked.recordIds).toEqual(new Set([ada.id, bad.id, v.id]));
    expect(checked.cursor).toBe(seq);
  });

  it('refuses a record sent under another id', () => {
    const ada = customer('Ada');
    const checked = checkPulledPage(page([{ ...change('customers', ada), recordId: newId() }]));
    expect(checked.rows).toEqual([]);
    expect(checked.refused[0]?.reason).toMatch(new RegExp(`sent record ${ada.id} under the id`));
  });
});

describe('applying a pulled page', () => {
  it('stores each record in its table and the page’s cursor', async () => {
    const ada = customer('Ada');
    const result = await applyPulledPage(db, page([change('customers', ada)]));
    expect(result).toEqual({ applied: 1, keptLocal: 0, skipped: [], recovered: 0 });
    expect(await db.customers.get(ada.id)).toEqual(ada);
    expect(await readCursor(db)).toBe(seq);
  });

  it('sets aside a record that fails its schema, says why, and moves the cursor past it', async () => {
    const bad = { ...customer('x'), name: '' };
    const good = customer('Grace');
    const result = await applyPulledPage(db, page([change('customers', bad), change('customers', good)]));
    expect(result.applied).toBe(1);
    expect(result.skipped).toHaveLength(1);
    expect(result.skipped[0]?.reason).toMatch(/cannot store: .*Customer name cannot be empty/);
    expect(await db.customers.get(bad.id)).toBeUndefined();
    expect(await db.customers.get(good.id)).toEqual(good);
    expect((await db.settings.get(CURSOR_KEY))?.value).toBe(seq);
    const aside = await db.setAside.toArray();
    expect(aside).toMatchObject([{ table: 'customers', recordId: bad.id, record: bad }]);
    expect(aside[0]?.reason).toMatch(/Customer name cannot be empty/);
  });

  it('skips a record whose unique SKU another local variant holds, without losing the rest of the page', async () => {
    const mine = variant('SKU-1', '400638133390');
    await db.variants.add(mine);
    const clash = variant('SKU-1', '400638133391');
    const other = variant('SKU-2', '400638133392');
    const result = await applyPulledPage(db, page([change('variants', clash), change('variants', other)]));
    expect(result.skipped.map((s) => s.recordId)).toEqual([clash.id]);
    expect(await db.variants.get(other.id)).toEqual(other);
    expect(await readCursor(db)).toBe(seq);
    expect((await db.setAside.toArray()).map((a) => a.recordId)).toEqual([clash.id]);

    // Once the clash is gone (this desk's SKU renamed), the next page stores what was set aside.
    await db.variants.update(mine.id, { sku: 'SKU-1-OLD' });
    const next = await applyPulledPage(db, page([change('customers', customer('Later'))]));
    expect(next.recovered).toBe(1);
    expect(await db.variants.get(clash.id)).toEqual(clash);
    expect(await db.setAside.count()).toBe(0);
  });

  it('stores every synced kind: store settings by their key, append-only audit entries, parcels', async () => {
    const setting = { key: 'store.taxRates', value: { standard: 2000 } };
    const settingChange: Change = {
      seq: ++seq,
      table: 'settings',
      recordId: settingRecordId('store.taxRates'),
      op: 'put',
      record: setting,
    };
    const audit: AuditEntry = {
      id: newId(),
      at,
      kind: 'sign_in',
      deskId: 'D2',
      summary: 'Signed in',
    };
    const parcel: Parcel = {
      id: newId(),
      orderId: newId(),
      orderNumber: 'D2-000001',
      units: 1,
      verified: true,
      deskId: 'D2',
      createdAt: at,
    };
    const result = await applyPulledPage(
      db,
      page([settingChange, change('auditLog', audit), change('parcels', parcel)]),
    );
    expect(result).toMatchObject({ applied: 3, skipped: [] });
    expect(await db.settings.get('store.taxRates')).toEqual(setting);
    expect(await db.auditLog.get(audit.id)).toEqual(audit);
    expect(await db.parcels.get(parcel.id)).toEqual(parcel);
  });

  it('never takes a desk-only setting, or a setting under another key’s id, from a pull', async () => {
    const local: Change = {
      seq: ++seq,
      table: 'settings',
      recordId: settingRecordId('sync.cursor'),
      op: 'put',
      record: { key: 'sync.cursor', value: 0 },
    };
    const wrongId: Change = {
      seq: ++seq,
      table: 'settings',
      recordId: settingRecordId('store.profile'),
      op: 'put',
      record: { key: 'store.shipping', value: {} },
    };
    const result = await applyPulledPage(db, page([local, wrongId]));
    expect(result.skipped.map((s) => s.reason)).toEqual([
      expect.stringMatching(/Only settings whose name starts with “store.”/),
      expect.stringMatching(/under the id/),
    ]);
    expect(await readCursor(db)).toBe(seq);
    expect(await db.settings.get('store.shipping')).toBeUndefined();
  });

  it('keeps the desk’s own copy of a record whose edit is still waiting in the outbox', async () => {
    const local = { ...customer('Ada'), notes: 'Edited here, not yet pushed' };
    await db.customers.add(local);
    await db.outbox.add(outboxEntry('record.put', 'customers', local.id, local));
    const result = await applyPulledPage(db, page([change('customers', { ...local, notes: 'Older' })]));
    expect(result.keptLocal).toBe(1);
    expect((await db.customers.get(local.id))?.notes).toBe('Edited here, not yet pushed');
  });

  it('holds the server’s newest copy of a record it kept, and forgets it once a copy is written', async () => {
    const local = { ...customer('Ada'), notes: 'Edited here, not yet pushed' };
    await db.customers.add(local);
    const entry = outboxEntry('record.put', 'customers', local.id, local);
    await db.outbox.add(entry);
    const older = change('customers', { ...local, notes: 'Server, older' });
    const newer = change('customers', { ...local, notes: 'Server, newer' });
    await applyPulledPage(db, page([newer]));
    // A page replayed out of order never puts an older copy over a newer one.
    await applyPulledPage(db, { changes: [older], cursor: newer.seq, hasMore: false });
    expect(await db.serverCopies.toArray()).toEqual([
      { table: 'customers', recordId: local.id, seq: newer.seq, record: newer.record },
    ]);
    // The edit is dropped from the outbox by hand: the next copy pulled is written, the hold forgotten.
    await db.outbox.delete(entry.id);
    await applyPulledPage(db, page([change('customers', { ...local, notes: 'Server, latest' })]));
    expect((await db.customers.get(local.id))?.notes).toBe('Server, latest');
    expect(await db.serverCopies.count()).toBe(0);
  });

  it('always adds a ledger fact, even one whose push is still waiting', async () => {
    const v = variant('SKU-8', '400638133398');
    const m = movement(v.id, 'receive', 3);
    await db.outbox.add(outboxEntry('stock.movement', 'stockMovements', m.id, m));
    const result = await applyPulledPage(db, page([change('stockMovements', m)]));
    expect(result).toMatchObject({ applied: 1, keptLocal: 0 });
    expect(await db.stockMovements.get(m.id)).toEqual(m);
    expect(await db.stockLevels.get(v.id)).toMatchObject({ onHand: 3 });
  });

  it('drops a set-aside record when a newer copy comes, and keeps one that still does not fit', async () => {
    await db.variants.add(variant('SKU-1', '400638133390'));
    const clash = variant('SKU-1', '400638133391');
    const later = variant('SKU-1', '400638133392');
    await applyPulledPage(db, page([change('variants', clash), change('variants', later)]));
    expect((await db.setAside.toArray()).map((a) => a.recordId)).toEqual([clash.id, later.id]);

    const renamed = { ...clash, sku: 'SKU-1B' };
    const next = await applyPulledPage(db, page([change('variants', renamed)]));
    expect(next).toMatchObject({ applied: 1, recovered: 0, skipped: [] });
    expect(await db.variants.get(clash.id)).toEqual(renamed);
    expect((await db.setAside.toArray()).map((a) => a.recordId)).toEqual([later.id]);
  });

  it('writes a whole page of many records of many kinds with one write per table', async () => {
    const customers = Array.from({ length: 300 }, (_, i) => customer(`Buyer ${i}`));
    const variants = Array.from({ length: 300 }, (_, i) =>
      variant(`SKU-B${i}`, `4006381${String(i).padStart(5, '0')}`),
    );
    const movements = variants.map((v) => movement(v.id, 'receive', 2));
    // Every Dexie table shares one prototype; `this` of each call names the table written.
    const proto = Object.getPrototypeOf(db.customers) as typeof db.customers;
    const bulkPut = vi.spyOn(proto, 'bulkPut');
    const put = vi.spyOn(proto, 'put');
    const result = await applyPulledPage(
      db,
      page([
        ...customers.map((c) => change('customers', c)),
        ...variants.map((v) => change('variants', v)),
        ...movements.map((m) => change('stockMovements', m)),
      ]),
    );
    expect(result).toEqual({ applied: 900, keptLocal: 0, skipped: [], recovered: 0 });
    expect(await db.variants.count()).toBe(300);
    expect((await db.stockLevels.toArray()).every((l) => l.onHand === 2)).toBe(true);
    expect(await readCursor(db)).toBe(seq);
    const names = (spy: typeof put | typeof bulkPut) =>
      spy.mock.contexts.map((table) => (table as { name: string }).name).sort();
    expect(names(bulkPut)).toEqual(['customers', 'stockLevels', 'stockMovements', 'variants']);
    expect(names(put)).toEqual(['settings']);
    bulkPut.mockRestore();
    put.mockRestore();
  });

  it('moves stock by the new movements only, so a movement pulled back after the desk counted it counts once', async () => {
    const v = variant('SKU-9', '400638133399');
    await db.variants.add(v);
    const own = movement(v.id, 'receive', 10);
    await db.stockMovements.add(own);
    await db.stockLevels.put({ variantId: v.id, onHand: 10, reserved: 0, updatedAt: at });
    const theirs = movement(v.id, 'reserve', 4);
    await applyPulledPage(db, page([change('stockMovements', own), change('stockMovements', theirs)]));
    expect(await db.stockLevels.get(v.id)).toMatchObject({ onHand: 10, reserved: 4 });
    expect(await db.stockMovements.count()).toBe(2);
  });

  it('counts a movement once when its page comes twice or carries it twice, and without reading the ledger', async () => {
    const v = variant('SKU-10', '400638133400');
    await db.variants.add(v);
    const received = movement(v.id, 'receive', 7);
    const shipped = movement(v.id, 'ship', 2);
    const twice = page([
      change('stockMovements', received),
      change('stockMovements', shipped),
      change('stockMovements', received),
    ]);
    const ledgerReads = vi.spyOn(db.stockMovements, 'where');
    await applyPulledPage(db, twice);
    expect(await db.stockLevels.get(v.id)).toMatchObject({ onHand: 5, reserved: -2 });
    await applyPulledPage(db, twice);
    expect(await db.stockLevels.get(v.id)).toMatchObject({ onHand: 5, reserved: -2 });
    expect(ledgerReads.mock.calls.map(([index]) => index)).toEqual([':id', ':id']);
    ledgerReads.mockRestore();
    // A later page moves it on from there.
    await applyPulledPage(db, page([change('stockMovements', movement(v.id, 'receive', 1))]));
    expect(await db.stockLevels.get(v.id)).toMatchObject({ onHand: 6, reserved: -2 });
  });

  it('continues this desk’s order and quote numbers after the highest the server sent back', async () => {
    await db.settings.bulkPut([
      { key: 'desk', value: { code: 'D2', id: 'desk-2', name: 'Till 2' } },
      { key: 'orderSequence:D2', value: 3 },
    ]);
    const who = { deskId: 'desk-2' };
    const described = { channel: 'counter' as const, currency: 'EUR' };
    const mine = newOrderRow(described, 'D2-000009', who, at);
    const another = newOrderRow(described, 'D1-000050', who, at);
    const quote = { id: newId(), number: 'Q2-000004' };
    await applyPulledPage(
      db,
      page([change('orders', mine), change('orders', another), change('quotes', quote)]),
    );
    expect((await db.settings.get('orderSequence:D2'))?.value).toBe(9);
    expect((await db.settings.get('quoteSequence:D2'))?.value).toBe(4);
    expect(await db.settings.get('orderSequence:D1')).toBeUndefined();
    const next = await createOrder(db, { ...described, deskCode: 'D2' }, who);
    expect(next.number).toBe('D2-000010');
  });

  it('never lowers a counter the desk has already moved past', async () => {
    await db.settings.bulkPut([
      { key: 'desk', value: { code: 'D2', id: 'desk-2', name: 'Till 2' } },
      { key: 'orderSequence:D2', value: 20 },
    ]);
    const old = newOrderRow({ channel: 'counter', currency: 'EUR' }, 'D2-000009', { deskId: 'desk-2' }, at);
    await applyPulledPage(db, page([change('orders', old)]));
    expect((await db.settings.get('orderSequence:D2'))?.value).toBe(20);
  });
});
