// Settings › Staff without the DOM: the list shows who is locked out; a manager is offered only the
// roles they may give; two different PINs are refused before anything is written; adding, a refused
// role change, a PIN reset (which lifts a lock-out) and the auto-lock minutes each leave a sentence.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Staff } from '$shared/records';
import { OrderlineDb } from '$db/database';
import { addStaff } from '$db/staffWrites';
import { StaffSession } from '$lib/staffSession.svelte';
import { StaffSettingsPanel, type StaffRow } from './staffAdminPanel.svelte';

const FAST = { iterations: 1000 };
let db: OrderlineDb;
let session: StaffSession;
let manager: Staff;
let seller: Staff;
let panel: StaffSettingsPanel;
beforeEach(async () => {
  db = new OrderlineDb(`test-${crypto.randomUUID()}`);
  session = new StaffSession({ db: () => db, storage: null });
  await addStaff(db, { name: 'Alex Owner', role: 'owner', pin: '246813' }, FAST);
  manager = await addStaff(db, { name: 'Mia Manager', role: 'manager', pin: '369147' }, FAST);
  seller = await addStaff(db, { name: 'Sam Seller', role: 'seller', pin: '1470' }, FAST);
  panel = new StaffSettingsPanel(db, session, FAST);
});
afterEach(async () => {
  panel.rows.stop();
  await db.delete();
});

const row = (name: string): StaffRow => panel.rows.value!.find((r) => r.name === name)!;

describe('Settings › Staff', () => {
  it('lets a manager give only seller and packer, and refuses two different PINs', async () => {
    session.current = manager;
    expect(panel.allowed).toBe(true);
    expect(panel.assignable).toEqual(['seller', 'packer']);
    panel.name = 'Jo Packer';
    panel.role = 'packer';
    panel.pin = '8520';
    panel.pinAgain = '8521';
    await panel.add();
    expect(panel.error).toBe('The two PINs are not the same; type the PIN again in both boxes');
    expect(await db.staff.count()).toBe(3);

    panel.pinAgain = '8520';
    await panel.add();
    expect(panel.error).toBe('');
    expect(panel.message).toBe('Jo Packer is added as packer and can sign in now.');
    expect([panel.name, panel.pin, panel.pinAgain]).toEqual(['', '', '']);
    expect(await db.staff.count()).toBe(4);
  });

  it('refuses a role change the signed-in person may not make, saying why', async () => {
    session.current = manager;
    await vi.waitFor(() => expect(panel.rows.value).toHaveLength(3));
    expect(await panel.changeRole(row('Alex Owner'), 'seller')).toBe(false);
    expect(panel.error).not.toBe('');
    expect((await db.staff.get(row('Alex Owner').id))?.role).toBe('owner');
    expect(await panel.changeRole(row('Sam Seller'), 'packer')).toBe(true);
    expect(panel.message).toBe('Sam Seller is now packer.');
  });

  it('shows a locked-out person, and a PIN reset lifts the lock-out', async () => {
    for (const pin of ['0000', '1111', '2222', '3333', '4444']) await session.signIn(seller.id, pin);
    session.current = manager;
    // The list reads who is locked out when it is read (a lock-out is not a staff change).
    panel.rows.stop();
    panel = new StaffSettingsPanel(db, session, FAST);
    await vi.waitFor(() => expect(row('Sam Seller').locked).toBe(true));

    panel.toggleReset(row('Sam Seller'));
    expect(panel.resetting).toBe(seller.id);
    panel.newPin = '5930';
    panel.newPinAgain = '5930';
    await panel.savePin(row('Sam Seller'));
    expect(panel.message).toBe('Sam Seller has a new PIN.');
    expect(panel.resetting).toBeNull();
    expect((await session.lockout(seller.id)).locked).toBe(false);
  });

  it('saves the auto-lock minutes', async () => {
    session.current = manager;
    panel.idleMinutes = 1;
    await panel.saveIdle();
    expect(panel.message).toBe('The desk locks itself after 1 minute without use.');
    expect(session.idleMinutes).toBe(1);
  });
});
