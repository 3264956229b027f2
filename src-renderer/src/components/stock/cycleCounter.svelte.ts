// A cycle count at the stock desk, without the DOM: a bin started by its label (scanned or typed),
// each item in it scanned (a typed "× 12" applies to the next scan only) or its count typed, an item
// of another bin refused, and the count compared with what the ledger expects, then confirmed (each
// difference becomes an adjustment) or cancelled (nothing changes). CycleCount.svelte draws it,
// translates the keys and moves the focus when told a step is done.
import type { Who } from '$shared/orderRow';
import {
  addToLines,
  countDifferences,
  describeDifference,
  normaliseBin,
  parseUnits,
  quantityOf,
  setLineQuantity,
  type CountDifference,
  type CountedLine,
} from '$shared/stockCounting';
import { binContents, confirmCycleCount } from '$db/cycleCount';
import type { OrderlineDb } from '$db/database';
import { findScanned, type FoundItem } from '$db/stockItems';
import { StockFeedback, messageOf } from '$lib/stockFeedback.svelte';
import type { StockStep } from '../../screens/stockTabs.svelte';

/** One item the bin should hold: what the ledger expects, what is counted, and the difference. */
export type CountRow = { item: FoundItem; counted: number; difference: number };

export class CycleCounter {
  readonly #db: OrderlineDb;
  readonly #who: () => Who;
  readonly #step: (step: StockStep) => void;
  readonly feedback: StockFeedback;

  /** The bin being counted, or null before a count starts. */
  bin = $state<string | null>(null);
  binText = $state('');
  expected = $state<FoundItem[]>([]);
  counted = $state<CountedLine[]>([]);
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
    this.feedback = new StockFeedback('Scan the bin label, or type the bin and press Enter', sound);
  }

  get rows(): CountRow[] {
    return this.expected.map((item) => {
      const found = quantityOf(this.counted, item.variantId);
      return { item, counted: found, difference: found - item.onHand };
    });
  }

  get differences(): CountDifference[] {
    return countDifferences(this.expected, this.counted);
  }

  get unitsCounted(): number {
    return this.counted.reduce((sum, l) => sum + l.quantity, 0);
  }

  /** Starts counting the bin typed or scanned; refused while another bin's count has items in it. */
  async start(typed: string): Promise<void> {
    const next = normaliseBin(typed);
    if (!next) {
      this.feedback.error(`“${typed.trim()}” is not a bin; bins look like A-03-2 (aisle, bay, shelf)`);
      return;
    }
    if (this.bin === next) {
      this.feedback.hint(`Still counting bin ${next}: scan its items, or cancel the count to start again`);
      return;
    }
    if (this.bin && this.counted.length) {
      this.feedback.error(
        `Bin ${this.bin} is being counted: confirm or cancel that count before starting ${next}`,
      );
      return;
    }
    const items = await binContents(this.#db, next);
    if (items.length === 0) {
      this.feedback.error(`No item in the catalog lives in bin ${next}; check the label`);
      return;
    }
    this.bin = next;
    this.binText = '';
    this.expected = items;
    this.counted = [];
    this.feedback.ok(`Counting bin ${next}: scan every item in it`);
    this.#step('count-started');
  }

  /** A bin label starts (or keeps) its count; an item's barcode counts one of it (or the typed quantity). */
  async scan(code: string): Promise<void> {
    if (normaliseBin(code)) {
      await this.start(code);
      return;
    }
    const bin = this.bin;
    if (!bin) {
      this.feedback.error('Scan the bin label first, then the items in it');
      return;
    }
    const typed = this.quantityText;
    this.quantityText = '';
    const found = await findScanned(this.#db, code, typed);
    if (!found.ok) {
      this.feedback.error(found.message);
      return;
    }
    if (found.item.bin !== bin) {
      this.feedback.error(
        `${found.item.sku} belongs in bin ${found.item.bin}, not ${bin}: it is not counted here; put it back in ${found.item.bin}`,
      );
      return;
    }
    this.counted = addToLines(this.counted, found.item, found.quantity);
    this.feedback.ok(`${found.item.sku} counted: ${quantityOf(this.counted, found.item.variantId)}`);
  }

  /** A count typed for an item: null when taken, else what the field goes back to (what is counted). */
  typedCount(item: FoundItem, typed: string): string | null {
    const parsed = parseUnits(typed, { allowZero: true });
    if (!parsed.ok) {
      this.feedback.error(parsed.message);
      return String(quantityOf(this.counted, item.variantId));
    }
    this.counted = this.counted.some((l) => l.variantId === item.variantId)
      ? setLineQuantity(this.counted, item.variantId, parsed.value)
      : addToLines(this.counted, item, parsed.value);
    return null;
  }

  cancel(): void {
    this.#close();
    this.feedback.hint('Count cancelled; nothing changed. Scan the next bin label');
    this.#step('count-closed');
  }

  /** Confirms the count: each difference becomes an adjustment, in one go. */
  async confirm(): Promise<void> {
    if (!this.bin || this.busy) return;
    this.busy = true;
    try {
      const result = await confirmCycleCount(this.#db, this.#who(), this.bin, this.counted);
      const said = result.differences.length
        ? result.differences
            .map(
              (d) =>
                `${d.sku} ${describeDifference(d.difference)}, adjusted by ${d.difference > 0 ? '+' : ''}${d.difference}`,
            )
            .join('; ')
        : 'everything as expected';
      this.feedback.ok(`Bin ${result.bin} counted: ${said}`);
      this.#close();
      this.#step('count-closed');
    } catch (error) {
      this.feedback.error(messageOf(error));
    } finally {
      this.busy = false;
    }
  }

  #close(): void {
    this.bin = null;
    this.expected = [];
    this.counted = [];
  }
}
