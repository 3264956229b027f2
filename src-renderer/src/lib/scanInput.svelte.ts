// Listens to every key in the window (capture phase, before any field sees it) and hands scanner
// bursts to the screen wherever focus is; keys a person typed are given back to where they belong.
import { ScanDetector, type DetectorOutput, type ScanSettings } from '../../../src-shared/scanDetector';

export type KeyPress = {
  key: string;
  /** event.timeStamp: milliseconds on the performance clock. */
  time: number;
  /** Ctrl, Alt or Meta held: a shortcut, never part of a scan. */
  modified: boolean;
};

export type KeyDecision = {
  /** Hold this key back (preventDefault, stopPropagation): it may be part of a scan. */
  hold: boolean;
  /** Keys held earlier that turned out to be typing: give them back, in order, before this one. */
  replay: string[];
  /** A whole scan, ready for the screen. */
  scan: string | null;
};

// A key name no keyboard sends: makes the detector give back what it holds before a shortcut.
const RELEASE = 'Orderline.Release';

/** What to do with one key press, given the detector's answer. Pure: the DOM side only obeys. */
export function decideKey(detector: ScanDetector, press: KeyPress): KeyDecision {
  if (press.modified) {
    const out = detector.feed({ key: RELEASE, time: press.time });
    return { hold: false, replay: out.kind === 'typing' ? out.keys.slice(0, -1) : [], scan: null };
  }
  const out: DetectorOutput = detector.feed({ key: press.key, time: press.time });
  if (out.kind === 'held') return { hold: true, replay: [], scan: null };
  // The suffix (Enter) ends the scan: it is held too, so it never submits a form or presses a button.
  if (out.kind === 'scan') return { hold: true, replay: [], scan: out.code };
  if (press.key.length === 1 && !detector.settings.suffixKeys.includes(press.key)) {
    // A slow printable key: what was held is typing, and this key is held as a new burst's start.
    return { hold: true, replay: out.keys, scan: null };
  }
  // Enter, Tab, arrows…: the held keys go first, then this key's own default action.
  const replay = out.keys.at(-1) === press.key ? out.keys.slice(0, -1) : out.keys;
  return { hold: false, replay, scan: null };
}

function isTextEntry(element: Element | null): element is HTMLInputElement | HTMLTextAreaElement {
  if (element instanceof HTMLTextAreaElement) return true;
  return (
    element instanceof HTMLInputElement &&
    ['text', 'search', 'tel', 'email', 'url', 'number', 'password', ''].includes(element.type)
  );
}

/**
 * Wires a ScanDetector to window keydown. `onScan` gets each scan; typed keys reach the focused
 * text field (inserted as if typed) or, elsewhere, are re-sent as key events so shortcuts work.
 */
export class ScanInput {
  /** The last code scanned, for screens that show it. */
  lastScan = $state<string | null>(null);
  readonly #detector: ScanDetector;
  #timer: ReturnType<typeof setTimeout> | undefined;
  // Key events this class sent itself: they pass straight through.
  readonly #replayed = new WeakSet<Event>();

  constructor(
    private readonly onScan: (code: string) => void,
    settings: Partial<ScanSettings> = {},
  ) {
    this.#detector = new ScanDetector(settings);
  }

  /** Starts listening; returns the function that stops. */
  listen(target: Window = window): () => void {
    const onKeydown = (event: KeyboardEvent) => this.#onKeydown(event);
    target.addEventListener('keydown', onKeydown, { capture: true });
    return () => {
      clearTimeout(this.#timer);
      target.removeEventListener('keydown', onKeydown, { capture: true });
    };
  }

  #onKeydown(event: KeyboardEvent) {
    if (this.#replayed.has(event) || event.isComposing) return;
    const decision = decideKey(this.#detector, {
      key: event.key,
      time: event.timeStamp,
      modified: event.ctrlKey || event.altKey || event.metaKey,
    });
    this.#replay(decision.replay);
    if (decision.hold) {
      event.preventDefault();
      event.stopPropagation();
    }
    if (decision.scan !== null) {
      this.lastScan = decision.scan;
      this.onScan(decision.scan);
    }
    this.#scheduleFlush();
  }

  #scheduleFlush() {
    clearTimeout(this.#timer);
    const due = this.#detector.flushDue();
    if (due === null) return;
    this.#timer = setTimeout(
      () => {
        const out = this.#detector.flush(performance.now());
        if (out.kind === 'typing') this.#replay(out.keys);
        else if (out.kind === 'scan') {
          this.lastScan = out.code;
          this.onScan(out.code);
        } else this.#scheduleFlush();
      },
      Math.max(0, due - performance.now()),
    );
  }

  #replay(keys: readonly string[]) {
    if (!keys.length) return;
    const focused = document.activeElement;
    if (isTextEntry(focused)) {
      const text = keys.join('');
      const start = focused.selectionStart ?? focused.value.length;
      const end = focused.selectionEnd ?? start;
      try {
        focused.setRangeText(text, start, end, 'end');
      } catch {
        // type=number and type=email have no selection API: append instead.
        focused.value += text;
      }
      focused.dispatchEvent(new InputEvent('input', { bubbles: true, data: text, inputType: 'insertText' }));
      return;
    }
    const target = focused instanceof HTMLElement ? focused : document.body;
    for (const key of keys) {
      const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true });
      this.#replayed.add(event);
      target.dispatchEvent(event);
    }
  }
}
