// Keyboard-wedge scanners type like a very fast keyboard: this tells a scan from a person typing by
// the gaps between keys, the length, the suffix key and the shape of what was typed (or, when the
// scanner sends a configured prefix, by that prefix), and then says what the scanned code is.
import { checkGtin, gtinCheckDigit, type GtinKind } from './barcodes';
import { recogniseTracking, type TrackingRecognised } from './trackingNumbers';

export type ScanSettings = {
  /** Longest gap between two keys of one scan. Scanners type about every 10 ms, people 30–50 ms or
   * slower; raise it for a slow scanner. A scan must also start after twice this much quiet in its field. */
  maxKeyGapMs: number;
  /** Fewer characters than this is never a scan (a fast "ok⏎" is typing). */
  minLength: number;
  /** Keys the scanner sends after the code. */
  suffixKeys: readonly string[];
  /** Off for scanners set up without a suffix: a fast burst then ends when the keys stop. */
  requireSuffix: boolean;
  /** A key the scanner is set up to send before every code (e.g. "F9" or "§"); '' for none. With a
   * prefix, detection is certain: a scan is exactly prefix … suffix, at any speed, and nothing else is. */
  prefix: string;
};

export const DEFAULT_SCAN_SETTINGS: ScanSettings = {
  maxKeyGapMs: 25,
  minLength: 4,
  suffixKeys: ['Enter', 'Tab'],
  requireSuffix: true,
  prefix: '',
};

export type KeyInput = {
  key: string;
  time: number;
  /** Ctrl, Alt or Meta held: a shortcut, never part of a scan. */
  modified?: boolean;
  /** Where the key lands (the focused control): a burst never runs on across a change of focus. */
  target?: unknown;
};

export type DetectorOutput =
  /** Let the key reach the focused control as usual. `startsBurst`: this key may be a scan's first,
   * so remember what the focused control holds before it lands, to take a scan back out of it. */
  | { kind: 'key'; startsBurst: boolean }
  /** A scan ended with this key (its suffix, which must not reach the control). `landed` is what
   * reached the focused control as it came (the code, after a printable prefix): take it back out. */
  | { kind: 'scan'; code: string; landed: string };

// Scanners press Shift for capitals; it arrives as its own key and belongs to the burst.
const IGNORED_KEYS = new Set(['Shift', 'CapsLock']);

/**
 * Whether text that arrived at scanner speed could be a barcode at all: something classifyScan
 * recognises (a GTIN, SKU, order or tracking number, even a misread one). A name or a word typed by
 * a text expander ("Germany", "Bianka Steinecke") never is, so fast typing is never taken.
 */
export function looksScanned(code: string): boolean {
  return classifyScan(code).kind !== 'unknown';
}

/**
 * Feed it every keydown with its time (event.timeStamp). It never holds a key back: every key
 * reaches the focused control (type-ahead in a select, Space on a checkbox, a text expander's
 * burst all work), and when a burst completes as a scan it says so, so the caller can take the
 * burst back out of the control it landed in and stop the suffix key.
 */
export class ScanDetector {
  private buffer: string[] = [];
  /** A printable prefix, which reached the focused control before the code. */
  private landedPrefix = '';
  private lastTime = -Infinity;
  private prefixed = false;
  private target: unknown = undefined;
  /** When the last character key came, and where it landed, scan or not. */
  private lastCharTime = -Infinity;
  private lastCharTarget: unknown = undefined;
  /** This burst ran straight on from other keys in the same field: it is typing, or the tail of a
   * code that came too slowly, and never a scan on its own. */
  private runOn = false;
  readonly settings: ScanSettings;

  constructor(
    settings: Partial<ScanSettings> = {},
    private readonly accept: (code: string) => boolean = looksScanned,
  ) {
    this.settings = { ...DEFAULT_SCAN_SETTINGS, ...settings };
  }

  feed(input: KeyInput): DetectorOutput {
    const { key, time } = input;
    if (IGNORED_KEYS.has(key)) return { kind: 'key', startsBurst: false };
    if (input.modified) return this.reset();
    const { prefix, suffixKeys, maxKeyGapMs } = this.settings;

    if (prefix) {
      if (key === prefix) {
        this.restart(time);
        this.prefixed = true;
        this.landedPrefix = key.length === 1 ? key : '';
        return { kind: 'key', startsBurst: true };
      }
      if (!this.prefixed) return { kind: 'key', startsBurst: false };
      if (suffixKeys.includes(key)) return this.end(true) ?? this.reset();
      if (key.length !== 1) return this.reset();
      this.push(key, time);
      return { kind: 'key', startsBurst: false };
    }

    const inBurst =
      this.buffer.length > 0 && time - this.lastTime <= maxKeyGapMs && input.target === this.target;
    this.target = input.target;
    if (suffixKeys.includes(key)) return (inBurst ? this.end(false) : null) ?? this.reset();
    // Arrows, Backspace, Escape…: no scanner sends them, so the burst was typing.
    if (key.length !== 1) return this.reset();
    const sameField = input.target === this.lastCharTarget;
    const quiet = time - this.lastCharTime;
    this.lastCharTime = time;
    this.lastCharTarget = input.target;
    if (inBurst) {
      this.push(key, time);
      return { kind: 'key', startsBurst: false };
    }
    // A scan starts after a pause: a burst that follows other keys in the same field by less than
    // two gaps is the rest of what they were (a slow scanner's code with one long gap, whose tail
    // would otherwise be taken as a short SKU), not a scan of its own.
    this.restart(time);
    this.runOn = sameField && quiet < 2 * maxKeyGapMs;
    this.push(key, time);
    return { kind: 'key', startsBurst: !this.runOn };
  }

  /** When flush() should be called if no key comes first: only for scanners without a suffix. */
  flushDue(): number | null {
    if (this.settings.requireSuffix || !this.buffer.length) return null;
    return this.lastTime + this.settings.maxKeyGapMs + 1;
  }

  /** For scanners without a suffix: once the keys have stopped, a burst long enough is a scan. */
  flush(now: number): DetectorOutput | null {
    if (this.settings.requireSuffix || !this.buffer.length) return null;
    if (now - this.lastTime <= this.settings.maxKeyGapMs) return null;
    const out = this.end(!!this.settings.prefix);
    this.reset();
    return out;
  }

  private end(certain: boolean): DetectorOutput | null {
    const code = this.buffer.join('');
    const landed = this.landedPrefix + code;
    const isScan = certain
      ? code.length > 0
      : !this.runOn && code.length >= this.settings.minLength && this.accept(code);
    this.reset();
    // A scan is a clean break: the next burst runs on from nothing (scans back to back).
    if (isScan) this.lastCharTime = -Infinity;
    return isScan ? { kind: 'scan', code, landed } : null;
  }

  private push(key: string, time: number) {
    this.buffer.push(key);
    this.lastTime = time;
  }

  private restart(time: number) {
    this.buffer = [];
    this.landedPrefix = '';
    this.runOn = false;
    this.lastTime = time;
  }

  private reset(): DetectorOutput {
    this.buffer = [];
    this.landedPrefix = '';
    this.runOn = false;
    this.prefixed = false;
    return { kind: 'key', startsBurst: false };
  }
}

/**
 * Variable-measure EAN-13 (GS1 restricted circulation, first digit 2). The layout chosen here is
 * the common European one: two-digit prefix, item code, value, check digit —
 *   2 P | I I I I I | V V V V V | C   (prefix 2P, itemLength 5, value 5)
 * The prefix says whether the value is a price (minor units) or a weight; both are configurable,
 * since every country and every scale vendor sets this differently.
 */
export type MeasuredLayout = {
  prefixes: Record<string, { measure: 'price' } | { measure: 'weight'; gramsPerUnit: number }>;
  /** Digits of item code after the two-digit prefix; the value takes the rest up to the check digit. */
  itemLength: number;
};

export const DEFAULT_MEASURED_LAYOUT: MeasuredLayout = {
  prefixes: {
    '20': { measure: 'price' },
    '21': { measure: 'price' },
    '22': { measure: 'price' },
    '23': { measure: 'weight', gramsPerUnit: 1 },
    '24': { measure: 'weight', gramsPerUnit: 1 },
    '25': { measure: 'weight', gramsPerUnit: 1 },
  },
  itemLength: 5,
};

type MeasuredBase = {
  kind: 'measured';
  code: string;
  itemCode: string;
  /** The code with its value zeroed and the check digit recomputed: how the item is in the catalog. */
  baseCode: string;
};

export type ScanClass =
  | { kind: 'product'; code: string; symbology: GtinKind }
  | (MeasuredBase & { measure: 'price'; amount: number })
  | (MeasuredBase & { measure: 'weight'; grams: number })
  | { kind: 'order'; number: string }
  | { kind: 'tracking'; tracking: TrackingRecognised }
  | { kind: 'sku'; sku: string }
  /** Recognisably a barcode of some kind, but misread (wrong check digit, cut short). */
  | { kind: 'invalid'; code: string; message: string }
  | { kind: 'unknown'; code: string; message: string };

export type ClassifyOptions = {
  measured?: MeasuredLayout;
  /** A 12-digit code is both a UPC-A and a FedEx Express number; at the ship step, prefer tracking. */
  prefer?: 'product' | 'tracking';
};

const ORDER_NUMBER = /^[A-Z0-9]{1,6}-\d{6}$/;
const SKU = /^[A-Z0-9][A-Z0-9._-]{1,39}$/;

function measured(code: string, layout: MeasuredLayout): ScanClass | null {
  const rule = layout.prefixes[code.slice(0, 2)];
  if (!rule) return null;
  const itemEnd = 2 + layout.itemLength;
  const itemCode = code.slice(2, itemEnd);
  const value = Number(code.slice(itemEnd, 12));
  const baseBody = code.slice(0, itemEnd).padEnd(12, '0');
  const base = {
    kind: 'measured' as const,
    code,
    itemCode,
    baseCode: baseBody + String(gtinCheckDigit(baseBody)),
  };
  return rule.measure === 'price'
    ? { ...base, measure: 'price', amount: value }
    : { ...base, measure: 'weight', grams: value * rule.gramsPerUnit };
}

/** Says what a scanned code is, so the screen knows whether to add, open, ship or complain. */
export function classifyScan(raw: string, options: ClassifyOptions = {}): ScanClass {
  const code = raw.trim();
  if (code === '') return { kind: 'unknown', code, message: 'Nothing was scanned; scan the barcode again' };
  if (ORDER_NUMBER.test(code)) return { kind: 'order', number: code };

  const tracking = recogniseTracking(code);
  if (options.prefer === 'tracking' && tracking.ok) return { kind: 'tracking', tracking };

  if (/^\d+$/.test(code) && [8, 12, 13].includes(code.length)) {
    const gtin = checkGtin(code);
    if (gtin.ok) {
      const layout = options.measured ?? DEFAULT_MEASURED_LAYOUT;
      const weighed = code.length === 13 ? measured(code, layout) : null;
      return weighed ?? { kind: 'product', code, symbology: gtin.kind };
    }
    // A 12-digit FedEx number is not a UPC-A; anything else of a GTIN's length is a misread GTIN.
    return tracking.ok ? { kind: 'tracking', tracking } : { kind: 'invalid', code, message: gtin.message };
  }

  if (tracking.ok) return { kind: 'tracking', tracking };
  // A carrier's shape with a wrong check digit is a misread. All-digit shapes (10-digit DHL…) may
  // as well be SKUs, so they count as misreads only where a tracking number is expected.
  const carrierShaped = /^1Z|^[A-Z]{2}\d{9}[A-Z]{2}$/.test(code) || options.prefer === 'tracking';
  if (tracking.carrier && carrierShaped) return { kind: 'invalid', code, message: tracking.reason };
  if (SKU.test(code)) return { kind: 'sku', sku: code };
  return {
    kind: 'unknown',
    code,
    message: `“${code}” is not a product barcode, SKU, order number or tracking number we know`,
  };
}
