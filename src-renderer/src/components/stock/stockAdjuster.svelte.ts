// A stock adjustment at the stock desk, without the DOM: the item found by its scan, barcode or SKU,
// its on-hand followed live, then the change (e.g. -2 or 5) and the reason, both required, written
// with who made it. StockAdjust.svelte draws it and moves the focus to the change once an item is found.
import type { Who } from '$shared/orderRow';
import { parseUnits } from '$shared/stockCounting';
import type { OrderlineDb } from '$db/database';
import { adjustStock } from '$db/stockAdjust';
import { findItem, type FoundItem } from '$db/stockItems';
import { LiveQueryState } from '$lib/liveQueryState.svelte';
import { StockFeedback, messageOf } from '$lib/stockFeedback.svelte';

export class StockAdjuster {
  readonly #db: OrderlineDb;
  readonly #who: () => Who;
  readonly feedback: StockFeedback;
  /** On hand of the item found, live. */
  readonly level = new LiveQueryState<number>();

  codeText = $state('');
  item = $state<FoundItem | null>(null);
  changeText = $state('');
  reason = $state('');
  busy = $state(false);

  constructor(db: OrderlineDb, who: () => Who, sound?: (kind: 'ok' | 'error') => void) {
    this.#db = db;
    this.#who = who;
    this.feedback = new StockFeedback('Scan the item, or type its barcode or SKU', sound);
  }

  /** Follows the found item's on-hand (the component's effect calls it). */
  follow(): void {
    const id = this.item?.variantId;
    if (id) this.level.run(async () => (await this.#db.stockLevels.get(id))?.onHand ?? 0);
  }

  /** Finds the item scanned or typed; true when found (the change is typed next). */
  async scan(code: string): Promise<boolean> {
    const found = await findItem(this.#db, code);
    if (!found.ok) {
      this.feedback.error(found.message);
      return false;
    }
    this.item = found.item;
    this.codeText = '';
    this.feedback.ok(`${found.item.sku} ${found.item.name}: type the change, then the reason`);
    return true;
  }

  /** Adds or takes off the units typed, for the reason typed; both are kept when refused. */
  async submit(): Promise<void> {
    if (this.busy) return;
    const item = this.item;
    if (!item) {
      this.feedback.error('Find the item first: scan it, or type its barcode or SKU');
      return;
    }
    const parsed = parseUnits(this.changeText, { allowNegative: true });
    if (!parsed.ok) {
      this.feedback.error(`${parsed.message}; type e.g. -2 to take two off or 5 to add five`);
      return;
    }
    const reason = this.reason;
    if (!reason.trim()) {
      this.feedback.error('Say why the stock changes (e.g. damaged in the stockroom)');
      return;
    }
    this.busy = true;
    try {
      await adjustStock(this.#db, this.#who(), {
        variantId: item.variantId,
        sku: item.sku,
        quantity: parsed.value,
        reason,
      });
      this.feedback.ok(
        `${item.sku} adjusted by ${parsed.value > 0 ? '+' : ''}${parsed.value}: ${reason.trim()}`,
      );
      this.changeText = '';
      this.reason = '';
    } catch (error) {
      this.feedback.error(messageOf(error));
    } finally {
      this.busy = false;
    }
  }
}
