// A balance movement the server makes itself (a referral reward, what a refund takes back from a
// gift card or a referrer's credit). Its id is derived from what caused it, so a second try, or the
// desk's own copy of the same movement, adds nothing; it is logged for the desks only when new.
import type { BalanceMovement } from '../src-shared/balances';
import type { ChangeLogWriter } from './changeLog';
import type { Sql } from './db';

/** Posts the movement once; true when it was new. */
export async function postServerMovement(
  tx: Sql,
  log: ChangeLogWriter,
  storeId: string,
  deviceId: string,
  movement: BalanceMovement,
): Promise<boolean> {
  const posted = await tx.query(
    `INSERT INTO balance_movements (store_id, id, account, amount, device_id, data)
     VALUES ($1, $2, $3, $4, $5, $6::jsonb)
     ON CONFLICT (store_id, id) DO NOTHING RETURNING 1`,
    [storeId, movement.id, movement.account, movement.amount, deviceId, JSON.stringify(movement)],
  );
  if (posted.length) await log.append('balanceMovements', movement.id, movement);
  return posted.length > 0;
}
