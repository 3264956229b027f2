// The customs declaration a parcel needs when it leaves the sender's customs territory (UPU CN22, or
// CN23 above the CN22 value limit): contents with HS code and origin per item, value and weight.
import { EU_MEMBER_STATES } from './countries';
import type { Order } from './records';

/** Customs territories larger than one country: the EU customs union (with Monaco), the UK with the Isle of Man. */
const TERRITORY: Record<string, string> = {
  ...Object.fromEntries(EU_MEMBER_STATES.map((c) => [c, 'EU'])),
  MC: 'EU',
  GB: 'GB',
  IM: 'GB',
};
const territoryOf = (country: string) => TERRITORY[country] ?? country;

/** Whether a parcel from `from` to `to` leaves the customs territory (and so needs a declaration). */
export function leavesCustomsTerritory(from: string, to: string): boolean {
  return territoryOf(from) !== territoryOf(to);
}

// CN22 covers contents up to 300 SDR (UPU Convention); above it, CN23. The limit in each currency,
// rounded down so a parcel near it gets the fuller form.
const CN22_LIMIT_MINOR: Record<string, number> = { GBP: 27_000, EUR: 33_000, USD: 37_500 };

export type CustomsItem = {
  description: string;
  quantity: number;
  /** Net weight of these units, in grams (0 when the catalogue has no weight). */
  weightGrams: number;
  /** Value of these units in minor units, after the line's discount. */
  value: number;
  hsCode?: string;
  originCountry?: string;
};

export type CustomsDeclaration = {
  form: 'CN22' | 'CN23';
  category: 'Sale of goods';
  currency: string;
  items: CustomsItem[];
  totalValue: number;
  totalWeightGrams: number;
  /** What the catalogue still lacks for this declaration, as sentences (HS code, origin). */
  missing: string[];
};

export type CustomsInput = {
  order: Pick<Order, 'lines' | 'currency' | 'shippingAddress' | 'number'>;
  fromCountry: string;
  /** Units per variant in the parcel. */
  inParcel: ReadonlyMap<string, number>;
  variants: readonly { id: string; weightGrams: number; hsCode?: string; originCountry?: string }[];
};

/** The declaration for a parcel, or null when it stays inside the customs territory. */
export function customsDeclaration(input: CustomsInput): CustomsDeclaration | null {
  const to = input.order.shippingAddress?.country;
  if (!to || !leavesCustomsTerritory(input.fromCountry, to)) return null;
  const byId = new Map(input.variants.map((v) => [v.id, v]));
  const items: CustomsItem[] = [];
  const missing: string[] = [];
  for (const line of input.order.lines) {
    const quantity = input.inParcel.get(line.variantId) ?? 0;
    if (quantity <= 0) continue;
    const variant = byId.get(line.variantId);
    const lineValue = line.unitPrice.amount * line.quantity - (line.discount?.amount ?? 0);
    const item: CustomsItem = {
      description: line.name,
      quantity,
      weightGrams: (variant?.weightGrams ?? 0) * quantity,
      value: Math.round((lineValue * quantity) / line.quantity),
      ...(variant?.hsCode ? { hsCode: variant.hsCode } : {}),
      ...(variant?.originCountry ? { originCountry: variant.originCountry } : {}),
    };
    if (!item.hsCode) missing.push(`${line.sku} has no HS code`);
    if (!item.originCountry) missing.push(`${line.sku} has no country of origin`);
    items.push(item);
  }
  const totalValue = items.reduce((sum, i) => sum + i.value, 0);
  const limit = CN22_LIMIT_MINOR[input.order.currency];
  return {
    form: limit !== undefined && totalValue <= limit ? 'CN22' : 'CN23',
    category: 'Sale of goods',
    currency: input.order.currency,
    items,
    totalValue,
    totalWeightGrams: items.reduce((sum, i) => sum + i.weightGrams, 0),
    missing,
  };
}
