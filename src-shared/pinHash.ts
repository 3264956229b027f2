// Staff PINs: which PINs are allowed, hashing with PBKDF2-SHA256 (Web Crypto, so the same code runs
// in the window, the server and tests), checking a typed PIN, and the lock-out after repeated failures.
//
// Stored format (records.ts StaffSchema): "pbkdf2-sha256$<iterations>$<salt base64>$<hash base64>".
// A PIN has at most 10^8 values, so the slow KDF and the lock-out together are what protect it.

import type { Role } from './permissions';

/** OWASP's 2023 figure for PBKDF2-HMAC-SHA256. */
export const DEFAULT_PIN_ITERATIONS = 210_000;
// A stored hash asking for more than this would freeze the desk on every sign-in.
const MAX_ITERATIONS = 10_000_000;
const SALT_BYTES = 16;
const HASH_BITS = 256;

export type PinCheck = { ok: true } | { ok: false; reason: string };

// Well-known PINs that are neither repeated nor sequential but are guessed first.
const COMMON_PINS = new Set(['2580', '0852', '1004', '2000', '6969', '1212', '1122', '1313', '4444', '7777']);

function isSequence(pin: string, step: 1 | -1): boolean {
  for (let i = 1; i < pin.length; i++) {
    if (pin.charCodeAt(i) - pin.charCodeAt(i - 1) !== step) return false;
  }
  return true;
}

/**
 * The fewest digits a role's PIN may have. Owners and managers approve refunds, discounts and staff
 * changes, so theirs has 6: a million guesses instead of ten thousand against a copied profile.
 */
export function minPinDigits(role?: Role): number {
  return role === 'owner' || role === 'manager' ? 6 : 4;
}

/** Whether a PIN may be chosen (for `role`): 4–8 digits (6–8 for owners and managers), not one guessed first. */
export function checkPinRules(pin: string, role?: Role): PinCheck {
  if (!/^\d+$/.test(pin)) return { ok: false, reason: 'A PIN is digits only (0–9)' };
  const min = minPinDigits(role);
  if (pin.length < min || pin.length > 8) {
    const whose = role === 'owner' ? 'An owner’s PIN' : role === 'manager' ? 'A manager’s PIN' : 'A PIN';
    return { ok: false, reason: `${whose} has ${min} to 8 digits; this one has ${pin.length}` };
  }
  if (/^(\d)\1+$/.test(pin)) {
    return { ok: false, reason: `${pin} repeats one digit and is guessed first; choose another PIN` };
  }
  if (isSequence(pin, 1) || isSequence(pin, -1)) {
    return { ok: false, reason: `${pin} is a run of digits and is guessed first; choose another PIN` };
  }
  if (/^(\d\d)\1+$/.test(pin) || /^(\d{3})\1$/.test(pin) || /^(\d{4})\1$/.test(pin)) {
    return { ok: false, reason: `${pin} repeats a pattern and is easy to guess; choose another PIN` };
  }
  if (COMMON_PINS.has(pin)) {
    return { ok: false, reason: `${pin} is one of the most common PINs; choose another PIN` };
  }
  return { ok: true };
}

function subtle(): SubtleCrypto {
  const webCrypto = globalThis.crypto;
  if (!webCrypto?.subtle) {
    throw new Error('Web Crypto is not available here, so PINs cannot be checked; update the app or browser');
  }
  return webCrypto.subtle;
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

async function derive(pin: string, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<Uint8Array> {
  const key = await subtle().importKey('raw', new TextEncoder().encode(pin), 'PBKDF2', false, ['deriveBits']);
  const bits = await subtle().deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
    key,
    HASH_BITS,
  );
  return new Uint8Array(bits);
}

function checkIterations(iterations: number): void {
  if (!Number.isSafeInteger(iterations) || iterations < 1 || iterations > MAX_ITERATIONS) {
    throw new Error(
      `PIN hashing needs 1 to ${MAX_ITERATIONS.toLocaleString('en')} iterations, not ${iterations}`,
    );
  }
}

export type HashPinOptions = {
  iterations?: number;
  /** The role the PIN is for: owners and managers need 6 digits (minPinDigits). */
  role?: Role;
};

/**
 * The stored form of a PIN. The PIN rules are checked first, so a trivial PIN never gets stored;
 * tests may lower the iterations to stay fast.
 */
export async function hashPin(pin: string, options: HashPinOptions = {}): Promise<string> {
  const rules = checkPinRules(pin, options.role);
  if (!rules.ok) throw new Error(rules.reason);
  const iterations = options.iterations ?? DEFAULT_PIN_ITERATIONS;
  checkIterations(iterations);
  const salt = new Uint8Array(SALT_BYTES);
  globalThis.crypto.getRandomValues(salt);
  const hash = await derive(pin, salt, iterations);
  return `pbkdf2-sha256$${iterations}$${toBase64(salt)}$${toBase64(hash)}`;
}

type ParsedHash = { iterations: number; salt: Uint8Array<ArrayBuffer>; hash: Uint8Array<ArrayBuffer> };

function parseStored(stored: string): ParsedHash {
  const match = /^pbkdf2-sha256\$(\d+)\$([A-Za-z0-9+/]+={0,2})\$([A-Za-z0-9+/]+={0,2})$/.exec(stored);
  if (!match) {
    throw new Error(
      'The stored PIN hash is not in the form pbkdf2-sha256$<iterations>$<salt>$<hash>; set a new PIN for this person',
    );
  }
  const iterations = Number(match[1]);
  checkIterations(iterations);
  return { iterations, salt: fromBase64(match[2] ?? ''), hash: fromBase64(match[3] ?? '') };
}

/** Compares every byte whatever the first difference, so timing does not tell how close a guess came. */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  let difference = a.length ^ b.length;
  const length = Math.max(a.length, b.length);
  for (let i = 0; i < length; i++) difference |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return difference === 0;
}

/** Whether a typed PIN matches the stored hash. Throws only when the stored hash is damaged. */
export async function verifyPin(pin: string, stored: string): Promise<boolean> {
  const { iterations, salt, hash } = parseStored(stored);
  // Hash even a malformed guess, so a wrong-length PIN is not answered faster.
  const candidate = await derive(pin, salt, iterations);
  return constantTimeEqual(candidate, hash) && /^\d{4,8}$/.test(pin);
}

/** True when the hash was made with fewer iterations than today's default: re-hash at next sign-in. */
export function needsRehash(stored: string, iterations = DEFAULT_PIN_ITERATIONS): boolean {
  return parseStored(stored).iterations < iterations;
}

export type PinAttempt = { at: string; ok: boolean };
export type LockoutPolicy = {
  /** Consecutive failures that lock the sign-in. */
  maxFailures: number;
  /** The first lock; each further lock in a row doubles it, up to maxLockMinutes. */
  lockMinutes: number;
  maxLockMinutes: number;
};
export const DEFAULT_LOCKOUT: LockoutPolicy = { maxFailures: 5, lockMinutes: 5, maxLockMinutes: 60 };

export type LockoutState =
  { locked: false; failuresLeft: number } | { locked: true; until: string; message: string };

/**
 * Whether a person may try their PIN now, from their attempt history (any order). A success resets
 * the count; after maxFailures failures in a row the sign-in locks, and attempts made while locked
 * (another desk that had not heard yet) do not extend it.
 */
export function lockoutState(
  attempts: readonly PinAttempt[],
  now: Date,
  policy: LockoutPolicy = DEFAULT_LOCKOUT,
): LockoutState {
  const sorted = [...attempts]
    .map((a) => ({ time: Date.parse(a.at), ok: a.ok }))
    .filter((a) => !Number.isNaN(a.time))
    .sort((a, b) => a.time - b.time);
  let failures = 0;
  let locksInARow = 0;
  let lockedUntil = -Infinity;
  for (const attempt of sorted) {
    if (attempt.time < lockedUntil) continue;
    if (attempt.ok) {
      failures = 0;
      locksInARow = 0;
      continue;
    }
    failures += 1;
    if (failures >= policy.maxFailures) {
      const minutes = Math.min(policy.lockMinutes * 2 ** locksInARow, policy.maxLockMinutes);
      lockedUntil = attempt.time + minutes * 60_000;
      locksInARow += 1;
      failures = 0;
    }
  }
  if (now.getTime() < lockedUntil) {
    const minutesLeft = Math.ceil((lockedUntil - now.getTime()) / 60_000);
    return {
      locked: true,
      until: new Date(lockedUntil).toISOString(),
      message: `Too many wrong PINs: sign-in is locked for ${minutesLeft} more minute${minutesLeft === 1 ? '' : 's'}, or a manager can unlock it`,
    };
  }
  return { locked: false, failuresLeft: policy.maxFailures - failures };
}
