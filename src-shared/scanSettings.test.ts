import { describe, expect, it } from 'vitest';
import { DEFAULT_SCAN_SETTINGS } from './scanDetector';
import { parseScanSettings, readScanSettingsForm, scanSettingsForm } from './scanSettings';

describe('scanner settings', () => {
  it('falls back to the defaults for a missing or damaged row', () => {
    expect(parseScanSettings(undefined)).toEqual(DEFAULT_SCAN_SETTINGS);
    expect(parseScanSettings({ maxKeyGapMs: 'fast' })).toEqual(DEFAULT_SCAN_SETTINGS);
    expect(parseScanSettings({ maxKeyGapMs: 40 })).toEqual({ ...DEFAULT_SCAN_SETTINGS, maxKeyGapMs: 40 });
  });

  it('reads the form, naming what is wrong', () => {
    const form = { maxKeyGapMs: '40', minLength: '6', suffix: 'Enter' as const, prefix: ' F9 ' };
    expect(readScanSettingsForm(form)).toEqual({
      ok: true,
      settings: { maxKeyGapMs: 40, minLength: 6, suffixKeys: ['Enter'], requireSuffix: true, prefix: 'F9' },
    });
    expect(readScanSettingsForm({ ...form, maxKeyGapMs: '500' })).toMatchObject({
      ok: false,
      reason: expect.stringContaining('200 ms'),
    });
    expect(readScanSettingsForm({ ...form, minLength: '' })).toMatchObject({
      ok: false,
      reason: expect.stringContaining('shortest scan'),
    });
  });

  it('round-trips through the form, no suffix meaning a scan ends by silence', () => {
    const form = { maxKeyGapMs: '25', minLength: '4', suffix: 'none' as const, prefix: '' };
    const read = readScanSettingsForm(form);
    expect(read).toMatchObject({ ok: true, settings: { suffixKeys: [], requireSuffix: false } });
    if (read.ok) expect(scanSettingsForm(read.settings)).toEqual(form);
    expect(scanSettingsForm(DEFAULT_SCAN_SETTINGS).suffix).toBe('Enter or Tab');
  });
});
