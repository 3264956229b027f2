// What each staff role may do on a desk: allowed outright, allowed once a manager approves it on
// the spot (their PIN on the same desk), or refused. The table is data; machines and screens ask it.
import type { STAFF_ROLES } from './records';

export type Role = (typeof STAFF_ROLES)[number];

export const ACTIONS = [
  'sell',
  'apply_promo',
  'discount',
  'price_override',
  'void_line',
  'hold_cart',
  'cancel_order',
  'cancel_paid_order',
  'refund',
  'open_register',
  'cash_in_out',
  'close_register',
  'stock_receive',
  'stock_adjust',
  'pack',
  'ship',
  'view_reports',
  'manage_catalog',
  'manage_staff',
  'manage_settings',
] as const;
export type Action = (typeof ACTIONS)[number];

export type Policy = 'allow' | 'approval' | 'deny';

const ALL_ALLOWED = Object.fromEntries(ACTIONS.map((a) => [a, 'allow'])) as Record<Action, Policy>;

/** Role → action → policy. Owners and managers do everything; the difference is whom they may appoint. */
export const ROLE_POLICIES: Readonly<Record<Role, Readonly<Record<Action, Policy>>>> = {
  owner: ALL_ALLOWED,
  manager: ALL_ALLOWED,
  seller: {
    sell: 'allow',
    apply_promo: 'allow',
    discount: 'approval',
    price_override: 'approval',
    void_line: 'allow',
    hold_cart: 'allow',
    cancel_order: 'allow',
    cancel_paid_order: 'approval',
    refund: 'approval',
    open_register: 'allow',
    cash_in_out: 'approval',
    close_register: 'allow',
    stock_receive: 'deny',
    stock_adjust: 'approval',
    pack: 'deny',
    ship: 'deny',
    view_reports: 'deny',
    manage_catalog: 'deny',
    manage_staff: 'deny',
    manage_settings: 'deny',
  },
  packer: {
    sell: 'deny',
    apply_promo: 'deny',
    discount: 'deny',
    price_override: 'deny',
    void_line: 'deny',
    hold_cart: 'deny',
    cancel_order: 'deny',
    cancel_paid_order: 'deny',
    refund: 'deny',
    open_register: 'deny',
    cash_in_out: 'deny',
    close_register: 'deny',
    stock_receive: 'allow',
    stock_adjust: 'approval',
    pack: 'allow',
    ship: 'allow',
    view_reports: 'deny',
    manage_catalog: 'deny',
    manage_staff: 'deny',
    manage_settings: 'deny',
  },
};

const ACTION_NAMES: Record<Action, string> = {
  sell: 'sell',
  apply_promo: 'apply a promo code',
  discount: 'give a discount',
  price_override: 'override a price',
  void_line: 'remove a line from a cart',
  hold_cart: 'hold a cart',
  cancel_order: 'cancel an unpaid order',
  cancel_paid_order: 'cancel a paid order',
  refund: 'refund',
  open_register: 'open the register',
  cash_in_out: 'put cash in or take cash out of the drawer',
  close_register: 'close the register',
  stock_receive: 'receive stock',
  stock_adjust: 'adjust stock',
  pack: 'pack orders',
  ship: 'ship orders',
  view_reports: 'see reports',
  manage_catalog: 'edit the catalog',
  manage_staff: 'manage staff',
  manage_settings: 'change settings',
};

const ROLE_NAMES: Record<Role, string> = {
  owner: 'An owner',
  manager: 'A manager',
  seller: 'A seller',
  packer: 'A packer',
};

export function policyFor(role: Role, action: Action): Policy {
  return ROLE_POLICIES[role][action];
}

/** True when the role may do it alone, with no approval. */
export function can(role: Role, action: Action): boolean {
  return policyFor(role, action) === 'allow';
}

/** True when the role may do it only with a manager's (or owner's) PIN approval on the spot. */
export function needsApproval(role: Role, action: Action): boolean {
  return policyFor(role, action) === 'approval';
}

export type Decision =
  { verdict: 'allow' } | { verdict: 'approval'; message: string } | { verdict: 'deny'; message: string };

/** The verdict with the sentence a screen shows when the answer is not a plain yes. */
export function decide(role: Role, action: Action): Decision {
  const policy = policyFor(role, action);
  const what = ACTION_NAMES[action];
  if (policy === 'allow') return { verdict: 'allow' };
  if (policy === 'approval') {
    return {
      verdict: 'approval',
      message: `${ROLE_NAMES[role]} needs a manager to approve this: ask a manager to enter their PIN to ${what}`,
    };
  }
  return { verdict: 'deny', message: `${ROLE_NAMES[role]} cannot ${what}; ask a manager or owner` };
}

export type StaffRef = { id: string; role: Role; active?: boolean };
export type ApprovalCheck = { ok: true } | { ok: false; reason: string };

/**
 * Whether `approver` may approve `requester` doing `action` once. The approver must be someone
 * else, active, a manager or owner, and allowed to do the action themselves.
 */
export function checkApproval(action: Action, requester: StaffRef, approver: StaffRef): ApprovalCheck {
  const what = ACTION_NAMES[action];
  if (policyFor(requester.role, action) === 'allow') return { ok: true };
  if (policyFor(requester.role, action) === 'deny') {
    return { ok: false, reason: `${ROLE_NAMES[requester.role]} cannot ${what}, even with approval` };
  }
  if (approver.id === requester.id) {
    return { ok: false, reason: `Approval must come from another person; ask a manager to ${what}` };
  }
  if (approver.active === false) {
    return { ok: false, reason: 'That staff member is no longer active and cannot approve anything' };
  }
  if ((approver.role !== 'manager' && approver.role !== 'owner') || !can(approver.role, action)) {
    return { ok: false, reason: `${ROLE_NAMES[approver.role]} cannot approve this; ask a manager or owner` };
  }
  return { ok: true };
}

/** Who may appoint whom: an owner appoints anyone; a manager appoints sellers and packers only. */
export function canAssignRole(actor: Role, target: Role): boolean {
  if (actor === 'owner') return true;
  if (actor === 'manager') return target === 'seller' || target === 'packer';
  return false;
}
