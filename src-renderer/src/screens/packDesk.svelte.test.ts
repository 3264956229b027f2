// The Pack screen's steps without the DOM: a scan that is not an order barcode, or an order not on
// this desk, is refused with a sentence and the error tone; an order barcode routes to the order,
// and following the route opens it at this bench (claiming it: processing → packaging); an order
// with nothing to pack is refused and the route goes back to the queue; the batch takes the queue's
// top orders; a station closing its order leaves its sentence and focuses the queue.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { OrderlineDb } from '$db/database';
import { paidMugOrder } from '$db/testFixtures';
import { writeOrderChange } from '$db/writeOrderChange';
import { Router } from '$lib/router.svelte';
import { PackController, dueBy } from './packDesk.svelte';

const who = { deskId: 'D1', staffName: 'Sam Seller' };
let db: OrderlineDb;
let tones: string[];
let focused: number;
let atStation: string[];
let router: Router;
let pack: PackController;
beforeEach(async () => {
  db = new OrderlineDb(`test-${crypto.randomUUID()}`);
  tones = [];
  focused = 0;
  atStation = [];
  router = new Router({ hash: '#/pack' });
  pack = new PackController(db, router, (kind) => tones.push(kind));
  await pack.start({
    scanAtStation: (code) => {
      atStation.push(code);
      return true;
    },
    focusQueue: () => focused++,
  });
});
afterEach(async () => {
  pack.stop();
  await db.delete();
});

describe('the Pack screen', () => {
  it('refuses a scan that is not an order barcode, and an order not on this desk', async () => {
    await pack.scan('5012345678900');
    expect(pack.notice).toEqual({
      kind: 'error',
      text: '“5012345678900” is not an order barcode; scan the order barcode on the receipt or packing slip (like D1-000042)',
    });
    await pack.scan('D9-000999');
    expect(pack.notice?.text).toBe('No order D9-000999 on this desk; check the number or sync first');
    expect(tones).toEqual(['error', 'error']);
    expect(router.route).toEqual({ screen: 'pack', id: null });
  });

  it('opens a scanned order at this bench, claiming it, and hands later scans to its station', async () => {
    const paid = await paidMugOrder(db, who, { quantity: 2 });
    expect(paid.status).toBe('processing');
    await pack.scan(paid.number);
    expect(router.route).toEqual({ screen: 'pack', id: paid.id });

    pack.follow(router.route.id);
    await vi.waitFor(() => expect(pack.opened?.order.id).toBe(paid.id));
    expect(pack.opening).toBe(false);
    expect(pack.opened?.order.status).toBe('packaging');
    expect((await db.orders.get(paid.id))?.status).toBe('packaging');
    expect(pack.opened?.lines.map((l) => [l.sku, l.quantity, l.verified ?? 0])).toEqual([['MUG-BLUE', 2, 0]]);

    await pack.scan('5012345678900');
    expect(atStation).toEqual(['5012345678900']);
    expect(tones).toEqual([]);

    pack.closed('Order put back in the queue.');
    expect(pack.opened).toBeNull();
    expect(pack.notice).toEqual({ kind: 'ok', text: 'Order put back in the queue.' });
    expect(router.route.id).toBeNull();
    expect(focused).toBe(1);
  });

  it('refuses an order with nothing to pack and goes back to the queue', async () => {
    const paid = await paidMugOrder(db, who);
    await writeOrderChange(
      db,
      { orderId: paid.id, event: { type: 'order.hold', reason: 'Address check' } },
      who,
    );
    router.go('pack', paid.id);
    await pack.open(paid.id);
    expect(pack.opened).toBeNull();
    expect(pack.notice).toEqual({
      kind: 'error',
      text: `Order ${paid.number} is on hold; there is nothing to pack`,
    });
    expect(router.route.id).toBeNull();
    expect(tones).toEqual(['error']);
  });

  it('counts the stages, queues ready orders and takes the top ones for the batch pick list', async () => {
    const first = await paidMugOrder(db, who);
    const second = await paidMugOrder(db, who, { quantity: 3 });
    pack.arrange();
    await vi.waitFor(() => expect(pack.shown).toBe(2));
    await vi.waitFor(() => expect(pack.ready).toBe(2));
    expect(pack.filtered).toBe(false);

    await pack.showBatch();
    expect(pack.batch?.orders.map((o) => o.id).sort()).toEqual([first.id, second.id].sort());
    expect(pack.batch?.variants).toHaveLength(1);

    pack.channel = 'counter';
    pack.arrange();
    await vi.waitFor(() => expect(pack.shown).toBe(0));
    expect(pack.filtered).toBe(true);
    expect(pack.ready).toBe(2);
  });

  it('turns a ship-by choice into the last date it keeps', () => {
    expect(dueBy('', '2026-12-07')).toBeUndefined();
    expect(dueBy('overdue', '2026-12-07')).toBe('2026-12-06');
    expect(dueBy('today', '2026-12-07')).toBe('2026-12-07');
    expect(dueBy('tomorrow', '2026-12-07')).toBe('2026-12-08');
    expect(dueBy('tomorrow', '2026-12-11')).toBe('2026-12-14');
  });
});
