// Who may change whom on the staff list: managers look after sellers and packers, owners after
// everyone; nobody deactivates themselves, and the store never loses its last owner.
import { can, canAssignRole, type Role } from './permissions';

export type StaffLike = { id: string; name: string; role: Role; active: boolean };
export type StaffEdit = { role?: Role; active?: boolean; pin?: boolean };

const ROLE_NAMES: Record<Role, string> = {
  owner: 'an owner',
  manager: 'a manager',
  seller: 'a seller',
  packer: 'a packer',
};

/** Why `actor` may not add someone with this role, or null when they may. A desk without staff has no actor. */
export function addStaffProblem(actor: StaffLike | null, role: Role): string | null {
  if (!actor) return null;
  if (!can(actor.role, 'manage_staff')) return `A ${actor.role} cannot manage staff; ask a manager or owner`;
  if (!canAssignRole(actor.role, role)) {
    return `A manager can add sellers and packers; only an owner can add ${ROLE_NAMES[role]}`;
  }
  return null;
}

/**
 * Why `actor` may not make this change to `target`, or null when they may. `owners` are the other
 * active owners besides the target (the last owner can be neither demoted nor deactivated).
 */
export function changeStaffProblem(
  actor: StaffLike | null,
  target: StaffLike,
  edit: StaffEdit,
  otherActiveOwners: number,
): string | null {
  const ownPinOnly =
    actor?.id === target.id && edit.pin && edit.role === undefined && edit.active === undefined;
  if (actor && !ownPinOnly) {
    if (!can(actor.role, 'manage_staff'))
      return `A ${actor.role} cannot manage staff; ask a manager or owner`;
    if (!canAssignRole(actor.role, target.role)) {
      return `Only an owner can change ${target.name}, who is ${ROLE_NAMES[target.role]}`;
    }
    if (edit.role && !canAssignRole(actor.role, edit.role)) {
      return `Only an owner can make someone ${ROLE_NAMES[edit.role]}`;
    }
    if (edit.active === false && actor.id === target.id) {
      return 'You cannot deactivate yourself while signed in; ask another manager or owner';
    }
  }
  const losesOwner =
    target.role === 'owner' &&
    target.active &&
    (edit.active === false || (edit.role && edit.role !== 'owner'));
  if (losesOwner && otherActiveOwners === 0) {
    return `${target.name} is the only owner; make someone else an owner first`;
  }
  return null;
}
