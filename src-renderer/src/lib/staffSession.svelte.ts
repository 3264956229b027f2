// Who is at this desk: sign-in with a PIN (failures counted in the database, so a reload does not
// forget them), lock and sign-out, the idle auto-lock, what the signed-in person may do, and the
// manager's PIN check when someone else's action needs approval. Every outcome goes to the audit log.
import {
  lockoutState,
  verifyPin,
  DEFAULT_LOCKOUT,
  type LockoutPolicy,
  type PinAttempt,
} from '$shared/pinHash';
import {
  checkApproval,
  decide,
  policyFor,
  type Action,
  type Decision,
  type Policy,
} from '$shared/permissions';
import type { Who } from '$shared/orderRow';
import type { AuditEntry, Staff } from '$shared/records';
import { wrongPinMessage } from '$shared/staffSignIn';
import { recordAudit } from '$db/auditLog';
import { getDb, type OrderlineDb } from '$db/database';
import { loadStoreSetting, putStoreSetting } from '$db/storeSettings';
import { approvals, type Approver } from './approval.svelte';

export const DEFAULT_IDLE_MINUTES = 5;
/** How long an idle desk waits before it locks: the store's policy, the same on every desk. */
export const IDLE_MINUTES_KEY = 'store.autoLockMinutes';
const KEEP_ATTEMPTS = 30;
const SESSION_KEY = 'orderline.staffSession';

const attemptsKey = (staffId: string) => `pinAttempts:${staffId}`;

export type Timers = {
  setTimeout: (run: () => void, ms: number) => unknown;
  clearTimeout: (handle: unknown) => void;
};
type SessionStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export type SessionOptions = {
  db?: () => OrderlineDb;
  now?: () => Date;
  timers?: Timers;
  /** Where the signed-in person survives a reload of this window (sessionStorage); null for none. */
  storage?: SessionStorage | null;
  policy?: LockoutPolicy;
};

export type PinOutcome = { ok: true; staff: Staff } | { ok: false; message: string; locked: boolean };

// A plain clock read, not reactive state: the session only compares times.
const systemNow = () => new Date(Date.now());

const browserTimers: Timers = {
  setTimeout: (run, ms) => globalThis.setTimeout(run, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export class StaffSession {
  /** The person signed in on this desk, or null when it is locked (or has no staff at all). */
  current = $state<Staff | null>(null);
  /** Who used the desk last: the sign-in screen puts them first. */
  lastStaffId = $state<string | null>(null);
  idleMinutes = $state(DEFAULT_IDLE_MINUTES);

  private readonly db: () => OrderlineDb;
  private readonly now: () => Date;
  private readonly timers: Timers;
  private readonly storage: SessionStorage | null;
  private readonly policy: LockoutPolicy;
  private idleHandle: unknown = null;

  constructor(options: SessionOptions = {}) {
    this.db = options.db ?? getDb;
    this.now = options.now ?? systemNow;
    this.timers = options.timers ?? browserTimers;
    this.storage = options.storage === undefined ? (globalThis.sessionStorage ?? null) : options.storage;
    this.policy = options.policy ?? DEFAULT_LOCKOUT;
  }

  /** Reads the auto-lock setting and takes back a person signed in before a reload, unless idle too long. */
  async start(): Promise<void> {
    const minutes = Number(await loadStoreSetting(this.db(), IDLE_MINUTES_KEY));
    if (Number.isFinite(minutes) && minutes >= 1) this.idleMinutes = minutes;
    const saved = this.readSaved();
    if (!saved || this.now().getTime() - saved.at > this.idleMinutes * 60_000) return;
    const staff = await this.db().staff.get(saved.staffId);
    if (staff?.active) {
      this.current = staff;
      this.lastStaffId = staff.id;
      this.touch();
    }
  }

  async setIdleMinutes(minutes: number): Promise<void> {
    if (!Number.isInteger(minutes) || minutes < 1 || minutes > 240) {
      throw new Error('Auto-lock needs a whole number of minutes from 1 to 240');
    }
    await putStoreSetting(this.db(), IDLE_MINUTES_KEY, minutes);
    this.idleMinutes = minutes;
    this.touch();
  }

  /** Checks the PIN against the lock-out first; a wrong PIN is counted and audited. */
  async signIn(staffId: string, pin: string): Promise<PinOutcome> {
    const staff = await this.db().staff.get(staffId);
    if (!staff?.active) {
      return { ok: false, locked: false, message: 'That person is not on this desk’s staff list any more' };
    }
    const outcome = await this.checkPin(staff, pin, 'sign-in');
    if (!outcome.ok) return outcome;
    await this.audit('sign_in', staff, `${staff.name} signed in`);
    this.current = staff;
    this.lastStaffId = staff.id;
    this.touch();
    return outcome;
  }

  /** Locks the desk: the person stays the one offered first, but must type their PIN again. */
  async lock(reason: 'button' | 'idle' = 'button'): Promise<void> {
    const staff = this.current;
    if (!staff) return;
    this.end();
    await this.audit(
      'lock',
      staff,
      reason === 'idle'
        ? `Desk locked after ${this.idleMinutes} minutes without use while ${staff.name} was signed in`
        : `${staff.name} locked the desk`,
    );
  }

  async signOut(): Promise<void> {
    const staff = this.current;
    if (!staff) return;
    this.end();
    this.lastStaffId = null;
    await this.audit('sign_out', staff, `${staff.name} signed out`);
  }

  /** Any key or click: the idle clock starts again. */
  touch(): void {
    if (this.idleHandle !== null) this.timers.clearTimeout(this.idleHandle);
    this.idleHandle = null;
    if (!this.current) return;
    this.storage?.setItem(
      SESSION_KEY,
      JSON.stringify({ staffId: this.current.id, at: this.now().getTime() }),
    );
    this.idleHandle = this.timers.setTimeout(() => void this.lock('idle'), this.idleMinutes * 60_000);
  }

  /** The signed-in person's policy; a desk with nobody signed in (a store without staff) is not limited. */
  policyFor(action: Action): Policy {
    return this.current ? policyFor(this.current.role, action) : 'allow';
  }

  decide(action: Action): Decision {
    return this.current ? decide(this.current.role, action) : { verdict: 'allow' };
  }

  /** Who an order event or audit entry is by: the signed-in person, or the desk's role name. */
  who(desk: { id: string }, fallbackName: string): Who {
    const staff = this.current;
    return staff
      ? { deskId: desk.id, staffId: staff.id, staffName: staff.name }
      : { deskId: desk.id, staffName: fallbackName };
  }

  /**
   * A manager's PIN approving one action by the signed-in person. The approver's lock-out counts
   * like a sign-in; the approval itself is audited with both names.
   */
  async approve(
    action: Action,
    summary: string,
    approverId: string,
    pin: string,
  ): Promise<{ ok: true; approver: Approver } | { ok: false; message: string }> {
    const approver = await this.db().staff.get(approverId);
    if (!approver) return { ok: false, message: 'Choose the manager who approves this' };
    const requester = this.current;
    const check = checkApproval(
      action,
      requester ? { id: requester.id, role: requester.role } : { id: '', role: 'seller' },
      { id: approver.id, role: approver.role, active: approver.active },
    );
    if (!check.ok) return { ok: false, message: check.reason };
    const outcome = await this.checkPin(approver, pin, 'approval');
    if (!outcome.ok) return { ok: false, message: outcome.message };
    await this.audit('approval', requester, `${approver.name} approved: ${summary}`, approver);
    return { ok: true, approver: { staffId: approver.id, staffName: approver.name } };
  }

  /** Clears a person's failed attempts (a manager unlocking them, or a new PIN). */
  async unlock(staffId: string): Promise<void> {
    await this.db().settings.delete(attemptsKey(staffId));
  }

  /** Whether this person may try a PIN now, for the sign-in screen to say before they type. */
  async lockout(staffId: string) {
    return lockoutState(await this.attempts(staffId), this.now(), this.policy);
  }

  private end(): void {
    // An approval still waiting was asked for by the person leaving: nobody may answer it now.
    if (approvals.pending) approvals.answer(null);
    this.current = null;
    if (this.idleHandle !== null) this.timers.clearTimeout(this.idleHandle);
    this.idleHandle = null;
    this.storage?.removeItem(SESSION_KEY);
  }

  private readSaved(): { staffId: string; at: number } | null {
    try {
      const value: unknown = JSON.parse(this.storage?.getItem(SESSION_KEY) ?? 'null');
      if (
        value &&
        typeof value === 'object' &&
        'staffId' in value &&
        typeof value.staffId === 'string' &&
        'at' in value &&
        typeof value.at === 'number'
      ) {
        return { staffId: value.staffId, at: value.at };
      }
    } catch {
      // A damaged entry only means signing in again.
    }
    return null;
  }

  private async attempts(staffId: string): Promise<PinAttempt[]> {
    const row = await this.db().settings.get(attemptsKey(staffId));
    return Array.isArray(row?.value) ? (row.value as PinAttempt[]) : [];
  }

  private async checkPin(staff: Staff, pin: string, purpose: 'sign-in' | 'approval'): Promise<PinOutcome> {
    const now = this.now();
    const attempts = await this.attempts(staff.id);
    const before = lockoutState(attempts, now, this.policy);
    if (before.locked) return { ok: false, locked: true, message: before.message };
    if (!staff.pinHash) {
      return {
        ok: false,
        locked: false,
        message: `${staff.name} has no PIN yet; a manager sets one in Settings › Staff`,
      };
    }
    if (!pin) return { ok: false, locked: false, message: 'Type your PIN' };
    const ok = await verifyPin(pin, staff.pinHash);
    const next = [...attempts, { at: now.toISOString(), ok }].slice(-KEEP_ATTEMPTS);
    await this.db().settings.put({ key: attemptsKey(staff.id), value: next });
    if (ok) return { ok: true, staff };
    const after = lockoutState(next, now, this.policy);
    await this.audit(
      'sign_in_failed',
      staff,
      `Wrong PIN for ${staff.name}${purpose === 'approval' ? ' approving an action' : ''}${after.locked ? '; sign-in locked' : ''}`,
    );
    return { ok: false, locked: after.locked, message: wrongPinMessage(next, now, this.policy) };
  }

  private async audit(kind: AuditEntry['kind'], staff: Staff | null, summary: string, approver?: Staff) {
    const db = this.db();
    const desk = (await db.settings.get('desk'))?.value as { id?: unknown } | undefined;
    await recordAudit(db, {
      kind,
      deskId: typeof desk?.id === 'string' ? desk.id : 'D1',
      ...(staff ? { staffId: staff.id, staffName: staff.name } : {}),
      ...(approver ? { approvedById: approver.id, approvedByName: approver.name } : {}),
      summary,
      at: this.now().toISOString(),
    });
  }
}

/** The window's one session. */
export const staffSession = new StaffSession();
