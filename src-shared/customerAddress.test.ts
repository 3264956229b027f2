import { describe, expect, it } from 'vitest';
import { addressesDefaultFirst, billingAddress, customerCountry, defaultAddress } from './customerAddress';
import type { Address } from './records';

const address = (id: string, kind: Address['kind']): Address => ({
  id,
  kind,
  name: 'Ann Lee',
  line1: '1 High Street',
  city: 'Leeds',
  country: 'GB',
});

describe('defaultAddress', () => {
  it('is the first shipping address, even after a billing one', () => {
    const addresses = [address('b1', 'billing'), address('s1', 'shipping'), address('s2', 'shipping')];
    expect(defaultAddress({ addresses })?.id).toBe('s1');
  });

  it('falls back to the first address when none is for shipping, and is undefined with none', () => {
    expect(defaultAddress({ addresses: [address('b1', 'billing'), address('b2', 'billing')] })?.id).toBe(
      'b1',
    );
    expect(defaultAddress({ addresses: [] })).toBeUndefined();
  });
});

describe('addressesDefaultFirst', () => {
  it('puts shipping addresses first, each group in stored order, led by the default', () => {
    const c = {
      addresses: [
        address('b1', 'billing'),
        address('s1', 'shipping'),
        address('b2', 'billing'),
        address('s2', 'shipping'),
      ],
    };
    expect(addressesDefaultFirst(c).map((a) => a.id)).toEqual(['s1', 's2', 'b1', 'b2']);
    expect(addressesDefaultFirst(c)[0]).toBe(defaultAddress(c));
  });
});

describe('billingAddress', () => {
  it('is the first billing address, wherever it is stored', () => {
    const addresses = [address('s1', 'shipping'), address('b1', 'billing'), address('b2', 'billing')];
    expect(billingAddress({ addresses })?.id).toBe('b1');
  });

  it('falls back to the usual delivery address when none is for billing, and is undefined with none', () => {
    expect(billingAddress({ addresses: [address('s1', 'shipping'), address('s2', 'shipping')] })?.id).toBe(
      's1',
    );
    expect(billingAddress({ addresses: [] })).toBeUndefined();
  });

  it("carries the customer's company when the address has none of its own", () => {
    const addresses = [address('s1', 'shipping')];
    expect(billingAddress({ addresses, company: 'Okafor Interiors Ltd' })?.company).toBe(
      'Okafor Interiors Ltd',
    );
    const own = [{ ...address('b1', 'billing'), company: 'Okafor Holdings' }];
    expect(billingAddress({ addresses: own, company: 'Okafor Interiors Ltd' })?.company).toBe(
      'Okafor Holdings',
    );
  });
});

describe('customerCountry', () => {
  it("is the usual delivery address's country, else the store's own", () => {
    const inFrance = { ...address('s1', 'shipping'), country: 'FR' };
    expect(customerCountry({ addresses: [address('b1', 'billing'), inFrance] }, 'US')).toBe('FR');
    expect(customerCountry({ addresses: [] }, 'US')).toBe('US');
  });
});
