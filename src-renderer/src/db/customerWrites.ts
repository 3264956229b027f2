// Saving a customer: validated, made searchable by name, company, e-mail and phone digits,
// and queued for the server in the same transaction.
import { newId } from '$shared/ids';
import { CustomerSchema, type Customer } from '$shared/records';
import { phoneDigits } from '$shared/searchWords';
import { parseRecord, recordLabel } from '$shared/validation';
import { customerSearchWords, type OrderlineDb } from './database';
import { outboxEntry } from './outbox';

export type CustomerInput = Omit<
  Customer,
  'id' | 'phoneDigits' | 'searchWords' | 'createdAt' | 'updatedAt'
> & { id?: string };

export function customerRow(input: CustomerInput, now = new Date().toISOString()): Customer {
  return parseRecord(
    CustomerSchema,
    {
      ...input,
      id: input.id ?? newId(),
      phoneDigits: phoneDigits(input.phone),
      searchWords: customerSearchWords(input),
      createdAt: now,
      updatedAt: now,
    },
    recordLabel('Customer', input.name),
  );
}

export async function saveCustomer(db: OrderlineDb, input: CustomerInput): Promise<Customer> {
  const customer = customerRow(input);
  await db.transaction('rw', [db.customers, db.outbox], async () => {
    const existing = await db.customers.get(customer.id);
    if (existing) customer.createdAt = existing.createdAt;
    await db.customers.put(customer);
    await db.outbox.add(outboxEntry('record.put', 'customers', customer.id, customer));
  });
  return customer;
}
