// The register without the DOM, for a seller: opened with a float typed in the store's currency;
// cash taken out only once a manager approves (refused, nothing moves); a close whose count differs
// shows the variance first and wants a reason; a packer may not open it at all.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { newId } from '$shared/ids';
import { decide, type Action, type Role } from '$shared/permissions';
import { OrderlineDb } from '$db/database';
import type { Approver } from '$db/shiftWrites';
import { saveStoreProfile } from '$db/storeSettings';
import { DEFAULT_STORE_PROFILE } from '$shared/storeProfile';
import { setDateFormat } from '$lib/format';
import { RegisterDrawer } from './registerDrawer.svelte';

const SELLER_ID = newId();
let db: OrderlineDb;
let asked: string[];
let approver: Approver | null;
const drawers: RegisterDrawer[] = [];
beforeEach(() => {
  db = new OrderlineDb(`test-${crypto.randomUUID()}`);
  asked = [];
  approver = null;
  setDateFormat('en-GB', 'UTC');
});
afterEach(async () => {
  for (const drawer of drawers.splice(0)) drawer.shift.stop();
  await db.delete();
});

async function drawerFor(role: Role): Promise<RegisterDrawer> {
  const drawer = new RegisterDrawer(db, {
    decide: (action: Action) => decide(role, action),
    ask: async (_action, summary) => {
      asked.push(summary);
      return approver;
    },
    who: (desk) => ({ deskId: desk.id, staffId: SELLER_ID, staffName: 'Sam Seller' }),
  });
  drawers.push(drawer);
  await drawer.start();
  drawer.follow();
  await vi.waitFor(() => expect(drawer.shift.loading).toBe(false));
  return drawer;
}

describe('the register drawer', () => {
  it('opens with a float, takes cash out only when a manager approves, and closes with the variance explained', async () => {
    const drawer = await drawerFor('seller');
    expect(drawer.status).toBe('Closed');
    await drawer.submit();
    expect(drawer.error).toBe('Enter an amount, such as 100.00');
    drawer.amountText = 'a hundred';
    await drawer.submit();
    expect(drawer.error).not.toBe('');
    drawer.amountText = '100';
    await drawer.submit();
    expect(drawer.error).toBe('');
    expect(drawer.done).toBe('Register open with a float of £100.00');
    expect(drawer.amountText).toBe('');
    await vi.waitFor(() => expect(drawer.open).toBeDefined());
    expect(drawer.status).toMatch(/^Open since \d\d:\d\d · float £100\.00$/);

    drawer.choose('cash_out');
    drawer.amountText = '40';
    drawer.reason = 'Banking';
    await drawer.submit();
    expect(asked).toEqual(['Take £40.00: Banking']);
    expect(drawer.error).toBe('Not approved: nothing was changed');
    expect(drawer.mode).toBe('cash_out');
    approver = { staffId: newId(), staffName: 'Mo Manager' };
    await drawer.submit();
    expect(drawer.done).toBe('Took £40.00 out of the drawer');
    expect(drawer.mode).toBe('overview');
    await vi.waitFor(() => expect(drawer.z?.cashOut.amount).toBe(4000));

    drawer.choose('close');
    expect(drawer.needsReason).toBe(false);
    drawer.amountText = '59.50';
    expect(drawer.preview?.variance.amount).toBe(-50);
    expect(drawer.needsReason).toBe(true);
    await drawer.submit();
    expect(drawer.error).toMatch(/Say why before closing/);
    drawer.reason = 'Change given twice';
    await drawer.submit();
    expect(drawer.done).toMatch(/^Register closed\. The drawer is £0\.50 short/);
    await vi.waitFor(() => expect(drawer.open).toBeUndefined());
    expect(drawer.status).toBe('Closed');
  });

  it('reads the float in the store’s currency', async () => {
    await saveStoreProfile(db, { ...DEFAULT_STORE_PROFILE, currency: 'EUR' });
    const drawer = await drawerFor('seller');
    expect(drawer.currency).toBe('EUR');
    drawer.amountText = '50';
    await drawer.submit();
    expect(drawer.done).toBe('Register open with a float of €50.00');
  });

  it('refuses a packer, writing nothing', async () => {
    const drawer = await drawerFor('packer');
    drawer.amountText = '100';
    await drawer.submit();
    expect(drawer.error).toBe('A packer cannot open the register; ask a manager or owner');
    expect(asked).toEqual([]);
    expect(await db.shifts.count()).toBe(0);
  });
});
