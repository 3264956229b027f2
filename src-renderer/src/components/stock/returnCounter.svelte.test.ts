// Returns without the DOM: a number typed at this desk is read as its order; an unknown order, or one
// with nothing shipped, is refused with a sentence; a shipped order's items are scanned or counted
// back, never more than shipped; the return is received with what it restocks and writes off, and its
// refund is then offered at what the items cost.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { withCheckDigit } from '$shared/barcodes';
import type { Order } from '$shared/records';
import { OrderlineDb } from '$db/database';
import { recordParcel } from '$db/parcelWrites';
import { paidMugOrder } from '$db/testFixtures';
import { writeOrderChange } from '$db/writeOrderChange';
import { DEFAULT_DESK } from '$lib/sale';
import { shipParcel } from '$lib/shipParcel';
import { ReturnCounter, orderNumberFrom } from './returnCounter.svelte';

const who = { deskId: 'D1', staffName: 'Sam Seller' };
const MUG = withCheckDigit('400638133393');
let db: OrderlineDb;
let tones: string[];
let returns: ReturnCounter;
beforeEach(() => {
  db = new OrderlineDb(`test-${crypto.randomUUID()}`);
  tones = [];
  returns = new ReturnCounter(
    db,
    () => who,
    () => 'D1',
    (kind) => tones.push(kind),
  );
});
afterEach(async () => {
  returns.opened.stop();
  await db.delete();
});

async function shipped(quantity: number): Promise<Order> {
  const paid = await paidMugOrder(db, who, { quantity });
  const order = await writeOrderChange(db, { orderId: paid.id, event: { type: 'pack.start' } }, who);
  const parcel = await recordParcel(db, {
    orderId: order.id,
    orderNumber: order.number,
    units: quantity,
    verified: true,
    deskId: 'D1',
  });
  await shipParcel(db, DEFAULT_DESK, parcel.id, { carrier: 'Courier', noTrackingReason: 'our van' });
  return (await db.orders.get(order.id))!;
}

async function opened(order: Order) {
  await returns.openOrder(order.number);
  returns.follow();
  await vi.waitFor(() => expect(returns.order?.id).toBe(order.id));
}

describe('returns', () => {
  it('reads a number typed at this desk, and refuses what is not an order', () => {
    expect(orderNumberFrom(' 42 ', 'D2')).toBe('D2-000042');
    expect(orderNumberFrom('d1-000007', 'D2')).toBe('D1-000007');
    expect(orderNumberFrom('blue mug', 'D2')).toBeNull();
  });

  it('refuses an unknown order, one with nothing shipped, and an item before any order', async () => {
    await returns.openOrder('hello');
    expect(returns.feedback.current.message).toBe(
      '“hello” is not an order number; order barcodes look like D1-000042',
    );
    await returns.openOrder('999');
    expect(returns.feedback.current.message).toBe(
      'No order D1-000999 on this desk; check the number or sync first',
    );
    await returns.scan(MUG);
    expect(returns.feedback.current.message).toBe(
      'Scan the order barcode first, then the items that came back',
    );
    const paid = await paidMugOrder(db, who);
    await returns.openOrder(paid.number);
    expect(returns.feedback.current.message).toBe(
      `Order ${paid.number} is processing: nothing shipped on it is left to come back`,
    );
    expect(tones).toEqual(['error', 'error', 'error', 'error']);
  });

  it('counts items back, never more than shipped, and receives the return with its refund offered', async () => {
    const order = await shipped(2);
    await opened(order);
    expect(returns.feedback.current).toMatchObject({
      kind: 'ok',
      message: `Order ${order.number}: scan each item that came back, or set how many below`,
    });
    expect(returns.returnableUnits).toBe(2);
    const [line] = returns.lines;

    await returns.scan(MUG);
    expect(returns.pickedUnits).toBe(1);
    expect(returns.feedback.current.message).toBe('MUG-BLUE coming back: 1');
    expect(returns.typedQuantity(line!, '3')).toBe('1');
    expect(returns.feedback.current.message).toBe(
      'MUG-BLUE: only 2 can come back (2 shipped, 0 back already)',
    );
    expect(returns.typedQuantity(line!, '2')).toBeNull();
    await returns.scan(MUG);
    expect(returns.feedback.current.kind).toBe('error');
    expect(returns.pickedUnits).toBe(2);

    returns.setDisposition(line!, 'write_off');
    expect(returns.picked).toEqual([{ variantId: line!.variantId, quantity: 2, disposition: 'write_off' }]);
    expect(returns.refundGuess).toBeGreaterThan(0);
    returns.reason = 'Both chipped';
    await returns.receive();
    expect(returns.feedback.current.message).toBe(
      `Return of ${order.number} received: 0 restocked, 2 written off`,
    );
    expect(returns.received).toMatchObject({ reason: 'Return: Both chipped' });
    expect(returns.received!.amount).toBeGreaterThan(0);
    expect(returns.picks).toEqual({});
    returns.offerRefund();
    expect(returns.proposeRefund).toEqual(returns.received);
  });
});
