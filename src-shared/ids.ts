// Ids made on the device: UUIDv7 is time-ordered, so offline creation never collides and
// sorting by id is sorting by creation time.
import { uuidv7 } from 'uuidv7';

export function newId(): string {
  return uuidv7();
}

/** Human order number, unique per desk without a server: D1-000042. */
export function orderNumber(deskCode: string, sequence: number): string {
  if (!/^[A-Z0-9]{1,6}$/.test(deskCode)) {
    throw new Error(`Desk code "${deskCode}" must be 1–6 capital letters or digits`);
  }
  if (!Number.isInteger(sequence) || sequence < 1 || sequence > 999_999) {
    throw new Error(`Order sequence ${sequence} must be a whole number from 1 to 999,999`);
  }
  return `${deskCode}-${String(sequence).padStart(6, '0')}`;
}
