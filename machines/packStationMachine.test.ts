import { getShortestPaths } from '@xstate/graph';
import { describe, expect, it } from 'vitest';
import { getInitialSnapshot, getNextSnapshot, type SnapshotFrom } from 'xstate';
import { withCheckDigit } from '../src-shared/barcodes';
import {
  allVerified,
  packStationMachine,
  type PackOrderLine,
  type PackStationEvent,
} from './packStationMachine';

type Snapshot = SnapshotFrom<typeof packStationMachine>;

const TEE = withCheckDigit('501234567890'); // EAN-13
const MUG = withCheckDigit('03600029145'); // UPC-A, also scanned as EAN-13 with a leading 0
const CAP = withCheckDigit('400638133393');
const STRANGER = withCheckDigit('871234567890'); // a good GTIN that is not in the order

const LINES: PackOrderLine[] = [
  { variantId: 'v-tee', barcode: TEE, sku: 'TSH-RED-M', name: 'T-shirt red M', quantity: 2 },
  { variantId: 'v-mug', barcode: MUG, sku: 'MUG-1', quantity: 1 },
  { variantId: 'v-cap', barcode: CAP, sku: 'CAP-1', quantity: 12 },
];

const open = (lines: PackOrderLine[] = LINES): Extract<PackStationEvent, { type: 'pack.open' }> => ({
  type: 'pack.open',
  orderId: 'o-42',
  orderNumber: 'D1-000042',
  lines,
});
const scan = (code: string): PackStationEvent => ({ type: 'pack.scan', code });

function run(events: PackStationEvent[], from: Snapshot = getInitialSnapshot(packStationMachine)): Snapshot {
  return events.reduce((snapshot, event) => getNextSnapshot(packStationMachine, snapshot, event), from);
}
const counts = (snapshot: Snapshot) => snapshot.context.lines.map((line) => line.verified);
const opened = () => run([open()]);

describe('pack station: scans', () => {
  it('opens an order with nothing verified and says how many items to scan', () => {
    const snapshot = opened();
    expect(snapshot.value).toBe('packing');
    expect(counts(snapshot)).toEqual([0, 0, 0]);
    expect(snapshot.context.feedback).toEqual({ kind: 'info', message: 'Order D1-000042: scan 15 items' });
  });

  it.each([
    ['the item’s EAN-13', TEE, [1, 0, 0]],
    ['a UPC-A read as EAN-13 with its leading zero', `0${MUG}`, [0, 1, 0]],
    ['the SKU from a Code 128 label', 'TSH-RED-M', [1, 0, 0]],
    ['the SKU in lower case, typed', 'tsh-red-m', [1, 0, 0]],
  ])('counts a right scan of %s with ok feedback', (_, code, expected) => {
    const snapshot = run([scan(code)], opened());
    expect(counts(snapshot)).toEqual(expected);
    expect(snapshot.context.feedback.kind).toBe('ok');
  });

  it.each([
    ['a wrong item', [scan(STRANGER)], `Wrong item: ${STRANGER} is not in order D1-000042; put it back`],
    [
      'an item already complete',
      [scan(MUG), scan(MUG)],
      'MUG-1 is already complete (1 of 1); this one is extra, take it out',
    ],
    [
      'an unknown barcode',
      [scan('?? smudge')],
      'Unknown barcode “?? smudge”; scan the product’s own barcode',
    ],
    [
      'a bad check digit',
      [scan('4006381333932')],
      'Barcode 4006381333932 has a wrong check digit (expected 1); scan it again',
    ],
    [
      'a tracking number',
      [scan('1Z999AA10123456784')],
      'That is a tracking number; scan it when shipping, after the parcel is packed',
    ],
    [
      'another order’s barcode',
      [scan('D1-000043')],
      'That is order D1-000043; finish or reset D1-000042 first',
    ],
  ])('refuses %s with error feedback and leaves the counts alone', (_, events, message) => {
    const before = run(events.slice(0, -1), opened());
    const after = run(events.slice(-1), before);
    expect(after.context.feedback).toEqual({ kind: 'error', message });
    expect(counts(after)).toEqual(counts(before));
    expect(after.value).toBe('packing');
  });

  it('counts a weighed item by its base code, whatever weight its label carries', () => {
    const cheese = {
      variantId: 'v-cheese',
      barcode: withCheckDigit('230004200000'),
      sku: 'CHEESE',
      quantity: 1,
    };
    const snapshot = run([open([cheese]), scan(withCheckDigit('230004201250'))]);
    expect(snapshot.context.lines[0]!.verified).toBe(1);
    expect(snapshot.context.feedback.kind).toBe('ok');
  });

  it('counts many at once with the quantity key, then goes back to one a scan', () => {
    const snapshot = run([{ type: 'pack.setQuantity', n: 10 }, scan(CAP), scan(CAP)], opened());
    expect(counts(snapshot)).toEqual([0, 0, 11]);
    expect(snapshot.context.pendingQuantity).toBeNull();
  });

  it('refuses a quantity above what is left, and drops it so it never lands on another item', () => {
    const snapshot = run([{ type: 'pack.setQuantity', n: 3 }, scan(TEE)], opened());
    expect(snapshot.context.feedback.message).toBe(
      'Only 2 more of TSH-RED-M (T-shirt red M) are needed, not 3; count again and scan',
    );
    expect(counts(snapshot)).toEqual([0, 0, 0]);
    expect(run([scan(MUG)], snapshot).context.lines[1]!.verified).toBe(1);
  });

  it.each([0, -2, 1.5, 10000])('refuses %s as a quantity', (n) => {
    const snapshot = run([{ type: 'pack.setQuantity', n }], opened());
    expect(snapshot.context.feedback.kind).toBe('error');
    expect(snapshot.context.pendingQuantity).toBeNull();
  });

  it('asks for an order barcode when idle, and asks the screen to load one when scanned', () => {
    expect(run([scan(TEE)]).context.feedback.kind).toBe('error');
    const requested = run([scan('D1-000042')]);
    expect(requested.value).toBe('idle');
    expect(requested.context.requestedOrderNumber).toBe('D1-000042');
  });
});

const ALL_SCANS = [scan(TEE), scan(TEE), scan(MUG), { type: 'pack.setQuantity', n: 12 } as const, scan(CAP)];

describe('pack station: closing the parcel', () => {
  it('closes only when every unit is verified', () => {
    const short = run([scan(TEE), { type: 'pack.complete' }], opened());
    expect(short.value).toBe('packing');
    expect(short.context.feedback.message).toBe(
      'Not every item is verified: TSH-RED-M (T-shirt red M) (1 of 2), MUG-1 (0 of 1), CAP-1 (0 of 12). Scan them, split the shipment, or ask a manager to override',
    );
    const done = run([...ALL_SCANS, { type: 'pack.complete' }], opened());
    expect(done.value).toBe('packed');
    expect(done.context.outcome).toEqual({ kind: 'complete', units: 15 });
  });

  it('splits with a reason: ships the verified units and backorders the rest', () => {
    const snapshot = run(
      [scan(TEE), scan(MUG), { type: 'pack.split', reason: ' bin A-03-2 empty ' }],
      opened(),
    );
    expect(snapshot.value).toBe('packed');
    expect(snapshot.context.outcome).toEqual({
      kind: 'split',
      reason: 'bin A-03-2 empty',
      units: 2,
      backordered: [
        { variantId: 'v-tee', sku: 'TSH-RED-M', quantity: 1 },
        { variantId: 'v-cap', sku: 'CAP-1', quantity: 12 },
      ],
    });
  });

  it.each([
    ['without a reason', [scan(TEE), { type: 'pack.split', reason: '  ' }], /Give a reason/],
    ['with nothing verified', [{ type: 'pack.split', reason: 'out of stock' }], /Nothing is verified/],
    [
      'when everything is verified',
      [...ALL_SCANS, { type: 'pack.split', reason: 'x' }],
      /close the parcel instead/,
    ],
  ] as [string, PackStationEvent[], RegExp][])('refuses a split %s', (_, events, message) => {
    const snapshot = run(events, opened());
    expect(snapshot.value).toBe('packing');
    expect(snapshot.context.feedback).toEqual({ kind: 'error', message: expect.stringMatching(message) });
  });

  it('closes an unverified parcel on override only with the approving staff id recorded', () => {
    const refused = run([{ type: 'pack.override', approvedBy: ' ' }], opened());
    expect(refused.value).toBe('packing');
    expect(refused.context.feedback.kind).toBe('error');
    const approved = run(
      [scan(TEE), { type: 'pack.override', approvedBy: 'staff-7', reason: 'label damaged' }],
      opened(),
    );
    expect(approved.value).toBe('packed');
    expect(approved.context.outcome).toMatchObject({
      kind: 'override',
      approvedBy: 'staff-7',
      reason: 'label damaged',
      units: 15,
      unverified: [
        { variantId: 'v-tee', sku: 'TSH-RED-M', quantity: 1 },
        { variantId: 'v-mug', sku: 'MUG-1', quantity: 1 },
        { variantId: 'v-cap', sku: 'CAP-1', quantity: 12 },
      ],
    });
  });

  it('refuses scans into a closed parcel, opens the next order from it, and resets from anywhere', () => {
    const packed = run([...ALL_SCANS, { type: 'pack.complete' }], opened());
    const scanned = run([scan(TEE)], packed);
    expect(scanned.context.feedback).toEqual({
      kind: 'error',
      message:
        'Order D1-000042 is already packed; TSH-RED-M (T-shirt red M) is not packed twice. Scan the next order’s barcode',
    });
    expect(scanned.context.outcome).toEqual(packed.context.outcome);
    const next = run([open([{ ...LINES[1]! }])], packed);
    expect(next.value).toBe('packing');
    expect(next.context.outcome).toBeNull();
    expect(run([{ type: 'pack.reset' }], opened()).context).toEqual(
      getInitialSnapshot(packStationMachine).context,
    );
  });

  it('refuses to open a second order over one being packed, and an order with no lines', () => {
    const second = run([scan(TEE), { ...open(), orderNumber: 'D1-000043' } as PackStationEvent], opened());
    expect(second.context.orderNumber).toBe('D1-000042');
    expect(counts(second)).toEqual([1, 0, 0]);
    expect(second.context.feedback.message).toMatch(/D1-000042 is still open/);
    expect(run([open([])]).value).toBe('idle');
  });
});

describe('pack station: one parcel per order, resumed where it was left', () => {
  it('resumes at the counts stored scan by scan, and counts on from there', () => {
    const resumed = run([open(LINES.map((line, i) => ({ ...line, verified: [2, 0, 5][i] })))]);
    expect(resumed.value).toBe('packing');
    expect(counts(resumed)).toEqual([2, 0, 5]);
    expect(resumed.context.feedback.message).toBe(
      'Order D1-000042: 7 of 15 items already scanned; scan the rest',
    );
    expect(counts(run([scan(MUG)], resumed))).toEqual([2, 1, 5]);
    expect(run([scan(TEE)], resumed).context.feedback.message).toMatch(/already complete \(2 of 2\)/);
  });

  it('refuses stored counts that cannot be right', () => {
    const bad = run([open([{ ...LINES[0]!, verified: 3 }])]);
    expect(bad.value).toBe('idle');
    expect(bad.context.feedback.message).toMatch(/stored as 3 of 2 scanned/);
  });

  it('opens an order packed earlier as packed, with its parcel, and never counts its items again', () => {
    const outcome = { kind: 'complete' as const, units: 15 };
    const packed = run([{ ...open(), packed: outcome }]);
    expect(packed.value).toBe('packed');
    expect(packed.context.outcome).toEqual(outcome);
    expect(counts(packed)).toEqual([2, 1, 12]);
    const again = run([scan(MUG), { type: 'pack.complete' }], packed);
    expect(again.value).toBe('packed');
    expect(again.context.outcome).toEqual(outcome);
    expect(counts(again)).toEqual([2, 1, 12]);
    expect(again.context.feedback.kind).toBe('error');
  });

  it('opens a split parcel packed earlier with only the units it holds', () => {
    const outcome = {
      kind: 'split' as const,
      reason: 'out of stock',
      units: 14,
      backordered: [{ variantId: 'v-cap', sku: 'CAP-1', quantity: 1 }],
    };
    expect(counts(run([{ ...open(), packed: outcome }]))).toEqual([2, 1, 11]);
  });

  it('asks the screen for another order scanned from a packed parcel, wherever the scan came from', () => {
    const packed = run([...ALL_SCANS, { type: 'pack.complete' }], opened());
    const next = run([scan('D1-000043')], packed);
    expect(next.value).toBe('packed');
    expect(next.context.requestedOrderNumber).toBe('D1-000043');
    expect(next.context.feedback).toEqual({ kind: 'info', message: 'Opening order D1-000043…' });
    expect(run([scan('D1-000042')], packed).context.requestedOrderNumber).toBeNull();
  });
});

describe('pack station: what the catalogue says about a code', () => {
  const CASE_OF_6 = withCheckDigit(`1${TEE.slice(0, 12)}`);
  it('counts a case code as the pack quantity the catalogue gives it', () => {
    const lines = [{ ...LINES[0]!, quantity: 12, caseCodes: [{ code: CASE_OF_6, quantity: 6 }] }];
    const snapshot = run([open(lines), scan(CASE_OF_6)]);
    expect(counts(snapshot)).toEqual([6]);
    expect(counts(run([scan(CASE_OF_6), scan(CASE_OF_6)], snapshot))).toEqual([12]);
  });

  it('says so when a case code has no pack quantity in the catalogue', () => {
    const snapshot = run([scan(CASE_OF_6)], opened());
    expect(counts(snapshot)).toEqual([0, 0, 0]);
    expect(snapshot.context.feedback.message).toBe(
      `${CASE_OF_6} is a case of TSH-RED-M (T-shirt red M), but the catalogue does not say how many it holds; scan the items one by one, or add the case code to the product`,
    );
  });

  it('says no product has a barcode the catalogue does not know, and names a wrong item it does', () => {
    const unknown = run([{ type: 'pack.scan', code: STRANGER, catalogue: null }], opened());
    expect(unknown.context.feedback.message).toBe(
      `No product has the barcode ${STRANGER}; check the label, or scan the product’s own barcode`,
    );
    const wrong = run(
      [{ type: 'pack.scan', code: STRANGER, catalogue: { sku: 'BAG-1', name: 'Tote bag' } }],
      opened(),
    );
    expect(wrong.context.feedback.message).toBe(
      `Wrong item: ${STRANGER} is BAG-1 (Tote bag), not in order D1-000042; put it back`,
    );
  });
});

describe('pack station: weight and size', () => {
  it('records the parcel’s weight and size while packing or once closed', () => {
    const weighed = run([{ type: 'pack.weigh', weightGrams: 1250 }], opened());
    expect(weighed.context.parcel).toEqual({ weightGrams: 1250 });
    const packed = run([...ALL_SCANS, { type: 'pack.complete' }], opened());
    const measured = run(
      [{ type: 'pack.weigh', weightGrams: 900, dimensionsMm: { length: 300, width: 200, height: 100 } }],
      packed,
    );
    expect(measured.value).toBe('packed');
    expect(measured.context.parcel).toEqual({
      weightGrams: 900,
      dimensionsMm: { length: 300, width: 200, height: 100 },
    });
  });

  it.each([
    [{ weightGrams: 0 }, /Weight 0 g is not a parcel weight/],
    [{ weightGrams: 12.5 }, /whole grams/],
    [{ weightGrams: 70_001 }, /1 g to 70 kg/],
    [{ weightGrams: 500, dimensionsMm: { length: 3001, width: 200, height: 100 } }, /1 to 3000 mm/],
    [{ weightGrams: 500, dimensionsMm: { length: 300, width: 0, height: 100 } }, /Size 300 x 0 x 100 mm/],
  ])('refuses %o and keeps the last good measure', (measure, message) => {
    const before = run([{ type: 'pack.weigh', weightGrams: 1000 }], opened());
    const after = run([{ type: 'pack.weigh', ...measure }], before);
    expect(after.context.parcel).toEqual({ weightGrams: 1000 });
    expect(after.context.feedback).toEqual({ kind: 'error', message: expect.stringMatching(message) });
  });
});

describe('pack station, walked as a graph', () => {
  // Scans and commands that matter in every state; the graph joins states with the same context.
  const events = (snapshot: Snapshot): PackStationEvent[] => [
    open([LINES[0]!, LINES[1]!]),
    scan(TEE),
    scan(MUG),
    scan(STRANGER),
    scan('4006381333932'),
    { type: 'pack.setQuantity', n: 2 },
    { type: 'pack.complete' },
    { type: 'pack.split', reason: 'short' },
    ...(snapshot.value === 'packing' ? [{ type: 'pack.override', approvedBy: 'staff-7' } as const] : []),
    { type: 'pack.reset' },
  ];
  const paths = getShortestPaths(packStationMachine, { events });

  it('reaches packed by a complete, a split and an override', () => {
    const kinds = new Set(paths.map((path) => path.state.context.outcome?.kind).filter(Boolean));
    expect([...kinds].sort()).toEqual(['complete', 'override', 'split']);
  });

  it('never counts past an ordered quantity, and closes as complete only when all is verified', () => {
    for (const path of paths) {
      const { context, value } = path.state;
      for (const line of context.lines) expect(line.verified).toBeLessThanOrEqual(line.quantity);
      if (context.outcome?.kind === 'complete') expect(allVerified(context.lines)).toBe(true);
      if (value === 'packed') expect(context.outcome).not.toBeNull();
      if (context.outcome?.kind === 'split') expect(context.outcome.reason).not.toBe('');
    }
  });
});
