// The channel a new sale starts as on this desk: its own setting first; unset, a desk that keeps a
// register is a till (counter sales) and any other desk takes phone orders.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OrderlineDb } from '$db/database';
import { openRegister } from '$db/shiftWrites';
import { money } from '$shared/money';
import { channelDefault, chooseChannel, defaultChannel, setDefaultChannel } from './sellDefaults';

let db: OrderlineDb;
beforeEach(() => {
  db = new OrderlineDb(`test-${crypto.randomUUID()}`);
});
afterEach(async () => {
  await db.delete();
});

describe('chooseChannel', () => {
  it.each([
    ['mail', false, { channel: 'mail', reason: 'set' }],
    ['phone', true, { channel: 'phone', reason: 'set' }],
    [undefined, true, { channel: 'counter', reason: 'register' }],
    [undefined, false, { channel: 'phone', reason: 'none' }],
    ['fax', true, { channel: 'counter', reason: 'register' }],
  ] as const)('stored %s, keeps a register %s → %o', (stored, keepsRegister, expected) => {
    expect(chooseChannel(stored, keepsRegister)).toEqual(expected);
  });
});

describe('the desk’s default channel', () => {
  it('is phone on a desk with no setting and no register', async () => {
    expect(await channelDefault(db, 'D1')).toEqual({ channel: 'phone', reason: 'none' });
  });

  it('is counter on an unset desk that has opened its register, and only that desk', async () => {
    await openRegister(db, { deskId: 'D1', staffName: 'Sam' }, money(10_000, 'GBP'));
    expect(await channelDefault(db, 'D1')).toEqual({ channel: 'counter', reason: 'register' });
    expect(await defaultChannel(db, 'D2')).toBe('phone');
  });

  it('is what Settings › Selling saved, whatever the drawer says', async () => {
    await openRegister(db, { deskId: 'D1' }, money(1_000, 'GBP'));
    await setDefaultChannel(db, 'mail');
    expect(await channelDefault(db, 'D1')).toEqual({ channel: 'mail', reason: 'set' });
  });
});
