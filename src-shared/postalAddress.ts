// An address as the destination's post wants it written: the town, region and postcode in that
// country's order and on that country's lines (UPU S42 templates for the countries stores ship to),
// the country name spelled out in the sender's language. Labels, slips, invoices and ZPL all use it.

export type PostalAddress = {
  name?: string;
  company?: string;
  line1?: string;
  line2?: string;
  city?: string;
  region?: string;
  postalCode?: string;
  /** ISO 3166-1 alpha-2 (a name already spelled out is printed as it is). */
  country: string;
};

type Parts = { city: string; region: string; postcode: string };
/** The lines after the street lines, for one country. */
type Template = (p: Parts) => string[];

const join = (...parts: string[]) => parts.filter(Boolean).join(' ');

const POSTCODE_TOWN: Template = (p) => [join(p.postcode, p.city)];
const TEMPLATES: Record<string, Template> = {
  // Royal Mail: post town in capitals, then the postcode on its own line; no county needed.
  GB: (p) => [p.city.toUpperCase(), p.postcode],
  // An Post: town, county, then the Eircode on its own line.
  IE: (p) => [p.city, p.region, p.postcode],
  // USPS: city, state and ZIP code on the last line.
  US: (p) => [join(p.city ? `${p.city},` : '', p.region, p.postcode)],
  // Canada Post: municipality, province and postal code on one line.
  CA: (p) => [join(p.city, p.region, p.postcode)],
  // Australia Post: locality, state and postcode on one line, locality in capitals.
  AU: (p) => [join(p.city.toUpperCase(), p.region, p.postcode)],
  NZ: (p) => [join(p.city, p.postcode)],
  // Japan, written in Latin script: ward or city, prefecture and postcode last.
  JP: (p) => [join(p.city ? `${p.city},` : '', p.region, p.postcode)],
  // Italy: postcode, town and province abbreviation on one line.
  IT: (p) => [join(p.postcode, p.city, p.region)],
  // Spain: postcode and town, the province on the next line when it differs.
  ES: (p) => [join(p.postcode, p.city), p.region && p.region !== p.city ? p.region : ''],
  DE: POSTCODE_TOWN,
  FR: (p) => [join(p.postcode, p.city.toUpperCase())],
  NL: POSTCODE_TOWN,
  BE: POSTCODE_TOWN,
  AT: POSTCODE_TOWN,
  CH: POSTCODE_TOWN,
  DK: POSTCODE_TOWN,
  NO: POSTCODE_TOWN,
  SE: POSTCODE_TOWN,
  FI: POSTCODE_TOWN,
  PL: POSTCODE_TOWN,
  PT: POSTCODE_TOWN,
};
// Anywhere else: town, region and postcode on one line, the most widely understood order.
const DEFAULT_TEMPLATE: Template = (p) => [
  join(p.city ? (p.region ? `${p.city},` : p.city) : '', p.region, p.postcode),
];

/** The country's name in `language` ("United Kingdom"), or the text as given when it is not a code. */
export function countryName(country: string, language = 'en'): string {
  if (!/^[A-Z]{2}$/.test(country)) return country;
  try {
    return new Intl.DisplayNames([language], { type: 'region', fallback: 'code' }).of(country) ?? country;
  } catch {
    return country;
  }
}

/**
 * The printed lines of an address: name, company, street lines, then town/region/postcode as the
 * destination writes them, then the country spelled out (in capitals, as UPU asks, in the sender's
 * language). Empty parts are left out.
 */
export function postalLines(address: PostalAddress, options: { language?: string } = {}): string[] {
  const parts: Parts = {
    city: address.city?.trim() ?? '',
    region: address.region?.trim() ?? '',
    postcode: address.postalCode?.trim() ?? '',
  };
  const template = TEMPLATES[address.country] ?? DEFAULT_TEMPLATE;
  return [
    address.name,
    address.company,
    address.line1,
    address.line2,
    ...template(parts),
    countryName(address.country, options.language).toUpperCase(),
  ].filter((line): line is string => Boolean(line && line.trim()));
}
