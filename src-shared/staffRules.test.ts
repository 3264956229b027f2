// Staff management rules: managers look after sellers and packers only, owners after everyone,
// nobody deactivates themselves, and the store always keeps an owner.
import { describe, expect, it } from 'vitest';
import { addStaffProblem, changeStaffProblem, type StaffLike } from './staffRules';

const owner: StaffLike = { id: 'o', name: 'Alex', role: 'owner', active: true };
const manager: StaffLike = { id: 'm', name: 'Mia', role: 'manager', active: true };
const seller: StaffLike = { id: 's', name: 'Sam', role: 'seller', active: true };
const packer: StaffLike = { id: 'p', name: 'Jo', role: 'packer', active: true };

describe('addStaffProblem', () => {
  it('lets owners add anyone and managers add sellers and packers', () => {
    expect(addStaffProblem(owner, 'manager')).toBeNull();
    expect(addStaffProblem(manager, 'packer')).toBeNull();
    expect(addStaffProblem(manager, 'manager')).toBe(
      'A manager can add sellers and packers; only an owner can add a manager',
    );
    expect(addStaffProblem(seller, 'packer')).toBe('A seller cannot manage staff; ask a manager or owner');
    expect(addStaffProblem(null, 'owner')).toBeNull();
  });
});

describe('changeStaffProblem', () => {
  it('keeps managers to sellers and packers, and to those roles', () => {
    expect(changeStaffProblem(manager, seller, { role: 'packer' }, 1)).toBeNull();
    expect(changeStaffProblem(manager, seller, { role: 'manager' }, 1)).toBe(
      'Only an owner can make someone a manager',
    );
    expect(changeStaffProblem(manager, owner, { pin: true }, 0)).toBe(
      'Only an owner can change Alex, who is an owner',
    );
    expect(changeStaffProblem(owner, manager, { role: 'seller' }, 0)).toBeNull();
  });

  it('lets anyone reset their own PIN but nobody deactivate themselves', () => {
    expect(changeStaffProblem(packer, packer, { pin: true }, 1)).toBeNull();
    expect(changeStaffProblem(packer, seller, { pin: true }, 1)).toBe(
      'A packer cannot manage staff; ask a manager or owner',
    );
    expect(changeStaffProblem(manager, manager, { active: false }, 1)).toBe(
      'Only an owner can change Mia, who is a manager',
    );
    expect(changeStaffProblem(owner, owner, { active: false }, 1)).toBe(
      'You cannot deactivate yourself while signed in; ask another manager or owner',
    );
  });

  it('never leaves the store without an active owner', () => {
    const second: StaffLike = { id: 'o2', name: 'Bea', role: 'owner', active: true };
    expect(changeStaffProblem(second, owner, { role: 'manager' }, 0)).toBe(
      'Alex is the only owner; make someone else an owner first',
    );
    expect(changeStaffProblem(second, owner, { active: false }, 1)).toBeNull();
  });
});
