// A packed parcel's documents at the bench, without the DOM: its weight and size typed and saved
// (refused with a sentence when they do not read as a measure), the 4x6 shipping label printed once
// the parcel is weighed (by itself on a desk set to print at once, with the customs declaration when
// the parcel leaves the customs territory), its ZPL saved or copied, and the packing slip printed.
// ParcelDocuments.svelte draws it, hands over the printable views and moves the focus.
import { tick } from 'svelte';
import type { OrderlineBridge } from '$shared/bridge';
import { customsDeclaration } from '$shared/customsDeclaration';
import { shippingLabelZpl } from '$shared/labelZpl';
import { packingSlipFor, parseMeasure, shippingLabelFor, type ShipFromCheck } from '$shared/packDocuments';
import { DEFAULT_PRINTER_SETUP, zplForDpi } from '$shared/printerSetup';
import type { Order, Parcel, Variant } from '$shared/records';
import type { OrderlineDb } from '$db/database';
import { describeMeasure, loadShipFrom, markLabelPrinted, saveParcelMeasure } from '$lib/packBench';
import { loadPrinterSetup } from '$lib/printerSettings';
import { printHtml } from '$lib/printing';

export type ParcelDocumentsInput = {
  order: Order;
  parcel: Parcel;
  /** 1 for the order's first parcel. */
  parcelIndex: number;
  /** Units per variant in this parcel (a split ships fewer than ordered). */
  inParcel: ReadonlyMap<string, number>;
  /** Print the label as soon as it can be printed (this desk's setting). */
  autoPrint: boolean;
};

/** What the component gives the desk: the parcel written back, the printable views, the tone, the focus. */
export type ParcelDocumentsHooks = {
  /** The parcel as stored after a change (the component's bindable prop). */
  setParcel: (parcel: Parcel) => void;
  /** The label's printable page ('' while it is not drawn). */
  labelHtml: () => string;
  /** The customs declaration's printable page, or null when it is not drawn. */
  customsHtml: () => string | null;
  /** The packing slip's printable page on the paper chosen. */
  slipHtml: (paper: 'A4' | 'Letter') => string;
  tone: (kind: 'ok' | 'error') => void;
  /** The label waits for the weight: the focus goes to the weight box. */
  focusWeight: () => void;
  /** Copies text to the clipboard (rejects when the window may not). */
  copy: (text: string) => Promise<void>;
};

export class ParcelDocumentsDesk {
  readonly #db: OrderlineDb;
  readonly #bridge: Pick<OrderlineBridge, 'print' | 'saveFile'>;
  readonly #input: () => ParcelDocumentsInput;
  readonly #hooks: ParcelDocumentsHooks;

  shipFrom = $state<ShipFromCheck | null>(null);
  weight = $state('');
  length = $state('');
  width = $state('');
  height = $state('');
  measureError = $state<{ field: 'weight' | 'size'; text: string } | null>(null);
  notice = $state<{ ok: boolean; text: string } | null>(null);
  paper = $state<'A4' | 'Letter'>('A4');
  variants = $state.raw<Variant[]>([]);
  /** The desk's label printer (Settings › Printers): which printer, and ZPL at 203 or 300 dpi. */
  printerSetup = $state.raw(DEFAULT_PRINTER_SETUP);

  constructor(
    db: OrderlineDb,
    bridge: Pick<OrderlineBridge, 'print' | 'saveFile'>,
    input: () => ParcelDocumentsInput,
    hooks: ParcelDocumentsHooks,
  ) {
    this.#db = db;
    this.#bridge = bridge;
    this.#input = input;
    this.#hooks = hooks;
  }

  get order(): Order {
    return this.#input().order;
  }
  get parcel(): Parcel {
    return this.#input().parcel;
  }
  get weighed(): boolean {
    return !!this.parcel.weightGrams;
  }
  get measure(): string {
    return describeMeasure(this.parcel);
  }

  // Leaving the customs territory: a CN22/CN23 prints with the label.
  readonly declaration = $derived.by(() => {
    const { order, inParcel } = this.#input();
    return this.shipFrom?.ok
      ? customsDeclaration({
          order,
          fromCountry: this.shipFrom.address.country,
          inParcel,
          variants: this.variants,
        })
      : null;
  });
  readonly content = $derived.by(() => {
    const { order, parcel, parcelIndex } = this.#input();
    return this.shipFrom
      ? shippingLabelFor({
          order,
          parcel,
          shipFrom: this.shipFrom.ok ? this.shipFrom.address : undefined,
          parcelIndex,
          parcelCount: parcelIndex,
        })
      : null;
  });
  readonly dpi = $derived(this.printerSetup.label.format === 'zpl300' ? 300 : 203);
  readonly zpl = $derived.by(() => {
    const made = this.content?.ok ? shippingLabelZpl(this.content.label) : null;
    return made?.ok ? { ...made, zpl: zplForDpi(made.zpl, this.dpi) } : made;
  });
  readonly slip = $derived.by(() => {
    const { order, inParcel } = this.#input();
    return packingSlipFor({
      order,
      shipFrom: this.shipFrom?.ok ? this.shipFrom.address : undefined,
      inParcel,
    });
  });

  #setParcel(parcel: Parcel): void {
    this.#hooks.setParcel(parcel);
  }

  /** Reads the ship-from address, the printers and the order's variants; prints at once when the desk says so. */
  async load(): Promise<void> {
    this.shipFrom = await loadShipFrom(this.#db);
    this.printerSetup = await loadPrinterSetup(this.#db);
    const slipPaper = this.printerSetup.packingSlip.paper;
    if (slipPaper === 'A4' || slipPaper === 'Letter') this.paper = slipPaper;
    const rows = await this.#db.variants.bulkGet(this.order.lines.map((line) => line.variantId));
    this.variants = rows.filter((v): v is Variant => v !== undefined);
    const { autoPrint, parcel } = this.#input();
    if (autoPrint && !!parcel.weightGrams && !parcel.labelPrintedAt) await this.printLabel();
  }

  /** Save weight: the measure typed, stored on the parcel (and the label printed on a print-at-once desk). */
  async saveMeasure(): Promise<void> {
    const { weight, length, width, height } = this;
    const parsed = parseMeasure({ weight, length, width, height });
    if (!parsed.ok) {
      this.measureError = { field: parsed.field, text: parsed.reason };
      this.#hooks.tone('error');
      return;
    }
    this.measureError = null;
    try {
      const parcel = await saveParcelMeasure(this.#db, this.parcel.id, parsed);
      this.#setParcel(parcel);
      this.notice = { ok: true, text: `Parcel weighed: ${describeMeasure(parcel)}` };
      // The desk prints its label by itself: now that the weight is on it.
      if (this.#input().autoPrint && !parcel.labelPrintedAt) await this.printLabel();
    } catch (error) {
      this.notice = { ok: false, text: error instanceof Error ? error.message : String(error) };
    }
  }

  async printLabel(): Promise<void> {
    // The label view redraws with the parcel as stored before it is printed.
    await tick();
    if (!this.parcel.weightGrams) {
      this.notice = { ok: false, text: 'Weigh the parcel first: its label carries the weight' };
      this.#hooks.tone('error');
      this.#hooks.focusWeight();
      return;
    }
    const content = this.content;
    if (!content || !content.ok) {
      this.notice = {
        ok: false,
        text: content && !content.ok ? content.reason : 'The label is still loading',
      };
      this.#hooks.tone('error');
      return;
    }
    const printer = this.printerSetup.label.printer;
    const outcome = await this.#bridge.print({
      html: this.#hooks.labelHtml(),
      pageSize: 'label4x6',
      ...(printer ? { printer } : {}),
    });
    if (!outcome.ok) {
      this.notice = { ok: false, text: outcome.message };
      return;
    }
    this.#setParcel(await markLabelPrinted(this.#db, this.parcel));
    const declaration = this.declaration;
    const customsHtml = declaration ? this.#hooks.customsHtml() : null;
    if (declaration && customsHtml !== null) {
      const { paper: customsPaper, printer: customsPrinter } = this.printerSetup.customs;
      const what = `${declaration.form} ${this.order.number}`;
      const customs = await printHtml(this.#bridge, customsHtml, customsPaper, what, customsPrinter);
      if (customs.kind === 'error') {
        this.notice = { ok: false, text: `Label printed, but not the ${declaration.form}: ${customs.text}` };
        return;
      }
    }
    this.notice = {
      ok: true,
      text: `Label ${content.label.parcelReference}${declaration ? ` and its ${declaration.form}` : ''} sent to the printer`,
    };
  }

  async saveZpl(): Promise<void> {
    const { zpl, content } = this;
    if (!zpl?.ok || !content?.ok) return;
    const saved = await this.#bridge.saveFile(`label-${content.label.parcelReference}.zpl`, zpl.zpl);
    if (saved) {
      this.#setParcel(await markLabelPrinted(this.#db, this.parcel));
      this.notice = { ok: true, text: `ZPL for ${content.label.parcelReference} saved` };
    }
  }

  async copyZpl(): Promise<void> {
    const zpl = this.zpl;
    if (!zpl?.ok) return;
    try {
      await this.#hooks.copy(zpl.zpl);
      this.notice = { ok: true, text: 'ZPL copied: paste it into the label printer’s tool' };
    } catch {
      this.notice = { ok: false, text: 'This window may not copy; use “Save ZPL” instead' };
    }
  }

  async printSlip(): Promise<void> {
    const paper = this.paper;
    const html = this.#hooks.slipHtml(paper);
    const printer = this.printerSetup.packingSlip.printer;
    const outcome = await printHtml(this.#bridge, html, paper, `Packing slip ${this.order.number}`, printer);
    this.notice = { ok: outcome.kind === 'ok', text: outcome.text };
  }
}
