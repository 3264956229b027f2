// A pushed gift card, store credit or points movement, added to its ledger. What adds is always
// taken; a debit only while the ledger stays at zero or above across every desk's movements. The
// batch holds the store's lock (applyPush), so two desks spending the same card are settled one
// after the other: the second is refused with the balance left, and its sale still owes the rest.
// What a refund takes back (points, gift cards) is taken only as far as the ledger holds
// (settleReversal), and the movement says what was already spent.
import {
  acceptMovement,
  BalanceMovementSchema,
  describeAccount,
  formatBalance,
  kindOf,
} from '../src-shared/balances';
import { settleReversal } from '../src-shared/loyaltyRefund';
import { unknownFields } from '../src-shared/inputLimits';
import type { PushMutation } from '../src-shared/syncProtocol';
import { safeParseRecord } from '../src-shared/validation';
import type { ChangeLogWriter } from './changeLog';
import { APPLIED, duplicate, rejected, type MutationOutcome } from './mutationOutcome';
import type { PushContext } from './pushContext';
import { DEFAULT_STORE_PROFILE } from '../src-shared/storeProfile';

export async function applyBalanceMovementPush(
  ctx: PushContext,
  mutation: PushMutation,
  log: ChangeLogWriter,
): Promise<MutationOutcome> {
  const { tx, device } = ctx;
  const parsed = safeParseRecord(BalanceMovementSchema, mutation.payload);
  if (!parsed.ok) return rejected(`The balance movement was not saved: ${parsed.issues.join('; ')}`);
  if (parsed.value.id !== mutation.recordId) {
    return rejected(`The change names movement ${mutation.recordId} but carries movement ${parsed.value.id}`);
  }
  const stray = unknownFields(mutation.payload, parsed.value);
  if (stray.length) {
    return rejected(
      `The balance movement was not saved: it has fields no movement has (${stray.join(', ')})`,
    );
  }
  const deskRefusal = await ctx.deskRefusal(parsed.value.deskId, 'This balance movement');
  if (deskRefusal) return rejected(deskRefusal);
  if (parsed.value.staffId && !(await ctx.staff()).has(parsed.value.staffId)) {
    return rejected(
      `The balance movement was not saved: the person who made it (staff id ${parsed.value.staffId}) is not on this store's staff`,
    );
  }
  let movement = { ...parsed.value, deskId: device.id };
  const [seen] = await tx.query('SELECT 1 FROM balance_movements WHERE store_id = $1 AND id = $2', [
    device.storeId,
    movement.id,
  ]);
  if (seen) return duplicate('This balance movement is already on the server');
  if (movement.reason === 'reversed' && kindOf(movement.account) === 'gift_card') {
    // The server took back what the refund owed the card when it applied the refund, under this
    // same id (giftCardRefunds.ts): a desk's copy it did not make is one it found nothing for.
    return rejected(
      `Nothing more was taken off ${describeAccount(movement.account)} for this refund: by every desk's movements its value was already spent or taken back, or the refund did not reach it`,
    );
  }
  if (movement.amount < 0) {
    const [row] = await tx.query<{ balance: string | number }>(
      `SELECT COALESCE(SUM(amount), 0) AS balance FROM balance_movements WHERE store_id = $1 AND account = $2`,
      [device.storeId, movement.account],
    );
    const balance = Number(row?.balance ?? 0);
    if (movement.reason === 'reversed') {
      // What a refund takes back (points, a gift card it sold): as much as is left when another
      // desk spent some first; what could not be taken is said on the movement.
      const settled = settleReversal(balance, movement);
      if (!settled.ok) return rejected(settled.reason);
      if (settled.clamped) {
        const short = formatBalance(
          kindOf(movement.account) ?? 'store_credit',
          settled.amount - movement.amount,
          movement.currency ?? DEFAULT_STORE_PROFILE.currency,
        );
        const note = `${movement.note ? `${movement.note}; ` : ''}${short} already spent, not taken back`;
        movement = { ...movement, amount: settled.amount, note: note.slice(0, 200) };
      }
    }
    const verdict = acceptMovement(balance, movement);
    if (!verdict.ok) {
      return rejected(
        `${verdict.reason}: another desk used it first. Nothing was taken from it; the order still owes this amount — take it another way`,
      );
    }
  }
  await tx.query(
    `INSERT INTO balance_movements (store_id, id, account, amount, device_id, data)
     VALUES ($1, $2, $3, $4, $5, $6::jsonb)`,
    [device.storeId, movement.id, movement.account, movement.amount, device.id, JSON.stringify(movement)],
  );
  await log.append('balanceMovements', movement.id, movement);
  return APPLIED;
}
