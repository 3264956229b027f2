import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { money } from './money';
import {
  DEFAULT_TAX_RULES,
  TaxError,
  defaultTaxTable,
  groupTaxLines,
  resolveTaxRate,
  taxLine,
  type TaxRate,
  type TaxTable,
} from './tax';

const gb = defaultTaxTable('GB');
const de = defaultTaxTable('DE');
const us = defaultTaxTable('US');
const gbp = (amount: number) => money(amount, 'GBP');
const vat20: TaxRate = { percent: 20, label: 'VAT 20%', treatment: 'taxed' };

describe('which rate applies', () => {
  test('a UK seller charges UK VAT at home: 20% standard, 5% reduced, 0% zero-rated', () => {
    expect(resolveTaxRate(gb, { country: 'GB' }, 'standard')).toEqual(vat20);
    expect(resolveTaxRate(gb, { country: 'GB' }, 'reduced')).toEqual({
      percent: 5,
      label: 'VAT 5%',
      treatment: 'taxed',
    });
    expect(resolveTaxRate(gb, { country: 'GB' }, 'zero')).toEqual({
      percent: 0,
      label: 'VAT 0%',
      treatment: 'zero-rated',
    });
    expect(resolveTaxRate(gb, { country: 'GB' }, 'exempt')).toEqual({
      percent: 0,
      label: 'Exempt',
      treatment: 'exempt',
    });
  });

  test('goods leaving the seller’s tax area are zero-rated exports', () => {
    expect(resolveTaxRate(gb, { country: 'DE' }, 'standard')).toEqual({
      percent: 0,
      label: 'Export (zero-rated)',
      treatment: 'export',
    });
    expect(resolveTaxRate(de, { country: 'US', region: 'CA' }, 'standard').treatment).toBe('export');
  });

  test('an EU seller charges the buyer’s country rate inside the EU', () => {
    expect(resolveTaxRate(de, { country: 'DE' }, 'standard').label).toBe('MwSt. 19%');
    expect(resolveTaxRate(de, { country: 'DE' }, 'reduced').percent).toBe(7);
    expect(resolveTaxRate(de, { country: 'FR' }, 'reduced')).toEqual({
      percent: 5.5,
      label: 'TVA 5.5%',
      treatment: 'taxed',
    });
  });

  test('US sales tax follows the state, by code or by name', () => {
    expect(resolveTaxRate(us, { country: 'US', region: 'CA' }, 'standard').percent).toBe(7.25);
    expect(resolveTaxRate(us, { country: 'US', region: 'california' }, 'standard').percent).toBe(7.25);
    expect(resolveTaxRate(us, { country: 'US', region: 'US-NJ' }, 'standard').percent).toBe(6.625);
    expect(resolveTaxRate(us, { country: 'US', region: 'IL' }, 'reduced').percent).toBe(1);
    // A state not in the table: the store has no nexus there.
    expect(resolveTaxRate(us, { country: 'US', region: 'MT' }, 'standard')).toEqual({
      percent: 0,
      label: 'Sales tax 0%',
      treatment: 'zero-rated',
    });
  });

  test('asks for the state when a US address has none', () => {
    expect(() => resolveTaxRate(us, { country: 'US' }, 'standard')).toThrow(
      'Tax in United States (US) depends on the state or region; add it to the address',
    );
    expect(() => resolveTaxRate(us, { country: 'US', region: '  ' }, 'standard')).toThrow(TaxError);
  });

  test('says which destination the table lacks a rate for', () => {
    expect(() => resolveTaxRate(de, { country: 'PL' }, 'standard')).toThrow(
      'The tax table has no rate for Poland (PL); add one in the tax settings',
    );
    const statesOnly: TaxTable = {
      zone: ['US'],
      rules: DEFAULT_TAX_RULES.filter((r) => r.region !== undefined),
    };
    expect(() => resolveTaxRate(statesOnly, { country: 'US', region: 'MT' }, 'standard')).toThrow(
      'no rate for MT, United States (US)',
    );
  });

  test('has default tables for GB, US and EU sellers only', () => {
    expect(defaultTaxTable('FR').zone).toContain('DE');
    expect(() => defaultTaxTable('JP')).toThrow('There is no default tax table for a seller in Japan (JP)');
  });
});

describe('tax in a line', () => {
  test('extracts tax from a tax-inclusive price', () => {
    expect(taxLine(gbp(1200), vat20, 'inclusive')).toEqual({
      rate: vat20,
      net: gbp(1000),
      tax: gbp(200),
      gross: gbp(1200),
    });
  });

  test('adds tax to a tax-exclusive price', () => {
    expect(taxLine(gbp(1000), vat20, 'exclusive')).toEqual({
      rate: vat20,
      net: gbp(1000),
      tax: gbp(200),
      gross: gbp(1200),
    });
  });

  test('rounds half to even, once per line', () => {
    // £9.99 incl. 20%: tax is 166.5p → 166p (even).
    expect(taxLine(gbp(999), vat20, 'inclusive').tax).toEqual(gbp(166));
    const ca = resolveTaxRate(us, { country: 'US', region: 'CA' }, 'standard');
    // $10.00 + 7.25% = 72.5¢ → 72¢; $10.20 + 7.25% = 73.95¢ → 74¢.
    expect(taxLine(money(1000, 'USD'), ca, 'exclusive').tax).toEqual(money(72, 'USD'));
    expect(taxLine(money(1020, 'USD'), ca, 'exclusive').tax).toEqual(money(74, 'USD'));
  });

  test('handles fractional rates exactly (€10.55 incl. 5.5% holds €0.55)', () => {
    const fr = resolveTaxRate(de, { country: 'FR' }, 'reduced');
    expect(taxLine(money(1055, 'EUR'), fr, 'inclusive').tax).toEqual(money(55, 'EUR'));
  });

  test('zero-rated and exempt lines carry no tax whichever way prices are shown', () => {
    const exempt = resolveTaxRate(gb, { country: 'GB' }, 'exempt');
    expect(taxLine(gbp(500), exempt, 'inclusive')).toMatchObject({ net: gbp(500), tax: gbp(0) });
    expect(taxLine(gbp(500), exempt, 'exclusive')).toMatchObject({ gross: gbp(500), tax: gbp(0) });
  });

  test('net + tax = gross for every amount and rate', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1_000_000_00, max: 1_000_000_00 }),
        fc.constantFrom(0, 5, 5.5, 6.625, 7.25, 13.5, 19, 20, 23),
        fc.constantFrom('inclusive' as const, 'exclusive' as const),
        (amount, percent, basis) => {
          const line = taxLine(gbp(amount), { percent, label: `T ${percent}%`, treatment: 'taxed' }, basis);
          expect(line.net.amount + line.tax.amount).toBe(line.gross.amount);
          expect(Math.abs(line.tax.amount - (line.net.amount * percent) / 100)).toBeLessThanOrEqual(
            basis === 'exclusive' ? 0.5 : 1,
          );
        },
      ),
    );
  });
});

describe('receipt tax summary', () => {
  test('groups lines by rate, highest rate first, exports and exempt last', () => {
    const rate = (taxClass: 'standard' | 'reduced' | 'zero' | 'exempt') =>
      resolveTaxRate(gb, { country: 'GB' }, taxClass);
    const lines = [
      taxLine(gbp(1200), rate('standard'), 'inclusive'),
      taxLine(gbp(500), rate('exempt'), 'inclusive'),
      taxLine(gbp(1050), rate('reduced'), 'inclusive'),
      taxLine(gbp(600), rate('standard'), 'inclusive'),
      taxLine(gbp(300), rate('zero'), 'inclusive'),
    ];
    expect(groupTaxLines(lines, 'GBP')).toEqual([
      { label: 'VAT 20%', percent: 20, treatment: 'taxed', net: gbp(1500), tax: gbp(300), gross: gbp(1800) },
      { label: 'VAT 5%', percent: 5, treatment: 'taxed', net: gbp(1000), tax: gbp(50), gross: gbp(1050) },
      { label: 'VAT 0%', percent: 0, treatment: 'zero-rated', net: gbp(300), tax: gbp(0), gross: gbp(300) },
      { label: 'Exempt', percent: 0, treatment: 'exempt', net: gbp(500), tax: gbp(0), gross: gbp(500) },
    ]);
  });

  test('sums the rounded line taxes, so the receipt adds up', () => {
    // Three £0.99 lines at 20% inclusive: 16.5p each → 16p; the group shows 48p, not round(49.5p).
    const lines = [1, 2, 3].map(() => taxLine(gbp(99), vat20, 'inclusive'));
    expect(groupTaxLines(lines, 'GBP')[0]?.tax).toEqual(gbp(48));
  });

  test('an empty receipt has no tax groups', () => {
    expect(groupTaxLines([], 'GBP')).toEqual([]);
  });
});
