// Which of a customer's addresses is their usual delivery address: one rule for the till, the
// customer picker and directory, and the customers CSV.
import type { Address, Customer } from './records';

/** The customer's usual delivery address: their first shipping one, else their first of any kind. */
export function defaultAddress(c: Pick<Customer, 'addresses'>): Address | undefined {
  return c.addresses.find((a) => a.kind === 'shipping') ?? c.addresses[0];
}

/** The customer's addresses with the shipping ones first (each group in stored order), so the
 *  first is always {@link defaultAddress}. */
export function addressesDefaultFirst(c: Pick<Customer, 'addresses'>): Address[] {
  return [
    ...c.addresses.filter((a) => a.kind === 'shipping'),
    ...c.addresses.filter((a) => a.kind !== 'shipping'),
  ];
}
