// A PIN typed and checked, as the lock screen and the manager's approval both take one: one check
// at a time, a refused PIN says why and is cleared for the next try, a check that fails says so.
/** What a PIN check answers: accepted (with whatever it hands back), or refused with a reason. */
export type PinAnswer = { ok: true } | { ok: false; message: string };

export class PinEntry {
  pin = $state('');
  error = $state('');
  busy = $state(false);

  /** Starts again for another person: no PIN typed, nothing said. */
  reset(): void {
    this.pin = '';
    this.error = '';
  }

  /**
   * Checks the typed PIN with `check` and gives back what it accepted, or null: while a check is
   * running, when the PIN is refused (the PIN is cleared, `refused` runs, e.g. to refocus the field)
   * and when the check itself fails (its message is shown).
   */
  async submit<Outcome extends PinAnswer>(
    check: (pin: string) => Promise<Outcome>,
    refused?: () => void,
  ): Promise<Extract<Outcome, { ok: true }> | null> {
    if (this.busy) return null;
    this.busy = true;
    this.error = '';
    try {
      const outcome: PinAnswer = await check(this.pin);
      if (outcome.ok) return outcome as Extract<Outcome, { ok: true }>;
      this.error = outcome.message;
      this.pin = '';
      refused?.();
      return null;
    } catch (failure) {
      this.error = failure instanceof Error ? failure.message : String(failure);
      return null;
    } finally {
      this.busy = false;
    }
  }
}
