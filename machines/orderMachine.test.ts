import { describe, expect, it } from 'vitest';
import { createActor, getNextSnapshot } from 'xstate';
import { GIFT_CARD_VARIANT_ID } from '../src-shared/balances';
import type { OrderStatus } from '../src-shared/orderStatus';
import type { OrderMachineEvent } from './orderEvents';
import {
  foldOrderEvents,
  initialOrderState,
  nextOrderState,
  orderMachine,
  parseOrderState,
  unitsOrdered,
  type OrderMachineContext,
  type OrderState,
} from './orderMachine';
import { sample, sampleId, sampleLine, sampleState } from './orderSampleEvents';

const snapshotOf = (state: OrderState) =>
  orderMachine.resolveState({ value: state.status, context: state.context });

const paidOrder = (context: Partial<OrderMachineContext> = {}): Partial<OrderMachineContext> => ({
  lines: [sampleLine(1, 2), sampleLine(2, 1)],
  total: 3000,
  paid: 3000,
  paymentIds: [sampleId(1001)],
  reserved: true,
  ...context,
});

const giftCardLine = (): OrderMachineContext['lines'][number] => ({
  ...sampleLine(9, 1, 2500),
  variantId: GIFT_CARD_VARIANT_ID,
  sku: 'GIFT-CARD',
  name: 'Gift card',
  taxClass: 'exempt',
});

type Case = {
  rule: string;
  from: OrderState;
  event: OrderMachineEvent;
  to: OrderStatus;
  expect?: Partial<OrderMachineContext>;
};

// Each guard, from both sides: the event that passes and where it leads.
const allowed: Case[] = [
  {
    rule: 'adding an item to the cart',
    from: sampleState('cart'),
    event: sample.addItem(1, 2),
    to: 'cart',
    expect: { lines: [sampleLine(1, 2)] },
  },
  {
    rule: 'adding to an existing line adds quantity',
    from: sampleState('cart', { lines: [sampleLine(1, 2)] }),
    event: sample.addItem(1, 3),
    to: 'cart',
    expect: { lines: [sampleLine(1, 5)] },
  },
  {
    rule: 'setting a line quantity',
    from: sampleState('cart', { lines: [sampleLine(1, 2)] }),
    event: sample.setQuantity(1, 7),
    to: 'cart',
    expect: { lines: [sampleLine(1, 7)] },
  },
  {
    rule: 'overriding a line price',
    from: sampleState('cart', { lines: [sampleLine(1, 2)] }),
    event: sample.setPrice(1, 750),
    to: 'cart',
    expect: { lines: [{ ...sampleLine(1, 2), unitPrice: 750 }] },
  },
  {
    rule: 'a line discount is kept on the line',
    from: sampleState('cart', { lines: [sampleLine(1, 2)] }),
    event: sample.setDiscount(1, 150),
    to: 'cart',
    expect: { lines: [{ ...sampleLine(1, 2), discount: 150 }] },
  },
  {
    rule: 'an order discount is kept with the cart',
    from: sampleState('cart', { lines: [sampleLine(1, 2)] }),
    event: sample.setOrderDiscount(200),
    to: 'cart',
    expect: { orderDiscount: 200 },
  },
  {
    rule: 'clearing the cart takes the order discount with it',
    from: sampleState('cart', { lines: [sampleLine(1, 2)], orderDiscount: 200 }),
    event: sample.clear(),
    to: 'cart',
    expect: { lines: [], orderDiscount: undefined },
  },
  {
    rule: 'a discount of 0 takes the line discount away',
    from: sampleState('cart', { lines: [{ ...sampleLine(1, 2), discount: 150 }] }),
    event: sample.setDiscount(1, 0),
    to: 'cart',
    expect: { lines: [sampleLine(1, 2)] },
  },
  {
    rule: 'removing a line',
    from: sampleState('cart', { lines: [sampleLine(1), sampleLine(2)] }),
    event: sample.removeItem(1),
    to: 'cart',
    expect: { lines: [sampleLine(2)] },
  },
  {
    rule: 'clearing the cart',
    from: sampleState('cart', { lines: [sampleLine(1)] }),
    event: sample.clear(),
    to: 'cart',
    expect: { lines: [] },
  },
  {
    rule: 'checkout fixes the total',
    from: sampleState('cart', { lines: [sampleLine(1)] }),
    event: sample.checkout(1000),
    to: 'payment',
    expect: { total: 1000 },
  },
  {
    rule: 'a free order skips payment',
    from: sampleState('cart', { lines: [sampleLine(1, 1, 0)] }),
    event: sample.checkout(0),
    to: 'receipt',
    expect: { total: 0 },
  },
  {
    rule: 'back to the cart before paying',
    from: sampleState('payment', { lines: [sampleLine(1)], total: 1000 }),
    event: sample.back(),
    to: 'cart',
    expect: { total: 0 },
  },
  {
    rule: 'a part payment stays in payment',
    from: sampleState('payment', { lines: [sampleLine(1)], total: 1000 }),
    event: sample.capture(1, 400),
    to: 'payment',
    expect: { paid: 400, paymentIds: [sampleId(1001)] },
  },
  {
    rule: 'the last part of a split payment settles it',
    from: sampleState('payment', {
      lines: [sampleLine(1)],
      total: 1000,
      paid: 400,
      paymentIds: [sampleId(1001)],
    }),
    event: sample.capture(2, 600),
    to: 'receipt',
    expect: { paid: 1000 },
  },
  {
    rule: 'issuing the receipt',
    from: sampleState('receipt', paidOrder({ reserved: false })),
    event: sample.receipt(),
    to: 'processing',
  },
  {
    rule: 'reserving stock',
    from: sampleState('processing', paidOrder({ reserved: false })),
    event: sample.reserve(),
    to: 'processing',
    expect: { reserved: true },
  },
  {
    rule: 'packing reserved stock',
    from: sampleState('processing', paidOrder()),
    event: sample.pack(),
    to: 'packaging',
  },
  {
    rule: 'putting packing down',
    from: sampleState('packaging', paidOrder()),
    event: sample.abandonPacking(),
    to: 'processing',
  },
  {
    rule: 'putting the rest of a partial order down',
    from: sampleState('packaging', paidOrder({ unitsShipped: 1 })),
    event: sample.abandonPacking(),
    to: 'partially_shipped',
  },
  {
    rule: 'closing the parcel marks the order packed',
    from: sampleState('packaging', paidOrder()),
    event: sample.packed(3),
    to: 'packaging',
    expect: { packed: { parcelId: sampleId(2001), units: 3 } },
  },
  {
    rule: 'shipping the packed parcel clears it',
    from: sampleState('packaging', paidOrder({ packed: { parcelId: sampleId(2001), units: 3 } })),
    event: sample.dispatch(3),
    to: 'shipped',
    expect: { unitsShipped: 3, packed: undefined },
  },
  {
    rule: 'putting a packed parcel back unpacks it',
    from: sampleState('packaging', paidOrder({ packed: { parcelId: sampleId(2001), units: 3 } })),
    event: sample.abandonPacking(),
    to: 'processing',
    expect: { packed: undefined },
  },
  {
    rule: 'shipping everything with tracking',
    from: sampleState('packaging', paidOrder()),
    event: sample.dispatch(3),
    to: 'shipped',
    expect: {
      unitsShipped: 3,
      shipments: [{ carrier: 'UPS', trackingNumber: '1Z999AA10123456784', units: 3 }],
    },
  },
  {
    rule: 'shipping without tracking when a reason is given',
    from: sampleState('packaging', paidOrder()),
    event: sample.dispatchUntracked(3),
    to: 'shipped',
    expect: {
      shipments: [{ carrier: 'Counter pickup', noTrackingReason: 'Handed over at the counter', units: 3 }],
    },
  },
  {
    rule: 'shipping part of the order',
    from: sampleState('packaging', paidOrder()),
    event: sample.dispatch(1),
    to: 'partially_shipped',
    expect: { unitsShipped: 1 },
  },
  {
    rule: 'shipping the rest from partly shipped',
    from: sampleState('partially_shipped', paidOrder({ unitsShipped: 1 })),
    event: sample.dispatch(2),
    to: 'shipped',
    expect: { unitsShipped: 3 },
  },
  {
    rule: 'packing the rest of a partly shipped order',
    from: sampleState('partially_shipped', paidOrder({ unitsShipped: 1 })),
    event: sample.pack(),
    to: 'packaging',
  },
  {
    rule: 'confirming delivery',
    from: sampleState('shipped', paidOrder({ unitsShipped: 3 })),
    event: sample.deliver(),
    to: 'delivered',
  },
  {
    rule: 'holding an order remembers where',
    from: sampleState('processing', paidOrder()),
    event: sample.hold(),
    to: 'on_hold',
    expect: { heldFrom: 'processing' },
  },
  {
    rule: 'releasing a hold goes back',
    from: sampleState('on_hold', paidOrder({ heldFrom: 'packaging' })),
    event: sample.release(),
    to: 'packaging',
    expect: { heldFrom: null },
  },
  {
    rule: 'cancelling an unpaid cart',
    from: sampleState('cart', { lines: [sampleLine(1)] }),
    event: sample.cancel(),
    to: 'cancelled',
  },
  {
    rule: 'cancelling once refunded',
    from: sampleState('processing', paidOrder({ refunded: 3000, refundIds: [sampleId(2001)] })),
    event: sample.cancel(),
    to: 'cancelled',
    expect: { reserved: false },
  },
  {
    rule: 'a partial refund',
    from: sampleState('delivered', paidOrder({ unitsShipped: 3 })),
    event: sample.refund(1, 1000),
    to: 'delivered',
    expect: { refunded: 1000, refundIds: [sampleId(2001)] },
  },
  {
    rule: 'refunding a returned order in full settles it',
    from: sampleState('returned', paidOrder({ unitsShipped: 3, unitsReturned: 3 })),
    event: sample.refund(1, 3000),
    to: 'refunded',
    expect: { refunded: 3000 },
  },
  {
    rule: 'a partial refund of a return stays returned',
    from: sampleState('returned', paidOrder({ unitsShipped: 3, unitsReturned: 3 })),
    event: sample.refund(1, 1000),
    to: 'returned',
  },
  {
    rule: 'receiving a return',
    from: sampleState('delivered', paidOrder({ unitsShipped: 3 })),
    event: sample.returnUnits(2),
    to: 'returned',
    expect: { unitsReturned: 2 },
  },
  {
    rule: 'an invoice settles the payment step but is owed on account',
    from: sampleState('payment', { lines: [sampleLine(1, 2)], total: 2000 }),
    event: sample.captureOnAccount(1, 2000),
    to: 'receipt',
    expect: { paid: 2000, onAccount: 2000 },
  },
  {
    rule: 'a card payment is not owed on account',
    from: sampleState('payment', { lines: [sampleLine(1, 2)], total: 2000 }),
    event: sample.capture(1, 2000),
    to: 'receipt',
    expect: { paid: 2000, paymentIds: [sampleId(1001)] },
  },
  {
    rule: 'part of an invoice paid later by bank transfer leaves the rest owed',
    from: sampleState('shipped', paidOrder({ onAccount: 3000, unitsShipped: 3 })),
    event: sample.receive(2, 1000),
    to: 'shipped',
    expect: { paid: 3000, onAccount: 2000, paymentIds: [sampleId(1001), sampleId(1002)] },
  },
  {
    rule: 'the rest of an invoice paid while the order is still with the packers',
    from: sampleState('processing', paidOrder({ onAccount: 3000 })),
    event: sample.receive(2, 3000),
    to: 'processing',
    expect: { onAccount: 0 },
  },
  {
    rule: 'a counter sale collected now is complete: every unit leaves with the customer',
    from: sampleState('processing', paidOrder()),
    event: sample.collect(),
    to: 'delivered',
    expect: {
      unitsShipped: 3,
      shipments: [
        { carrier: 'Counter', noTrackingReason: 'Collected by the customer at the counter', units: 3 },
      ],
    },
  },
  {
    rule: 'gift cards alone are handed over with the receipt: delivered, with no shipment of goods',
    from: sampleState('processing', paidOrder({ lines: [giftCardLine()] })),
    event: sample.collect(),
    to: 'delivered',
    expect: { unitsShipped: 0, shipments: [] },
  },
  {
    rule: 'a gift card beside goods is not a unit to ship: the counter hands over the goods',
    from: sampleState('processing', paidOrder({ lines: [sampleLine(1, 2), giftCardLine()] })),
    event: sample.collect(),
    to: 'delivered',
    expect: { unitsShipped: 2 },
  },
];

describe('order machine guards let legal events through', () => {
  it.each(allowed)('$rule', ({ from, event, to, expect: expected }) => {
    const next = getNextSnapshot(orderMachine, snapshotOf(from), event);
    expect(next.value).toBe(to);
    expect(next.context).toMatchObject(expected ?? {});
    const step = nextOrderState(from, event);
    expect(step).toEqual({ ok: true, state: { status: to, context: next.context } });
  });
});

type Refusal = { rule: string; from: OrderState; event: OrderMachineEvent; reason: string | RegExp };

const refused: Refusal[] = [
  {
    rule: 'an order already packed is never packed a second time',
    from: sampleState('packaging', paidOrder({ packed: { parcelId: sampleId(2001), units: 3 } })),
    event: sample.packed(3, 2),
    reason: /already packed \(a parcel of 3 units\)/,
  },
  {
    rule: 'a parcel cannot hold more than is left to ship',
    from: sampleState('packaging', paidOrder({ unitsShipped: 2 })),
    event: sample.packed(3),
    reason: 'Only 1 unit is left to ship; this parcel says 3',
  },
  {
    rule: 'packing completes only while packing',
    from: sampleState('processing', paidOrder()),
    event: sample.packed(3),
    reason: /“pack\.complete” is not possible while the order is/,
  },
  {
    rule: 'the packed parcel is what ships',
    from: sampleState('packaging', paidOrder({ packed: { parcelId: sampleId(2001), units: 2 } })),
    event: sample.dispatch(3),
    reason: 'The packed parcel holds 2 units; this shipment says 3',
  },
  {
    rule: 'no payment on an empty cart',
    from: sampleState('cart'),
    event: sample.checkout(1000),
    reason: 'Cannot take payment on an empty cart; add an item first',
  },
  {
    rule: 'a line id holds one variant',
    from: sampleState('cart', { lines: [sampleLine(1)] }),
    event: { ...sample.addItem(1), variantId: sampleId(999) },
    reason: /already holds Item 1 \(SKU-1\)/,
  },
  {
    rule: 'a line holds at most 9,999 units',
    from: sampleState('cart', { lines: [sampleLine(1, 9000)] }),
    event: sample.addItem(1, 1000),
    reason: /would hold 10000 units; one line holds at most 9,999/,
  },
  {
    rule: 'no quantity for a line that is gone',
    from: sampleState('cart'),
    event: sample.setQuantity(1, 2),
    reason: /There is no line .* in the cart/,
  },
  {
    rule: 'no price override for a line that is gone',
    from: sampleState('cart', { lines: [sampleLine(2)] }),
    event: sample.setPrice(1, 750),
    reason: /There is no line .* in the cart/,
  },
  {
    rule: 'a price override to the same price changes nothing',
    from: sampleState('cart', { lines: [sampleLine(1)] }),
    event: sample.setPrice(1, sampleLine(1).unitPrice),
    reason: /already has that price/,
  },
  {
    rule: 'no discount above what the line costs',
    from: sampleState('cart', { lines: [sampleLine(1, 2)] }),
    event: sample.setDiscount(1, sampleLine(1, 2).unitPrice * 2 + 1),
    reason: /is more than .* costs/,
  },
  {
    rule: 'no order discount above what the items come to after line discounts',
    from: sampleState('cart', { lines: [{ ...sampleLine(1, 1), discount: 100 }] }),
    event: sample.setOrderDiscount(sampleLine(1, 1).unitPrice - 99),
    reason: /is more than the items come to/,
  },
  {
    rule: 'no discount on a line that is gone',
    from: sampleState('cart'),
    event: sample.setDiscount(1, 100),
    reason: /There is no line .* in the cart/,
  },
  {
    rule: 'no removing a line that is gone',
    from: sampleState('cart'),
    event: sample.removeItem(1),
    reason: /There is no line .* in the cart/,
  },
  {
    rule: 'clearing an empty cart changes nothing',
    from: sampleState('cart'),
    event: sample.clear(),
    reason: 'The cart is already empty',
  },
  {
    rule: 'no going back to the cart after money was taken',
    from: sampleState('payment', {
      lines: [sampleLine(1)],
      total: 1000,
      paid: 400,
      paymentIds: [sampleId(1001)],
    }),
    event: sample.back(),
    reason: '4.00 has already been paid; refund it before changing the cart',
  },
  {
    rule: 'no double charge with the same payment id',
    from: sampleState('payment', {
      lines: [sampleLine(1)],
      total: 1000,
      paid: 400,
      paymentIds: [sampleId(1001)],
    }),
    event: sample.capture(1, 400),
    reason: /already been recorded; it is not taken a second time/,
  },
  {
    rule: 'no payment above what is due',
    from: sampleState('payment', {
      lines: [sampleLine(1)],
      total: 1000,
      paid: 400,
      paymentIds: [sampleId(1001)],
    }),
    event: sample.capture(2, 700),
    reason: /Payment of 7.00 is more than the 6.00 still due/,
  },
  {
    rule: 'stock is reserved once',
    from: sampleState('processing', paidOrder()),
    event: sample.reserve(),
    reason: 'Stock is already reserved for this order',
  },
  {
    rule: 'no packaging before stock is reserved',
    from: sampleState('processing', paidOrder({ reserved: false })),
    event: sample.pack(),
    reason: 'Reserve stock for this order before packing it',
  },
  {
    rule: 'no shipping without tracking or a reason',
    from: sampleState('packaging', paidOrder()),
    event: { type: 'ship.dispatch', carrier: 'UPS', units: 3 },
    reason: 'A shipment needs a tracking number or a reason why there is none',
  },
  {
    rule: 'a blank tracking number is no tracking number',
    from: sampleState('packaging', paidOrder()),
    event: { type: 'ship.dispatch', carrier: 'UPS', trackingNumber: '   ', noTrackingReason: '', units: 3 },
    reason: 'A shipment needs a tracking number or a reason why there is none',
  },
  {
    rule: 'no shipping more units than are left',
    from: sampleState('partially_shipped', paidOrder({ unitsShipped: 2 })),
    event: sample.dispatch(2),
    reason: 'Only 1 unit is left to ship; this shipment says 2',
  },
  {
    rule: 'no cancelling while money is held',
    from: sampleState('receipt', paidOrder()),
    event: sample.cancel(),
    reason: 'Refund the 30.00 paid before cancelling the order',
  },
  {
    rule: 'no cancelling what has shipped',
    from: sampleState('on_hold', paidOrder({ unitsShipped: 1, refunded: 3000, heldFrom: 'packaging' })),
    event: sample.cancel(),
    reason: /1 unit already shipped; receive them as a return/,
  },
  {
    rule: 'no refund above what was paid',
    from: sampleState('delivered', paidOrder({ unitsShipped: 3, refunded: 0, paid: 3000 })),
    event: sample.refund(1, 5000),
    reason: 'Refund of 50.00 is more than the 30.00 paid and not yet refunded',
  },
  {
    rule: 'no refund above what is left after refunds',
    from: sampleState(
      'delivered',
      paidOrder({ unitsShipped: 3, refunded: 2000, refundIds: [sampleId(2001)] }),
    ),
    event: sample.refund(2, 1500),
    reason: 'Refund of 15.00 is more than the 10.00 paid and not yet refunded',
  },
  {
    rule: 'a refund id is paid out once',
    from: sampleState(
      'delivered',
      paidOrder({ unitsShipped: 3, refunded: 1000, refundIds: [sampleId(2001)] }),
    ),
    event: sample.refund(1, 1000),
    reason: /already been recorded; it is not paid out a second time/,
  },
  {
    rule: 'no refund when nothing was paid',
    from: sampleState('on_hold', { lines: [sampleLine(1)], heldFrom: 'cart' }),
    event: sample.refund(1, 100),
    reason: 'Nothing paid on this order is left to refund',
  },
  {
    rule: 'no returning more than was shipped',
    from: sampleState('shipped', paidOrder({ unitsShipped: 3, unitsReturned: 0 })),
    event: sample.returnUnits(4),
    reason: 'Only 3 units shipped have not come back; this return says 4',
  },
  {
    rule: 'no shipping from a cancelled order',
    from: sampleState('cancelled'),
    event: sample.dispatch(1),
    reason: '“ship.dispatch” is not possible while the order is Cancelled',
  },
  {
    rule: 'no receipt before payment',
    from: sampleState('payment', { lines: [sampleLine(1)], total: 1000 }),
    event: sample.receipt(),
    reason: '“receipt.issue” is not possible while the order is Awaiting payment',
  },
  {
    rule: 'setting a quantity to what it is changes nothing',
    from: sampleState('cart', { lines: [sampleLine(1, 2)] }),
    event: sample.setQuantity(1, 2),
    reason: /already has a quantity of 2/,
  },
  {
    rule: 'no payment received on an order that owes nothing on account',
    from: sampleState('processing', paidOrder()),
    event: sample.receive(2, 1000),
    reason: 'Nothing is owed on account on this order',
  },
  {
    rule: 'no more received than is owed on account',
    from: sampleState('shipped', paidOrder({ onAccount: 1000, unitsShipped: 3 })),
    event: sample.receive(2, 1500),
    reason: 'Payment of 15.00 is more than the 10.00 still owed on account',
  },
  {
    rule: 'a received payment is never recorded twice',
    from: sampleState('shipped', paidOrder({ onAccount: 1000, unitsShipped: 3 })),
    event: sample.receive(1, 500),
    reason: /already been recorded/,
  },
  {
    rule: 'no payment received before the sale is paid for',
    from: sampleState('payment', { lines: [sampleLine(1)], total: 1000 }),
    event: sample.receive(2, 500),
    reason: '“payment.receive” is not possible while the order is Awaiting payment',
  },
  {
    rule: 'no counter hand-over before stock is reserved',
    from: sampleState('processing', paidOrder({ reserved: false })),
    event: sample.collect(),
    reason: 'Reserve stock for this order before handing it over',
  },
  {
    rule: 'an order of gift cards only is never packed',
    from: sampleState('processing', paidOrder({ lines: [giftCardLine()] })),
    event: sample.pack(),
    reason: 'This order holds only gift cards: there is nothing to pack',
  },
  {
    rule: 'no counter hand-over once packing has started',
    from: sampleState('packaging', paidOrder()),
    event: sample.collect(),
    reason: '“counter.collect” is not possible while the order is Packaging',
  },
];

describe('order machine guards refuse illegal events with a reason', () => {
  it.each(refused)('$rule', ({ from, event, reason }) => {
    const before = snapshotOf(from);
    const next = getNextSnapshot(orderMachine, before, event);
    expect(next.value).toBe(from.status);
    expect(next.context).toEqual(from.context);
    const step = nextOrderState(from, event);
    expect(step.ok).toBe(false);
    if (!step.ok) expect(step.reason).toMatch(reason);
  });
});

describe('order events are checked before the machine sees them', () => {
  const cart = sampleState('cart', { lines: [sampleLine(1)] });
  it.each([
    ['a negative quantity', { ...sample.addItem(2), quantity: -1 }, /Quantity must be at least 1/],
    ['a fractional quantity', { ...sample.addItem(2), quantity: 1.5 }, /quantity must be a whole number/i],
    ['zero units shipped', { ...sample.dispatch(0) }, /Units must be at least 1/],
    [
      'a non-integer payment',
      { ...sample.capture(1, 10), amount: 10.5 },
      /amount must be a whole number of minor units/i,
    ],
    ['a zero refund', sample.refund(1, 0), /Amount must be more than zero/],
    ['a missing type', { lineId: sampleId(1) }, /has no type/],
    ['an unknown type', { type: 'cart.explode' }, /“cart.explode” is not an order event/],
    ['a misspelt field', { ...sample.dispatch(1), trackingNo: 'X' }, /unexpected field trackingNo/i],
    ['a non-object', 'cart.clear', /must be an object with a type/],
    [
      'an unknown payment method',
      { ...sample.capture(1, 100), method: 'bitcoin' },
      /method must be one of cash, card_terminal/i,
    ],
  ])('refuses %s with a readable reason', (_what, event, reason) => {
    const step = nextOrderState(cart, event);
    expect(step.ok).toBe(false);
    if (!step.ok) expect(step.reason).toMatch(reason);
  });
});

describe('foldOrderEvents', () => {
  const story = [
    sample.addItem(1, 2, 1500),
    sample.addItem(2, 1, 500),
    sample.checkout(3500),
    sample.capture(1, 2000),
    sample.capture(2, 1500),
    sample.receipt(),
    sample.reserve(),
    sample.pack(),
    sample.dispatch(2),
    sample.pack(),
    sample.dispatchUntracked(1),
    sample.deliver(),
  ];

  it('replays a whole order to delivered', () => {
    const folded = foldOrderEvents(story);
    expect(folded.ok).toBe(true);
    if (!folded.ok) return;
    expect(folded.state.status).toBe('delivered');
    expect(folded.state.context).toMatchObject({ paid: 3500, unitsShipped: 3, reserved: true });
    expect(unitsOrdered(folded.state.context)).toBe(3);
    expect(folded.state.context.shipments).toHaveLength(2);
  });

  it('stops at the first refused event and says which one', () => {
    const folded = foldOrderEvents([
      sample.addItem(1),
      sample.checkout(1000),
      sample.pack(),
      sample.capture(1, 1000),
    ]);
    expect(folded).toEqual({
      ok: false,
      reason: 'Event #3: “pack.start” is not possible while the order is Awaiting payment',
    });
  });

  it('replays events that went through JSON (the log and the outbox) to the same state', () => {
    const fromJson = JSON.parse(JSON.stringify(story)) as unknown[];
    const folded = foldOrderEvents(fromJson);
    expect(folded).toEqual(foldOrderEvents(story));
    if (folded.ok) expect(JSON.parse(JSON.stringify(folded.state))).toEqual(folded.state);
  });

  it('starts every order as an empty cart', () => {
    expect(foldOrderEvents([])).toEqual({ ok: true, state: initialOrderState() });
    expect(initialOrderState()).toEqual({
      status: 'cart',
      context: createActor(orderMachine).getSnapshot().context,
    });
  });

  it('holds and releases back to where the order was, and cancels after refunding a split payment', () => {
    const folded = foldOrderEvents([
      sample.addItem(1),
      sample.checkout(1000),
      sample.capture(1, 300),
      sample.hold(),
      sample.release(),
      sample.refund(1, 300),
      sample.cancel(),
    ]);
    expect(folded.ok && folded.state.status).toBe('cancelled');
  });

  it('does not change the state it was given', () => {
    const state = sampleState('cart', { lines: [sampleLine(1)] });
    const copy = structuredClone(state);
    nextOrderState(state, sample.addItem(1, 3));
    nextOrderState(state, sample.removeItem(1));
    expect(state).toEqual(copy);
  });
});

describe('parseOrderState', () => {
  it('accepts a stored order row that went through JSON', () => {
    const folded = foldOrderEvents([sample.addItem(1), sample.checkout(1000), sample.capture(1, 1000)]);
    if (!folded.ok) throw new Error(folded.reason);
    const row = JSON.parse(
      JSON.stringify({ status: folded.state.status, machine: folded.state.context }),
    ) as {
      status: unknown;
      machine: unknown;
    };
    expect(parseOrderState(row.status, row.machine)).toEqual({ ok: true, state: folded.state });
  });

  it('refuses an unknown status or a damaged context with a reason', () => {
    expect(parseOrderState('lost', initialOrderState().context)).toEqual({
      ok: false,
      reason: '“lost” is not an order status',
    });
    const damaged = parseOrderState('payment', { ...initialOrderState().context, paid: -5 });
    expect(damaged.ok).toBe(false);
    if (!damaged.ok) expect(damaged.reason).toMatch(/^The order's machine state is damaged: Paid/);
  });
});
