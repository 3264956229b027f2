// Postcode checks for the countries whose post has a fixed format: a seller on the phone hears
// "ten one one five" and the form says at once whether it fits Germany, before a parcel bounces.
import { countryLabel } from './countries';

export type PostcodeCheck = { ok: true; normalised: string } | { ok: false; message: string };

interface PostcodeRule {
  /** How a person names the country's postcode in a message ("A UK postcode"). */
  name: string;
  /** Matches the compact form: upper case, no spaces or dashes. */
  pattern: RegExp;
  /** The compact form as the post writes it (spaces, dashes). */
  format: (compact: string) => string;
  example: string;
  /** Examples, as the message shows them ("SW1A 1AA"), when one is not enough. */
  examples?: string;
}

const asIs = (compact: string) => compact;
const spaceBeforeLast = (n: number) => (compact: string) => `${compact.slice(0, -n)} ${compact.slice(-n)}`;
const dashAfter = (n: number) => (compact: string) => `${compact.slice(0, n)}-${compact.slice(n)}`;

const RULES: Record<string, PostcodeRule> = {
  GB: {
    name: 'A UK postcode',
    // Outward code (area, district) then inward code (sector digit, two unit letters); GIR 0AA is Girobank's.
    pattern: /^(?:[A-Z]{1,2}\d[A-Z\d]?\d[ABD-HJLNP-UW-Z]{2}|GIR0AA)$/,
    format: spaceBeforeLast(3),
    example: 'SW1A 1AA',
  },
  US: {
    name: 'A US ZIP code',
    pattern: /^\d{5}(?:\d{4})?$/,
    format: (c) => (c.length === 9 ? dashAfter(5)(c) : c),
    example: '10001',
    examples: '10001 or 10001-1234',
  },
  CA: {
    name: 'A Canadian postal code',
    pattern: /^[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z]\d[ABCEGHJ-NPRSTV-Z]\d$/,
    format: spaceBeforeLast(3),
    example: 'K1A 0B1',
  },
  DE: { name: 'A German postcode', pattern: /^\d{5}$/, format: asIs, example: '10115' },
  FR: { name: 'A French postcode', pattern: /^\d{5}$/, format: asIs, example: '75001' },
  NL: {
    name: 'A Dutch postcode',
    // Four digits (no leading zero) and two letters; SA, SD and SS are never issued.
    pattern: /^[1-9]\d{3}(?!SA|SD|SS)[A-Z]{2}$/,
    format: spaceBeforeLast(2),
    example: '1012 AB',
  },
  IT: { name: 'An Italian postcode (CAP)', pattern: /^\d{5}$/, format: asIs, example: '00184' },
  ES: {
    name: 'A Spanish postcode',
    // The first two digits are the province, 01 to 52.
    pattern: /^(?:0[1-9]|[1-4]\d|5[0-2])\d{3}$/,
    format: asIs,
    example: '28013',
  },
  SE: { name: 'A Swedish postcode', pattern: /^[1-9]\d{4}$/, format: spaceBeforeLast(2), example: '114 55' },
  IE: {
    name: 'An Eircode',
    // A routing key (letter, two digits; D6W for Dublin 6W) and a four-character unique identifier.
    pattern: /^(?:[AC-FHKNPRTV-Y]\d{2}|D6W)[0-9AC-FHKNPRTV-Y]{4}$/,
    format: spaceBeforeLast(4),
    example: 'D02 X285',
  },
  JP: { name: 'A Japanese postcode', pattern: /^\d{7}$/, format: dashAfter(3), example: '100-0001' },
  AU: { name: 'An Australian postcode', pattern: /^\d{4}$/, format: asIs, example: '2000' },
  AT: { name: 'An Austrian postcode', pattern: /^[1-9]\d{3}$/, format: asIs, example: '1010' },
  BE: { name: 'A Belgian postcode', pattern: /^[1-9]\d{3}$/, format: asIs, example: '1000' },
  CH: { name: 'A Swiss postcode', pattern: /^[1-9]\d{3}$/, format: asIs, example: '8001' },
  DK: { name: 'A Danish postcode', pattern: /^[1-9]\d{3}$/, format: asIs, example: '1050' },
  NO: { name: 'A Norwegian postcode', pattern: /^\d{4}$/, format: asIs, example: '0150' },
  FI: { name: 'A Finnish postcode', pattern: /^\d{5}$/, format: asIs, example: '00100' },
  PL: { name: 'A Polish postcode', pattern: /^\d{5}$/, format: dashAfter(2), example: '00-950' },
  PT: { name: 'A Portuguese postcode', pattern: /^[1-9]\d{6}$/, format: dashAfter(4), example: '1000-001' },
  NZ: { name: 'A New Zealand postcode', pattern: /^\d{4}$/, format: asIs, example: '6011' },
};

/** Countries whose postcodes are checked against a format. */
export const CHECKED_COUNTRIES: readonly string[] = Object.keys(RULES);

/** An example postcode for a country with a format ("SW1A 1AA"), for placeholders and hints. */
export function postcodeExample(country: string): string | undefined {
  return RULES[country]?.example;
}

// Full-width digits and letters (as Japanese keyboards type them) become ASCII; "〒" and
// separators people type go.
function compact(raw: string): string {
  return raw
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\s\-‐‑–—.〒]/g, '');
}

/**
 * Checks a postcode against its country's format and returns it written the way that
 * country's post writes it ("sw1a1aa" → "SW1A 1AA"). An empty postcode is left for the
 * address rules to judge (see addressFormats.ts); countries without a format accept any.
 */
export function checkPostcode(country: string, raw: string): PostcodeCheck {
  const trimmed = raw.trim().replace(/\s+/g, ' ');
  const rule = RULES[country];
  if (!trimmed) return { ok: true, normalised: '' };
  if (!rule) {
    return trimmed.length > 20
      ? { ok: false, message: `A postcode for ${countryLabel(country)} cannot be longer than 20 characters` }
      : { ok: true, normalised: trimmed };
  }
  const code = compact(trimmed);
  // European addresses are sometimes written with the country code in front ("DE-10115", "NL-1012 AB").
  const withoutPrefix = code.startsWith(country) && !rule.pattern.test(code) ? code.slice(2) : code;
  if (rule.pattern.test(withoutPrefix)) return { ok: true, normalised: rule.format(withoutPrefix) };
  return {
    ok: false,
    message: `${rule.name} looks like ${rule.examples ?? rule.example}; “${trimmed}” does not fit`,
  };
}
