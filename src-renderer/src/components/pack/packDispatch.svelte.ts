// Shipping a packed parcel from the bench, without the DOM: a tracking number scanned or typed and
// judged by the Ship desk's rule (a number no format knows is kept unverified for the carrier chosen;
// one of another carrier than chosen is refused), the question when it is another carrier than the
// order is booked with, a reason when there is no tracking, and Dispatch. PackDispatch.svelte draws
// it and moves the focus; the order and parcel are read through `input`, so the form follows them.
import type { Order } from '$shared/records';
import type { ShippingRules } from '$shared/shippingRules';
import { DEFAULT_SHIPPING_RULES } from '$shared/storeRules';
import type { OrderlineDb } from '$db/database';
import { loadStoreRules } from '$db/storeSettings';
import { UNVERIFIED_NOTE } from '$lib/describeEvent';
import { dispatch } from '$lib/packQueue';
import type { Desk } from '$lib/sale';
import { CARRIERS, handOverFocusTargets, judgeHandOver, readyToHandOver, shipParcel } from '$lib/shipParcel';

export type PackDispatchInput = {
  order: Order;
  units: number;
  /** The stored parcel (null only when storing it failed: the order ships without one). */
  parcelId: string | null;
  desk: Desk;
};

export class PackDispatchForm {
  readonly #db: OrderlineDb;
  readonly #input: () => PackDispatchInput;
  readonly #tone: (kind: 'ok' | 'error') => void;

  carrier = $state('');
  trackingText = $state('');
  noTrackingReason = $state('');
  confirmed = $state(false);
  shipError = $state('');
  busy = $state(false);
  /** The store's shipping rules (Settings › Shipping): which carrier the order is booked with. */
  shipping = $state.raw<ShippingRules>(DEFAULT_SHIPPING_RULES);

  constructor(db: OrderlineDb, input: () => PackDispatchInput, tone: (kind: 'ok' | 'error') => void) {
    this.#db = db;
    this.#input = input;
    this.#tone = tone;
  }

  /** Reads the store's shipping rules (the component calls it once mounted). */
  async loadRules(): Promise<void> {
    try {
      this.shipping = (await loadStoreRules(this.#db)).shipping;
    } catch (error) {
      this.shipError = `The store's shipping rules could not be read: ${error instanceof Error ? error.message : String(error)}`;
    }
  }

  get order(): Order {
    return this.#input().order;
  }
  get units(): number {
    return this.#input().units;
  }
  /** The number typed or scanned, judged (null while the box is empty). */
  get judged(): ReturnType<typeof judgeHandOver> | null {
    return this.trackingText.trim()
      ? judgeHandOver(this.order, this.trackingText, this.carrier, this.shipping)
      : null;
  }
  get tracking() {
    const judged = this.judged;
    return judged?.ok ? judged.tracking : null;
  }
  get conflict(): string | null {
    const judged = this.judged;
    return judged?.ok ? judged.conflict : null;
  }
  get canDispatch(): boolean {
    const { carrier, tracking, conflict, confirmed, noTrackingReason, trackingText } = this;
    return (
      !this.busy &&
      readyToHandOver({ carrier, tracking, conflict, confirmed, noTrackingReason, typed: trackingText })
    );
  }

  /** A recognised number names its carrier: no need to choose it by hand (the component's effect calls it). */
  followTracking(): void {
    const tracking = this.tracking;
    if (tracking && !tracking.unverified && CARRIERS.includes(tracking.carrierName))
      this.carrier = tracking.carrierName;
  }

  /** The number was typed into: a carrier question answered before no longer stands. */
  typed(): void {
    this.confirmed = false;
  }

  /**
   * A tracking barcode scanned while the bench asks for one. Taken, it returns where the focus goes
   * next (the carrier question or Dispatch); refused, null.
   */
  take(code: string): string[] | null {
    this.trackingText = code;
    this.confirmed = false;
    this.shipError = '';
    const result = judgeHandOver(this.order, code, this.carrier, this.shipping);
    this.#tone(result.ok ? 'ok' : 'error');
    return result.ok ? handOverFocusTargets(!!result.conflict) : null;
  }

  /** Dispatches the order (with its stored parcel, when there is one): the sentence saying so, or null with the refusal shown. */
  async dispatch(): Promise<string | null> {
    if (!this.canDispatch) return null;
    this.busy = true;
    this.shipError = '';
    const { carrier, tracking, confirmed, noTrackingReason } = this;
    const { order, units, parcelId, desk } = this.#input();
    try {
      const number = tracking?.number ?? '';
      if (parcelId) {
        // The stored parcel ships with the order, so the Ship desk does not wait for it.
        await shipParcel(
          this.#db,
          desk,
          parcelId,
          number
            ? { carrier, trackingNumber: number, confirmedCarrier: confirmed }
            : { carrier, noTrackingReason },
        );
      } else {
        await dispatch(
          this.#db,
          desk,
          order,
          number
            ? { carrier, trackingNumber: number, unverified: tracking?.unverified === true, units }
            : { carrier, noTrackingReason, units },
        );
      }
      return (
        `Order ${order.number} shipped with ${carrier}` +
        (tracking?.unverified ? `: ${tracking.number} (${UNVERIFIED_NOTE})` : '')
      );
    } catch (error) {
      this.shipError = error instanceof Error ? error.message : String(error);
      this.#tone('error');
      return null;
    } finally {
      this.busy = false;
    }
  }
}
