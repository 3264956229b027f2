// Parcels: one row per box packed (written when packing completes), updated when it ships with a
// carrier and when that carrier's end-of-day manifest is closed. Every write is validated.
import { newId } from '$shared/ids';
import { ParcelSchema, type Parcel } from '$shared/records';
import { dayRange, type Day } from '$shared/shippingManifest';
import { parseRecord } from '$shared/validation';
import type { OrderlineDb } from './database';
import { loadStoreProfile } from './storeSettings';
import { changedFields, queueRecord, recordEntry } from './syncedWrites';

export type ParcelInput = Omit<Parcel, 'id' | 'createdAt'> & { id?: string; createdAt?: string };

/**
 * Writes a parcel and queues it for the server; only the fields that changed are sent, so the
 * ship desk's carrier and the pack bench's weight, made on two machines, both stand. A change made
 * while the parcel's earlier change still waits follows it: if the server refuses the parcel (its
 * packing lost a race with another bench), what was done to it afterwards is refused with it.
 */
async function putParcel(db: OrderlineDb, parcel: Parcel, before?: Parcel): Promise<void> {
  await db.transaction('rw', [db.parcels, db.outbox], async () => {
    await db.parcels.put(parcel);
    const waiting = await db.outbox
      .where('recordId')
      .equals(parcel.id)
      .filter((entry) => entry.state === 'pending')
      .toArray();
    const previous = waiting.sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0)).at(-1)?.id;
    await queueRecord(db, 'parcels', parcel, changedFields(before, parcel), previous);
  });
}

/** Adds a parcel (or replaces the one with the same id); joins the caller's transaction if any
 * (which must include db.parcels and db.outbox). */
export async function recordParcel(db: OrderlineDb, input: ParcelInput): Promise<Parcel> {
  const parcel = parseRecord(
    ParcelSchema,
    { ...input, id: input.id ?? newId(), createdAt: input.createdAt ?? new Date().toISOString() },
    'Parcel',
  );
  await putParcel(db, parcel);
  return parcel;
}

export class ParcelRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ParcelRefused';
  }
}

async function parcelOrRefuse(db: OrderlineDb, parcelId: string): Promise<Parcel> {
  const parcel = await db.parcels.get(parcelId);
  if (!parcel) throw new ParcelRefused('That parcel is no longer on this desk; open the order again');
  return parcel;
}

/** Changes some fields of a parcel (weight, label printed…), validated as a whole. */
export async function updateParcel(
  db: OrderlineDb,
  parcelId: string,
  changes: Partial<Omit<Parcel, 'id' | 'orderId' | 'createdAt'>>,
): Promise<Parcel> {
  return db.transaction('rw', db.parcels, db.outbox, async () => {
    const parcel = await parcelOrRefuse(db, parcelId);
    const next = parseRecord(
      ParcelSchema,
      { ...parcel, ...changes },
      `Parcel of order ${parcel.orderNumber}`,
    );
    await putParcel(db, next, parcel);
    return next;
  });
}

export type ParcelShipment = {
  carrier: string;
  service?: string;
  /** Normalised (recogniseTracking's `number`); absent when the parcel goes without tracking. */
  trackingNumber?: string;
  /** False for a number no carrier format recognised, kept as the packer gave it. */
  trackingVerified?: boolean;
  shippedAt?: string;
};

/** Records that a parcel left with a carrier. A parcel ships once: a second time is refused. */
export async function markParcelShipped(
  db: OrderlineDb,
  parcelId: string,
  shipment: ParcelShipment,
): Promise<Parcel> {
  return db.transaction('rw', db.parcels, db.outbox, async () => {
    const parcel = await parcelOrRefuse(db, parcelId);
    if (parcel.shippedAt) {
      throw new ParcelRefused(
        `The parcel of order ${parcel.orderNumber} already shipped with ${parcel.carrier ?? 'a carrier'}` +
          (parcel.trackingNumber ? ` (${parcel.trackingNumber})` : ''),
      );
    }
    const next = parseRecord(
      ParcelSchema,
      {
        ...parcel,
        carrier: shipment.carrier,
        ...(shipment.service ? { service: shipment.service } : {}),
        ...(shipment.trackingNumber ? { trackingNumber: shipment.trackingNumber } : {}),
        ...(shipment.trackingVerified === false ? { trackingVerified: false } : {}),
        shippedAt: shipment.shippedAt ?? new Date().toISOString(),
      },
      `Parcel of order ${parcel.orderNumber}`,
    );
    await putParcel(db, next, parcel);
    return next;
  });
}

/** Parcels packed but not yet handed to a carrier, oldest first. */
export async function parcelsWaiting(db: OrderlineDb): Promise<Parcel[]> {
  return db.parcels
    .orderBy('createdAt')
    .filter((p) => !p.shippedAt)
    .toArray();
}

/** Every parcel of one order, oldest first. */
export async function parcelsOfOrder(db: OrderlineDb, orderId: string): Promise<Parcel[]> {
  const parcels = await db.parcels.where('orderId').equals(orderId).toArray();
  return parcels.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

const HOUR = 3_600_000;

/**
 * The parcels shipped on a store day, bounded by the store's midnights (Settings › Store profile),
 * in the order they shipped. The parcels are read first, over the widest day any time zone has
 * (UTC−12 to UTC+14), so a live query watches them; the store's zone then trims them to its day.
 */
async function shippedOn(db: OrderlineDb, day: Day): Promise<Parcel[]> {
  const utc = dayRange(day, 'UTC');
  const wide = await db.parcels
    .where('shippedAt')
    .between(
      new Date(Date.parse(utc.from) - 14 * HOUR).toISOString(),
      new Date(Date.parse(utc.to) + 12 * HOUR).toISOString(),
      true,
      false,
    )
    .toArray();
  const { timeZone } = await loadStoreProfile(db);
  const { from, to } = dayRange(day, timeZone);
  return wide.filter((p) => (p.shippedAt ?? '') >= from && (p.shippedAt ?? '') < to);
}

/** Every parcel a carrier took on one store day, in the order they shipped. */
export async function parcelsForManifest(db: OrderlineDb, carrier: string, day: Day): Promise<Parcel[]> {
  return (await shippedOn(db, day)).filter((p) => p.carrier === carrier);
}

/** The carriers that took parcels on a day, by name. */
export async function carriersOn(db: OrderlineDb, day: Day): Promise<string[]> {
  const parcels = await shippedOn(db, day);
  return [...new Set(parcels.map((p) => p.carrier ?? '').filter(Boolean))].sort();
}

/**
 * Closes a carrier's manifest for a day: every parcel on it is marked handed over at `at`.
 * Returns the parcels it marked; an empty manifest is refused.
 */
export async function closeManifest(
  db: OrderlineDb,
  carrier: string,
  day: Day,
  at: string = new Date().toISOString(),
): Promise<Parcel[]> {
  // Settings is read inside: the store's time zone bounds the day.
  return db.transaction('rw', db.parcels, db.outbox, db.settings, async () => {
    const parcels = await parcelsForManifest(db, carrier, day);
    const open = parcels.filter((p) => !p.handedOverAt);
    if (open.length === 0) {
      throw new ParcelRefused(
        parcels.length === 0
          ? `No parcel shipped with ${carrier} on ${day}; nothing to hand over`
          : `The ${carrier} manifest for ${day} is already closed`,
      );
    }
    const closed = open.map((p) => ({ ...p, handedOverAt: at }));
    await db.parcels.bulkPut(closed);
    await db.outbox.bulkAdd(closed.map((p) => recordEntry('parcels', p, ['handedOverAt'])));
    return closed;
  });
}
