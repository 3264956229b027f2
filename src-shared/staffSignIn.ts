// The sentences a person reads at the sign-in and approval PIN fields, from their attempt history.
import { lockoutState, type LockoutPolicy, type PinAttempt } from './pinHash';

/**
 * "Wrong PIN. 3 tries left before this desk locks you out for 5 minutes." The minutes are the
 * lock the next failures would really cause (locks in a row double), not the policy's first one.
 */
export function wrongPinMessage(attempts: readonly PinAttempt[], now: Date, policy: LockoutPolicy): string {
  const state = lockoutState(attempts, now, policy);
  if (state.locked) return state.message;
  const left = state.failuresLeft;
  const at = now.toISOString();
  const future = [...attempts, ...Array.from({ length: left }, () => ({ at, ok: false }))];
  const then = lockoutState(future, now, policy);
  const minutes = then.locked
    ? Math.round((Date.parse(then.until) - now.getTime()) / 60_000)
    : policy.lockMinutes;
  return `Wrong PIN. ${left} ${left === 1 ? 'try' : 'tries'} left before this desk locks you out for ${minutes} minutes.`;
}
