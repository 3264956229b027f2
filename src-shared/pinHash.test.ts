import { pbkdf2Sync } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { StaffSchema } from './records';
import {
  DEFAULT_PIN_ITERATIONS,
  checkPinRules,
  constantTimeEqual,
  minPinDigits,
  hashPin,
  lockoutState,
  needsRehash,
  verifyPin,
  type PinAttempt,
} from './pinHash';

const fast = { iterations: 1000 };

describe('PIN rules', () => {
  test.each(['4821', '90210', '314159', '27182818'])('%s is allowed', (pin) => {
    expect(checkPinRules(pin)).toEqual({ ok: true });
  });

  test.each([
    ['123', /4 to 8 digits; this one has 3/],
    ['123456789', /4 to 8 digits; this one has 9/],
    ['12a4', /digits only/],
    ['', /digits only/],
    ['0000', /repeats one digit/],
    ['99999999', /repeats one digit/],
    ['1234', /run of digits/],
    ['4321', /run of digits/],
    ['012345', /run of digits/],
    ['1212', /repeats a pattern/],
    ['123123', /repeats a pattern/],
    ['2580', /most common/],
  ])('%s is refused: %s', (pin, reason) => {
    const check = checkPinRules(pin);
    expect(check.ok).toBe(false);
    expect(!check.ok && check.reason).toMatch(reason);
  });

  test('owners and managers need 6 to 8 digits; sellers and packers 4 to 8', () => {
    expect(minPinDigits('owner')).toBe(6);
    expect(minPinDigits('manager')).toBe(6);
    expect(minPinDigits('seller')).toBe(4);
    expect(minPinDigits('packer')).toBe(4);
    expect(checkPinRules('4821', 'manager')).toEqual({
      ok: false,
      reason: 'A manager’s PIN has 6 to 8 digits; this one has 4',
    });
    expect(checkPinRules('90210', 'owner')).toEqual({
      ok: false,
      reason: 'An owner’s PIN has 6 to 8 digits; this one has 5',
    });
    expect(checkPinRules('314159', 'owner')).toEqual({ ok: true });
    expect(checkPinRules('4821', 'seller')).toEqual({ ok: true });
    // The other rules still hold at 6 digits.
    expect(checkPinRules('123456', 'manager').ok).toBe(false);
    expect(checkPinRules('121212', 'manager').ok).toBe(false);
  });

  test('hashPin refuses a short PIN for an owner or manager before hashing anything', async () => {
    await expect(hashPin('4821', { ...fast, role: 'manager' })).rejects.toThrow(
      'A manager’s PIN has 6 to 8 digits',
    );
    expect(await verifyPin('482193', await hashPin('482193', { ...fast, role: 'manager' }))).toBe(true);
  });
});

describe('PIN hashing', () => {
  test('the hash is stored in the format staff records accept and verifies the right PIN only', async () => {
    const stored = await hashPin('4821', fast);
    expect(stored).toMatch(/^pbkdf2-sha256\$1000\$[^$]+\$[^$]+$/);
    expect(stored).not.toContain('4821');
    expect(StaffSchema.shape.pinHash.safeParse(stored).success, 'StaffSchema accepts the stored hash').toBe(
      true,
    );
    expect(await verifyPin('4821', stored)).toBe(true);
    expect(await verifyPin('4822', stored)).toBe(false);
    expect(await verifyPin('', stored)).toBe(false);
  });

  test('two hashes of one PIN differ (random salt), and both verify', async () => {
    const a = await hashPin('4821', fast);
    const b = await hashPin('4821', fast);
    expect(a).not.toBe(b);
    expect(await verifyPin('4821', a)).toBe(true);
    expect(await verifyPin('4821', b)).toBe(true);
  });

  test('the default is at least 210,000 iterations', async () => {
    expect(DEFAULT_PIN_ITERATIONS).toBeGreaterThanOrEqual(210_000);
    const stored = await hashPin('4821');
    expect(Number(stored.split('$')[1])).toBe(DEFAULT_PIN_ITERATIONS);
    expect(needsRehash(stored)).toBe(false);
    expect(needsRehash(await hashPin('4821', fast))).toBe(true);
  });

  test('verifies a hash made independently by Node PBKDF2, and only at its iteration count', async () => {
    const salt = Buffer.from('orderline-salt16');
    const hash = pbkdf2Sync('4821', salt, 1000, 32, 'sha256');
    const stored = `pbkdf2-sha256$1000$${salt.toString('base64')}$${hash.toString('base64')}`;
    expect(await verifyPin('4821', stored)).toBe(true);
    expect(await verifyPin('4821', stored.replace('$1000$', '$1001$'))).toBe(false);
  });

  test('a trivial PIN is never hashed', async () => {
    await expect(hashPin('1234', fast)).rejects.toThrow(/run of digits/);
  });

  test('a damaged stored hash says what to do', async () => {
    await expect(verifyPin('4821', 'plain-4821')).rejects.toThrow(/set a new PIN/);
    await expect(verifyPin('4821', 'pbkdf2-sha256$0$AAAA$AAAA')).rejects.toThrow(/iterations/);
  });

  test('constant-time compare tells equal from unequal bytes and lengths', () => {
    expect(constantTimeEqual(new Uint8Array([1, 2, 3]), new Uint8Array([1, 2, 3]))).toBe(true);
    expect(constantTimeEqual(new Uint8Array([1, 2, 3]), new Uint8Array([1, 2, 4]))).toBe(false);
    expect(constantTimeEqual(new Uint8Array([1, 2, 3]), new Uint8Array([1, 2, 3, 0]))).toBe(false);
  });
});

describe('PIN lock-out', () => {
  const start = Date.parse('2026-06-01T09:00:00Z');
  const at = (minutes: number) => new Date(start + minutes * 60_000).toISOString();
  const failures = (count: number, fromMinute = 0): PinAttempt[] =>
    Array.from({ length: count }, (_, i) => ({ at: at(fromMinute + i * 0.1), ok: false }));

  test('four failures leave one try', () => {
    expect(lockoutState(failures(4), new Date(at(1)))).toEqual({ locked: false, failuresLeft: 1 });
  });

  test('the fifth failure locks sign-in for five minutes, then it opens again', () => {
    const attempts = failures(5);
    const locked = lockoutState(attempts, new Date(at(1)));
    expect(locked.locked).toBe(true);
    expect(locked.locked && locked.message).toMatch(/locked for 5 more minutes/);
    expect(lockoutState(attempts, new Date(at(5.5)))).toEqual({ locked: false, failuresLeft: 5 });
  });

  test('a success resets the count', () => {
    const attempts = [...failures(4), { at: at(1), ok: true }, ...failures(4, 2)];
    expect(lockoutState(attempts, new Date(at(3)))).toEqual({ locked: false, failuresLeft: 1 });
  });

  test('a second lock in a row lasts twice as long', () => {
    const attempts = [...failures(5), ...failures(5, 10)];
    const state = lockoutState(attempts, new Date(at(11)));
    expect(state.locked && state.until).toBe(new Date(Date.parse(at(10.4)) + 10 * 60_000).toISOString());
  });

  test('attempts made while locked do not extend the lock', () => {
    const attempts = [...failures(5), ...failures(5, 1)];
    expect(lockoutState(attempts, new Date(at(6))).locked).toBe(false);
  });

  test('attempts in any order give the same answer', () => {
    const attempts = failures(5);
    expect(lockoutState([...attempts].reverse(), new Date(at(1)))).toEqual(
      lockoutState(attempts, new Date(at(1))),
    );
  });
});
