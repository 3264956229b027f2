// Saving staff: validated rows with the PIN only ever stored as its slow hash, queued for the
// server in the same transaction like every other synced record.
import { newId } from '$shared/ids';
import { hashPin, type HashPinOptions } from '$shared/pinHash';
import type { Role } from '$shared/permissions';
import { StaffSchema, type Staff } from '$shared/records';
import { parseRecord, recordLabel } from '$shared/validation';
import type { OrderlineDb } from './database';
import { outboxEntry } from './outbox';

export type NewStaff = { name: string; role: Role; pin: string };
export type StaffChange = { role?: Role; active?: boolean; pin?: string };

/** A refusal worded for the person filling in the staff form; nothing was written. */
export class StaffRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StaffRefused';
  }
}

/** Who made a staff change: the server checks their role may make it (none for a desk's first owner). */
export type StaffWriteOptions = HashPinOptions & { changedBy?: string };

async function put(db: OrderlineDb, staff: Staff, changedBy: string | undefined): Promise<Staff> {
  const row = parseRecord(StaffSchema, staff, recordLabel('Staff member', staff.name));
  await db.transaction('rw', [db.staff, db.outbox], async () => {
    await db.staff.put(row);
    const entry = outboxEntry('record.put', 'staff', row.id, row);
    const queued = changedBy ? { ...entry, changedBy } : entry;
    await db.outbox.add(queued);
  });
  return row;
}

async function hashOrRefuse(pin: string, options: HashPinOptions): Promise<string> {
  try {
    return await hashPin(pin, options);
  } catch (error) {
    throw new StaffRefused(error instanceof Error ? error.message : String(error));
  }
}

/** Adds a person; refuses a blank name, a name an active colleague already has, or a weak PIN. */
export async function addStaff(
  db: OrderlineDb,
  input: NewStaff,
  options: StaffWriteOptions = {},
): Promise<Staff> {
  const name = input.name.replace(/\s+/g, ' ').trim();
  if (!name) throw new StaffRefused('Enter the person’s name as colleagues know it');
  const clash = await db.staff
    .filter((s) => s.active && s.name.toLocaleLowerCase() === name.toLocaleLowerCase())
    .first();
  if (clash) throw new StaffRefused(`There is already someone called ${name}; add a surname or initial`);
  const now = new Date().toISOString();
  const pinHash = await hashOrRefuse(input.pin, { ...options, role: input.role });
  return put(
    db,
    {
      id: newId(),
      name,
      role: input.role,
      pinHash,
      active: true,
      createdAt: now,
      updatedAt: now,
    },
    options.changedBy,
  );
}

/** Changes a person's role, PIN or whether they are active; the PIN is hashed before anything is written. */
export async function updateStaff(
  db: OrderlineDb,
  id: string,
  change: StaffChange,
  options: StaffWriteOptions = {},
): Promise<Staff> {
  const existing = await db.staff.get(id);
  if (!existing) throw new StaffRefused('That staff member is no longer on this desk; reload the list');
  const role = change.role ?? existing.role;
  const pinHash =
    change.pin === undefined ? existing.pinHash : await hashOrRefuse(change.pin, { ...options, role });
  return put(
    db,
    {
      ...existing,
      ...(change.role ? { role: change.role } : {}),
      ...(change.active === undefined ? {} : { active: change.active }),
      ...(pinHash ? { pinHash } : {}),
      updatedAt: new Date().toISOString(),
    },
    options.changedBy,
  );
}

/** Active staff by name, for the sign-in and approval pickers. */
export async function activeStaff(db: OrderlineDb): Promise<Staff[]> {
  const all = await db.staff.orderBy('name').toArray();
  return all.filter((s) => s.active);
}
