// The "waiting to sync" list groups this desk's unsent changes by order, customer and product, puts
// refused ones first with their reason, and lets a person resend or drop a refused change.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sample } from '$machines/orderSampleEvents';
import { DEFAULT_STORE_PROFILE } from '$shared/storeProfile';
import { saveCustomer } from '$db/customerWrites';
import { OrderlineDb } from '$db/database';
import { saveStoreProfile } from '$db/storeSettings';
import { stockedMug } from '$db/testFixtures';
import { queueEmail } from '$db/emailQueue';
import { createOrder, writeOrderChange } from '$db/writeOrderChange';
import { discardChange, retryChange, waitingChanges } from './waitingChanges';

let db: OrderlineDb;
beforeEach(() => {
  db = new OrderlineDb(`test-${crypto.randomUUID()}`);
});
afterEach(async () => {
  await db.delete();
});

async function orderWithALine() {
  const { variant } = await stockedMug(db, 5);
  const customer = await saveCustomer(db, {
    name: 'Ada Lovelace',
    phone: '+44 20 7946 0001',
    addresses: [],
    acquisitionSource: 'word_of_mouth',
    isBusiness: false,
  });
  const order = await createOrder(
    db,
    {
      channel: 'phone',
      currency: 'GBP',
      customerId: customer.id,
      customerName: customer.name,
      deskCode: 'D1',
    },
    { deskId: 'D1' },
  );
  await writeOrderChange(
    db,
    {
      orderId: order.id,
      event: { ...sample.addItem(1, 2, 1250), variantId: variant.id, sku: variant.sku, name: 'Blue Mug' },
    },
    { deskId: 'D1' },
  );
  return { order, customer, variant };
}

describe('waiting to sync', () => {
  it('lists a queued e-mail with its order, saying what it is and to whom', async () => {
    const { order } = await orderWithALine();
    await queueEmail(db, {
      kind: 'receipt',
      orderId: order.id,
      orderNumber: order.number,
      to: 'ada@example.com',
      subject: `Your receipt for order ${order.number}`,
      text: 'Thank you',
    });
    const group = (await waitingChanges(db)).find((g) => g.label === `Order ${order.number}`);
    expect(group?.items.map((i) => i.what)).toContain('Receipt e-mail to ada@example.com queued');
  });

  it('groups every pending change by the order, customer and product it belongs to', async () => {
    const { order } = await orderWithALine();
    const groups = await waitingChanges(db);
    const byLabel = Object.fromEntries(groups.map((g) => [g.label, g.items.map((i) => i.what)]));
    expect(byLabel[`Order ${order.number}`]).toEqual([
      'Order created on this desk',
      'Added 2 × Blue Mug (MUG-BLUE) at £12.50',
    ]);
    expect(byLabel['Customer Ada Lovelace']).toEqual(['Customer details saved']);
    expect(byLabel['Product Blue Mug']).toEqual(['Product saved', 'Variant MUG-BLUE saved']);
    expect(byLabel['Stock of MUG-BLUE']).toEqual(['Stock of MUG-BLUE received 5']);
    expect(groups.find((g) => g.kind === 'order')?.href).toBe(`#/orders/${order.id}`);
    expect(groups.flatMap((g) => g.items).every((i) => i.state === 'pending')).toBe(true);
  });

  it('describes a change to an order no longer on this desk in the store’s own currency', async () => {
    const { order } = await orderWithALine();
    await saveStoreProfile(db, { ...DEFAULT_STORE_PROFILE, currency: 'EUR' });
    await db.orders.delete(order.id);
    const group = (await waitingChanges(db)).find((g) => g.label === 'An order not on this desk');
    expect(group?.items.map((i) => i.what)).toContain('Added 2 × Blue Mug (MUG-BLUE) at €12.50');
  });

  it('lists a refused change first with its reason, resends it, or drops it with what depends on it', async () => {
    const { customer } = await orderWithALine();
    const customerEntry = (await db.outbox.where('recordId').equals(customer.id).first())!;
    await db.outbox.update(customerEntry.id, {
      state: 'rejected',
      rejection: 'Phone number is taken by another customer',
    });

    let groups = await waitingChanges(db);
    expect(groups[0]).toMatchObject({
      label: 'Customer Ada Lovelace',
      items: [{ state: 'rejected', reason: 'Phone number is taken by another customer' }],
    });

    await retryChange(db, customerEntry.id);
    expect(await db.outbox.get(customerEntry.id)).toMatchObject({ state: 'pending' });
    expect((await db.outbox.get(customerEntry.id))?.rejection).toBeUndefined();

    // A pending change is never dropped; a refused one goes with the refused changes that depend on it.
    expect(await discardChange(db, customerEntry.id)).toBe(0);
    const dependent = {
      ...customerEntry,
      id: crypto.randomUUID(),
      dependsOn: customerEntry.id,
      state: 'rejected' as const,
    };
    // …and what depends on that one in turn: a chain of an order's events goes as one.
    const grandchild = { ...dependent, id: crypto.randomUUID(), dependsOn: dependent.id };
    await db.outbox.bulkPut([dependent, grandchild]);
    await db.outbox.update(customerEntry.id, { state: 'rejected', rejection: 'refused' });
    expect(await discardChange(db, customerEntry.id)).toBe(3);
    expect(await db.outbox.get(grandchild.id)).toBeUndefined();
    expect(await db.outbox.get(customerEntry.id)).toBeUndefined();
    groups = await waitingChanges(db);
    expect(groups.some((g) => g.label === 'Customer Ada Lovelace')).toBe(false);
  });

  it('is empty when everything has been sent', async () => {
    await orderWithALine();
    await db.outbox.toCollection().modify({ state: 'applied' });
    expect(await waitingChanges(db)).toEqual([]);
  });
});
