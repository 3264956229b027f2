import { describe, expect, it } from 'vitest';
import { countryName, postalLines } from './postalAddress';

const street = { name: 'Ada Lovelace', line1: '1 Main Street' };

// The last lines of an address in each destination's own order (UPU S42 templates, the posts' guides).
describe('postalLines: the destination’s postal order', () => {
  it.each([
    ['GB', { city: 'London', postalCode: 'EC1A 1BB' }, ['LONDON', 'EC1A 1BB', 'UNITED KINGDOM']],
    [
      'IE',
      { city: 'Dublin 2', region: 'Co. Dublin', postalCode: 'D02 X285' },
      ['Dublin 2', 'Co. Dublin', 'D02 X285', 'IRELAND'],
    ],
    [
      'US',
      { city: 'Springfield', region: 'IL', postalCode: '62704' },
      ['Springfield, IL 62704', 'UNITED STATES'],
    ],
    ['CA', { city: 'Montréal', region: 'QC', postalCode: 'H2Y 1C6' }, ['Montréal QC H2Y 1C6', 'CANADA']],
    ['AU', { city: 'Sydney', region: 'NSW', postalCode: '2000' }, ['SYDNEY NSW 2000', 'AUSTRALIA']],
    ['NZ', { city: 'Auckland', postalCode: '1010' }, ['Auckland 1010', 'NEW ZEALAND']],
    [
      'JP',
      { city: 'Chiyoda-ku', region: 'Tokyo', postalCode: '100-0001' },
      ['Chiyoda-ku, Tokyo 100-0001', 'JAPAN'],
    ],
    ['DE', { city: 'Berlin', postalCode: '10115' }, ['10115 Berlin', 'GERMANY']],
    ['FR', { city: 'Paris', postalCode: '75008' }, ['75008 PARIS', 'FRANCE']],
    ['NL', { city: 'Amsterdam', postalCode: '1012 AB' }, ['1012 AB Amsterdam', 'NETHERLANDS']],
    ['IT', { city: 'Roma', region: 'RM', postalCode: '00184' }, ['00184 Roma RM', 'ITALY']],
    ['ES', { city: 'Getafe', region: 'Madrid', postalCode: '28901' }, ['28901 Getafe', 'Madrid', 'SPAIN']],
    ['SE', { city: 'Stockholm', postalCode: '114 55' }, ['114 55 Stockholm', 'SWEDEN']],
    ['CH', { city: 'Zürich', postalCode: '8001' }, ['8001 Zürich', 'SWITZERLAND']],
    [
      'BR',
      { city: 'São Paulo', region: 'SP', postalCode: '01310-100' },
      ['São Paulo, SP 01310-100', 'BRAZIL'],
    ],
  ])('writes an address in %s in its own order', (country, parts, tail) => {
    expect(postalLines({ ...street, ...parts, country })).toEqual(['Ada Lovelace', '1 Main Street', ...tail]);
  });

  it('leaves empty parts out', () => {
    expect(postalLines({ line1: '1 Main Street', city: 'Leeds', country: 'GB' })).toEqual([
      '1 Main Street',
      'LEEDS',
      'UNITED KINGDOM',
    ]);
  });

  it('spells the country out in the sender’s language', () => {
    expect(
      postalLines({ ...street, city: 'Berlin', postalCode: '10115', country: 'DE' }, { language: 'fr' }).at(
        -1,
      ),
    ).toBe('ALLEMAGNE');
    expect(countryName('US', 'de')).toBe('Vereinigte Staaten');
    expect(countryName('Narnia')).toBe('Narnia');
  });
});
