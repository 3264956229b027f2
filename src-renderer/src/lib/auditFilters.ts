// What the audit log view's filters mean: kind names a person reads, and local calendar days turned
// into the ISO bounds listAudit takes, with a sentence when the range cannot be used.
import type { AuditEntry } from '$shared/records';
import type { AuditFilter } from '$db/auditLog';

export const AUDIT_KIND_NAMES: Record<AuditEntry['kind'], string> = {
  sign_in: 'Sign-in',
  sign_in_failed: 'Wrong PIN',
  sign_out: 'Sign-out',
  lock: 'Desk locked',
  approval: 'Manager approval',
  refund: 'Refund',
  price_override: 'Price override',
  discount: 'Discount',
  cancel: 'Cancel',
  stock_adjust: 'Stock adjustment',
  stock_receive: 'Stock received',
  cycle_count: 'Stock count',
  label_override: 'Label override',
  return: 'Return',
  register: 'Register',
  staff_change: 'Staff change',
};

export type AuditFilterForm = { kind: string; staffId: string; fromDay: string; toDay: string };

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Start of a local calendar day as an ISO instant. */
function localStart(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(y!, m! - 1, d!).toISOString();
}

/** Last millisecond of a local calendar day as an ISO instant. */
function localEnd(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(new Date(y!, m! - 1, d! + 1).getTime() - 1).toISOString();
}

export function auditFilterFrom(
  form: AuditFilterForm,
): { ok: true; filter: AuditFilter } | { ok: false; message: string } {
  if (form.fromDay && !DAY.test(form.fromDay)) return { ok: false, message: 'The From date is not a date' };
  if (form.toDay && !DAY.test(form.toDay)) return { ok: false, message: 'The To date is not a date' };
  if (form.fromDay && form.toDay && form.fromDay > form.toDay) {
    return { ok: false, message: 'The From date is after the To date; swap them to see that range' };
  }
  const filter: AuditFilter = {};
  if (form.kind && form.kind in AUDIT_KIND_NAMES) filter.kind = form.kind as AuditEntry['kind'];
  if (form.staffId) filter.staffId = form.staffId;
  if (form.fromDay) filter.from = localStart(form.fromDay);
  if (form.toDay) filter.to = localEnd(form.toDay);
  return { ok: true, filter };
}
