// Every plain record kind that syncs, with its schema and its conflict rule, in one table both the
// server (when it applies a push) and the desk (when it applies a pull) read. Orders, order events
// and stock movements have rules of their own (an event log judged by the order machine, and a
// ledger whose movements commute); see the README's table.
import { z } from 'zod';
import {
  AuditEntrySchema,
  CustomerSchema,
  DeliverySchema,
  Id,
  MoneySchema,
  ParcelSchema,
  ProductSchema,
  ReturnSchema,
  SettingSchema,
  StaffSchema,
  VariantSchema,
  PAYMENT_METHODS,
} from './records';
import { FeedbackSchema } from './feedback';
import { QuoteSchema } from './quotes';
import { ReferralRewardSchema } from './referrals';
import type { RecordTable } from './syncProtocol';
import { uuidv5 } from './uuidv5';

/**
 * - `fields`: last writer wins per field, in the order the server applies the edits (an edit names
 *   the fields it changed; the ones it did not name keep what other desks wrote).
 * - `append`: written once and never edited; the same id again is the same fact (a duplicate).
 */
export type ConflictRule = 'fields' | 'append';

const when = z.iso.datetime({ message: 'must be a date and time (ISO 8601, UTC)' });
const reason = z.string().trim().max(200);
const salePayment = z.object({
  method: z.enum(PAYMENT_METHODS),
  amount: MoneySchema,
  roundingAdjustment: MoneySchema.optional(),
});

/** A register shift as src-shared/registerShift builds it (its entries only ever grow). */
export const ShiftSchema = z.object({
  id: Id,
  deskId: z.string().trim().min(1).max(40),
  currency: z.string().regex(/^[A-Z]{3}$/),
  openedAt: when,
  openedBy: z.string().min(1).max(80),
  float: MoneySchema,
  entries: z
    .array(
      z.discriminatedUnion('kind', [
        z.object({
          kind: z.enum(['cash_in', 'cash_out']),
          at: when,
          staffId: z.string(),
          amount: MoneySchema,
          reason,
        }),
        z.object({
          kind: z.literal('sale'),
          at: when,
          staffId: z.string(),
          orderId: Id,
          payments: z.array(salePayment),
          discount: MoneySchema,
        }),
        z.object({
          kind: z.literal('refund'),
          at: when,
          staffId: z.string(),
          orderId: Id,
          method: z.enum(PAYMENT_METHODS),
          amount: MoneySchema,
          reason,
        }),
      ]),
    )
    .max(20_000),
  closed: z
    .object({
      at: when,
      staffId: z.string(),
      counted: MoneySchema,
      expected: MoneySchema,
      variance: MoneySchema,
      reason: reason.optional(),
    })
    .optional(),
});

/** Settings are store-wide (and sync) only under this prefix; every other key stays on its desk. */
export const STORE_SETTING_PREFIX = 'store.';

export const StoreSettingSchema = SettingSchema.refine((s) => s.key.startsWith(STORE_SETTING_PREFIX), {
  message: `Only settings whose name starts with “${STORE_SETTING_PREFIX}” are shared by the store`,
  path: ['key'],
});

// Any fixed UUID: it only has to be the same on every desk and server, for ever.
const SETTINGS_NAMESPACE = '0b7e6f42-3c1d-4e8a-9f5b-6a2d8c4e1f30';

/** A store setting's record id on the server: the UUIDv5 of its key, so every desk names
 * `store.taxRates` with the same id without asking anyone. */
export function settingRecordId(key: string): string {
  return uuidv5(key, SETTINGS_NAMESPACE);
}

export function isStoreSetting(key: string): boolean {
  return key.startsWith(STORE_SETTING_PREFIX);
}

/** Store settings that a desk kept under a name of its own before store settings synced: the new
 * key → the old one. Readers fall back to the old key while the new one is absent, and creating a
 * store from a desk uploads an old row under its new key. */
export const LEGACY_SETTING_KEYS: Readonly<Record<string, string>> = {
  'store.promos': 'promos',
  'store.shipFrom': 'shipFrom',
  'store.autoLockMinutes': 'autoLockMinutes',
};

export interface RecordKind {
  schema: z.ZodType<Record<string, unknown>>;
  rule: ConflictRule;
  /** How a person names one ("Parcel", "Audit entry"). */
  noun: string;
  /** The record's id as synced (a setting's comes from its key). */
  idOf: (record: Record<string, unknown>) => unknown;
}

const byId = (record: Record<string, unknown>) => record.id;

export const RECORD_KINDS: Record<RecordTable, RecordKind> = {
  products: { schema: ProductSchema, rule: 'fields', noun: 'Product', idOf: byId },
  variants: { schema: VariantSchema, rule: 'fields', noun: 'Variant', idOf: byId },
  customers: { schema: CustomerSchema, rule: 'fields', noun: 'Customer', idOf: byId },
  staff: { schema: StaffSchema, rule: 'fields', noun: 'Staff member', idOf: byId },
  settings: {
    schema: StoreSettingSchema,
    rule: 'fields',
    noun: 'Store setting',
    idOf: (record) => (typeof record.key === 'string' ? settingRecordId(record.key) : undefined),
  },
  quotes: { schema: QuoteSchema, rule: 'fields', noun: 'Quote', idOf: byId },
  shifts: { schema: ShiftSchema, rule: 'fields', noun: 'Register shift', idOf: byId },
  parcels: { schema: ParcelSchema, rule: 'fields', noun: 'Parcel', idOf: byId },
  auditLog: { schema: AuditEntrySchema, rule: 'append', noun: 'Audit entry', idOf: byId },
  returns: { schema: ReturnSchema, rule: 'append', noun: 'Return', idOf: byId },
  deliveries: { schema: DeliverySchema, rule: 'append', noun: 'Delivery', idOf: byId },
  feedback: { schema: FeedbackSchema, rule: 'append', noun: 'Feedback', idOf: byId },
  // Issued once per referred order (by the server); later only marked used by a seller.
  referralRewards: { schema: ReferralRewardSchema, rule: 'fields', noun: 'Referral reward', idOf: byId },
};
