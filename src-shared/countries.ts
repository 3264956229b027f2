// Country groupings that tax and shipping rules refer to, and country names for messages.
// Codes are ISO 3166-1 alpha-2, as stored on addresses.

/** The 27 EU member states (one VAT area; Greece is GR here, though EU VAT numbers say EL). */
export const EU_MEMBER_STATES: readonly string[] = [
  'AT',
  'BE',
  'BG',
  'CY',
  'CZ',
  'DE',
  'DK',
  'EE',
  'ES',
  'FI',
  'FR',
  'GR',
  'HR',
  'HU',
  'IE',
  'IT',
  'LT',
  'LU',
  'LV',
  'MT',
  'NL',
  'PL',
  'PT',
  'RO',
  'SE',
  'SI',
  'SK',
];

/** European countries and territories outside the EU, as carriers' "Europe" zones count them. */
export const EUROPE_OUTSIDE_EU: readonly string[] = [
  'AD',
  'AL',
  'BA',
  'BY',
  'CH',
  'FO',
  'GB',
  'GG',
  'GI',
  'IM',
  'IS',
  'JE',
  'LI',
  'MC',
  'MD',
  'ME',
  'MK',
  'NO',
  'RS',
  'SM',
  'TR',
  'UA',
  'VA',
];

export const EUROPE: readonly string[] = [...EU_MEMBER_STATES, ...EUROPE_OUTSIDE_EU];

/** Places no parcel carrier delivers to: uninhabited or research-station territories. */
export const UNDELIVERABLE: readonly string[] = ['AQ', 'BV', 'GS', 'HM', 'TF', 'UM'];

/** "Antarctica (AQ)": the name a person recognises, with the code they may have typed. */
export function countryLabel(code: string, locale = 'en'): string {
  let name: string | undefined;
  try {
    name = new Intl.DisplayNames([locale], { type: 'region', fallback: 'none' }).of(code);
  } catch {
    name = undefined; // not a well-formed region code: show the code alone
  }
  return name && name !== code ? `${name} (${code})` : code;
}
