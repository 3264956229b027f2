// The customer form without the DOM: a new customer starts with one empty shipping address; Save
// asks how they heard about us, checks the addresses the seller touched against their country and
// leaves an untouched old address alone, puts the phone in E.164, drops a blank address, and lands
// saveCustomer's refusals on their fields; addresses are added in the last one's country.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OrderlineDb } from '$db/database';
import { saveCustomer } from '$db/customerWrites';
import { saveShippingRules } from '$db/storeSettings';
import { DEFAULT_SHIPPING_RULES } from '$shared/storeRules';
import { CustomerFormState } from './customerDraft.svelte';

let db: OrderlineDb;
beforeEach(() => {
  db = new OrderlineDb(`test-${crypto.randomUUID()}`);
});
afterEach(async () => {
  await db.delete();
});

describe('the customer form', () => {
  it('asks how a new customer heard about us, and saves nothing until told', async () => {
    const form = new CustomerFormState(db, undefined, 'GB');
    expect(form.isNew).toBe(true);
    expect(form.addresses.map((a) => [a.kind, a.country])).toEqual([['shipping', 'GB']]);
    form.name = 'Ada Lovelace';
    expect(await form.save()).toBeNull();
    expect(form.problems).toEqual({ acquisitionSource: 'Ask how they heard about us, or choose Other' });
    expect(form.summary).toEqual(['Ask how they heard about us, or choose Other']);
    expect(await db.customers.count()).toBe(0);
  });

  it('stores the phone in E.164, drops a blank address and saves the customer', async () => {
    const form = new CustomerFormState(db, undefined, 'GB');
    form.name = 'Ada Lovelace';
    form.phone = '020 7946 0958';
    form.acquisitionSource = 'other';
    form.campaignCode = ' spring-26 ';
    const saved = await form.save();
    expect(saved).not.toBeNull();
    expect(saved).toMatchObject({ name: 'Ada Lovelace', phone: '+442079460958', campaignCode: 'SPRING-26' });
    expect(saved?.addresses).toEqual([]);
    expect(form.phone).toBe('+442079460958');
    expect(form.summary).toEqual([]);
  });

  it('checks a touched address against its country, and shows the problem on the address', async () => {
    const form = new CustomerFormState(db, undefined, 'GB');
    form.name = 'Ada Lovelace';
    form.acquisitionSource = 'other';
    const id = form.addresses[0]!.id;
    Object.assign(form.addresses[0]!, { line1: '1 High Street', city: 'London', postalCode: '12345' });
    expect(await form.save()).toBeNull();
    expect(Object.keys(form.addressProblems)).toEqual([id]);
    expect(form.addressProblems[id]?.postalCode).toMatch(/“12345” does not fit/);
    expect(form.summary).toEqual([`Address 1: ${form.addressProblems[id]?.postalCode}`]);

    form.addresses[0]!.postalCode = 'sw1a 1aa';
    const saved = await form.save();
    expect(saved?.addresses).toMatchObject([
      {
        kind: 'shipping',
        name: 'Ada Lovelace',
        line1: '1 High Street',
        city: 'London',
        postalCode: 'SW1A 1AA',
      },
    ]);
  });

  it('leaves an untouched old address alone when only the phone is edited', async () => {
    const addressId = crypto.randomUUID();
    const stored = await saveCustomer(db, {
      name: 'Old Customer',
      acquisitionSource: 'other',
      isBusiness: false,
      addresses: [
        {
          id: addressId,
          kind: 'shipping',
          name: 'Old Customer',
          line1: '2 Mill Lane',
          city: 'Leeds',
          country: 'GB',
          postalCode: 'NOT A CODE',
        },
      ],
    });
    const form = new CustomerFormState(db, stored, 'GB');
    expect(form.isNew).toBe(false);
    form.phone = '0113 496 0000';
    const saved = await form.save();
    expect(form.summary).toEqual([]);
    expect(saved?.phone).toBe('+441134960000');
    expect(saved?.addresses[0]).toMatchObject({
      id: addressId,
      postalCode: 'NOT A CODE',
      phone: '+441134960000',
    });
  });

  it('lands a refusal from saving on its field', async () => {
    const form = new CustomerFormState(db, undefined, 'GB');
    form.name = 'Ada Lovelace';
    form.email = 'not an address';
    form.acquisitionSource = 'other';
    expect(await form.save()).toBeNull();
    expect(Object.keys(form.problems)).toEqual(['email']);
    expect(form.summary).toEqual([form.problems.email]);
    expect(form.saving).toBe(false);
  });

  it('adds addresses in the last one’s country, names them, and removes them with their problems', () => {
    const form = new CustomerFormState(db, undefined, 'FR');
    form.addAddress('shipping');
    form.addAddress('billing');
    expect(form.addresses.map((a) => [a.kind, a.country])).toEqual([
      ['shipping', 'FR'],
      ['shipping', 'FR'],
      ['billing', 'FR'],
    ]);
    expect(form.addresses.map((a) => form.legendFor(a))).toEqual([
      'Shipping address 1',
      'Shipping address 2',
      'Billing address',
    ]);
    expect(form.shippingCount).toBe(2);
    const second = form.addresses[1]!.id;
    form.addressProblems[second] = { city: 'Town cannot be empty' };
    form.removeAddress(second);
    expect(form.addresses).toHaveLength(2);
    expect(form.addressProblems[second]).toBeUndefined();
    expect(form.legendFor(form.addresses[0]!)).toBe('Shipping address');
  });

  it('starts a new customer in the store’s country unless told one, and leaves a typed address alone', async () => {
    await saveShippingRules(db, { ...DEFAULT_SHIPPING_RULES, origin: 'IE' });
    const fresh = new CustomerFormState(db, undefined);
    await fresh.load();
    expect(fresh.addresses.map((a) => a.country)).toEqual(['IE']);
    fresh.addAddress('billing');
    expect(fresh.addresses[1]!.country).toBe('IE');

    const typing = new CustomerFormState(db, undefined);
    typing.addresses[0]!.line1 = '1 High Street';
    await typing.load();
    expect(typing.addresses[0]!.country).toBe('GB');

    const told = new CustomerFormState(db, undefined, 'FR');
    await told.load();
    expect(told.addresses[0]!.country).toBe('FR');
  });
});
