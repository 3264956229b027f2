import { describe, expect, it } from 'vitest';
import { describePointsOnRefund, pointsToTakeBack, settleReversal } from './loyaltyRefund';

// An order paid £40.00 in money earned 400 points; the customer holds 400.
const order = { earned: 400, takenBack: 0, paid: 4000, balance: 400 };

describe('pointsToTakeBack', () => {
  it('takes back every point earned when everything paid in money is refunded', () => {
    expect(pointsToTakeBack({ ...order, refundedAfter: 4000 })).toEqual({ points: 400, spent: 0 });
  });

  it('takes back the refunded share, rounded down in the customer’s favour', () => {
    // £10.01 of £40.00 is 100.1 points' worth: 100 come back.
    expect(pointsToTakeBack({ ...order, refundedAfter: 1001 })).toEqual({ points: 100, spent: 0 });
  });

  it('takes only what earlier refunds have not, so two partial refunds add up to the whole', () => {
    const first = pointsToTakeBack({ ...order, refundedAfter: 1001 });
    const second = pointsToTakeBack({
      ...order,
      takenBack: first.points,
      balance: order.balance - first.points,
      refundedAfter: 4000,
    });
    expect(first.points + second.points).toBe(400);
  });

  it('never takes the balance below zero: what the customer already spent is said, not taken', () => {
    expect(pointsToTakeBack({ ...order, balance: 150, refundedAfter: 4000 })).toEqual({
      points: 150,
      spent: 250,
    });
    expect(pointsToTakeBack({ ...order, balance: 0, refundedAfter: 4000 })).toEqual({
      points: 0,
      spent: 400,
    });
  });

  it('takes nothing from an order that earned nothing or was paid only in points', () => {
    expect(pointsToTakeBack({ ...order, earned: 0, refundedAfter: 4000 })).toEqual({ points: 0, spent: 0 });
    expect(pointsToTakeBack({ ...order, paid: 0, refundedAfter: 0 })).toEqual({ points: 0, spent: 0 });
  });
});

describe('describePointsOnRefund', () => {
  it('says what went back and what was taken back', () => {
    expect(describePointsOnRefund(250, { points: 100, spent: 0 })).toBe(
      'Points: 250 points paid with went back to the customer; 100 points earned on this order were taken back.',
    );
  });

  it('says when the points earned were already spent', () => {
    expect(describePointsOnRefund(0, { points: 150, spent: 250 })).toBe(
      'Points: 150 points earned on this order were taken back; 250 points earned on it were already spent, so the balance is now 0.',
    );
    expect(describePointsOnRefund(0, { points: 0, spent: 1 })).toBe(
      'Points: 1 point earned on it was already spent, so the balance stays at 0.',
    );
  });

  it('says nothing when no points moved', () => {
    expect(describePointsOnRefund(0, { points: 0, spent: 0 })).toBeNull();
  });
});

describe('settleReversal', () => {
  it('takes all of it while the ledger holds enough, as much as is left when not, none at zero', () => {
    expect(settleReversal(400, { amount: -400 })).toEqual({ ok: true, amount: -400, clamped: false });
    expect(settleReversal(120, { amount: -400 })).toEqual({ ok: true, amount: -120, clamped: true });
    expect(settleReversal(0, { amount: -400 })).toEqual({
      ok: false,
      reason:
        'The customer had already spent the 400 points this refund took back, so nothing was taken and the balance stays at 0',
    });
  });
});
