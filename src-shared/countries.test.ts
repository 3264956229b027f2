import { describe, expect, test } from 'vitest';
import { EUROPE, EU_MEMBER_STATES, UNDELIVERABLE, countryLabel } from './countries';

describe('countries', () => {
  test('names a country with its code so a person recognises either', () => {
    expect(countryLabel('AQ')).toBe('Antarctica (AQ)');
    expect(countryLabel('DE', 'de')).toBe('Deutschland (DE)');
  });

  test('falls back to the bare code when there is no name for it', () => {
    expect(countryLabel('XX')).toBe('XX');
    expect(countryLabel('not a code')).toBe('not a code');
  });

  test('lists the 27 EU member states once each, inside Europe', () => {
    expect(new Set(EU_MEMBER_STATES).size).toBe(27);
    expect(EU_MEMBER_STATES).not.toContain('GB');
    expect(EUROPE).toEqual(expect.arrayContaining([...EU_MEMBER_STATES, 'GB', 'NO', 'CH']));
    expect(new Set(EUROPE).size).toBe(EUROPE.length);
  });

  test('marks Antarctica as undeliverable', () => {
    expect(UNDELIVERABLE).toContain('AQ');
  });
});
