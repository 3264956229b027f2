// Saving customers: a bad e-mail, source or name never reaches IndexedDB, and a saved customer
// is findable by words and phone digits, with its outbox entry in the same transaction.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newId } from '$shared/ids';
import { ValidationError } from '$shared/validation';
import { saveCustomer, type CustomerInput } from './customerWrites';
import { OrderlineDb } from './database';

let db: OrderlineDb;
beforeEach(() => {
  db = new OrderlineDb(`test-${crypto.randomUUID()}`);
});
afterEach(async () => {
  await db.delete();
});

const zoe: CustomerInput = {
  name: 'Zoë Fairweather',
  company: 'Fairweather & Daughters',
  email: 'zoe@fairweather.example',
  phone: '+44 (0)20 7946-0018',
  addresses: [
    {
      id: newId(),
      kind: 'shipping',
      name: 'Zoë Fairweather',
      line1: '12 Harbour Street',
      city: 'Whitby',
      postalCode: 'YO21 3PU',
      country: 'GB',
    },
  ],
  acquisitionSource: 'word_of_mouth',
  isBusiness: true,
};

async function counts() {
  return { customers: await db.customers.count(), outbox: await db.outbox.count() };
}

async function expectRefused(input: CustomerInput, message: string) {
  const before = await counts();
  const attempt = saveCustomer(db, input);
  await expect(attempt).rejects.toThrow(ValidationError);
  await expect(attempt).rejects.toThrow(message);
  expect(await counts()).toEqual(before);
}

describe('saveCustomer refuses bad input before it reaches IndexedDB', () => {
  it('refuses an invalid e-mail address, showing what one looks like', async () => {
    await expectRefused(
      { ...zoe, email: 'zoe at fairweather' },
      'Customer “Zoë Fairweather” was not saved: E-mail address is not valid (expected name@example.com)',
    );
  });

  it('refuses an acquisition source that is not a source id of the store’s list', async () => {
    // The list itself is the store's to edit (and may reach this desk after a customer does), so
    // the record checks the id's shape; the form offers only the listed ones.
    await expectRefused(
      { ...zoe, acquisitionSource: 'Bill Board!' as CustomerInput['acquisitionSource'] },
      'Acquisition source must say how the customer heard about us',
    );
  });

  it('refuses a customer without a name', async () => {
    await expectRefused({ ...zoe, name: '  ' }, 'Customer name cannot be empty');
  });

  it('refuses an address with a country that is not a two-letter code', async () => {
    const address = { ...zoe.addresses[0]!, country: 'England' };
    await expectRefused(
      { ...zoe, addresses: [address] },
      'must be a two-letter ISO 3166 country code such as US, GB or DE',
    );
  });
});

describe('saveCustomer stores good input', () => {
  it('stores phone digits and folded search words, with one outbox entry', async () => {
    const customer = await saveCustomer(db, zoe);
    const stored = await db.customers.get(customer.id);
    expect(stored).toEqual(customer);
    expect(stored?.phone).toBe('+44 (0)20 7946-0018');
    expect(stored?.phoneDigits).toBe('4402079460018');
    expect(stored?.searchWords).toEqual(['zoe', 'fairweather', 'daughters']);

    const outbox = await db.outbox.toArray();
    expect(outbox).toHaveLength(1);
    expect(outbox[0]).toMatchObject({
      kind: 'record.put',
      table: 'customers',
      recordId: customer.id,
      payload: customer,
      state: 'pending',
    });
  });

  it('is found by a word of the name without its accent and by the digits of the phone', async () => {
    const customer = await saveCustomer(db, zoe);
    await saveCustomer(db, {
      ...zoe,
      name: 'Bob Smith',
      company: undefined,
      email: undefined,
      phone: '555 0100',
    });
    expect((await db.customers.where('searchWords').startsWith('zo').toArray()).map((c) => c.id)).toEqual([
      customer.id,
    ]);
    expect(
      (await db.customers.where('phoneDigits').startsWith('4402079').toArray()).map((c) => c.id),
    ).toEqual([customer.id]);
  });

  it('saves an edit in place, keeping createdAt and queueing the new version', async () => {
    const first = await saveCustomer(db, zoe);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const edited = await saveCustomer(db, { ...zoe, id: first.id, phone: '07700 900123' });
    expect(await db.customers.count()).toBe(1);
    expect(edited.createdAt).toBe(first.createdAt);
    expect((await db.customers.get(first.id))?.phoneDigits).toBe('07700900123');
    const outbox = await db.outbox.toArray();
    expect(outbox.map((e) => e.recordId)).toEqual([first.id, first.id]);
    expect(outbox[1]?.payload).toMatchObject({ phoneDigits: '07700900123', createdAt: first.createdAt });
  });
});
