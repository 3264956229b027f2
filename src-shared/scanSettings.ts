// The scanner settings of a desk (settings key 'scanner'): timing thresholds, suffix keys and an
// optional prefix, parsed so a damaged row falls back to the defaults instead of breaking scanning.
import { z } from 'zod';
import { DEFAULT_SCAN_SETTINGS, type ScanSettings } from './scanDetector';

export const SCAN_SETTINGS_KEY = 'scanner';

export const ScanSettingsSchema = z.object({
  maxKeyGapMs: z
    .int({ message: 'The longest gap between scanned keys must be a whole number of milliseconds' })
    .min(5, { message: 'The longest gap between scanned keys must be at least 5 ms' })
    .max(200, { message: 'A gap above 200 ms between keys would take typing for scans' }),
  minLength: z
    .int({ message: 'The shortest scan must be a whole number of characters' })
    .min(2, { message: 'The shortest scan must be at least 2 characters' })
    .max(40, { message: 'The shortest scan cannot be above 40 characters' }),
  suffixKeys: z.array(z.string().min(1).max(20)).max(4, { message: 'At most four suffix keys' }),
  requireSuffix: z.boolean(),
  prefix: z.string().max(20, { message: 'The prefix is a key name of at most 20 characters' }),
});

/** The stored settings, or the defaults for what is missing or damaged. */
export function parseScanSettings(stored: unknown): ScanSettings {
  const partial = ScanSettingsSchema.partial().safeParse(stored);
  if (!partial.success) return { ...DEFAULT_SCAN_SETTINGS };
  const merged = { ...DEFAULT_SCAN_SETTINGS, ...partial.data };
  // Without a suffix key a scan can only end by silence.
  if (merged.suffixKeys.length === 0) merged.requireSuffix = false;
  return merged;
}

export type ScanSettingsForm = {
  maxKeyGapMs: string;
  minLength: string;
  suffix: 'Enter' | 'Tab' | 'Enter or Tab' | 'none';
  prefix: string;
};

/** What the seller typed in Settings › Scanner, checked; the reason names the field when wrong. */
export function readScanSettingsForm(
  form: ScanSettingsForm,
): { ok: true; settings: ScanSettings } | { ok: false; reason: string } {
  const gap = Number(form.maxKeyGapMs.trim());
  const length = Number(form.minLength.trim());
  const suffixKeys =
    form.suffix === 'none' ? [] : form.suffix === 'Enter or Tab' ? ['Enter', 'Tab'] : [form.suffix];
  const parsed = ScanSettingsSchema.safeParse({
    maxKeyGapMs: form.maxKeyGapMs.trim() === '' ? Number.NaN : gap,
    minLength: form.minLength.trim() === '' ? Number.NaN : length,
    suffixKeys,
    requireSuffix: suffixKeys.length > 0,
    prefix: form.prefix.trim(),
  });
  if (!parsed.success) return { ok: false, reason: parsed.error.issues.map((i) => i.message).join('; ') };
  return { ok: true, settings: parsed.data };
}

export function scanSettingsForm(settings: ScanSettings): ScanSettingsForm {
  const keys = settings.requireSuffix ? settings.suffixKeys : [];
  const suffix =
    keys.length === 0
      ? 'none'
      : keys.includes('Enter') && keys.includes('Tab')
        ? 'Enter or Tab'
        : keys[0] === 'Tab'
          ? 'Tab'
          : 'Enter';
  return {
    maxKeyGapMs: String(settings.maxKeyGapMs),
    minLength: String(settings.minLength),
    suffix,
    prefix: settings.prefix,
  };
}
