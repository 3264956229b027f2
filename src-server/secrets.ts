// Device tokens and enrollment codes: made from a strong random source, and stored only as their
// SHA-256, so a copy of the database lets no one sync as a desk.
import { createHash, randomBytes, randomInt } from 'node:crypto';
import { ENROLL_CODE_ALPHABET, normaliseEnrollCode } from '../src-shared/syncProtocol';

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** 32 random bytes, URL-safe: what a desk sends as its Bearer token. */
export function newDeviceToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Ten characters from an alphabet without look-alikes, printed as ABCDE-FGH23. */
export function newEnrollCode(): string {
  const chars = Array.from(
    { length: 10 },
    () => ENROLL_CODE_ALPHABET[randomInt(ENROLL_CODE_ALPHABET.length)],
  );
  return `${chars.slice(0, 5).join('')}-${chars.slice(5).join('')}`;
}

export function hashEnrollCode(typed: string): string {
  return hashSecret(normaliseEnrollCode(typed));
}
