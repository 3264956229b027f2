// After the sale without the DOM: only what the machine allows is offered; a reason is asked for;
// a refund's amount is read as money; a seller's refund waits for a manager and nothing changes when
// none approves; a packer's is refused with the policy's sentence; a return's proposal opens the
// refund filled in; hold and release leave their sentences.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Action, Decision } from '$shared/permissions';
import type { Order } from '$shared/records';
import { OrderlineDb } from '$db/database';
import { paidMugOrder } from '$db/testFixtures';
import type { Approver } from '$lib/approval.svelte';
import { OrderActionsPanel, type ActionAuthority } from './orderActionsPanel.svelte';

const who = { deskId: 'D1', staffName: 'Sam Seller' };
let db: OrderlineDb;
let order: Order;
let asked: string[];
beforeEach(async () => {
  db = new OrderlineDb(`test-${crypto.randomUUID()}`);
  asked = [];
  order = await paidMugOrder(db, who, { quantity: 2 });
});
afterEach(async () => {
  await db.delete();
});

/** The panel on the order as stored now (the screen's live query redraws it the same way). */
async function panelWith(authority: Partial<ActionAuthority> = {}) {
  const panel = new OrderActionsPanel(db, () => order, {
    decide: authority.decide ?? (() => ({ verdict: 'allow' })),
    ask:
      authority.ask ??
      (async (_action: Action, summary: string): Promise<Approver | null> => {
        asked.push(summary);
        return null;
      }),
  });
  await panel.start();
  return panel;
}
const reread = async () => {
  order = (await db.orders.get(order.id))!;
};

describe('the after-sale actions', () => {
  it('offers what the machine allows, asks for a reason, and cancels a paid order', async () => {
    const panel = await panelWith();
    expect(panel.allowed).toEqual(expect.arrayContaining(['cancel', 'refund', 'hold']));
    expect(panel.allowed).not.toContain('release');
    expect(panel.heldAmount).toBe(order.totals.paid);

    panel.toggle('cancel');
    expect(panel.open).toBe('cancel');
    await panel.submit();
    expect(panel.error).toBe('Give a reason, in a few words');
    expect(panel.open).toBe('cancel');

    panel.reason = 'Customer changed their mind';
    await panel.submit();
    expect(panel.error).toBe('');
    expect(panel.open).toBeNull();
    expect(panel.done).toMatch(
      new RegExp(
        `^Order ${order.number} is cancelled; refunded .+\\. Reserved stock is back on the shelf\\.$`,
      ),
    );
    await reread();
    expect(order.status).toBe('cancelled');
  });

  it('reads the refund amount as money, and changes nothing when no manager approves', async () => {
    const decide = (action: Action): Decision =>
      action === 'refund'
        ? { verdict: 'approval', message: 'A manager approves refunds' }
        : { verdict: 'allow' };
    const panel = await panelWith({ decide });
    panel.choose('refund');
    expect(panel.amountText).toBe('25.00');
    panel.reason = 'Chipped mug';
    panel.amountText = 'twelve';
    await panel.submit();
    expect(panel.error).not.toBe('');
    expect(asked).toEqual([]);

    panel.amountText = '12.50';
    await panel.submit();
    expect(asked).toEqual([`Refund £12.50 on order ${order.number}: Chipped mug`]);
    expect(panel.error).toBe('No manager approved it, so nothing was changed.');
    await reread();
    expect(order.totals.refunded ?? 0).toBe(0);
  });

  it('refuses what the signed-in role may not do, with the policy’s sentence', async () => {
    const panel = await panelWith({
      decide: () => ({ verdict: 'deny', message: 'Packers cannot give refunds' }),
    });
    panel.propose({ amount: 500, reason: 'Returned one mug' });
    expect(panel.open).toBe('refund');
    expect(panel.amountText).toBe('5.00');
    expect(panel.reason).toBe('Returned one mug');
    await panel.submit();
    expect(panel.error).toBe('Packers cannot give refunds');
  });

  it('puts the order on hold and releases it, saying so each time', async () => {
    const panel = await panelWith();
    panel.choose('hold');
    panel.reason = 'Address check';
    await panel.submit();
    expect(panel.done).toBe(`Order ${order.number} is on hold.`);
    await reread();
    expect(panel.allowed).toContain('release');
    panel.toggle('release');
    await panel.submit();
    expect(panel.done).toBe(`Order ${order.number} is released and back in the queue.`);
    panel.toggle('hold');
    panel.toggle('hold');
    expect(panel.open).toBeNull();
  });

  it('says what a reprint came to', async () => {
    const panel = await panelWith();
    expect(panel.canReprint).toBe(true);
    panel.printed({ kind: 'ok', text: 'Receipt sent to the printer' });
    expect(panel.done).toBe('Receipt sent to the printer.');
    panel.printed({ kind: 'error', text: 'No printer is chosen for receipts' });
    expect(panel.error).toBe('No printer is chosen for receipts');
  });
});
