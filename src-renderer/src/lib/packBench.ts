// The pack bench's stored side: the store's ship-from address and this desk's "print the label at
// once", the parcel written when packing completes (with a manager's override and its audit entry
// in one transaction), its weight and size, and when its label was printed.
import type { PackOutcome } from '$machines/packStationMachine';
import {
  AUTO_PRINT_LABEL_KEY,
  SHIP_FROM_KEY,
  formatWeight,
  parseShipFrom,
  type ParcelMeasureInput,
  type ShipFromCheck,
} from '$shared/packDocuments';
import type { Address, Order, OutboxEntry, Parcel } from '$shared/records';
import { newId } from '$shared/ids';
import { recordAudit } from '$db/auditLog';
import { loadStoreSetting, putStoreSetting } from '$db/storeSettings';
import type { OrderlineDb } from '$db/database';
import { clearPackProgress } from '$db/packProgress';
import { parcelsOfOrder, recordParcel, updateParcel } from '$db/parcelWrites';
import { orderChangeTables, writeOrderChange, type Who } from '$db/writeOrderChange';
import type { Approver } from './approval.svelte';

/** The store's ship-from address as stored, checked (refused with a sentence when missing or bad). */
export async function loadShipFrom(db: OrderlineDb): Promise<ShipFromCheck> {
  return parseShipFrom(await loadStoreSetting(db, SHIP_FROM_KEY));
}

/** Stores the ship-from address for every desk of the store; a bad one is refused with the reason and nothing changes. */
export async function saveShipFrom(db: OrderlineDb, address: Address): Promise<ShipFromCheck> {
  const checked = parseShipFrom(address);
  if (checked.ok) await putStoreSetting(db, SHIP_FROM_KEY, checked.address);
  return checked;
}

/** Whether this desk prints the label by itself the moment a parcel is packed. */
export async function autoPrintLabel(db: OrderlineDb): Promise<boolean> {
  return (await db.settings.get(AUTO_PRINT_LABEL_KEY))?.value === true;
}

export async function setAutoPrintLabel(db: OrderlineDb, on: boolean): Promise<void> {
  await db.settings.put({ key: AUTO_PRINT_LABEL_KEY, value: on });
}

export type PackedParcel = { parcel: Parcel; index: number };

/**
 * Writes the parcel of a closed pack station. An override parcel carries its approver, and the
 * audit log says who approved printing a label for unverified items, in the same transaction.
 */
export async function recordPackedParcel(
  db: OrderlineDb,
  input: {
    deskId: string;
    order: Pick<Order, 'id' | 'number'>;
    outcome: PackOutcome;
    measure?: ParcelMeasureInput | null;
    approver?: Approver | null;
    /** Who packed it (the signed-in member of staff), for the audit log. */
    packer?: { staffId: string; staffName: string } | null;
    /** Units per variant in the parcel. */
    contents?: Parcel['contents'];
    parcelId?: string;
  },
): Promise<PackedParcel> {
  const { order, outcome, measure, approver } = input;
  if (outcome.kind === 'override' && !approver) {
    throw new Error('An override parcel needs the manager who approved it');
  }
  return db.transaction('rw', db.parcels, db.auditLog, db.outbox, async () => {
    const earlier = await parcelsOfOrder(db, order.id);
    const reason =
      outcome.kind === 'override'
        ? outcome.reason ||
          `Label printed before every item was scanned: ${outcome.unverified.map((u) => `${u.sku} × ${u.quantity}`).join(', ')}`
        : '';
    const parcel = await recordParcel(db, {
      ...(input.parcelId ? { id: input.parcelId } : {}),
      ...(input.contents?.length ? { contents: input.contents } : {}),
      orderId: order.id,
      orderNumber: order.number,
      units: outcome.units,
      verified: outcome.kind !== 'override',
      deskId: input.deskId,
      ...(outcome.kind === 'override' && approver
        ? {
            override: {
              staffId: approver.staffId,
              staffName: approver.staffName,
              reason: reason.slice(0, 200),
            },
          }
        : {}),
      ...(measure ? measureFields(measure) : {}),
    });
    if (outcome.kind === 'override' && approver) {
      await recordAudit(db, {
        kind: 'label_override',
        deskId: input.deskId,
        ...(input.packer ? { staffId: input.packer.staffId, staffName: input.packer.staffName } : {}),
        approvedById: approver.staffId,
        approvedByName: approver.staffName,
        orderId: order.id,
        orderNumber: order.number,
        summary:
          `${approver.staffName} approved the label of ${order.number} with unverified items (${reason})`.slice(
            0,
            500,
          ),
      });
    }
    return { parcel, index: earlier.length + 1 };
  });
}

/**
 * Closes an order's parcel at the bench, in ONE transaction: the order's pack.complete (refused when
 * the order is already packed, here or on another bench that synced first), the parcel, and the
 * bench's stored counts cleared. Refused, nothing is written.
 */
export async function closeParcel(
  db: OrderlineDb,
  who: Who,
  input: Omit<Parameters<typeof recordPackedParcel>[1], 'deskId' | 'parcelId'>,
): Promise<PackedParcel> {
  const parcelId = newId();
  const tables = [...orderChangeTables(db), db.parcels, db.auditLog, db.packProgress];
  return db.transaction('rw', tables, async () => {
    const packed = await writeOrderChange(
      db,
      { orderId: input.order.id, event: { type: 'pack.complete', parcelId, units: input.outcome.units } },
      who,
    );
    const kept = await recordPackedParcel(db, { ...input, deskId: who.deskId, parcelId });
    // The parcel stands only with its packing: if the server refuses this pack.complete (another
    // bench packed the order first), the parcel is refused with it.
    const complete = await db.orderEvents.where('[orderId+seq]').equals([packed.id, packed.version]).first();
    const completeEntry = complete && (await db.outbox.where('recordId').equals(complete.id).first());
    const parcelEntry = await db.outbox.where('recordId').equals(parcelId).first();
    if (completeEntry && parcelEntry && !('dependsOn' in parcelEntry))
      await db.outbox.put({ ...parcelEntry, dependsOn: completeEntry.id } as OutboxEntry);
    await clearPackProgress(db, input.order.id);
    return kept;
  });
}

/** The order's parcel packed and not yet shipped, with what closed it, or null when there is none. */
export async function packedParcelOf(
  db: OrderlineDb,
  order: Order,
): Promise<(PackedParcel & { outcome: PackOutcome }) | null> {
  const parcels = await parcelsOfOrder(db, order.id);
  const packedId = (order.machine as { packed?: { parcelId?: unknown } }).packed?.parcelId;
  const index = parcels.findIndex((p) => (packedId ? p.id === packedId : !p.shippedAt));
  const parcel = parcels[index];
  if (!parcel || parcel.shippedAt) return null;
  return { parcel, index: index + 1, outcome: outcomeOf(order, parcel) };
}

/** What closed a stored parcel, as the pack station tells it: complete, split, or override. */
export function outcomeOf(order: Pick<Order, 'lines'>, parcel: Parcel): PackOutcome {
  if (parcel.override) {
    return {
      kind: 'override',
      approvedBy: parcel.override.staffName,
      reason: parcel.override.reason,
      units: parcel.units,
      unverified: [],
    };
  }
  const inParcel = new Map((parcel.contents ?? []).map((c) => [c.variantId, c.quantity]));
  const backordered = parcel.contents
    ? order.lines
        .map((line) => ({
          variantId: line.variantId,
          sku: line.sku,
          quantity: line.quantity - (inParcel.get(line.variantId) ?? 0),
        }))
        .filter((line) => line.quantity > 0)
    : [];
  return backordered.length
    ? { kind: 'split', reason: 'Split shipment', units: parcel.units, backordered }
    : { kind: 'complete', units: parcel.units };
}

const measureFields = (measure: ParcelMeasureInput) => ({
  weightGrams: measure.weightGrams,
  ...(measure.dimensionsCm ? { dimensionsCm: { ...measure.dimensionsCm } } : {}),
});

/** The parcel's weight and size, typed after it closed. */
export async function saveParcelMeasure(
  db: OrderlineDb,
  parcelId: string,
  measure: ParcelMeasureInput,
): Promise<Parcel> {
  return updateParcel(db, parcelId, measureFields(measure));
}

/** Records that the label was printed (the first time; a reprint keeps the first time). */
export async function markLabelPrinted(db: OrderlineDb, parcel: Parcel): Promise<Parcel> {
  if (parcel.labelPrintedAt) return parcel;
  return updateParcel(db, parcel.id, { labelPrintedAt: new Date().toISOString() });
}

/** "1.25 kg, 30 × 20 × 10 cm" for the bench's status line. */
export function describeMeasure(parcel: Pick<Parcel, 'weightGrams' | 'dimensionsCm'>): string {
  if (!parcel.weightGrams) return 'not weighed';
  const size = parcel.dimensionsCm;
  return size
    ? `${formatWeight(parcel.weightGrams)}, ${size.length} × ${size.width} × ${size.height} cm`
    : formatWeight(parcel.weightGrams);
}
