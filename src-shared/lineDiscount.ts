// A seller's discount as typed: an amount ("2.50", "£2.50") or a percent of what is discounted
// ("10%"), turned into minor units and checked against that value before anything is written.
import { formatMoney, multiplyByFraction, parseMoney, type Money } from './money';
import { DEFAULT_STORE_PROFILE } from './storeProfile';

export type ParsedDiscount = { ok: true; discount: Money; percent?: number } | { ok: false; message: string };

/**
 * Reads a discount on `value` (a line's quantity × price, or an order's items). A percent is
 * rounded half-to-even to the minor unit; 0 takes a discount away. More than `value` is refused.
 */
export function parseDiscount(typed: string, value: Money): ParsedDiscount {
  const text = typed.trim();
  const percentMatch = /^(\d{1,3}(?:[.,]\d{1,2})?)\s*%$/.exec(text);
  if (percentMatch) {
    const percent = Number(percentMatch[1]!.replace(',', '.'));
    if (percent > 100)
      return { ok: false, message: `${text} is more than the whole price; give at most 100%` };
    const hundredths = BigInt(Math.round(percent * 100));
    const discount = multiplyByFraction(value, { numerator: hundredths, denominator: 10_000n });
    return { ok: true, discount, percent };
  }
  if (text.endsWith('%'))
    return { ok: false, message: `“${text}” is not a percent; type one such as 10% or 12.5%` };
  const amount = parseMoney(text, value.currency);
  if (!amount.ok) return { ok: false, message: `${amount.message}, or a percent such as 10%` };
  if (amount.value.amount > value.amount) {
    return {
      ok: false,
      message: `A discount of ${formatMoney(amount.value, DEFAULT_STORE_PROFILE.locale)} is more than the ${formatMoney(value, DEFAULT_STORE_PROFILE.locale)} it is taken off`,
    };
  }
  return { ok: true, discount: amount.value };
}
