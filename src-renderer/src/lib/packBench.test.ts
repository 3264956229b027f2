// The pack bench's stored side: ship-from checked before it is kept, the parcel written when packing
// completes, an override kept on the parcel and in the audit log together, weight saved after.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newId } from '$shared/ids';
import type { Address, OutboxEntry } from '$shared/records';
import { listAudit } from '$db/auditLog';
import { OrderlineDb } from '$db/database';
import { paidMugOrder } from '$db/testFixtures';
import { DEMO_SHIP_FROM } from '../demo/loadDemoStore';
import { parseShipFrom } from '$shared/packDocuments';
import {
  autoPrintLabel,
  closeParcel,
  describeMeasure,
  loadShipFrom,
  markLabelPrinted,
  recordPackedParcel,
  saveParcelMeasure,
  saveShipFrom,
  setAutoPrintLabel,
} from './packBench';
import { startPacking } from './packQueue';

let db: OrderlineDb;
beforeEach(() => {
  db = new OrderlineDb(`test-${crypto.randomUUID()}`);
});
afterEach(async () => {
  await db.delete();
});

const store: Address = {
  id: newId(),
  kind: 'shipping',
  name: 'Orderline Demo Store',
  line1: '12 Wharf Road',
  city: 'London',
  postalCode: 'n1 7gr',
  country: 'GB',
};
const order = { id: newId(), number: 'D1-000042' };
const manager = { staffId: newId(), staffName: 'Maria Manager' };

describe('ship-from address and auto print', () => {
  it('keeps a good address tidied, refuses a bad one and keeps the old', async () => {
    expect(await loadShipFrom(db)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/No ship-from/),
    });
    expect(await saveShipFrom(db, store)).toMatchObject({ ok: true });
    const refused = await saveShipFrom(db, { ...store, city: ' ' });
    expect(refused.ok).toBe(false);
    expect(await loadShipFrom(db)).toEqual({ ok: true, address: { ...store, postalCode: 'N1 7GR' } });
  });

  it('has a ship-from address in the demo store that passes the address rules', () => {
    expect(parseShipFrom(DEMO_SHIP_FROM)).toMatchObject({ ok: true });
  });

  it('prints labels by hand until the desk turns auto print on', async () => {
    expect(await autoPrintLabel(db)).toBe(false);
    await setAutoPrintLabel(db, true);
    expect(await autoPrintLabel(db)).toBe(true);
  });
});

describe('the packed parcel', () => {
  it('is written verified with its weight and size, numbered within its order', async () => {
    const first = await recordPackedParcel(db, {
      deskId: 'D1',
      order,
      outcome: { kind: 'complete', units: 3 },
      measure: { weightGrams: 1250, dimensionsCm: { length: 30, width: 20, height: 10 } },
    });
    expect(first.index).toBe(1);
    expect(first.parcel).toMatchObject({
      orderNumber: 'D1-000042',
      units: 3,
      verified: true,
      weightGrams: 1250,
    });
    expect(first.parcel.override).toBeUndefined();
    const second = await recordPackedParcel(db, {
      deskId: 'D1',
      order,
      outcome: { kind: 'split', reason: 'bin empty', units: 1, backordered: [] },
    });
    expect(second.index).toBe(2);
    expect(describeMeasure(first.parcel)).toBe('1.25 kg, 30 × 20 × 10 cm');
    expect(describeMeasure(second.parcel)).toBe('not weighed');
    expect(await listAudit(db, { kind: 'label_override' })).toEqual([]);
  });

  it('records an override on the parcel and in the audit log, with who approved it', async () => {
    const { parcel } = await recordPackedParcel(db, {
      deskId: 'D1',
      order,
      outcome: {
        kind: 'override',
        approvedBy: 'Maria Manager',
        units: 3,
        unverified: [{ variantId: newId(), sku: 'MUG-1', quantity: 1 }],
      },
      approver: manager,
      packer: { staffId: newId(), staffName: 'Jo Walsh' },
    });
    expect(parcel).toMatchObject({
      verified: false,
      override: {
        staffId: manager.staffId,
        staffName: 'Maria Manager',
        reason: expect.stringContaining('MUG-1 × 1'),
      },
    });
    const [entry, ...rest] = await listAudit(db, { kind: 'label_override' });
    expect(rest).toEqual([]);
    expect(entry).toMatchObject({
      approvedById: manager.staffId,
      approvedByName: 'Maria Manager',
      orderNumber: 'D1-000042',
      deskId: 'D1',
      staffName: 'Jo Walsh',
    });
  });

  it('writes nothing for an override without its approver', async () => {
    await expect(
      recordPackedParcel(db, {
        deskId: 'D1',
        order,
        outcome: { kind: 'override', approvedBy: 'x', units: 1, unverified: [] },
      }),
    ).rejects.toThrow(/needs the manager/);
    expect(await db.parcels.count()).toBe(0);
  });

  it('takes the weight after closing and keeps the first label print time', async () => {
    const { parcel } = await recordPackedParcel(db, {
      deskId: 'D1',
      order,
      outcome: { kind: 'complete', units: 1 },
    });
    const weighed = await saveParcelMeasure(db, parcel.id, { weightGrams: 850 });
    expect(weighed.weightGrams).toBe(850);
    const printed = await markLabelPrinted(db, weighed);
    expect(printed.labelPrintedAt).toBeDefined();
    expect((await markLabelPrinted(db, printed)).labelPrintedAt).toBe(printed.labelPrintedAt);
  });
});

describe('closeParcel', () => {
  it('queues the parcel behind its pack.complete, and its weighing behind the parcel', async () => {
    const paid = await paidMugOrder(db, { deskId: 'bench-1', staffName: 'Jo Walsh' }, { quantity: 1 });
    const claimed = await startPacking(db, { code: 'D1', id: 'bench-1', name: 'Bench 1' }, paid);
    const { parcel } = await closeParcel(
      db,
      { deskId: 'bench-1', staffName: 'Jo Walsh' },
      { order: claimed, outcome: { kind: 'complete', units: 1 } },
    );
    await saveParcelMeasure(db, parcel.id, { weightGrams: 350 });
    const complete = (await db.orderEvents.toArray()).find((e) => e.event.type === 'pack.complete')!;
    const completeEntry = await db.outbox.where('recordId').equals(complete.id).first();
    const parcelEntries = (await db.outbox.where('recordId').equals(parcel.id).sortBy('seq')) as Array<
      OutboxEntry & { dependsOn?: string }
    >;
    expect(parcelEntries.map((e) => e.dependsOn)).toEqual([completeEntry!.id, parcelEntries[0]!.id]);
  });
});
