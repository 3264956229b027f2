// What a refund does to loyalty points: points paid with go back to the customer; points the
// order earned are taken back in proportion to the money refunded, never below a zero balance.
// The same rule on the desk (against what it knows) and on the server (against every desk's
// movements, under the store's lock), so two desks can never take a balance below zero.
import { describeAccount, formatBalance, kindOf, type BalanceMovement } from './balances';
import { DEFAULT_STORE_PROFILE } from './storeProfile';

export interface PointsRefundFacts {
  /** Points the order earned (its `earned` movements). */
  earned: number;
  /** Points already taken back by the order's earlier refunds (a positive number). */
  takenBack: number;
  /** Money paid on the order other than with points: what the points were earned on. */
  paid: number;
  /** Money paid back other than as points, this refund included. */
  refundedAfter: number;
  /** Points the customer holds once this refund's points (if any) are given back. */
  balance: number;
}

export interface PointsTakeBack {
  /** Points to take back now. */
  points: number;
  /** Points this refund should take back that the customer has already spent. */
  spent: number;
}

/**
 * The points a refund takes back: the earned points' share of the money refunded so far (all of
 * them once everything is refunded, rounded down before that, in the customer's favour), less what
 * earlier refunds took, and never more than the customer holds.
 */
export function pointsToTakeBack(facts: PointsRefundFacts): PointsTakeBack {
  if (facts.earned <= 0 || facts.paid <= 0 || facts.refundedAfter <= 0) return { points: 0, spent: 0 };
  const share =
    facts.refundedAfter >= facts.paid
      ? facts.earned
      : Math.floor((facts.earned * facts.refundedAfter) / facts.paid);
  const due = Math.max(0, share - facts.takenBack);
  const points = Math.min(due, Math.max(0, facts.balance));
  return { points, spent: due - points };
}

const pts = (n: number) => formatBalance('loyalty_points', n, DEFAULT_STORE_PROFILE.currency);

/** The refund's sentence about points, or null when it changes none: what happened (`done`), or
 * what will happen (`preview`, shown before the refund is confirmed). */
export function describePointsOnRefund(
  givenBack: number,
  takeBack: PointsTakeBack,
  when: 'done' | 'preview' = 'done',
): string | null {
  const done = when === 'done';
  const parts: string[] = [];
  if (givenBack > 0) {
    parts.push(`${pts(givenBack)} paid with ${done ? 'went' : 'go'} back to the customer`);
  }
  if (takeBack.points > 0) {
    parts.push(`${pts(takeBack.points)} earned on this order ${done ? 'were' : 'will be'} taken back`);
  }
  if (takeBack.spent > 0) {
    const were = done ? (takeBack.spent === 1 ? 'was' : 'were') : takeBack.spent === 1 ? 'is' : 'are';
    const balance = takeBack.points === 0 ? 'stays at 0' : done ? 'is now 0' : 'will be 0';
    parts.push(`${pts(takeBack.spent)} earned on it ${were} already spent, so the balance ${balance}`);
  }
  return parts.length ? `Points: ${parts.join('; ')}.` : null;
}

export type ReversalVerdict = { ok: true; amount: number; clamped: boolean } | { ok: false; reason: string };

/**
 * How much of a `reversed` movement a ledger holding `balance` takes: all of it, or as much as is
 * left (another desk may have spent points, a card or credit since), or none — said so — when
 * nothing is left. Points, gift cards and store credit alike (a refunded order's points, the gift
 * cards it sold, the referral credit it earned).
 */
export function settleReversal(
  balance: number,
  movement: Pick<BalanceMovement, 'amount'> & Partial<Pick<BalanceMovement, 'account' | 'currency'>>,
): ReversalVerdict {
  const wanted = -movement.amount;
  if (balance >= wanted) return { ok: true, amount: movement.amount, clamped: false };
  if (balance <= 0) {
    const kind = movement.account ? kindOf(movement.account) : 'loyalty_points';
    if (!movement.account || kind === 'loyalty_points') {
      return {
        ok: false,
        reason: `The customer had already spent the ${pts(wanted)} this refund took back, so nothing was taken and the balance stays at 0`,
      };
    }
    const show = formatBalance(
      kind ?? 'store_credit',
      wanted,
      movement.currency ?? DEFAULT_STORE_PROFILE.currency,
    );
    return {
      ok: false,
      reason: `${describeAccount(movement.account)} had already been spent, so the ${show} this refund took back could not be taken and it stays at 0`,
    };
  }
  return { ok: true, amount: -balance, clamped: true };
}
