import { describe, expect, test } from 'vitest';
import { newId } from './ids';
import { money } from './money';
import type { Order } from './records';
import { escapeHtml, receiptEmail, receiptEmailRefusal } from './receiptEmail';

const gbp = (amount: number) => money(amount, 'GBP');

function paidOrder(extra: Partial<Order> = {}): Order {
  return {
    id: newId(),
    number: 'D1-000042',
    deskId: 'D1',
    customerName: 'Ada Byron',
    channel: 'phone',
    status: 'processing',
    currency: 'GBP',
    lines: [
      {
        id: newId(),
        variantId: newId(),
        sku: 'MUG-BLUE',
        name: 'Blue Mug <large>',
        quantity: 2,
        unitPrice: gbp(12_50),
        taxClass: 'standard',
      },
    ],
    shippingMethod: 'Royal Mail Tracked 48',
    totals: {
      subtotal: 25_00,
      discount: 0,
      shipping: 3_99,
      tax: 4_83,
      total: 28_99,
      paid: 28_99,
      refunded: 0,
    },
    payments: [
      {
        id: newId(),
        method: 'card_terminal',
        amount: gbp(28_99),
        cardLast4: '4242',
        at: '2026-11-23T10:00:00Z',
      },
    ],
    machine: {},
    version: 4,
    searchWords: [],
    createdAt: '2026-11-23T10:00:00.000Z',
    updatedAt: '2026-11-23T10:05:00.000Z',
    ...extra,
  };
}

const delivery = {
  methodId: 'rm-48',
  name: 'Royal Mail Tracked 48',
  carrier: 'Royal Mail',
  zone: 'UK',
  fee: gbp(3_99),
  free: false,
  dispatchDate: '2026-11-24',
  deliveryEarliest: '2026-11-26',
  deliveryLatest: '2026-11-27',
};

describe('receipt e-mail', () => {
  test('prints each line less its own discount and names the order discount and promo once', () => {
    // 2 × £12.50 = £25.00 less £2.00 on the line = £23.00; SPRING10 £2.30, order discount £1.00:
    // £23.00 − £2.30 − £1.00 + £3.99 shipping = £23.69.
    const base = paidOrder();
    const order: Order = {
      ...base,
      lines: base.lines.map((l) => ({ ...l, discount: gbp(2_00) })),
      promoCode: 'SPRING10',
      orderDiscount: gbp(1_00),
      totals: { ...base.totals, discount: 5_30, total: 23_69, paid: 23_69 },
    };
    const email = receiptEmail({ order, to: 'ada@example.com' });
    if (!email.ok) throw new Error(email.reason);
    expect(email.text).toContain('2 × Blue Mug <large> (MUG-BLUE) at £12.50 (line discount −£2.00): £23.00');
    expect(email.text).toContain('Subtotal: £23.00\nOrder discount: −£1.00\nPromo SPRING10: −£2.30\n');
    expect(email.text).toContain('Total: £23.69');
    expect(email.text).not.toContain('Line discounts');
  });

  test('goes to the customer with the order number, lines, totals, payment and expected delivery', () => {
    const email = receiptEmail({
      order: paidOrder(),
      to: ' ada@example.com ',
      storeName: 'Brightside',
      delivery,
    });
    expect(email.ok).toBe(true);
    if (!email.ok) return;
    expect(email.to).toBe('ada@example.com');
    expect(email.subject).toBe('Your receipt for order D1-000042 from Brightside');
    expect(email.text).toContain('Hello Ada Byron,');
    expect(email.text).toContain('2 × Blue Mug <large> (MUG-BLUE) at £12.50: £25.00');
    expect(email.text).toContain('Total: £28.99');
    expect(email.text).toContain('Paid by Card ending 4242: £28.99');
    expect(email.text).toContain(
      'Royal Mail Tracked 48 (Royal Mail): dispatched by 24 November 2026, expected between 26 November 2026 and 27 November 2026.',
    );
    expect(email.text.endsWith('Thank you,\nBrightside')).toBe(true);
  });

  test('the HTML says the same with every value escaped', () => {
    const email = receiptEmail({ order: paidOrder(), to: 'ada@example.com', delivery: null });
    if (!email.ok) throw new Error(email.reason);
    expect(email.html).toContain('Blue Mug &lt;large&gt;');
    expect(email.html).not.toContain('<large>');
    expect(email.html).toContain('£28.99');
    expect(email.html).not.toContain('dispatched by');
    expect(escapeHtml(`"a" & 'b'`)).toBe('&quot;a&quot; &amp; &#39;b&#39;');
  });

  test('carries the code of a gift card bought by phone, so its buyer can spend it', () => {
    const balanceLines = [{ label: 'Gift card 7KQ2-MX9P-3HRT', value: '£25.00' }];
    const email = receiptEmail({ order: paidOrder(), to: 'ada@example.com', balanceLines });
    if (!email.ok) throw new Error(email.reason);
    expect(email.text).toContain('Gift card 7KQ2-MX9P-3HRT: £25.00');
    expect(email.html).toContain('Gift card 7KQ2-MX9P-3HRT');
  });

  test('is refused plainly without an address or with one that is not an address', () => {
    expect(receiptEmail({ order: paidOrder(), to: undefined })).toEqual({
      ok: false,
      reason: expect.stringMatching(/has no e-mail address; add one to the customer/),
    });
    expect(receiptEmailRefusal('D1-000042', '  ')).toMatch(/no e-mail address/);
    expect(receiptEmailRefusal('D1-000042', 'ada at example')).toMatch(/“ada at example” is not valid/);
    expect(receiptEmailRefusal('D1-000042', 'ada@example.com')).toBeNull();
  });
});
