// The end-of-day manifest a carrier's driver signs for: which parcels were handed over on one day,
// with the totals the driver checks, and the calendar day that bounds it (the store's own day, in
// its time zone from Settings › Store profile, as every other "today" is).
import type { Order, Parcel } from './records';
import { storeDay, storeDayRange } from './storeDay';

/** A calendar day as the store reads it: "2026-11-23". */
export type Day = string;

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The store's calendar day of a moment, in its time zone. */
export function dayOf(moment: Date | string, timeZone: string): Day {
  return storeDay(moment, timeZone);
}

/**
 * The UTC instants bounding a store day, [from, to): a parcel shipped at 23:30 in the store's time
 * zone belongs to that day's manifest even where that is already tomorrow in UTC, whatever clock
 * the desk's own computer keeps.
 */
export function dayRange(day: Day, timeZone: string): { from: string; to: string } {
  const match = DAY.exec(day);
  if (!match) throw new Error(`“${day}” is not a day; give it as year-month-day, e.g. 2026-11-23`);
  const [year, month, date] = [Number(match[1]), Number(match[2]) - 1, Number(match[3])];
  const start = new Date(Date.UTC(year, month, date));
  if (start.getUTCMonth() !== month || start.getUTCDate() !== date) {
    throw new Error(`${day} is not a date in the calendar`);
  }
  const { from, to } = storeDayRange(day, timeZone);
  return { from, to: new Date(Date.parse(to) + 1).toISOString() };
}

/** What the manifest needs of a parcel and of the order it belongs to. */
export type ManifestParcel = Pick<
  Parcel,
  | 'id'
  | 'orderId'
  | 'orderNumber'
  | 'units'
  | 'weightGrams'
  | 'trackingNumber'
  | 'trackingVerified'
  | 'service'
  | 'shippedAt'
  | 'handedOverAt'
>;
export type ManifestOrder = Pick<Order, 'id' | 'customerName' | 'shippingAddress'>;

export type ManifestRow = {
  parcelId: string;
  orderNumber: string;
  recipient: string;
  postcode: string;
  country: string;
  trackingNumber: string;
  /** No carrier format recognised the tracking number: the driver's scan is the first check of it. */
  trackingUnverified: boolean;
  service: string;
  units: number;
  weightGrams: number | undefined;
};

export type Manifest = {
  rows: ManifestRow[];
  parcels: number;
  units: number;
  /** Sum of the weighed parcels. */
  weightGrams: number;
  /** Parcels without a weight: the driver's total is short by these. */
  unweighed: number;
  /** Parcels whose tracking number no carrier format recognised. */
  unverified: number;
  /** When every parcel on it was handed over (the manifest closed), else null. */
  closedAt: string | null;
};

/** The manifest's rows and totals for parcels one carrier took (in the order they shipped). */
export function buildManifest(
  parcels: readonly ManifestParcel[],
  orders: readonly ManifestOrder[],
): Manifest {
  const byId = new Map(orders.map((order) => [order.id, order]));
  const rows = parcels.map((parcel): ManifestRow => {
    const order = byId.get(parcel.orderId);
    const address = order?.shippingAddress;
    return {
      parcelId: parcel.id,
      orderNumber: parcel.orderNumber,
      recipient: address?.name ?? order?.customerName ?? '',
      postcode: address?.postalCode ?? '',
      country: address?.country ?? '',
      trackingNumber: parcel.trackingNumber ?? '',
      trackingUnverified: Boolean(parcel.trackingNumber) && parcel.trackingVerified === false,
      service: parcel.service ?? '',
      units: parcel.units,
      weightGrams: parcel.weightGrams,
    };
  });
  const closed = parcels.length > 0 && parcels.every((p) => p.handedOverAt);
  return {
    rows,
    parcels: rows.length,
    units: rows.reduce((sum, row) => sum + row.units, 0),
    weightGrams: rows.reduce((sum, row) => sum + (row.weightGrams ?? 0), 0),
    unweighed: rows.filter((row) => row.weightGrams === undefined).length,
    unverified: rows.filter((row) => row.trackingUnverified).length,
    closedAt: closed
      ? parcels
          .map((p) => p.handedOverAt!)
          .sort()
          .at(-1)!
      : null,
  };
}

/** A weight as the driver's sheet shows it: "0.85 kg". */
export function kilograms(grams: number): string {
  return `${(grams / 1000).toFixed(2)} kg`;
}
