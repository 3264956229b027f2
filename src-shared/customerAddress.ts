// Which of a customer's addresses is their usual delivery address, and which one their invoices
// and quotes are billed to: one rule for the till, the customer picker and directory, the customers
// CSV, invoices and quotes.
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

/**
 * The address a customer is billed at (an invoice's or quote's "Bill to"): their first billing
 * address, else their usual delivery address ({@link defaultAddress}), as a store bills a customer
 * who never gave a separate billing address where it ships to them. An address without a company
 * carries the customer's company, so a business is billed by its name.
 */
export function billingAddress(c: Pick<Customer, 'addresses' | 'company'>): Address | undefined {
  const address = c.addresses.find((a) => a.kind === 'billing') ?? defaultAddress(c);
  // The bill goes to the business: an address without a company of its own takes the customer's.
  return address && !address.company && c.company ? { ...address, company: c.company } : address;
}

/**
 * The country a customer's details are read in (a phone number written without +, say): their usual
 * delivery address's, else the store's own (Settings › Shipping origin).
 */
export function customerCountry(c: Pick<Customer, 'addresses'>, storeCountry: string): string {
  return defaultAddress(c)?.country ?? storeCountry;
}
