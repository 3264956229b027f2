// What a refund does to the gift cards its order sold. The money the store keeps after a refund
// must still cover what those cards can spend: a refund is paid out of the order's goods first, and
// whatever reaches into the cards' price is taken back off the cards (they can no longer spend it).
// Value already spent with a card cannot be paid back a second time, so a refund that would need it
// is refused, saying how much can still be refunded. The same rule on the desk (against what it
// knows, at once) and on the server, which is the one that settles it: when it applies a refund it
// takes back what the cards owe by its own ledger (as much as each still holds, never below zero,
// saying what was already spent), under ids made from the refund and the card, so the desk's own
// take-back of the same refund is the same movement and a refund can never take a card twice.
import { describeAccount, formatBalance } from './balances';
import { uuidv5 } from './uuidv5';

// Any fixed UUID: the same on every desk and the server, for ever.
const GIFT_CARD_REFUND_NAMESPACE = '3f8d2c61-7a4e-4b59-9c1d-e05b6a7f8d24';

/** The take-back movement's id: one per refund and card, whichever desk or server copy makes it. */
export function giftCardReversalId(refundId: string, account: string): string {
  return uuidv5(`gift-card-reversal:${refundId}:${account}`, GIFT_CARD_REFUND_NAMESPACE);
}

export interface SoldCard {
  /** `gift_card:<code>`. */
  account: string;
  /** What it was sold for on this order (its `sold` movement). */
  sold: number;
  /** Taken back by the order's earlier refunds (a positive number). */
  takenBack: number;
  /** What the card holds now, as this desk knows it. */
  balance: number;
}

export interface GiftCardRefundFacts {
  /** The cards the order sold, in the order they were sold. */
  cards: readonly SoldCard[];
  /** Money paid on the order, every way. */
  paid: number;
  /** Money paid back before this refund. */
  refundedBefore: number;
  /** This refund. */
  amount: number;
}

export interface GiftCardTakeBack {
  /** What to take off each card now (positive amounts), cards with nothing to take left out. */
  takes: { account: string; amount: number }[];
  /** Value this refund would need back that was already spent with the cards (0: nothing). */
  spent: number;
  /** The most this refund may be while nothing spent is paid back (the refundable at most). */
  maxRefund: number;
}

const total = (cards: readonly SoldCard[], pick: (card: SoldCard) => number) =>
  cards.reduce((sum, card) => sum + pick(card), 0);

/** What a card can still give back: its unspent balance, never more than is left of its price. */
const recoverable = (card: SoldCard) => Math.max(0, Math.min(card.balance, card.sold - card.takenBack));

/**
 * The value a refund takes back off the order's cards: the part of all its refunds so far that
 * reaches past the goods into the cards' price, less what earlier refunds took, card by card in the
 * order they were sold. What the cards no longer hold is `spent`.
 */
export function giftCardsToTakeBack(facts: GiftCardRefundFacts): GiftCardTakeBack {
  const sold = total(facts.cards, (c) => c.sold);
  const takenBack = total(facts.cards, (c) => c.takenBack);
  const goods = Math.max(0, facts.paid - sold);
  const refundable = Math.max(0, facts.paid - facts.refundedBefore);
  const maxRefund = Math.max(
    0,
    Math.min(refundable, goods + takenBack + total(facts.cards, recoverable) - facts.refundedBefore),
  );
  if (sold === 0) return { takes: [], spent: 0, maxRefund: refundable };
  const refundedAfter = facts.refundedBefore + facts.amount;
  let due = Math.max(0, Math.min(sold, refundedAfter - goods) - takenBack);
  const takes: GiftCardTakeBack['takes'] = [];
  for (const card of facts.cards) {
    const amount = Math.min(due, recoverable(card));
    if (amount > 0) takes.push({ account: card.account, amount });
    due -= amount;
  }
  return { takes, spent: due, maxRefund };
}

/** The refusal of a refund that would pay back value already spent with a card, or null. */
export function giftCardRefusal(
  facts: GiftCardRefundFacts,
  takeBack: GiftCardTakeBack,
  currency: string,
): string | null {
  if (takeBack.spent <= 0) return null;
  const show = (n: number) => formatBalance('gift_card', n, currency);
  const cards = facts.cards
    .filter((c) => c.balance < c.sold - c.takenBack)
    .map((c) => `${describeAccount(c.account)} holds ${show(Math.max(0, c.balance))} of its ${show(c.sold)}`)
    .join('; ');
  const limit =
    takeBack.maxRefund > 0
      ? `refund at most ${show(takeBack.maxRefund)}`
      : 'nothing more can be refunded on this order';
  return `${show(takeBack.spent)} of the gift card value sold on this order has already been spent (${cards}), and spent value cannot be paid back: ${limit}`;
}

/** The refund's sentence about the cards it takes back, or null when it takes none: what happened
 * (`done`) or what will happen (`preview`, shown before the refund is confirmed). */
export function describeGiftCardsOnRefund(
  takeBack: GiftCardTakeBack,
  currency: string,
  when: 'done' | 'preview' = 'done',
): string | null {
  if (takeBack.takes.length === 0) return null;
  const show = (n: number) => formatBalance('gift_card', n, currency);
  const verb = when === 'done' ? 'was taken off' : 'will be taken off';
  const parts = takeBack.takes.map((t) => `${show(t.amount)} ${verb} ${describeAccount(t.account)}`);
  return `Gift cards: ${parts.join('; ')}, so it cannot be spent.`;
}
