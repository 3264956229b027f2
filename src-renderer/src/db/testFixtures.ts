// Fixtures shared by the renderer's database tests: small, known records written through the
// real validated writers, so a test starts from rows the app itself could have made.
import { withCheckDigit } from '$shared/barcodes';
import { newId } from '$shared/ids';
import type { Who } from '$shared/orderRow';
import type { Order, Product, Staff, Variant } from '$shared/records';
import { saveProduct } from './catalogWrites';
import type { OrderlineDb } from './database';
import { recordStockMovement } from './stockWrites';
import { createOrder, writeOrderChange } from './writeOrderChange';

/** A Blue Mug at £12.50 (400 g, bin A-01-1) with `onHand` received; made once per database. */
export async function stockedMug(
  db: OrderlineDb,
  onHand = 20,
): Promise<{ product: Product; variant: Variant }> {
  const known = await db.variants.where('sku').equals('MUG-BLUE').first();
  if (known) return { product: (await db.products.get(known.productId))!, variant: known };
  const product = await saveProduct(
    db,
    {
      name: 'Blue Mug',
      category: 'Kitchen',
      taxClass: 'standard',
      options: [],
      allowBackorder: false,
      active: true,
    },
    [
      {
        sku: 'MUG-BLUE',
        barcode: withCheckDigit('400638133393'),
        attributes: {},
        price: { amount: 1250, currency: 'GBP' },
        weightGrams: 400,
        bin: 'A-01-1',
      },
    ],
  );
  const variant = (await db.variants.where('productId').equals(product.id).first())!;
  await recordStockMovement(db, { variantId: variant.id, kind: 'receive', quantity: onHand, deskId: 'D1' });
  return { product, variant };
}

/** A Red Cap at £9.00 (80 g, option Colour: Red) in `bin` with `onHand` received. */
export async function stockedCap(db: OrderlineDb, bin = 'B-02-1', onHand = 10): Promise<Variant> {
  const product = await saveProduct(
    db,
    {
      name: 'Cap',
      category: 'Hats',
      taxClass: 'standard',
      options: ['Colour'],
      allowBackorder: false,
      active: true,
    },
    [
      {
        sku: 'CAP-RED',
        barcode: withCheckDigit('590123412345'),
        attributes: { Colour: 'Red' },
        price: { amount: 900, currency: 'GBP' },
        weightGrams: 80,
        bin,
      },
    ],
  );
  const variant = (await db.variants.where('productId').equals(product.id).first())!;
  await recordStockMovement(db, { variantId: variant.id, kind: 'receive', quantity: onHand, deskId: 'D1' });
  return variant;
}

/** The events of a sale of `quantity` of one £12.50 item, paid in cash and receipted, then
 * reserved for the packers unless told not to. */
export function cashSaleEvents(
  item: { variantId: string; sku: string; name: string },
  quantity: number,
  reserve = true,
): unknown[] {
  return [
    { type: 'cart.addItem', lineId: newId(), ...item, quantity, unitPrice: 1250, taxClass: 'standard' },
    { type: 'checkout.start', total: 1250 * quantity },
    { type: 'payment.capture', paymentId: newId(), method: 'cash', amount: 1250 * quantity },
    { type: 'receipt.issue', format: 'receipt80mm' },
    ...(reserve ? [{ type: 'stock.reserve' }] : []),
  ];
}

/** A phone order for `quantity` Blue Mugs paid in cash and receipted, reserved for the packers
 * unless told not to; `at` dates its events. */
export async function paidMugOrder(
  db: OrderlineDb,
  who: Who,
  {
    quantity = 1,
    customerName,
    customerId,
    reserve = true,
    at,
  }: { quantity?: number; customerName?: string; customerId?: string; reserve?: boolean; at?: string } = {},
): Promise<Order> {
  const { variant } = await stockedMug(db, 50);
  let order = await createOrder(
    db,
    {
      deskCode: 'D1',
      channel: 'phone',
      currency: 'GBP',
      ...(customerId ? { customerId } : {}),
      ...(customerName ? { customerName } : {}),
    },
    who,
  );
  const events = cashSaleEvents(
    { variantId: variant.id, sku: variant.sku, name: 'Blue Mug' },
    quantity,
    reserve,
  );
  for (const event of events)
    order = await writeOrderChange(db, { orderId: order.id, event, ...(at ? { at } : {}) }, who);
  return order;
}

/** A counter cart holding `quantity` Blue Mugs at £12.50 (one line), for the cart-change tests. */
export async function mugCart(db: OrderlineDb, quantity = 2): Promise<{ order: Order; lineId: string }> {
  const { variant } = await stockedMug(db);
  const who = { deskId: 'D1' };
  const cart = await createOrder(db, { deskCode: 'D1', channel: 'counter', currency: 'GBP' }, who);
  const [addItem] = cashSaleEvents({ variantId: variant.id, sku: variant.sku, name: 'Blue Mug' }, quantity);
  const order = await writeOrderChange(db, { orderId: cart.id, event: addItem }, who);
  return { order, lineId: order.lines[0]!.id };
}

/** A staff member as the session holds one once signed in (no PIN needed: nobody types it). */
export function staffMember(name: string, role: Staff['role']): Staff {
  const at = '2026-11-23T10:00:00.000Z';
  return { id: newId(), name, role, active: true, createdAt: at, updatedAt: at };
}
