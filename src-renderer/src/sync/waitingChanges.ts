// The "waiting to sync" list: every change of this desk's that the server has not taken yet, grouped
// by the order, customer or product it belongs to, and every refused change with its reason and
// what can be done about it (send it again, or drop it from this desk's queue).
import Dexie from 'dexie';
import type { OutboxEntry } from '$shared/records';
import { describeEvent } from '$lib/describeEvent';
import type { OrderlineDb } from '$db/database';
import { batchedIds, isBatch } from '$db/outboxBatch';
import { loadStoreProfile } from '$db/storeSettings';

export type WaitingItem = {
  entryId: string;
  state: 'pending' | 'rejected';
  what: string;
  createdAt: string;
  reason?: string;
};

export type WaitingGroup = {
  key: string;
  kind: 'order' | 'customer' | 'product' | 'stock' | 'staff' | 'other';
  label: string;
  /** Where the record opens in the app, when it has a screen. */
  href?: string;
  items: WaitingItem[];
};

type Payload = Record<string, unknown>;
const text = (value: unknown) => (typeof value === 'string' ? value : '');
const payloadOf = (entry: OutboxEntry): Payload =>
  entry.payload && typeof entry.payload === 'object' ? (entry.payload as Payload) : {};

const MOVEMENT_WORDS: Record<string, string> = {
  receive: 'received',
  reserve: 'reserved',
  release: 'released',
  ship: 'shipped',
  adjust: 'adjusted by',
  return: 'returned',
};

/** The group an entry belongs to: its order when it has one, else its own record. */
/** What a batch of imported records is called in the list. */
const BATCH_WORDS: Record<string, string> = {
  products: 'products',
  variants: 'variants',
  customers: 'customers',
  stockMovements: 'opening stock movements',
};

function groupKeyOf(entry: OutboxEntry): { kind: WaitingGroup['kind']; id: string } {
  if (isBatch(entry)) return { kind: 'other', id: `imported ${BATCH_WORDS[entry.table] ?? entry.table}` };
  const payload = payloadOf(entry);
  const orderId = text(payload.orderId);
  if (entry.kind === 'order.event' || (entry.kind === 'stock.movement' && orderId))
    return { kind: 'order', id: orderId };
  if (entry.kind === 'stock.movement') return { kind: 'stock', id: text(payload.variantId) };
  if (entry.table === 'orders') return { kind: 'order', id: entry.recordId };
  if (entry.table === 'customers') return { kind: 'customer', id: entry.recordId };
  if (entry.table === 'products') return { kind: 'product', id: entry.recordId };
  if (entry.table === 'variants') return { kind: 'product', id: text(payload.productId) || entry.recordId };
  if (entry.table === 'staff') return { kind: 'staff', id: entry.recordId };
  if (orderId) return { kind: 'order', id: orderId };
  return { kind: 'other', id: entry.table };
}

function describeEntry(entry: OutboxEntry, currency: string, skuOf: Map<string, string>): string {
  const payload = payloadOf(entry);
  switch (entry.kind) {
    case 'batch': {
      const count = batchedIds(entry).length.toLocaleString('en');
      return `${count} imported ${BATCH_WORDS[entry.table] ?? entry.table} waiting to be sent`;
    }
    case 'order.event':
      return describeEvent(payload.event as never, currency, payload.details);
    case 'stock.movement': {
      const sku = skuOf.get(text(payload.variantId)) ?? 'an item';
      const word = MOVEMENT_WORDS[text(payload.kind)] ?? text(payload.kind);
      return `Stock of ${sku} ${word} ${String(payload.quantity ?? '')}`.trim();
    }
    case 'record.put':
      if (entry.table === 'orders') return 'Order created on this desk';
      if (entry.table === 'customers') return 'Customer details saved';
      if (entry.table === 'variants') return `Variant ${text(payload.sku)} saved`;
      if (entry.table === 'products') return 'Product saved';
      if (entry.table === 'staff') return `Staff member ${text(payload.name)} saved`;
      return `${entry.table} saved`;
    case 'email.send':
      return `${text(payload.kind) === 'receipt' ? 'Receipt' : 'Shipping'} e-mail to ${text(payload.to)} queued`;
    default:
      return `${entry.kind} (${entry.table})`;
  }
}

/** Pending and refused changes, grouped; refused groups first, then the oldest waiting change first.
 * At most `limit` pending changes are read (the oldest), so a desk offline for days still opens it fast. */
export async function waitingChanges(db: OrderlineDb, limit = 500): Promise<WaitingGroup[]> {
  const [pending, rejected] = await Promise.all([
    db.outbox
      .where('[state+seq]')
      .between(['pending', Dexie.minKey], ['pending', Dexie.maxKey])
      .limit(limit)
      .toArray(),
    db.outbox.where('state').equals('rejected').toArray(),
  ]);
  // In the order the desk made them (its sequence), which a clock set back cannot reorder.
  const entries = [...rejected, ...pending].sort(
    (a, b) => (a.seq ?? 0) - (b.seq ?? 0) || a.id.localeCompare(b.id),
  );
  const keys = entries.map(groupKeyOf);
  const ids = (kind: WaitingGroup['kind']) => [
    ...new Set(keys.filter((k) => k.kind === kind).map((k) => k.id)),
  ];
  const variantIds = [
    ...new Set(entries.filter((e) => e.kind === 'stock.movement').map((e) => text(payloadOf(e).variantId))),
  ];
  const [orders, customers, products, variants, staff, profile] = await Promise.all([
    db.orders.bulkGet(ids('order')),
    db.customers.bulkGet(ids('customer')),
    db.products.bulkGet(ids('product')),
    db.variants.bulkGet([...new Set([...variantIds, ...ids('stock')])]),
    db.staff.bulkGet(ids('staff')),
    loadStoreProfile(db),
  ]);
  const orderById = new Map(orders.flatMap((o) => (o ? [[o.id, o] as const] : [])));
  const skuOf = new Map(variants.flatMap((v) => (v ? [[v.id, v.sku] as const] : [])));
  const labelOf = (kind: WaitingGroup['kind'], id: string): { label: string; href?: string } => {
    switch (kind) {
      case 'order': {
        const order = orderById.get(id);
        return {
          label: order ? `Order ${order.number}` : 'An order not on this desk',
          href: `#/orders/${id}`,
        };
      }
      case 'customer': {
        const customer = customers.find((c) => c?.id === id);
        return { label: `Customer ${customer?.name ?? '(removed)'}`, href: `#/customers/${id}` };
      }
      case 'product': {
        const product = products.find((p) => p?.id === id);
        return { label: `Product ${product?.name ?? '(removed)'}`, href: `#/catalog/${id}` };
      }
      case 'stock':
        return { label: `Stock of ${skuOf.get(id) ?? 'an unknown item'}` };
      case 'staff':
        return { label: `Staff ${staff.find((s) => s?.id === id)?.name ?? '(removed)'}` };
      default:
        return { label: `Other changes (${id})` };
    }
  };

  const groups = new Map<string, WaitingGroup>();
  entries.forEach((entry, i) => {
    const { kind, id } = keys[i]!;
    const key = `${kind}:${id}`;
    let group = groups.get(key);
    if (!group) {
      group = { key, kind, ...labelOf(kind, id), items: [] };
      groups.set(key, group);
    }
    // An order not on this desk is described in the store's currency (Settings › Store).
    const currency = orderById.get(id)?.currency ?? profile.currency;
    group.items.push({
      entryId: entry.id,
      state: entry.state === 'rejected' ? 'rejected' : 'pending',
      what: describeEntry(entry, currency, skuOf),
      createdAt: entry.createdAt,
      ...(entry.state === 'rejected' ? { reason: entry.rejection ?? 'The server refused this change' } : {}),
    });
  });
  const refused = (g: WaitingGroup) => (g.items.some((item) => item.state === 'rejected') ? 0 : 1);
  return [...groups.values()].sort((a, b) => refused(a) - refused(b));
}

/** Sends a refused change again at the next sync (after the cause was put right elsewhere). */
export async function retryChange(db: OrderlineDb, entryId: string): Promise<void> {
  await db.outbox
    .where('id')
    .equals(entryId)
    .modify((entry) => {
      if (entry.state !== 'rejected') return;
      entry.state = 'pending';
      delete entry.rejection;
      delete entry.attempts;
    });
}

/** Drops a refused change from this desk's queue for good: the server's version stands. Refused
 * changes that depend on it go with it, down the whole chain (an order's later events, the stock
 * they moved); a pending change is never dropped. Returns how many were dropped. */
export async function discardChange(db: OrderlineDb, entryId: string): Promise<number> {
  return db.transaction('rw', db.outbox, async () => {
    const entry = await db.outbox.get(entryId);
    if (!entry || entry.state !== 'rejected') return 0;
    const refused = await db.outbox.where('state').equals('rejected').toArray();
    const dropped = new Set([entryId]);
    for (let grew = true; grew;) {
      grew = false;
      for (const candidate of refused) {
        const parent = (candidate as OutboxEntry & { dependsOn?: string }).dependsOn;
        if (parent && dropped.has(parent) && !dropped.has(candidate.id)) {
          dropped.add(candidate.id);
          grew = true;
        }
      }
    }
    await db.outbox.bulkDelete([...dropped]);
    return dropped.size;
  });
}
