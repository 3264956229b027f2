// Rows of a customers CSV into validated customers, addresses checked per country, with every bad
// row named by its number and reason. A customer whose e-mail is already known is refused, not merged.
import { addressFormat, checkAddress } from './addressFormats';
import type { CsvRow } from './csvText';
import { newId } from './ids';
import { cell, type ColumnMapping } from './importLayouts';
import type { RowProblem } from './productImport';
import { CustomerSchema, type Customer } from './records';
import { phoneDigits, searchWords } from './searchWords';
import { safeParseRecord } from './validation';

export interface CustomerImportOptions {
  mapping: ColumnMapping;
  /** Lower-cased e-mail addresses already in the store → the customer's name. */
  existingEmails: ReadonlyMap<string, string>;
  /** Country for addresses that do not name one (the store's own). */
  defaultCountry: string;
  now: string;
}

export interface CustomerImportPlan {
  customers: Customer[];
  problems: RowProblem[];
  goodRows: number;
}

export function planCustomerImport(
  rows: readonly CsvRow[],
  options: CustomerImportOptions,
  onProgress: (fraction: number) => void = () => {},
): CustomerImportPlan {
  const customers: Customer[] = [];
  const problems: RowProblem[] = [];
  const emailRows = new Map<string, number>();
  rows.forEach((r, i) => {
    if (i % 2000 === 0) onProgress(i / rows.length);
    const get = (key: string) => cell(r.cells, options.mapping, key);
    const issues: string[] = [];
    const name = get('name') || [get('firstName'), get('lastName')].filter(Boolean).join(' ');
    const company = get('company');
    const email = get('email');
    const phone = get('phone');
    const notes = get('notes');
    const line1 = get('line1');
    const addresses = [];
    if (line1 || get('city') || get('postalCode')) {
      const country = (get('country') || options.defaultCountry).toUpperCase();
      // Countries with region codes (US states, Canadian provinces) take them in capitals.
      const region = addressFormat(country).regions ? get('region').toUpperCase() : get('region');
      const checked = checkAddress({
        line1,
        city: get('city'),
        region: region || undefined,
        postalCode: get('postalCode'),
        country,
      });
      issues.push(...Object.values(checked.problems));
      addresses.push({
        id: newId(),
        kind: 'shipping',
        name: name || company || 'Customer',
        ...(company ? { company } : {}),
        line1,
        ...(get('line2') ? { line2: get('line2') } : {}),
        city: get('city'),
        ...(region ? { region } : {}),
        ...(checked.postalCode ? { postalCode: checked.postalCode } : {}),
        country,
        ...(phone ? { phone } : {}),
      });
    }
    if (email) {
      const key = email.toLowerCase();
      const earlier = emailRows.get(key);
      const known = options.existingEmails.get(key);
      if (earlier !== undefined) issues.push(`E-mail ${email} is already on row ${earlier}`);
      else if (known !== undefined) issues.push(`E-mail ${email} already belongs to customer ${known}`);
    }
    const parsed = safeParseRecord(CustomerSchema, {
      id: newId(),
      name,
      ...(company ? { company } : {}),
      ...(email ? { email } : {}),
      ...(phone ? { phone } : {}),
      phoneDigits: phoneDigits(phone),
      addresses,
      ...(notes ? { notes } : {}),
      acquisitionSource: 'other',
      isBusiness: company !== '',
      searchWords: searchWords(name, company, email.split('@')[0]),
      createdAt: options.now,
      updatedAt: options.now,
    });
    if (!parsed.ok) issues.push(...parsed.issues);
    if (issues.length > 0 || !parsed.ok) {
      problems.push({ row: r.row, message: [...new Set(issues)].join('; ') });
      return;
    }
    if (email) emailRows.set(email.toLowerCase(), r.row);
    customers.push(parsed.value);
  });
  onProgress(1);
  return { customers, problems, goodRows: customers.length };
}
