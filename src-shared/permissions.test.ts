import { describe, expect, test } from 'vitest';
import { STAFF_ROLES } from './records';
import {
  ACTIONS,
  ROLE_POLICIES,
  can,
  canAssignRole,
  checkApproval,
  decide,
  needsApproval,
  type Action,
  type Role,
} from './permissions';

describe('permissions', () => {
  const table: [Role, Action, 'allow' | 'approval' | 'deny'][] = [
    ['owner', 'refund', 'allow'],
    ['owner', 'manage_staff', 'allow'],
    ['manager', 'refund', 'allow'],
    ['manager', 'price_override', 'allow'],
    ['manager', 'cancel_paid_order', 'allow'],
    ['seller', 'sell', 'allow'],
    ['seller', 'void_line', 'allow'],
    ['seller', 'refund', 'approval'],
    ['seller', 'price_override', 'approval'],
    ['seller', 'cancel_paid_order', 'approval'],
    ['seller', 'stock_adjust', 'approval'],
    ['seller', 'manage_staff', 'deny'],
    ['seller', 'pack', 'deny'],
    ['packer', 'pack', 'allow'],
    ['packer', 'ship', 'allow'],
    ['packer', 'refund', 'deny'],
    ['packer', 'sell', 'deny'],
    ['packer', 'stock_adjust', 'approval'],
  ];

  test.each(table)('%s → %s is %s', (role, action, expected) => {
    expect(can(role, action)).toBe(expected === 'allow');
    expect(needsApproval(role, action)).toBe(expected === 'approval');
    expect(decide(role, action).verdict).toBe(expected);
  });

  test('every role has a policy for every action', () => {
    for (const role of STAFF_ROLES) {
      for (const action of ACTIONS)
        expect(['allow', 'approval', 'deny']).toContain(ROLE_POLICIES[role][action]);
    }
  });

  test('a seller refund asks for a manager PIN, and a packer refund is refused, in sentences', () => {
    const seller = decide('seller', 'refund');
    expect(seller.verdict === 'approval' && seller.message).toMatch(/manager to enter their PIN to refund/);
    const packer = decide('packer', 'refund');
    expect(packer.verdict === 'deny' && packer.message).toBe(
      'A packer cannot refund; ask a manager or owner',
    );
  });

  test('a manager approves a seller refund on the spot', () => {
    expect(checkApproval('refund', { id: 's1', role: 'seller' }, { id: 'm1', role: 'manager' })).toEqual({
      ok: true,
    });
  });

  test.each([
    ['another seller', { id: 's2', role: 'seller' as const }, /cannot approve/],
    ['a packer', { id: 'p1', role: 'packer' as const }, /cannot approve/],
    ['an inactive manager', { id: 'm2', role: 'manager' as const, active: false }, /no longer active/],
  ])('%s cannot approve a seller refund', (_label, approver, reason) => {
    const check = checkApproval('refund', { id: 's1', role: 'seller' }, approver);
    expect(check.ok).toBe(false);
    expect(!check.ok && check.reason).toMatch(reason);
  });

  test('nobody approves their own request', () => {
    // A seller promoted mid-shift still cannot approve their own refund with the same PIN.
    const check = checkApproval('refund', { id: 'x', role: 'seller' }, { id: 'x', role: 'manager' });
    expect(!check.ok && check.reason).toMatch(/another person/);
  });

  test('approval cannot unlock what a role is refused outright', () => {
    const check = checkApproval('refund', { id: 'p1', role: 'packer' }, { id: 'm1', role: 'manager' });
    expect(!check.ok && check.reason).toMatch(/even with approval/);
  });

  test.each([
    ['owner', 'owner', true],
    ['owner', 'manager', true],
    ['manager', 'seller', true],
    ['manager', 'packer', true],
    ['manager', 'manager', false],
    ['manager', 'owner', false],
    ['seller', 'packer', false],
  ] as [Role, Role, boolean][])('%s may appoint %s: %s', (actor, target, expected) => {
    expect(canAssignRole(actor, target)).toBe(expected);
  });
});
