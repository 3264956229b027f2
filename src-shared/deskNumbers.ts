// A desk's order and quote numbers carry its code (D1-000042, Q1-000007) and count on from the last
// one it used. Those counters live on the desk; the records the server sends back tell it which
// numbers of its series the store already holds, so a desk that was restored from an old copy, or
// wiped and joined again, continues after them instead of issuing one twice.
import { orderNumber } from './ids';
import { quoteNumber } from './quotes';

export const orderSequenceKey = (deskCode: string): string => `orderSequence:${deskCode}`;
export const quoteSequenceKey = (deskCode: string): string => `quoteSequence:${deskCode}`;

/** The sequence in `number` when it is one of this desk's series, else null. */
function sequenceIn(number: unknown, first: string): number | null {
  if (typeof number !== 'string') return null;
  const prefix = first.slice(0, -'000001'.length);
  if (!number.startsWith(prefix) || number.length !== first.length) return null;
  const digits = number.slice(prefix.length);
  return /^\d{6}$/.test(digits) ? Number(digits) : null;
}

export type LastNumbers = { orders: number; quotes: number };

/**
 * The highest order and quote sequence of this desk's series among records (anything with a
 * `number`: orders and quotes), 0 where there is none. Another desk's numbers never count.
 */
export function lastNumbersIn(
  records: Iterable<{ table: string; record: unknown }>,
  deskCode: string,
): LastNumbers {
  const last: LastNumbers = { orders: 0, quotes: 0 };
  let orderFirst: string;
  let quoteFirst: string | null;
  try {
    orderFirst = orderNumber(deskCode, 1);
  } catch {
    return last;
  }
  try {
    quoteFirst = quoteNumber(deskCode, 1);
  } catch {
    quoteFirst = null;
  }
  for (const { table, record } of records) {
    const number = (record as { number?: unknown } | null)?.number;
    if (table === 'orders') {
      last.orders = Math.max(last.orders, sequenceIn(number, orderFirst) ?? 0);
      // A renumbered order's old number was used too.
      const former = (record as { formerNumbers?: unknown } | null)?.formerNumbers;
      if (Array.isArray(former)) {
        for (const n of former) last.orders = Math.max(last.orders, sequenceIn(n, orderFirst) ?? 0);
      }
    } else if (table === 'quotes' && quoteFirst) {
      last.quotes = Math.max(last.quotes, sequenceIn(number, quoteFirst) ?? 0);
    }
  }
  return last;
}
