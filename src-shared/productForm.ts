// The catalogue editor's rules: a product form as typed (text in every box) checked field by field,
// each problem a sentence under its field, and turned into the product and variant rows to save.
// Codes compare by value: a SKU in any case, a barcode by its GTIN (normaliseGtin), so a UPC-A and
// the same number as EAN-13 are one code. Also the in-store EAN-13s made from a restricted prefix.
import { checkGtin, withCheckDigit } from './barcodes';
import { caseCodeItem, normaliseGtin } from './gtin';
import { parseMoney } from './money';
import { ProductSchema, TAX_CLASSES, VariantSchema, type Product, type Variant } from './records';
import { DEFAULT_MEASURED_LAYOUT, type MeasuredLayout } from './scanDetector';
import { describeIssues } from './validation';

export type VariantForm = {
  id?: string;
  /** Option name → value as typed. */
  values: Record<string, string>;
  sku: string;
  barcode: string;
  price: string;
  costPrice: string;
  weight: string;
  length: string;
  width: string;
  height: string;
  /** The pick bin first, then overflow bins, separated by commas or spaces. */
  bins: string;
  reorderPoint: string;
  /** GTIN-14 case codes of this item with units per case: "15012345000012 × 6, 25012345000019 × 12". */
  caseCodes: string;
  /** Harmonized System code for customs declarations, 6 to 10 digits. */
  hsCode: string;
  /** Country of origin for customs declarations, two letters (ISO 3166-1): GB, CN, US. */
  originCountry: string;
};

export type ProductForm = {
  id?: string;
  name: string;
  category: string;
  brand: string;
  description: string;
  taxClass: string;
  /** Option names separated by commas: "Size, Colour". */
  options: string;
  allowBackorder: boolean;
  soldByWeight: boolean;
  active: boolean;
  variants: VariantForm[];
};

export type ProductInputRow = Omit<Product, 'id' | 'searchWords' | 'createdAt' | 'updatedAt'> & {
  id?: string;
};
export type VariantInputRow = Omit<Variant, 'id' | 'productId' | 'createdAt' | 'updatedAt'> & { id?: string };

/** Field key → sentence. Product fields by name; variant fields as "variants.<i>.<field>". */
export type FormProblems = Record<string, string>;

export type CheckedProduct =
  { ok: true; product: ProductInputRow; variants: VariantInputRow[] } | { ok: false; problems: FormProblems };

export function emptyVariantForm(): VariantForm {
  return {
    values: {},
    sku: '',
    barcode: '',
    price: '',
    costPrice: '',
    weight: '',
    length: '',
    width: '',
    height: '',
    bins: '',
    reorderPoint: '',
    caseCodes: '',
    hsCode: '',
    originCountry: '',
  };
}

export function emptyProductForm(): ProductForm {
  return {
    name: '',
    category: '',
    brand: '',
    description: '',
    taxClass: 'standard',
    options: '',
    allowBackorder: false,
    soldByWeight: false,
    active: true,
    variants: [emptyVariantForm()],
  };
}

/** Option names as typed, trimmed, in order, without blanks. */
export function optionNames(typed: string): string[] {
  return typed
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);
}

const decimal = (minor: number, digits: number) => (minor / 10 ** digits).toFixed(digits);

/** A stored product back into the form, for editing. */
export function productToForm(product: Product, variants: readonly Variant[]): ProductForm {
  return {
    id: product.id,
    name: product.name,
    category: product.category,
    brand: product.brand ?? '',
    description: product.description ?? '',
    taxClass: product.taxClass,
    options: product.options.join(', '),
    allowBackorder: product.allowBackorder,
    soldByWeight: product.soldByWeight ?? false,
    active: product.active,
    variants: variants.map((v) => ({
      id: v.id,
      values: { ...v.attributes },
      sku: v.sku,
      barcode: v.barcode,
      price: decimal(v.price.amount, 2),
      costPrice: v.costPrice ? decimal(v.costPrice.amount, 2) : '',
      weight: String(v.weightGrams),
      length: v.dimensionsCm ? String(v.dimensionsCm.length) : '',
      width: v.dimensionsCm ? String(v.dimensionsCm.width) : '',
      height: v.dimensionsCm ? String(v.dimensionsCm.height) : '',
      bins: [v.bin, ...(v.overflowBins ?? [])].join(', '),
      reorderPoint: v.reorderPoint === undefined ? '' : String(v.reorderPoint),
      caseCodes: (v.caseCodes ?? []).map((c) => `${c.code} × ${c.quantity}`).join(', '),
      hsCode: v.hsCode ?? '',
      originCountry: v.originCountry ?? '',
    })),
  };
}

type Num = { ok: true; value: number | undefined } | { ok: false; message: string };

function wholeNumber(typed: string, what: string, unit: string, max: number, required: boolean): Num {
  const text = typed.trim();
  if (text === '')
    return required ? { ok: false, message: `Enter the ${what} in ${unit}` } : { ok: true, value: undefined };
  if (!/^-?\d+$/.test(text))
    return { ok: false, message: `${capital(what)} must be a whole number of ${unit}, not “${text}”` };
  const value = Number(text);
  if (value < 0) return { ok: false, message: `${capital(what)} cannot be negative` };
  if (value > max)
    return {
      ok: false,
      message: `${capital(what)} above ${max.toLocaleString('en')} ${unit} is not believable`,
    };
  return { ok: true, value };
}

function centimetres(typed: string, what: string): Num {
  const text = typed.trim().replace(',', '.');
  if (text === '') return { ok: true, value: undefined };
  if (!/^\d+(\.\d+)?$/.test(text))
    return { ok: false, message: `${capital(what)} must be a number of centimetres, not “${typed.trim()}”` };
  const value = Number(text);
  if (value <= 0) return { ok: false, message: `${capital(what)} must be more than 0 cm` };
  if (value > 300) return { ok: false, message: `${capital(what)} above 300 cm is not a parcel` };
  return { ok: true, value };
}

const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * Checks the whole form. `currency` prices it; `layout` says which barcodes belong to the scale.
 * Codes taken by other products are checked where the catalogue is (catalogWrites), not here.
 */
export function checkProductForm(
  form: ProductForm,
  currency: string,
  layout: MeasuredLayout = DEFAULT_MEASURED_LAYOUT,
): CheckedProduct {
  const problems: FormProblems = {};
  const options = optionNames(form.options);
  const product: ProductInputRow = {
    ...(form.id ? { id: form.id } : {}),
    name: form.name.trim(),
    category: form.category.trim(),
    ...(form.brand.trim() ? { brand: form.brand.trim() } : {}),
    ...(form.description.trim() ? { description: form.description.trim() } : {}),
    taxClass: form.taxClass as ProductInputRow['taxClass'],
    options,
    allowBackorder: form.allowBackorder,
    active: form.active,
    ...(form.soldByWeight ? { soldByWeight: true } : {}),
  };
  if (!product.name) problems['name'] = 'Give the product a name, as customers and receipts will read it';
  if (!product.category) problems['category'] = 'Give the product a category, such as Kitchen or Clothing';
  if (!(TAX_CLASSES as readonly string[]).includes(form.taxClass))
    problems['taxClass'] = `Choose a tax class: ${TAX_CLASSES.join(', ')}`;
  const lowered = options.map((o) => o.toLowerCase());
  if (new Set(lowered).size !== lowered.length)
    problems['options'] = 'An option is named twice; name each once';
  else if (options.length > 5)
    problems['options'] = 'A product can vary by at most 5 options, such as Size and Colour';
  if (form.variants.length === 0) problems['variants'] = 'A product needs at least one variant (one SKU)';
  if (form.variants.length > 1 && options.length === 0)
    problems['options'] = 'Name what the variants differ by (such as Size, Colour) to have more than one';
  // The schema's own checks (lengths and the like) for anything the sentences above did not cover.
  const productCheck = ProductSchema.partial().safeParse(product);
  if (!productCheck.success) {
    productCheck.error.issues.forEach((issue, i) => {
      const key = String(issue.path[0] ?? 'name');
      problems[key] ??= describeIssues(productCheck.error, product)[i] ?? issue.message;
    });
  }

  const variants: VariantInputRow[] = [];
  const skus = new Map<string, number>();
  const barcodes = new Map<string, number>();
  const combos = new Map<string, number>();
  form.variants.forEach((row, i) => {
    const at = (field: string) => `variants.${i}.${field}`;
    const label = `Variant ${i + 1}`;
    const attributes: Record<string, string> = {};
    for (const option of options) {
      const value = (row.values[option] ?? '').trim();
      if (!value) problems[at(`value.${option}`)] = `Give ${label.toLowerCase()} a ${option.toLowerCase()}`;
      else if (value.length > 40) problems[at(`value.${option}`)] = `${option} is longer than 40 characters`;
      else attributes[option] = value;
    }
    if (options.length) {
      const combo = options.map((o) => (attributes[o] ?? '').toLowerCase()).join(' / ');
      const before = combos.get(combo);
      if (before !== undefined && Object.keys(attributes).length === options.length)
        problems[at(`value.${options[0]}`)] =
          `Variants ${before + 1} and ${i + 1} are both ${options.map((o) => attributes[o]).join(' / ')}`;
      combos.set(combo, i);
    }

    const sku = row.sku.trim().toUpperCase();
    if (!sku) problems[at('sku')] = 'Enter a SKU, such as TSH-RED-M';
    else if (!/^[A-Z0-9][A-Z0-9._-]{1,39}$/.test(sku))
      problems[at('sku')] =
        `SKU “${row.sku.trim()}” must be 2–40 letters, digits, dots, dashes or underscores (e.g. TSH-RED-M)`;
    else if (skus.has(sku)) problems[at('sku')] = `SKU ${sku} is also given to variant ${skus.get(sku)! + 1}`;
    else skus.set(sku, i);

    const barcode = row.barcode.replace(/[\s-]/g, '');
    const gtin = checkGtin(barcode);
    const key = normaliseGtin(barcode);
    if (!gtin.ok) problems[at('barcode')] = gtin.message;
    else if (key && barcodes.has(key))
      problems[at('barcode')] = `Barcode ${barcode} is the same code as variant ${barcodes.get(key)! + 1}'s`;
    else if (key) barcodes.set(key, i);
    if (gtin.ok && form.soldByWeight) {
      const rule = barcode.length === 13 ? layout.prefixes[barcode.slice(0, 2)] : undefined;
      const valueZero = /^0+$/.test(barcode.slice(2 + layout.itemLength, 12));
      if (rule?.measure !== 'weight' || !valueZero) {
        const weightPrefixes = Object.entries(layout.prefixes)
          .filter(([, r]) => r.measure === 'weight')
          .map(([p]) => p);
        problems[at('barcode')] =
          `A product sold by weight needs the scale's item code as its barcode: 13 digits starting ${weightPrefixes.join(', ')} with the weight digits zero`;
      }
    }

    const price = parseMoney(row.price, currency);
    if (!price.ok) problems[at('price')] = row.price.trim() ? `Price: ${price.message}` : 'Enter the price';
    const cost = row.costPrice.trim() ? parseMoney(row.costPrice, currency) : null;
    if (cost && !cost.ok) problems[at('costPrice')] = `Cost price: ${cost.message}`;

    const weight = wholeNumber(row.weight, 'weight', 'grams', 1_000_000, !form.soldByWeight);
    if (!weight.ok) problems[at('weight')] = weight.message;
    const sides = (['length', 'width', 'height'] as const).map(
      (side) => [side, centimetres(row[side], side)] as const,
    );
    for (const [side, result] of sides) if (!result.ok) problems[at(side)] = result.message;
    const given = sides.filter(([, r]) => r.ok && r.value !== undefined).length;
    if (given > 0 && given < 3 && sides.every(([, r]) => r.ok))
      problems[at('length')] = 'Give all three dimensions (length, width, height) or none';

    const bins = row.bins
      .split(/[\s,;]+/)
      .map((b) => b.trim().toUpperCase())
      .filter(Boolean);
    const badBin = bins.find((b) => !/^[A-Z]{1,2}-\d{2}-\d{1,2}$/.test(b));
    if (bins.length === 0) problems[at('bins')] = 'Enter the bin it is picked from, such as A-03-2';
    else if (badBin) problems[at('bins')] = `Bin “${badBin}” must look like A-03-2 (aisle-bay-shelf)`;
    else if (new Set(bins).size !== bins.length) problems[at('bins')] = 'A bin is listed twice';
    else if (bins.length > 11) problems[at('bins')] = 'At most 10 overflow bins after the pick bin';

    const reorder = wholeNumber(row.reorderPoint, 'reorder point', 'units', 100_000, false);
    if (!reorder.ok) problems[at('reorderPoint')] = reorder.message;

    // Each case wraps this item's own barcode, so no two variants can share one.
    const cases = checkCaseCodes(row.caseCodes, key);
    if (!cases.ok) problems[at('caseCodes')] = cases.message;
    const hsCode = row.hsCode.replace(/[\s.]/g, '');
    if (hsCode && !/^\d{6,10}$/.test(hsCode))
      problems[at('hsCode')] =
        `HS code “${row.hsCode.trim()}” must be 6 to 10 digits (dots and spaces are fine), e.g. 6912.00`;
    const origin = checkCountry(row.originCountry);
    if (!origin.ok) problems[at('originCountry')] = origin.message;

    if (price.ok && weight.ok && reorder.ok && sides.every(([, r]) => r.ok) && bins.length && !badBin) {
      const [length, width, height] = sides.map(([, r]) => (r.ok ? r.value : undefined));
      variants.push({
        ...(row.id ? { id: row.id } : {}),
        sku,
        barcode,
        attributes,
        price: price.value,
        ...(cost?.ok ? { costPrice: cost.value } : {}),
        weightGrams: weight.value ?? 0,
        ...(length !== undefined && width !== undefined && height !== undefined
          ? { dimensionsCm: { length, width, height } }
          : {}),
        bin: bins[0]!,
        ...(bins.length > 1 ? { overflowBins: bins.slice(1) } : {}),
        ...(reorder.value !== undefined ? { reorderPoint: reorder.value } : {}),
        ...(cases.ok && cases.value.length ? { caseCodes: cases.value } : {}),
        ...(hsCode ? { hsCode } : {}),
        ...(origin.ok && origin.value ? { originCountry: origin.value } : {}),
      });
    }
  });
  if (Object.keys(problems).length) return { ok: false, problems };
  // Whatever the sentences above let through still meets the stored schema.
  for (const [i, variant] of variants.entries()) {
    const check = VariantSchema.pick({ sku: true, barcode: true, attributes: true, price: true }).safeParse(
      variant,
    );
    if (!check.success) problems[`variants.${i}.sku`] = describeIssues(check.error, variant).join('; ');
  }
  return Object.keys(problems).length ? { ok: false, problems } : { ok: true, product, variants };
}

type Checked<T> = { ok: true; value: T } | { ok: false; message: string };

/**
 * The case codes typed for one item ("15012345000012 × 6, …"): each a GTIN-14 case of this very
 * item (its indicator 1–8 wrapping the item's own barcode, `itemKey`), with 2 to 9,999 units.
 */
export function checkCaseCodes(
  typed: string,
  itemKey: string | null,
): Checked<{ code: string; quantity: number }[]> {
  const entries = typed
    .split(/[,;\n]+/)
    .map((e) => e.trim())
    .filter(Boolean);
  if (entries.length > 8) return { ok: false, message: 'At most 8 case codes per item' };
  const found: { code: string; quantity: number }[] = [];
  for (const entry of entries) {
    const parts = entry.match(/^([\d\s-]+?)\s*[x×*]\s*(\d+)$/i);
    if (!parts)
      return {
        ok: false,
        message: `Write “${entry}” as the case code and its units, e.g. 15012345000012 × 6`,
      };
    const code = parts[1]!.replace(/[\s-]/g, '');
    const quantity = Number(parts[2]);
    const pack = code.length === 14 ? caseCodeItem(code) : null;
    if (!pack)
      return {
        ok: false,
        message: `${code} is not a case code: a case code is 14 digits starting 1–8, with a right check digit`,
      };
    if (itemKey && pack.itemKey !== itemKey)
      return {
        ok: false,
        message: `${code} is a case of barcode ${pack.itemKey.replace(/^0+(?=\d{12})/, '')}, not of this item's barcode`,
      };
    if (quantity < 2 || quantity > 9999)
      return { ok: false, message: `A case holds 2 to 9,999 units; ${code} says ${quantity}` };
    if (found.some((f) => f.code === code)) return { ok: false, message: `${code} is listed twice` };
    found.push({ code, quantity });
  }
  return { ok: true, value: found };
}

const REGION_NAMES = new Intl.DisplayNames(['en'], { type: 'region' });

/** A country of origin as typed: two letters of a real country (GB, CN, US), or nothing. */
export function checkCountry(typed: string): Checked<string | undefined> {
  const code = typed.trim().toUpperCase();
  if (!code) return { ok: true, value: undefined };
  // Customs forms know the United Kingdom as GB; UK is only reserved for it.
  if (code === 'UK') return { ok: false, message: 'Customs forms write the United Kingdom as GB, not UK' };
  const known = /^[A-Z]{2}$/.test(code) && REGION_NAMES.of(code) !== code;
  return known
    ? { ok: true, value: code }
    : {
        ok: false,
        message: `“${typed.trim()}” is not a country code: give the two letters of the country it was made in, e.g. GB, CN or US`,
      };
}

/** Prefixes 20–29 the store may use for its own EAN-13s: restricted circulation, not the scale's. */
export function inStorePrefixes(layout: MeasuredLayout = DEFAULT_MEASURED_LAYOUT): string[] {
  return Array.from({ length: 10 }, (_, i) => `2${i}`).filter((p) => !(p in layout.prefixes));
}

/** Whether a prefix can be used for in-store codes, or the sentence saying why not. */
export function checkInStorePrefix(
  prefix: string,
  layout: MeasuredLayout = DEFAULT_MEASURED_LAYOUT,
): string | null {
  if (!/^2\d$/.test(prefix))
    return `In-store barcodes need a prefix from 20 to 29 (GS1 restricted circulation), not “${prefix}”`;
  if (prefix in layout.prefixes)
    return `Prefix ${prefix} is the label scale's; choose one of ${inStorePrefixes(layout).join(', ')}`;
  return null;
}

/**
 * The next in-store EAN-13 after the highest one already used with this prefix: the prefix, ten
 * digits counting up, the check digit. Refuses a scale prefix, and says so when the range is full.
 */
export function nextInStoreBarcode(
  prefix: string,
  highestUsed: string | undefined,
  layout: MeasuredLayout = DEFAULT_MEASURED_LAYOUT,
): { ok: true; code: string } | { ok: false; message: string } {
  const refused = checkInStorePrefix(prefix, layout);
  if (refused) return { ok: false, message: refused };
  const last =
    highestUsed?.startsWith(prefix) && highestUsed.length === 13 ? Number(highestUsed.slice(2, 12)) : 0;
  if (last >= 9_999_999_999)
    return { ok: false, message: `Every in-store code with prefix ${prefix} is used; choose another prefix` };
  return { ok: true, code: withCheckDigit(prefix + String(last + 1).padStart(10, '0')) };
}
