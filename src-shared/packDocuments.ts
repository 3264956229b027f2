// What the pack bench's documents say: the 4x6 shipping label (one content for the print view and the
// ZPL), the packing slip, the store's ship-from address, and a parcel's weight and size as typed.
import { packableLines } from './balances';
import { checkAddress } from './addressFormats';
import { addressBlock, type LabelAddress, type ShippingLabel } from './labelZpl';
import { AddressSchema, type Address, type Order, type Parcel } from './records';
import { safeParseRecord } from './validation';

/** The settings key of the store's ship-from address (a store setting: every desk ships from it),
 * and of this desk's "print the label at once". */
export const SHIP_FROM_KEY = 'store.shipFrom';
export const AUTO_PRINT_LABEL_KEY = 'autoPrintLabel';

export type ShipFromCheck = { ok: true; address: Address } | { ok: false; reason: string };

/** The stored (or typed) ship-from address, checked like any address for its country. */
export function parseShipFrom(value: unknown): ShipFromCheck {
  if (value === undefined || value === null) {
    return {
      ok: false,
      reason: 'No ship-from address is set; add the store’s address in Settings › Documents',
    };
  }
  const parsed = safeParseRecord(AddressSchema, value);
  if (!parsed.ok) return { ok: false, reason: `Ship-from address: ${parsed.issues.join('; ')}` };
  const checked = checkAddress(parsed.value);
  const problems = Object.values(checked.problems);
  if (problems.length > 0) return { ok: false, reason: `Ship-from address: ${problems.join('; ')}` };
  return { ok: true, address: { ...parsed.value, postalCode: checked.postalCode || undefined } };
}

// The label's address lines are the slip's too (labelZpl owns them); re-exported for the slip view.
export { addressBlock };

// ---- Weight and size, as the packer types them ----

export const MAX_PARCEL_GRAMS = 70_000;
export const MAX_SIDE_CM = 300;

export type MeasureText = { weight: string; length: string; width: string; height: string };
export type ParcelMeasureInput = {
  weightGrams: number;
  dimensionsCm?: { length: number; width: number; height: number };
};
export type MeasureResult =
  ({ ok: true } & ParcelMeasureInput) | { ok: false; field: 'weight' | 'size'; reason: string };

const NUMBER = /^(\d+(?:[.,]\d+)?)\s*(kg|g)?$/i;

/** "1.25", "1,25 kg" and "1250 g" are all 1250 g; a bare number is kilograms, as scales show. */
export function parseWeight(text: string): { ok: true; grams: number } | { ok: false; reason: string } {
  const typed = text.trim();
  if (!typed) return { ok: false, reason: 'Type the parcel’s weight in kg (e.g. 1.25), or in grams with g' };
  const match = NUMBER.exec(typed);
  if (!match) return { ok: false, reason: `“${typed}” is not a weight; type it like 1.25 (kg) or 1250 g` };
  const value = Number(match[1]!.replace(',', '.'));
  const grams = Math.round(match[2]?.toLowerCase() === 'g' ? value : value * 1000);
  if (grams < 1)
    return { ok: false, reason: `${typed} weighs nothing; put the parcel on the scale and weigh again` };
  if (grams > MAX_PARCEL_GRAMS) {
    return {
      ok: false,
      reason: `${(grams / 1000).toLocaleString('en-GB')} kg is over the ${MAX_PARCEL_GRAMS / 1000} kg a carrier takes as one parcel; check the scale or split it`,
    };
  }
  return { ok: true, grams };
}

function parseSide(name: string, text: string): { ok: true; cm: number } | { ok: false; reason: string } {
  const typed = text.trim().replace(/\s*cm$/i, '');
  if (!/^\d+(?:[.,]\d)?$/.test(typed)) {
    return {
      ok: false,
      reason: `${name} “${text.trim()}” is not a length; type centimetres like 30 or 30.5`,
    };
  }
  const cm = Number(typed.replace(',', '.'));
  if (cm <= 0 || cm > MAX_SIDE_CM) {
    return {
      ok: false,
      reason: `${name} ${cm} cm is not a parcel side; measure again (0.1 to ${MAX_SIDE_CM} cm)`,
    };
  }
  return { ok: true, cm };
}

/** The typed weight (required) and size (all three sides, or none). */
export function parseMeasure(text: MeasureText): MeasureResult {
  const weight = parseWeight(text.weight);
  if (!weight.ok) return { ok: false, field: 'weight', reason: weight.reason };
  const sides = [
    ['Length', text.length],
    ['Width', text.width],
    ['Height', text.height],
  ] as const;
  const given = sides.filter(([, value]) => value.trim() !== '');
  if (given.length === 0) return { ok: true, weightGrams: weight.grams };
  if (given.length < 3) {
    return {
      ok: false,
      field: 'size',
      reason: 'Give all three sides of the box (length, width, height), or none',
    };
  }
  const cms: number[] = [];
  for (const [name, value] of sides) {
    const side = parseSide(name, value);
    if (!side.ok) return { ok: false, field: 'size', reason: side.reason };
    cms.push(side.cm);
  }
  const [length, width, height] = cms as [number, number, number];
  return { ok: true, weightGrams: weight.grams, dimensionsCm: { length, width, height } };
}

/** Weight for people: "850 g", "1.25 kg". */
export function formatWeight(grams: number): string {
  return grams < 1000 ? `${grams} g` : `${(grams / 1000).toFixed(2).replace(/\.?0+$/, '')} kg`;
}

// ---- The shipping label ----

/** A parcel's own barcode: the order number, with "-2", "-3"… for an order's later parcels. */
export function parcelReference(orderNumber: string, parcelIndex: number): string {
  return parcelIndex <= 1 ? orderNumber : `${orderNumber}-${parcelIndex}`;
}

/** Why no label may be printed for this parcel yet, or null. */
export function labelRefusal(parcel: Pick<Parcel, 'verified' | 'override' | 'orderNumber'>): string | null {
  if (parcel.verified || parcel.override) return null;
  return `Not every item in the parcel of ${parcel.orderNumber} is verified: no label without a manager’s approval`;
}

const toLabelAddress = (address: Address): LabelAddress => ({
  name: address.name,
  company: address.company,
  line1: address.line1,
  line2: address.line2,
  city: address.city,
  region: address.region,
  postalCode: address.postalCode,
  country: address.country,
  phone: address.phone,
});

export type LabelContent = { ok: true; label: ShippingLabel } | { ok: false; reason: string };

/** What goes on the 4x6 label of one parcel, or why there can be no label. */
export function shippingLabelFor(input: {
  order: Pick<Order, 'number' | 'shippingAddress' | 'shippingMethod'>;
  parcel: Pick<
    Parcel,
    'verified' | 'override' | 'orderNumber' | 'weightGrams' | 'carrier' | 'service' | 'trackingNumber'
  >;
  shipFrom: unknown;
  /** 1 for the order's first parcel. */
  parcelIndex?: number;
  parcelCount?: number;
}): LabelContent {
  const refusal = labelRefusal(input.parcel);
  if (refusal) return { ok: false, reason: refusal };
  const from = parseShipFrom(input.shipFrom);
  if (!from.ok) return from;
  const to = input.order.shippingAddress;
  if (!to) {
    return {
      ok: false,
      reason: `Order ${input.order.number} has no shipping address; add one to the order first`,
    };
  }
  const index = input.parcelIndex ?? 1;
  const count = input.parcelCount ?? 1;
  const label: ShippingLabel = {
    shipFrom: toLabelAddress(from.address),
    shipTo: toLabelAddress(to),
    carrier: input.parcel.carrier ?? input.order.shippingMethod ?? 'Carrier',
    parcelReference: parcelReference(input.order.number, index),
    ...(input.parcel.service ? { service: input.parcel.service } : {}),
    ...(input.parcel.trackingNumber ? { trackingNumber: input.parcel.trackingNumber } : {}),
    ...(count > 1 ? { parcel: { index, count } } : {}),
    ...(input.parcel.weightGrams ? { weightGrams: input.parcel.weightGrams } : {}),
  };
  return { ok: true, label };
}

// ---- The packing slip ----

export type PackingSlip = {
  orderNumber: string;
  orderDate: string;
  customerName: string;
  shipFrom: string[];
  shipTo: string[];
  lines: { sku: string; name: string; ordered: number; inParcel: number }[];
  unitsInParcel: number;
  gift: { wrap: boolean; message?: string } | null;
  /** "2 items follow in a later parcel" on a split shipment. */
  toFollow: number;
};

/**
 * The slip that goes in the box: every line with how many are in this parcel (all of them unless
 * `inParcel` says otherwise, as on a split), the gift message, both addresses.
 */
export function packingSlipFor(input: {
  order: Pick<Order, 'number' | 'createdAt' | 'customerName' | 'lines' | 'gift' | 'shippingAddress'>;
  shipFrom: unknown;
  /** Units of each variant in this parcel; absent = the whole order. */
  inParcel?: ReadonlyMap<string, number>;
}): PackingSlip {
  const { order } = input;
  const from = parseShipFrom(input.shipFrom);
  // A gift card is a code on the receipt, not in the box: the slip neither lists nor awaits it.
  const lines = packableLines(order.lines).map((line) => ({
    sku: line.sku,
    name: line.name,
    ordered: line.quantity,
    inParcel: Math.min(
      line.quantity,
      input.inParcel ? (input.inParcel.get(line.variantId) ?? 0) : line.quantity,
    ),
  }));
  const unitsInParcel = lines.reduce((sum, line) => sum + line.inParcel, 0);
  const ordered = lines.reduce((sum, line) => sum + line.ordered, 0);
  const message = order.gift?.message?.trim();
  return {
    orderNumber: order.number,
    orderDate: order.createdAt.slice(0, 10),
    customerName: order.customerName ?? order.shippingAddress?.name ?? 'Customer',
    shipFrom: from.ok ? addressBlock(from.address) : [],
    shipTo: order.shippingAddress ? addressBlock(order.shippingAddress) : [],
    lines,
    unitsInParcel,
    gift: order.gift ? { wrap: order.gift.wrap, ...(message ? { message } : {}) } : null,
    toFollow: ordered - unitsInParcel,
  };
}
