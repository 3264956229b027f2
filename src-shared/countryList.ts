// The countries an address may be in: the current ISO 3166-1 alpha-2 list as i18n-iso-countries
// maintains it (no withdrawn codes such as DD, SU, YU, ZR, no reserved ones such as UK or FX), plus
// XK (Kosovo), which carriers use. One entry per country.
import isoCountries from 'i18n-iso-countries';

/** Every current country code, A–Z. */
export const COUNTRY_CODES: readonly string[] = Object.keys(isoCountries.getAlpha2Codes()).sort();

export function isCountryCode(code: string): boolean {
  return COUNTRY_CODES.includes(code);
}

/**
 * The options of a country list: the store's common countries first, then every other country
 * once, each labelled and sorted by name, so typing a name in the list picks it.
 */
export function countryOptions(
  common: readonly string[],
  label: (code: string) => string,
): { common: { code: string; label: string }[]; others: { code: string; label: string }[] } {
  const make = (code: string) => ({ code, label: label(code) });
  const byName = (a: { label: string }, b: { label: string }) => a.label.localeCompare(b.label);
  const first = common.filter(isCountryCode);
  const seen = new Set(first);
  return {
    common: first.map(make),
    others: COUNTRY_CODES.filter((code) => !seen.has(code))
      .map(make)
      .sort(byName),
  };
}
