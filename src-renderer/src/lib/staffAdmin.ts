// Staff management as the signed-in person: the rules (staffRules) checked before anything is
// hashed or written, the row saved and queued for sync, and each change in the audit log.
import type { Role } from '$shared/permissions';
import type { Staff } from '$shared/records';
import { addStaffProblem, changeStaffProblem, type StaffEdit } from '$shared/staffRules';
import { recordAudit } from '$db/auditLog';
import type { OrderlineDb } from '$db/database';
import { StaffRefused, addStaff, updateStaff } from '$db/staffWrites';
import type { HashPinOptions } from '$shared/pinHash';
import type { StaffSession } from './staffSession.svelte';

export { StaffRefused };

const ROLE_WORD: Record<Role, string> = {
  owner: 'owner',
  manager: 'manager',
  seller: 'seller',
  packer: 'packer',
};

async function audit(db: OrderlineDb, session: StaffSession, summary: string): Promise<void> {
  const desk = (await db.settings.get('desk'))?.value as { id?: unknown } | undefined;
  const actor = session.current;
  await recordAudit(db, {
    kind: 'staff_change',
    deskId: typeof desk?.id === 'string' ? desk.id : 'D1',
    ...(actor ? { staffId: actor.id, staffName: actor.name } : {}),
    summary,
  });
}

/** The signed-in person, named on the change so the server can check they may make it. */
function actorOf(session: StaffSession): { changedBy?: string } {
  return session.current ? { changedBy: session.current.id } : {};
}

export async function addStaffAs(
  db: OrderlineDb,
  session: StaffSession,
  input: { name: string; role: Role; pin: string },
  options: HashPinOptions = {},
): Promise<Staff> {
  const problem = addStaffProblem(session.current, input.role);
  if (problem) throw new StaffRefused(problem);
  const staff = await addStaff(db, input, { ...options, ...actorOf(session) });
  await audit(db, session, `Added ${staff.name} as ${ROLE_WORD[staff.role]}`);
  return staff;
}

export type StaffChangeInput = { role?: Role; active?: boolean; pin?: string };

export async function changeStaffAs(
  db: OrderlineDb,
  session: StaffSession,
  id: string,
  change: StaffChangeInput,
  options: HashPinOptions = {},
): Promise<Staff> {
  const target = await db.staff.get(id);
  if (!target) throw new StaffRefused('That staff member is no longer on this desk; reload the list');
  const otherOwners = await db.staff.filter((s) => s.active && s.role === 'owner' && s.id !== id).count();
  const edit: StaffEdit = {
    ...(change.role ? { role: change.role } : {}),
    ...(change.active === undefined ? {} : { active: change.active }),
    ...(change.pin === undefined ? {} : { pin: true }),
  };
  const problem = changeStaffProblem(session.current, target, edit, otherOwners);
  if (problem) throw new StaffRefused(problem);
  const saved = await updateStaff(db, id, change, { ...options, ...actorOf(session) });
  // A new PIN starts with a clean slate of attempts.
  if (change.pin !== undefined) await session.unlock(id);
  const what = [
    change.role && change.role !== target.role
      ? `made ${ROLE_WORD[change.role]} (was ${ROLE_WORD[target.role]})`
      : '',
    change.pin !== undefined ? 'PIN reset' : '',
    change.active === false ? 'deactivated' : change.active === true && !target.active ? 'reactivated' : '',
  ].filter(Boolean);
  if (what.length) await audit(db, session, `${saved.name}: ${what.join(', ')}`);
  return saved;
}

/** Clears a locked-out person's failed PINs: managers for sellers and packers, owners for anyone. */
export async function unlockAs(db: OrderlineDb, session: StaffSession, id: string): Promise<void> {
  const target = await db.staff.get(id);
  if (!target) throw new StaffRefused('That staff member is no longer on this desk; reload the list');
  const problem = changeStaffProblem(session.current, target, {}, 1);
  if (problem) throw new StaffRefused(problem);
  await session.unlock(id);
  await audit(db, session, `${target.name}: sign-in unlocked`);
}
