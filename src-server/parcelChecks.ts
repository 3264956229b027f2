// One parcel per packing: a parcel the server does not hold yet stands only if the order's packing
// closed it. When two benches pack the same order, the first pack.complete wins and names its parcel;
// the other bench's parcel follows a refused pack.complete and is refused too, so one parcel stands.
// A split is two packings (the second after the first parcel shipped), each naming its own parcel.
import type { Sql } from './db';

/** Why a new parcel may not be stored, or null when its order's packing closed it. */
export async function newParcelRefusal(
  tx: Sql,
  storeId: string,
  parcel: Record<string, unknown>,
): Promise<string | null> {
  if (typeof parcel.orderId !== 'string') return null;
  const packings = await tx.query<{ parcel: string | null; units: string | null; desk: string | null }>(
    `SELECT e.data->'event'->>'parcelId' AS parcel, e.data->'event'->>'units' AS units, d.desk_code AS desk
       FROM order_events e LEFT JOIN devices d ON d.id = e.device_id
      WHERE e.store_id = $1 AND e.order_id = $2 AND e.data->'event'->>'type' = 'pack.complete'
      ORDER BY e.seq`,
    [storeId, parcel.orderId],
  );
  // Parcels written before packing named its parcel (or outside the pack bench) have no packing.
  if (!packings.length || packings.some((p) => p.parcel === parcel.id)) return null;
  const last = packings[packings.length - 1]!;
  const units = Number(last.units);
  const size = Number.isInteger(units) ? ` (a parcel of ${units} ${units === 1 ? 'unit' : 'units'})` : '';
  const where = last.desk ? `at desk ${last.desk}` : 'at another bench';
  return `the order was packed ${where} first${size}; this bench's parcel is not kept: do not use its label or slip`;
}
