import { describe, expect, it } from 'vitest';
import { withCheckDigit } from './barcodes';
import { recogniseTracking } from './trackingNumbers';
import { classifyScan, ScanDetector, type KeyInput } from './scanDetector';

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

/**
 * Plays keys through the detector the way the window does: every key reaches a text field unless
 * the detector stops it (a scan's suffix), and a scan's landed characters are taken back out.
 */
function play(detector: ScanDetector, events: readonly KeyInput[], idleUntil?: number) {
  const scans: string[] = [];
  let field = '';
  const take = (landed: string) => {
    expect(field.endsWith(landed)).toBe(true);
    field = field.slice(0, field.length - landed.length);
  };
  for (const event of events) {
    const due = detector.flushDue();
    if (due !== null && due < event.time) {
      const out = detector.flush(due);
      if (out?.kind === 'scan') {
        take(out.landed);
        scans.push(out.code);
      }
    }
    const out = detector.feed(event);
    if (out.kind === 'scan') {
      take(out.landed);
      scans.push(out.code);
    } else if (event.key.length === 1) field += event.key;
    else if (event.key === 'Backspace') field = field.slice(0, -1);
    else if (['Enter', 'Tab'].includes(event.key)) field += `⟨${event.key}⟩`;
  }
  const due = detector.flushDue();
  if (due !== null) {
    const out = detector.flush(idleUntil ?? due);
    if (out?.kind === 'scan') {
      take(out.landed);
      scans.push(out.code);
    }
  }
  return { scans, field };
}

describe('ScanDetector', () => {
  it('lets every key of a scan reach the field, then takes the burst back out on its Enter', () => {
    const detector = new ScanDetector();
    const events = keys('4006381333931', 1000, 8, 'Enter');
    const outputs = events.map((e) => detector.feed(e));
    expect(outputs.slice(0, -1).every((o) => o.kind === 'key')).toBe(true);
    expect(outputs[0]).toEqual({ kind: 'key', startsBurst: true });
    expect(outputs.at(-1)).toEqual({ kind: 'scan', code: '4006381333931', landed: '4006381333931' });
  });

  it('accepts Tab as the suffix too', () => {
    expect(play(new ScanDetector(), keys('D1-000042', 0, 10, 'Tab')).scans).toEqual(['D1-000042']);
  });

  it('passes a person’s typing through in order, Enter included', () => {
    const result = play(new ScanDetector(), keys('hello', 0, 120, 'Enter'));
    expect(result).toEqual({ scans: [], field: 'hello⟨Enter⟩' });
  });

  it('never takes words typed at 5 ms a key (a text expander) for a scan, even with Enter or Tab right after', () => {
    for (const text of ['Germany', 'Bianka Steinecke', 'Friend told me', 'b.steinecke@example.de']) {
      expect(play(new ScanDetector(), keys(text, 0, 5, 'Tab'))).toEqual({ scans: [], field: `${text}⟨Tab⟩` });
    }
  });

  it('never loses a letter typed right after a shortcut key such as /', () => {
    expect(play(new ScanDetector(), keys('/mug', 0, 10))).toEqual({ scans: [], field: '/mug' });
  });

  it('treats a short fast burst ("ok" and Enter) as typing, below the minimum length', () => {
    expect(play(new ScanDetector(), keys('ok', 0, 5, 'Enter')).field).toBe('ok⟨Enter⟩');
  });

  it('misses a slow scanner at the default gap, and reads it once the gap setting is raised', () => {
    const slow = keys('4006381333931', 0, 40, 'Enter');
    expect(play(new ScanDetector(), slow)).toEqual({ scans: [], field: '4006381333931⟨Enter⟩' });
    expect(play(new ScanDetector({ maxKeyGapMs: 60 }), slow)).toEqual({
      scans: ['4006381333931'],
      field: '',
    });
  });

  it('keeps Shift presses (how scanners send capitals) inside the burst', () => {
    const events = keys('TSH-RED-M', 0, 6, 'Enter').flatMap((e) => [{ key: 'Shift', time: e.time - 1 }, e]);
    expect(play(new ScanDetector(), events).scans).toEqual(['TSH-RED-M']);
  });

  it('takes back only the scan, leaving what was typed before it in the field', () => {
    const events = [...keys('ab', 0, 150), ...keys('12345670', 600, 9, 'Enter')];
    expect(play(new ScanDetector(), events)).toEqual({ scans: ['12345670'], field: 'ab' });
  });

  it('ends the burst at a non-character key such as Backspace: what came before was typing', () => {
    const events = [...keys('4006381', 0, 5), { key: 'Backspace', time: 35 }, { key: 'Enter', time: 40 }];
    expect(play(new ScanDetector(), events)).toEqual({ scans: [], field: '400638⟨Enter⟩' });
  });

  it('never takes the tail of a slow code as a scan: a burst must start after a pause of two gaps', () => {
    // 40 ms, then 10 ms a key: at the default 25 ms gap, "1333931" alone looks like a fast SKU.
    const events = [...keys('400638', 0, 40), ...keys('1333931', 240, 10, 'Enter')];
    expect(play(new ScanDetector(), events)).toEqual({ scans: [], field: '4006381333931⟨Enter⟩' });
    // After a pause of two gaps (50 ms) a scan may start, right after typing in the same field.
    const after = [...keys('4006', 0, 120), ...keys('12345670', 360 + 50, 5, 'Enter')];
    expect(play(new ScanDetector(), after)).toEqual({ scans: ['12345670'], field: '4006' });
  });

  it('reads scans back to back: a completed scan is a clean break, however soon the next one starts', () => {
    const events = [...keys('5012345678900', 0, 3, 'Enter'), ...keys('TSH-RED-M', 45, 3, 'Enter')];
    expect(play(new ScanDetector(), events)).toEqual({ scans: ['5012345678900', 'TSH-RED-M'], field: '' });
  });

  it('starts a new burst when focus moves: fast typing in one field never runs on into a scan in the next', () => {
    const detector = new ScanDetector({ maxKeyGapMs: 200 });
    const supplier = {};
    const reference = {};
    keys('Acme Ceramics', 0, 5).forEach((e) => detector.feed({ ...e, target: supplier }));
    const scan = keys('4006381333931', 150, 5, 'Enter').map((e) =>
      detector.feed({ ...e, target: reference }),
    );
    expect(scan.at(-1)).toEqual({ kind: 'scan', code: '4006381333931', landed: '4006381333931' });
  });

  it('never counts a shortcut (Ctrl, Alt or Meta held) as part of a scan', () => {
    const detector = new ScanDetector();
    keys('4006381', 0, 5).forEach((e) => detector.feed(e));
    expect(detector.feed({ key: 'c', time: 40, modified: true })).toEqual({
      kind: 'key',
      startsBurst: false,
    });
    expect(detector.feed({ key: 'Enter', time: 45 })).toEqual({ kind: 'key', startsBurst: false });
  });

  it('ends a scan by silence for scanners set up without a suffix', () => {
    const detector = new ScanDetector({ requireSuffix: false });
    expect(play(detector, keys('96385074', 0, 7))).toEqual({ scans: ['96385074'], field: '' });
  });

  it('with a configured prefix, reads prefix…suffix as a scan at any speed, and nothing else', () => {
    const settings = { prefix: 'F9' };
    const slowScan = [{ key: 'F9', time: 0 }, ...keys('4006381333931', 50, 60, 'Enter')];
    expect(play(new ScanDetector(settings), slowScan)).toEqual({ scans: ['4006381333931'], field: '' });
    // Without the prefix a fast burst is typing, whatever its speed.
    expect(play(new ScanDetector(settings), keys('4006381333931', 0, 5, 'Enter')).scans).toEqual([]);
    // A printable prefix landed in the field too, and is taken back with the code.
    const printable = [{ key: '§', time: 0 }, ...keys('lower-case code', 10, 5, 'Enter')];
    expect(play(new ScanDetector({ prefix: '§' }), printable)).toEqual({
      scans: ['lower-case code'],
      field: '',
    });
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
