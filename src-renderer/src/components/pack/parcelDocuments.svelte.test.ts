// A parcel's documents without the DOM: a weight that does not read is refused with a sentence and
// the error tone; the label waits for the weight (focus sent to the weight box) and, on a desk set to
// print at once, prints by itself the moment the parcel is weighed; a label without a ship-from
// address says why; ZPL saved counts as the label printed, a copy the window refuses says what to do
// instead; the packing slip prints on the paper chosen.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PrintRequest } from '$shared/bridge';
import { newId } from '$shared/ids';
import type { Address, Order, Parcel } from '$shared/records';
import { OrderlineDb } from '$db/database';
import { recordParcel } from '$db/parcelWrites';
import { paidMugOrder } from '$db/testFixtures';
import { writeOrderChange } from '$db/writeOrderChange';
import { saveShipFrom } from '$lib/packBench';
import { ParcelDocumentsDesk } from './parcelDocuments.svelte';

const who = { deskId: 'D1', staffName: 'Sam Seller' };
const address = (name: string): Address => ({
  id: newId(),
  kind: 'shipping',
  name,
  line1: '12 Wharf Road',
  city: 'London',
  postalCode: 'N1 7GR',
  country: 'GB',
});

let db: OrderlineDb;
let printed: PrintRequest[];
let saved: string[];
let tones: string[];
let focused: number;
beforeEach(() => {
  db = new OrderlineDb(`test-${crypto.randomUUID()}`);
  printed = [];
  saved = [];
  tones = [];
  focused = 0;
});
afterEach(async () => {
  await db.delete();
});

async function desk({ autoPrint = false, shipFrom = true, copyRefused = false } = {}) {
  if (shipFrom) await saveShipFrom(db, address('Orderline Demo Store'));
  const paid = await paidMugOrder(db, who, { quantity: 1 });
  const packing = await writeOrderChange(db, { orderId: paid.id, event: { type: 'pack.start' } }, who);
  const order: Order = { ...packing, shippingAddress: address('Ada Customer') };
  const state: { parcel: Parcel } = {
    parcel: await recordParcel(db, {
      orderId: order.id,
      orderNumber: order.number,
      units: 1,
      verified: true,
      deskId: 'D1',
    }),
  };
  const docs = new ParcelDocumentsDesk(
    db,
    {
      print: async (request) => {
        printed.push(request);
        return { ok: true };
      },
      saveFile: async (name) => {
        saved.push(name);
        return true;
      },
    },
    () => ({
      order,
      parcel: state.parcel,
      parcelIndex: 1,
      inParcel: new Map([[order.lines[0]!.variantId, 1]]),
      autoPrint,
    }),
    {
      setParcel: (parcel) => (state.parcel = parcel),
      labelHtml: () => '<p>label</p>',
      customsHtml: () => null,
      slipHtml: (paper) => `<p>slip on ${paper}</p>`,
      tone: (kind) => tones.push(kind),
      focusWeight: () => focused++,
      copy: async () => {
        if (copyRefused) throw new Error('not allowed');
      },
    },
  );
  await docs.load();
  return { docs, state, order };
}

describe('the parcel documents', () => {
  it('refuses a weight that does not read, and prints the label by itself once weighed on a print-at-once desk', async () => {
    const { docs, state, order } = await desk({ autoPrint: true });
    expect(printed).toEqual([]);
    expect(docs.weighed).toBe(false);
    expect(docs.measure).toBe('not weighed');

    docs.weight = 'heavy';
    await docs.saveMeasure();
    expect(docs.measureError?.field).toBe('weight');
    expect(tones).toEqual(['error']);
    expect(state.parcel.weightGrams).toBeFalsy();

    docs.weight = '1.25';
    await docs.saveMeasure();
    expect(docs.measureError).toBeNull();
    expect(state.parcel.weightGrams).toBe(1250);
    expect(docs.weighed).toBe(true);
    expect(printed).toEqual([{ html: '<p>label</p>', pageSize: 'label4x6' }]);
    expect(state.parcel.labelPrintedAt).toBeTruthy();
    expect((await db.parcels.get(state.parcel.id))?.labelPrintedAt).toBe(state.parcel.labelPrintedAt);
    expect(docs.notice).toEqual({ ok: true, text: `Label ${order.number} sent to the printer` });
  });

  it('makes the label wait for the weight, sending the focus to it', async () => {
    const { docs } = await desk();
    await docs.printLabel();
    expect(docs.notice).toEqual({ ok: false, text: 'Weigh the parcel first: its label carries the weight' });
    expect(focused).toBe(1);
    expect(tones).toEqual(['error']);
    expect(printed).toEqual([]);
  });

  it('says why there is no label without a ship-from address', async () => {
    const { docs } = await desk({ shipFrom: false });
    expect(docs.content?.ok).toBe(false);
    docs.weight = '0.5';
    await docs.saveMeasure();
    await docs.printLabel();
    expect(docs.notice?.ok).toBe(false);
    expect(docs.notice?.text).toMatch(/ship-from/i);
    expect(printed).toEqual([]);
  });

  it('saves the ZPL as the label printed, and says what to do when the window may not copy', async () => {
    const { docs, state, order } = await desk({ copyRefused: true });
    docs.weight = '2';
    await docs.saveMeasure();
    expect(docs.zpl?.ok).toBe(true);
    await docs.saveZpl();
    expect(saved).toEqual([`label-${order.number}.zpl`]);
    expect(state.parcel.labelPrintedAt).toBeTruthy();
    expect(docs.notice).toEqual({ ok: true, text: `ZPL for ${order.number} saved` });
    await docs.copyZpl();
    expect(docs.notice).toEqual({ ok: false, text: 'This window may not copy; use “Save ZPL” instead' });
  });

  it('prints the packing slip on the paper chosen', async () => {
    const { docs, order } = await desk();
    docs.paper = 'Letter';
    await docs.printSlip();
    expect(printed).toEqual([{ html: '<p>slip on Letter</p>', pageSize: 'Letter' }]);
    expect(docs.notice).toEqual({ ok: true, text: `Packing slip ${order.number} sent to the printer` });
  });
});
