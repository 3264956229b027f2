// Phone numbers as the world dials them: stored in E.164 ("+493090182000"), so a link dials from
// any desk and search finds one form; read as the seller types them, in the customer's country.
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import { countryLabel } from './countries';

export type PhoneCheck = { ok: true; e164: string; display: string } | { ok: false; reason: string };

/** A typed number ("030 901820", "+49 30 901820", "0049…") in E.164, reading it in `country`. */
export function toE164(typed: string, country = 'GB'): PhoneCheck {
  const text = typed.trim().replace(/^00/, '+');
  if (!/\d/.test(text)) return { ok: false, reason: `Phone “${typed}” has no digits` };
  const parsed = parsePhoneNumberFromString(text, country as CountryCode);
  if (!parsed || !parsed.isPossible()) {
    const where = text.startsWith('+')
      ? ''
      : ` for ${countryLabel(country)}; start it with + and the country code if it is abroad`;
    return { ok: false, reason: `Phone “${typed}” is not a possible phone number${where}` };
  }
  return { ok: true, e164: parsed.number, display: parsed.formatInternational() };
}

/** A stored number as people read it ("+49 30 901820"); anything unreadable is shown as stored. */
export function displayPhone(stored: string): string {
  const parsed = parsePhoneNumberFromString(stored);
  return parsed ? parsed.formatInternational() : stored;
}

/** The tel: link for a stored number, always with its "+" and country code when it can be read. */
export function telHref(stored: string, country: string): string {
  const checked = toE164(stored, country);
  return `tel:${checked.ok ? checked.e164 : stored.replace(/[^\d+]/g, '')}`;
}
