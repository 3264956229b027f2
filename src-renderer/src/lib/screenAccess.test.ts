// Benches by role: a packer cannot open Sell, a seller cannot open Pack or Ship; other screens open.
import { describe, expect, it } from 'vitest';
import { decide, type Role } from '$shared/permissions';
import { screenRefusal } from './screenAccess';

const as = (role: Role) => (action: Parameters<typeof decide>[1]) => decide(role, action);

describe('screenRefusal', () => {
  it('keeps packers off the Sell bench and sellers off Pack and Ship', () => {
    expect(screenRefusal('sell', as('packer'))).toBe('A packer cannot sell; ask a manager or owner');
    expect(screenRefusal('pack', as('seller'))).toBe('A seller cannot pack orders; ask a manager or owner');
    expect(screenRefusal('ship', as('seller'))).toBe('A seller cannot ship orders; ask a manager or owner');
  });

  it('opens every bench to managers and the other screens to everyone', () => {
    for (const screen of ['sell', 'pack', 'ship'] as const)
      expect(screenRefusal(screen, as('manager'))).toBeNull();
    expect(screenRefusal('orders', as('packer'))).toBeNull();
    expect(screenRefusal('pack', as('packer'))).toBeNull();
  });
});
