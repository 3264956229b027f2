// The schema of every record Orderline stores (Dexie on the desk, PostgreSQL on the server).
// Nothing reaches storage without passing these; errors read as sentences (see validation.ts).
import { z } from 'zod';
import { checkGtin } from './barcodes';
import { caseCodeItem } from './gtin';
import { ORDER_CHANNELS, ORDER_STATUSES } from './orderStatus';

/** Ids are made on the device (UUIDv7: time-ordered, no server needed). */
export const Id = z.uuid({ message: 'must be an id made by Orderline (a UUID)' });
const IsoTime = z.iso.datetime({ message: 'must be a date and time (ISO 8601, UTC)' });
const Text = (label: string, max = 200) =>
  z
    .string()
    .trim()
    .min(1, { message: `${label} cannot be empty` })
    .max(max, { message: `${label} is longer than ${max} characters` });
/** A source from the store's list of where customers come from (see src-shared/acquisitionSources). */
export const SourceId = z.string().regex(/^[a-z0-9_]{1,40}$/, {
  message: 'must say how the customer heard about us (a source from the store’s list)',
});

/** A campaign code as printed: letters, digits and dashes (upper-cased before it is stored). */
export const CampaignCode = z.string().regex(/^[A-Z0-9][A-Z0-9-]{0,31}$/, {
  message: 'campaign code must be letters, digits and dashes, up to 32 (e.g. SPRING-26)',
});

const OptionalText = (label: string, max = 200) =>
  z
    .string()
    .trim()
    .max(max, { message: `${label} is longer than ${max} characters` })
    .optional();

export const CurrencyCode = z
  .string()
  .regex(/^[A-Z]{3}$/, { message: 'must be a three-letter ISO 4217 currency code such as USD or EUR' });

/** An amount in integer minor units (cents, pence) of one currency; never a float. */
export const MoneySchema = z.object({
  amount: z.int({ message: 'must be a whole number of minor units (cents), not a fraction' }),
  currency: CurrencyCode,
});

export const NonNegativeMoney = MoneySchema.refine((m) => m.amount >= 0, {
  message: 'cannot be negative',
  path: ['amount'],
});

// Trimmed first, so what is stored is exactly the digits that were checked.
export const Barcode = z
  .string()
  .trim()
  .superRefine((value, ctx) => {
    const result = checkGtin(value);
    if (!result.ok) ctx.addIssue({ code: 'custom', message: result.message });
  });

/** A GTIN-14 case code (indicator 1–8) of an item, and how many units one case holds. */
export const CaseCodeSchema = z.object({
  code: z
    .string()
    .trim()
    .refine((value) => caseCodeItem(value) !== null && value.length === 14, {
      message: 'a case code is a GTIN-14 starting with 1–8, with a right check digit',
    }),
  quantity: z
    .int({ message: 'units in a case must be a whole number' })
    .min(2, { message: 'a case holds at least 2 units' })
    .max(9999, { message: 'a case above 9,999 units is not believable' }),
});

export const Sku = z
  .string()
  .trim()
  .regex(/^[A-Z0-9][A-Z0-9._-]{1,39}$/, {
    message: 'must be 2–40 capital letters, digits, dots, dashes or underscores (e.g. TSH-RED-M)',
  });

export const TAX_CLASSES = ['standard', 'reduced', 'zero', 'exempt'] as const;
export const TaxClass = z.enum(TAX_CLASSES, { message: `must be one of ${TAX_CLASSES.join(', ')}` });

export const CountryCode = z
  .string()
  .regex(/^[A-Z]{2}$/, { message: 'must be a two-letter ISO 3166 country code such as US, GB or DE' });

export const ProductSchema = z.object({
  id: Id,
  name: Text('Product name'),
  description: OptionalText('Description', 4000),
  category: Text('Category', 80),
  brand: OptionalText('Brand', 80),
  taxClass: TaxClass,
  /** Attribute names the variants differ by, in display order (e.g. ["Size", "Colour"]). */
  options: z.array(Text('Option name', 40)).max(5, { message: 'a product can vary by at most 5 options' }),
  allowBackorder: z.boolean(),
  active: z.boolean(),
  /** Sold by the scale: each variant's price is per kilogram and its barcode the scale's item code. */
  soldByWeight: z.boolean().optional(),
  /** Lower-cased words of name, brand and category: the multi-entry search index. */
  searchWords: z.array(z.string()),
  createdAt: IsoTime,
  updatedAt: IsoTime,
});
export type Product = z.infer<typeof ProductSchema>;

const BinCode = z
  .string()
  .regex(/^[A-Z]{1,2}-\d{2}-\d{1,2}$/, { message: 'bin must look like A-03-2 (aisle-bay-shelf)' });

export const VariantSchema = z.object({
  id: Id,
  productId: Id,
  sku: Sku,
  barcode: Barcode,
  /** Option name → value, e.g. { Size: "M", Colour: "Red" }; empty for a product without variants. */
  attributes: z.record(z.string(), Text('Attribute value', 40)),
  price: NonNegativeMoney,
  weightGrams: z
    .int({ message: 'weight must be a whole number of grams' })
    .min(0, { message: 'weight cannot be negative' })
    .max(1_000_000, { message: 'weight above 1000 kg is not a parcel' }),
  /** Warehouse bin, e.g. "A-03-2" (aisle-bay-shelf): pick lists walk bins in this order. */
  bin: BinCode,
  /** Further bins holding overflow stock, after the pick bin. */
  overflowBins: z.array(BinCode).max(10, { message: 'at most 10 overflow bins' }).optional(),
  /** What one unit costs the store, for margins and stock value; never shown to a customer. */
  costPrice: NonNegativeMoney.optional(),
  dimensionsCm: z
    .object({
      length: z.number().positive({ message: 'length must be more than 0 cm' }).max(300),
      width: z.number().positive({ message: 'width must be more than 0 cm' }).max(300),
      height: z.number().positive({ message: 'height must be more than 0 cm' }).max(300),
    })
    .optional(),
  /** Reorder when available stock falls to this many units. */
  reorderPoint: z
    .int({ message: 'reorder point must be a whole number of units' })
    .min(0, { message: 'reorder point cannot be negative' })
    .max(100_000, { message: 'reorder point above 100,000 units is not believable' })
    .optional(),
  /** Harmonized System code (6 to 10 digits) for customs declarations; absent until the catalogue has it. */
  hsCode: z
    .string()
    .trim()
    .regex(/^\d{6,10}$/, { message: 'an HS code is 6 to 10 digits' })
    .optional(),
  /** Country of origin (ISO 3166-1 alpha-2) for customs declarations. */
  originCountry: z
    .string()
    .regex(/^[A-Z]{2}$/, { message: 'country of origin is a two-letter code like GB' })
    .optional(),
  /** The item's case codes (GTIN-14) with their pack quantity; a scan of one counts the whole case. */
  caseCodes: z.array(CaseCodeSchema).max(8).optional(),
  createdAt: IsoTime,
  updatedAt: IsoTime,
});
export type Variant = z.infer<typeof VariantSchema>;

export const STOCK_MOVEMENT_KINDS = ['receive', 'reserve', 'release', 'ship', 'adjust', 'return'] as const;
export const StockMovementSchema = z
  .object({
    id: Id,
    variantId: Id,
    kind: z.enum(STOCK_MOVEMENT_KINDS),
    /** Units; positive except for 'adjust', which may be negative (a count found fewer). */
    quantity: z
      .int({ message: 'quantity must be a whole number' })
      .refine((q) => q !== 0, { message: 'quantity cannot be zero' })
      .refine((q) => Math.abs(q) <= 100_000, { message: 'quantity above 100,000 units is not believable' }),
    orderId: Id.optional(),
    reason: OptionalText('Reason', 200),
    deskId: Text('Desk', 40),
    staffId: Id.optional(),
    createdAt: IsoTime,
  })
  .refine((m) => m.kind === 'adjust' || m.quantity >= 0, {
    message: 'cannot be negative except in an adjustment',
    path: ['quantity'],
  })
  .refine((m) => m.kind !== 'adjust' || (m.reason ?? '').length > 0, {
    message: 'is needed for a stock adjustment',
    path: ['reason'],
  });
export type StockMovement = z.infer<typeof StockMovementSchema>;

/** Derived and cached from the ledger: never edited by hand. */
export const StockLevelSchema = z.object({
  variantId: Id,
  onHand: z.int(),
  reserved: z.int(),
  updatedAt: IsoTime,
});
export type StockLevel = z.infer<typeof StockLevelSchema>;

export const AddressSchema = z.object({
  id: Id,
  kind: z.enum(['shipping', 'billing']),
  name: Text('Recipient name', 120),
  company: OptionalText('Company', 120),
  line1: Text('Address line 1'),
  line2: OptionalText('Address line 2'),
  city: Text('City', 100),
  region: OptionalText('State / region', 100),
  postalCode: OptionalText('Postcode', 20),
  country: CountryCode,
  phone: OptionalText('Phone', 40),
});
export type Address = z.infer<typeof AddressSchema>;

export const CustomerSchema = z.object({
  id: Id,
  name: Text('Customer name', 120),
  company: OptionalText('Company', 120),
  email: z.email({ message: 'e-mail address is not valid (expected name@example.com)' }).optional(),
  /** Stored as typed; phoneDigits (digits only) is what search uses. */
  phone: OptionalText('Phone', 40),
  phoneDigits: z.string().regex(/^\d*$/),
  addresses: z.array(AddressSchema).max(20),
  notes: OptionalText('Notes', 4000),
  acquisitionSource: SourceId,
  /** The campaign the customer answered (a code printed on a catalogue or an advert). */
  campaignCode: CampaignCode.optional(),
  isBusiness: z.boolean(),
  searchWords: z.array(z.string()),
  createdAt: IsoTime,
  updatedAt: IsoTime,
});
export type Customer = z.infer<typeof CustomerSchema>;

export const OrderLineSchema = z.object({
  id: Id,
  variantId: Id,
  sku: Sku,
  name: Text('Line name'),
  quantity: z
    .int({ message: 'quantity must be a whole number' })
    .min(1, { message: 'quantity must be at least 1' })
    .max(9999, { message: 'quantity above 9,999 on one line is not believable' }),
  unitPrice: NonNegativeMoney,
  taxClass: TaxClass,
  discount: NonNegativeMoney.optional(),
});
export type OrderLine = z.infer<typeof OrderLineSchema>;

/** Luhn-valid runs of 13–19 digits (spaces or dashes between them allowed) are card numbers. */
function holdsCardNumber(text: string): boolean {
  return (text.match(/\d(?:[ -]?\d)*/g) ?? []).some((run) => {
    const digits = run.replace(/\D/g, '');
    if (digits.length < 13 || digits.length > 19) return false;
    let sum = 0;
    for (let i = 0; i < digits.length; i++) {
      let d = digits.charCodeAt(digits.length - 1 - i) - 48;
      if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
      sum += d;
    }
    return sum % 10 === 0;
  });
}

export const PAYMENT_METHODS = [
  'cash',
  'card_terminal',
  'cash_on_delivery',
  'invoice',
  'bank_transfer',
  // Balances the customer holds with the store (src-shared/balances.ts): each debits its ledger.
  'gift_card',
  'store_credit',
  'loyalty_points',
] as const;
/** Captured at the till, these are owed on account: paid only when payment.receive records it. */
export const ON_ACCOUNT_METHODS = ['cash_on_delivery', 'invoice'] as const;
/** How money owed on account arrives later. */
export const RECEIVE_METHODS = ['bank_transfer', 'card_terminal', 'cash'] as const;
export const PaymentSchema = z
  .object({
    id: Id,
    method: z.enum(PAYMENT_METHODS),
    amount: NonNegativeMoney,
    /** Card: the external terminal's reference; invoice: the purchase-order number. */
    reference: OptionalText('Reference', 80).refine((ref) => ref === undefined || !holdsCardNumber(ref), {
      message:
        "looks like a full card number; keep the terminal's reference here and only the last four digits in Card digits",
    }),
    /** Card: the last four digits only. A full card number or CVV is never stored. */
    cardLast4: z
      .string()
      .regex(/^\d{4}$/, { message: 'must be the last four digits only, never the whole card number' })
      .optional(),
    termsDays: z.int().min(0).max(120).optional(),
    /** Cash: what the customer handed over, and the change given back (for the receipt). */
    tendered: NonNegativeMoney.optional(),
    change: NonNegativeMoney.optional(),
    /** Money that was owed on account (an invoice, cash on delivery) and has now arrived. */
    received: z.boolean().optional(),
    at: IsoTime,
  })
  .strict();
export type Payment = z.infer<typeof PaymentSchema>;

export const OrderTotalsSchema = z.object({
  subtotal: z.int(),
  discount: z.int(),
  shipping: z.int(),
  tax: z.int(),
  total: z.int(),
  paid: z.int(),
  refunded: z.int(),
  /** Of `paid`, what is owed on account (invoice, cash on delivery) and has not arrived yet. */
  owed: z.int().min(0).optional(),
});
export type OrderTotals = z.infer<typeof OrderTotalsSchema>;

export const OrderSchema = z.object({
  id: Id,
  /** Human order number, unique without a server: <desk code>-<sequence>, e.g. D1-000042. */
  number: z.string().regex(/^[A-Z0-9]{1,6}-\d{6}$/, {
    message: 'Order number must look like D1-000042 (desk code, dash, six digits)',
  }),
  deskId: Text('Desk', 40),
  customerId: Id.optional(),
  customerName: OptionalText('Customer name', 120),
  channel: z.enum(ORDER_CHANNELS),
  status: z.enum(ORDER_STATUSES),
  currency: CurrencyCode,
  lines: z.array(OrderLineSchema).max(500, { message: 'an order holds at most 500 lines' }),
  shippingAddress: AddressSchema.optional(),
  billingAddress: AddressSchema.optional(),
  shippingMethod: OptionalText('Shipping method', 80),
  totals: OrderTotalsSchema,
  payments: z.array(PaymentSchema),
  gift: z.object({ wrap: z.boolean(), message: OptionalText('Gift message', 300) }).optional(),
  /** The promo code the checkout applied, so "one use per customer" can see past use. */
  promoCode: OptionalText('Promo code', 40),
  /** A seller's discount on the whole order (cart.setOrderDiscount), spread over the lines at checkout. */
  orderDiscount: NonNegativeMoney.optional(),
  tracking: z
    .object({
      carrier: Text('Carrier', 40),
      number: Text('Tracking number', 60),
      /** False when no carrier format recognised the number: kept as the packer gave it, for the
       * carrier they chose. Absent for a recognised number. */
      verified: z.boolean().optional(),
    })
    .optional(),
  acquisitionSource: SourceId.optional(),
  campaignCode: CampaignCode.optional(),
  /** Who checked the order out: the person signed in when it left the cart (sales by staff). */
  soldBy: z.object({ staffId: Id.optional(), name: Text('Seller name', 120) }).optional(),
  /** Numbers the order had before the server renumbered it (a desk restored from an old copy
   * reissued a number the store already had), so a receipt with the old number still finds it. */
  formerNumbers: z.array(z.string().max(20)).max(10).optional(),
  /** The order machine's context after the last event (see machines/orderMachine.ts), so the
   * next event can be judged without replaying the log. */
  machine: z.record(z.string(), z.unknown()),
  /** Number of events folded into this row. */
  version: z.int().min(0),
  /** Lower-cased words of the order number and customer name: the multi-entry search index. */
  searchWords: z.array(z.string()),
  createdAt: IsoTime,
  updatedAt: IsoTime,
});
export type Order = z.infer<typeof OrderSchema>;

export const OrderEventSchema = z.object({
  id: Id,
  orderId: Id,
  /** 1-based position in the order's log. */
  seq: z.int().min(1),
  /** The machine event exactly as sent: a plain, serialisable object with a dotted type. */
  event: z.looseObject({ type: z.string().regex(/^[a-z]+(\.[a-zA-Z]+)+$/) }),
  /** Descriptive changes that travel with the event (customer, addresses, shipping method,
   * totals); the machine judges the event, these only describe the order. */
  details: z.record(z.string(), z.unknown()).optional(),
  from: z.enum(ORDER_STATUSES),
  to: z.enum(ORDER_STATUSES),
  deskId: Text('Desk', 40),
  staffId: Id.optional(),
  staffName: OptionalText('Staff name', 120),
  /** The manager who approved the change on the spot, when the person's role needed approval. */
  approvedById: Id.optional(),
  at: IsoTime,
});
export type OrderEvent = z.infer<typeof OrderEventSchema>;

export const OUTBOX_KINDS = [
  'order.event',
  'record.put',
  'stock.movement',
  'email.send',
  'balance.movement',
] as const;
/** A desk-only entry standing for up to MAX_PUSH_MUTATIONS records of one table written in bulk (a
 * CSV import): it names them and holds the block of sequence numbers they are sent under; the push
 * turns it into one ordinary entry per record just before sending (db/outboxBatch). Never sent. */
export const OUTBOX_BATCH = 'batch';
export const OutboxEntrySchema = z.object({
  /** The mutation id: the server applies each at most once. */
  id: Id,
  kind: z.enum([...OUTBOX_KINDS, OUTBOX_BATCH]),
  table: z.string().min(1),
  recordId: Id,
  payload: z.unknown(),
  createdAt: IsoTime,
  state: z.enum(['pending', 'applied', 'rejected']),
  rejection: z.string().optional(),
  /** The desk's sequence: entries are sent in this order (given as the entry is stored). */
  seq: z.int().min(1).optional(),
  /** Sends the server answered with an error (not a verdict); after a few the change is set aside. */
  attempts: z.int().min(0).optional(),
  /** A batch entry only: how many records it names (indexed, so counting what waits reads no payload). */
  batchSize: z.int().min(1).optional(),
});
export type OutboxEntry = z.infer<typeof OutboxEntrySchema>;

export const STAFF_ROLES = ['owner', 'manager', 'seller', 'packer'] as const;
export const StaffSchema = z.object({
  id: Id,
  name: Text('Name', 120),
  role: z.enum(STAFF_ROLES),
  /** PBKDF2 hash of the PIN ("pbkdf2-sha256$<iterations>$<salt b64>$<hash b64>"); never the PIN. */
  pinHash: z
    .string()
    .regex(/^pbkdf2-sha256\$\d+\$[^$]+\$[^$]+$/)
    .optional(),
  active: z.boolean(),
  createdAt: IsoTime,
  updatedAt: IsoTime,
});
export type Staff = z.infer<typeof StaffSchema>;

export const SettingSchema = z.object({
  key: Text('Setting name', 80),
  value: z.unknown(),
});
export type Setting = z.infer<typeof SettingSchema>;

// Desk-side records of the Sell and Fulfil work that is not an order event: who did what (audit),
// parcels packed and shipped, returns received and supplier deliveries booked in.
const Units = z
  .int({ message: 'units must be a whole number' })
  .min(1, { message: 'units must be at least 1' })
  .max(100_000, { message: 'units above 100,000 are not believable' });

export const AUDIT_KINDS = [
  'sign_in',
  'sign_in_failed',
  'sign_out',
  'lock',
  'approval',
  'refund',
  'price_override',
  'discount',
  'cancel',
  'stock_adjust',
  'stock_receive',
  'cycle_count',
  'label_override',
  'return',
  'register',
  'staff_change',
] as const;
export const AuditEntrySchema = z.object({
  id: Id,
  at: IsoTime,
  kind: z.enum(AUDIT_KINDS),
  deskId: Text('Desk', 40),
  staffId: Id.optional(),
  staffName: OptionalText('Staff name', 120),
  /** The manager who approved the action on the spot, when it needed approval. */
  approvedById: Id.optional(),
  approvedByName: OptionalText('Approver name', 120),
  orderId: Id.optional(),
  orderNumber: OptionalText('Order number', 40),
  variantId: Id.optional(),
  /** One sentence a person reads in the log: "Refunded £12.00 to card •••• 4242: damaged". */
  summary: Text('Summary', 500),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

export const ParcelSchema = z.object({
  id: Id,
  orderId: Id,
  orderNumber: Text('Order number', 40),
  units: Units,
  /** Every unit in the parcel was scanned; false only with a manager's override. */
  verified: z.boolean(),
  /** Units per variant in the parcel, so a split parcel reopens with what it holds. */
  contents: z.array(z.object({ variantId: Id, quantity: Units })).optional(),
  /** False when the tracking number matched no carrier format and was taken as the packer typed it. */
  trackingVerified: z.boolean().optional(),
  override: z
    .object({ staffId: Id, staffName: Text('Approver name', 120), reason: Text('Reason', 200) })
    .optional(),
  weightGrams: z.int().min(1).max(70_000).optional(),
  dimensionsCm: z
    .object({
      length: z.number().positive().max(300),
      width: z.number().positive().max(300),
      height: z.number().positive().max(300),
    })
    .optional(),
  carrier: OptionalText('Carrier', 40),
  service: OptionalText('Service', 80),
  trackingNumber: OptionalText('Tracking number', 60),
  labelPrintedAt: IsoTime.optional(),
  shippedAt: IsoTime.optional(),
  /** When the carrier's end-of-day manifest holding this parcel was closed (handed over). */
  handedOverAt: IsoTime.optional(),
  deskId: Text('Desk', 40),
  createdAt: IsoTime,
});
export type Parcel = z.infer<typeof ParcelSchema>;

export const RETURN_DISPOSITIONS = ['restock', 'write_off'] as const;
export const ReturnSchema = z.object({
  id: Id,
  orderId: Id,
  orderNumber: Text('Order number', 40),
  lines: z
    .array(
      z.object({
        variantId: Id,
        sku: z.string(),
        name: z.string(),
        quantity: Units,
        disposition: z.enum(RETURN_DISPOSITIONS),
      }),
    )
    .min(1, { message: 'A return needs at least one item' }),
  reason: Text('Reason', 200),
  deskId: Text('Desk', 40),
  staffId: Id.optional(),
  staffName: OptionalText('Staff name', 120),
  createdAt: IsoTime,
});
export type ReturnRecord = z.infer<typeof ReturnSchema>;

export const DeliverySchema = z.object({
  id: Id,
  supplier: Text('Supplier', 120),
  reference: OptionalText('Delivery reference', 80),
  lines: z
    .array(
      z.object({
        variantId: Id,
        sku: z.string(),
        name: z.string(),
        quantity: Units,
        bin: OptionalText('Bin', 40),
      }),
    )
    .min(1, { message: 'A delivery needs at least one item' }),
  deskId: Text('Desk', 40),
  staffId: Id.optional(),
  staffName: OptionalText('Staff name', 120),
  receivedAt: IsoTime,
});
export type Delivery = z.infer<typeof DeliverySchema>;
