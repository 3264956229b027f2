// The register shifts of this desk as stored: the open shift, opening with a float, cash in and
// out, closing with the count, and each sale's and refund's takings written into the open shift in
// the same transaction as the order change, so the drawer's expected cash never misses a payment.
import { formatMoney, money, type Money } from '$shared/money';
import {
  closeShift,
  moveCash,
  openShift,
  recordRefund,
  recordSale,
  type SalePayment,
  type Shift,
  type ShiftResult,
} from '$shared/registerShift';
import type { PaymentMethod } from '$shared/payments';
import type { OrderlineDb } from './database';
import { queueRecord } from './syncedWrites';
import { auditedBy, recordAudit } from './auditLog';
import { storeDayRange } from '$shared/storeDay';
import { DEFAULT_STORE_PROFILE } from '$shared/storeProfile';

/** A refusal made before anything was written, worded for the person at the desk. */
export class RegisterRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RegisterRefused';
  }
}

/** Who does it: the signed-in member of staff (an id once sign-in exists) and their name. */
export type RegisterActor = { deskId: string; staffId?: string; staffName?: string };
export type Approver = { staffId: string; staffName: string };

/** The staff key a shift entry carries: the staff id, or the name while desks have no sign-in. */
export function staffKey(who: RegisterActor): string {
  return who.staffId ?? who.staffName ?? `Desk ${who.deskId}`;
}

const fmt = (m: Money) => formatMoney(m, DEFAULT_STORE_PROFILE.locale);

function must(result: ShiftResult): Shift {
  if (!result.ok) throw new RegisterRefused(result.reason);
  return result.shift;
}

/** The desk's open shift (the newest one, when it is not closed), or undefined. */
export async function openShiftOf(db: OrderlineDb, deskId: string): Promise<Shift | undefined> {
  const newest = await db.shifts.where('[deskId+openedAt]').between([deskId, ''], [deskId, '\uffff']).last();
  return newest && !newest.closed ? newest : undefined;
}

/** Opens the register with the float counted into the drawer; refused while a shift is open. */
export async function openRegister(
  db: OrderlineDb,
  who: RegisterActor,
  float: Money,
  at: string = new Date().toISOString(),
): Promise<Shift> {
  return db.transaction('rw', [db.shifts, db.auditLog, db.outbox], async () => {
    const open = await openShiftOf(db, who.deskId);
    if (open) {
      throw new RegisterRefused(
        `The register on desk ${who.deskId} is already open (since ${open.openedAt.slice(11, 16)} UTC); close it first`,
      );
    }
    const shift = must(openShift({ deskId: who.deskId, staffId: staffKey(who), float, at }));
    await db.shifts.add(shift);
    await queueRecord(db, 'shifts', shift);
    await recordAudit(db, {
      kind: 'register',
      at,
      ...auditedBy(who),
      summary: `Opened the register with a float of ${fmt(float)}`,
    });
    return shift;
  });
}

async function requireOpen(db: OrderlineDb, deskId: string): Promise<Shift> {
  const open = await openShiftOf(db, deskId);
  if (!open)
    throw new RegisterRefused(`The register on desk ${deskId} is not open; open it with a float first`);
  return open;
}

/** Cash put in or taken out of the drawer outside a sale, with its reason (and approver, if one was needed). */
export async function moveRegisterCash(
  db: OrderlineDb,
  who: RegisterActor,
  input: { kind: 'cash_in' | 'cash_out'; amount: Money; reason: string; approvedBy?: Approver },
  at: string = new Date().toISOString(),
): Promise<Shift> {
  return db.transaction('rw', [db.shifts, db.auditLog, db.outbox], async () => {
    const open = await requireOpen(db, who.deskId);
    const shift = must(
      moveCash(open, {
        kind: input.kind,
        amount: input.amount,
        reason: input.reason,
        staffId: staffKey(who),
        at,
      }),
    );
    await db.shifts.put(shift);
    await queueRecord(db, 'shifts', shift);
    await recordAudit(db, {
      kind: 'register',
      at,
      ...auditedBy(who, input.approvedBy),
      summary: `${input.kind === 'cash_in' ? 'Put' : 'Took'} ${fmt(input.amount)} ${input.kind === 'cash_in' ? 'into' : 'out of'} the drawer: ${input.reason.trim()}`,
    });
    return shift;
  });
}

/** What closing with this count would say, before anything is written. */
export function previewVariance(
  shift: Shift,
  counted: Money,
): { expected: Money; variance: Money; message: string } {
  const closed = closeShift(shift, { counted, staffId: shift.openedBy, at: shift.openedAt });
  if (!closed.ok) throw new RegisterRefused(closed.reason);
  const { expected, variance } = closed.shift.closed!;
  return { expected, variance, message: closed.message };
}

/**
 * Closes the register with the cash counted. A count that does not match what the drawer should
 * hold needs a reason, kept with the shift and in the audit log.
 */
export async function closeRegister(
  db: OrderlineDb,
  who: RegisterActor,
  input: { counted: Money; reason?: string },
  at: string = new Date().toISOString(),
): Promise<{ shift: Shift; message: string }> {
  return db.transaction('rw', [db.shifts, db.auditLog, db.outbox], async () => {
    const open = await requireOpen(db, who.deskId);
    const result = closeShift(open, { counted: input.counted, staffId: staffKey(who), at });
    if (!result.ok) throw new RegisterRefused(result.reason);
    const reason = input.reason?.trim() ?? '';
    if (result.shift.closed!.variance.amount !== 0 && reason === '') {
      throw new RegisterRefused(`${result.message}. Say why before closing (e.g. "change given twice")`);
    }
    const shift: Shift = reason
      ? { ...result.shift, closed: { ...result.shift.closed!, reason } }
      : result.shift;
    await db.shifts.put(shift);
    await queueRecord(db, 'shifts', shift);
    await recordAudit(db, {
      kind: 'register',
      at,
      ...auditedBy(who),
      summary: `Closed the register: ${result.message}${reason ? ` (${reason})` : ''}`,
    });
    return { shift, message: result.message };
  });
}

/**
 * Writes payments just taken for an order into the desk's open shift; one order is one sale, so a
 * split paid in several goes joins its earlier payments. Returns false when no shift is open (the
 * takings are then not in any drawer count). Call it inside the transaction that captures the payment.
 */
export async function recordShiftSale(
  db: OrderlineDb,
  who: RegisterActor,
  input: { orderId: string; payments: readonly SalePayment[]; discount?: Money },
  at: string = new Date().toISOString(),
): Promise<boolean> {
  return db.transaction('rw', [db.shifts, db.outbox], async () => {
    const open = await openShiftOf(db, who.deskId);
    if (!open) return false;
    const earlier = open.entries.find((e) => e.kind === 'sale' && e.orderId === input.orderId);
    const base = earlier ? { ...open, entries: open.entries.filter((e) => e !== earlier) } : open;
    const payments = [...(earlier?.kind === 'sale' ? earlier.payments : []), ...input.payments];
    const shift = must(
      recordSale(base, {
        orderId: input.orderId,
        staffId: staffKey(who),
        at,
        payments,
        ...(input.discount ? { discount: input.discount } : {}),
      }),
    );
    await db.shifts.put(shift);
    await queueRecord(db, 'shifts', shift);
    return true;
  });
}

/**
 * Writes a refund's parts into the desk's open shift (a cash part comes out of the drawer, so it is
 * refused when the drawer cannot hold it). Returns false when no shift is open.
 */
export async function recordShiftRefund(
  db: OrderlineDb,
  who: RegisterActor,
  input: {
    orderId: string;
    currency: string;
    parts: readonly { method: PaymentMethod; amount: number }[];
    reason: string;
  },
  at: string = new Date().toISOString(),
): Promise<boolean> {
  return db.transaction('rw', [db.shifts, db.outbox], async () => {
    const open = await openShiftOf(db, who.deskId);
    if (!open) return false;
    let shift = open;
    for (const part of input.parts) {
      shift = must(
        recordRefund(shift, {
          orderId: input.orderId,
          staffId: staffKey(who),
          at,
          method: part.method,
          amount: money(part.amount, input.currency),
          reason: input.reason,
        }),
      );
    }
    await db.shifts.put(shift);
    await queueRecord(db, 'shifts', shift);
    return true;
  });
}

/** The local calendar day (YYYY-MM-DD) as an ISO time range. */
export function dayRange(day: string): { from: string; to: string } {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const from = new Date(y, m - 1, d);
  const to = new Date(y, m - 1, d + 1);
  return { from: from.toISOString(), to: new Date(to.getTime() - 1).toISOString() };
}

/** The desk's shifts opened on that day (the store's day in its time zone when given), oldest first. */
export async function shiftsOfDay(
  db: OrderlineDb,
  deskId: string,
  day: string,
  timeZone?: string,
): Promise<Shift[]> {
  const { from, to } = timeZone ? storeDayRange(day, timeZone) : dayRange(day);
  return db.shifts.where('[deskId+openedAt]').between([deskId, from], [deskId, to], true, true).toArray();
}

/** Every desk that has had a register shift, for the report's desk picker. */
export async function registerDesks(db: OrderlineDb): Promise<string[]> {
  return (await db.shifts.orderBy('deskId').uniqueKeys()).map(String);
}

/** The names behind shift staff keys (a key that is no staff id is already a name). */
export async function staffNames(db: OrderlineDb, keys: readonly string[]): Promise<Map<string, string>> {
  const rows = await db.staff.bulkGet([...keys]);
  return new Map(keys.map((key, i) => [key, rows[i]?.name ?? key]));
}
