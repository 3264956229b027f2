// Keyboard-wedge scanners type like a very fast keyboard: this tells a scan from a person typing by
// the gaps between keys, the length and the suffix key, and then says what the scanned code is.
import { checkGtin, gtinCheckDigit, type GtinKind } from './barcodes';
import { recogniseTracking, type TrackingRecognised } from './trackingNumbers';

export type ScanSettings = {
  /** Longest gap between two keys of one scan. Scanners type about every 10 ms, people 30–50 ms or
   * slower; raise it for a slow scanner. */
  maxKeyGapMs: number;
  /** Fewer characters than this is never a scan (a fast "ok⏎" is typing). */
  minLength: number;
  /** Keys the scanner sends after the code. */
  suffixKeys: readonly string[];
  /** Off for scanners set up without a suffix: a fast burst then ends when the keys stop. */
  requireSuffix: boolean;
};

export const DEFAULT_SCAN_SETTINGS: ScanSettings = {
  maxKeyGapMs: 25,
  minLength: 4,
  suffixKeys: ['Enter', 'Tab'],
  requireSuffix: true,
};

export type KeyInput = { key: string; time: number };

export type DetectorOutput =
  /** Held back: it may be the start of a scan. Call flush() at flushDue() to release it. */
  | { kind: 'held' }
  /** Keys a person typed: deliver them to the focused field, in order. */
  | { kind: 'typing'; keys: string[] }
  | { kind: 'scan'; code: string };

// Scanners press Shift for capitals; it arrives as its own key and belongs to the burst.
const IGNORED_KEYS = new Set(['Shift', 'CapsLock']);

/**
 * Feed it every key with its time (event.timeStamp); it answers whether the key belongs to a scan
 * (held, then a scan) or to typing (passed on). Holding is what keeps a scan out of a focused text
 * field: the held keys are at most maxKeyGapMs old when they are released as typing.
 */
export class ScanDetector {
  private buffer: string[] = [];
  private lastTime = 0;
  readonly settings: ScanSettings;

  constructor(settings: Partial<ScanSettings> = {}) {
    this.settings = { ...DEFAULT_SCAN_SETTINGS, ...settings };
  }

  feed(input: KeyInput): DetectorOutput {
    const { key, time } = input;
    if (IGNORED_KEYS.has(key)) return this.buffer.length ? { kind: 'held' } : { kind: 'typing', keys: [] };
    const inBurst = this.buffer.length > 0 && time - this.lastTime <= this.settings.maxKeyGapMs;

    if (this.settings.suffixKeys.includes(key)) {
      if (inBurst && this.buffer.length >= this.settings.minLength) return this.take('scan');
      return { kind: 'typing', keys: [...this.release(), key] };
    }
    if (key.length !== 1) {
      // Arrows, Backspace, Escape…: no scanner sends them, so the burst was typing.
      return { kind: 'typing', keys: [...this.release(), key] };
    }
    if (this.buffer.length > 0 && !inBurst) {
      // Too slow to be the same scan: what was held was typed; this key may start a scan.
      const typed = this.release();
      this.hold(key, time);
      return { kind: 'typing', keys: typed };
    }
    this.hold(key, time);
    return { kind: 'held' };
  }

  /** When flush() should be called if no key comes first, or null when nothing is held. */
  flushDue(): number | null {
    return this.buffer.length ? this.lastTime + this.settings.maxKeyGapMs + 1 : null;
  }

  /** Releases what is held once the keys have stopped: typing, or a scan when no suffix is needed. */
  flush(now: number): DetectorOutput {
    if (!this.buffer.length || now - this.lastTime <= this.settings.maxKeyGapMs) {
      return this.buffer.length ? { kind: 'held' } : { kind: 'typing', keys: [] };
    }
    if (!this.settings.requireSuffix && this.buffer.length >= this.settings.minLength)
      return this.take('scan');
    return { kind: 'typing', keys: this.release() };
  }

  private hold(key: string, time: number) {
    this.buffer.push(key);
    this.lastTime = time;
  }

  private release(): string[] {
    const keys = this.buffer;
    this.buffer = [];
    return keys;
  }

  private take(kind: 'scan'): DetectorOutput {
    return { kind, code: this.release().join('') };
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
