// One parcel's hand-over at the Ship desk, without the DOM: a tracking scan judged (carrier and
// service recognised, check digit verified; a misread changes nothing), an unverified number kept
// for the carrier chosen, the carrier clash to confirm, a reason when there is no tracking, and
// Mark shipped. ShipParcel.svelte draws it; the order and parcel are read through `input`, so the
// form follows them as the live query redraws.
import type { Order, Parcel } from '$shared/records';
import type { ShippingRules } from '$shared/shippingRules';
import { DEFAULT_SHIPPING_RULES } from '$shared/storeRules';
import { acceptTracking, carrierConflict, type TrackingAccepted } from '$shared/trackingNumbers';
import type { OrderlineDb } from '$db/database';
import { loadStoreRules } from '$db/storeSettings';
import type { Desk } from '$lib/sale';
import {
  CARRIERS,
  bookedCarrier,
  readyToHandOver,
  shipParcel,
  unitsLeftToShip,
  type Shipped,
} from '$lib/shipParcel';

export type ShipParcelInput = {
  parcel: Parcel;
  order: Order;
  desk: Desk;
  /** Signs the customer's shipping e-mail. */
  storeName?: string | undefined;
};

export type ShipFeedback = { kind: 'ok' | 'error' | 'idle'; message: string };

export class ShipParcelForm {
  readonly #db: OrderlineDb;
  readonly #input: () => ShipParcelInput;
  readonly #tone: (kind: 'ok' | 'error') => void;

  carrier = $state('');
  service = $state('');
  trackingText = $state('');
  tracking = $state<TrackingAccepted | null>(null);
  confirmed = $state(false);
  noTrackingReason = $state('');
  feedback = $state<ShipFeedback>({
    kind: 'idle',
    message: 'Scan the tracking barcode on the carrier’s label',
  });
  /** Each scan restarts the flash, even when the colour stays the same. */
  flash = $state(0);
  busy = $state(false);
  /** The store's shipping rules (Settings › Shipping): which carrier the order is booked with. */
  shipping = $state.raw<ShippingRules>(DEFAULT_SHIPPING_RULES);

  constructor(db: OrderlineDb, input: () => ShipParcelInput, tone: (kind: 'ok' | 'error') => void) {
    this.#db = db;
    this.#input = input;
    this.#tone = tone;
    // The parcel's own choices (from the pack bench) are the starting point; a scan overrides them.
    const { parcel } = input();
    this.carrier = parcel.carrier ?? '';
    this.service = parcel.service ?? '';
  }

  /** Reads the store's shipping rules (the screen calls it once mounted). */
  async loadRules(): Promise<void> {
    try {
      this.shipping = (await loadStoreRules(this.#db)).shipping;
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      this.feedback = { kind: 'error', message: `The store's shipping rules could not be read: ${why}` };
    }
  }

  get parcel(): Parcel {
    return this.#input().parcel;
  }
  get order(): Order {
    return this.#input().order;
  }
  /** Units of the order not shipped yet. */
  get left(): number {
    return unitsLeftToShip(this.order);
  }
  get partial(): boolean {
    return this.parcel.units < this.left;
  }
  get stayLater(): string {
    const later = this.left - this.parcel.units;
    return `${later} ${later === 1 ? 'unit stays' : 'units stay'} to ship later`;
  }
  /** The carriers offered, with the scanned number's own when it is not one of ours. */
  get carriers(): string[] {
    const scanned = this.tracking?.carrierName;
    return scanned && !CARRIERS.includes(scanned) ? [...CARRIERS, scanned] : CARRIERS;
  }
  // The one rule (src-shared): another carrier than the order is booked with ships only once confirmed.
  get conflict(): ReturnType<typeof carrierConflict> | null {
    return this.tracking ? carrierConflict(this.tracking, bookedCarrier(this.order, this.shipping)) : null;
  }
  get canShip(): boolean {
    return !this.busy && readyToHandOver(this);
  }

  /** An unverified number belongs to whichever carrier the packer chooses (the screen's effect calls it). */
  followCarrier(): void {
    if (this.tracking?.unverified && this.carrier && this.tracking.carrierName !== this.carrier)
      this.tracking = { ...this.tracking, carrierName: this.carrier };
  }

  /** Called when a number is recognised for its carrier: the screen moves focus to what comes next. */
  onRecognised: () => void = () => undefined;

  /** Enter in the tracking box scans what was typed, unless it is empty or already the number taken. */
  typedEnter(): boolean {
    if (!this.trackingText.trim() || this.trackingText === this.tracking?.number) return false;
    this.scan(this.trackingText);
    return true;
  }

  /** A tracking barcode from the scanner, or a number typed and confirmed with Enter. */
  scan(code: string): void {
    // A number no carrier format knows is kept only for the carrier chosen, marked unverified.
    const result = acceptTracking(code, this.carrier);
    this.flash++;
    if (!result.ok) {
      // A misread changes nothing: the number accepted before (if any) stays.
      this.trackingText = this.tracking?.number ?? '';
      this.feedback = { kind: 'error', message: result.reason };
      this.#tone('error');
      return;
    }
    this.tracking = result;
    this.confirmed = false;
    this.trackingText = result.number;
    if (result.unverified) {
      this.feedback = {
        kind: 'ok',
        message: `Unverified ${result.carrierName} number: no carrier format matches it; check it against the label`,
      };
      this.#tone('ok');
      return;
    }
    this.carrier = result.carrierName;
    if (result.service) this.service = result.service;
    const check = result.checkDigitVerified ? 'check digit OK' : 'this format has no check digit';
    this.feedback = {
      kind: 'ok',
      message: `${result.carrierName} tracked${result.service ? ` (${result.service})` : ''}, ${check}`,
    };
    this.#tone('ok');
    this.onRecognised();
  }

  /** Hands the parcel over; the result, or null with the refusal shown. */
  async markShipped(): Promise<Shipped | null> {
    if (!this.canShip) return null;
    this.busy = true;
    const { carrier, service, tracking, confirmed, noTrackingReason } = this;
    const { desk, parcel, storeName } = this.#input();
    try {
      const shipped = await shipParcel(
        this.#db,
        desk,
        parcel.id,
        tracking
          ? { carrier, service, trackingNumber: tracking.number, confirmedCarrier: confirmed }
          : { carrier, service, noTrackingReason },
        storeName,
      );
      this.#tone('ok');
      return shipped;
    } catch (error) {
      this.feedback = { kind: 'error', message: error instanceof Error ? error.message : String(error) };
      this.flash++;
      this.#tone('error');
      return null;
    } finally {
      this.busy = false;
    }
  }
}
