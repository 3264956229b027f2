// The pack station: every unit of an order is scanned into the parcel before it can close. A wrong,
// extra, unknown or misread scan changes nothing and says why; short parcels close only by a split
// with a reason or by a manager's recorded override.
import { assign, setup } from 'xstate';
import { classifyScan } from '../src-shared/scanDetector';

export type PackOrderLine = {
  variantId: string;
  /** The GTIN printed on the item (EAN-13, UPC-A or EAN-8). */
  barcode: string;
  /** Also accepted as a scan: shelf labels and our own Code 128 labels carry the SKU. */
  sku: string;
  name?: string;
  quantity: number;
};

export type PackLine = PackOrderLine & { verified: number };

export type PackFeedback = {
  /** ok: green flash and the ok sound; error: red and the error sound; info: neither. */
  kind: 'idle' | 'ok' | 'error' | 'info';
  message: string;
};

export type PackOutcome =
  | { kind: 'complete'; units: number }
  | {
      kind: 'split';
      reason: string;
      /** Units in this parcel (the verified ones). */
      units: number;
      backordered: { variantId: string; sku: string; quantity: number }[];
    }
  | {
      kind: 'override';
      approvedBy: string;
      reason?: string;
      units: number;
      unverified: { variantId: string; sku: string; quantity: number }[];
    };

export type ParcelMeasure = {
  weightGrams: number;
  dimensionsMm?: { length: number; width: number; height: number };
};

export type PackStationContext = {
  orderId: string | null;
  orderNumber: string | null;
  lines: PackLine[];
  /** Set by the quantity key: the next right scan counts this many units. */
  pendingQuantity: number | null;
  feedback: PackFeedback;
  /** An order barcode scanned while idle: the screen loads that order and sends pack.open. */
  requestedOrderNumber: string | null;
  outcome: PackOutcome | null;
  /** Weight and size of the parcel, for the label and the carrier's price. */
  parcel: ParcelMeasure | null;
};

export type PackStationEvent =
  | { type: 'pack.open'; orderId: string; orderNumber: string; lines: PackOrderLine[] }
  | { type: 'pack.scan'; code: string }
  | { type: 'pack.setQuantity'; n: number }
  | { type: 'pack.split'; reason: string }
  | { type: 'pack.complete' }
  | { type: 'pack.override'; approvedBy: string; reason?: string }
  | { type: 'pack.weigh'; weightGrams: number; dimensionsMm?: ParcelMeasure['dimensionsMm'] }
  | { type: 'pack.reset' };

const READY: PackFeedback = { kind: 'idle', message: 'Scan an order barcode to start packing' };

export const emptyPackContext = (): PackStationContext => ({
  orderId: null,
  orderNumber: null,
  lines: [],
  pendingQuantity: null,
  feedback: READY,
  requestedOrderNumber: null,
  outcome: null,
  parcel: null,
});

const label = (line: PackOrderLine) => (line.name ? `${line.sku} (${line.name})` : line.sku);
const units = (lines: readonly PackLine[]) => lines.reduce((sum, line) => sum + line.quantity, 0);
const verifiedUnits = (lines: readonly PackLine[]) => lines.reduce((sum, line) => sum + line.verified, 0);
export const allVerified = (lines: readonly PackLine[]) =>
  lines.length > 0 && lines.every((line) => line.verified >= line.quantity);

// A UPC-A and the same number as EAN-13 with a leading zero are one product.
const sameGtin = (a: string, b: string) =>
  /^\d+$/.test(a) && /^\d+$/.test(b) && a.padStart(14, '0') === b.padStart(14, '0');

export type ScanVerdict = { ok: true; index: number; count: number } | { ok: false; message: string };

/** Judges a scan against the open order: which line it counts towards, or why it does not count. */
export function judgeScan(context: PackStationContext, raw: string): ScanVerdict {
  const code = raw.trim();
  const scanned = classifyScan(code);
  // A weighed or priced item carries its weight or price in the barcode; the catalog has the base code.
  const product = scanned.kind === 'measured' ? scanned.baseCode : code;
  const index = context.lines.findIndex(
    (line) => line.barcode === product || sameGtin(line.barcode, product) || line.sku === code.toUpperCase(),
  );
  if (index >= 0) {
    const line = context.lines[index]!;
    const left = line.quantity - line.verified;
    const count = context.pendingQuantity ?? 1;
    if (left === 0) {
      return {
        ok: false,
        message: `${label(line)} is already complete (${line.quantity} of ${line.quantity}); this one is extra, take it out`,
      };
    }
    if (count > left) {
      return {
        ok: false,
        message: `Only ${left} more of ${label(line)} ${left === 1 ? 'is' : 'are'} needed, not ${count}; count again and scan`,
      };
    }
    return { ok: true, index, count };
  }
  switch (scanned.kind) {
    case 'invalid':
      return { ok: false, message: `${scanned.message}; scan it again` };
    case 'order':
      return {
        ok: false,
        message:
          scanned.number === context.orderNumber
            ? `Order ${scanned.number} is already open; scan its items`
            : `That is order ${scanned.number}; finish or reset ${context.orderNumber} first`,
      };
    case 'tracking':
      return {
        ok: false,
        message: 'That is a tracking number; scan it when shipping, after the parcel is packed',
      };
    case 'product':
    case 'measured':
    case 'sku':
      return {
        ok: false,
        message: `Wrong item: ${code} is not in order ${context.orderNumber}; put it back`,
      };
    default:
      return { ok: false, message: `Unknown barcode “${code}”; scan the product’s own barcode` };
  }
}

/** What is still missing, for messages: "TSH-RED-M (1 of 2), MUG-1 (0 of 1)". */
export function missingList(lines: readonly PackLine[]): string {
  return lines
    .filter((line) => line.verified < line.quantity)
    .map((line) => `${label(line)} (${line.verified} of ${line.quantity})`)
    .join(', ');
}

function openRefusal(event: Extract<PackStationEvent, { type: 'pack.open' }>): string | null {
  if (!event.orderId || !event.orderNumber)
    return 'The order to pack has no id or number; open it from the queue';
  if (event.lines.length === 0) return `Order ${event.orderNumber} has no lines to pack`;
  const bad = event.lines.find((line) => !Number.isInteger(line.quantity) || line.quantity < 1);
  if (bad) return `Line ${bad.sku} has quantity ${bad.quantity}; every line needs at least 1 unit`;
  return null;
}

/**
 * Why a weight or size cannot be right, or null: whole grams and millimetres, within what a carrier
 * takes as one parcel (70 kg, 3 m a side) and what a parcel record holds.
 */
export function measureRefusal(measure: ParcelMeasure): string | null {
  const { weightGrams, dimensionsMm } = measure;
  if (!Number.isInteger(weightGrams) || weightGrams < 1 || weightGrams > 70_000) {
    return `Weight ${weightGrams} g is not a parcel weight; weigh again (1 g to 70 kg, whole grams)`;
  }
  if (dimensionsMm) {
    const sides = [dimensionsMm.length, dimensionsMm.width, dimensionsMm.height];
    if (sides.some((side) => !Number.isInteger(side) || side < 1 || side > 3000)) {
      return `Size ${sides.join(' x ')} mm is not a parcel size; measure again (1 to 3000 mm a side, whole millimetres)`;
    }
  }
  return null;
}

const shortfall = (lines: readonly PackLine[]) =>
  lines
    .filter((line) => line.verified < line.quantity)
    .map((line) => ({ variantId: line.variantId, sku: line.sku, quantity: line.quantity - line.verified }));

export const packStationMachine = setup({
  types: {
    context: {} as PackStationContext,
    events: {} as PackStationEvent,
  },
  guards: {
    canOpen: ({ event }) => event.type === 'pack.open' && openRefusal(event) === null,
    scanCounts: ({ context, event }) => event.type === 'pack.scan' && judgeScan(context, event.code).ok,
    isOrderBarcode: ({ event }) => event.type === 'pack.scan' && classifyScan(event.code).kind === 'order',
    isQuantity: ({ event }) =>
      event.type === 'pack.setQuantity' && Number.isInteger(event.n) && event.n >= 1 && event.n <= 9999,
    everythingVerified: ({ context }) => allVerified(context.lines),
    canSplit: ({ context, event }) =>
      event.type === 'pack.split' &&
      event.reason.trim() !== '' &&
      verifiedUnits(context.lines) > 0 &&
      !allVerified(context.lines),
    canWeigh: ({ event }) => event.type === 'pack.weigh' && measureRefusal(event) === null,
    hasApprover: ({ event }) => event.type === 'pack.override' && event.approvedBy.trim() !== '',
  },
  actions: {
    open: assign(({ event }) => {
      if (event.type !== 'pack.open') return {};
      const lines = event.lines.map((line) => ({ ...line, verified: 0 }));
      return {
        ...emptyPackContext(),
        orderId: event.orderId,
        orderNumber: event.orderNumber,
        lines,
        feedback: {
          kind: 'info' as const,
          message: `Order ${event.orderNumber}: scan ${units(lines)} item${units(lines) === 1 ? '' : 's'}`,
        },
      };
    }),
    refuseOpen: assign(({ context, event }) => {
      if (event.type !== 'pack.open') return {};
      const message =
        context.orderNumber && !context.outcome
          ? `Order ${context.orderNumber} is still open; finish it or reset before opening ${event.orderNumber}`
          : (openRefusal(event) ?? 'This order cannot be opened');
      return { feedback: { kind: 'error' as const, message } };
    }),
    countScan: assign(({ context, event }) => {
      if (event.type !== 'pack.scan') return {};
      const verdict = judgeScan(context, event.code);
      if (!verdict.ok) return {};
      const lines = context.lines.map((line, i) =>
        i === verdict.index ? { ...line, verified: line.verified + verdict.count } : line,
      );
      const line = lines[verdict.index]!;
      const message = allVerified(lines)
        ? `${label(line)} ${line.verified} of ${line.quantity}. All ${units(lines)} items verified: close the parcel`
        : `${label(line)} ${line.verified} of ${line.quantity}`;
      return { lines, pendingQuantity: null, feedback: { kind: 'ok' as const, message } };
    }),
    refuseScan: assign(({ context, event }) => {
      if (event.type !== 'pack.scan') return {};
      const verdict = judgeScan(context, event.code);
      // A refused scan also drops a pending quantity, so "5" is never applied to the wrong item.
      return {
        pendingQuantity: null,
        feedback: { kind: 'error' as const, message: verdict.ok ? 'Scan refused' : verdict.message },
      };
    }),
    requestOrder: assign(({ event }) => {
      if (event.type !== 'pack.scan') return {};
      const scanned = classifyScan(event.code);
      const number = scanned.kind === 'order' ? scanned.number : null;
      return {
        requestedOrderNumber: number,
        feedback: { kind: 'info' as const, message: `Opening order ${number}…` },
      };
    }),
    notAnOrder: assign({
      feedback: { kind: 'error', message: 'Scan an order barcode (like D1-000042) to start packing' },
    }),
    setQuantity: assign(({ event }) => {
      if (event.type !== 'pack.setQuantity') return {};
      return {
        pendingQuantity: event.n,
        feedback: { kind: 'info' as const, message: `Next scan counts ${event.n}` },
      };
    }),
    refuseQuantity: assign(({ event }) => ({
      feedback: {
        kind: 'error' as const,
        message: `${event.type === 'pack.setQuantity' ? event.n : 'That'} is not a quantity; type a whole number from 1 to 9999`,
      },
    })),
    close: assign(({ context }) => ({
      outcome: { kind: 'complete' as const, units: units(context.lines) },
      feedback: { kind: 'ok' as const, message: `Order ${context.orderNumber} packed: print the label` },
    })),
    refuseClose: assign(({ context }) => ({
      feedback: {
        kind: 'error' as const,
        message: `Not every item is verified: ${missingList(context.lines)}. Scan them, split the shipment, or ask a manager to override`,
      },
    })),
    split: assign(({ context, event }) => {
      if (event.type !== 'pack.split') return {};
      const backordered = shortfall(context.lines);
      return {
        outcome: {
          kind: 'split' as const,
          reason: event.reason.trim(),
          units: verifiedUnits(context.lines),
          backordered,
        },
        feedback: {
          kind: 'ok' as const,
          message: `Parcel closed with ${verifiedUnits(context.lines)} items; backordered: ${missingList(context.lines)}`,
        },
      };
    }),
    refuseSplit: assign(({ context, event }) => {
      if (event.type !== 'pack.split') return {};
      const message =
        event.reason.trim() === ''
          ? 'Give a reason for splitting the shipment (e.g. “out of stock in bin”)'
          : allVerified(context.lines)
            ? 'Every item is verified: close the parcel instead of splitting it'
            : 'Nothing is verified yet, so there is nothing to ship; scan what you have, or hold the order';
      return { feedback: { kind: 'error' as const, message } };
    }),
    override: assign(({ context, event }) => {
      if (event.type !== 'pack.override') return {};
      const reason = event.reason?.trim();
      return {
        outcome: {
          kind: 'override' as const,
          approvedBy: event.approvedBy.trim(),
          ...(reason ? { reason } : {}),
          units: units(context.lines),
          unverified: shortfall(context.lines),
        },
        feedback: {
          kind: 'ok' as const,
          message: `Override recorded: ${missingList(context.lines) || 'nothing'} not verified, approved by ${event.approvedBy.trim()}`,
        },
      };
    }),
    refuseOverride: assign({
      feedback: {
        kind: 'error',
        message: 'An override needs a manager’s approval; ask a manager to enter their PIN',
      },
    }),
    weigh: assign(({ event }) => {
      if (event.type !== 'pack.weigh') return {};
      const parcel: ParcelMeasure = {
        weightGrams: event.weightGrams,
        ...(event.dimensionsMm ? { dimensionsMm: { ...event.dimensionsMm } } : {}),
      };
      return { parcel, feedback: { kind: 'info' as const, message: `Parcel weighs ${event.weightGrams} g` } };
    }),
    refuseWeigh: assign(({ event }) => ({
      feedback: {
        kind: 'error' as const,
        message: event.type === 'pack.weigh' ? (measureRefusal(event) ?? 'Weigh again') : 'Weigh again',
      },
    })),
    refuseClosed: assign({
      feedback: { kind: 'error', message: 'This parcel is closed; reset to pack another order' },
    }),
    reset: assign(() => emptyPackContext()),
  },
}).createMachine({
  id: 'packStation',
  context: emptyPackContext,
  initial: 'idle',
  on: { 'pack.reset': { target: '.idle', actions: 'reset' } },
  states: {
    idle: {
      on: {
        'pack.open': [{ guard: 'canOpen', target: 'packing', actions: 'open' }, { actions: 'refuseOpen' }],
        'pack.scan': [{ guard: 'isOrderBarcode', actions: 'requestOrder' }, { actions: 'notAnOrder' }],
      },
    },
    packing: {
      on: {
        'pack.open': { actions: 'refuseOpen' },
        'pack.scan': [{ guard: 'scanCounts', actions: 'countScan' }, { actions: 'refuseScan' }],
        'pack.setQuantity': [{ guard: 'isQuantity', actions: 'setQuantity' }, { actions: 'refuseQuantity' }],
        'pack.weigh': [{ guard: 'canWeigh', actions: 'weigh' }, { actions: 'refuseWeigh' }],
        'pack.complete': [
          { guard: 'everythingVerified', target: 'packed', actions: 'close' },
          { actions: 'refuseClose' },
        ],
        'pack.split': [{ guard: 'canSplit', target: 'packed', actions: 'split' }, { actions: 'refuseSplit' }],
        'pack.override': [
          { guard: 'hasApprover', target: 'packed', actions: 'override' },
          { actions: 'refuseOverride' },
        ],
      },
    },
    packed: {
      on: {
        // The next order can be opened straight from a closed parcel.
        'pack.open': [{ guard: 'canOpen', target: 'packing', actions: 'open' }, { actions: 'refuseOpen' }],
        'pack.scan': { actions: 'refuseClosed' },
        // Parcels are often weighed once closed, on the scale by the label printer.
        'pack.weigh': [{ guard: 'canWeigh', actions: 'weigh' }, { actions: 'refuseWeigh' }],
        'pack.setQuantity': { actions: 'refuseClosed' },
        'pack.complete': { actions: 'refuseClosed' },
        'pack.split': { actions: 'refuseClosed' },
        'pack.override': { actions: 'refuseClosed' },
      },
    },
  },
});
