// One gift card spent offline at two desks: the desk that syncs first keeps its payment; the other's
// debit is refused by the server, its payment with it, and the desk takes both back out: its order
// is back awaiting payment (payable another way) and the card shows what the server holds.
import { describe, expect, it } from 'vitest';
import { newId } from '$shared/ids';
import { money } from '$shared/money';
import type { Order } from '$shared/records';
import { accountBalance } from '$db/balanceWrites';
import type { OrderlineDb } from '$db/database';
import {
  addGiftCard,
  checkout,
  emptyDraft,
  priceSale,
  startSale,
  takePayment,
  type Desk as Till,
} from '$lib/sale';
import { type Desk, enrolledDesk, newStore, useSyncServer } from './syncHarness';

const ctx = useSyncServer();

const till = (desk: Desk): Till => ({ code: desk.code, id: desk.deviceId, name: `Desk ${desk.code}` });

async function giftCardSale(db: OrderlineDb, desk: Till, value: string): Promise<Order> {
  const cart = await addGiftCard(db, desk, await startSale(db, desk, 'counter'), value);
  return checkout(db, desk, cart, emptyDraft(), await priceSale(db, cart, emptyDraft()));
}

describe('a gift card spent at two desks at once', () => {
  it('keeps the first payment, refuses the second, and leaves that order payable another way', async () => {
    const store = await newStore(ctx.server, `Store ${newId()}`);
    const a = await enrolledDesk(ctx.server, store, 'GA');
    const b = await enrolledDesk(ctx.server, store, 'GB');
    ctx.desks.push(a, b);

    // Desk A sells a £20 card; both desks sync and know it.
    const sold = await giftCardSale(a.db, till(a), '20');
    const paidFor = await takePayment(a.db, till(a), sold, {
      method: 'cash',
      amount: money(2000, sold.currency),
    });
    const [card] = await a.db.balanceMovements.where('orderId').equals(paidFor.id).toArray();
    const account = card!.account;
    expect(await a.client.syncNow()).toMatchObject({ state: 'idle', rejected: [] });
    await b.client.syncNow();
    expect(await accountBalance(b.db, account)).toBe(2000);

    // Offline, each desk takes £15 from the card (each sees £20).
    a.net.down = true;
    b.net.down = true;
    const spend = async (desk: Desk) => {
      const order = await giftCardSale(desk.db, till(desk), '15');
      return takePayment(desk.db, till(desk), order, {
        method: 'gift_card',
        amount: money(1500, order.currency),
        account,
        available: money(2000, order.currency),
      });
    };
    const atA = await spend(a);
    const atB = await spend(b);
    expect(atB.status).toBe('receipt');

    a.net.down = false;
    b.net.down = false;
    expect(await a.client.syncNow()).toMatchObject({ state: 'idle', rejected: [] });
    const settled = await b.client.syncNow();
    const reasons = settled.rejected.map((r) => r.reason);
    expect(reasons.join('\n')).toMatch(
      /holds £5\.00, not the £15\.00 taken from it: another desk used it first/,
    );
    await b.client.syncNow();

    expect(await accountBalance(b.db, account)).toBe(500);
    expect(await accountBalance(a.db, account)).toBe(2000 - 1500);
    const back = await b.db.orders.get(atB.id);
    expect(back).toMatchObject({ status: 'payment', totals: expect.objectContaining({ paid: 0 }) });
    expect((await a.db.orders.get(atA.id))?.status).toBe('receipt');
    // No card was made from B's refused sale on the server (its activation followed the payment).
    expect(await b.db.balanceMovements.where('orderId').equals(atB.id).count()).toBe(0);
  });
});
