// Listens to every key in the window (capture phase) and hands scanner bursts to the screen
// wherever focus is. No key is ever held back: keys reach the focused control as usual, and a
// burst that completes as a scan is taken back out of the control it landed in (keyboard-wedge
// handling as the best POS apps do it), its suffix key stopped so it submits nothing.
import { ScanDetector, type ScanSettings } from '$shared/scanDetector';
import { SCAN_SETTINGS_KEY, parseScanSettings } from '$shared/scanSettings';
import { getDb } from '$db/database';

/** What a text field held: its text and selection. */
export type TextState = { value: string; start: number; end: number };

/**
 * The field as it should be once the scanned characters (`landed`) are taken back out of it:
 * as it was before the burst when only the burst changed it, otherwise with the scanned text cut
 * from just before the caret. Null when the scan is not in the field (nothing to take back).
 */
export function takeBack(before: TextState | null, now: TextState, landed: string): TextState | null {
  if (!landed) return null;
  if (before) {
    const expected = before.value.slice(0, before.start) + landed + before.value.slice(before.end);
    if (now.value === expected) return before;
  }
  const cut = now.start - landed.length;
  if (cut >= 0 && now.value.slice(cut, now.start) === landed) {
    return { value: now.value.slice(0, cut) + now.value.slice(now.start), start: cut, end: cut };
  }
  return null;
}

type Snapshot =
  | { element: HTMLInputElement | HTMLTextAreaElement; kind: 'text'; state: TextState }
  | { element: HTMLSelectElement; kind: 'select'; index: number }
  | null;

function isTextEntry(element: Element | null): element is HTMLInputElement | HTMLTextAreaElement {
  if (element instanceof HTMLTextAreaElement) return true;
  return (
    element instanceof HTMLInputElement &&
    ['text', 'search', 'tel', 'email', 'url', 'number', 'password', ''].includes(element.type)
  );
}

function textState(element: HTMLInputElement | HTMLTextAreaElement): TextState {
  // type=number and type=email have no selection: the caret is taken to be at the end.
  let start = element.value.length;
  let end = start;
  try {
    start = element.selectionStart ?? start;
    end = element.selectionEnd ?? start;
  } catch {
    // no selection API on this input type
  }
  return { value: element.value, start, end };
}

function snapshot(element: Element | null): Snapshot {
  if (isTextEntry(element)) return { element, kind: 'text', state: textState(element) };
  if (element instanceof HTMLSelectElement) return { element, kind: 'select', index: element.selectedIndex };
  return null;
}

/** The desk's scanner settings (Settings › Scanner), or the defaults. */
export async function loadScanSettings(): Promise<ScanSettings> {
  const row = await getDb().settings.get(SCAN_SETTINGS_KEY);
  return parseScanSettings(row?.value);
}

/**
 * Wires a ScanDetector to window keydown. `onScan` gets each scan. Pass settings to fix them (tests);
 * otherwise the desk's stored scanner settings are read each time the listener starts.
 */
export class ScanInput {
  /** The last code scanned, for screens that show it. */
  lastScan = $state<string | null>(null);
  #detector: ScanDetector;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #before: Snapshot = null;

  constructor(
    private readonly onScan: (code: string) => void,
    private readonly settings?: Partial<ScanSettings>,
  ) {
    this.#detector = new ScanDetector(settings);
  }

  /** Starts listening; returns the function that stops. */
  listen(target: Window = window): () => void {
    let stopped = false;
    if (!this.settings) {
      void loadScanSettings().then(
        (stored) => {
          if (!stopped) this.#detector = new ScanDetector(stored);
        },
        () => undefined,
      );
    }
    const onKeydown = (event: KeyboardEvent) => this.#onKeydown(event);
    target.addEventListener('keydown', onKeydown, { capture: true });
    return () => {
      stopped = true;
      clearTimeout(this.#timer);
      target.removeEventListener('keydown', onKeydown, { capture: true });
    };
  }

  #onKeydown(event: KeyboardEvent) {
    if (event.isComposing || event.repeat) return;
    const out = this.#detector.feed({
      key: event.key,
      time: event.timeStamp,
      modified: event.ctrlKey || event.altKey || event.metaKey,
      target: document.activeElement,
    });
    if (out.kind === 'key') {
      // Before the key's default action: what the focused control holds before the burst lands.
      if (out.startsBurst) this.#before = snapshot(document.activeElement);
      this.#scheduleFlush();
      return;
    }
    // The suffix ends the scan: stopped, so it submits no form, presses no button, moves no focus.
    event.preventDefault();
    event.stopPropagation();
    this.#scanned(out.code, out.landed);
  }

  #scanned(code: string, landed: string) {
    clearTimeout(this.#timer);
    this.#restore(landed);
    this.lastScan = code;
    this.onScan(code);
  }

  /** Takes the scanned characters back out of the control they landed in. */
  #restore(landed: string) {
    const before = this.#before;
    this.#before = null;
    const focused = document.activeElement;
    if (before?.kind === 'select' && before.element === focused) {
      if (before.element.selectedIndex !== before.index) {
        before.element.selectedIndex = before.index;
        before.element.dispatchEvent(new Event('input', { bubbles: true }));
        before.element.dispatchEvent(new Event('change', { bubbles: true }));
      }
      return;
    }
    if (!isTextEntry(focused)) return;
    const was = before?.kind === 'text' && before.element === focused ? before.state : null;
    const next = takeBack(was, textState(focused), landed);
    if (!next || next.value === focused.value) return;
    focused.value = next.value;
    try {
      focused.setSelectionRange(next.start, next.end);
    } catch {
      // no selection API on this input type
    }
    focused.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'deleteContent' }));
  }

  #scheduleFlush() {
    clearTimeout(this.#timer);
    const due = this.#detector.flushDue();
    if (due === null) return;
    this.#timer = setTimeout(
      () => {
        const out = this.#detector.flush(performance.now());
        if (out?.kind === 'scan') this.#scanned(out.code, out.landed);
        else this.#scheduleFlush();
      },
      Math.max(0, due - performance.now()),
    );
  }
}
