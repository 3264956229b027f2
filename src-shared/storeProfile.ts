// The store's own facts: the name, address and tax number printed on receipts and invoices, their
// footer, and the currency, locale and time zone every desk sells, prices and dates in.
import { z } from 'zod';
import { CurrencyCode } from './records';
import { isTimeZone } from './storeDay';

/** The settings key; receipts and invoices read the same row. */
export const STORE_PROFILE_KEY = 'store.profile';

function isLocale(locale: string): boolean {
  try {
    return Intl.getCanonicalLocales(locale).length === 1;
  } catch {
    return false;
  }
}

export const StoreProfileSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, { message: 'Store name cannot be empty; it heads every receipt' })
    .max(120, { message: 'Store name is longer than 120 characters' }),
  /** As printed, one line per line. */
  address: z.string().trim().max(400, { message: 'Address is longer than 400 characters' }),
  vatNumber: z
    .string()
    .trim()
    .max(30, { message: 'VAT or tax number is longer than 30 characters' })
    .regex(/^[A-Za-z0-9 .\-/]*$/, {
      message: 'VAT or tax number may hold only letters, digits, spaces, dots, dashes and slashes',
    }),
  footer: z.string().trim().max(500, { message: 'Receipt footer is longer than 500 characters' }),
  currency: CurrencyCode,
  locale: z.string().trim().refine(isLocale, {
    message: 'Locale must be a language and region such as en-GB, en-US or de-DE',
  }),
  timeZone: z.string().trim().refine(isTimeZone, {
    message: 'Time zone must be one such as Europe/London or America/New_York',
  }),
});
export type StoreProfile = z.infer<typeof StoreProfileSchema>;

/** What a store that never set its profile runs on: the values the code used before it could be set. */
export const DEFAULT_STORE_PROFILE: StoreProfile = {
  name: 'Orderline store',
  address: '',
  vatNumber: '',
  footer: 'Thank you for shopping with us.',
  currency: 'GBP',
  locale: 'en-GB',
  timeZone: 'Europe/London',
};

/** The stored profile, or the defaults when none is stored or what is stored no longer parses. */
export function readStoreProfile(value: unknown): StoreProfile {
  const parsed = StoreProfileSchema.safeParse(value);
  return parsed.success ? parsed.data : DEFAULT_STORE_PROFILE;
}

/** Time zones offered in the settings form (the runtime's own list, when it has one). */
export function timeZoneChoices(): string[] {
  const intl = Intl as typeof Intl & { supportedValuesOf?: (key: 'timeZone') => string[] };
  const zones = intl.supportedValuesOf?.('timeZone') ?? [];
  return zones.includes('UTC') ? zones : ['UTC', ...zones];
}

/** What heads a receipt: the store's name, its address one line each, and its VAT number if it has one. */
export type ReceiptHeader = { name: string; addressLines: string[]; vatNumber?: string };

export function receiptHeader(stored: unknown): ReceiptHeader {
  const profile = readStoreProfile(stored);
  const addressLines = profile.address
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
  return { name: profile.name, addressLines, ...(profile.vatNumber ? { vatNumber: profile.vatNumber } : {}) };
}
