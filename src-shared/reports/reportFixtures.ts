// A small store's orders for the report tests, built by hand so each expected number can be
// worked out on paper.
import type { OrderLine } from '../records';
import type { ReportOrder } from './reportOrders';

let next = 0;
const gbp = (amount: number) => ({ amount, currency: 'GBP' });

export function line(sku: string, quantity: number, unitPrice: number, discount = 0): OrderLine {
  return {
    id: `00000000-0000-7000-8000-${String(++next).padStart(12, '0')}`,
    variantId: `00000000-0000-7000-9000-${sku.padStart(12, '0').slice(-12)}`,
    sku,
    name: `Item ${sku}`,
    quantity,
    unitPrice: gbp(unitPrice),
    taxClass: 'standard',
    ...(discount ? { discount: gbp(discount) } : {}),
  };
}

export function order(
  partial: Partial<ReportOrder> &
    Pick<ReportOrder, 'status' | 'createdAt'> & { total?: number; refunded?: number },
): ReportOrder {
  const { total = 0, refunded = 0, ...rest } = partial;
  const id = rest.id ?? `00000000-0000-7000-a000-${String(++next).padStart(12, '0')}`;
  return {
    id,
    number: `D1-${String(next).padStart(6, '0')}`,
    channel: 'phone',
    lines: [line('X', 1, total)],
    payments: [],
    totals: { subtotal: total, discount: 0, shipping: 0, tax: 0, total, paid: total, refunded },
    ...rest,
  };
}
