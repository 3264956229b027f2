// A new order as the server opens it: from the order machine's initial state, never from the
// desk's snapshot, under a number that carries the sending desk's code. A number the store already
// has (a desk restored from an old copy of its database reissues it) gets the desk's next free
// number instead of being refused, and the order keeps the old one in formerNumbers.
import { emptyOrderContext } from '../machines/orderContext';
import { initialOrderState } from '../machines/orderMachine';
import { unknownFields } from '../src-shared/inputLimits';
import { orderNumber } from '../src-shared/ids';
import { orderSearchWords } from '../src-shared/orderRow';
import type { Order } from '../src-shared/records';
import type { PushContext } from './pushContext';

export type Opened = { ok: true; order: Order } | { ok: false; reason: string };

const EMPTY_TOTALS = { subtotal: 0, discount: 0, shipping: 0, tax: 0, total: 0, paid: 0, refunded: 0 };

/** Same JSON whatever the key order. */
function sameJson(a: unknown, b: unknown): boolean {
  const canonical = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(canonical)
      : value && typeof value === 'object'
        ? Object.fromEntries(
            Object.keys(value)
              .sort()
              .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
          )
        : value;
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

/** What in the desk's snapshot is more than an empty cart, or null. */
function notEmptyCart(order: Order): string | null {
  if (order.status !== 'cart') return `it is at “${order.status}”`;
  if (order.version !== 0) return `it claims ${order.version} earlier changes`;
  if (order.lines.length) return `it holds ${order.lines.length} lines`;
  if (order.payments.length) return `it holds ${order.payments.length} payments`;
  if (!sameJson(order.totals, EMPTY_TOTALS)) return 'its totals are not zero';
  if (order.orderDiscount) return 'it has an order discount';
  if (order.tracking) return 'it has tracking';
  if (!sameJson(order.machine, emptyOrderContext())) return "its machine state is not a new cart's";
  return null;
}

async function nextFreeNumber(ctx: PushContext, deskCode: string): Promise<string> {
  const [row] = await ctx.tx.query<{ last: string | null }>(
    `SELECT max(split_part(number, '-', 2)) AS last FROM orders
      WHERE store_id = $1 AND split_part(number, '-', 1) = $2`,
    [ctx.device.storeId, deskCode],
  );
  return orderNumber(deskCode, Number(row?.last ?? 0) + 1);
}

/** `taken`: whether the store already has an order under the pushed number. */
export async function openedOrder(
  ctx: PushContext,
  pushed: Order,
  raw: unknown,
  taken: boolean,
): Promise<Opened> {
  const { device } = ctx;
  const refuse = (why: string): Opened => ({
    ok: false,
    reason: `Order ${pushed.number} was not saved: ${why}`,
  });
  const stray = unknownFields(raw, pushed);
  if (stray.length) return refuse(`it has fields no order has (${stray.join(', ')})`);
  if (!pushed.number.startsWith(`${device.deskCode}-`)) {
    return refuse(
      `its number does not carry this desk's code ${device.deskCode}; a desk numbers its orders ${device.deskCode}-000001, ${device.deskCode}-000002…`,
    );
  }
  const deskRefusal = await ctx.deskRefusal(pushed.deskId, `Order ${pushed.number}`);
  if (deskRefusal) return { ok: false, reason: deskRefusal };
  const more = notEmptyCart(pushed);
  if (more) {
    return refuse(
      `a new order reaches the server as an empty cart, and every later change as an order event, but ${more}`,
    );
  }
  // The batch's new orders are written first, so the next free number counts them too.
  if (taken) await ctx.flushOrders();
  const number = taken ? await nextFreeNumber(ctx, device.deskCode) : pushed.number;
  const formerNumbers = taken ? [...(pushed.formerNumbers ?? []), pushed.number] : pushed.formerNumbers;
  const initial = initialOrderState();
  const { formerNumbers: _former, ...described } = pushed;
  const order: Order = {
    ...described,
    number,
    ...(formerNumbers?.length ? { formerNumbers } : {}),
    deskId: device.id,
    status: initial.status,
    lines: [],
    totals: { ...EMPTY_TOTALS },
    payments: [],
    machine: initial.context as unknown as Record<string, unknown>,
    version: 0,
    searchWords: [],
  };
  order.searchWords = orderSearchWords(order);
  return { ok: true, order };
}
