// The pack station: every unit of an order is scanned into the parcel before it can close. A wrong,
// extra, unknown or misread scan changes nothing and says why; short parcels close only by a split
// with a reason or by a manager's recorded override. An order opens where it was left: at the counts
// stored scan by scan, or packed, with its parcel, when it already is.
import { and, assign, setup } from 'xstate';
import { caseCodeItem, sameGtin } from '../src-shared/gtin';
import { classifyScan } from '../src-shared/scanDetector';

export type PackOrderLine = {
  variantId: string;
  /** The GTIN printed on the item (EAN-13, UPC-A or EAN-8). */
  barcode: string;
  /** Also accepted as a scan: shelf labels and our own Code 128 labels carry the SKU. */
  sku: string;
  name?: string;
  quantity: number;
  /** GTIN-14 case codes the catalogue gives this item, each with how many units its pack holds. */
  caseCodes?: readonly { code: string; quantity: number }[];
  /** Units already scanned into the parcel (stored per scan), when the order is resumed. */
  verified?: number;
};

export type PackLine = PackOrderLine & { verified: number };

/** What the catalogue says about a code that is in no line of the order: a product, or nothing. */
export type CatalogueHit = { sku: string; name?: string } | null;

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
  | {
      type: 'pack.open';
      orderId: string;
      orderNumber: string;
      lines: PackOrderLine[];
      /** The order is packed already (its parcel stands, not yet shipped): it opens packed. */
      packed?: PackOutcome;
    }
  /** `catalogue`: the screen's look-up of a code in no line (undefined when it did not look). */
  | { type: 'pack.scan'; code: string; catalogue?: CatalogueHit }
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

export type ScanVerdict = { ok: true; index: number; count: number } | { ok: false; message: string };

/** The line a code names, and how many units one scan of it is (a case code counts its pack). */
function lineOf(lines: readonly PackOrderLine[], code: string, product: string) {
  const index = lines.findIndex(
    (line) => line.barcode === product || sameGtin(line.barcode, product) || line.sku === code.toUpperCase(),
  );
  if (index >= 0) return { index, pack: 1 };
  for (const [i, line] of lines.entries()) {
    const found = line.caseCodes?.find((c) => sameGtin(c.code, code));
    if (found) return { index: i, pack: found.quantity };
  }
  return null;
}

/** Judges a scan against the open order: which line it counts towards, or why it does not count. */
export function judgeScan(context: PackStationContext, raw: string, catalogue?: CatalogueHit): ScanVerdict {
  const code = raw.trim();
  const scanned = classifyScan(code);
  // A weighed or priced item carries its weight or price in the barcode; the catalog has the base code.
  const product = scanned.kind === 'measured' ? scanned.baseCode : code;
  const found = lineOf(context.lines, code, product);
  if (found) {
    const { index, pack } = found;
    const line = context.lines[index]!;
    const left = line.quantity - line.verified;
    const count = (context.pendingQuantity ?? 1) * pack;
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
  const caseOf = caseCodeItem(code);
  if (caseOf) {
    const item = context.lines.find((line) => sameGtin(line.barcode, caseOf.itemKey));
    if (item) {
      return {
        ok: false,
        message: `${code} is a case of ${label(item)}, but the catalogue does not say how many it holds; scan the items one by one, or add the case code to the product`,
      };
    }
  }
  if (catalogue === null && ['product', 'measured', 'sku'].includes(scanned.kind)) {
    return {
      ok: false,
      message: `No product has the ${scanned.kind === 'sku' ? 'SKU' : 'barcode'} ${code}; check the label, or scan the product’s own barcode`,
    };
  }
  if (catalogue) {
    const what = catalogue.name ? `${catalogue.sku} (${catalogue.name})` : catalogue.sku;
    return {
      ok: false,
      message: `Wrong item: ${code} is ${what}, not in order ${context.orderNumber}; put it back`,
    };
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
  const over = event.lines.find(
    (line) =>
      line.verified !== undefined &&
      (!Number.isInteger(line.verified) || line.verified < 0 || line.verified > line.quantity),
  );
  if (over) {
    return `Line ${over.sku} was stored as ${over.verified} of ${over.quantity} scanned; put the order back in the queue and scan it again`;
  }
  return null;
}

/** The lines of a parcel packed earlier: every unit in it counted as scanned. */
function packedLines(lines: readonly PackOrderLine[], outcome: PackOutcome): PackLine[] {
  const short = new Map(
    (outcome.kind === 'split' ? outcome.backordered : []).map((b) => [b.variantId, b.quantity]),
  );
  return lines.map((line) => ({ ...line, verified: line.quantity - (short.get(line.variantId) ?? 0) }));
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
    opensPacked: ({ event }) => event.type === 'pack.open' && event.packed !== undefined,
    scanCounts: ({ context, event }) =>
      event.type === 'pack.scan' && judgeScan(context, event.code, event.catalogue).ok,
    isOtherOrder: ({ context, event }) => {
      if (event.type !== 'pack.scan') return false;
      const scanned = classifyScan(event.code);
      return scanned.kind === 'order' && scanned.number !== context.orderNumber;
    },
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
      const lines = event.lines.map((line) => ({ ...line, verified: line.verified ?? 0 }));
      const done = verifiedUnits(lines);
      const total = units(lines);
      return {
        ...emptyPackContext(),
        orderId: event.orderId,
        orderNumber: event.orderNumber,
        lines,
        feedback: {
          kind: 'info' as const,
          message:
            done > 0
              ? `Order ${event.orderNumber}: ${done} of ${total} items already scanned; scan the rest`
              : `Order ${event.orderNumber}: scan ${total} item${total === 1 ? '' : 's'}`,
        },
      };
    }),
    openPacked: assign(({ event }) => {
      if (event.type !== 'pack.open' || !event.packed) return {};
      return {
        ...emptyPackContext(),
        orderId: event.orderId,
        orderNumber: event.orderNumber,
        lines: packedLines(event.lines, event.packed),
        outcome: event.packed,
        feedback: {
          kind: 'info' as const,
          message: `Order ${event.orderNumber} is already packed (${event.packed.units} item${event.packed.units === 1 ? '' : 's'}): weigh it, print its label or ship it`,
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
      const verdict = judgeScan(context, event.code, event.catalogue);
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
      const verdict = judgeScan(context, event.code, event.catalogue);
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
      feedback: {
        kind: 'ok' as const,
        message: `Order ${context.orderNumber} packed: weigh it, then print the label`,
      },
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
    // A packed order is never packed twice: an item of it scanned again is one too many.
    refusePackedScan: assign(({ context, event }) => {
      if (event.type !== 'pack.scan') return {};
      const code = event.code.trim();
      const scanned = classifyScan(code);
      const product = scanned.kind === 'measured' ? scanned.baseCode : code;
      const found = lineOf(context.lines, code, product);
      const message = found
        ? `Order ${context.orderNumber} is already packed; ${label(context.lines[found.index]!)} is not packed twice. Scan the next order’s barcode`
        : `Order ${context.orderNumber} is packed; scan the next order’s barcode to pack it`;
      return { feedback: { kind: 'error' as const, message } };
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
        'pack.open': [
          { guard: and(['canOpen', 'opensPacked']), target: 'packed', actions: 'openPacked' },
          { guard: 'canOpen', target: 'packing', actions: 'open' },
          { actions: 'refuseOpen' },
        ],
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
        // The next order can be opened straight from a closed parcel, by its barcode wherever focus is.
        'pack.open': [
          { guard: and(['canOpen', 'opensPacked']), target: 'packed', actions: 'openPacked' },
          { guard: 'canOpen', target: 'packing', actions: 'open' },
          { actions: 'refuseOpen' },
        ],
        'pack.scan': [{ guard: 'isOtherOrder', actions: 'requestOrder' }, { actions: 'refusePackedScan' }],
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
