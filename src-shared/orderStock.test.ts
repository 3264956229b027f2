import { describe, expect, it } from 'vitest';
import { spreadUnits, stockMovementsFor, type StockView } from './orderStock';

const lines = [
  { variantId: 'a', quantity: 2 },
  { variantId: 'b', quantity: 3 },
];
const view = (over: Partial<StockView> = {}): StockView => ({
  lines,
  reserved: false,
  unitsShipped: 0,
  unitsReturned: 0,
  ...over,
});

describe('stock movements an order implies', () => {
  it('reserves every line when stock is reserved', () => {
    expect(stockMovementsFor('stock.reserve', view(), view({ reserved: true }))).toEqual([
      { variantId: 'a', kind: 'reserve', quantity: 2 },
      { variantId: 'b', kind: 'reserve', quantity: 3 },
    ]);
  });

  it('ships a partial shipment from the first lines, and the rest later', () => {
    const first = stockMovementsFor(
      'ship.dispatch',
      view({ reserved: true }),
      view({ reserved: true, unitsShipped: 3 }),
    );
    expect(first).toEqual([
      { variantId: 'a', kind: 'ship', quantity: 2 },
      { variantId: 'b', kind: 'ship', quantity: 1 },
    ]);
    const rest = stockMovementsFor(
      'ship.dispatch',
      view({ reserved: true, unitsShipped: 3 }),
      view({ reserved: true, unitsShipped: 5 }),
    );
    expect(rest).toEqual([{ variantId: 'b', kind: 'ship', quantity: 2 }]);
  });

  it('releases what a cancelled order held', () => {
    expect(stockMovementsFor('order.cancel', view({ reserved: true }), view({ reserved: true }))).toEqual([
      { variantId: 'a', kind: 'release', quantity: 2 },
      { variantId: 'b', kind: 'release', quantity: 3 },
    ]);
  });

  it('takes returned units back on hand', () => {
    expect(
      stockMovementsFor(
        'return.receive',
        view({ unitsShipped: 5 }),
        view({ unitsShipped: 5, unitsReturned: 1 }),
      ),
    ).toEqual([{ variantId: 'a', kind: 'return', quantity: 1 }]);
  });

  it('moves nothing for events that do not touch stock', () => {
    expect(stockMovementsFor('receipt.issue', view(), view())).toEqual([]);
    expect(spreadUnits(lines, 0)).toEqual([]);
  });
});
