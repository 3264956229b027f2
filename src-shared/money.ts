// Money as integer minor units of one ISO 4217 currency: arithmetic, exact splitting, parsing what
// people type and formatting for display. No floats ever hold an amount.
//
// Rounding: only multiplying by a rate or fraction can produce a part of a minor unit. Those
// results are rounded half-to-even ("banker's rounding") unless the caller asks for 'half-up'
// (half away from zero). Tax uses half-even so ties (x.5 of a cent) do not all lean one way and
// bias a day's tax upwards. Rates are turned into exact fractions (0.055 → 55/1000) and the
// arithmetic is done in BigInt, so 1000 × 5.5% is exactly 55 and never 55.00000000000001.

export type Money = { readonly amount: number; readonly currency: string };
export type RoundingMode = 'half-even' | 'half-up';
/** An exact rational number; the denominator is always positive. */
export type Fraction = { readonly numerator: bigint; readonly denominator: bigint };

export class MoneyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MoneyError';
  }
}

export class CurrencyMismatchError extends MoneyError {
  constructor(operation: string, a: Money, b: Money) {
    super(
      `Cannot ${operation} ${toDecimalString(a)} ${a.currency} and ${toDecimalString(b)} ${b.currency}: ` +
        'the currencies differ, convert one of them first',
    );
    this.name = 'CurrencyMismatchError';
  }
}

// ISO 4217 minor-unit exponents that are not 2. Listed explicitly rather than taken from Intl,
// because CLDR's display digits differ from ISO for some currencies (e.g. cash rounding).
const EXPONENT_EXCEPTIONS: Readonly<Record<string, number>> = {
  BIF: 0,
  CLP: 0,
  DJF: 0,
  GNF: 0,
  ISK: 0,
  JPY: 0,
  KMF: 0,
  KRW: 0,
  PYG: 0,
  RWF: 0,
  UGX: 0,
  UYI: 0,
  VND: 0,
  VUV: 0,
  XAF: 0,
  XOF: 0,
  XPF: 0,
  BHD: 3,
  IQD: 3,
  JOD: 3,
  KWD: 3,
  LYD: 3,
  OMR: 3,
  TND: 3,
  CLF: 4,
  UYW: 4,
};

/** Digits after the decimal point in the currency's minor unit: USD 2, JPY 0, KWD 3. */
export function minorUnitExponent(currency: string): number {
  assertCurrencyCode(currency);
  return EXPONENT_EXCEPTIONS[currency] ?? 2;
}

function assertCurrencyCode(currency: string): void {
  if (!/^[A-Z]{3}$/.test(currency)) {
    throw new MoneyError(`Currency "${currency}" must be a three-letter ISO 4217 code such as USD or EUR`);
  }
}

function checked(amount: number | bigint, currency: string): Money {
  const value = typeof amount === 'bigint' ? Number(amount) : amount;
  if (!Number.isSafeInteger(value) || (typeof amount === 'bigint' && BigInt(value) !== amount)) {
    throw new MoneyError(
      `Amount ${String(amount)} ${currency} must be a whole number of minor units within ±9 quadrillion`,
    );
  }
  return Object.freeze({ amount: value === 0 ? 0 : value, currency });
}

/** An amount in minor units (1250 GBP is £12.50). */
export function money(amount: number, currency: string): Money {
  assertCurrencyCode(currency);
  return checked(amount, currency);
}

export function zero(currency: string): Money {
  return money(0, currency);
}

function sameCurrency(operation: string, a: Money, b: Money): void {
  if (a.currency !== b.currency) throw new CurrencyMismatchError(operation, a, b);
}

export function add(a: Money, b: Money): Money {
  sameCurrency('add', a, b);
  return checked(a.amount + b.amount, a.currency);
}

export function subtract(a: Money, b: Money): Money {
  sameCurrency('subtract', a, b);
  return checked(a.amount - b.amount, a.currency);
}

/** Adds a list of amounts; the currency is needed so an empty list still has one. */
export function sum(amounts: readonly Money[], currency: string): Money {
  return amounts.reduce((total, m) => add(total, m), zero(currency));
}

/** Price × quantity. The quantity must be a whole number: fractions go through multiplyByRate. */
export function multiply(m: Money, quantity: number): Money {
  if (!Number.isSafeInteger(quantity)) {
    throw new MoneyError(
      `Quantity ${quantity} must be a whole number to multiply ${toDecimalString(m)} ${m.currency}`,
    );
  }
  return checked(BigInt(m.amount) * BigInt(quantity), m.currency);
}

/** The exact fraction a decimal denotes: 0.055 → 55/1000, "8.875" → 8875/1000, 1e-3 → 1/1000. */
export function exactFraction(decimal: number | string): Fraction {
  const text = typeof decimal === 'number' ? String(decimal) : decimal.trim();
  const match = /^([+-]?)(\d*)(?:\.(\d*))?(?:e([+-]?\d+))?$/i.exec(text);
  if (!match || (match[2] === '' && !match[3])) throw new MoneyError(`"${text}" is not a decimal number`);
  const [, sign = '', whole = '', fractionDigits = '', exponentText = '0'] = match;
  let numerator = BigInt((whole || '0') + fractionDigits) * (sign === '-' ? -1n : 1n);
  let denominator = 10n ** BigInt(fractionDigits.length);
  const exponent = Number(exponentText);
  if (exponent > 0) numerator *= 10n ** BigInt(exponent);
  if (exponent < 0) denominator *= 10n ** BigInt(-exponent);
  return { numerator, denominator };
}

/** numerator / denominator rounded to a whole number with the given mode. */
export function divideRounded(numerator: bigint, denominator: bigint, rounding: RoundingMode): bigint {
  if (denominator === 0n) throw new MoneyError('Cannot divide an amount by zero');
  if (denominator < 0n) return divideRounded(-numerator, -denominator, rounding);
  const negative = numerator < 0n;
  const magnitude = negative ? -numerator : numerator;
  let quotient = magnitude / denominator;
  const twiceRemainder = (magnitude % denominator) * 2n;
  const roundUp =
    twiceRemainder > denominator ||
    (twiceRemainder === denominator && (rounding === 'half-up' || quotient % 2n === 1n));
  if (roundUp) quotient += 1n;
  return negative ? -quotient : quotient;
}

export function multiplyByFraction(
  m: Money,
  fraction: Fraction,
  rounding: RoundingMode = 'half-even',
): Money {
  return checked(
    divideRounded(BigInt(m.amount) * fraction.numerator, fraction.denominator, rounding),
    m.currency,
  );
}

/** m × rate, where rate is a plain decimal (0.2 for 20%), rounded half-even unless told otherwise. */
export function multiplyByRate(m: Money, rate: number | string, rounding: RoundingMode = 'half-even'): Money {
  return multiplyByFraction(m, exactFraction(rate), rounding);
}

/**
 * Splits an amount in proportion to whole-number weights so the parts add up exactly (largest
 * remainder: every part gets its floor, the minor units left over go to the parts with the
 * biggest remainders, the earlier part first on a tie). A negative amount splits like its
 * opposite, negated.
 */
export function allocate(total: Money, weights: readonly number[]): Money[] {
  if (weights.length === 0) throw new MoneyError('Cannot split an amount into zero parts');
  for (const w of weights) {
    if (!Number.isSafeInteger(w) || w < 0)
      throw new MoneyError(`Split weight ${w} must be a whole number of zero or more`);
  }
  const weightSum = weights.reduce((s, w) => s + BigInt(w), 0n);
  if (weightSum === 0n) {
    if (total.amount === 0) return weights.map(() => zero(total.currency));
    throw new MoneyError(
      `Cannot split ${toDecimalString(total)} ${total.currency} by weights that are all zero`,
    );
  }
  const sign = total.amount < 0 ? -1n : 1n;
  const magnitude = BigInt(total.amount) * sign;
  const shares = weights.map((w) => (magnitude * BigInt(w)) / weightSum);
  const remainders = weights.map((w, index) => ({ index, remainder: (magnitude * BigInt(w)) % weightSum }));
  let leftover = magnitude - shares.reduce((s, x) => s + x, 0n);
  remainders.sort((a, b) =>
    a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1,
  );
  for (const { index } of remainders) {
    if (leftover === 0n) break;
    shares[index] = (shares[index] ?? 0n) + 1n;
    leftover -= 1n;
  }
  return shares.map((share) => checked(share * sign, total.currency));
}

/** Splits into `parts` amounts that differ by at most one minor unit, the larger ones first. */
export function split(total: Money, parts: number): Money[] {
  if (!Number.isSafeInteger(parts) || parts < 1)
    throw new MoneyError(`Cannot split an amount into ${parts} parts`);
  return allocate(total, new Array<number>(parts).fill(1));
}

export function compare(a: Money, b: Money): -1 | 0 | 1 {
  sameCurrency('compare', a, b);
  return a.amount < b.amount ? -1 : a.amount > b.amount ? 1 : 0;
}

export function equals(a: Money, b: Money): boolean {
  return a.currency === b.currency && a.amount === b.amount;
}

export function isZero(m: Money): boolean {
  return m.amount === 0;
}

export function isNegative(m: Money): boolean {
  return m.amount < 0;
}

export function minimum(a: Money, b: Money): Money {
  return compare(a, b) <= 0 ? a : b;
}

/** The amount as a plain decimal in major units, exact: 1250 GBP → "12.50", -5 JPY → "-5". */
export function toDecimalString(m: Money): string {
  const exponent = minorUnitExponent(m.currency);
  const digits = String(Math.abs(m.amount)).padStart(exponent + 1, '0');
  const whole = digits.slice(0, digits.length - exponent);
  const fraction = digits.slice(digits.length - exponent);
  return `${m.amount < 0 ? '-' : ''}${whole}${exponent > 0 ? `.${fraction}` : ''}`;
}

/** For display: formatMoney(money(123450, 'GBP'), 'en-GB') → "£1,234.50". */
export function formatMoney(
  m: Money,
  locale?: string,
  display: 'symbol' | 'code' | 'narrowSymbol' = 'symbol',
): string {
  const key = `${locale ?? ''}|${m.currency}|${display}`;
  let format = FORMATS.get(key);
  if (!format) {
    const digits = minorUnitExponent(m.currency);
    format = new Intl.NumberFormat(locale, {
      style: 'currency',
      currency: m.currency,
      currencyDisplay: display,
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    });
    FORMATS.set(key, format);
  }
  // A decimal string is formatted exactly (Intl.NumberFormat v3), with no float in between.
  return format.format(toDecimalString(m) as `${number}`);
}

/** One formatter per locale, currency and display, made once: making one costs far more than
 * using it (a report of 20,000 amounts spent seconds making them). */
const FORMATS = new Map<string, Intl.NumberFormat>();

export type ParsedMoney = { ok: true; value: Money } | { ok: false; message: string };

export type ParseMoneyOptions = {
  /** Refunds and adjustments may be negative; prices and payments may not. Default false. */
  allowNegative?: boolean;
  /** '.' reads "1,234.50" (default); ',' reads "1.234,50". Spaces may group thousands either way. */
  decimalMark?: '.' | ',';
};

/** Reads an amount a person typed, such as "12.50", "1,234.5" or "£3", into minor units. */
export function parseMoney(typed: string, currency: string, options: ParseMoneyOptions = {}): ParsedMoney {
  const exponent = minorUnitExponent(currency);
  const mark = options.decimalMark ?? '.';
  const group = mark === '.' ? ',' : '.';
  const example = exponent === 0 ? '1250' : `12${mark}${'5'.padEnd(exponent, '0')}`;
  const fail = (message: string): ParsedMoney => ({ ok: false, message });

  let text = typed.trim().replace(/^[+]/, '');
  const negative = /^[-−]/.test(text);
  text = text
    .replace(/^[-−]/, '')
    .replace(new RegExp(`^${currency}\\s*|\\s*${currency}$`, 'i'), '')
    .replace(/^\p{Sc}\s*|\s*\p{Sc}$/u, '')
    .replace(/[\s\u00a0\u202f]/g, ' ');
  if (text === '')
    return fail(
      typed.trim() === ''
        ? `Enter an amount, such as ${example}`
        : `"${typed.trim()}" has no digits; type an amount such as ${example}`,
    );
  if (/[^\d., ]/.test(text))
    return fail(`"${typed.trim()}" is not an amount; type a number such as ${example}`);
  if (text.split(mark).length > 2)
    return fail(`"${typed.trim()}" has more than one "${mark}"; type an amount such as ${example}`);

  const [wholeText = '', fractionText] = text.split(mark);
  const grouped = new RegExp(`^\\d{1,3}([${group === '.' ? '.' : ','} ]\\d{3})+$`);
  if (!/^\d*$/.test(wholeText) && !grouped.test(wholeText)) {
    return fail(
      `"${typed.trim()}" has a "${group}" or space in the wrong place; use "${mark}" for decimals, as in ${example}`,
    );
  }
  if (fractionText !== undefined && !/^\d*$/.test(fractionText)) {
    return fail(
      `"${typed.trim()}" has something other than digits after the "${mark}"; type an amount such as ${example}`,
    );
  }
  const whole = wholeText.replace(/\D/g, '');
  const fraction = fractionText ?? '';
  if (whole === '' && fraction === '')
    return fail(`"${typed.trim()}" has no digits; type an amount such as ${example}`);
  if (fraction.length > exponent) {
    return fail(
      exponent === 0
        ? `${currency} has no minor units; enter a whole number such as ${example}, not "${typed.trim()}"`
        : `"${typed.trim()}" has ${fraction.length} decimal places; ${currency} allows at most ${exponent}`,
    );
  }
  const minor = BigInt((whole || '0') + fraction.padEnd(exponent, '0'));
  if (minor > BigInt(Number.MAX_SAFE_INTEGER)) return fail(`"${typed.trim()}" is too large an amount`);
  if (negative && minor > 0n && !options.allowNegative) {
    return fail(`"${typed.trim()}" is negative; enter an amount of zero or more`);
  }
  return { ok: true, value: money(Number(negative ? -minor : minor), currency) };
}
