import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { STOCK_MOVEMENT_KINDS } from './records';
import { applyMovement, available, describeStockSource, foldLedger, stockSources } from './stockLevels';

describe('stock levels from the ledger', () => {
  it('receives, reserves at payment, and ships reserved units out of the building', () => {
    const ledger = [
      { variantId: 'v', kind: 'receive', quantity: 10 },
      { variantId: 'v', kind: 'reserve', quantity: 3 },
      { variantId: 'v', kind: 'ship', quantity: 2 },
      { variantId: 'v', kind: 'release', quantity: 1 },
    ] as const;
    const counts = foldLedger(ledger).get('v');
    expect(counts).toEqual({ onHand: 8, reserved: 0 });
    expect(available(counts!)).toBe(8);
  });

  it('lets a count adjustment take stock down', () => {
    expect(applyMovement({ onHand: 5, reserved: 0 }, { kind: 'adjust', quantity: -2 })).toEqual({
      onHand: 3,
      reserved: 0,
    });
  });

  it('gives the same counts whatever order two desks recorded their movements in', () => {
    const movement = fc.record({
      variantId: fc.constantFrom('a', 'b'),
      kind: fc.constantFrom(...STOCK_MOVEMENT_KINDS),
      quantity: fc.integer({ min: 1, max: 50 }),
    });
    fc.assert(
      fc.property(fc.array(movement, { maxLength: 30 }), (ledger) => {
        const forward = foldLedger(ledger);
        const backward = foldLedger([...ledger].reverse());
        expect(Object.fromEntries(backward)).toEqual(Object.fromEntries(forward));
      }),
    );
  });
});

describe('stock figures that say what they are', () => {
  it('splits a level into what the server confirmed and this desk’s waiting movements', () => {
    const source = stockSources({ onHand: 12, reserved: 3 }, [
      { kind: 'receive', quantity: 5 },
      { kind: 'adjust', quantity: -1 },
      { kind: 'reserve', quantity: 2 },
    ]);
    expect(source).toEqual({
      total: { onHand: 12, reserved: 3 },
      synced: { onHand: 8, reserved: 1 },
      pending: { onHand: 4, reserved: 2 },
    });
    expect(describeStockSource(source)).toBe(
      '8 synced + 4 from this desk + 2 reserved here, waiting to sync',
    );
  });

  it('says nothing extra when nothing is waiting, and a minus when the desk took stock away', () => {
    expect(describeStockSource(stockSources({ onHand: 7, reserved: 0 }, []))).toBeNull();
    expect(
      describeStockSource(stockSources({ onHand: 7, reserved: 0 }, [{ kind: 'adjust', quantity: -2 }])),
    ).toBe('9 synced − 2 from this desk, waiting to sync');
  });
});
