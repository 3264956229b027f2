// The order's feedback pane: what the customer said (by e-mail or phone, live from the desk's copy)
// and the form a seller fills in for feedback taken by phone. Bad answers are named and kept.
import { parseFeedbackAnswer, type Feedback, type FeedbackAnswer } from '$shared/feedback';
import type { Order } from '$shared/records';
import { LiveQueryState } from '$lib/liveQueryState.svelte';

export type FeedbackOrder = Pick<Order, 'id' | 'number' | 'customerId' | 'customerName'>;

export interface OrderFeedbackDeps {
  list: (orderId: string) => Promise<Feedback[]>;
  record: (order: FeedbackOrder, answer: FeedbackAnswer) => Promise<Feedback>;
}

export class OrderFeedback {
  readonly answers = new LiveQueryState<Feedback[]>();
  satisfaction = $state('');
  recommend = $state('');
  comment = $state('');
  open = $state(false);
  busy = $state(false);
  problems = $state<string[]>([]);
  done = $state('');

  constructor(private readonly deps: OrderFeedbackDeps) {}

  watch(orderId: string): void {
    this.answers.run(() => this.deps.list(orderId));
  }

  start(): void {
    this.open = true;
    this.done = '';
    this.problems = [];
  }

  cancel(): void {
    this.open = false;
    this.problems = [];
  }

  async submit(order: FeedbackOrder): Promise<boolean> {
    this.done = '';
    const parsed = parseFeedbackAnswer({
      satisfaction: this.satisfaction,
      recommend: this.recommend,
      comment: this.comment,
    });
    if (!parsed.ok) {
      this.problems = parsed.problems;
      return false;
    }
    this.busy = true;
    try {
      await this.deps.record(order, parsed.answer);
      this.problems = [];
      this.satisfaction = '';
      this.recommend = '';
      this.comment = '';
      this.open = false;
      this.done = `Feedback on order ${order.number} recorded`;
      return true;
    } catch (failure) {
      this.problems = [failure instanceof Error ? failure.message : String(failure)];
      return false;
    } finally {
      this.busy = false;
    }
  }

  stop(): void {
    this.answers.stop();
  }
}

export const SOURCE_LABELS: Record<Feedback['source'], string> = {
  email: 'by e-mail',
  phone: 'by phone',
};
