// Carrier tracking numbers: which carrier a scanned number belongs to (by its format), whether its
// check digit is right where the format has one, the routing prefix a label's barcode adds (stripped:
// the stored number and the link are the carrier's own), and the carrier's tracking page for it.
// A number no format knows is kept only for a carrier the packer names, marked unverified.
import { gtinCheckDigit } from './barcodes';

export type CarrierCode =
  | 'ups'
  | 'fedex'
  | 'usps'
  | 'dhl'
  | 'dhlecommerce'
  | 'royalmail'
  | 'parcelforce'
  | 'dpd'
  | 'evri'
  | 'yodel'
  | 'amazon'
  | 'upu';

export const CARRIER_NAMES: Record<CarrierCode, string> = {
  ups: 'UPS',
  fedex: 'FedEx',
  usps: 'USPS',
  dhl: 'DHL Express',
  dhlecommerce: 'DHL eCommerce',
  royalmail: 'Royal Mail',
  parcelforce: 'Parcelforce',
  dpd: 'DPD',
  evri: 'Evri',
  yodel: 'Yodel',
  amazon: 'Amazon Logistics',
  upu: 'Post',
};

export type TrackingRecognised = {
  ok: true;
  carrier: CarrierCode;
  /** The carrier as people name it; for another post, "Post (DE)". */
  carrierName: string;
  service?: string;
  /** Normalised: capitals, no spaces or dashes. This is what to store and print. */
  number: string;
  /** False only for formats that carry no check digit at all. */
  checkDigitVerified: boolean;
  /** The carrier's tracking page, or null for a post whose page we do not know. */
  url: string | null;
};

export type TrackingRefused = { ok: false; reason: string; carrier?: CarrierCode; expected?: string };

export type TrackingResult = TrackingRecognised | TrackingRefused;

const TRACKING_URLS: Record<Exclude<CarrierCode, 'upu'>, (n: string) => string | null> = {
  ups: (n) => `https://www.ups.com/track?tracknum=${n}`,
  fedex: (n) => `https://www.fedex.com/fedextrack/?trknbr=${n}`,
  usps: (n) => `https://tools.usps.com/go/TrackConfirmAction?tLabels=${n}`,
  dhl: (n) => `https://www.dhl.com/global-en/home/tracking/tracking-express.html?submit=1&tracking-id=${n}`,
  dhlecommerce: (n) => `https://www.dhl.com/global-en/home/tracking/tracking-ecommerce.html?tracking-id=${n}`,
  royalmail: (n) => `https://www.royalmail.com/track-your-item#/tracking-results/${n}`,
  parcelforce: (n) => `https://www.parcelforce.com/track-trace?trackNumber=${n}`,
  dpd: (n) => `https://track.dpd.co.uk/parcels/${n}`,
  evri: (n) => `https://www.evri.com/track/parcel/${n}`,
  yodel: (n) => `https://www.yodel.co.uk/tracking/${n}`,
  // Amazon Logistics numbers are tracked in the buyer's own Amazon account, not on a public page.
  amazon: () => null,
};

// S10 numbers end in the country of the post that issued them; these posts' pages take the number.
const POST_URLS: Record<string, (n: string) => string> = {
  DE: (n) => `https://www.deutschepost.de/sendung/simpleQueryResult.html?form.sendungsnummer=${n}`,
  CA: (n) => `https://www.canadapost-postescanada.ca/track-reperez/en#/search?searchFor=${n}`,
  AU: (n) => `https://auspost.com.au/mypost/track/details/${n}`,
  FR: (n) => `https://www.laposte.fr/outils/suivre-vos-envois?code=${n}`,
  NL: (n) => `https://jouw.postnl.nl/track-and-trace/${n}`,
};

/** The tracking page for a number already recognised (and normalised) as belonging to a carrier. */
export function trackingUrl(carrier: CarrierCode, number: string, country?: string): string | null {
  const encoded = encodeURIComponent(number);
  if (carrier !== 'upu') return TRACKING_URLS[carrier](encoded);
  const post = country ? POST_URLS[country] : undefined;
  return post ? post(encoded) : null;
}

// UPS turns letters into digits by position in the alphabet (A=2, B=3 … I=0, J=1 …).
function upsValue(char: string): number {
  const code = char.charCodeAt(0);
  return code >= 48 && code <= 57 ? code - 48 : (code - 63) % 10;
}

/** UPS 1Z check digit over the 15 characters between "1Z" and the check digit. */
export function upsCheckDigit(body: string): number {
  let sum = 0;
  for (let i = 0; i < body.length; i++) sum += upsValue(body[i]!) * (i % 2 === 1 ? 2 : 1);
  return (10 - (sum % 10)) % 10;
}

/** FedEx Express 12-digit check digit: weights 1,3,7 from the right, sum mod 11 (10 counts as 0). */
export function fedexExpressCheckDigit(body: string): number {
  const weights = [1, 3, 7];
  let sum = 0;
  for (let i = 0; i < body.length; i++) sum += Number(body[body.length - 1 - i]) * weights[i % 3]!;
  return (sum % 11) % 10;
}

/** UPU S10 check digit over the 8 serial digits: weights 8,6,4,2,3,5,9,7, mod 11. */
export function s10CheckDigit(serial: string): number {
  const weights = [8, 6, 4, 2, 3, 5, 9, 7];
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(serial[i]) * weights[i]!;
  const check = 11 - (sum % 11);
  return check === 10 ? 0 : check === 11 ? 5 : check;
}

/** DHL Express waybill: the check digit is the serial number mod 7. */
export function dhlCheckDigit(body: string): number {
  return Number(BigInt(body) % 7n);
}

/** FedEx 34-digit barcodes: the 13-digit serial before the check digit, weights 1,7,3 from the left, mod 11. */
export function fedex34CheckDigit(serial: string): number {
  const weights = [1, 7, 3];
  let sum = 0;
  for (let i = 0; i < serial.length; i++) sum += Number(serial[i]) * weights[i % 3]!;
  return (sum % 11) % 10;
}

const ALPHANUMERIC = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
/** DPD's check character: ISO 7064 MOD 37,36 over the 27 characters before it. */
export function dpdCheckCharacter(body: string): string {
  let product = 36;
  for (const char of body) {
    let sum = (product + ALPHANUMERIC.indexOf(char)) % 36;
    if (sum === 0) sum = 36;
    product = (2 * sum) % 37;
  }
  return ALPHANUMERIC[(37 - product) % 36]!;
}

const regionNames = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
function isCountry(code: string): boolean {
  const name = regionNames.of(code);
  return name !== undefined && name !== 'Unknown Region';
}

const UPS_SERVICES: Record<string, string> = {
  '01': 'Next Day Air',
  '02': '2nd Day Air',
  '03': 'Ground',
  '12': '3 Day Select',
  '13': 'Next Day Air Saver',
  '15': 'Next Day Air Early',
  '66': 'Worldwide Express',
};

const S10_SERVICES: [RegExp, string][] = [
  [/^E/, 'EMS'],
  [/^L/, 'Letter post express'],
  [/^R/, 'Registered'],
  [/^V/, 'Insured'],
  [/^C/, 'Parcel post'],
  [/^H/, 'Parcel post (e-commerce)'],
];

function recognised(
  carrier: CarrierCode,
  number: string,
  service: string | undefined,
  checkDigitVerified = true,
  country?: string,
): TrackingRecognised {
  const carrierName = carrier === 'upu' ? `Post (${country})` : CARRIER_NAMES[carrier];
  return {
    ok: true,
    carrier,
    carrierName,
    ...(service ? { service } : {}),
    number,
    checkDigitVerified,
    url: trackingUrl(carrier, number, country),
  };
}

function wrongCheck(carrier: CarrierCode, label: string, number: string, expected: number): TrackingRefused {
  return {
    ok: false,
    carrier,
    expected: String(expected),
    reason: `${label} tracking number ${number} has a wrong check digit (expected ${expected}); scan it again or type it from the label`,
  };
}

function ups(number: string): TrackingResult {
  const body = number.slice(2, 17);
  const expected = upsCheckDigit(body);
  if (Number(number[17]) !== expected) {
    return wrongCheck('ups', 'UPS', number, expected);
  }
  return recognised('ups', number, UPS_SERVICES[number.slice(8, 10)]);
}

function s10(number: string): TrackingResult {
  const service = number.slice(0, 2);
  const country = number.slice(11, 13);
  const expected = s10CheckDigit(number.slice(2, 10));
  const carrier: CarrierCode = country === 'GB' ? 'royalmail' : country === 'US' ? 'usps' : 'upu';
  if (!isCountry(country)) {
    return {
      ok: false,
      reason: `Tracking number ${number} ends in ${country}, which is not a country; international post numbers end in the sending country (GB, US, DE…)`,
    };
  }
  const label = carrier === 'upu' ? `Post (${country})` : CARRIER_NAMES[carrier];
  if (Number(number[10]) !== expected) return wrongCheck(carrier, label, number, expected);
  const serviceName = S10_SERVICES.find(([pattern]) => pattern.test(service))?.[1];
  return recognised(carrier, number, serviceName, true, country);
}

// USPS IMpb: the GS1 mod-10 rule (weights 3,1 from the right) over everything before the check digit.
// `number` is what is stored: the IMpb itself, its routing prefix (420 + ZIP or ZIP+4) taken off.
function uspsImpb(number: string, scanned: string): TrackingResult {
  const expected = gtinCheckDigit(number.slice(0, -1));
  if (Number(number.at(-1)) !== expected) return wrongCheck('usps', 'USPS', scanned, expected);
  return recognised('usps', number, number === scanned ? undefined : 'IMpb (routing prefix removed)');
}

const isImpb = (n: string) => (n.length === 22 || n.length === 26) && /^9[1-5]/.test(n);

/** A label barcode of 420 + ZIP (5) or ZIP+4 (9) before the IMpb: the routing is taken off. */
function uspsRouted(number: string): TrackingResult {
  const zip4 = number.slice(12);
  const zip5 = number.slice(8);
  if (isImpb(zip4)) return uspsImpb(zip4, number);
  if (isImpb(zip5)) return uspsImpb(zip5, number);
  if (zip4.length === 20) return usps20(zip4, number);
  return {
    ok: false,
    carrier: 'usps',
    reason: `USPS routing barcode ${number}: after 420 and the ZIP code there is no IMpb number (22 or 26 digits starting 91–95); scan the barcode again`,
  };
}

// 20 digits: a USPS number checked as it stands, or IMpb printed without its "91" application
// identifier, or FedEx SmartPost (checked with "92" before it).
function usps20(number: string, scanned = number): TrackingResult {
  const body = number.slice(0, -1);
  const actual = Number(number[19]);
  if (actual === gtinCheckDigit(body) || actual === gtinCheckDigit(`91${body}`)) {
    return recognised('usps', number, number === scanned ? undefined : 'IMpb (routing prefix removed)');
  }
  // SmartPost service codes start 61; without that test one misread in ten would pass as FedEx.
  if (number.startsWith('61') && actual === gtinCheckDigit(`92${body}`)) {
    return recognised('fedex', number, 'SmartPost');
  }
  return wrongCheck('usps', 'USPS', scanned, gtinCheckDigit(`91${body}`));
}

/** FedEx 32- and 34-digit label barcodes carry the 12-digit tracking number at their end. */
function fedexLong(number: string, service: string): TrackingResult {
  const tracking = number.slice(-12);
  if (number.length === 34) {
    const expected = fedex34CheckDigit(number.slice(20, 33));
    if (Number(number[33]) !== expected) return wrongCheck('fedex', 'FedEx', number, expected);
  } else {
    const expected = fedexExpressCheckDigit(tracking.slice(0, 11));
    if (Number(tracking[11]) !== expected) return wrongCheck('fedex', 'FedEx', number, expected);
  }
  return recognised('fedex', tracking, service);
}

function numeric(number: string): TrackingResult | null {
  const n = number.length;
  if (n === 10 || n === 11) {
    const expected = dhlCheckDigit(number.slice(0, -1));
    if (Number(number.at(-1)) !== expected) return wrongCheck('dhl', 'DHL Express', number, expected);
    return recognised('dhl', number, 'Express');
  }
  if (n === 12) {
    const expected = fedexExpressCheckDigit(number.slice(0, 11));
    if (Number(number[11]) !== expected) return wrongCheck('fedex', 'FedEx', number, expected);
    return recognised('fedex', number, 'Express');
  }
  if (n === 15 || n === 18) {
    // 15-digit Ground and the 18-digit SSCC both use the GS1 mod-10 rule.
    const expected = gtinCheckDigit(number.slice(0, -1));
    if (Number(number.at(-1)) !== expected) return wrongCheck('fedex', 'FedEx', number, expected);
    return recognised('fedex', number, 'Ground');
  }
  if (n === 22 && number.startsWith('96')) {
    // FedEx Ground "96": 96, two-digit SCNC, three-digit service, then a 14-digit serial whose own
    // GS1 mod-10 check digit ends the number.
    const expected = gtinCheckDigit(number.slice(7, 21));
    if (Number(number[21]) !== expected) return wrongCheck('fedex', 'FedEx', number, expected);
    return recognised('fedex', number, 'Ground');
  }
  if (n === 20) return usps20(number);
  if (isImpb(number)) return uspsImpb(number, number);
  if (number.startsWith('420') && n >= 28 && n <= 34) return uspsRouted(number);
  if (n === 34 && number.startsWith('96')) return fedexLong(number, 'Ground 96');
  if (n === 34 && number.startsWith('10')) return fedexLong(number, 'Express');
  if (n === 32) return fedexLong(number, 'Express');
  return null;
}

/** Formats without a check digit: the carrier is known by the shape alone. */
const FORMAT_ONLY: [RegExp, CarrierCode, string][] = [
  [/^TBA\d{12}$/, 'amazon', 'Amazon Logistics'],
  [/^J?JD\d{16}$/, 'yodel', 'Yodel'],
  [/^(?:GM|LX|RX|UV|CN|SG|TH|IN|HK|MY)\d{10,39}$/, 'dhlecommerce', 'eCommerce'],
  [/^[HT][0-9A-Z]{2}[A-Z0-9]{13}$/, 'evri', 'Evri'],
  [/^[A-Z]{2}\d{7}$/, 'parcelforce', 'Parcelforce Worldwide'],
];

/** Recognises a scanned or typed carrier tracking number and checks its check digit. */
export function recogniseTracking(raw: string): TrackingResult {
  const number = raw.toUpperCase().replace(/[\s-]/g, '');
  if (number === '') return { ok: false, reason: 'Tracking number is empty; scan the barcode on the label' };
  if (/^1Z[A-Z0-9]{16}$/.test(number)) return ups(number);
  if (/^1Z/.test(number)) {
    return {
      ok: false,
      carrier: 'ups',
      reason: `UPS tracking number ${number} has ${number.length} characters; UPS numbers are 1Z and 16 letters or digits (18 in all)`,
    };
  }
  if (/^[A-Z]{2}\d{9}[A-Z]{2}$/.test(number)) return s10(number);
  // DHL Express piece ids (JJD…, JVGL…) are labels without a check digit.
  if (/^J[A-Z]{2,3}\d{9,10}$/.test(number)) return recognised('dhl', number, 'Express piece', false);
  // DPD's 28-character label barcode: postcode (7), parcel number (14), service, country, check.
  const routed = /^420\d{25}$/.test(number) ? uspsRouted(number) : null;
  if (routed?.ok) return routed;
  if (/^\d{27}[0-9A-Z]$/.test(number)) {
    const expected = dpdCheckCharacter(number.slice(0, 27));
    if (number[27] !== expected) {
      return {
        ok: false,
        carrier: 'dpd',
        expected,
        reason: `DPD barcode ${number} has a wrong check character (expected ${expected}); scan it again or type the parcel number from the label`,
      };
    }
    return recognised('dpd', number.slice(7, 21), 'routing removed');
  }
  if (/^\d+$/.test(number)) {
    const result = numeric(number);
    if (result) return result;
  }
  for (const [pattern, carrier, service] of FORMAT_ONLY) {
    // Evri's 16 characters are mostly digits; a word that happens to be 16 letters is not one.
    if (pattern.test(number) && (carrier !== 'evri' || (number.match(/\d/g)?.length ?? 0) >= 8)) {
      return recognised(carrier, number, service, false);
    }
  }
  return {
    ok: false,
    reason: `“${raw.trim()}” matches no carrier format we know (UPS, FedEx, USPS, DHL, Royal Mail, Parcelforce, DPD, Evri, Yodel, Amazon or a post's S10); choose the carrier to keep it as unverified`,
  };
}

/** A number no format recognises, kept as typed for the carrier the packer chose. */
export type TrackingUnverified = {
  ok: true;
  carrier: null;
  carrierName: string;
  number: string;
  checkDigitVerified: false;
  unverified: true;
  url: null;
  service?: undefined;
};

export type TrackingAccepted = (TrackingRecognised & { unverified?: false }) | TrackingUnverified;

/**
 * What a bench keeps for a tracking number: a recognised one (its carrier from the format), a misread
 * of a known format refused, or a number no format knows kept as unverified for the chosen carrier.
 */
export function acceptTracking(raw: string, chosenCarrier?: string): TrackingAccepted | TrackingRefused {
  const result = recogniseTracking(raw);
  if (result.ok || result.carrier) return result;
  const number = raw.toUpperCase().replace(/[\s-]/g, '');
  if (!/^[A-Z0-9]{6,40}$/.test(number)) {
    return {
      ok: false,
      reason: `“${raw.trim()}” is not a tracking number: carriers use 6 to 40 letters and digits; scan the carrier’s barcode again`,
    };
  }
  const carrierName = chosenCarrier?.trim();
  if (!carrierName) return result;
  return {
    ok: true,
    carrier: null,
    carrierName,
    number,
    checkDigitVerified: false,
    unverified: true,
    url: null,
  };
}

// Carriers compared by family: "DHL" on a shipping method is DHL Express or DHL eCommerce.
const family = (name: string) => {
  const lower = name.toLowerCase().trim();
  if (lower.startsWith('royal mail')) return 'royal mail';
  if (lower.startsWith('amazon')) return 'amazon';
  return lower.split(/\s+/)[0] ?? lower;
};
const NOT_A_CARRIER = new Set(['collection', 'other', 'courier', '']);

/**
 * The one rule for a tracking number of another carrier than the order's shipping method: the
 * question to ask before shipping (on the Pack bench and the Ship desk alike), or null when they agree
 * or the order names no carrier.
 */
export function carrierConflict(
  tracking: Pick<TrackingAccepted, 'carrierName' | 'number'>,
  booked: { carrier?: string; method?: string; orderNumber: string },
): string | null {
  const expected = booked.carrier?.trim() ?? '';
  if (NOT_A_CARRIER.has(expected.toLowerCase())) return null;
  if (family(expected) === family(tracking.carrierName)) return null;
  return `${tracking.number} is a ${tracking.carrierName} number, but order ${booked.orderNumber} is booked with ${expected}${booked.method ? ` (${booked.method})` : ''}. Ship it with ${tracking.carrierName} anyway?`;
}
