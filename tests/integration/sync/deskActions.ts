// What people do on a desk, written through the app's own writers (so the outbox fills as it does
// in the app): a stocked product, a paid and reserved order, a customer edited, stock moved.
import { readSyncSettings } from '../../../src-renderer/src/sync/syncSettings';
import { withCheckDigit } from '$shared/barcodes';
import { newId } from '$shared/ids';
import type { Customer, Order, Product, Variant } from '$shared/records';
import { saveProduct } from '$db/catalogWrites';
import type { OrderlineDb } from '$db/database';
import { saveCustomer } from '$db/customerWrites';
import { cashSaleEvents } from '$db/testFixtures';
import { recordStockMovement } from '$db/stockWrites';
import { createOrder, writeOrderChange } from '$db/writeOrderChange';

let serial = 0;

/** Eight digits no other product made in this run has: a test product's SKU and barcode. */
export function uniqueDigits(): string {
  serial += 1;
  return `${process.pid % 1000}${Date.now() % 10_000}${serial}`.padStart(8, '0').slice(-8);
}

/** A mug with one variant saved as the catalogue screen saves it; `digits` make its SKU and barcode. */
export async function saveMug(
  db: OrderlineDb,
  digits = uniqueDigits(),
  { name = `Mug ${digits}`, bin = 'A-03-2', currency = 'GBP' } = {},
): Promise<{ product: Product; variant: Variant }> {
  const product = await saveProduct(
    db,
    { name, category: 'Kitchen', taxClass: 'standard', options: [], allowBackorder: false, active: true },
    [
      {
        sku: `MUG-${digits}`,
        barcode: withCheckDigit(`4006${digits}`),
        attributes: {},
        price: { amount: 1250, currency },
        weightGrams: 350,
        bin,
      },
    ],
  );
  const variant = (await db.variants.where('productId').equals(product.id).first())!;
  return { product, variant };
}

/** A product with one variant (unique SKU and barcode) and `onHand` received. */
export async function stockedVariant(db: OrderlineDb, deskId: string, onHand = 50): Promise<Variant> {
  const { variant } = await saveMug(db);
  if (onHand)
    await recordStockMovement(db, { variantId: variant.id, kind: 'receive', quantity: onHand, deskId });
  return variant;
}

/** A sale on this desk: a new order for `quantity` of the variant, paid in cash and receipted;
 * reserved (ready for the packers) unless told not to. */
export async function paidOrder(
  db: OrderlineDb,
  deskId: string,
  variant: Variant,
  quantity = 1,
  reserve = true,
): Promise<Order> {
  const who = { deskId, staffName: 'Seller' };
  // Numbered with the code the server gave this desk, as the Sell screen does.
  const deskCode = (await readSyncSettings(db))?.device.deskCode ?? deskId;
  let order = await createOrder(
    db,
    { deskCode, channel: 'phone', currency: 'GBP', customerName: `Buyer ${quantity}` },
    who,
  );
  const events = cashSaleEvents({ variantId: variant.id, sku: variant.sku, name: 'Mug' }, quantity, reserve);
  for (const event of events) order = await writeOrderChange(db, { orderId: order.id, event }, who);
  return order;
}

export async function newCustomer(db: OrderlineDb, name: string): Promise<Customer> {
  return saveCustomer(db, { name, addresses: [], acquisitionSource: 'walk_in', isBusiness: false });
}

/** An edit of a customer as the Customers screen saves it: the whole record, one field changed. */
export async function editCustomer(
  db: OrderlineDb,
  id: string,
  change: Partial<Customer>,
): Promise<Customer> {
  const current = (await db.customers.get(id))!;
  const {
    phoneDigits: _digits,
    searchWords: _words,
    createdAt: _created,
    updatedAt: _updated,
    ...input
  } = {
    ...current,
    ...change,
  };
  return saveCustomer(db, input);
}

/** One order event on this desk, as a bench or seller sends it. */
export function orderEvent(db: OrderlineDb, deskId: string, orderId: string, event: unknown): Promise<Order> {
  return writeOrderChange(db, { orderId, event }, { deskId, staffName: 'Staff' });
}

/** Pays the customer back in full, then cancels: a paid order cannot be cancelled holding money. */
export async function refundAndCancel(db: OrderlineDb, deskId: string, orderId: string): Promise<Order> {
  const order = (await db.orders.get(orderId))!;
  const held = order.totals.paid - order.totals.refunded;
  if (held > 0) {
    await orderEvent(db, deskId, orderId, {
      type: 'refund.issue',
      refundId: newId(),
      amount: held,
      reason: 'Changed their mind',
    });
  }
  return orderEvent(db, deskId, orderId, { type: 'order.cancel', reason: 'Customer cancelled' });
}
