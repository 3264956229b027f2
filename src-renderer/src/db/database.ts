// The desk's own copy of the store: one typed Dexie database, one instance per window.
// Schema changes are new versions with an upgrade function; each is tested from every earlier one.
import Dexie, { type EntityTable, type Transaction } from 'dexie';
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
} from '../../../src-shared/records';
import type { Quote } from '../../../src-shared/quotes';
import type { Shift } from '../../../src-shared/registerShift';
import { phoneDigits, searchWords } from '../../../src-shared/searchWords';
import { foldLedger } from '../../../src-shared/stockLevels';
import { orderSearchWords } from '../../../src-shared/orderRow';

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

export function customerSearchWords(customer: Pick<Customer, 'name' | 'company' | 'email'>): string[] {
  return searchWords(customer.name, customer.company, customer.email?.split('@')[0]);
}

export function productSearchWords(product: Pick<Product, 'name' | 'brand' | 'category'>): string[] {
  return searchWords(product.name, product.brand, product.category);
}

/** v1 → v2: fills the new search fields and builds the stock level cache from the ledger. */
export async function upgradeToV2(tx: Transaction): Promise<void> {
  await tx
    .table('products')
    .toCollection()
    .modify((product: Product) => {
      product.searchWords = productSearchWords(product);
    });
  await tx
    .table('customers')
    .toCollection()
    .modify((customer: Customer) => {
      customer.phoneDigits = phoneDigits(customer.phone);
      customer.searchWords = customerSearchWords(customer);
    });
  await tx
    .table('orders')
    .toCollection()
    .modify((order: Order) => {
      order.searchWords = orderSearchWords(order);
    });
  const movements: StockMovement[] = await tx.table('stockMovements').toArray();
  const updatedAt = new Date().toISOString();
  const levels = [...foldLedger(movements)].map(([variantId, counts]) => ({
    variantId,
    ...counts,
    updatedAt,
  }));
  await tx.table('stockLevels').bulkPut(levels);
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

  /** Dexie sets durability per connection, not per transaction: the window's connection is
   * strict (a confirmed payment survives a power cut); bulk loads open a relaxed one. */
  constructor(name = DEFAULT_DB_NAME, durability: 'strict' | 'relaxed' = 'strict') {
    super(name, { chromeTransactionDurability: durability });
    this.version(1).stores(SCHEMA_V1);
    this.version(2).stores(SCHEMA_V2).upgrade(upgradeToV2);
    this.version(3).stores(SCHEMA_V3);
  }
}

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
