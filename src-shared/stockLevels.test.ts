import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { STOCK_MOVEMENT_KINDS } from './records';
import { applyMovement, available, foldLedger } from './stockLevels';

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
