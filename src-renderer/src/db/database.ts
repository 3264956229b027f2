// The desk's own copy of the store: one typed Dexie database, one instance per window.
// Schema changes are new versions; an upgrade function lives frozen in migrations/, tested from the version before.
import Dexie, { type EntityTable, type Table } from 'dexie';
import type {
  AuditEntry,
  Customer,
  Delivery,
  Parcel,
  ReturnRecord,
  Order,
  OrderEvent,
  OutboxEntry,
  Product,
  Setting,
  Staff,
  StockLevel,
  StockMovement,
  Variant,
} from '$shared/records';
import type { Feedback } from '$shared/feedback';
import type { Quote } from '$shared/quotes';
import type { ReferralReward } from '$shared/referrals';
import type { BalanceMovement } from '$shared/balances';
import type { PackProgress } from './packProgress';
import type { Shift } from '$shared/registerShift';
import { searchWords } from '$shared/searchWords';
import { outboxSequence } from './outboxSequence';
import { upgradeToV2 } from './migrations/v2';
import { upgradeToV4 } from './migrations/v4';
import { upgradeToV14 } from './migrations/v14';
import { reportAggregates, type ReportMeta } from './reportAggregateWrites';
import { foldForUpgrade } from './reportAggregateFold';
import type { CustomerAggregate, DayAggregate, OrderFacts } from '$shared/reports/reportAggregates';

export const DEFAULT_DB_NAME = 'orderline';

/** Version 1, as the first desks shipped it: kept so the upgrade path can be tested from it. */
export const SCHEMA_V1 = {
  products: 'id, name, category, updatedAt',
  variants: 'id, productId, &sku, &barcode',
  stockMovements: 'id, variantId, createdAt',
  customers: 'id, name, email, phone',
  orders: 'id, &number, status, createdAt, customerId',
  orderEvents: 'id, [orderId+seq]',
  outbox: 'id, state, createdAt',
  settings: 'key',
  staff: 'id, name',
} as const;

/** Version 2: word search for products, customers and orders; phone search by digits; the
 * stock level cache; orders listed by status, newest first. */
export const SCHEMA_V2 = {
  ...SCHEMA_V1,
  products: 'id, name, category, updatedAt, *searchWords',
  stockMovements: 'id, variantId, createdAt, orderId',
  stockLevels: 'variantId',
  customers: 'id, name, email, phoneDigits, *searchWords',
  orders: 'id, &number, status, createdAt, updatedAt, customerId, [status+createdAt], *searchWords',
} as const;

/** Version 3: quotes, register shifts, the audit log, parcels, returns and supplier deliveries;
 * the outbox listed by record for the "waiting to sync" view. New tables only: nothing to upgrade. */
export const SCHEMA_V3 = {
  ...SCHEMA_V2,
  outbox: 'id, state, createdAt, recordId',
  staff: 'id, name, role',
  quotes: 'id, &number, customerId, createdAt, validUntil',
  shifts: 'id, deskId, openedAt, [deskId+openedAt]',
  auditLog: 'id, at, kind, staffId, orderId, [kind+at]',
  parcels: 'id, orderId, carrier, createdAt, shippedAt',
  returns: 'id, orderId, createdAt',
  deliveries: 'id, supplier, receivedAt',
} as const;

/** Version 4: the outbox in the order of a per-desk sequence (seq), not of clock time; pending
 * entries are read by [state+seq]. */
export const SCHEMA_V4 = {
  ...SCHEMA_V3,
  outbox: 'id, state, createdAt, recordId, seq, [state+seq]',
} as const;

/** Version 5: pulled records this desk could not store, kept aside with the reason (listed in
 * Settings and tried again with every pull) instead of passed over by the cursor. New table only. */
export const SCHEMA_V5 = {
  setAside: 'seq, table, recordId',
} as const;

/** A pulled change that could not be stored when it came. */
export interface SetAsideChange {
  seq: number;
  table: string;
  recordId: string;
  record: Record<string, unknown>;
  reason: string;
  at: string;
}

/** Version 6: the pack bench's counts, stored scan by scan so a restart resumes at the same count.
 * A new table only (Dexie keeps every table of the versions before): nothing to upgrade. */
export const SCHEMA_V6_CHANGES = {
  packProgress: 'orderId',
} as const;

/** Version 11: gift cards, store credit and loyalty points as ledgers of movements (a balance is
 * the sum of its account's). A new table only: nothing to upgrade. */
export const SCHEMA_V11_CHANGES = {
  balanceMovements: 'id, account, orderId, customerId, createdAt',
};

/** Version 12 (7–10 were never used): customers' feedback (e-mailed or by phone) and the rewards
 * their referrals earned. New tables only: nothing to upgrade. */
export const SCHEMA_V12_CHANGES = {
  feedback: 'id, orderId, customerId, createdAt',
  referralRewards: 'id, referrerId, orderId, createdAt',
} as const;

/** Version 13: the server's copy of a record pulled while this desk's own change to it waited to be
 * sent (the desk kept its own row then). When that change is refused the copy is written, so the
 * desk never keeps a version the server turned down. A new table only: nothing to upgrade. */
export const SCHEMA_V13_CHANGES = {
  serverCopies: '[table+recordId], recordId',
} as const;

/** A pulled record held back while a change of this desk's to it waits in the outbox. */
export interface ServerCopy {
  table: string;
  recordId: string;
  /** The change-log seq it came with: a later copy replaces an earlier one. */
  seq: number;
  record: Record<string, unknown>;
  /** One of this desk's changes to it was refused while others still waited. */
  refused?: boolean;
}

/** Version 14: the reports' running totals, kept in step with every order and
 * parcel write (reportAggregateWrites.ts): each order's share (facts), one row per store day, one
 * per customer, and the basis they were added up under. The upgrade folds the orders already here. */
export const SCHEMA_V14_CHANGES = {
  reportFacts: 'id',
  reportDays: 'day',
  reportCustomers: 'customerId',
  reportMeta: 'key',
} as const;

/** Version 15: pending batch entries with their sizes (db/outboxBatch),
 * so the count of changes waiting reads index keys, not payloads. An index only: entries without a
 * batchSize are not in it, and nothing is upgraded. */
export const SCHEMA_V15_CHANGES = {
  outbox: `${SCHEMA_V4.outbox}, [state+batchSize]`,
} as const;

/** Version 20: orders by status, latest change first ([status+updatedAt]), so Sell reads the few open
 * sales it shows and counts the rest from the index instead of reading every sale at the till. An
 * index only: nothing is upgraded. */
export const SCHEMA_V20_CHANGES = {
  orders: `${SCHEMA_V2.orders}, [status+updatedAt]`,
} as const;

export function customerSearchWords(customer: Pick<Customer, 'name' | 'company' | 'email'>): string[] {
  return searchWords(customer.name, customer.company, customer.email?.split('@')[0]);
}

export function productSearchWords(product: Pick<Product, 'name' | 'brand' | 'category'>): string[] {
  return searchWords(product.name, product.brand, product.category);
}

export class OrderlineDb extends Dexie {
  products!: EntityTable<Product, 'id'>;
  variants!: EntityTable<Variant, 'id'>;
  stockMovements!: EntityTable<StockMovement, 'id'>;
  stockLevels!: EntityTable<StockLevel, 'variantId'>;
  customers!: EntityTable<Customer, 'id'>;
  orders!: EntityTable<Order, 'id'>;
  orderEvents!: EntityTable<OrderEvent, 'id'>;
  outbox!: EntityTable<OutboxEntry, 'id'>;
  settings!: EntityTable<Setting, 'key'>;
  staff!: EntityTable<Staff, 'id'>;
  quotes!: EntityTable<Quote, 'id'>;
  shifts!: EntityTable<Shift, 'id'>;
  auditLog!: EntityTable<AuditEntry, 'id'>;
  parcels!: EntityTable<Parcel, 'id'>;
  returns!: EntityTable<ReturnRecord, 'id'>;
  deliveries!: EntityTable<Delivery, 'id'>;
  setAside!: EntityTable<SetAsideChange, 'seq'>;
  packProgress!: EntityTable<PackProgress, 'orderId'>;
  feedback!: EntityTable<Feedback, 'id'>;
  referralRewards!: EntityTable<ReferralReward, 'id'>;
  balanceMovements!: EntityTable<BalanceMovement, 'id'>;
  serverCopies!: Table<ServerCopy, [string, string]>;
  reportFacts!: EntityTable<OrderFacts, 'id'>;
  reportDays!: EntityTable<DayAggregate, 'day'>;
  reportCustomers!: EntityTable<CustomerAggregate, 'customerId'>;
  reportMeta!: EntityTable<ReportMeta, 'key'>;

  /** Dexie sets durability per connection, not per transaction: the window's connection is
   * strict (a confirmed payment survives a power cut); bulk loads open a relaxed one. */
  constructor(name = DEFAULT_DB_NAME, durability: 'strict' | 'relaxed' = 'strict') {
    super(name, { chromeTransactionDurability: durability });
    this.version(1).stores(SCHEMA_V1);
    this.version(2).stores(SCHEMA_V2).upgrade(upgradeToV2);
    this.version(3).stores(SCHEMA_V3);
    this.version(4).stores(SCHEMA_V4).upgrade(upgradeToV4);
    this.version(5).stores(SCHEMA_V5);
    this.version(6).stores(SCHEMA_V6_CHANGES);
    this.version(11).stores(SCHEMA_V11_CHANGES);
    this.version(12).stores(SCHEMA_V12_CHANGES);
    this.version(13).stores(SCHEMA_V13_CHANGES);
    this.version(14)
      .stores(SCHEMA_V14_CHANGES)
      .upgrade((tx) => upgradeToV14(tx, foldForUpgrade));
    this.version(15).stores(SCHEMA_V15_CHANGES);
    this.version(20).stores(SCHEMA_V20_CHANGES);
    this.use(outboxSequence);
    this.use(reportAggregates);
  }
}

/** The newest schema version this desk declares (a fresh or upgraded database opens at it). */
export const SCHEMA_VERSION = 20;

let instance: OrderlineDb | null = null;

/** The window's one database. */
export function getDb(): OrderlineDb {
  instance ??= new OrderlineDb();
  return instance;
}

/** Asks the browser never to evict the store; returns whether it agreed (false when unsupported). */
export async function requestPersistentStorage(
  storage: StorageManager | undefined = globalThis.navigator?.storage,
): Promise<boolean> {
  if (!storage?.persist) return false;
  if (await storage.persisted()) return true;
  return storage.persist();
}
