// The desk's register, without the DOM: whether it is open (since when, with what float) and what the
// drawer should hold; opening it with a float, cash put in or taken out with a reason, and closing it
// with the cash counted (the variance shown before confirming, a reason required when it is not
// zero), each asking a manager when the signed-in person's role needs one. RegisterPanel.svelte draws
// it in its dialog.
import type { Who } from '$shared/orderRow';
import { formatMoney, parseMoney, type Money } from '$shared/money';
import type { Action, Decision } from '$shared/permissions';
import { zReport, type Shift, type ZReport } from '$shared/registerShift';
import { DEFAULT_STORE_PROFILE } from '$shared/storeProfile';
import type { OrderlineDb } from '$db/database';
import {
  closeRegister,
  moveRegisterCash,
  openRegister,
  openShiftOf,
  previewVariance,
  type Approver,
} from '$db/shiftWrites';
import { loadStoreProfile } from '$db/storeSettings';
import { clock } from '$lib/format';
import { LiveQueryState } from '$lib/liveQueryState.svelte';
import { DEFAULT_DESK, currentDesk, type Desk } from '$lib/sale';

/** What the dialog shows: the drawer, or one of its forms. */
export type RegisterMode = 'overview' | 'cash_in' | 'cash_out' | 'close';

/** Who works the register: the signed-in person's permissions, a manager's PIN when one is needed,
 * and who the shift's entries are by. */
export type RegisterAuthority = {
  decide(action: Action): Decision;
  ask(action: Action, summary: string): Promise<Approver | null>;
  who(desk: Desk): Who;
};

const fmt = (m: Money) => formatMoney(m);

export class RegisterDrawer {
  readonly #db: OrderlineDb;
  readonly #authority: RegisterAuthority;
  /** The desk's open shift, live (undefined when the register is closed). */
  readonly shift = new LiveQueryState<Shift | undefined>();

  /** The store's currency (Settings › Store), as the Sell screen sells in it. */
  currency = $state(DEFAULT_STORE_PROFILE.currency);
  desk = $state<Desk>(DEFAULT_DESK);
  mode = $state<RegisterMode>('overview');
  amountText = $state('');
  reason = $state('');
  error = $state('');
  done = $state('');
  busy = $state(false);

  constructor(db: OrderlineDb, authority: RegisterAuthority) {
    this.#db = db;
    this.#authority = authority;
  }

  /** Reads this desk and the store's currency (the component calls it once mounted). */
  async start(): Promise<void> {
    try {
      const [desk, profile] = await Promise.all([currentDesk(this.#db), loadStoreProfile(this.#db)]);
      this.desk = desk;
      this.currency = profile.currency;
    } catch (failure) {
      this.error = `This desk's settings could not be read: ${failure instanceof Error ? failure.message : String(failure)}`;
    }
  }

  /** Follows the open shift of this desk (the component's effect calls it). */
  follow(): void {
    const deskId = this.desk.id;
    this.shift.run(() => openShiftOf(this.#db, deskId));
  }

  get open(): Shift | undefined {
    return this.shift.value;
  }

  /** "Open since 09:05 · float £100.00", or "Closed". */
  get status(): string {
    const open = this.open;
    return open ? `Open since ${clock(open.openedAt)} · float ${fmt(open.float)}` : 'Closed';
  }

  /** The open shift's takings so far, as its Z report would count them. */
  get z(): ZReport | null {
    const open = this.open;
    return open ? zReport([open], open.deskId) : null;
  }

  /** The amount typed, read in the shift's currency (null when nothing is typed). */
  get typed(): ReturnType<typeof parseMoney> | null {
    return this.amountText.trim() ? parseMoney(this.amountText, this.open?.currency ?? this.currency) : null;
  }

  /** What closing with the cash typed would say, before anything is written. */
  get preview(): ReturnType<typeof previewVariance> | null {
    const open = this.open;
    const typed = this.typed;
    if (this.mode !== 'close' || !open || !typed?.ok) return null;
    try {
      return previewVariance(open, typed.value);
    } catch {
      return null;
    }
  }

  /** Whether the form asks for a reason: cash moved always, a close only when the count differs. */
  get needsReason(): boolean {
    const preview = this.preview;
    return this.mode !== 'close' || (preview !== null && preview.variance.amount !== 0);
  }

  /** Opens a form (or the overview) afresh; `said` is what the last step did. */
  choose(next: RegisterMode, said = ''): void {
    this.mode = next;
    this.amountText = '';
    this.reason = '';
    this.error = '';
    this.done = said;
  }

  /** Opens the register with the float typed, moves the cash typed, or closes at the count typed. */
  async submit(): Promise<void> {
    this.error = '';
    const typed = this.typed;
    if (!typed) return void (this.error = 'Enter an amount, such as 100.00');
    if (!typed.ok) return void (this.error = typed.message);
    const amount = typed.value;
    const who = this.#authority.who(this.desk);
    const mode = this.mode;
    this.busy = true;
    try {
      if (!this.open) {
        const allowed = await this.#permitted('open_register', `Open the register with ${fmt(amount)}`);
        if (!allowed) return;
        await openRegister(this.#db, who, amount);
        this.choose('overview', `Register open with a float of ${fmt(amount)}`);
      } else if (mode === 'cash_in' || mode === 'cash_out') {
        const what = mode === 'cash_in' ? 'Put' : 'Take';
        const allowed = await this.#permitted('cash_in_out', `${what} ${fmt(amount)}: ${this.reason.trim()}`);
        if (!allowed) return;
        await moveRegisterCash(this.#db, who, { kind: mode, amount, reason: this.reason, ...allowed });
        const moved = mode === 'cash_in' ? 'Put' : 'Took';
        const where = mode === 'cash_in' ? 'into' : 'out of';
        this.choose('overview', `${moved} ${fmt(amount)} ${where} the drawer`);
      } else if (mode === 'close') {
        const allowed = await this.#permitted('close_register', `Close the register at ${fmt(amount)}`);
        if (!allowed) return;
        const closed = await closeRegister(this.#db, who, { counted: amount, reason: this.reason });
        this.choose('overview', `Register closed. ${closed.message}`);
      }
    } catch (failure) {
      this.error = failure instanceof Error ? failure.message : String(failure);
    } finally {
      this.busy = false;
    }
  }

  /** Asks a manager when the signed-in person's role needs one; null when refused or cancelled. */
  async #permitted(action: Action, summary: string): Promise<{ approvedBy?: Approver } | null> {
    const decision = this.#authority.decide(action);
    if (decision.verdict === 'allow') return {};
    if (decision.verdict === 'deny') {
      this.error = decision.message;
      return null;
    }
    const approver = await this.#authority.ask(action, summary);
    if (!approver) {
      this.error = 'Not approved: nothing was changed';
      return null;
    }
    return { approvedBy: approver };
  }
}
