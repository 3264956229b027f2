import { describe, expect, it } from 'vitest';
import { readCsv } from './csvText';
import { planCustomerImport } from './customerImport';
import { autoMapping, detectLayout, mappingProblems } from './importLayouts';

function plan(text: string, existingEmails = new Map<string, string>()) {
  const read = readCsv(text);
  if (!read.ok) throw new Error(read.message);
  expect(detectLayout(read.table.headers)).toBe('customers');
  const mapping = autoMapping('customers', read.table.headers);
  expect(mappingProblems('customers', mapping)).toEqual([]);
  return planCustomerImport(read.table.rows, {
    mapping,
    existingEmails,
    defaultCountry: 'GB',
    now: '2026-12-07T10:00:00.000Z',
  });
}

describe('planCustomerImport', () => {
  it('reads Shopify’s customer export (first and last name, default address) with postcodes checked per country', () => {
    const text = [
      'First Name,Last Name,Email,Default Address Company,Default Address Address1,Default Address City,Default Address Province Code,Default Address Country Code,Default Address Zip,Phone',
      'Ada,Lovelace,ada@example.com,,12 Byron St,London,,GB,sw1a 1aa,+44 20 7946 0000',
      'Bob,Stone,bob@example.com,Stone Ltd,1 Main St,Austin,TX,US,7870,',
      'Cy,Ng,ADA@example.com,,,,,,,',
    ].join('\r\n');
    const result = plan(text, new Map());
    expect(result.customers).toHaveLength(1);
    expect(result.customers[0]).toMatchObject({
      name: 'Ada Lovelace',
      email: 'ada@example.com',
      addresses: [expect.objectContaining({ postalCode: 'SW1A 1AA', country: 'GB' })],
    });
    expect(result.problems.map((p) => p.row)).toEqual([3, 4]);
    expect(result.problems[0]!.message).toMatch(/ZIP/i);
    expect(result.problems[1]!.message).toBe('E-mail ADA@example.com is already on row 2');
  });

  it('refuses an e-mail already in the store and a row without a name', () => {
    const text = ['Name,Email', 'Ada,ada@example.com', ',nobody@example.com', 'Eve,not-an-email'].join('\n');
    const result = plan(text, new Map([['ada@example.com', 'Ada Lovelace']]));
    expect(result.problems).toEqual([
      { row: 2, message: 'E-mail ada@example.com already belongs to customer Ada Lovelace' },
      { row: 3, message: expect.stringMatching(/name cannot be empty/i) },
      { row: 4, message: expect.stringMatching(/e-mail address is not valid/i) },
    ]);
  });
});

describe('column mapping', () => {
  it('matches headers without case, spaces or punctuation, and names a required field no column feeds', () => {
    const mapping = autoMapping('orderline', ['product name', 'sku', 'PRICE', 'on-hand']);
    expect(mapping).toMatchObject({ name: 0, sku: 1, price: 2, quantity: 3, barcode: null });
    expect(mappingProblems('orderline', { ...mapping, price: null })).toEqual([
      'Choose the column that holds Price: every row needs it',
    ]);
  });

  it('knows a Shopify export by its Handle and Variant columns', () => {
    expect(detectLayout(['Handle', 'Title', 'Variant SKU', 'Variant Price'])).toBe('shopify');
    expect(detectLayout(['Product', 'SKU', 'Price'])).toBe('orderline');
  });
});

describe('planCustomerImport regions', () => {
  it('writes US state codes in capitals and leaves a British county as typed', () => {
    const text = [
      'Name,Address1,City,Province,Zip,Country',
      'Bob,1 Main St,Austin,tx,78701,US',
      'Cat,2 High St,Maidstone,Kent,ME14 1XX,GB',
    ].join('\n');
    const result = plan(text);
    expect(result.problems).toEqual([]);
    expect(result.customers.map((c) => c.addresses[0]!.region)).toEqual(['TX', 'Kent']);
  });
});
