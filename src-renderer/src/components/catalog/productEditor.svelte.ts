// The catalogue editor's state and steps: open a new or stored product as a form, add and remove
// variants, make an in-store barcode, check every field (productForm in src-shared) and save the
// product with its variants in one transaction with their outbox entries. Owners and managers only.
import type { Decision } from '$shared/permissions';
import {
  checkProductForm,
  emptyProductForm,
  emptyVariantForm,
  nextInStoreBarcode,
  optionNames,
  productToForm,
  type FormProblems,
  type ProductForm,
} from '$shared/productForm';
import type { Product } from '$shared/records';
import { DEFAULT_STORE_PROFILE } from '$shared/storeProfile';
import { ValidationError } from '$shared/validation';
import { saveProduct } from '$db/catalogWrites';
import type { OrderlineDb } from '$db/database';
import { BARCODE_PREFIX_KEY, loadBarcodePrefix, loadStoreProfile } from '$db/storeSettings';

export { BARCODE_PREFIX_KEY };

type Session = { decide(action: 'manage_catalog'): Decision };

export class ProductEditor {
  form = $state<ProductForm>(emptyProductForm());
  problems = $state<FormProblems>({});
  /** A sentence for the whole form: what was saved, or why nothing was. */
  notice = $state<{ ok: boolean; text: string } | null>(null);
  open = $state(false);
  busy = $state(false);
  currency = $state(DEFAULT_STORE_PROFILE.currency);
  readonly options = $derived(optionNames(this.form.options));
  readonly editing = $derived(this.form.id !== undefined);

  constructor(
    private readonly db: OrderlineDb,
    private readonly session: Session,
  ) {}

  /** Why this person may not edit the catalogue, or null when they may. */
  refusal(): string | null {
    const decision = this.session.decide('manage_catalog');
    return decision.verdict === 'allow' ? null : decision.message;
  }

  private async start(form: ProductForm): Promise<boolean> {
    const refused = this.refusal();
    if (refused) {
      this.notice = { ok: false, text: refused };
      return false;
    }
    this.currency = (await loadStoreProfile(this.db)).currency;
    this.form = form;
    this.problems = {};
    this.notice = null;
    this.open = true;
    return true;
  }

  startNew(): Promise<boolean> {
    return this.start(emptyProductForm());
  }

  async startEdit(productId: string): Promise<boolean> {
    const product = await this.db.products.get(productId);
    if (!product) {
      this.notice = {
        ok: false,
        text: 'This product is no longer in the catalogue; it may have been removed on another desk',
      };
      return false;
    }
    const variants = await this.db.variants.where('productId').equals(productId).sortBy('sku');
    return this.start(productToForm(product, variants));
  }

  close(): void {
    this.open = false;
  }

  addVariant(): void {
    const last = this.form.variants.at(-1);
    // A new size or colour mostly costs, weighs and sits like the one before it.
    this.form.variants.push({
      ...emptyVariantForm(),
      ...(last
        ? {
            price: last.price,
            costPrice: last.costPrice,
            weight: last.weight,
            bins: last.bins.split(/[\s,;]+/)[0] ?? '',
          }
        : {}),
    });
  }

  removeVariant(index: number): void {
    if (this.form.variants.length <= 1) {
      this.notice = { ok: false, text: 'A product keeps at least one variant; archive the product instead' };
      return;
    }
    this.form.variants.splice(index, 1);
    this.problems = {};
  }

  /** Fills a variant's barcode with the next in-store EAN-13 (none of this form's or the catalogue's). */
  async generateBarcode(index: number): Promise<void> {
    const prefix = await loadBarcodePrefix(this.db);
    const stored = await this.db.variants
      .where('barcode')
      .between(`${prefix}0000000000`, `${prefix}9999999999\uffff`)
      .last();
    const inForm = this.form.variants
      .map((v) => v.barcode.trim())
      .filter((b) => b.startsWith(prefix) && b.length === 13);
    const highest = [stored?.barcode ?? '', ...inForm].sort().at(-1) || undefined;
    const next = nextInStoreBarcode(prefix, highest);
    const row = this.form.variants[index];
    if (!row) return;
    if (next.ok) {
      row.barcode = next.code;
      delete this.problems[`variants.${index}.barcode`];
    } else this.problems[`variants.${index}.barcode`] = next.message;
  }

  /** Checks and saves; on success the form closes and the saved product is returned. */
  async save(): Promise<Product | null> {
    if (this.busy) return null;
    const refused = this.refusal();
    if (refused) {
      this.notice = { ok: false, text: refused };
      return null;
    }
    const checked = checkProductForm(this.form, this.currency);
    if (!checked.ok) {
      this.problems = checked.problems;
      const count = Object.keys(checked.problems).length;
      this.notice = {
        ok: false,
        text: `Not saved: ${count} field${count === 1 ? ' needs' : 's need'} a fix (shown under each)`,
      };
      return null;
    }
    this.busy = true;
    try {
      const saved = await saveProduct(this.db, checked.product, checked.variants);
      this.problems = {};
      this.notice = { ok: true, text: `${saved.name} is saved${saved.active ? '' : ' (archived)'}` };
      this.open = false;
      return saved;
    } catch (failure) {
      this.notice = {
        ok: false,
        text:
          failure instanceof ValidationError || failure instanceof Error ? failure.message : String(failure),
      };
      return null;
    } finally {
      this.busy = false;
    }
  }

  /** Archives (or brings back) the product: it leaves Sell and search results but keeps its history. */
  async setArchived(archived: boolean): Promise<Product | null> {
    this.form.active = !archived;
    return this.save();
  }
}
