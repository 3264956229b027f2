// Staff management as the signed-in person: refused changes write nothing, allowed ones are saved,
// queued and audited, and a PIN reset lifts a lock-out.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyPin } from '$shared/pinHash';
import type { Staff } from '$shared/records';
import { listAudit } from '$db/auditLog';
import { OrderlineDb } from '$db/database';
import { addStaff } from '$db/staffWrites';
import { addStaffAs, changeStaffAs, unlockAs } from './staffAdmin';
import { StaffSession } from './staffSession.svelte';

const FAST = { iterations: 1000 };
let db: OrderlineDb;
let session: StaffSession;
let owner: Staff;
let manager: Staff;
let seller: Staff;

beforeEach(async () => {
  db = new OrderlineDb(`test-${crypto.randomUUID()}`);
  session = new StaffSession({ db: () => db, storage: null });
  owner = await addStaff(db, { name: 'Alex Owner', role: 'owner', pin: '246813' }, FAST);
  manager = await addStaff(db, { name: 'Mia Manager', role: 'manager', pin: '369147' }, FAST);
  seller = await addStaff(db, { name: 'Sam Seller', role: 'seller', pin: '1470' }, FAST);
});
afterEach(async () => {
  await db.delete();
});

describe('staff management', () => {
  it('a manager adds a packer, audited; adding a manager is refused and writes nothing', async () => {
    session.current = manager;
    const jo = await addStaffAs(db, session, { name: 'Jo Packer', role: 'packer', pin: '8520' }, FAST);
    expect(jo.role).toBe('packer');
    await expect(
      addStaffAs(db, session, { name: 'Max', role: 'manager', pin: '8520' }, FAST),
    ).rejects.toThrow('A manager can add sellers and packers; only an owner can add a manager');
    expect(await db.staff.count()).toBe(4);
    const [entry] = await listAudit(db, { kind: 'staff_change' });
    expect(entry).toMatchObject({ staffName: 'Mia Manager', summary: 'Added Jo Packer as packer' });
    // The change names who made it, for the server to check their role.
    const queued = await db.outbox.where('recordId').equals(jo.id).first();
    expect(queued).toMatchObject({ table: 'staff', changedBy: manager.id });
  });

  it('an owner changes a role, resets a PIN (lifting a lock-out) and deactivates', async () => {
    for (const pin of ['0000', '1111', '2222', '3333', '4444']) await session.signIn(seller.id, pin);
    expect((await session.lockout(seller.id)).locked).toBe(true);
    session.current = owner;
    await changeStaffAs(db, session, seller.id, { role: 'packer', pin: '5930' }, FAST);
    const saved = (await db.staff.get(seller.id))!;
    expect(saved.role).toBe('packer');
    expect(await verifyPin('5930', saved.pinHash!)).toBe(true);
    expect((await session.lockout(seller.id)).locked).toBe(false);
    await changeStaffAs(db, session, seller.id, { active: false });
    const summaries = (await listAudit(db, { kind: 'staff_change' })).map((e) => e.summary);
    expect(summaries).toEqual(['Sam Seller: deactivated', 'Sam Seller: made packer (was seller), PIN reset']);
  });

  it('refuses to deactivate the only owner or let a seller manage staff', async () => {
    session.current = manager;
    await expect(changeStaffAs(db, session, owner.id, { active: false })).rejects.toThrow(
      'Only an owner can change Alex Owner, who is an owner',
    );
    session.current = seller;
    await expect(unlockAs(db, session, manager.id)).rejects.toThrow(
      'A seller cannot manage staff; ask a manager or owner',
    );
    session.current = owner;
    await expect(changeStaffAs(db, session, owner.id, { role: 'manager' })).rejects.toThrow(
      'Alex Owner is the only owner; make someone else an owner first',
    );
    expect((await db.staff.get(owner.id))!.role).toBe('owner');
  });
});
