// The pack station's steps for one order, without the DOM: each scan judged by the pack station
// machine and its count stored, the parcel closed once (refused when the order is packed on another
// bench meanwhile), a manager's override, putting the order back; and a watch on the stored order so
// a bench whose order another bench claims or packs is told so at once and packs nothing.
import { liveQuery, type Subscription } from 'dexie';
import { createActor } from 'xstate';
import {
  allVerified,
  judgeScan,
  missingList,
  packStationMachine,
  type CatalogueHit,
  type PackOrderLine,
  type PackOutcome,
} from '$machines/packStationMachine';
import { ORDER_STATUS_LABELS } from '$shared/orderStatus';
import type { Order } from '$shared/records';
import { classifyScan } from '$shared/scanDetector';
import type { OrderlineDb } from '$db/database';
import { savePackProgress } from '$db/packProgress';
import { findVariantByScan } from '$db/variantLookup';
import type { Approver } from '$lib/approval.svelte';
import { playFeedback } from '$lib/feedbackSound';
import { autoPrintLabel, closeParcel, type PackedParcel } from '$lib/packBench';
import { abandonPacking, claimClash, packerOf, packingClaim } from '$lib/packQueue';
import { parseQuantity, type Desk } from '$lib/sale';

export type PackStationInput = {
  order: Order;
  /** With the units already scanned (stored per scan) when the order is resumed. */
  lines: PackOrderLine[];
  desk: Desk;
  /** The order's parcel when it is packed already and not shipped: it opens packed. */
  packedBefore?: (PackedParcel & { outcome: PackOutcome }) | null;
  /** Who packs (the signed-in member of staff), for the parcel's audit entry. */
  packer?: () => { staffId: string; staffName: string } | null;
  /** A manager's PIN for a label of items not all scanned (null: nobody approved). */
  askManager?: (reason: string) => Promise<Approver | null>;
  /** Back to the queue, with a sentence saying what happened to the order. */
  onClose: (message: string) => void;
  /** Another order's barcode scanned at a closed parcel: open that order. */
  onOpenOrder: (orderNumber: string) => void;
};

/** Where the bench is: what the packer does next. */
export type PackStep = 'scanning' | 'verified' | 'weigh' | 'label' | 'ship';

/** Where focus goes at each step: selectors in order of preference (lib/focusNext). While items are
 * scanned it rests on the station's heading, so Tab goes into the order, not back to the queue. */
export function packFocusTargets(step: PackStep): string[] {
  return {
    scanning: ['#station-title'],
    verified: ['[data-focus="complete-parcel"]'],
    weigh: ['[data-focus="parcel-weight"]'],
    label: ['[data-focus="print-label"]'],
    ship: ['[data-focus="tracking"]'],
  }[step];
}

/** The step from the station's state: counting, all counted, then the closed parcel's weight,
 * label and hand-over. */
export function packStep(
  packed: boolean,
  verified: boolean,
  parcel: { weightGrams?: number | null; labelPrintedAt?: string | null } | null | undefined,
): PackStep {
  if (!packed) return verified ? 'verified' : 'scanning';
  if (!parcel?.weightGrams) return 'weigh';
  return parcel.labelPrintedAt ? 'ship' : 'label';
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

export class PackStation {
  readonly order: Order;
  readonly #db: OrderlineDb;
  readonly #input: PackStationInput;
  readonly #actor = createActor(packStationMachine);

  snapshot = $state.raw(this.#actor.getSnapshot());
  /** Each scan restarts the flash, even when the colour stays the same. */
  flash = $state(0);
  quantityText = $state('');
  quantityError = $state('');
  splitReason = $state('');
  error = $state('');
  busy = $state(false);
  /** The parcel as stored once the station closes it, and whether its label prints at once. */
  packedParcel = $state<PackedParcel | null>(null);
  printAtOnce = $state(false);
  overrideNote = $state('');
  askingManager = $state(false);
  /** Why this bench must not pack the order after all: another bench claimed or packed it meanwhile. */
  elsewhere = $state('');
  /** The ship form, which takes a tracking scan once the parcel is closed. */
  shipForm: { take: (code: string) => void } | undefined = $state();

  readonly context = $derived(this.snapshot.context);
  readonly packed = $derived(this.snapshot.matches('packed'));
  readonly feedback = $derived(this.context.feedback);
  readonly verified = $derived(allVerified(this.context.lines));
  readonly step = $derived(packStep(this.packed, this.verified, this.packedParcel?.parcel));
  readonly verifiedUnits = $derived(this.context.lines.reduce((sum, l) => sum + l.verified, 0));
  readonly totalUnits = $derived(this.context.lines.reduce((sum, l) => sum + l.quantity, 0));
  /** Units per variant in the closed parcel (a split holds only what was scanned). */
  readonly inParcel = $derived(
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- rebuilt whole by the derivation, never mutated
    new Map(
      this.context.lines.map((line) => [
        line.variantId,
        this.context.outcome?.kind === 'split' ? line.verified : line.quantity,
      ]),
    ),
  );

  // Scans are judged one after another, so a look-up in the catalogue never lets a later scan overtake.
  #scanning: Promise<void> = Promise.resolve();
  #watch: Subscription | null = null;

  constructor(db: OrderlineDb, input: PackStationInput) {
    this.#db = db;
    this.#input = input;
    this.order = input.order;
    this.packedParcel = input.packedBefore ?? null;
    this.#actor.subscribe((next) => (this.snapshot = next));
    this.#actor.start();
    // The station opens once per order: at the counts stored scan by scan, or packed, with its parcel.
    this.#actor.send({
      type: 'pack.open',
      orderId: input.order.id,
      orderNumber: input.order.number,
      lines: input.lines,
      ...(input.packedBefore ? { packed: input.packedBefore.outcome } : {}),
    });
  }

  /** Watches the stored order (synced from other benches) until stop(). */
  watch(): void {
    this.#watch?.unsubscribe();
    this.#watch = liveQuery(() => this.#judgeElsewhere()).subscribe({
      next: (why) => {
        if (why && !this.elsewhere) playFeedback('error');
        this.elsewhere = why;
      },
    });
  }

  stop(): void {
    this.#watch?.unsubscribe();
    this.#watch = null;
    this.#actor.stop();
  }

  /** Why this bench may not pack its open order any more ('' while it may). */
  async #judgeElsewhere(): Promise<string> {
    const order = await this.#db.orders.get(this.order.id);
    if (!order) return '';
    // A parcel closed here stands, unless the server refused it (the order was packed at another
    // bench first, while this one was offline): the desk then no longer holds it.
    const own = this.packedParcel?.parcel.id;
    if (this.packed && (!own || (await this.#db.parcels.get(own)))) return '';
    const here = this.packed
      ? 'The parcel closed here is not kept: do not use its label or slip. Go back'
      : 'Nothing is packed here; go back';
    const packed = (order.machine as { packed?: { parcelId?: string } }).packed;
    if (this.packed && packed?.parcelId === own) return '';
    if (this.packed && !packed)
      return `Order ${order.number}: the server refused the parcel closed here, so it is not kept: do not use its label or slip. Go back to the queue`;
    if (packed) {
      const events = await this.#db.orderEvents
        .where('[orderId+seq]')
        .between([order.id, 0], [order.id, Number.MAX_SAFE_INTEGER])
        .reverse()
        .toArray();
      const done = events.find((e) => e.event.type === 'pack.complete');
      const by = done?.staffName ? ` by ${done.staffName}` : '';
      const where = done && done.deskId !== this.#input.desk.id ? ' at another bench' : '';
      return `Order ${order.number} was packed${by}${where} while it was open here: it is packed once, there. ${here} to the queue for the next order`;
    }
    if (order.status !== 'packaging')
      return `Order ${order.number} is ${ORDER_STATUS_LABELS[order.status].toLowerCase()} now, changed on another desk while it was open here; nothing is packed here`;
    return claimClash(order, await packingClaim(this.#db, order), this.#input.desk) ?? '';
  }

  #sound() {
    const kind = this.#actor.getSnapshot().context.feedback.kind;
    if (kind === 'ok') playFeedback('ok');
    else if (kind === 'error') playFeedback('error');
    this.flash++;
  }

  /** A scan from the scanner (PackScreen listens to the window, wherever focus is). */
  scan(code: string): Promise<void> {
    this.#scanning = this.#scanning.then(() => this.#handleScan(code));
    return this.#scanning;
  }

  async #handleScan(code: string) {
    if (this.elsewhere) {
      playFeedback('error');
      this.flash++;
      return;
    }
    if (this.#actor.getSnapshot().matches('packed')) {
      // A closed parcel takes an order barcode (the next order) or an item of its own (refused);
      // anything else is the tracking number the ship form asks for.
      const kind = classifyScan(code, { prefer: 'tracking' }).kind;
      if (kind === 'order' || kind === 'product' || kind === 'measured') {
        this.#actor.send({ type: 'pack.scan', code });
        this.#sound();
        const next = this.#actor.getSnapshot().context.requestedOrderNumber;
        if (next) this.#input.onOpenOrder(next);
        return;
      }
      this.shipForm?.take(code);
      return;
    }
    // "Type a number, then scan": the typed quantity applies to this scan only.
    if (this.quantityText.trim()) {
      const parsed = parseQuantity(this.quantityText);
      this.quantityText = '';
      if (!parsed.ok) {
        this.quantityError = `${parsed.message}; type the quantity again, then scan`;
        playFeedback('error');
        return;
      }
      this.quantityError = '';
      this.#actor.send({ type: 'pack.setQuantity', n: parsed.value });
    }
    const before = this.#actor.getSnapshot().context;
    const catalogue = judgeScan(before, code).ok ? undefined : await this.#lookUp(code);
    this.#actor.send({ type: 'pack.scan', code, ...(catalogue !== undefined ? { catalogue } : {}) });
    this.#sound();
    const after = this.#actor.getSnapshot().context;
    if (after.lines !== before.lines) await this.#storeCounts(after.lines);
  }

  /** What the catalogue has under a code in no line of the order (undefined: not a product code). */
  async #lookUp(code: string): Promise<CatalogueHit | undefined> {
    const scanned = classifyScan(code);
    const asProduct = scanned.kind === 'product' || scanned.kind === 'sku' || /^\d{14}$/.test(code.trim());
    if (!asProduct && scanned.kind !== 'measured') return undefined;
    const found = await findVariantByScan(this.#db, code);
    return found ? { sku: found.variant.sku } : null;
  }

  /** One small write per counted scan, so a restart resumes at the same count. */
  async #storeCounts(counted: readonly { variantId: string; verified: number }[]) {
    try {
      await savePackProgress(
        this.#db,
        this.order.id,
        this.#input.desk.id,
        Object.fromEntries(counted.map((line) => [line.variantId, line.verified])),
      );
    } catch (error) {
      this.error = `The count could not be stored: ${message(error)}`;
    }
  }

  /** Stores the parcel the station just closed; an override carries the manager who approved it. */
  async #keepParcel(approver: Approver | null, printLabel: boolean) {
    const { outcome, lines } = this.#actor.getSnapshot().context;
    if (!outcome || this.packedParcel) return;
    const contents = lines
      .map((line) => ({
        variantId: line.variantId,
        quantity: outcome.kind === 'split' ? line.verified : line.quantity,
      }))
      .filter((line) => line.quantity > 0);
    try {
      const [kept, auto] = await Promise.all([
        closeParcel(this.#db, packerOf(this.#input.desk), {
          order: this.order,
          outcome,
          approver,
          contents,
          packer: this.#input.packer?.() ?? null,
        }),
        autoPrintLabel(this.#db),
      ]);
      this.printAtOnce = printLabel || auto;
      this.packedParcel = kept;
    } catch (error) {
      // Refused (packed on another bench that synced first): nothing was written; say so plainly.
      this.elsewhere = `${message(error)}. Nothing was packed here`;
      playFeedback('error');
    }
  }

  async complete(): Promise<void> {
    if (this.elsewhere) return;
    this.#actor.send({ type: 'pack.complete' });
    this.#sound();
    if (this.#actor.getSnapshot().matches('packed')) await this.#keepParcel(null, false);
  }

  async split(): Promise<void> {
    if (this.elsewhere) return;
    this.#actor.send({ type: 'pack.split', reason: this.splitReason });
    this.#sound();
    if (this.#actor.getSnapshot().matches('packed')) await this.#keepParcel(null, false);
  }

  /**
   * A label for a parcel whose items are not all scanned: refused, unless a manager approves it with
   * their PIN on this desk; the approval closes the parcel as an override and prints its label.
   */
  async labelWithoutVerifying(): Promise<void> {
    const missing = missingList(this.context.lines);
    const number = this.order.number;
    this.overrideNote = `Not every item is verified (${missing}): no label without a manager’s approval. Waiting for a manager’s PIN…`;
    playFeedback('error');
    this.askingManager = true;
    const approver =
      (await this.#input.askManager?.(`Print the label of ${number} with items not scanned: ${missing}`)) ??
      null;
    this.askingManager = false;
    if (!approver) {
      this.overrideNote = `No manager approved: no label for ${number}. Scan the missing items (${missing}) or split the shipment`;
      return;
    }
    this.overrideNote = '';
    this.#actor.send({
      type: 'pack.override',
      approvedBy: approver.staffName,
      reason: `Label printed before every item was scanned: ${missing}`,
    });
    this.#sound();
    if (this.#actor.getSnapshot().matches('packed')) await this.#keepParcel(approver, true);
  }

  /** Puts the order back in the queue (its counts forgotten, a parcel packed here unpacked). */
  async putBack(): Promise<void> {
    this.busy = true;
    try {
      await abandonPacking(this.#db, this.#input.desk, this.order);
      this.#input.onClose(`Order ${this.order.number} is back in the queue`);
    } catch (error) {
      this.error = message(error);
    } finally {
      this.busy = false;
    }
  }

  /** Leaves an order another bench has: this bench's counts for it are forgotten, its order untouched. */
  async leave(): Promise<void> {
    await this.#db.packProgress.delete(this.order.id);
    const here = this.packedParcel ? 'the parcel closed here was not kept' : 'nothing was packed here';
    this.#input.onClose(`Order ${this.order.number} is packed at another bench; ${here}`);
  }
}
