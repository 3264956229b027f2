// The packers' side of an order: which orders wait to be packed (oldest first), how many are at
// each stage, and the order-machine events a pack bench sends (start, put back, dispatch).
import { packableLines } from '$shared/balances';
import { deskName } from '$shared/deskDirectory';
import { readDeskDirectory } from '../sync/deskDirectory';
import { acceptTracking, recogniseTracking } from '$shared/trackingNumbers';
import { arrangeQueue, type ArrangeOptions, type QueuedOrder } from '$shared/packingQueue';
import { storeDay } from '$shared/storeDay';
import type { Order, Variant } from '$shared/records';
import type { PackOrderLine } from '$machines/packStationMachine';
import type { OrderlineDb } from '$db/database';
import { orderChangeTables, writeOrderChange, type Who } from '$db/writeOrderChange';
import { loadStoreProfile, loadStoreRules } from '$db/storeSettings';
import type { Desk } from './sale';
import { staffSession } from './staffSession.svelte';

/** The person signed in on this desk (or "Packer" on a desk without staff). */
export function packerOf(desk: Desk): Who {
  return staffSession.who(desk, 'Packer');
}

// Paid and receipted orders wait in processing; only those with stock reserved can be packed.
const isReserved = (order: Order) => order.machine['reserved'] === true;

function readyOrders(db: OrderlineDb) {
  return db.orders
    .where('[status+createdAt]')
    .between(['processing', ''], ['processing', '\uffff'])
    .filter(isReserved);
}

export function countReadyToPack(db: OrderlineDb): Promise<number> {
  return readyOrders(db).count();
}

/** The whole queue arranged for the bench: filtered and most urgent (or oldest) first. Ready orders
 * are the paid ones not yet packed — hundreds, not the whole order history — so they fit in memory. */
export async function arrangedReadyQueue(
  db: OrderlineDb,
  options: Pick<ArrangeOptions, 'filter' | 'sort'> & { today?: string } = {},
): Promise<QueuedOrder[]> {
  const [{ shipping }, { timeZone }] = await Promise.all([loadStoreRules(db), loadStoreProfile(db)]);
  return arrangeQueue(await readyOrders(db).toArray(), {
    rules: shipping,
    timeZone,
    today: options.today ?? storeDay(new Date(), timeZone),
    filter: options.filter,
    sort: options.sort,
  });
}

export type StageCounts = {
  /** Processing with stock reserved. */
  ready: number;
  /** Processing, but stock not yet reserved: not packable. */
  waitingForStock: number;
  packing: number;
  partlyShipped: number;
  shipped: number;
};

export async function countStages(db: OrderlineDb): Promise<StageCounts> {
  const status = (s: Order['status']) => db.orders.where('status').equals(s).count();
  const [processing, ready, packing, partlyShipped, shipped] = await Promise.all([
    status('processing'),
    countReadyToPack(db),
    status('packaging'),
    status('partially_shipped'),
    status('shipped'),
  ]);
  return { ready, waitingForStock: processing - ready, packing, partlyShipped, shipped };
}

/** Finds an order by the number on its barcode (D1-000042), whatever its status. */
export function findOrderByNumber(db: OrderlineDb, number: string): Promise<Order | undefined> {
  return db.orders.where('number').equals(number.trim().toUpperCase()).first();
}

/**
 * The order's lines as the pack station checks them: each with the barcode printed on the item, its
 * case codes, and the units this bench already scanned (stored per scan) when `counts` are given.
 */
export async function packLines(
  db: OrderlineDb,
  order: Order,
  counts: Record<string, number> = {},
): Promise<PackOrderLine[]> {
  // Gift cards are codes on the receipt: the bench never asks for them to be scanned.
  const lines = packableLines(order.lines);
  const variants = await db.variants.bulkGet(lines.map((line) => line.variantId));
  return lines.map((line, i) => {
    const caseCodes = variants[i]?.caseCodes;
    const verified = Math.min(counts[line.variantId] ?? 0, line.quantity);
    return {
      variantId: line.variantId,
      barcode: variants[i]?.barcode ?? '',
      sku: line.sku,
      name: line.name,
      quantity: line.quantity,
      ...(caseCodes?.length ? { caseCodes } : {}),
      ...(verified > 0 ? { verified } : {}),
    };
  });
}

/** The catalog rows behind some orders' lines (bins and barcodes for a pick list). */
export async function variantsOf(db: OrderlineDb, orders: readonly Order[]): Promise<Variant[]> {
  const ids = [...new Set(orders.flatMap((order) => order.lines.map((line) => line.variantId)))];
  return (await db.variants.bulkGet(ids)).filter((v): v is Variant => v !== undefined);
}

/** Claims an order for this bench: processing → packaging. */
export function startPacking(db: OrderlineDb, desk: Desk, order: Order): Promise<Order> {
  return writeOrderChange(db, { orderId: order.id, event: { type: 'pack.start' } }, packerOf(desk));
}

/** The bench that claimed an order: its id, and its name as people know it (D2 (Bench 2)). */
export type PackingClaim = { deskId: string; desk: string; at: string };

/** Which bench claimed an order being packed (its last pack.start), or null when none has. */
export async function packingClaim(db: OrderlineDb, order: Order): Promise<PackingClaim | null> {
  if (order.status !== 'packaging') return null;
  const events = await db.orderEvents
    .where('[orderId+seq]')
    .between([order.id, 0], [order.id, Number.MAX_SAFE_INTEGER])
    .reverse()
    .toArray();
  const start = events.find((e) => e.event.type === 'pack.start');
  if (!start) return null;
  const desk = deskName(start.deskId, await readDeskDirectory(db)) ?? 'another desk';
  return { deskId: start.deskId, desk, at: start.at };
}

/** Why this bench must not pack an order another bench has claimed, or null when it may. */
export function claimClash(order: Order, claim: PackingClaim | null, desk: Desk): string | null {
  if (!claim || claim.deskId === desk.id) return null;
  return `Order ${order.number} is already being packed at ${claim.desk === 'another desk' ? claim.desk : `desk ${claim.desk}`} (since ${claim.at.slice(0, 16).replace('T', ' ')}); finish it there, or put it back in the queue there first`;
}

/**
 * Puts an order being packed back in the queue: its stored counts are forgotten and a parcel packed
 * and not shipped is unpacked (removed), with the order's pack.abandon, in one transaction.
 */
export function abandonPacking(db: OrderlineDb, desk: Desk, order: Order): Promise<Order> {
  const tables = [...orderChangeTables(db), db.parcels, db.packProgress];
  return db.transaction('rw', tables, async () => {
    const changed = await writeOrderChange(
      db,
      { orderId: order.id, event: { type: 'pack.abandon' } },
      packerOf(desk),
    );
    const unshipped = await db.parcels
      .where('orderId')
      .equals(order.id)
      .filter((p) => !p.shippedAt)
      .primaryKeys();
    await db.parcels.bulkDelete(unshipped);
    await db.packProgress.delete(order.id);
    return changed;
  });
}

export type Dispatch = { carrier: string; units: number } &
  /** `unverified`: a number no carrier format knows, kept for the chosen carrier (acceptTracking). */
  ({ trackingNumber: string; unverified?: boolean } | { noTrackingReason: string });

export class DispatchRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DispatchRefused';
  }
}

/**
 * Hands the parcel to the carrier. A tracking number must be one recogniseTracking knows, with a
 * right check digit (a misread is refused with the reason); it is stored normalised. Without one,
 * a reason is required.
 */
export async function dispatch(
  db: OrderlineDb,
  desk: Desk,
  order: Order,
  shipment: Dispatch,
): Promise<Order> {
  const carrier = shipment.carrier.trim();
  if (!carrier) throw new DispatchRefused('Choose the carrier taking the parcel');
  if ('trackingNumber' in shipment) {
    const tracking = shipment.unverified
      ? acceptTracking(shipment.trackingNumber, carrier)
      : recogniseTracking(shipment.trackingNumber);
    if (!tracking.ok) throw new DispatchRefused(tracking.reason);
    return writeOrderChange(
      db,
      {
        orderId: order.id,
        event: { type: 'ship.dispatch', carrier, trackingNumber: tracking.number, units: shipment.units },
        // The order event records a number no format knows as unverified, so the order says so.
        details: {
          tracking: {
            carrier,
            number: tracking.number,
            ...('unverified' in tracking && tracking.unverified ? { verified: false } : {}),
          },
        },
      },
      packerOf(desk),
    );
  }
  const reason = shipment.noTrackingReason.trim();
  if (!reason) {
    throw new DispatchRefused(
      'Scan the tracking number, or say why this parcel has none (e.g. “hand delivered”)',
    );
  }
  return writeOrderChange(
    db,
    {
      orderId: order.id,
      event: { type: 'ship.dispatch', carrier, noTrackingReason: reason, units: shipment.units },
    },
    packerOf(desk),
  );
}

/** How long an order has waited, as a packer reads it: "12 min", "3 h", "2 days". */
export function ageOf(createdAt: string, now: number = Date.now()): string {
  const minutes = Math.max(0, Math.floor((now - Date.parse(createdAt)) / 60_000));
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h`;
  return `${Math.floor(hours / 24)} days`;
}
