// The Ship desk's side of a parcel: the parcels waiting for a carrier with their orders, and handing
// one over: the order machine's ship.dispatch (through packQueue's dispatch), the parcel's shipment
// and the customer's shipping notification e-mail, written in one transaction.
import { packableLines } from '$shared/balances';
import { unitsToShip, type OrderMachineContext } from '$machines/orderContext';
import type { Customer, Order, Parcel } from '$shared/records';
import { shippingEmail, type ShippingEmail, type ShippingEmailRefused } from '$shared/shippingEmail';
import { buildManifest, type Day, type Manifest } from '$shared/shippingManifest';
import { carrierOf } from '$shared/packingQueue';
import type { ShippingRules } from '$shared/shippingRules';
import {
  CARRIER_NAMES,
  acceptTracking,
  carrierConflict,
  type TrackingAccepted,
} from '$shared/trackingNumbers';
import type { OrderlineDb } from '$db/database';
import { queueEmail } from '$db/emailQueue';
import { markParcelShipped, parcelsForManifest, parcelsOfOrder, parcelsWaiting } from '$db/parcelWrites';
import { loadStoreRules } from '$db/storeSettings';
import { orderChangeTables } from '$db/writeOrderChange';
import { DispatchRefused, dispatch } from './packQueue';
import type { Desk } from './sale';

/** The carriers a packer chooses from; "Courier" is any other (a local van, a bike). */
export const CARRIERS = [...Object.values(CARRIER_NAMES).filter((name) => name !== 'Post'), 'Courier'];
const KNOWN_CARRIERS = new Set<string>(Object.values(CARRIER_NAMES));

export type WaitingParcel = { parcel: Parcel; order: Order | undefined };

// An order that has left the packing stages (shipped at the bench, cancelled) has nothing to hand over.
const SHIPPABLE: readonly Order['status'][] = ['packaging', 'partially_shipped'];

/**
 * Parcels packed and waiting for a carrier, oldest first, each with its order (undefined while the
 * order has not synced to this desk yet).
 */
export async function waitingParcels(db: OrderlineDb): Promise<WaitingParcel[]> {
  const parcels = await parcelsWaiting(db);
  const orders = await db.orders.bulkGet(parcels.map((p) => p.orderId));
  return parcels
    .map((parcel, i) => ({ parcel, order: orders[i] }))
    .filter(({ order }) => !order || SHIPPABLE.includes(order.status));
}

/** Units of the order not shipped yet (before this parcel goes). */
export function unitsLeftToShip(order: Order): number {
  const context = order.machine as Partial<OrderMachineContext>;
  if (!Array.isArray(context.lines) || typeof context.unitsShipped !== 'number') {
    return packableLines(order.lines).reduce((sum, line) => sum + line.quantity, 0);
  }
  return unitsToShip(context as OrderMachineContext);
}

/**
 * The parcel of an order that waits for a carrier (the oldest, when there are several), or a
 * sentence saying why there is none.
 */
export async function parcelToShip(
  db: OrderlineDb,
  order: Order,
): Promise<{ ok: true; parcel: Parcel } | { ok: false; reason: string }> {
  const parcels = await parcelsOfOrder(db, order.id);
  const waiting = parcels.find((p) => !p.shippedAt);
  if (waiting) return { ok: true, parcel: waiting };
  if (order.status === 'shipped') {
    return { ok: false, reason: `Order ${order.number} has already shipped; every parcel has left` };
  }
  if (parcels.length > 0) {
    return {
      ok: false,
      reason: `Order ${order.number}'s parcels have all shipped; the rest of it must be packed at the Pack station first`,
    };
  }
  return {
    ok: false,
    reason: `Order ${order.number} has no packed parcel; pack it at the Pack station, then scan it here`,
  };
}

export type HandOver = {
  carrier: string;
  service?: string;
  /** The packer confirmed shipping with another carrier than the order is booked with. */
  confirmedCarrier?: boolean;
} & ({ trackingNumber: string } | { noTrackingReason: string });

/** Where focus goes once a tracking number is taken at a hand-over (the Ship desk or the bench): the
 * carrier question when the number is another carrier's than the order's, else the button that ships. */
export function handOverFocusTargets(conflict: boolean): string[] {
  return conflict ? ['[data-focus="carrier-confirm"]'] : ['[data-focus="ship-parcel"]'];
}

/** The carrier the order is booked with (its shipping method's in the store's shipping rules,
 * Settings › Shipping, as the pack queue shows it), for carrierConflict. */
export function bookedCarrier(order: Pick<Order, 'shippingMethod' | 'number'>, rules: ShippingRules) {
  return {
    carrier: carrierOf(order, rules),
    ...(order.shippingMethod ? { method: order.shippingMethod } : {}),
    orderNumber: order.number,
  };
}

/**
 * Judges a tracking number for a hand-over, before anything is written: refused (a misread, or a
 * number of another carrier than the one chosen), or accepted, with the question to ask when it is
 * not the carrier the order is booked with.
 */
export function judgeHandOver(
  order: Pick<Order, 'shippingMethod' | 'number'>,
  trackingNumber: string,
  carrier: string,
  rules: ShippingRules,
): { ok: false; reason: string } | { ok: true; tracking: TrackingAccepted; conflict: string | null } {
  const tracking = acceptTracking(trackingNumber, carrier);
  if (!tracking.ok) return tracking;
  const chosen = carrier.trim();
  if (!tracking.unverified && chosen && chosen !== tracking.carrierName && KNOWN_CARRIERS.has(chosen)) {
    return {
      ok: false,
      reason: `Tracking number ${tracking.number} is ${tracking.carrierName}'s, not ${chosen}'s; choose ${tracking.carrierName} or scan the ${chosen} label`,
    };
  }
  return { ok: true, tracking, conflict: carrierConflict(tracking, bookedCarrier(order, rules)) };
}

/**
 * Whether a parcel may be handed over now, on the Pack bench and the Ship screen alike: a carrier
 * chosen, and either a tracking number taken (another carrier than booked only once confirmed) or,
 * with no number at all, a reason for shipping without one. A number typed and not taken (`typed`)
 * stops a hand-over without tracking, so a misread is never shipped as "no tracking".
 */
export function readyToHandOver(form: {
  carrier: string;
  tracking: TrackingAccepted | null;
  conflict: string | null;
  confirmed: boolean;
  noTrackingReason: string;
  typed?: string;
}): boolean {
  if (form.carrier === '') return false;
  if (form.tracking) return !form.conflict || form.confirmed;
  return !form.typed?.trim() && form.noTrackingReason.trim() !== '';
}

export type Shipped = {
  order: Order;
  parcel: Parcel;
  /** The shipping notification queued (in the same transaction), or why there is none. */
  email: ShippingEmail | ShippingEmailRefused;
  /** Units of the order still to ship after this parcel. */
  unitsRemaining: number;
};

/**
 * Hands a parcel to its carrier. A tracking number is checked (format and check digit) before
 * anything is written; a refusal changes nothing. Order and parcel change in one transaction.
 */
export async function shipParcel(
  db: OrderlineDb,
  desk: Desk,
  parcelId: string,
  handOver: HandOver,
  storeName?: string,
): Promise<Shipped> {
  const carrier = handOver.carrier.trim();
  const { shipping } = await loadStoreRules(db);
  const tables = [db.parcels, db.customers, ...orderChangeTables(db)];
  // The order event, the parcel's shipment and the queued e-mail commit together or not at all.
  return db.transaction('rw', tables, async () => {
    const parcel = await db.parcels.get(parcelId);
    if (!parcel) throw new DispatchRefused('That parcel is no longer on this desk; scan the order again');
    if (parcel.shippedAt) {
      throw new DispatchRefused(
        `The parcel of order ${parcel.orderNumber} already shipped with ${parcel.carrier ?? 'a carrier'}`,
      );
    }
    const before = await db.orders.get(parcel.orderId);
    if (!before) throw new DispatchRefused(`Order ${parcel.orderNumber} is not on this desk`);
    const judged =
      'trackingNumber' in handOver ? judgeHandOver(before, handOver.trackingNumber, carrier, shipping) : null;
    if (judged && !judged.ok) throw new DispatchRefused(judged.reason);
    // Another carrier than the order is booked with ships only once the packer has said yes.
    if (judged?.conflict && !handOver.confirmedCarrier) throw new DispatchRefused(judged.conflict);
    const tracking = judged?.tracking ?? null;
    const order = await dispatch(db, desk, before, {
      ...handOver,
      ...(tracking ? { trackingNumber: tracking.number, unverified: tracking.unverified === true } : {}),
      units: parcel.units,
    });
    const shipped = await markParcelShipped(db, parcel.id, {
      carrier,
      ...(handOver.service?.trim() ? { service: handOver.service.trim() } : {}),
      ...(tracking
        ? { trackingNumber: tracking.number, trackingVerified: tracking.unverified !== true }
        : {}),
    });
    const unitsRemaining = unitsLeftToShip(order);
    const customer: Customer | undefined = order.customerId
      ? await db.customers.get(order.customerId)
      : undefined;
    const toName = customer?.name ?? order.customerName;
    const email = shippingEmail({
      orderNumber: order.number,
      to: customer?.email,
      customerName: toName,
      storeName,
      carrierName: carrier,
      service: shipped.service,
      trackingNumber: shipped.trackingNumber,
      trackingUrl: tracking?.url ?? null,
      unitsShipped: shipped.units,
      unitsRemaining,
    });
    if (email.ok) {
      await queueEmail(db, {
        kind: 'shipping',
        orderId: order.id,
        orderNumber: order.number,
        to: email.to,
        ...(toName ? { toName } : {}),
        subject: email.subject,
        text: email.text,
      });
    }
    return { order, parcel: shipped, email, unitsRemaining };
  });
}

/** One carrier's end-of-day manifest: the parcels it took that day with recipients and totals. */
export async function loadManifest(db: OrderlineDb, carrier: string, day: Day): Promise<Manifest> {
  const parcels = await parcelsForManifest(db, carrier, day);
  const orders = await db.orders.bulkGet([...new Set(parcels.map((p) => p.orderId))]);
  return buildManifest(
    parcels,
    orders.filter((o): o is Order => o !== undefined),
  );
}
