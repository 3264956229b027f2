// Settings › Staff without the DOM: the staff list with who is locked out, the roles the signed-in
// person may give, and the steps (add, change a role, reset a PIN, unlock, deactivate or reactivate,
// the auto-lock minutes), one at a time, each leaving a sentence or the refusal from staffRules.
// StaffSettings.svelte draws it.
import { canAssignRole, type Role } from '$shared/permissions';
import type { HashPinOptions } from '$shared/pinHash';
import { STAFF_ROLES, type Staff } from '$shared/records';
import type { OrderlineDb } from '$db/database';
import { LiveQueryState } from '$lib/liveQueryState.svelte';
import { addStaffAs, changeStaffAs, unlockAs, type StaffChangeInput } from '$lib/staffAdmin';
import type { StaffSession } from '$lib/staffSession.svelte';

export type StaffRow = Staff & { locked: boolean };

export const ROLE_NAMES: Record<Role, string> = {
  owner: 'Owner',
  manager: 'Manager',
  seller: 'Seller',
  packer: 'Packer',
};

export class StaffSettingsPanel {
  readonly #db: OrderlineDb;
  readonly #session: StaffSession;
  readonly #hashing: HashPinOptions;
  readonly rows = new LiveQueryState<StaffRow[]>();

  message = $state('');
  error = $state('');
  busy = $state(false);
  name = $state('');
  role = $state<Role>('seller');
  pin = $state('');
  pinAgain = $state('');
  /** Whose PIN is being reset (that row's form is open). */
  resetting = $state<string | null>(null);
  newPin = $state('');
  newPinAgain = $state('');
  idleMinutes = $state(5);

  constructor(db: OrderlineDb, session: StaffSession, hashing: HashPinOptions = {}) {
    this.#db = db;
    this.#session = session;
    this.#hashing = hashing;
    this.idleMinutes = session.idleMinutes;
    this.rows.run(async () => {
      const staff = await db.staff.orderBy('name').toArray();
      return Promise.all(staff.map(async (s) => ({ ...s, locked: (await session.lockout(s.id)).locked })));
    });
  }

  get allowed(): boolean {
    return this.#session.policyFor('manage_staff') === 'allow';
  }
  get me(): Staff | null {
    return this.#session.current;
  }
  /** The roles the signed-in person may give (all of them on a desk nobody has signed in to). */
  get assignable(): Role[] {
    const me = this.me;
    return STAFF_ROLES.filter((r) => !me || canAssignRole(me.role, r));
  }

  /** One step at a time: its sentence, or the refusal as it came. */
  async #run(work: () => Promise<string>): Promise<boolean> {
    if (this.busy) return false;
    this.busy = true;
    this.error = '';
    this.message = '';
    try {
      this.message = await work();
      return true;
    } catch (failure) {
      this.error = failure instanceof Error ? failure.message : String(failure);
      return false;
    } finally {
      this.busy = false;
    }
  }

  async add(): Promise<void> {
    if (this.pin !== this.pinAgain) {
      this.error = 'The two PINs are not the same; type the PIN again in both boxes';
      return;
    }
    await this.#run(async () => {
      const added = await addStaffAs(
        this.#db,
        this.#session,
        { name: this.name, role: this.role, pin: this.pin },
        this.#hashing,
      );
      this.name = '';
      this.pin = '';
      this.pinAgain = '';
      return `${added.name} is added as ${ROLE_NAMES[added.role].toLowerCase()} and can sign in now.`;
    });
  }

  /** A change to one person; false when it was refused (a role menu then goes back to the stored role). */
  change(person: StaffRow, input: StaffChangeInput, done: string): Promise<boolean> {
    return this.#run(async () => {
      await changeStaffAs(this.#db, this.#session, person.id, input, this.#hashing);
      return done;
    });
  }

  changeRole(person: StaffRow, next: Role): Promise<boolean> {
    return this.change(person, { role: next }, `${person.name} is now ${ROLE_NAMES[next].toLowerCase()}.`);
  }

  toggleReset(person: StaffRow): void {
    this.resetting = this.resetting === person.id ? null : person.id;
  }

  async savePin(person: StaffRow): Promise<void> {
    if (this.newPin !== this.newPinAgain) {
      this.error = 'The two PINs are not the same; type the new PIN again in both boxes';
      return;
    }
    await this.#run(async () => {
      await changeStaffAs(this.#db, this.#session, person.id, { pin: this.newPin }, this.#hashing);
      this.resetting = null;
      this.newPin = '';
      this.newPinAgain = '';
      return `${person.name} has a new PIN.`;
    });
  }

  async unlock(person: StaffRow): Promise<void> {
    await this.#run(async () => {
      await unlockAs(this.#db, this.#session, person.id);
      return `${person.name} can try their PIN again.`;
    });
  }

  async saveIdle(): Promise<void> {
    await this.#run(async () => {
      const minutes = Number(this.idleMinutes);
      await this.#session.setIdleMinutes(minutes);
      return `The desk locks itself after ${minutes} minute${minutes === 1 ? '' : 's'} without use.`;
    });
  }
}
