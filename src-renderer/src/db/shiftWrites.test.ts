// Register shifts as stored: one open shift per desk, cash in and out with reasons, a close that
// wants a reason for any variance, takings recorded into the open shift, and each action audited.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newId } from '$shared/ids';
import { money } from '$shared/money';
import { expectedCash, zReport } from '$shared/registerShift';
import { listAudit } from './auditLog';
import { OrderlineDb } from './database';
import {
  RegisterRefused,
  closeRegister,
  moveRegisterCash,
  openRegister,
  openShiftOf,
  previewVariance,
  recordShiftRefund,
  recordShiftSale,
  registerDesks,
  shiftsOfDay,
  type RegisterActor,
} from './shiftWrites';

let db: OrderlineDb;
beforeEach(() => {
  db = new OrderlineDb(`test-${crypto.randomUUID()}`);
});
afterEach(async () => {
  await db.delete();
});

const gbp = (amount: number) => money(amount, 'GBP');
const sam: RegisterActor = { deskId: 'D1', staffName: 'Sam' };

describe('register shifts on a desk', () => {
  it('opens with a float and refuses a second open shift on the same desk', async () => {
    const shift = await openRegister(db, sam, gbp(10000));
    expect((await openShiftOf(db, 'D1'))?.id).toBe(shift.id);
    expect(await openShiftOf(db, 'D2')).toBeUndefined();
    await expect(openRegister(db, sam, gbp(5000))).rejects.toThrow(/already open/);
    expect(await db.shifts.count()).toBe(1);
  });

  it('moves cash in and out with a reason and refuses taking out more than the drawer holds', async () => {
    await openRegister(db, sam, gbp(10000));
    await moveRegisterCash(db, sam, { kind: 'cash_in', amount: gbp(2000), reason: 'change from the bank' });
    const mia = { staffId: newId(), staffName: 'Mia' };
    const after = await moveRegisterCash(db, sam, {
      kind: 'cash_out',
      amount: gbp(5000),
      reason: 'banking',
      approvedBy: mia,
    });
    expect((await listAudit(db, { kind: 'register' }))[0]).toMatchObject({
      summary: 'Took £50.00 out of the drawer: banking',
      approvedById: mia.staffId,
      approvedByName: 'Mia',
    });
    expect(expectedCash(after)).toEqual(gbp(7000));
    await expect(
      moveRegisterCash(db, sam, { kind: 'cash_out', amount: gbp(8000), reason: 'banking' }),
    ).rejects.toThrow('The drawer should hold only £70.00');
    await expect(
      moveRegisterCash(db, sam, { kind: 'cash_out', amount: gbp(100), reason: '  ' }),
    ).rejects.toThrow(/needs a reason/);
    expect((await openShiftOf(db, 'D1'))?.entries).toHaveLength(2);
  });

  it('refuses cash movements and closing when no register is open', async () => {
    await expect(
      moveRegisterCash(db, sam, { kind: 'cash_in', amount: gbp(100), reason: 'float top-up' }),
    ).rejects.toBeInstanceOf(RegisterRefused);
    await expect(closeRegister(db, sam, { counted: gbp(0) })).rejects.toThrow(/not open/);
  });

  it('records each payment of a sale into the open shift, one sale per order', async () => {
    await openRegister(db, sam, gbp(10000));
    expect(
      await recordShiftSale(db, sam, {
        orderId: 'o1',
        payments: [{ method: 'card_terminal', amount: gbp(1500) }],
      }),
    ).toBe(true);
    await recordShiftSale(db, sam, {
      orderId: 'o1',
      payments: [{ method: 'cash', amount: gbp(1000) }],
      discount: gbp(250),
    });
    const shift = (await openShiftOf(db, 'D1'))!;
    expect(shift.entries).toHaveLength(1);
    expect(expectedCash(shift)).toEqual(gbp(11000));
    const z = zReport([shift], 'D1');
    expect(z.sales).toBe(1);
    expect(z.byMethod.card_terminal).toEqual(gbp(1500));
    expect(z.discounts).toEqual(gbp(250));
  });

  it('says a sale was not counted when no register is open, and writes nothing', async () => {
    expect(
      await recordShiftSale(db, sam, { orderId: 'o1', payments: [{ method: 'cash', amount: gbp(500) }] }),
    ).toBe(false);
    expect(await db.shifts.count()).toBe(0);
  });

  it('takes cash refunds out of the drawer and refuses one the drawer cannot pay', async () => {
    await openRegister(db, sam, gbp(1000));
    const refund = { orderId: 'o1', currency: 'GBP', reason: 'damaged' };
    await recordShiftRefund(db, sam, {
      ...refund,
      parts: [
        { method: 'cash', amount: 400 },
        { method: 'card_terminal', amount: 900 },
      ],
    });
    expect(expectedCash((await openShiftOf(db, 'D1'))!)).toEqual(gbp(600));
    await expect(
      recordShiftRefund(db, sam, { ...refund, parts: [{ method: 'cash', amount: 700 }] }),
    ).rejects.toThrow(/not enough for a £7.00 cash refund/);
    expect((await openShiftOf(db, 'D1'))!.entries).toHaveLength(2);
  });

  it('closes with the count, wanting a reason for a variance, and audits every register action', async () => {
    const opened = await openRegister(db, sam, gbp(10000));
    await recordShiftSale(db, sam, { orderId: 'o1', payments: [{ method: 'cash', amount: gbp(1250) }] });
    await moveRegisterCash(db, sam, { kind: 'cash_out', amount: gbp(2000), reason: 'banking' });
    const open = (await openShiftOf(db, 'D1'))!;
    expect(previewVariance(open, gbp(9200))).toEqual({
      expected: gbp(9250),
      variance: gbp(-50),
      message: 'The drawer is £0.50 short: £92.00 counted, £92.50 expected',
    });

    await expect(closeRegister(db, sam, { counted: gbp(9200) })).rejects.toThrow(
      'The drawer is £0.50 short: £92.00 counted, £92.50 expected. Say why',
    );
    expect(await openShiftOf(db, 'D1')).toBeDefined();

    const { shift, message } = await closeRegister(db, sam, {
      counted: gbp(9200),
      reason: 'change given twice',
    });
    expect(message).toMatch(/£0.50 short/);
    expect(shift.closed).toMatchObject({ variance: gbp(-50), reason: 'change given twice' });
    expect(await openShiftOf(db, 'D1')).toBeUndefined();
    expect((await db.shifts.get(opened.id))?.closed?.counted).toEqual(gbp(9200));

    const audit = await listAudit(db, { kind: 'register' });
    expect(audit.map((a) => a.summary)).toEqual([
      'Closed the register: The drawer is £0.50 short: £92.00 counted, £92.50 expected (change given twice)',
      'Took £20.00 out of the drawer: banking',
      'Opened the register with a float of £100.00',
    ]);
    expect(audit.every((a) => a.deskId === 'D1' && a.staffName === 'Sam')).toBe(true);
  });

  it('closes a balanced drawer without a reason', async () => {
    await openRegister(db, sam, gbp(5000));
    const { message } = await closeRegister(db, sam, { counted: gbp(5000) });
    expect(message).toBe('The drawer balances at £50.00');
  });

  it('lists the shifts a desk opened on a day and the desks that have shifts', async () => {
    const at = (h: number, d = 23) => new Date(2026, 10, d, h).toISOString();
    await openRegister(db, sam, gbp(100), at(9, 22));
    await closeRegister(db, sam, { counted: gbp(100) }, at(17, 22));
    await openRegister(db, sam, gbp(200), at(9));
    await closeRegister(db, sam, { counted: gbp(200) }, at(13));
    await openRegister(db, sam, gbp(300), at(14));
    await openRegister(db, { ...sam, deskId: 'D2' }, gbp(400), at(10));
    expect((await shiftsOfDay(db, 'D1', '2026-11-23')).map((s) => s.float.amount)).toEqual([200, 300]);
    expect((await shiftsOfDay(db, 'D1', '2026-11-22')).map((s) => s.float.amount)).toEqual([100]);
    expect(await registerDesks(db)).toEqual(['D1', 'D2']);
  });
});
