import { describe, expect, it } from 'vitest';
import { withCheckDigit } from './barcodes';
import { recogniseTracking } from './trackingNumbers';
import { classifyScan, ScanDetector, type DetectorOutput, type KeyInput } from './scanDetector';

/** Key events for text typed one key every `gap` ms from `start`, then the suffix key if given. */
function keys(text: string, start: number, gap: number | number[], suffix?: string): KeyInput[] {
  const gaps = Array.isArray(gap) ? gap : [...text, suffix].map(() => gap);
  const all = suffix ? [...text, suffix] : [...text];
  let time = start;
  return all.map((key, i) => {
    if (i > 0) time += gaps[(i - 1) % gaps.length]!;
    return { key, time };
  });
}

/** Plays keys through the detector the way the window would, flushing when the detector asks to. */
function play(detector: ScanDetector, events: KeyInput[], idleUntil?: number) {
  const scans: string[] = [];
  const typed: string[] = [];
  const take = (out: DetectorOutput) => {
    if (out.kind === 'scan') scans.push(out.code);
    if (out.kind === 'typing') typed.push(...out.keys);
  };
  for (const event of events) {
    const due = detector.flushDue();
    if (due !== null && due < event.time) take(detector.flush(due));
    take(detector.feed(event));
  }
  const due = detector.flushDue();
  if (due !== null) take(detector.flush(idleUntil ?? due));
  return { scans, typed };
}

describe('ScanDetector', () => {
  it('reads a burst at scanner speed ending in Enter as one scan, passing nothing to the field', () => {
    const result = play(new ScanDetector(), keys('4006381333931', 1000, 8, 'Enter'));
    expect(result).toEqual({ scans: ['4006381333931'], typed: [] });
  });

  it('accepts Tab as the suffix too', () => {
    expect(play(new ScanDetector(), keys('D1-000042', 0, 10, 'Tab')).scans).toEqual(['D1-000042']);
  });

  it('passes a person’s typing through in order, Enter included', () => {
    const result = play(new ScanDetector(), keys('hello', 0, 120, 'Enter'));
    expect(result).toEqual({ scans: [], typed: ['h', 'e', 'l', 'l', 'o', 'Enter'] });
  });

  it('does not take a fast typist with the odd 15 ms rollover for a scanner', () => {
    // 60 ms a key, with two keys pressed nearly together now and then.
    const result = play(new ScanDetector(), keys('TSH-RED-M', 0, [60, 15, 70, 55, 15, 60, 65, 50], 'Enter'));
    expect(result.scans).toEqual([]);
    expect(result.typed.join('')).toBe('TSH-RED-MEnter');
  });

  it('treats a short fast burst ("ok" and Enter) as typing, below the minimum length', () => {
    expect(play(new ScanDetector(), keys('ok', 0, 5, 'Enter')).typed).toEqual(['o', 'k', 'Enter']);
  });

  it('misses a slow scanner at the default gap, and reads it once the gap setting is raised', () => {
    const slow = keys('4006381333931', 0, 40, 'Enter');
    expect(play(new ScanDetector(), slow).scans).toEqual([]);
    expect(play(new ScanDetector({ maxKeyGapMs: 60 }), slow).scans).toEqual(['4006381333931']);
  });

  it('keeps Shift presses (how scanners send capitals) inside the burst', () => {
    const events = keys('TSH-RED-M', 0, 6, 'Enter').flatMap((e) => [{ key: 'Shift', time: e.time - 1 }, e]);
    expect(play(new ScanDetector(), events).scans).toEqual(['TSH-RED-M']);
  });

  it('gives back typed keys before a scan that starts right after them', () => {
    const events = [...keys('ab', 0, 150), ...keys('12345678', 600, 9, 'Enter')];
    expect(play(new ScanDetector(), events)).toEqual({ scans: ['12345678'], typed: ['a', 'b'] });
  });

  it('releases held keys when a non-character key such as Backspace arrives', () => {
    const detector = new ScanDetector();
    expect(detector.feed({ key: 'x', time: 0 })).toEqual({ kind: 'held' });
    expect(detector.feed({ key: 'Backspace', time: 5 })).toEqual({
      kind: 'typing',
      keys: ['x', 'Backspace'],
    });
    expect(detector.flushDue()).toBeNull();
  });

  it('holds a key no longer than the gap setting', () => {
    const detector = new ScanDetector({ maxKeyGapMs: 30 });
    detector.feed({ key: 'a', time: 100 });
    expect(detector.flushDue()).toBe(131);
    expect(detector.flush(120)).toEqual({ kind: 'held' });
    expect(detector.flush(131)).toEqual({ kind: 'typing', keys: ['a'] });
  });

  it('ends a scan by silence for scanners set up without a suffix', () => {
    const detector = new ScanDetector({ requireSuffix: false });
    expect(play(detector, keys('96385074', 0, 7)).scans).toEqual(['96385074']);
  });
});

describe('classifyScan', () => {
  it('reads a good EAN-13, UPC-A and EAN-8 as products', () => {
    expect(classifyScan('4006381333931')).toEqual({
      kind: 'product',
      code: '4006381333931',
      symbology: 'EAN-13',
    });
    expect(classifyScan('036000291452')).toMatchObject({ kind: 'product', symbology: 'UPC-A' });
    expect(classifyScan('96385074')).toMatchObject({ kind: 'product', symbology: 'EAN-8' });
  });

  it('says which check digit a misread GTIN should have had', () => {
    expect(classifyScan('4006381333932')).toEqual({
      kind: 'invalid',
      code: '4006381333932',
      message: 'Barcode 4006381333932 has a wrong check digit (expected 1)',
    });
  });

  it('reads the price out of a price-embedded EAN-13 (prefix 21, item 12345, 4.99)', () => {
    const code = withCheckDigit('211234500499');
    expect(classifyScan(code)).toEqual({
      kind: 'measured',
      code,
      itemCode: '12345',
      measure: 'price',
      amount: 499,
      baseCode: withCheckDigit('211234500000'),
    });
  });

  it('reads the weight out of a weight-embedded EAN-13 (prefix 23, 1.250 kg)', () => {
    expect(classifyScan(withCheckDigit('230004201250'))).toMatchObject({
      measure: 'weight',
      itemCode: '00042',
      grams: 1250,
    });
  });

  it('follows a configured layout: four-digit item codes and weight in tens of grams', () => {
    const layout = { itemLength: 4, prefixes: { '28': { measure: 'weight' as const, gramsPerUnit: 10 } } };
    expect(classifyScan(withCheckDigit('287777012345'), { measured: layout })).toMatchObject({
      itemCode: '7777',
      grams: 123450,
    });
    // 21 is not in this layout, so it stays an ordinary (store-internal) product number.
    expect(classifyScan(withCheckDigit('211234500499'), { measured: layout })).toMatchObject({
      kind: 'product',
    });
  });

  it('refuses a price-embedded code whose check digit is wrong', () => {
    const good = withCheckDigit('211234500499');
    const bad = good.slice(0, -1) + String((Number(good.at(-1)) + 1) % 10);
    expect(classifyScan(bad)).toMatchObject({
      kind: 'invalid',
      message: expect.stringMatching(/wrong check digit/),
    });
  });

  it('knows an order number', () => {
    expect(classifyScan('D1-000042')).toEqual({ kind: 'order', number: 'D1-000042' });
  });

  it('knows tracking numbers and passes on the carrier', () => {
    expect(classifyScan('1Z999AA10123456784')).toMatchObject({
      kind: 'tracking',
      tracking: { carrier: 'ups' },
    });
    expect(classifyScan('RB123456785GB')).toMatchObject({
      kind: 'tracking',
      tracking: { carrier: 'royalmail' },
    });
  });

  it('calls a UPS or S10 number with a wrong check digit a misread, not a SKU', () => {
    expect(classifyScan('1Z999AA10123456785')).toMatchObject({
      kind: 'invalid',
      message: expect.stringContaining('expected 4'),
    });
  });

  it('prefers a FedEx number over a UPC-A when the ship step asks for tracking', () => {
    // 12 digits valid as both: a UPC-A by default, a FedEx Express number when tracking is expected.
    const both = Array.from({ length: 200 }, (_, i) => withCheckDigit(String(40000000000 + i))).find(
      (code) => recogniseTracking(code).ok,
    );
    expect(both).toBeDefined();
    expect(classifyScan(both!, { prefer: 'tracking' })).toMatchObject({ kind: 'tracking' });
    expect(classifyScan(both!)).toMatchObject({ kind: 'product' });
  });

  it('takes other Code 128 text in SKU shape as a SKU and refuses the rest', () => {
    expect(classifyScan('TSH-RED-M')).toEqual({ kind: 'sku', sku: 'TSH-RED-M' });
    expect(classifyScan('hello world')).toMatchObject({ kind: 'unknown' });
    expect(classifyScan('')).toMatchObject({ kind: 'unknown', message: expect.stringMatching(/scan/) });
  });
});
