// Staff rows: the PIN is stored only as its hash, weak PINs and clashing names change nothing,
// and every change is queued for the server.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyPin } from '$shared/pinHash';
import { OrderlineDb } from './database';
import { StaffRefused, activeStaff, addStaff, updateStaff } from './staffWrites';

const FAST = { iterations: 1000 };
let db: OrderlineDb;
beforeEach(() => {
  db = new OrderlineDb(`test-${crypto.randomUUID()}`);
});
afterEach(async () => {
  await db.delete();
});

describe('staff writes', () => {
  it('stores the hash, never the PIN, and queues the row for the server', async () => {
    const sam = await addStaff(db, { name: '  Sam   Seller ', role: 'seller', pin: '1470' }, FAST);
    expect(sam.name).toBe('Sam Seller');
    expect(JSON.stringify(await db.staff.get(sam.id))).not.toContain('1470');
    expect(await verifyPin('1470', sam.pinHash!)).toBe(true);
    const [queued] = await db.outbox.toArray();
    expect(queued).toMatchObject({ kind: 'record.put', table: 'staff', recordId: sam.id });
    expect(JSON.stringify(queued)).not.toContain('"1470"');
  });

  it('refuses a weak PIN, a blank name or a name already in use, writing nothing', async () => {
    await expect(addStaff(db, { name: 'Sam', role: 'seller', pin: '1234' }, FAST)).rejects.toThrow(
      '1234 is a run of digits and is guessed first; choose another PIN',
    );
    await expect(addStaff(db, { name: ' ', role: 'seller', pin: '1470' }, FAST)).rejects.toBeInstanceOf(
      StaffRefused,
    );
    await addStaff(db, { name: 'Sam', role: 'seller', pin: '1470' }, FAST);
    await expect(addStaff(db, { name: 'sam', role: 'packer', pin: '8529' }, FAST)).rejects.toThrow(
      'There is already someone called sam; add a surname or initial',
    );
    expect(await db.staff.count()).toBe(1);
  });

  it('changes role, resets the PIN and deactivates, each queued again', async () => {
    const sam = await addStaff(db, { name: 'Sam', role: 'seller', pin: '1470' }, FAST);
    await updateStaff(db, sam.id, { role: 'manager' });
    // A manager's new PIN needs 6 digits; a short one is refused and nothing changes.
    await expect(updateStaff(db, sam.id, { pin: '3691' }, FAST)).rejects.toThrow(
      'A manager’s PIN has 6 to 8 digits; this one has 4',
    );
    const reset = await updateStaff(db, sam.id, { pin: '369147' }, FAST);
    expect(await verifyPin('369147', reset.pinHash!)).toBe(true);
    expect(reset.role).toBe('manager');
    await updateStaff(db, sam.id, { active: false });
    expect(await activeStaff(db)).toEqual([]);
    expect(await db.outbox.count()).toBe(4);
  });
});
