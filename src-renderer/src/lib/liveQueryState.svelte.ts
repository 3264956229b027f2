// Dexie liveQuery as rune state: a screen reads .value/.error/.loading and redraws whenever the
// tables the query read change (in this window or another).
//
// The subscription lives as long as something reads it: run() starts the query at once (so a
// value is on its way before the first draw), and when the last effect or template that read it
// is torn down (the screen closed), Svelte's createSubscriber ends it. A later reader starts the
// same query again. stop() ends it for good (until the next run()): for a query a screen no longer
// wants, and for code outside components (tests, one-off loads).
import { liveQuery, type Subscription } from 'dexie';
import { createSubscriber } from 'svelte/reactivity';

export class LiveQueryState<T> {
  #value = $state<T | undefined>(undefined);
  #error = $state<string | null>(null);
  #loading = $state(true);
  #query: (() => Promise<T>) | null = null;
  #subscription: Subscription | null = null;
  #readers = createSubscriber(() => {
    if (!this.#subscription) this.#start();
    return () => this.#end();
  });

  get value(): T | undefined {
    this.#readers();
    return this.#value;
  }
  get error(): string | null {
    this.#readers();
    return this.#error;
  }
  get loading(): boolean {
    this.#readers();
    return this.#loading;
  }

  /** Starts (or restarts, when its inputs changed) the query. */
  run(query: () => Promise<T>): void {
    this.#query = query;
    this.#loading = true;
    this.#error = null;
    this.#start();
  }

  /** Ends the query for good: a later reader does not start it again (run() does). */
  stop(): void {
    this.#query = null;
    this.#end();
  }

  #end(): void {
    this.#subscription?.unsubscribe();
    this.#subscription = null;
  }

  #start(): void {
    this.#end();
    if (!this.#query) return;
    this.#subscription = liveQuery(this.#query).subscribe({
      next: (value) => {
        this.#value = value;
        this.#loading = false;
        this.#error = null;
      },
      error: (error: unknown) => {
        this.#error = error instanceof Error ? error.message : String(error);
        this.#loading = false;
      },
    });
  }
}
