// What every detail pane (product, order, customer) does: follow one record live by its id, put
// focus on the heading when it has loaded (so a keyboard user lands there), and close on Escape.
// Construct it during a component's initialisation: it sets up that component's effects.
import { LiveQueryState } from './liveQueryState.svelte';

export class RecordDetail<T> {
  readonly record = new LiveQueryState<T | undefined>();
  heading: HTMLElement | undefined = $state();
  /** Focus stays where it is while this says so (e.g. while an edit form is open). */
  holdFocus = $state(false);

  constructor(id: () => string, load: (id: string) => Promise<T | undefined>) {
    $effect(() => {
      const key = id();
      this.record.run(() => load(key));
    });
    $effect(() => {
      if (this.record.value && !this.holdFocus) this.heading?.focus();
    });
    $effect(() => () => this.record.stop());
  }
}

/** A keydown handler that calls `onClose` on Escape, unless `unless()` says not now. */
export function closeOnEscape(onClose: () => void, unless: () => boolean = () => false) {
  return (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || unless()) return;
    event.preventDefault();
    onClose();
  };
}
