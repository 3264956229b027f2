import { describe, expect, it } from 'vitest';
import { countryLabel } from './countries';
import { COUNTRY_CODES, countryOptions } from './countryList';

describe('country list', () => {
  it('holds only current ISO 3166-1 codes: no withdrawn or reserved ones', () => {
    for (const gone of ['DD', 'SU', 'YU', 'UK', 'FX', 'ZR', 'AN', 'CS', 'TP', 'EU', 'ZZ'])
      expect(COUNTRY_CODES, gone).not.toContain(gone);
    for (const current of ['DE', 'GB', 'US', 'SS', 'CW', 'XK']) expect(COUNTRY_CODES).toContain(current);
    expect(COUNTRY_CODES.length).toBeGreaterThanOrEqual(249);
  });

  it('lists every country once, common ones first', () => {
    const { common, others } = countryOptions(['GB', 'DE', 'XX'], countryLabel);
    expect(common.map((c) => c.code)).toEqual(['GB', 'DE']);
    const all = [...common, ...others].map((c) => c.code);
    expect(new Set(all).size).toBe(all.length);
    expect(all.filter((c) => c === 'DE')).toHaveLength(1);
    expect(others.map((c) => c.label).filter((l) => l.startsWith('Germany'))).toEqual([]);
  });
});
