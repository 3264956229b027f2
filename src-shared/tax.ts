// Sales tax and VAT: which rate applies to a tax class at a destination (rules are data, passed
// in), the tax in a line for tax-inclusive or tax-exclusive prices, and a receipt's tax summary.
//
// Rounding: tax is worked out per line (the line's amount after discounts, not per unit and not
// on the whole order) and rounded half-to-even to the minor unit (see money.ts). A receipt's tax
// groups add up those rounded line taxes, so the printed summary always matches the lines.
import type { TAX_CLASSES } from './records';
import { EU_MEMBER_STATES, countryLabel } from './countries';
import { add, exactFraction, multiplyByFraction, subtract, zero, type Money } from './money';

export type TaxClassName = (typeof TAX_CLASSES)[number];
/** 'inclusive': shelf prices contain the tax (UK/EU retail). 'exclusive': tax is added on top (US). */
export type PriceBasis = 'inclusive' | 'exclusive';
export type Destination = { country: string; region?: string };

/** Rates (percent) for one country, or one state/region of it. 'zero' and 'exempt' are always 0. */
export type TaxRule = {
  country: string;
  /** State or region code (e.g. "CA"); a rule without one covers the whole country. */
  region?: string;
  /** The region's name as people type it on addresses (e.g. "California"). */
  regionName?: string;
  /** What the tax is called on a receipt: "VAT", "MwSt.", "TVA", "Sales tax". */
  name: string;
  standard: number;
  reduced: number;
};

export type TaxTable = {
  /** Countries inside the seller's tax area; anything shipped outside it is an export, zero-rated. */
  zone: readonly string[];
  rules: readonly TaxRule[];
};

export type TaxTreatment = 'taxed' | 'zero-rated' | 'export' | 'exempt';
export type TaxRate = { percent: number; label: string; treatment: TaxTreatment };
export type LineTax = { rate: TaxRate; net: Money; tax: Money; gross: Money };
export type TaxGroup = {
  label: string;
  percent: number;
  treatment: TaxTreatment;
  net: Money;
  tax: Money;
  gross: Money;
};

export class TaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TaxError';
  }
}

const sameRegion = (rule: TaxRule, typed: string): boolean => {
  const region = typed
    .trim()
    .toUpperCase()
    .replace(/^[A-Z]{2}-/, '');
  return rule.region === region || rule.regionName?.toUpperCase() === typed.trim().toUpperCase();
};

/** The rate for a tax class at a destination, or a TaxError saying what the table is missing. */
export function resolveTaxRate(table: TaxTable, destination: Destination, taxClass: TaxClassName): TaxRate {
  if (taxClass === 'exempt') return { percent: 0, label: 'Exempt', treatment: 'exempt' };
  const { country, region } = destination;
  if (!table.zone.includes(country)) return { percent: 0, label: 'Export (zero-rated)', treatment: 'export' };

  const countryRules = table.rules.filter((r) => r.country === country);
  const regional = countryRules.filter((r) => r.region !== undefined);
  const hasRegion = region !== undefined && region.trim() !== '';
  if (regional.length > 0 && !hasRegion) {
    throw new TaxError(
      `Tax in ${countryLabel(country)} depends on the state or region; add it to the address`,
    );
  }
  const rule =
    (hasRegion ? regional.find((r) => sameRegion(r, region)) : undefined) ??
    countryRules.find((r) => r.region === undefined);
  if (!rule) {
    const where = hasRegion ? `${region.trim()}, ${countryLabel(country)}` : countryLabel(country);
    throw new TaxError(`The tax table has no rate for ${where}; add one in the tax settings`);
  }
  if (taxClass === 'zero') return { percent: 0, label: `${rule.name} 0%`, treatment: 'zero-rated' };
  const percent = taxClass === 'standard' ? rule.standard : rule.reduced;
  return { percent, label: `${rule.name} ${percent}%`, treatment: percent === 0 ? 'zero-rated' : 'taxed' };
}

/**
 * Splits a line amount (after discounts) into net, tax and gross. Exclusive: the amount is net and
 * tax = net × rate. Inclusive: the amount is gross and tax = gross × rate / (1 + rate). Either way
 * net + tax = gross exactly, and tax is rounded half-to-even once, here.
 */
export function taxLine(amount: Money, rate: TaxRate, basis: PriceBasis): LineTax {
  const { numerator, denominator } = exactFraction(rate.percent);
  const hundred = 100n * denominator;
  if (basis === 'exclusive') {
    const tax = multiplyByFraction(amount, { numerator, denominator: hundred });
    return { rate, net: amount, tax, gross: add(amount, tax) };
  }
  const tax = multiplyByFraction(amount, { numerator, denominator: hundred + numerator });
  return { rate, net: subtract(amount, tax), tax, gross: amount };
}

const TREATMENT_ORDER: Record<TaxTreatment, number> = { taxed: 0, 'zero-rated': 1, export: 2, exempt: 3 };

/** One row per rate for a receipt ("VAT 20%: net 50.00, tax 10.00"), highest rate first. */
export function groupTaxLines(lines: readonly LineTax[], currency: string): TaxGroup[] {
  const groups = new Map<string, TaxGroup>();
  for (const { rate, net, tax, gross } of lines) {
    const group = groups.get(rate.label) ?? {
      label: rate.label,
      percent: rate.percent,
      treatment: rate.treatment,
      net: zero(currency),
      tax: zero(currency),
      gross: zero(currency),
    };
    groups.set(rate.label, {
      ...group,
      net: add(group.net, net),
      tax: add(group.tax, tax),
      gross: add(group.gross, gross),
    });
  }
  return [...groups.values()].sort(
    (a, b) =>
      TREATMENT_ORDER[a.treatment] - TREATMENT_ORDER[b.treatment] ||
      b.percent - a.percent ||
      a.label.localeCompare(b.label),
  );
}

/**
 * A sample of real rates (2025) to start from; a store edits its own table. US rates are the
 * state rate only: county and city taxes differ by address, so a store adds its combined rates.
 * US 'reduced' is groceries, which most of these states do not tax.
 */
export const DEFAULT_TAX_RULES: readonly TaxRule[] = [
  { country: 'GB', name: 'VAT', standard: 20, reduced: 5 },
  { country: 'IM', name: 'VAT', standard: 20, reduced: 5 },
  { country: 'DE', name: 'MwSt.', standard: 19, reduced: 7 },
  { country: 'FR', name: 'TVA', standard: 20, reduced: 5.5 },
  { country: 'IT', name: 'IVA', standard: 22, reduced: 10 },
  { country: 'ES', name: 'IVA', standard: 21, reduced: 10 },
  { country: 'NL', name: 'BTW', standard: 21, reduced: 9 },
  { country: 'BE', name: 'BTW', standard: 21, reduced: 6 },
  { country: 'AT', name: 'USt.', standard: 20, reduced: 10 },
  { country: 'IE', name: 'VAT', standard: 23, reduced: 13.5 },
  { country: 'US', region: 'CA', regionName: 'California', name: 'Sales tax', standard: 7.25, reduced: 0 },
  { country: 'US', region: 'NY', regionName: 'New York', name: 'Sales tax', standard: 4, reduced: 0 },
  { country: 'US', region: 'TX', regionName: 'Texas', name: 'Sales tax', standard: 6.25, reduced: 0 },
  { country: 'US', region: 'WA', regionName: 'Washington', name: 'Sales tax', standard: 6.5, reduced: 0 },
  { country: 'US', region: 'FL', regionName: 'Florida', name: 'Sales tax', standard: 6, reduced: 0 },
  { country: 'US', region: 'IL', regionName: 'Illinois', name: 'Sales tax', standard: 6.25, reduced: 1 },
  { country: 'US', region: 'NJ', regionName: 'New Jersey', name: 'Sales tax', standard: 6.625, reduced: 0 },
  { country: 'US', region: 'OR', regionName: 'Oregon', name: 'Sales tax', standard: 0, reduced: 0 },
  // Every other state: the store has no nexus there, so it collects nothing.
  { country: 'US', name: 'Sales tax', standard: 0, reduced: 0 },
];

/** The default table for a seller in GB, the US or an EU country (EU sales charge the buyer's VAT, as under OSS). */
export function defaultTaxTable(sellerCountry: string): TaxTable {
  if (sellerCountry === 'GB') return { zone: ['GB', 'IM'], rules: DEFAULT_TAX_RULES };
  if (sellerCountry === 'US') return { zone: ['US'], rules: DEFAULT_TAX_RULES };
  if (EU_MEMBER_STATES.includes(sellerCountry)) return { zone: EU_MEMBER_STATES, rules: DEFAULT_TAX_RULES };
  throw new TaxError(
    `There is no default tax table for a seller in ${countryLabel(sellerCountry)}; set up tax rates in the tax settings`,
  );
}
