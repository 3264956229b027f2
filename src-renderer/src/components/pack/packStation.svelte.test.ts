// The pack station's steps without the DOM: counts stored scan by scan, one parcel per order, and a
// bench whose order another bench packs meanwhile told so plainly, packing, storing and shipping nothing.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Order } from '$shared/records';
import { OrderlineDb } from '$db/database';
import { loadPackProgress } from '$db/packProgress';
import { paidMugOrder } from '$db/testFixtures';
import { writeOrderChange } from '$db/writeOrderChange';
import { closeParcel } from '$lib/packBench';
import { packLines } from '$lib/packQueue';
import { PackStation, packFocusTargets } from './packStation.svelte';

let db: OrderlineDb;
beforeEach(() => {
  db = new OrderlineDb(`test-${crypto.randomUUID()}`);
});
afterEach(async () => {
  await db.delete();
});

const here = { code: 'D2', id: 'bench-2', name: 'Pack bench' };
const there = { deskId: 'bench-1', staffName: 'Olive Owner' };

async function openAt(quantity: number) {
  const paid = await paidMugOrder(db, { deskId: here.id, staffName: 'Jo Walsh' }, { quantity });
  const order = await writeOrderChange(
    db,
    { orderId: paid.id, event: { type: 'pack.start' } },
    { deskId: here.id, staffName: 'Jo Walsh' },
  );
  const lines = await packLines(db, order);
  const onClose = vi.fn();
  const station = new PackStation(db, { order, lines, desk: here, onClose, onOpenOrder: vi.fn() });
  return { order, station, barcode: lines[0]!.barcode, onClose };
}

/** Another bench packs the order (as its sync would bring it): claimed and closed there. */
async function packedThere(order: Order) {
  await closeParcel(db, there, { order, outcome: { kind: 'complete', units: 2 } });
}

const until = (check: () => boolean) => vi.waitUntil(check, { timeout: 5_000 });

describe('PackStation', () => {
  it('stores each counted scan and closes one parcel for the order', async () => {
    const { order, station, barcode } = await openAt(2);
    await station.scan(barcode);
    expect(station.verifiedUnits).toBe(1);
    expect(await loadPackProgress(db, order.id, here.id)).toEqual({ [order.lines[0]!.variantId]: 1 });
    await station.scan(barcode);
    expect(station.verified).toBe(true);
    await station.complete();
    expect(station.packed).toBe(true);
    expect(station.packedParcel?.parcel).toMatchObject({ orderId: order.id, units: 2 });
    expect(station.elsewhere).toBe('');
    // Its own items scanned again are refused: no second parcel.
    await station.scan(barcode);
    expect(station.feedback.message).toMatch(/already packed/);
    expect(await db.parcels.where('orderId').equals(order.id).count()).toBe(1);
    station.stop();
  });

  it('moves focus with the work: the order, Complete parcel, the weight, the label, then the tracking number', async () => {
    const { station, barcode } = await openAt(2);
    const focusAt = () => packFocusTargets(station.step);
    expect(focusAt()).toEqual(['#station-title']);
    await station.scan(barcode);
    expect(station.step).toBe('scanning');
    await station.scan(barcode);
    expect(focusAt()).toEqual(['[data-focus="complete-parcel"]']);
    await station.complete();
    expect(focusAt()).toEqual(['[data-focus="parcel-weight"]']);
    const parcel = station.packedParcel!.parcel;
    station.packedParcel!.parcel = { ...parcel, weightGrams: 1400 };
    expect(focusAt()).toEqual(['[data-focus="print-label"]']);
    station.packedParcel!.parcel = { ...parcel, weightGrams: 1400, labelPrintedAt: new Date().toISOString() };
    expect(focusAt()).toEqual(['[data-focus="tracking"]']);
    station.stop();
  });

  it('tells the bench plainly when another bench packs its open order, and packs nothing more', async () => {
    const { order, station, barcode } = await openAt(2);
    station.watch();
    await station.scan(barcode);
    await packedThere(order);
    await until(() => station.elsewhere !== '');
    expect(station.elsewhere).toBe(
      `Order ${order.number} was packed by Olive Owner at another bench while it was open here: it is packed once, there. Nothing is packed here; go back to the queue for the next order`,
    );
    await station.scan(barcode);
    expect(station.verifiedUnits).toBe(1);
    await station.complete();
    expect(station.packed).toBe(false);
    expect(await db.parcels.where('orderId').equals(order.id).count()).toBe(1);
    station.stop();
  });

  it('refuses to close a parcel for an order packed elsewhere a moment before, and writes nothing', async () => {
    const { order, station, barcode } = await openAt(2);
    await station.scan(barcode);
    await station.scan(barcode);
    await packedThere(order);
    await station.complete();
    expect(station.elsewhere).toMatch(
      new RegExp(`^Order ${order.number}: This order is already packed .*\\. Nothing was packed here$`),
    );
    expect(station.packedParcel).toBeNull();
    expect(await db.parcels.where('orderId').equals(order.id).count()).toBe(1);
    station.stop();
  });

  it('tells the bench whose parcel the server refused that it is not kept, and shows nothing to ship', async () => {
    const { order, station, barcode, onClose } = await openAt(2);
    station.watch();
    await station.scan(barcode);
    await station.scan(barcode);
    await station.complete();
    const mine = station.packedParcel!.parcel;
    expect(station.elsewhere).toBe('');
    // What the sync leaves when this bench was offline and another packed the order first: this
    // bench's pack.complete and parcel taken out, the server's order (packed there) in their place.
    const packedHere = (await db.orders.get(order.id))!;
    const ownEvent = await db.orderEvents
      .where('[orderId+seq]')
      .equals([order.id, packedHere.version])
      .first();
    const theirs = crypto.randomUUID();
    await db.transaction('rw', db.orders, db.orderEvents, db.parcels, async () => {
      await db.parcels.delete(mine.id);
      await db.orderEvents.put({
        ...ownEvent!,
        id: crypto.randomUUID(),
        deskId: there.deskId,
        staffName: there.staffName,
        event: { type: 'pack.complete', parcelId: theirs, units: 2 },
      });
      await db.orders.put({
        ...packedHere,
        machine: { ...packedHere.machine, packed: { parcelId: theirs, units: 2 } },
      });
    });
    await until(() => station.elsewhere !== '');
    expect(station.elsewhere).toBe(
      `Order ${order.number} was packed by Olive Owner at another bench while it was open here: it is packed once, there. The parcel closed here is not kept: do not use its label or slip. Go back to the queue for the next order`,
    );
    await station.leave();
    expect(onClose).toHaveBeenCalledWith(
      `Order ${order.number} is packed at another bench; the parcel closed here was not kept`,
    );
    station.stop();
  });

  it('leaves an order another bench has without touching it, forgetting only its own counts', async () => {
    const { order, station, barcode, onClose } = await openAt(2);
    await station.scan(barcode);
    await packedThere(order);
    await station.leave();
    expect(onClose).toHaveBeenCalledWith(
      `Order ${order.number} is packed at another bench; nothing was packed here`,
    );
    expect(await loadPackProgress(db, order.id, here.id)).toEqual({});
    expect((await db.orders.get(order.id))?.machine['packed']).toMatchObject({ units: 2 });
    station.stop();
  });

  it('takes a typed quantity for the next scan only, and refuses a bad one with a sentence', async () => {
    const { station, barcode } = await openAt(3);
    station.quantityText = 'two';
    await station.scan(barcode);
    expect(station.quantityError).toMatch(/type the quantity again, then scan$/);
    expect(station.verifiedUnits).toBe(0);
    station.quantityText = '2';
    await station.scan(barcode);
    expect(station.verifiedUnits).toBe(2);
    await station.scan(barcode);
    expect(station.verifiedUnits).toBe(3);
    station.stop();
  });
});
