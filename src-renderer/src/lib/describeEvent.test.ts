import { describe, expect, it } from 'vitest';
import { describeEvent } from './describeEvent';

describe('order history in words', () => {
  it('names the money, method and format a person needs', () => {
    expect(
      describeEvent(
        { type: 'payment.capture', paymentId: 'p', method: 'card_terminal', amount: 4200 },
        'GBP',
      ),
    ).toBe('Payment taken: £42.00 by card terminal');
    expect(describeEvent({ type: 'receipt.issue', format: 'invoiceA4' }, 'GBP')).toBe(
      'Receipt given as A4 invoice',
    );
  });

  it('says whether a shipment has tracking or why not', () => {
    expect(
      describeEvent({ type: 'ship.dispatch', carrier: 'DPD', trackingNumber: '15501', units: 2 }, 'GBP'),
    ).toBe('Shipped 2 units with DPD, tracking 15501');
    expect(
      describeEvent(
        { type: 'ship.dispatch', carrier: 'Courier', noTrackingReason: 'Hand delivered', units: 1 },
        'GBP',
      ),
    ).toBe('Shipped 1 unit with Courier, no tracking: Hand delivered');
  });

  it('says a tracking number no carrier format knows is unverified, as its event recorded it', () => {
    const event = { type: 'ship.dispatch', carrier: 'DPD', trackingNumber: '15501234567890', units: 1 };
    expect(
      describeEvent(event, 'GBP', {
        tracking: { carrier: 'DPD', number: '15501234567890', verified: false },
      }),
    ).toBe('Shipped 1 unit with DPD, tracking 15501234567890 (unverified: no carrier format matches it)');
    expect(describeEvent(event, 'GBP', { tracking: { carrier: 'DPD', number: '15501234567890' } })).toBe(
      'Shipped 1 unit with DPD, tracking 15501234567890',
    );
  });

  it('says a price was overridden, to what and why', () => {
    expect(
      describeEvent({ type: 'cart.setPrice', lineId: 'l', unitPrice: 500, reason: 'Price match' }, 'GBP'),
    ).toBe('Price overridden to £5.00 a unit: Price match');
  });

  it('says what discount was given, or taken away, and why', () => {
    expect(
      describeEvent({ type: 'cart.setDiscount', lineId: 'l', discount: 250, reason: 'Damaged box' }, 'GBP'),
    ).toBe('Line discount of £2.50: Damaged box');
    expect(describeEvent({ type: 'cart.setOrderDiscount', discount: 0, reason: 'Mistake' }, 'GBP')).toBe(
      'Order discount taken away: Mistake',
    );
  });

  it('says why money went back', () => {
    expect(
      describeEvent({ type: 'refund.issue', refundId: 'r', amount: 500, reason: 'One mug chipped' }, 'GBP'),
    ).toBe('Refunded £5.00: One mug chipped');
  });

  it('falls back to the event type for an event it does not know', () => {
    expect(describeEvent({ type: 'loyalty.award' }, 'GBP')).toBe('loyalty.award');
  });
});
