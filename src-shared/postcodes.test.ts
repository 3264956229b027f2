import { describe, expect, test } from 'vitest';
import { CHECKED_COUNTRIES, checkPostcode, postcodeExample } from './postcodes';

describe('checkPostcode', () => {
  test.each([
    ['GB', 'sw1a1aa', 'SW1A 1AA'],
    ['GB', ' M1  1AE ', 'M1 1AE'],
    ['GB', 'YO21 3PU', 'YO21 3PU'],
    ['US', '10001', '10001'],
    ['US', '10001 1234', '10001-1234'],
    ['CA', 'k1a0b1', 'K1A 0B1'],
    ['DE', '10115', '10115'],
    ['DE', 'DE-10115', '10115'],
    ['FR', '75001', '75001'],
    ['NL', '1012ab', '1012 AB'],
    ['IT', '00184', '00184'],
    ['ES', '28013', '28013'],
    ['SE', '11455', '114 55'],
    ['IE', 'd02x285', 'D02 X285'],
    ['IE', 'D6W 1234', 'D6W 1234'],
    ['JP', '1000001', '100-0001'],
    ['JP', '〒１００－０００１', '100-0001'],
    ['AU', '2000', '2000'],
    ['PL', '00950', '00-950'],
  ])('accepts %s postcode “%s” and writes it as %s', (country, raw, normalised) => {
    expect(checkPostcode(country, raw)).toEqual({ ok: true, normalised });
  });

  test.each([
    ['GB', 'OX40 63F', 'A UK postcode looks like SW1A 1AA; “OX40 63F” does not fit'],
    ['US', '1000', 'A US ZIP code looks like 10001 or 10001-1234; “1000” does not fit'],
    ['CA', 'D1A 0B1', 'A Canadian postal code looks like K1A 0B1'],
    ['DE', '1234', 'A German postcode looks like 10115; “1234” does not fit'],
    ['FR', '7500', 'A French postcode looks like 75001'],
    ['NL', '1012 SS', 'A Dutch postcode looks like 1012 AB'],
    ['NL', '0123 AB', 'A Dutch postcode looks like 1012 AB'],
    ['IT', '0018', 'An Italian postcode (CAP) looks like 00184'],
    ['ES', '64465', 'A Spanish postcode looks like 28013'],
    ['SE', '01234', 'A Swedish postcode looks like 114 55'],
    ['IE', 'B02 X285', 'An Eircode looks like D02 X285'],
    ['JP', '100-001', 'A Japanese postcode looks like 100-0001'],
    ['AU', '200', 'An Australian postcode looks like 2000'],
  ])('refuses %s postcode “%s”, showing what one looks like', (country, raw, message) => {
    const result = checkPostcode(country, raw);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain(message);
  });

  test('every example it shows passes its own check', () => {
    for (const country of CHECKED_COUNTRIES) {
      const example = postcodeExample(country)!;
      expect(checkPostcode(country, example)).toEqual({ ok: true, normalised: example });
    }
  });

  test('leaves an empty postcode for the address rules to judge', () => {
    expect(checkPostcode('DE', '   ')).toEqual({ ok: true, normalised: '' });
  });

  test('accepts any short postcode where a country has no format, tidied', () => {
    expect(checkPostcode('BR', ' 01310-100 ')).toEqual({ ok: true, normalised: '01310-100' });
    expect(checkPostcode('HK', '')).toEqual({ ok: true, normalised: '' });
    const long = checkPostcode('BR', '1'.repeat(21));
    expect(long.ok).toBe(false);
    if (!long.ok) expect(long.message).toBe('A postcode for Brazil (BR) cannot be longer than 20 characters');
  });
});
