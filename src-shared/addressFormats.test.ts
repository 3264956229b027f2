import { describe, expect, test } from 'vitest';
import {
  AU_STATES,
  CALLING_CODES,
  CA_PROVINCES,
  JP_PREFECTURES,
  US_STATES,
  addressFormat,
  checkAddress,
} from './addressFormats';

describe('addressFormat', () => {
  test('names fields the way each country does', () => {
    expect(addressFormat('US')).toMatchObject({ postcodeLabel: 'ZIP code', regionLabel: 'State' });
    expect(addressFormat('GB')).toMatchObject({ postcodeLabel: 'Postcode', regionLabel: 'County' });
    expect(addressFormat('IE')).toMatchObject({ postcodeLabel: 'Eircode', postcodeRequired: false });
    expect(addressFormat('JP')).toMatchObject({ regionLabel: 'Prefecture', postcodeFirst: true });
    expect(addressFormat('CA')).toMatchObject({ postcodeLabel: 'Postal code', regionLabel: 'Province' });
  });

  test('asks continental European addresses for the postcode first and no region', () => {
    const de = addressFormat('DE');
    expect(de).toMatchObject({ postcodeFirst: true, postcodeRequired: true, postcodeExample: '10115' });
    expect(de.regionLabel).toBeUndefined();
  });

  test('offers a permissive international form for a country it has no rules for', () => {
    expect(addressFormat('BR')).toMatchObject({
      country: 'BR',
      postcodeRequired: false,
      regionLabel: 'State / region',
      regionRequired: false,
    });
    expect(addressFormat('BR').postcodeExample).toBeUndefined();
  });

  test('has complete region lists with unique codes', () => {
    expect(
      US_STATES.filter((s) => !['AS', 'GU', 'MP', 'PR', 'VI', 'AA', 'AE', 'AP', 'DC'].includes(s.code)),
    ).toHaveLength(50);
    expect(CA_PROVINCES).toHaveLength(13);
    expect(AU_STATES).toHaveLength(8);
    expect(JP_PREFECTURES).toHaveLength(47);
    for (const list of [US_STATES, CA_PROVINCES, AU_STATES, JP_PREFECTURES]) {
      expect(new Set(list.map((r) => r.code)).size).toBe(list.length);
      expect(list.every((r) => r.code && r.name)).toBe(true);
    }
  });

  test('lists calling codes longest first, so 353 is tried before 35', () => {
    expect(CALLING_CODES).toEqual(expect.arrayContaining(['44', '1', '49', '353', '81']));
    const lengths = CALLING_CODES.map((c) => c.length);
    expect(lengths).toEqual([...lengths].sort((a, b) => b - a));
  });
});

describe('checkAddress', () => {
  const berlin = { line1: 'Invalidenstraße 1', city: 'Berlin', postalCode: '10115', country: 'DE' };

  test('accepts a complete address and writes the postcode the country’s way', () => {
    expect(checkAddress(berlin)).toEqual({ problems: {}, postalCode: '10115' });
    expect(
      checkAddress({ line1: '1 Main St', city: 'London', postalCode: 'sw1a1aa', country: 'GB' }),
    ).toEqual({ problems: {}, postalCode: 'SW1A 1AA' });
  });

  test('says which field is missing, in the country’s words', () => {
    const { problems } = checkAddress({ country: 'US', line1: ' ', city: '', postalCode: '' });
    expect(problems).toEqual({
      line1: 'Address line 1 cannot be empty',
      city: 'City cannot be empty',
      region: 'Choose the state for an address in United States (US)',
      postalCode: 'ZIP code is needed for an address in United States (US)',
    });
  });

  test('refuses a postcode that does not fit the country', () => {
    expect(checkAddress({ ...berlin, postalCode: '1234' }).problems.postalCode).toBe(
      'A German postcode looks like 10115; “1234” does not fit',
    );
  });

  test('refuses a region that is not on the country’s list', () => {
    const address = { line1: '1 Main St', city: 'Austin', postalCode: '73301', country: 'US' };
    expect(checkAddress({ ...address, region: 'TX' }).problems).toEqual({});
    expect(checkAddress({ ...address, region: 'Texas' }).problems.region).toBe(
      '“Texas” is not a state of United States (US)',
    );
  });

  test('lets an Irish address without an Eircode through', () => {
    expect(checkAddress({ line1: 'Main Street', city: 'Ennis', country: 'IE' }).problems).toEqual({});
  });
});
