// The desk's session: PIN sign-in with a lock-out that survives a reload, lock on idle, the
// signed-in person on every order event, policies by role, and a manager's approval audited.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listAudit } from '$db/auditLog';
import { OrderlineDb } from '$db/database';
import { addStaff } from '$db/staffWrites';
import type { Staff } from '$shared/records';
import { approvals } from './approval.svelte';
import { StaffSession, type Timers } from './staffSession.svelte';

const FAST = { iterations: 1000 };
let db: OrderlineDb;
let clock: Date;
let seller: Staff;
let manager: Staff;
let packer: Staff;

/** Timers the test fires by hand: the idle lock without waiting five minutes. */
function manualTimers() {
  const pending = new Map<number, { run: () => void; ms: number }>();
  let next = 1;
  const timers: Timers = {
    setTimeout: (run, ms) => {
      pending.set(next, { run, ms });
      return next++;
    },
    clearTimeout: (handle) => pending.delete(handle as number),
  };
  return { timers, pending };
}

function memoryStorage() {
  const map = new Map<string, string>();
  return {
    getItem: (k: string) => map.get(k) ?? null,
    setItem: (k: string, v: string) => void map.set(k, v),
    removeItem: (k: string) => void map.delete(k),
  };
}

function session(extra: ConstructorParameters<typeof StaffSession>[0] = {}) {
  return new StaffSession({ db: () => db, now: () => clock, storage: null, ...extra });
}

beforeEach(async () => {
  db = new OrderlineDb(`test-${crypto.randomUUID()}`);
  clock = new Date('2026-11-23T10:00:00.000Z');
  seller = await addStaff(db, { name: 'Sam Seller', role: 'seller', pin: '1470' }, FAST);
  manager = await addStaff(db, { name: 'Mia Manager', role: 'manager', pin: '369147' }, FAST);
  packer = await addStaff(db, { name: 'Pat Packer', role: 'packer', pin: '8529' }, FAST);
});
afterEach(async () => {
  await db.delete();
});

describe('signing in', () => {
  it('signs in with the right PIN and records it, and events are by that person', async () => {
    const desk = session();
    await expect(desk.signIn(seller.id, '1470')).resolves.toMatchObject({ ok: true });
    expect(desk.current?.name).toBe('Sam Seller');
    expect(desk.who({ id: 'D1' }, 'Seller')).toEqual({
      deskId: 'D1',
      staffId: seller.id,
      staffName: 'Sam Seller',
    });
    const [entry] = await listAudit(db, { kind: 'sign_in' });
    expect(entry).toMatchObject({ staffId: seller.id, summary: 'Sam Seller signed in' });
  });

  it('counts down wrong PINs, locks after five, and a reload does not reset the count', async () => {
    const first = session();
    const wrong = await first.signIn(seller.id, '0000');
    expect(wrong).toEqual({
      ok: false,
      locked: false,
      message: 'Wrong PIN. 4 tries left before this desk locks you out for 5 minutes.',
    });
    await first.signIn(seller.id, '1111');
    // A new window on the same desk (a reload) still knows the two failures.
    const reloaded = session();
    await reloaded.signIn(seller.id, '2222');
    await reloaded.signIn(seller.id, '3333');
    const fifth = await reloaded.signIn(seller.id, '4444');
    expect(fifth).toMatchObject({ ok: false, locked: true });
    // Locked: even the right PIN is refused, and is not checked.
    const right = await reloaded.signIn(seller.id, '1470');
    expect(right).toMatchObject({ ok: false, locked: true });
    if (!right.ok) expect(right.message).toContain('locked for 5 more minutes');
    expect(reloaded.current).toBeNull();
    expect(await listAudit(db, { kind: 'sign_in_failed' })).toHaveLength(5);
    // Five minutes later the right PIN works again.
    clock = new Date(clock.getTime() + 5 * 60_000);
    await expect(reloaded.signIn(seller.id, '1470')).resolves.toMatchObject({ ok: true });
  });

  it('a manager unlocking a person lets them try again at once', async () => {
    const desk = session();
    for (const pin of ['0000', '1111', '2222', '3333', '4444']) await desk.signIn(seller.id, pin);
    expect((await desk.lockout(seller.id)).locked).toBe(true);
    await desk.unlock(seller.id);
    await expect(desk.signIn(seller.id, '1470')).resolves.toMatchObject({ ok: true });
  });

  it('refuses a person who is no longer active', async () => {
    await db.staff.update(packer.id, { active: false });
    await expect(session().signIn(packer.id, '8529')).resolves.toMatchObject({ ok: false });
  });
});

describe('locking', () => {
  it('locks by itself after the idle minutes, and any activity restarts the clock', async () => {
    const { timers, pending } = manualTimers();
    const desk = session({ timers });
    await db.settings.put({ key: 'autoLockMinutes', value: 2 });
    await desk.start();
    await desk.signIn(seller.id, '1470');
    expect([...pending.values()].map((t) => t.ms)).toEqual([120_000]);
    desk.touch();
    expect(pending.size).toBe(1);
    [...pending.values()][0]!.run();
    expect(desk.current).toBeNull();
    expect(desk.lastStaffId).toBe(seller.id);
    await expect
      .poll(async () => (await listAudit(db, { kind: 'lock' }))[0]?.summary)
      .toBe('Desk locked after 2 minutes without use while Sam Seller was signed in');
  });

  it('signing out forgets who was here; lock remembers them', async () => {
    const desk = session();
    await desk.signIn(seller.id, '1470');
    await desk.lock();
    expect(desk.current).toBeNull();
    expect(desk.lastStaffId).toBe(seller.id);
    await desk.signIn(seller.id, '1470');
    await desk.signOut();
    expect(desk.lastStaffId).toBeNull();
    expect((await listAudit(db)).map((e) => e.kind)).toEqual(['sign_out', 'sign_in', 'lock', 'sign_in']);
  });

  it('locking cancels an approval the person was waiting for', async () => {
    const desk = session();
    await desk.signIn(seller.id, '1470');
    const asked = approvals.ask('refund', 'Refund £5.00');
    await desk.lock();
    await expect(asked).resolves.toBeNull();
    expect(approvals.pending).toBeNull();
  });

  it('keeps the person through a reload of the window, unless they were idle too long', async () => {
    const storage = memoryStorage();
    await session({ storage }).signIn(seller.id, '1470');
    const reloaded = session({ storage });
    await reloaded.start();
    expect(reloaded.current?.id).toBe(seller.id);
    clock = new Date(clock.getTime() + 6 * 60_000);
    const later = session({ storage });
    await later.start();
    expect(later.current).toBeNull();
  });
});

describe('permissions and approval', () => {
  it('answers by role: a seller needs approval to refund, a packer cannot sell', async () => {
    const desk = session();
    await desk.signIn(seller.id, '1470');
    expect(desk.policyFor('refund')).toBe('approval');
    expect(desk.policyFor('sell')).toBe('allow');
    await desk.signIn(packer.id, '8529');
    expect(desk.policyFor('sell')).toBe('deny');
    expect(desk.decide('refund')).toEqual({
      verdict: 'deny',
      message: 'A packer cannot refund; ask a manager or owner',
    });
  });

  it('a manager’s PIN approves a seller’s refund, audited with both names', async () => {
    const desk = session();
    await desk.signIn(seller.id, '1470');
    const wrong = await desk.approve('refund', 'Refund £5.00 on D1-000042', manager.id, '9999');
    expect(wrong).toEqual({
      ok: false,
      message: 'Wrong PIN. 4 tries left before this desk locks you out for 5 minutes.',
    });
    const approved = await desk.approve('refund', 'Refund £5.00 on D1-000042', manager.id, '369147');
    expect(approved).toEqual({ ok: true, approver: { staffId: manager.id, staffName: 'Mia Manager' } });
    const [entry] = await listAudit(db, { kind: 'approval' });
    expect(entry).toMatchObject({
      staffName: 'Sam Seller',
      approvedByName: 'Mia Manager',
      summary: 'Mia Manager approved: Refund £5.00 on D1-000042',
    });
  });

  it('refuses a packer as approver before looking at the PIN', async () => {
    const desk = session();
    await desk.signIn(seller.id, '1470');
    const outcome = await desk.approve('refund', 'Refund', packer.id, '8529');
    expect(outcome).toEqual({ ok: false, message: 'A packer cannot approve this; ask a manager or owner' });
    expect(await listAudit(db, { kind: 'approval' })).toHaveLength(0);
  });

  it('a desk with nobody signed in (a store without staff) is not limited', () => {
    const desk = session();
    expect(desk.policyFor('refund')).toBe('allow');
    expect(desk.who({ id: 'D1' }, 'Seller')).toEqual({ deskId: 'D1', staffName: 'Seller' });
  });
});
