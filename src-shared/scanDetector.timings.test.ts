// The scan detector on key timings generated from scanners' and typists' published profiles
// (tests/fixtures/scan-timings: where each profile's numbers come from, and its seed). Every key
// log is played as the window plays it: each key reaches the focused text field unless the detector
// stops it, and a completed scan's characters are taken back out of the field.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ScanDetector, type ScanSettings } from './scanDetector';
import { timingFixtures, type KeyEvent, type TimingFixture } from '../tests/fixtures/scan-timings/profiles';

const dir = join(import.meta.dirname, '../tests/fixtures/scan-timings');
const files = readdirSync(dir).filter((name) => name.endsWith('.json'));
const fixtures = files.map((name) => JSON.parse(readFileSync(join(dir, name), 'utf8')) as TimingFixture);

function play(settings: Partial<ScanSettings> | undefined, keys: readonly KeyEvent[]) {
  const detector = new ScanDetector(settings);
  const scans: string[] = [];
  let field = '';
  const scanned = (code: string, landed: string) => {
    // The window takes the landed characters back out from just before the caret (the field's end).
    expect(field.endsWith(landed), `“${landed}” is at the end of “${field}”`).toBe(true);
    field = field.slice(0, field.length - landed.length);
    scans.push(code);
  };
  const flushBefore = (time: number) => {
    const due = detector.flushDue();
    if (due === null || due >= time) return;
    const out = detector.flush(due);
    if (out?.kind === 'scan') scanned(out.code, out.landed);
  };
  for (const [key, time] of keys) {
    flushBefore(time);
    const out = detector.feed({ key, time, target: 'field' });
    if (out.kind === 'scan') scanned(out.code, out.landed);
    else if (key.length === 1) field += key;
    else if (key === 'Enter' || key === 'Tab') field += `⟨${key}⟩`;
  }
  flushBefore(Infinity);
  return { scans, field };
}

describe('the key-timing fixtures', () => {
  it('are one file per profile, each exactly what its seeded profile generates', () => {
    const generated = timingFixtures();
    expect(files.sort()).toEqual(generated.map((f) => `${f.profile}.json`).sort());
    for (const fixture of generated) {
      expect(fixtures.find((f) => f.profile === fixture.profile)).toEqual(fixture);
    }
  });

  it('name their source and seed, and keep every log in time order', () => {
    for (const fixture of fixtures) {
      expect(fixture.source.length).toBeGreaterThan(80);
      expect(Number.isInteger(fixture.seed)).toBe(true);
      for (const log of fixture.logs) {
        const times = log.keys.map(([, time]) => time);
        expect(times, log.what).toEqual([...times].sort((a, b) => a - b));
      }
    }
  });
});

for (const fixture of fixtures) {
  describe(`ScanDetector on ${fixture.profile} timings (seed ${fixture.seed})`, () => {
    for (const log of fixture.logs) {
      for (const run of log.runs) {
        const set = run.settings ? ` [${JSON.stringify(run.settings)}]` : '';
        it(`${log.what}${set}: ${run.why}`, () => {
          expect(play(run.settings, log.keys)).toEqual(run.expect);
        });
      }
    }
  });
}
