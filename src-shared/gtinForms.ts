// The raw forms one GTIN can be stored under (EAN-8, UPC-A, EAN-13, GTIN-14): a catalogue keeps the
// code as it was typed, so a look-up by value asks for each of them (normaliseGtin is the key).
import { normaliseGtin } from './gtin';

/** Every stored form equivalent to `raw` (itself included), or [] when it is not a valid GTIN. */
export function gtinForms(raw: string): string[] {
  const key = normaliseGtin(raw);
  if (!key) return [];
  const forms = [key];
  for (const length of [13, 12, 8]) {
    const cut = key.slice(14 - length);
    // Only leading zeros may be dropped: 00036000291452 is also 036000291452, never 36000291452.
    if (/^0*$/.test(key.slice(0, 14 - length))) forms.push(cut);
  }
  return forms;
}
