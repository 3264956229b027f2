// Returns at the stock desk, without the DOM: the order found by its barcode or its number typed at
// this desk, each item scanned or counted back (never more than shipped and not back already), each
// put back on the shelf or written off, the return received, and then its refund offered.
// ReturnDesk.svelte draws it.
import type { Who } from '$shared/orderRow';
import { ORDER_STATUS_LABELS } from '$shared/orderStatus';
import type { Order } from '$shared/records';
import { refundForReturn, type PickedReturn, type ReturnableLine } from '$shared/returns';
import { classifyScan } from '$shared/scanDetector';
import { parseUnits } from '$shared/stockCounting';
import type { OrderlineDb } from '$db/database';
import { receiveReturn, returnableOf } from '$db/returnWrites';
import { findItem } from '$db/stockItems';
import { LiveQueryState } from '$lib/liveQueryState.svelte';
import { refundable } from '$lib/orderActions';
import { findOrderByNumber } from '$lib/packQueue';
import { StockFeedback, messageOf } from '$lib/stockFeedback.svelte';

type Pick = { quantity: number; disposition: PickedReturn['disposition'] };
export type ProposedRefund = { amount: number; reason: string };

/** "D1-000042" as scanned, or "42" typed at this desk; null when it is neither. */
export function orderNumberFrom(typed: string, deskCode: string): string | null {
  const text = typed.trim().toUpperCase();
  if (/^\d{1,6}$/.test(text)) return `${deskCode}-${text.padStart(6, '0')}`;
  const scanned = classifyScan(text);
  return scanned.kind === 'order' ? scanned.number : null;
}

const tooMany = (line: ReturnableLine) =>
  `${line.sku}: only ${line.returnable} can come back (${line.shipped} shipped, ${line.returned} back already)`;

export class ReturnCounter {
  readonly #db: OrderlineDb;
  readonly #who: () => Who;
  readonly #deskCode: () => string;
  readonly feedback: StockFeedback;
  readonly opened = new LiveQueryState<{ order: Order; lines: ReturnableLine[] } | null>();

  numberText = $state('');
  orderId = $state<string | null>(null);
  picks = $state<Record<string, Pick>>({});
  reason = $state('');
  busy = $state(false);
  /** The return just received: what its items cost, offered as a refund. */
  received = $state<ProposedRefund | null>(null);
  /** The refund form opened with the return's amount. */
  proposeRefund = $state<ProposedRefund | null>(null);

  constructor(
    db: OrderlineDb,
    who: () => Who,
    deskCode: () => string,
    sound?: (kind: 'ok' | 'error') => void,
  ) {
    this.#db = db;
    this.#who = who;
    this.#deskCode = deskCode;
    this.feedback = new StockFeedback(
      'Scan the order barcode on the receipt or packing slip, or type its number',
      sound,
    );
  }

  get order(): Order | null {
    return this.opened.value?.order ?? null;
  }
  get lines(): ReturnableLine[] {
    return this.opened.value?.lines ?? [];
  }
  get picked(): PickedReturn[] {
    return Object.entries(this.picks)
      .filter(([, p]) => p.quantity > 0)
      .map(([variantId, p]) => ({ variantId, ...p }));
  }
  get pickedUnits(): number {
    return this.picked.reduce((sum, p) => sum + p.quantity, 0);
  }
  get returnableUnits(): number {
    return this.lines.reduce((sum, l) => sum + l.returnable, 0);
  }
  /** What the items coming back were paid, as far as what is left to refund allows. */
  get refundGuess(): number {
    const order = this.order;
    return order ? refundForReturn(this.lines, this.picked, refundable(order)) : 0;
  }

  /** Reads the open order and what can come back on it, live (the screen's effect calls it). */
  follow(): void {
    const id = this.orderId;
    if (!id) return;
    this.opened.run(async () => {
      const order = await this.#db.orders.get(id);
      return order ? { order, lines: await returnableOf(this.#db, order) } : null;
    });
  }

  async openOrder(typed: string): Promise<void> {
    const number = orderNumberFrom(typed, this.#deskCode());
    if (!number) {
      this.feedback.error(`“${typed.trim()}” is not an order number; order barcodes look like D1-000042`);
      return;
    }
    const found = await findOrderByNumber(this.#db, number);
    if (!found) {
      this.feedback.error(`No order ${number} on this desk; check the number or sync first`);
      return;
    }
    this.orderId = found.id;
    this.numberText = '';
    this.picks = {};
    this.reason = '';
    this.received = null;
    this.proposeRefund = null;
    const lines = await returnableOf(this.#db, found);
    const left = lines.reduce((sum, l) => sum + l.returnable, 0);
    if (left === 0) {
      this.feedback.error(
        `Order ${found.number} is ${ORDER_STATUS_LABELS[found.status].toLowerCase()}: nothing shipped on it is left to come back`,
      );
      return;
    }
    this.feedback.ok(`Order ${found.number}: scan each item that came back, or set how many below`);
  }

  /** An order barcode opens the order; an item's adds one of it coming back. */
  async scan(code: string): Promise<void> {
    if (classifyScan(code).kind === 'order') {
      await this.openOrder(code);
      return;
    }
    const order = this.order;
    if (!order) {
      this.feedback.error('Scan the order barcode first, then the items that came back');
      return;
    }
    const found = await findItem(this.#db, code);
    if (!found.ok) {
      this.feedback.error(found.message);
      return;
    }
    const line = this.lines.find((l) => l.variantId === found.item.variantId);
    if (!line) {
      this.feedback.error(`${found.item.sku} is not on order ${order.number}; it cannot come back on it`);
      return;
    }
    const now = this.picks[line.variantId]?.quantity ?? 0;
    if (now + 1 > line.returnable) {
      this.feedback.error(tooMany(line));
      return;
    }
    this.setQuantity(line, now + 1);
    this.feedback.ok(`${line.sku} coming back: ${now + 1}`);
  }

  setQuantity(line: ReturnableLine, quantity: number): void {
    this.picks = {
      ...this.picks,
      [line.variantId]: { quantity, disposition: this.picks[line.variantId]?.disposition ?? 'restock' },
    };
  }

  /** A typed quantity: null when taken, else what the field goes back to (the quantity chosen). */
  typedQuantity(line: ReturnableLine, typed: string): string | null {
    const parsed = parseUnits(typed, { allowZero: true });
    const problem = !parsed.ok ? parsed.message : parsed.value > line.returnable ? tooMany(line) : null;
    if (problem || !parsed.ok) {
      this.feedback.error(problem ?? 'Type a whole number of items');
      return String(this.picks[line.variantId]?.quantity ?? 0);
    }
    this.setQuantity(line, parsed.value);
    this.feedback.hint(`${line.sku} coming back: ${parsed.value}`);
    return null;
  }

  setDisposition(line: ReturnableLine, disposition: PickedReturn['disposition']): void {
    this.picks = {
      ...this.picks,
      [line.variantId]: { quantity: this.picks[line.variantId]?.quantity ?? 0, disposition },
    };
  }

  /** Receives what was picked; its refund is then offered. */
  async receive(): Promise<void> {
    const order = this.order;
    if (!order || this.busy) return;
    this.busy = true;
    try {
      const result = await receiveReturn(this.#db, this.#who(), order.id, this.picked, this.reason);
      const units = (disposition: PickedReturn['disposition']) =>
        result.record.lines.filter((l) => l.disposition === disposition).reduce((s, l) => s + l.quantity, 0);
      const written = units('write_off');
      this.feedback.ok(
        `Return of ${result.order.number} received: ${units('restock')} restocked${written ? `, ${written} written off` : ''}`,
      );
      this.received = { amount: result.proposedRefund, reason: `Return: ${result.record.reason}` };
      this.picks = {};
      this.reason = '';
    } catch (error) {
      this.feedback.error(messageOf(error));
    } finally {
      this.busy = false;
    }
  }

  /** Opens the order's refund form with what the returned items cost. */
  offerRefund(): void {
    if (this.received) this.proposeRefund = { ...this.received };
  }
}
