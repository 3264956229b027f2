// The store as its receipts name it (settings key 'store.profile'): name, address and VAT number.
// Read leniently: the editor lives elsewhere, so an address may be stored as an address record
// or as plain text, and anything unreadable falls back to the store's name alone.
import { z } from 'zod';
import { countryLabel } from './countries';

export const STORE_PROFILE_KEY = 'store.profile';

const Line = z.string().trim().max(200);
const StructuredAddress = z.looseObject({
  line1: Line.optional(),
  line2: Line.optional(),
  city: Line.optional(),
  region: Line.optional(),
  postalCode: Line.optional(),
  country: z.string().trim().max(2).optional(),
});

export const StoreProfileSchema = z.looseObject({
  name: z.string().trim().min(1).max(120).optional(),
  address: z.union([StructuredAddress, z.string().max(500), z.array(Line)]).optional(),
  vatNumber: z.string().trim().max(40).optional(),
  phone: z.string().trim().max(40).optional(),
  email: z.string().trim().max(200).optional(),
});

export type StoreProfile = {
  name: string;
  /** The address as it prints, one line each. */
  addressLines: string[];
  vatNumber?: string;
  phone?: string;
  email?: string;
};

export const FALLBACK_STORE_NAME = 'Orderline demo store';

/** The stored profile as receipts print it; missing or damaged parts are left out. */
export function readStoreProfile(stored: unknown): StoreProfile {
  const parsed = StoreProfileSchema.safeParse(stored);
  if (!parsed.success) return { name: FALLBACK_STORE_NAME, addressLines: [] };
  const p = parsed.data;
  let addressLines: string[] = [];
  if (typeof p.address === 'string') addressLines = p.address.split(/\r?\n|,\s*/);
  else if (Array.isArray(p.address)) addressLines = p.address;
  else if (p.address) {
    const a = p.address;
    const town = [a.postalCode, a.city].filter(Boolean).join(' ');
    addressLines = [
      a.line1,
      a.line2,
      town,
      a.region,
      a.country ? countryLabel(a.country).replace(/ \(..\)$/, '') : '',
    ]
      .map((l) => l ?? '')
      .filter(Boolean);
  }
  return {
    name: p.name || FALLBACK_STORE_NAME,
    addressLines: addressLines.map((l) => l.trim()).filter(Boolean),
    ...(p.vatNumber ? { vatNumber: p.vatNumber } : {}),
    ...(p.phone ? { phone: p.phone } : {}),
    ...(p.email ? { email: p.email } : {}),
  };
}
