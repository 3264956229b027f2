// The catalog's batch of barcode labels: variants of several products gathered one product at a
// time (how many labels of each), then printed together on one run of A4 sheets.
import type { LabelRequest } from '$shared/barcodeLabelSheet';

export class LabelBasket {
  items = $state<LabelRequest[]>([]);

  /** Labels in the batch. */
  get total(): number {
    return this.items.reduce((sum, item) => sum + item.quantity, 0);
  }

  /** Puts these counts in the batch: a variant already in it takes the new count, 0 takes it out. */
  put(requests: readonly LabelRequest[]): void {
    const next = [...this.items];
    for (const request of requests) {
      const at = next.findIndex((item) => item.variantId === request.variantId);
      if (request.quantity <= 0) {
        if (at >= 0) next.splice(at, 1);
      } else if (at >= 0) next[at] = { ...request };
      else next.push({ ...request });
    }
    this.items = next;
  }

  remove(variantId: string): void {
    this.items = this.items.filter((item) => item.variantId !== variantId);
  }

  clear(): void {
    this.items = [];
  }
}

/** The window's one batch. */
export const labelBasket = new LabelBasket();
