// Sell's state and steps, without the DOM: the sale on screen (followed from the route), the
// customer and checkout choices (the draft, the screen's until checkout.start records them), adding
// items by scan, SKU or search, the cart's clear and undo, checkout, payment and finishing. The
// screen renders this and translates keys; every step is an order-machine event in lib/sale.
import { checkGtin } from '$shared/barcodes';
import { UNDO_CLEAR_MS, canUndoClear, type ClearedCart } from '$shared/cartUndo';
import { defaultAddress } from '$shared/customerAddress';
import { normaliseGtin, sameGtin } from '$shared/gtin';
import { formatMoney } from '$shared/money';
import type { OrderChannel } from '$shared/orderStatus';
import { receivableOf } from '$shared/receivables';
import type { Address, Customer, Order, StockLevel } from '$shared/records';
import { scaleLine, type MeasuredScan } from '$shared/scaleLabel';
import { classifyScan } from '$shared/scanDetector';
import type { ShippingQuote } from '$shared/shippingRules';
import type { OrderlineDb } from '$db/database';
import { searchProducts, stockLevelsOf, type ProductMatch } from '$db/queries';
import type { ConvertedQuote } from '$db/quoteWrites';
import { findVariantByCode, findVariantByScan } from '$db/variantLookup';
import { rememberSale, rememberedSale } from '$lib/currentSale';
import { discountLine, discountOrder } from '$lib/discountLine';
import { storeToday } from '$lib/format';
import { LiveQueryState } from '$lib/liveQueryState.svelte';
import { overridePrice } from '$lib/priceOverride';
import type { Router } from '$lib/router.svelte';
import {
  DEFAULT_DESK,
  addScaleLine,
  atTheTill,
  addVariant,
  backToCart,
  checkout,
  clearCart,
  collectedNow,
  currentDesk,
  discardCart,
  emptyDraft,
  finishSale,
  OPEN_SALES_SHOWN,
  openSales,
  pendingCustomerDetails,
  saleCustomer,
  addGiftCard,
  priceSale,
  removeLine,
  setQuantity,
  shippingQuoteOf,
  startSale,
  takePayment,
  undoClear,
  type Checkout,
  type OpenSalesPage,
  type SaleDraft,
  type Tender,
} from '$lib/sale';
import { defaultChannel } from '$lib/sellDefaults';

export type SellMessage = { kind: 'ok' | 'error'; text: string };
type Variant = ProductMatch['variants'][number];
const NO_STOCK: ReadonlyMap<string, StockLevel> = new Map();

/** The screen's hooks: focus the item search (the next thing after most cart steps). */
export type SellView = { focusItem(): void };

/** Where focus goes at each step: selectors in order of preference (lib/focusNext). */
export function focusTargets(current: Order | undefined, step: 'cart' | 'checkout'): string[] {
  if (!current) return ['#sale-customer-title ~ * input[role="combobox"]', '#sell-item'];
  if (current.status === 'cart' && step === 'checkout')
    return ['input[name="shipping-method"]:checked', '[data-focus="continue-payment"]'];
  if (current.status === 'cart') return ['#sell-item'];
  if (current.status === 'payment')
    return current.totals.paid > 0
      ? ['#payment-amount']
      : ['form[aria-labelledby="payment-title"] input[name="method"]:checked'];
  if (current.status === 'receipt') return ['[data-focus="finish-sale"]'];
  return ['[data-focus="new-sale"]'];
}

export class SellController {
  private readonly db: OrderlineDb;
  private readonly router: Router;
  private readonly view: SellView;
  desk = $state(DEFAULT_DESK);
  channel = $state<OrderChannel>('phone');
  itemQuery = $state('');
  choices = $state<ProductMatch[]>([]);
  /** Stock of the offered variants, shown on their buttons. */
  choiceStock = $state.raw<ReadonlyMap<string, StockLevel>>(NO_STOCK);
  message = $state<SellMessage | null>(null);
  priced = $state.raw<Checkout | null>(null);
  pricingError = $state('');
  draft = $state<SaleDraft>(emptyDraft());
  customer = $state<Customer | undefined>(undefined);
  step = $state<'cart' | 'checkout'>('cart');
  shipped = $state.raw<ShippingQuote | null>(null);
  /** The lines "Clear cart" took away, offered back for a while (src-shared/cartUndo). */
  cleared = $state.raw<ClearedCart | null>(null);
  /** While the sale to reopen is looked up or read, nothing offers to start another. */
  resuming = $state(false);

  readonly sale = new LiveQueryState<Order | undefined>();
  readonly stock = new LiveQueryState<ReadonlyMap<string, StockLevel>>();
  /** Stock of the cart's lines (none until read). */
  get cartStock(): ReadonlyMap<string, StockLevel> {
    return this.stock.value ?? NO_STOCK;
  }
  /** The newest open sales (as many as `heldShown`) and how many there are. */
  readonly held = new LiveQueryState<OpenSalesPage>();
  heldShown = $state(OPEN_SALES_SHOWN);

  // A getter, not $derived: the router is set in the constructor, after the fields.
  /** The sale on screen: the route's order as stored, read live. */
  get order(): Order | undefined {
    return this.router.route.id ? this.sale.value : undefined;
  }
  readonly owed = $derived(this.order ? receivableOf(this.order, storeToday()) : null);
  readonly canClear = $derived(
    this.order?.status === 'cart' && this.step === 'cart' && this.order.lines.length > 0,
  );
  // The timer ends the offer; here only a later change to the order (its version) does.
  readonly undoable = $derived(canUndoClear(this.cleared, this.order, this.cleared?.at ?? 0));
  /** Whether the sale on screen is still at the till (no update restarts the app meanwhile). */
  readonly open = $derived(!!this.order && atTheTill(this.order.status));

  #draftFor: string | undefined = undefined;
  // Scans are added one after another, so a quick second scan joins the cart the first one made.
  #adding: Promise<unknown> = Promise.resolve();
  #undoTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(db: OrderlineDb, router: Router, view: SellView = { focusItem: () => undefined }) {
    this.db = db;
    this.router = router;
    this.view = view;
    this.resuming = !router.route.id && !!rememberedSale();
  }

  /** Reads the desk and its channel, lists the open sales and reopens the one being worked on. */
  start(): () => void {
    void currentDesk(this.db).then(async (desk) => {
      this.desk = desk;
      const channel = await defaultChannel(this.db, desk.id);
      if (!this.order) this.channel = channel;
    });
    this.watchHeld();
    void this.reopenCurrentSale();
    return () => {
      this.sale.stop();
      this.stock.stop();
      this.held.stop();
      clearTimeout(this.#undoTimer);
    };
  }

  watchHeld(): void {
    const shown = this.heldShown;
    this.held.run(() => openSales(this.db, shown));
  }

  /** The next open sales after those listed. */
  showMoreHeld(): void {
    this.heldShown += OPEN_SALES_SHOWN;
    this.watchHeld();
  }

  /** Sell opened without a sale: the one this window was working on (before a reload, a crash or
   * another screen) comes back where it was, if it is still at the till. */
  async reopenCurrentSale(): Promise<void> {
    const id = this.router.route.id ? null : rememberedSale();
    if (!id) return;
    this.resuming = true;
    try {
      const row = await this.db.orders.get(id);
      if (row && atTheTill(row.status) && !this.router.route.id) {
        // Still "opening" until the reopened sale is on screen (see follow).
        this.router.go('sell', row.id);
        return;
      }
    } catch {
      // unreadable: start afresh
    }
    this.resuming = false;
  }

  newSale(): void {
    rememberSale(null);
    this.router.go('sell');
  }

  /** The route's order: read live; another order opened (a held cart, a new sale) brings its own draft. */
  follow(id: string | null): void {
    this.sale.run(async () => (id ? this.db.orders.get(id) : undefined));
    const key = id ?? undefined;
    if (key === this.#draftFor) return;
    this.#draftFor = key;
    this.step = 'cart';
    this.draft = emptyDraft();
    this.customer = undefined;
    if (key) void this.loadDraft(key);
  }

  /** The sale on screen is the one to come back to, until it leaves the till. */
  remember(): void {
    const current = this.order;
    if (current && this.resuming) this.resuming = false;
    if (current) rememberSale(atTheTill(current.status) ? current.id : null);
  }

  /** Stock of the cart's lines, read live. */
  watchStock(): void {
    const ids = this.order?.lines.map((l) => l.variantId) ?? [];
    const key = ids.join(',');
    this.stock.run(() => stockLevelsOf(this.db, key ? key.split(',') : []));
  }

  /** Stock of the variants offered to choose from. */
  watchChoices(): void {
    const ids = this.choices.flatMap((m) => m.variants.map((v) => v.id));
    if (!ids.length) return;
    void stockLevelsOf(this.db, ids).then((levels) => (this.choiceStock = levels));
  }

  /** Checkout's price for the choices made; only what changes the price is read (a gift message does not). */
  reprice(): void {
    const current = this.order;
    const wanted: SaleDraft = {
      ...emptyDraft(),
      ...($state.snapshot({
        customer: this.draft.customer,
        shippingAddress: this.draft.shippingAddress,
        methodId: this.draft.methodId,
        promoCode: this.draft.promoCode,
      }) as Partial<SaleDraft>),
    };
    if (current?.status === 'cart' && this.step === 'checkout' && current.lines.length) {
      priceSale(this.db, current, wanted).then(
        (p) => {
          this.priced = p;
          this.pricingError = '';
        },
        (failure: unknown) =>
          (this.pricingError = failure instanceof Error ? failure.message : String(failure)),
      );
    } else this.priced = null;
  }

  /** The delivery a paid sale goes out with, for its documents. */
  watchDelivery(): void {
    const current = this.order;
    if (current?.status === 'receipt') void shippingQuoteOf(this.db, current).then((q) => (this.shipped = q));
    else this.shipped = null;
  }

  async loadDraft(id: string): Promise<void> {
    const row = await this.db.orders.get(id);
    if (!row?.customerId) return;
    const found = await this.db.customers.get(row.customerId);
    this.customer = found;
    this.draft = {
      ...emptyDraft(),
      customer: found ? saleCustomer(found) : { id: row.customerId, name: row.customerName ?? 'Customer' },
    };
    // The address is settled at checkout; until then a resumed cart goes where picking would send it.
    const address = row.shippingAddress ?? (found ? defaultAddress(found) : undefined);
    if (address) this.draft.shippingAddress = address;
  }

  /** A customer chosen since the order's last event goes with its next cart event. */
  pendingDetails(current: Order) {
    return pendingCustomerDetails(current, $state.snapshot(this.draft) as SaleDraft);
  }

  pickCustomer(picked: Customer): void {
    this.customer = picked;
    this.draft = {
      ...this.draft,
      customer: saleCustomer(picked),
      shippingAddress: defaultAddress(picked),
      methodId: undefined,
    };
    this.message = { kind: 'ok', text: `Customer: ${picked.name}` };
  }

  chooseAddress(address: Address | undefined): void {
    this.draft = { ...this.draft, shippingAddress: address, methodId: undefined };
  }

  clearCustomer(): void {
    this.customer = undefined;
    this.draft = { ...this.draft, customer: undefined, shippingAddress: undefined, methodId: undefined };
  }

  /** Runs a step; its failure becomes the screen's message (a sentence), never an exception. */
  async run<T>(action: () => Promise<T>, ok?: string): Promise<T | undefined> {
    try {
      const result = await action();
      this.message = ok ? { kind: 'ok', text: ok } : null;
      return result;
    } catch (failure) {
      this.message = { kind: 'error', text: failure instanceof Error ? failure.message : String(failure) };
      return undefined;
    }
  }

  /** Adds a gift card of the typed value to the cart; whether it was added. */
  async addGiftCard(typed: string): Promise<boolean> {
    const added = await this.run(
      async () => addGiftCard(this.db, this.desk, await this.ensureOrder(), typed),
      'Gift card added',
    );
    return added !== undefined;
  }

  /** The open cart as stored now (the live query may lag a scan behind), or a new one. */
  async ensureOrder(): Promise<Order> {
    const id = this.router.route.id;
    const stored = id ? await this.db.orders.get(id) : undefined;
    if (stored?.status === 'cart') return stored;
    const created = await startSale(this.db, this.desk, this.channel);
    // The draft (a customer chosen before the first item) belongs to the order just started.
    this.#draftFor = created.id;
    this.router.go('sell', created.id);
    return created;
  }

  async addMatch(match: ProductMatch, variantId: string, quantity = 1): Promise<void> {
    const variant = match.variants.find((v) => v.id === variantId);
    if (!variant) return;
    // addNow reports its own failures, so the chain never breaks.
    this.#adding = this.#adding.then(() => this.addNow(match, variant, quantity));
    await this.#adding;
  }

  private async addNow(match: ProductMatch, variant: Variant, quantity = 1): Promise<void> {
    await this.run(
      async () => {
        const current = await this.ensureOrder();
        await addVariant(
          this.db,
          this.desk,
          current,
          match.product,
          variant,
          quantity,
          this.pendingDetails(current),
        );
      },
      `Added ${quantity > 1 ? `${quantity} × ` : ''}${match.product.name} (${variant.sku})`,
    );
    // Picked from the list of matches: the search that listed them is done with.
    if (this.choices.length) this.itemQuery = '';
    this.choices = [];
    this.view.focusItem();
  }

  /** A label-scale barcode: its item at the label's price or weight; false when no item has its code. */
  private async addScaleLabel(scanned: MeasuredScan): Promise<boolean> {
    const found = await findVariantByScan(this.db, scanned.code);
    const variant = found?.kind === 'item' ? found.variant : undefined;
    const line = scaleLine(scanned, variant ? [variant] : []);
    const product = variant && line.ok ? await this.db.products.get(variant.productId) : undefined;
    if (!product || !variant || !line.ok) return false;
    const text = `Added ${product.name}: ${line.detail} = ${formatMoney(line.unitPrice)}`;
    this.#adding = this.#adding.then(() =>
      this.run(async () => {
        const current = await this.ensureOrder();
        const priced = { unitPrice: line.unitPrice.amount, detail: line.detail };
        await addScaleLine(
          this.db,
          this.desk,
          current,
          product,
          variant,
          priced,
          this.pendingDetails(current),
        );
      }, text),
    );
    await this.#adding;
    this.view.focusItem();
    return true;
  }

  /** A scanner burst, wherever focus was: added to the cart, or refused when the sale is past it. */
  onScan(code: string): void {
    const order = this.order;
    if (order && (order.status !== 'cart' || this.step !== 'cart')) {
      this.message = {
        kind: 'error',
        text: `Scanned ${code}: go back to the cart to add items. Nothing was added.`,
      };
      return;
    }
    void this.addCode(code.trim());
  }

  /** Enter in the item box or a scan: a barcode or an exact SKU adds at once; otherwise the matches. */
  async addCode(typed: string): Promise<void> {
    if (!typed) return;
    // GTINs by value (src-shared/gtin): a GTIN-14 (a case code, or an item written with zeros) is a code too.
    if (/^\d{8,14}$/.test(typed) && !normaliseGtin(typed)) {
      const check =
        typed.length === 14
          ? { ok: false as const, message: `Barcode ${typed} has a wrong check digit` }
          : checkGtin(typed);
      if (!check.ok) {
        this.message = {
          kind: 'error',
          text: `${check.message}. Nothing was added; scan it again or type the SKU.`,
        };
        return;
      }
    }
    // The box is cleared at once so the next scan starts clean; it gets the text back only when
    // the seller has to choose or retype and nothing new was typed meanwhile.
    this.itemQuery = '';
    const giveBack = () => {
      if (!this.itemQuery) this.itemQuery = typed;
    };
    // Prefix-2 EAN-13 from a label scale; an in-store code that is no scale item is searched as is.
    const scanned = classifyScan(typed);
    if (scanned.kind === 'measured' && (await this.addScaleLabel(scanned))) return;
    const coded = await findVariantByCode(this.db, typed);
    if (coded?.kind === 'case-unknown') {
      giveBack();
      this.message = { kind: 'error', text: `${coded.message}. Nothing was added.` };
      return;
    }
    const perScan = coded?.kind === 'item' ? coded.quantity : 1;
    // A code that names one item (barcode, case code, exact SKU) adds it with its product alone:
    // no search after it (a scan is a look-up by key, not a query).
    const product = coded?.kind === 'item' ? await this.db.products.get(coded.variant.productId) : undefined;
    if (coded?.kind === 'item' && product) {
      const match: ProductMatch = {
        product,
        variants: [coded.variant],
        matchedBy: coded.via === 'sku' ? 'sku' : 'barcode',
        variantId: coded.variant.id,
      };
      await this.addMatch(match, coded.variant.id, perScan);
      return;
    }
    const matches = await searchProducts(this.db, typed, 20);
    const exact = matches.flatMap((m) =>
      m.variants
        .filter((v) =>
          coded ? v.id === coded.variant.id : sameGtin(v.barcode, typed) || v.sku === typed.toUpperCase(),
        )
        .map((v) => ({ m, v })),
    );
    const only = matches.length === 1 && matches[0]!.variants.length === 1 ? matches[0]! : null;
    if (exact.length === 1) await this.addMatch(exact[0]!.m, exact[0]!.v.id, perScan);
    else if (only) await this.addMatch(only, only.variants[0]!.id);
    else if (matches.length === 0) {
      giveBack();
      const scaleMiss = scanned.kind === 'measured' ? scaleLine(scanned, []) : null;
      const text =
        scaleMiss && !scaleMiss.ok ? scaleMiss.message : `No product matches “${typed}”. Nothing was added.`;
      this.message = { kind: 'error', text };
    } else {
      giveBack();
      this.choices = matches;
      this.message = null;
    }
  }

  async setQuantity(lineId: string, quantity: number): Promise<void> {
    const order = this.order;
    if (!order) return;
    await this.run(() =>
      setQuantity(this.db, this.desk, order, lineId, quantity, this.pendingDetails(order)),
    );
  }

  async removeLine(lineId: string): Promise<void> {
    const order = this.order;
    if (!order) return;
    await this.run(
      () => removeLine(this.db, this.desk, order, lineId, this.pendingDetails(order)),
      'Line removed',
    );
    // The row and its button are gone: the next thing is the item search.
    this.view.focusItem();
  }

  async overridePrice(lineId: string, price: string, reason: string): Promise<boolean> {
    const order = this.order;
    if (!order) return false;
    const next = await this.run(
      () => overridePrice(this.db, this.desk, order, lineId, price, reason),
      'Price changed',
    );
    return next !== undefined;
  }

  async discountLine(lineId: string, typed: string, reason: string): Promise<boolean> {
    const order = this.order;
    if (!order) return false;
    const next = await this.run(
      () => discountLine(this.db, this.desk, order, lineId, typed, reason),
      'Discount changed',
    );
    return next !== undefined;
  }

  async discountOrder(typed: string, reason: string): Promise<boolean> {
    const order = this.order;
    if (!order) return false;
    const next = await this.run(
      () => discountOrder(this.db, this.desk, order, typed, reason),
      'Order discount changed',
    );
    return next !== undefined;
  }

  toCheckout(): void {
    this.step = 'checkout';
    this.message = null;
  }

  toCart(): void {
    this.step = 'cart';
  }

  /** checkout.start with the choices made and the price shown. */
  async continueToPayment(): Promise<void> {
    const order = this.order;
    const priced = this.priced;
    if (!order || !priced) return;
    await this.run(() =>
      checkout(this.db, this.desk, order, $state.snapshot(this.draft) as SaleDraft, priced),
    );
  }

  async backToCart(): Promise<void> {
    const order = this.order;
    if (order) await this.run(() => backToCart(this.db, this.desk, order));
  }

  /** One tender; a failure is thrown to the payment form, which shows it beside the fields. */
  async pay(tender: Tender): Promise<void> {
    const order = this.order;
    if (!order) return;
    const customer = this.customer;
    const paid = await takePayment(
      this.db,
      this.desk,
      order,
      tender,
      customer ? { isBusiness: customer.isBusiness } : undefined,
    );
    const taken = paid.payments.at(-1);
    const change = taken?.change ? ` · change ${formatMoney(taken.change)}` : '';
    this.message = {
      kind: 'ok',
      text: `Payment of ${formatMoney(taken?.amount ?? tender.amount)} recorded${change}`,
    };
  }

  async finish(): Promise<void> {
    const order = this.order;
    if (!order) return;
    await this.run(
      () => finishSale(this.db, this.desk, order, 'receipt80mm'),
      collectedNow(order)
        ? 'Sale complete: handed over at the counter'
        : 'Sale complete: the order is with the packers',
    );
  }

  async deleteCart(cart: Order, reason: string): Promise<boolean> {
    const done = await this.run(
      () => discardCart(this.db, this.desk, cart, reason),
      `Cart ${cart.number} deleted`,
    );
    if (done && cart.id === this.router.route.id) this.newSale();
    return done !== undefined;
  }

  async clearAll(): Promise<void> {
    const current = this.order;
    if (!current || !this.canClear) return;
    const done = await this.run(() => clearCart(this.db, this.desk, current, this.pendingDetails(current)));
    if (!done) return;
    this.cleared = {
      orderId: current.id,
      lines: done.lines,
      orderDiscount: done.orderDiscount,
      version: done.order.version,
      at: Date.now(),
    };
    clearTimeout(this.#undoTimer);
    this.#undoTimer = setTimeout(() => (this.cleared = null), UNDO_CLEAR_MS);
    this.view.focusItem();
  }

  async undoClearCart(): Promise<void> {
    const undo = this.cleared;
    if (!undo || !canUndoClear(undo, this.order, Date.now())) return;
    this.cleared = null;
    const count = undo.lines.length;
    await this.run(
      () => undoClear(this.db, this.desk, undo.orderId, undo.lines, undo.orderDiscount),
      `Cart restored: ${count} ${count === 1 ? 'line' : 'lines'} back`,
    );
    this.view.focusItem();
  }

  /** A quote turned into a sale: opened, with what changed in price since it was quoted. */
  quoteConverted(converted: ConvertedQuote): void {
    const changes = converted.priceChanges.map(
      (c) =>
        `${c.name}: quoted ${formatMoney(c.quoted)}, ${c.current ? `today ${formatMoney(c.current)}` : 'no longer sold'}`,
    );
    this.message = { kind: 'ok', text: [converted.message, ...changes].join('. ') };
    this.router.go('sell', converted.order.id);
  }

  quoteSaved(quote: { number: string; customerName?: string }): void {
    this.router.go('sell');
    this.message = { kind: 'ok', text: `Quote ${quote.number} saved for ${quote.customerName}` };
  }
}
