// A scan is taken whole wherever focus is and never typed into a field; typing is held only
// briefly and then given back, in order, with Enter and shortcuts still doing their job.
import { describe, expect, it } from 'vitest';
import { ScanDetector } from '../../../src-shared/scanDetector';
import { decideKey, type KeyDecision } from './scanInput.svelte';

/** Presses keys `gap` ms apart and returns every decision. */
function press(detector: ScanDetector, keys: string[], gap: number, start = 1000): KeyDecision[] {
  return keys.map((key, i) => decideKey(detector, { key, time: start + i * gap, modified: false }));
}

describe('decideKey', () => {
  it('holds every key of a scanner burst, Enter included, and hands over the code', () => {
    const decisions = press(new ScanDetector(), [...'5000000000017', 'Enter'], 8);
    expect(decisions.every((d) => d.hold)).toBe(true);
    expect(decisions.flatMap((d) => d.replay)).toEqual([]);
    expect(decisions.at(-1)?.scan).toBe('5000000000017');
  });

  it('gives typed keys back in order, each as the next one comes too slowly', () => {
    const decisions = press(new ScanDetector(), ['4', '2'], 120);
    expect(decisions[0]).toEqual({ hold: true, replay: [], scan: null });
    expect(decisions[1]).toEqual({ hold: true, replay: ['4'], scan: null });
  });

  it('lets a typed Enter through after giving back what it held, so forms still submit', () => {
    const detector = new ScanDetector();
    press(detector, ['o', 'k'], 100);
    const enter = decideKey(detector, { key: 'Enter', time: 1300, modified: false });
    expect(enter).toEqual({ hold: false, replay: ['k'], scan: null });
  });

  it('never holds a shortcut such as Alt+3, and releases a held key before it', () => {
    const detector = new ScanDetector();
    press(detector, ['x'], 0);
    expect(decideKey(detector, { key: '3', time: 1005, modified: true })).toEqual({
      hold: false,
      replay: ['x'],
      scan: null,
    });
    expect(decideKey(detector, { key: '3', time: 1500, modified: true })).toEqual({
      hold: false,
      replay: [],
      scan: null,
    });
  });

  it('treats a fast but short burst as typing, not a scan', () => {
    const decisions = press(new ScanDetector(), ['o', 'k', 'Enter'], 5);
    expect(decisions.at(-1)).toEqual({ hold: false, replay: ['o', 'k'], scan: null });
  });

  it('passes arrows and Backspace straight through', () => {
    const detector = new ScanDetector();
    expect(decideKey(detector, { key: 'ArrowDown', time: 10, modified: false })).toEqual({
      hold: false,
      replay: [],
      scan: null,
    });
  });
});
