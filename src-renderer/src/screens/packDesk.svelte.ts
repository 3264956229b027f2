// The Pack screen's state and steps, without the DOM: the queue of ready orders as the packer
// arranges it (sort and filters), the counts per stage, opening the route's order (which claims it:
// processing → packaging, refused when another bench holds it), what a scan does with no order open
// (an order barcode opens it; anything else is refused with a sentence), and the batch pick list.
// PackScreen.svelte draws it, hands scans to the open station and moves the focus.
import type { PackOrderLine } from '$machines/packStationMachine';
import { ORDER_STATUS_LABELS, type OrderChannel } from '$shared/orderStatus';
import { queueCarriers, type QueuedOrder, type QueueSort } from '$shared/packingQueue';
import type { Order, Variant } from '$shared/records';
import { classifyScan } from '$shared/scanDetector';
import { addBusinessDays } from '$shared/shippingRules';
import { addCalendarDays, storeDay } from '$shared/storeDay';
import type { OrderlineDb } from '$db/database';
import { loadPackProgress } from '$db/packProgress';
import { loadStoreProfile, loadStoreRules } from '$db/storeSettings';
import { LiveQueryState } from '$lib/liveQueryState.svelte';
import { packedParcelOf } from '$lib/packBench';
import {
  arrangedReadyQueue,
  claimClash,
  countStages,
  findOrderByNumber,
  packLines,
  packingClaim,
  startPacking,
  variantsOf,
  type StageCounts,
} from '$lib/packQueue';
import type { Router } from '$lib/router.svelte';
import { DEFAULT_DESK, currentDesk, type Desk } from '$lib/sale';

/** How many orders the batch pick list takes from the top of the queue. */
export const BATCH = 10;

export type PackNotice = { kind: 'ok' | 'error'; text: string };
export type DueFilter = '' | 'overdue' | 'today' | 'tomorrow';
export type OpenedOrder = {
  order: Order;
  lines: PackOrderLine[];
  variants: Variant[];
  packed: Awaited<ReturnType<typeof packedParcelOf>>;
};

/** What the screen does for the controller: hand a scan to the open station, focus the queue. */
export type PackView = {
  /** The open station takes the scan; false when no station is on screen. */
  scanAtStation(code: string): boolean;
  focusQueue(): void;
};

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** The ship-by date a "Ship by" choice keeps (orders due that day or earlier), from the store's today. */
export function dueBy(due: DueFilter, today: string): string | undefined {
  return { '': undefined, overdue: addCalendarDays(today, -1), today, tomorrow: addBusinessDays(today, 1) }[
    due
  ];
}

export class PackController {
  readonly #db: OrderlineDb;
  readonly #router: Router;
  readonly #feedback: (kind: 'ok' | 'error') => void;
  #view: PackView = { scanAtStation: () => false, focusQueue: () => undefined };

  desk = $state<Desk>(DEFAULT_DESK);
  notice = $state<PackNotice | null>(null);
  opened = $state<OpenedOrder | null>(null);
  opening = $state(false);
  batch = $state<{ orders: Order[]; variants: Variant[] } | null>(null);

  // The queue as the packer arranges it: most urgent first by default, filtered by ship-by date,
  // carrier and channel. The store's carriers and time zone come from its settings.
  carriers = $state<string[]>([]);
  timeZone = $state('UTC');
  sort = $state<QueueSort>('urgent');
  due = $state<DueFilter>('');
  carrier = $state('');
  channel = $state<'' | OrderChannel>('');

  readonly counts = new LiveQueryState<StageCounts & { changed: string }>();
  readonly queue = new LiveQueryState<QueuedOrder[]>();

  readonly filtered = $derived(!!(this.due || this.carrier || this.channel));
  get ready(): number {
    return this.counts.value?.ready ?? 0;
  }
  get shown(): number {
    return this.queue.value?.length ?? 0;
  }
  /** Changes whenever a queue row may read differently, so the list redraws its rows. */
  get version(): string {
    return `${this.counts.value?.changed}|${this.sort}|${this.due}|${this.carrier}|${this.channel}|${this.shown}`;
  }

  constructor(db: OrderlineDb, router: Router, feedback: (kind: 'ok' | 'error') => void) {
    this.#db = db;
    this.#router = router;
    this.#feedback = feedback;
    this.counts.run(async () => ({
      ...(await countStages(db)),
      changed: (await db.orders.orderBy('updatedAt').last())?.updatedAt ?? '',
    }));
  }

  /** Reads the desk, the store's carriers and time zone. */
  async start(view?: PackView): Promise<void> {
    if (view) this.#view = view;
    const [desk, rules, profile] = await Promise.all([
      currentDesk(this.#db),
      loadStoreRules(this.#db),
      loadStoreProfile(this.#db),
    ]);
    this.desk = desk;
    this.carriers = queueCarriers(rules.shipping, rules.carriers);
    this.timeZone = profile.timeZone;
  }

  /** Re-reads the queue for the sort and filters chosen (the screen's effect calls it on each change). */
  arrange(): void {
    const today = storeDay(Date.now(), this.timeZone);
    const filter = {
      dueBy: dueBy(this.due, today),
      carrier: this.carrier || undefined,
      channel: this.channel || undefined,
    };
    const sort = this.sort;
    this.queue.run(() => arrangedReadyQueue(this.#db, { filter, sort, today }));
  }

  /** The route names the order at the bench; opening it claims it. */
  follow(id: string | null): void {
    if (!id) {
      this.opened = null;
      return;
    }
    if (this.opened?.order.id === id) return;
    void this.open(id);
  }

  async open(id: string): Promise<void> {
    this.opening = true;
    try {
      let order = await this.#db.orders.get(id);
      if (!order)
        throw new Error('That order is not on this desk; scan its barcode again or choose it from the queue');
      if (order.status === 'processing') order = await startPacking(this.#db, this.desk, order);
      else if (order.status !== 'packaging') {
        throw new Error(
          `Order ${order.number} is ${ORDER_STATUS_LABELS[order.status].toLowerCase()}; there is nothing to pack`,
        );
      } else {
        // Two benches must never pack one order: a claim from another bench is shown, not taken over.
        const clash = claimClash(order, await packingClaim(this.#db, order), this.desk);
        if (clash) throw new Error(clash);
      }
      // Packed and not shipped: it opens packed, with its parcel; else at this bench's stored counts.
      const packed = await packedParcelOf(this.#db, order);
      const counts = packed ? {} : await loadPackProgress(this.#db, order.id, this.desk.id);
      const [lines, variants] = await Promise.all([
        packLines(this.#db, order, counts),
        variantsOf(this.#db, [order]),
      ]);
      this.opened = { order, lines, variants, packed };
      this.notice = null;
      this.batch = null;
    } catch (error) {
      this.#refuse(message(error));
      this.#router.go('pack');
    } finally {
      this.opening = false;
    }
  }

  /** An open order's station takes every scan; with none open, only an order barcode does anything. */
  async scan(code: string): Promise<void> {
    if (this.opened && this.#view.scanAtStation(code)) return;
    const scanned = classifyScan(code);
    if (scanned.kind !== 'order') {
      this.#refuse(
        `“${code}” is not an order barcode; scan the order barcode on the receipt or packing slip (like D1-000042)`,
      );
      return;
    }
    await this.openByNumber(scanned.number);
  }

  async openByNumber(number: string): Promise<void> {
    const order = await findOrderByNumber(this.#db, number);
    if (!order) {
      this.#refuse(`No order ${number} on this desk; check the number or sync first`);
      return;
    }
    this.#router.go('pack', order.id);
  }

  /** The station closed its order (packed, shipped or put back): back to the queue with its sentence. */
  closed(text: string): void {
    this.notice = { kind: 'ok', text };
    this.opened = null;
    this.#router.go('pack');
    this.#view.focusQueue();
  }

  /** The batch takes the next orders as the queue shows them (same filters, same order). */
  async showBatch(): Promise<void> {
    const orders = (this.queue.value ?? []).slice(0, BATCH).map((q) => q.order);
    this.batch = { orders, variants: await variantsOf(this.#db, orders) };
  }

  stop(): void {
    this.counts.stop();
    this.queue.stop();
  }

  #refuse(text: string): void {
    this.notice = { kind: 'error', text };
    this.#feedback('error');
  }
}
