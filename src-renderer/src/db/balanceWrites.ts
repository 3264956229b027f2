// Writing gift card, store credit and points movements: each with its outbox entry in the caller's
// transaction, so a movement never exists without the change that tells the server. Balances are
// read as the sum of an account's movements on this desk (the server settles them across desks).
import {
  acceptMovement,
  accountOf,
  BalanceMovementSchema,
  DEFAULT_LOYALTY,
  earningBase,
  GIFT_CARD_VARIANT_ID,
  kindOf,
  LOYALTY_KEY,
  LoyaltyRulesSchema,
  newGiftCardCode,
  pointsEarned,
  type BalanceMovement,
  type LoyaltyRules,
} from '$shared/balances';
import { newId } from '$shared/ids';
import { describePointsOnRefund, pointsToTakeBack } from '$shared/loyaltyRefund';
import {
  describeGiftCardsOnRefund,
  giftCardRefusal,
  giftCardReversalId,
  giftCardsToTakeBack,
  type GiftCardRefundFacts,
} from '$shared/giftCardRefund';
import type { Order } from '$shared/records';
import { parseRecord, ValidationError } from '$shared/validation';
import type { OrderlineDb } from './database';
import { outboxEntry } from './outbox';
import { putStoreSetting } from './storeSettings';
import type { Who } from './writeOrderChange';

export type MovementInput = Omit<BalanceMovement, 'id' | 'createdAt' | 'deskId' | 'staffId'>;

/** A checked movement made by `who` now. */
export function movementRow(input: MovementInput, who: Who, at = new Date().toISOString()): BalanceMovement {
  return parseRecord(
    BalanceMovementSchema,
    {
      ...input,
      id: newId(),
      deskId: who.deskId,
      ...(who.staffId ? { staffId: who.staffId } : {}),
      createdAt: at,
    },
    'The balance movement',
  );
}

/**
 * Stores movements and queues each for the server, in the caller's transaction (which must include
 * balanceMovements and outbox). Returns the last outbox id, for a change that must follow them.
 */
export async function queueMovements(
  db: OrderlineDb,
  movements: readonly BalanceMovement[],
  dependsOn?: string,
): Promise<string | undefined> {
  if (!movements.length) return dependsOn;
  await db.balanceMovements.bulkAdd([...movements]);
  let last: string | undefined;
  for (const m of movements) {
    const entry = {
      ...outboxEntry('balance.movement', 'balanceMovements', m.id, m),
      ...(dependsOn ? { dependsOn } : {}),
    };
    await db.outbox.add(entry);
    last = entry.id;
  }
  return last;
}

/** What an account holds as this desk knows it. */
export async function accountBalance(db: OrderlineDb, account: string): Promise<number> {
  let total = 0;
  await db.balanceMovements
    .where('account')
    .equals(account)
    .each((m) => {
      total += m.amount;
    });
  return total;
}

/** The store's loyalty rules (Settings › Loyalty), or the defaults (off) while none are saved. */
export async function loadLoyalty(db: OrderlineDb): Promise<LoyaltyRules> {
  const parsed = LoyaltyRulesSchema.safeParse((await db.settings.get(LOYALTY_KEY))?.value);
  return parsed.success ? parsed.data : DEFAULT_LOYALTY;
}

export async function saveLoyalty(db: OrderlineDb, input: unknown): Promise<LoyaltyRules> {
  const rules = parseRecord(LoyaltyRulesSchema, input, 'The loyalty rules');
  await putStoreSetting(db, LOYALTY_KEY, rules);
  return rules;
}

/** A debit checked against what this desk knows, in the caller's transaction; throws with a sentence. */
export async function debit(db: OrderlineDb, input: MovementInput, who: Who): Promise<BalanceMovement> {
  const held = await accountBalance(db, input.account);
  const verdict = acceptMovement(held, input);
  if (!verdict.ok) throw new ValidationError('The payment', [verdict.reason]);
  return movementRow(input, who);
}

/**
 * What a fully paid order gives: a new card for each gift card it sold (balance = its price), and
 * the customer's points. Written in the caller's transaction, following the payment's change, so a
 * payment the server refuses activates no card and earns nothing there.
 */
export function paidOrderMovements(order: Order, rules: LoyaltyRules, who: Who): BalanceMovement[] {
  const at = new Date().toISOString();
  const movements: BalanceMovement[] = [];
  for (const line of order.lines.filter((l) => l.variantId === GIFT_CARD_VARIANT_ID)) {
    for (let i = 0; i < line.quantity; i++) {
      movements.push(
        movementRow(
          {
            account: accountOf('gift_card', newGiftCardCode()),
            reason: 'sold',
            amount: line.unitPrice.amount,
            currency: order.currency,
            orderId: order.id,
            ...(order.customerId ? { customerId: order.customerId } : {}),
          },
          who,
          at,
        ),
      );
    }
  }
  const points = order.customerId ? pointsEarned(rules, earningBase(order), order.currency) : 0;
  if (order.customerId && points > 0) {
    movements.push(
      movementRow(
        {
          account: accountOf('loyalty_points', order.customerId),
          reason: 'earned',
          amount: points,
          orderId: order.id,
          customerId: order.customerId,
        },
        who,
        at,
      ),
    );
  }
  return movements;
}

/**
 * Money refunded to a gift card, store credit or points goes back onto the account the order's
 * payment took it from (as an "issued" movement), in the caller's transaction.
 */
export async function refundMovements(
  db: OrderlineDb,
  order: Order,
  parts: readonly { method: string; amount: number }[],
  rules: LoyaltyRules,
  who: Who,
): Promise<BalanceMovement[]> {
  const debits = (await db.balanceMovements.where('orderId').equals(order.id).toArray()).filter(
    (m) => m.reason === 'redeemed',
  );
  const out: BalanceMovement[] = [];
  for (const part of parts) {
    const from = debits.find((m) => kindOf(m.account) === part.method);
    if (!from || part.amount <= 0) continue;
    const points = part.method === 'loyalty_points';
    out.push(
      movementRow(
        {
          account: from.account,
          reason: 'issued',
          amount: points ? Math.ceil(part.amount / rules.pointValue) : part.amount,
          ...(points ? {} : { currency: order.currency }),
          orderId: order.id,
          ...(order.customerId ? { customerId: order.customerId } : {}),
          note: `Refund on order ${order.number}`,
        },
        who,
      ),
    );
  }
  return out;
}

export interface RefundMoney {
  /** The refund.issue event's refundId: gift card take-backs are named by it and the card. */
  refundId: string;
  /** This refund, every way it goes. */
  amount: number;
  /** Where this refund goes, by payment method (refundTo). */
  parts: readonly { method: string; amount: number }[];
  /** Money paid back other than as points over all the order's refunds, this one included. */
  refundedAfter: number;
}

/** The gift cards an order sold, as this desk knows them, for a refund of `amount` on it. */
export async function giftCardRefundFacts(
  db: OrderlineDb,
  order: Order,
  amount: number,
): Promise<GiftCardRefundFacts> {
  const ofOrder = await db.balanceMovements.where('orderId').equals(order.id).toArray();
  const sold = ofOrder.filter((m) => m.reason === 'sold' && kindOf(m.account) === 'gift_card');
  const cards = await Promise.all(
    sold.map(async (m) => ({
      account: m.account,
      sold: m.amount,
      takenBack: -ofOrder
        .filter((r) => r.account === m.account && r.reason === 'reversed')
        .reduce((n, r) => n + r.amount, 0),
      balance: await accountBalance(db, m.account),
    })),
  );
  return { cards, paid: order.totals.paid, refundedBefore: order.totals.refunded, amount };
}

export interface RefundBalances {
  movements: BalanceMovement[];
  /** The sentence about points and gift cards the seller reads, or null when nothing changes. */
  said: string | null;
  /** Why the refund cannot be made (it would pay back gift card value already spent), or null. */
  refusal: string | null;
}

/**
 * Every balance movement a refund makes, in the caller's transaction: what a card, credit or
 * points paid goes back onto its account; the points the order earned are taken back pro rata
 * (never below the customer's zero); the gift cards it sold lose the value the refund reaches into
 * (a refund that would pay back value already spent with them is refused: `refusal`). With the
 * sentence the seller reads.
 */
export async function refundBalanceMovements(
  db: OrderlineDb,
  order: Order,
  refund: RefundMoney,
  rules: LoyaltyRules,
  who: Who,
  when: 'done' | 'preview' = 'done',
): Promise<RefundBalances> {
  const movements = await refundMovements(db, order, refund.parts, rules, who);
  const facts = await giftCardRefundFacts(db, order, refund.amount);
  const cards = giftCardsToTakeBack(facts);
  const refusal = giftCardRefusal(facts, cards, order.currency);
  if (refusal) return { movements: [], said: refusal, refusal };
  for (const take of cards.takes) {
    // Named by the refund and the card: the server takes the same movement back when it applies
    // the refund, so this desk's copy is the same one (and is replaced by the server's on a pull).
    movements.push({
      ...movementRow(
        {
          account: take.account,
          reason: 'reversed',
          amount: -take.amount,
          currency: order.currency,
          orderId: order.id,
          ...(order.customerId ? { customerId: order.customerId } : {}),
          note: `Sold on order ${order.number}, taken back on its refund`,
        },
        who,
      ),
      id: giftCardReversalId(refund.refundId, take.account),
    });
  }
  const giftCards = describeGiftCardsOnRefund(cards, order.currency, when);
  const points = await pointsOnRefundMovements(db, order, refund, movements, who, when);
  const said = [points, giftCards].filter((s) => s !== null).join(' ');
  return { movements, said: said || null, refusal: null };
}

/** The points the refund takes back (pushed onto `movements`) and its sentence about points. */
async function pointsOnRefundMovements(
  db: OrderlineDb,
  order: Order,
  refund: RefundMoney,
  movements: BalanceMovement[],
  who: Who,
  when: 'done' | 'preview',
): Promise<string | null> {
  if (!order.customerId) return null;
  const account = accountOf('loyalty_points', order.customerId);
  const givenBack = movements.filter((m) => m.account === account).reduce((n, m) => n + m.amount, 0);
  const ofOrder = (await db.balanceMovements.where('orderId').equals(order.id).toArray()).filter(
    (m) => m.account === account,
  );
  const sum = (reason: BalanceMovement['reason']) =>
    ofOrder.filter((m) => m.reason === reason).reduce((n, m) => n + m.amount, 0);
  const takeBack = pointsToTakeBack({
    earned: sum('earned'),
    takenBack: -sum('reversed'),
    paid: order.payments
      .filter((p) => p.method !== 'loyalty_points')
      .reduce((n, p) => n + p.amount.amount, 0),
    refundedAfter: refund.refundedAfter,
    balance: (await accountBalance(db, account)) + givenBack,
  });
  if (takeBack.points > 0) {
    movements.push(
      movementRow(
        {
          account,
          reason: 'reversed',
          amount: -takeBack.points,
          orderId: order.id,
          customerId: order.customerId,
          note: `Earned on order ${order.number}, taken back on its refund`,
        },
        who,
      ),
    );
  }
  return describePointsOnRefund(givenBack, takeBack, when);
}

/** Store credit given to a customer by hand (a goodwill gesture, a return without a receipt). */
export async function issueStoreCredit(
  db: OrderlineDb,
  who: Who,
  input: { customerId: string; amount: number; currency: string; note: string },
): Promise<BalanceMovement> {
  const note = input.note.trim();
  if (!note)
    throw new ValidationError('The store credit', ['say why it is given (e.g. "Returned without receipt")']);
  if (!Number.isInteger(input.amount) || input.amount <= 0) {
    throw new ValidationError('The store credit', ['enter an amount above zero']);
  }
  const movement = movementRow(
    {
      account: accountOf('store_credit', input.customerId),
      reason: 'issued',
      amount: input.amount,
      currency: input.currency,
      customerId: input.customerId,
      note,
    },
    who,
  );
  await db.transaction('rw', [db.balanceMovements, db.outbox], () => queueMovements(db, [movement]));
  return movement;
}
