// What an address needs in each country: which fields are asked for and required, what they
// are called there ("ZIP code", "Prefecture"), the list a region is chosen from, and the
// calling code phone search uses. Unknown countries get a permissive international form.
import { countryLabel } from './countries';
import { checkPostcode, postcodeExample } from './postcodes';

export type Region = { code: string; name: string };

export interface AddressFormat {
  country: string;
  postcodeLabel: string;
  postcodeRequired: boolean;
  postcodeExample?: string;
  /** Postcode is written before the town ("10115 Berlin"), so the form asks for it first. */
  postcodeFirst: boolean;
  cityLabel: string;
  /** Absent: the country's addresses have no region line. */
  regionLabel?: string;
  regionRequired: boolean;
  /** When present, the region is one of these (stored as the code). */
  regions?: readonly Region[];
  /** International calling code without "+", e.g. "44". */
  callingCode?: string;
}

const r = (pairs: string): Region[] =>
  pairs.split(';').map((pair) => {
    const [code = '', name = ''] = pair.split('=');
    return { code, name };
  });

export const US_STATES: readonly Region[] = r(
  'AL=Alabama;AK=Alaska;AZ=Arizona;AR=Arkansas;CA=California;CO=Colorado;CT=Connecticut;DE=Delaware;' +
    'DC=District of Columbia;FL=Florida;GA=Georgia;HI=Hawaii;ID=Idaho;IL=Illinois;IN=Indiana;IA=Iowa;' +
    'KS=Kansas;KY=Kentucky;LA=Louisiana;ME=Maine;MD=Maryland;MA=Massachusetts;MI=Michigan;MN=Minnesota;' +
    'MS=Mississippi;MO=Missouri;MT=Montana;NE=Nebraska;NV=Nevada;NH=New Hampshire;NJ=New Jersey;' +
    'NM=New Mexico;NY=New York;NC=North Carolina;ND=North Dakota;OH=Ohio;OK=Oklahoma;OR=Oregon;' +
    'PA=Pennsylvania;RI=Rhode Island;SC=South Carolina;SD=South Dakota;TN=Tennessee;TX=Texas;UT=Utah;' +
    'VT=Vermont;VA=Virginia;WA=Washington;WV=West Virginia;WI=Wisconsin;WY=Wyoming;' +
    'AS=American Samoa;GU=Guam;MP=Northern Mariana Islands;PR=Puerto Rico;VI=U.S. Virgin Islands;' +
    'AA=Armed Forces Americas;AE=Armed Forces Europe;AP=Armed Forces Pacific',
);

export const CA_PROVINCES: readonly Region[] = r(
  'AB=Alberta;BC=British Columbia;MB=Manitoba;NB=New Brunswick;NL=Newfoundland and Labrador;' +
    'NS=Nova Scotia;NT=Northwest Territories;NU=Nunavut;ON=Ontario;PE=Prince Edward Island;QC=Quebec;' +
    'SK=Saskatchewan;YT=Yukon',
);

export const AU_STATES: readonly Region[] = r(
  'ACT=Australian Capital Territory;NSW=New South Wales;NT=Northern Territory;QLD=Queensland;' +
    'SA=South Australia;TAS=Tasmania;VIC=Victoria;WA=Western Australia',
);

// Japan's 47 prefectures in their official order (JIS X 0401 codes 01–47).
export const JP_PREFECTURES: readonly Region[] = [
  'Hokkaido',
  'Aomori',
  'Iwate',
  'Miyagi',
  'Akita',
  'Yamagata',
  'Fukushima',
  'Ibaraki',
  'Tochigi',
  'Gunma',
  'Saitama',
  'Chiba',
  'Tokyo',
  'Kanagawa',
  'Niigata',
  'Toyama',
  'Ishikawa',
  'Fukui',
  'Yamanashi',
  'Nagano',
  'Gifu',
  'Shizuoka',
  'Aichi',
  'Mie',
  'Shiga',
  'Kyoto',
  'Osaka',
  'Hyogo',
  'Nara',
  'Wakayama',
  'Tottori',
  'Shimane',
  'Okayama',
  'Hiroshima',
  'Yamaguchi',
  'Tokushima',
  'Kagawa',
  'Ehime',
  'Kochi',
  'Fukuoka',
  'Saga',
  'Nagasaki',
  'Kumamoto',
  'Oita',
  'Miyazaki',
  'Kagoshima',
  'Okinawa',
].map((name) => ({ code: name, name }));

type Overrides = Partial<Omit<AddressFormat, 'country'>>;

const DEFAULT: Omit<AddressFormat, 'country'> = {
  postcodeLabel: 'Postcode',
  postcodeRequired: false,
  postcodeFirst: false,
  cityLabel: 'City',
  regionLabel: 'State / region',
  regionRequired: false,
};

// Continental Europe writes "10115 Berlin" and has no region line on letters.
const EUROPEAN: Overrides = { postcodeRequired: true, postcodeFirst: true, regionLabel: undefined };

const FORMATS: Record<string, Overrides> = {
  GB: { postcodeRequired: true, cityLabel: 'Town / city', regionLabel: 'County', callingCode: '44' },
  IE: { postcodeLabel: 'Eircode', cityLabel: 'Town / city', regionLabel: 'County', callingCode: '353' },
  US: {
    postcodeLabel: 'ZIP code',
    postcodeRequired: true,
    regionLabel: 'State',
    regionRequired: true,
    regions: US_STATES,
    callingCode: '1',
  },
  CA: {
    postcodeLabel: 'Postal code',
    postcodeRequired: true,
    regionLabel: 'Province',
    regionRequired: true,
    regions: CA_PROVINCES,
    callingCode: '1',
  },
  AU: {
    postcodeRequired: true,
    cityLabel: 'Suburb / town',
    regionLabel: 'State',
    regionRequired: true,
    regions: AU_STATES,
    callingCode: '61',
  },
  JP: {
    postcodeRequired: true,
    postcodeFirst: true,
    cityLabel: 'City / ward',
    regionLabel: 'Prefecture',
    regionRequired: true,
    regions: JP_PREFECTURES,
    callingCode: '81',
  },
  NZ: { postcodeRequired: true, cityLabel: 'Town / city', regionLabel: undefined, callingCode: '64' },
  DE: { ...EUROPEAN, callingCode: '49' },
  FR: { ...EUROPEAN, callingCode: '33' },
  NL: { ...EUROPEAN, callingCode: '31' },
  // Italian and Spanish letters carry the province after the town: "00184 Roma RM".
  IT: { ...EUROPEAN, regionLabel: 'Province', callingCode: '39' },
  ES: { ...EUROPEAN, regionLabel: 'Province', callingCode: '34' },
  SE: { ...EUROPEAN, callingCode: '46' },
  AT: { ...EUROPEAN, callingCode: '43' },
  BE: { ...EUROPEAN, callingCode: '32' },
  CH: { ...EUROPEAN, callingCode: '41' },
  DK: { ...EUROPEAN, callingCode: '45' },
  NO: { ...EUROPEAN, callingCode: '47' },
  FI: { ...EUROPEAN, callingCode: '358' },
  PL: { ...EUROPEAN, callingCode: '48' },
  PT: { ...EUROPEAN, callingCode: '351' },
};

/** Countries the address form offers first, in the order a UK-based seller meets them. */
export const COMMON_COUNTRIES: readonly string[] = Object.keys(FORMATS);

export function addressFormat(country: string): AddressFormat {
  const format: AddressFormat = { ...DEFAULT, ...FORMATS[country], country };
  const example = postcodeExample(country);
  if (example) format.postcodeExample = example;
  return format;
}

/** The calling codes phone search tries in front of a national number, longest first. */
export const CALLING_CODES: readonly string[] = [
  ...new Set(Object.values(FORMATS).flatMap((f) => (f.callingCode ? [f.callingCode] : []))),
].sort((a, b) => b.length - a.length);

export type AddressFields = {
  line1?: string;
  city?: string;
  region?: string;
  postalCode?: string;
  country: string;
};

/**
 * What is wrong with an address for its country, field by field, as sentences; the postcode
 * comes back written the country's way. An empty result means the address can be saved.
 */
export function checkAddress(address: AddressFields): {
  problems: Partial<Record<'line1' | 'city' | 'region' | 'postalCode' | 'country', string>>;
  postalCode: string;
} {
  const format = addressFormat(address.country);
  const problems: Partial<Record<'line1' | 'city' | 'region' | 'postalCode' | 'country', string>> = {};
  const where = countryLabel(address.country);
  if (!/^[A-Z]{2}$/.test(address.country)) problems.country = 'Choose the country';
  if (!address.line1?.trim()) problems.line1 = 'Address line 1 cannot be empty';
  if (!address.city?.trim()) problems.city = `${format.cityLabel} cannot be empty`;
  const region = address.region?.trim() ?? '';
  if (format.regionLabel && format.regionRequired && !region) {
    problems.region = `Choose the ${format.regionLabel.toLowerCase()} for an address in ${where}`;
  } else if (region && format.regions && !format.regions.some((r) => r.code === region)) {
    problems.region = `“${region}” is not a ${format.regionLabel?.toLowerCase() ?? 'region'} of ${where}`;
  }
  const raw = address.postalCode?.trim() ?? '';
  let postalCode = raw;
  if (!raw && format.postcodeRequired) {
    problems.postalCode = `${format.postcodeLabel} is needed for an address in ${where}`;
  } else {
    const checked = checkPostcode(address.country, raw);
    if (checked.ok) postalCode = checked.normalised;
    else problems.postalCode = checked.message;
  }
  return { problems, postalCode };
}
