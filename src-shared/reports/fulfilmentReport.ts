// How fast paid orders leave the building: paid → first parcel shipped (p50, p90) and the share
// dispatched by their ship-by day.
import { storeDay } from '../storeDay';
import { inRange, isSale, paidAt, type DayRange, type ReportOrder } from './reportOrders';

export interface ShippedParcel {
  orderId: string;
  shippedAt?: string;
}

export interface FulfilmentSummary {
  /** Paid orders in the range with a shipped parcel. */
  shipped: number;
  /** Paid orders in the range not shipped yet (counter sales taken away are not in the report). */
  waiting: number;
  p50Hours: number | null;
  p90Hours: number | null;
  /** Shipped on or before the ship-by day, of those with a ship-by day; null when none has one. */
  onTimeRate: number | null;
}

/** The nearest-rank percentile of sorted numbers (p in 0…100). */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] ?? null;
}

export function fulfilment(
  orders: readonly ReportOrder[],
  parcels: readonly ShippedParcel[],
  shipByOf: (order: ReportOrder) => string | undefined,
  range: DayRange,
  timeZone: string,
): FulfilmentSummary {
  const firstShipped = new Map<string, string>();
  for (const parcel of parcels) {
    if (!parcel.shippedAt) continue;
    const known = firstShipped.get(parcel.orderId);
    if (!known || parcel.shippedAt < known) firstShipped.set(parcel.orderId, parcel.shippedAt);
  }
  const hours: number[] = [];
  let waiting = 0;
  let due = 0;
  let onTime = 0;
  for (const order of orders) {
    if (order.channel === 'counter' || !isSale(order)) continue;
    const paid = paidAt(order);
    if (!inRange(storeDay(paid, timeZone), range)) continue;
    const shippedAt = firstShipped.get(order.id);
    if (!shippedAt) {
      if (order.status !== 'refunded') waiting++;
      continue;
    }
    hours.push(Math.max(0, (Date.parse(shippedAt) - Date.parse(paid)) / 3_600_000));
    const shipBy = shipByOf(order);
    if (shipBy) {
      due++;
      if (storeDay(shippedAt, timeZone) <= shipBy) onTime++;
    }
  }
  hours.sort((a, b) => a - b);
  return {
    shipped: hours.length,
    waiting,
    p50Hours: percentile(hours, 50),
    p90Hours: percentile(hours, 90),
    onTimeRate: due > 0 ? onTime / due : null,
  };
}
