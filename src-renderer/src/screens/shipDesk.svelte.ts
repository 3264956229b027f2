// The Ship screen's state and steps, without the DOM: which parcel is open, what a scan does (an
// order barcode opens its parcel; anything else goes to the open parcel as its tracking number),
// what the screen says after a hand-over. ShipScreen.svelte draws it and moves the focus.
import { classifyScan } from '$shared/scanDetector';
import { recogniseTracking } from '$shared/trackingNumbers';
import type { OrderlineDb } from '$db/database';
import { LiveQueryState } from '$lib/liveQueryState.svelte';
import { UNVERIFIED_NOTE } from '$lib/describeEvent';
import { findOrderByNumber } from '$lib/packQueue';
import { parcelToShip, waitingParcels, type Shipped, type WaitingParcel } from '$lib/shipParcel';

export type ShipView = 'handover' | 'manifest';

/** What a scan led to, so the screen can move the focus: a parcel opened, handed to the open parcel, or refused. */
export type ShipScanOutcome = 'opened' | 'to-parcel' | 'refused';

/** Where focus goes after a parcel ships: the next parcel waiting, else the end-of-day manifest. */
export function afterShippedFocus(shippedParcelId: string): string[] {
  return [`[data-parcel]:not([data-parcel="${shippedParcelId}"])`, '[data-focus="manifest-tab"]'];
}

/** Where focus goes in the manifest: Print once it shows, Close once printed, and once closed back to
 * handing over parcels (the closed manifest's button is disabled, and focus must not drop to the page). */
export function manifestFocusTargets(step: 'opened' | 'printed' | 'closed'): string[] {
  return {
    opened: ['[data-focus="print-manifest"]'],
    printed: ['[data-focus="close-manifest"]'],
    closed: ['[data-focus="handover-tab"]'],
  }[step];
}

export class ShipDesk {
  view = $state<ShipView>('handover');
  selectedId = $state<string | null>(null);
  notice = $state<string | null>(null);
  last = $state<Shipped | null>(null);
  readonly waiting = new LiveQueryState<WaitingParcel[]>();
  readonly #db: OrderlineDb;
  readonly #feedback: (kind: 'ok' | 'error') => void;

  constructor(db: OrderlineDb, feedback: (kind: 'ok' | 'error') => void) {
    this.#db = db;
    this.#feedback = feedback;
    this.waiting.run(() => waitingParcels(db));
  }

  get selected(): WaitingParcel | null {
    return (this.waiting.value ?? []).find((w) => w.parcel.id === this.selectedId) ?? null;
  }

  /** "Order D1-000042 shipped with DPD: 15501234567890 (unverified: …)": what just left, and how sure its number is. */
  get lastShipped(): string {
    if (!this.last) return '';
    const { order, parcel } = this.last;
    const number = parcel.trackingNumber
      ? `: ${parcel.trackingNumber}${parcel.trackingVerified === false ? ` (${UNVERIFIED_NOTE})` : ''}`
      : '';
    return `Order ${order.number} shipped with ${parcel.carrier ?? 'a carrier'}${number}`;
  }

  /** The carrier's tracking page of the parcel just shipped, when its number is recognised. */
  get lastTrackingUrl(): string | null {
    const number = this.last?.parcel.trackingNumber;
    if (!number) return null;
    const recognised = recogniseTracking(number);
    return recognised.ok ? recognised.url : null;
  }

  /** "Partly shipped: 2 units stay to ship; …" or that the whole order has shipped. */
  get lastRemaining(): string {
    const left = this.last?.unitsRemaining ?? 0;
    if (left <= 0) return 'Every unit of the order has shipped.';
    return `Partly shipped: ${left} ${left === 1 ? 'unit stays' : 'units stay'} to ship; pack ${left === 1 ? 'it' : 'them'} at the Pack station.`;
  }

  /** An order barcode opens that order's waiting parcel; any other code needs an open parcel. */
  async scan(code: string): Promise<ShipScanOutcome> {
    const scanned = classifyScan(code, { prefer: 'tracking' });
    if (scanned.kind === 'order') {
      this.view = 'handover';
      const order = await findOrderByNumber(this.#db, scanned.number);
      if (!order)
        return this.#refuse(`No order ${scanned.number} on this desk; check the barcode is an order’s`);
      const found = await parcelToShip(this.#db, order);
      if (!found.ok) return this.#refuse(found.reason);
      this.open(found.parcel.id);
      this.#feedback('ok');
      return 'opened';
    }
    if (this.selected && this.view === 'handover') return 'to-parcel';
    return this.#refuse(
      `“${code}” was scanned with no parcel open; scan the order barcode on the packing slip (like D1-000042) first`,
    );
  }

  open(parcelId: string): void {
    this.selectedId = parcelId;
    this.notice = null;
    this.last = null;
  }

  shipped(result: Shipped): void {
    this.last = result;
    this.selectedId = null;
    this.notice = null;
  }

  #refuse(text: string): 'refused' {
    this.notice = text;
    this.#feedback('error');
    return 'refused';
  }
}
