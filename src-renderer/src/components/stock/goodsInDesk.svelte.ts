// Goods-in at the stock desk, without the DOM: the supplier and reference typed, each item of the
// delivery scanned (a typed "× 12" applies to the next scan only) or its units typed, and the delivery
// booked in, refused with a sentence when it has no supplier or no item. GoodsIn.svelte draws it,
// translates the keys and moves the focus when told a step is done.
import type { Who } from '$shared/orderRow';
import { addToLines, parseUnits, quantityOf, setLineQuantity, type CountedLine } from '$shared/stockCounting';
import type { OrderlineDb } from '$db/database';
import { bookDelivery, recentDeliveries } from '$db/goodsIn';
import { findScanned } from '$db/stockItems';
import { LiveQueryState } from '$lib/liveQueryState.svelte';
import { StockFeedback, messageOf } from '$lib/stockFeedback.svelte';
import type { StockStep } from '../../screens/stockTabs.svelte';

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

export class GoodsInDesk {
  readonly #db: OrderlineDb;
  readonly #who: () => Who;
  readonly #step: (step: StockStep) => void;
  readonly feedback: StockFeedback;
  /** The last five deliveries booked in on this desk, live. */
  readonly recent = new LiveQueryState<Awaited<ReturnType<typeof recentDeliveries>>>();

  supplier = $state('');
  reference = $state('');
  lines = $state<CountedLine[]>([]);
  /** The quantity typed for the next scan ("×" then a number). */
  quantityText = $state('');
  busy = $state(false);

  constructor(
    db: OrderlineDb,
    who: () => Who,
    step: (step: StockStep) => void = () => undefined,
    sound?: (kind: 'ok' | 'error') => void,
  ) {
    this.#db = db;
    this.#who = who;
    this.#step = step;
    this.feedback = new StockFeedback('Type the supplier, then scan each item of the delivery', sound);
    this.recent.run(() => recentDeliveries(db, 5));
  }

  /** Units in the delivery so far. */
  get units(): number {
    return this.lines.reduce((sum, line) => sum + line.quantity, 0);
  }

  /** One scanned item adds one (or the typed quantity, for this scan only). */
  async scan(code: string): Promise<void> {
    const typed = this.quantityText;
    this.quantityText = '';
    const found = await findScanned(this.#db, code, typed);
    if (!found.ok) {
      this.feedback.error(found.message);
      return;
    }
    this.lines = addToLines(this.lines, found.item, found.quantity);
    const total = quantityOf(this.lines, found.item.variantId);
    this.feedback.ok(`+${found.quantity} ${found.item.sku} ${found.item.name} (${total} in this delivery)`);
  }

  /** Units typed on a line: null when taken, else what the field goes back to (what is on the line). */
  typedQuantity(variantId: string, typed: string): string | null {
    const parsed = parseUnits(typed, { allowZero: true });
    if (!parsed.ok) {
      this.feedback.error(parsed.message);
      return String(quantityOf(this.lines, variantId));
    }
    this.lines = setLineQuantity(this.lines, variantId, parsed.value);
    return null;
  }

  remove(variantId: string): void {
    this.lines = setLineQuantity(this.lines, variantId, 0);
  }

  /** Books the delivery in and raises on-hand; the supplier stays for the next delivery. */
  async book(): Promise<void> {
    if (this.busy) return;
    if (!this.supplier.trim()) {
      this.feedback.error('Type the supplier the delivery came from before booking it in');
      this.#step('supplier-needed');
      return;
    }
    if (this.lines.length === 0) {
      this.feedback.error('Scan at least one item of the delivery before booking it in');
      return;
    }
    this.busy = true;
    try {
      const units = this.units;
      const delivery = await bookDelivery(this.#db, this.#who(), {
        supplier: this.supplier,
        reference: this.reference,
        lines: this.lines,
      });
      this.feedback.ok(
        `Booked in ${plural(units, 'unit')} from ${delivery.supplier}${delivery.reference ? ` (${delivery.reference})` : ''}; on-hand is raised`,
      );
      this.lines = [];
      this.reference = '';
      this.#step('delivery-booked');
    } catch (error) {
      this.feedback.error(messageOf(error));
    } finally {
      this.busy = false;
    }
  }
}
