// Price overrides: checked before anyone is asked, a seller's waits for a manager, a packer's is
// refused, and the new price, the event and the audit entry are written together.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { newId } from '$shared/ids';
import { listAudit } from '$db/auditLog';
import { OrderlineDb } from '$db/database';
import { mugCart, staffMember } from '$db/testFixtures';
import { overridePrice } from './priceOverride';
import { DEFAULT_DESK } from './sale';
import { staffSession } from './staffSession.svelte';

let db: OrderlineDb;
const sam = staffMember('Sam Seller', 'seller');
const mia = { staffId: newId(), staffName: 'Mia Manager' };

beforeEach(() => {
  db = new OrderlineDb(`test-${crypto.randomUUID()}`);
});
afterEach(async () => {
  staffSession.current = null;
  await db.delete();
});

describe('overridePrice', () => {
  it('refuses a bad price, a missing reason or the same price before asking anyone', async () => {
    const { order, lineId } = await mugCart(db);
    staffSession.current = sam;
    const ask = vi.fn();
    await expect(overridePrice(db, DEFAULT_DESK, order, lineId, 'ten', 'match', ask)).rejects.toThrow();
    await expect(overridePrice(db, DEFAULT_DESK, order, lineId, '10.00', ' ', ask)).rejects.toThrow(
      'Give a reason, in a few words',
    );
    await expect(overridePrice(db, DEFAULT_DESK, order, lineId, '12.50', 'match', ask)).rejects.toThrow(
      'Blue Mug is already £12.50',
    );
    expect(ask).not.toHaveBeenCalled();
  });

  it('a seller’s override waits for a manager; without one nothing changes', async () => {
    const { order, lineId } = await mugCart(db);
    staffSession.current = sam;
    await expect(
      overridePrice(db, DEFAULT_DESK, order, lineId, '10.00', 'Price match', async () => null),
    ).rejects.toThrow('No manager approved the new price, so nothing was changed.');
    expect((await db.orders.get(order.id))!.lines[0]!.unitPrice.amount).toBe(1250);
    expect(await listAudit(db)).toEqual([]);

    const ask = vi.fn(async () => mia);
    const next = await overridePrice(db, DEFAULT_DESK, order, lineId, '10.00', 'Price match', ask);
    expect(ask).toHaveBeenCalledWith(
      'price_override',
      `Price of Blue Mug on ${order.number} from £12.50 to £10.00: Price match`,
    );
    expect(next.lines[0]!.unitPrice.amount).toBe(1000);
    expect(next.totals.subtotal).toBe(2000);
    const [entry] = await listAudit(db, { kind: 'price_override' });
    expect(entry).toMatchObject({
      staffName: 'Sam Seller',
      approvedByName: 'Mia Manager',
      orderId: order.id,
    });
  });

  it('a manager overrides alone; a packer is refused', async () => {
    const { order, lineId } = await mugCart(db);
    staffSession.current = staffMember('Jo Packer', 'packer');
    await expect(overridePrice(db, DEFAULT_DESK, order, lineId, '10.00', 'match')).rejects.toThrow(
      'A packer cannot override a price; ask a manager or owner',
    );
    staffSession.current = staffMember('Mia Manager', 'manager');
    const ask = vi.fn();
    const next = await overridePrice(db, DEFAULT_DESK, order, lineId, '9.99', 'Damaged box', ask);
    expect(ask).not.toHaveBeenCalled();
    expect(next.lines[0]!.unitPrice.amount).toBe(999);
  });
});
