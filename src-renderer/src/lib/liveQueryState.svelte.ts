// Dexie liveQuery as rune state: a screen reads .value/.error/.loading and redraws whenever the
// tables the query read change (in this window or another).
import { liveQuery, type Subscription } from 'dexie';

export class LiveQueryState<T> {
  value = $state<T | undefined>(undefined);
  error = $state<string | null>(null);
  loading = $state(true);
  #subscription: Subscription | null = null;

  /** Starts (or restarts, when its inputs changed) the query. */
  run(query: () => Promise<T>): void {
    this.stop();
    this.loading = true;
    this.error = null;
    this.#subscription = liveQuery(query).subscribe({
      next: (value) => {
        this.value = value;
        this.loading = false;
        this.error = null;
      },
      error: (error: unknown) => {
        this.error = error instanceof Error ? error.message : String(error);
        this.loading = false;
      },
    });
  }

  stop(): void {
    this.#subscription?.unsubscribe();
    this.#subscription = null;
  }
}
