// The order machine's pure step and fold, and the demo generator, timed without a database:
// the server judges every pushed event with nextOrderState, so its cost bounds sync throughput.
import { createActor } from 'xstate';
import { foldOrderEvents, nextOrderState, orderMachine, type OrderState } from '$machines/orderMachine';
import { parseOrderEvent } from '$machines/orderEvents';
import { sample } from '$machines/orderSampleEvents';
import { generateStore, type StoreSize } from '../../src-renderer/src/demo/generateStore';
import type { BenchCase } from './benchCase';

/** An order's whole life in 12 events: a cart of three lines, paid, packed, shipped in two parcels, delivered. */
export const TWELVE_EVENTS: readonly unknown[] = [
  sample.addItem(1, 1, 1000),
  sample.addItem(2, 1, 2500),
  sample.addItem(3, 3, 500),
  sample.setQuantity(2, 2),
  sample.checkout(7500),
  sample.capture(1, 7500),
  sample.receipt(),
  sample.reserve(),
  sample.pack(),
  sample.dispatch(3),
  sample.dispatch(3, '1Z999AA10123456785'),
  sample.deliver(),
];

function fold(events: readonly unknown[]): OrderState {
  const result = foldOrderEvents(events);
  if (!result.ok) throw new Error(`The benchmark's sample order no longer folds: ${result.reason}`);
  return result.state;
}

/** A live XState actor per order, each event parsed first as nextOrderState does. */
function actorReplay(events: readonly unknown[]): OrderState {
  const actor = createActor(orderMachine).start();
  for (const event of events) {
    const parsed = parseOrderEvent(event);
    if (!parsed.ok) throw new Error(parsed.reason);
    actor.send(parsed.event);
  }
  const snapshot = actor.getSnapshot();
  actor.stop();
  return { status: snapshot.value, context: snapshot.context };
}

const sameState = (a: OrderState, b: OrderState) => JSON.stringify(a) === JSON.stringify(b);

export function machineCases(): BenchCase[] {
  const last = TWELVE_EVENTS.length - 1;
  const before = fold(TWELVE_EVENTS.slice(0, last));
  const newest = TWELVE_EVENTS[last];
  return [
    {
      name: 'nextOrderState, one event',
      run: () => {
        for (let k = 0; k < 200; k++) nextOrderState(before, newest);
      },
      batch: 200,
      throughput: { unit: 'events/s', perOp: 1 },
      baseline: {
        name: 're-fold the whole log',
        run: () => {
          for (let k = 0; k < 20; k++) foldOrderEvents(TWELVE_EVENTS);
        },
        batch: 20,
      },
      check: () => {
        const step = nextOrderState(before, newest);
        if (!step.ok || !sameState(step.state, fold(TWELVE_EVENTS)))
          throw new Error('Stepping the last event and re-folding the whole order end in different states.');
      },
      target: '< 1 ms per event',
    },
    {
      name: `foldOrderEvents, ${TWELVE_EVENTS.length}-event order`,
      run: () => {
        for (let k = 0; k < 20; k++) foldOrderEvents(TWELVE_EVENTS);
      },
      batch: 20,
      throughput: { unit: 'events/s', perOp: TWELVE_EVENTS.length },
      baseline: {
        name: 'XState actor replay',
        run: () => {
          for (let k = 0; k < 20; k++) actorReplay(TWELVE_EVENTS);
        },
        batch: 20,
      },
      check: () => {
        if (!sameState(actorReplay(TWELVE_EVENTS), fold(TWELVE_EVENTS)))
          throw new Error(
            'foldOrderEvents and a live XState actor end the sample order in different states.',
          );
      },
      target: '< 5 ms per order',
    },
  ];
}

/** Whole-store generation in rows per second; there is no naive twin, so no baseline. */
export function generatorCase(size: StoreSize, seed: number): BenchCase {
  const store = generateStore(size, { seed });
  const rows = Object.values(store).reduce((sum, table: unknown[]) => sum + table.length, 0);
  return {
    name: `generateStore ${size.products} products / ${size.orders} orders`,
    run: () => generateStore(size, { seed }),
    heavy: true,
    throughput: { unit: 'rows/s', perOp: rows },
    target: 'first-run demo (520 products) < 5 s',
  };
}
