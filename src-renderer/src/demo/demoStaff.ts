// The demo store's four people, one per role, with PINs that pass the PIN rules. The PINs are
// public (the sign-in screen of a demo store shows them); only their hashes are stored.
import { newId } from '$shared/ids';
import { hashPin, type HashPinOptions } from '$shared/pinHash';
import type { Role } from '$shared/permissions';
import type { Staff } from '$shared/records';

export const DEMO_STAFF: readonly { name: string; role: Role; pin: string }[] = [
  { name: 'Alex Morgan', role: 'owner', pin: '246813' },
  { name: 'Mia Chen', role: 'manager', pin: '369147' },
  { name: 'Sam Patel', role: 'seller', pin: '1470' },
  { name: 'Jo Walsh', role: 'packer', pin: '8520' },
];

/** The demo staff rows, hashed at full strength (about 80 ms a PIN, the four in parallel). */
export async function demoStaffRows(now = new Date(), options: HashPinOptions = {}): Promise<Staff[]> {
  const at = now.toISOString();
  return Promise.all(
    DEMO_STAFF.map(async (person) => ({
      id: newId(),
      name: person.name,
      role: person.role,
      pinHash: await hashPin(person.pin, options),
      active: true,
      createdAt: at,
      updatedAt: at,
    })),
  );
}
