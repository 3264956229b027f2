// The wrong-PIN sentence counts down the tries left and names the lock the next failures would cause.
import { describe, expect, it } from 'vitest';
import { DEFAULT_LOCKOUT, type PinAttempt } from './pinHash';
import { wrongPinMessage } from './staffSignIn';

const now = new Date('2026-11-23T10:00:00.000Z');
const failed = (minutesAgo: number): PinAttempt => ({
  at: new Date(now.getTime() - minutesAgo * 60_000).toISOString(),
  ok: false,
});

describe('wrongPinMessage', () => {
  it('counts down the tries left before the first five-minute lock', () => {
    expect(wrongPinMessage([failed(1), failed(0)], now, DEFAULT_LOCKOUT)).toBe(
      'Wrong PIN. 3 tries left before this desk locks you out for 5 minutes.',
    );
    expect(wrongPinMessage([failed(3), failed(2), failed(1), failed(0)], now, DEFAULT_LOCKOUT)).toBe(
      'Wrong PIN. 1 try left before this desk locks you out for 5 minutes.',
    );
  });

  it('names a doubled lock when the person was locked out just before', () => {
    // Five failures 20 minutes ago locked for 5 minutes; the next lock in a row lasts 10.
    const earlier = [20, 20, 20, 20, 20].map(failed);
    expect(wrongPinMessage([...earlier, failed(0)], now, DEFAULT_LOCKOUT)).toBe(
      'Wrong PIN. 4 tries left before this desk locks you out for 10 minutes.',
    );
  });

  it('says the sign-in is locked once the failures reach the limit', () => {
    const message = wrongPinMessage([4, 3, 2, 1, 0].map(failed), now, DEFAULT_LOCKOUT);
    expect(message).toBe(
      'Too many wrong PINs: sign-in is locked for 5 more minutes, or a manager can unlock it',
    );
  });
});
