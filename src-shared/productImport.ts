// Rows of a product CSV (Shopify's export or Orderline's layout) into validated products, variants
// and opening stock, with every bad row named by its number and reason. Nothing here writes: the
// desk shows the plan, and writes the good rows only when the user chooses to.
import { checkGtin, withCheckDigit } from './barcodes';
import {
  PRODUCT_FIELDS,
  VARIANT_FIELDS,
  differingFields,
  productChanges,
  variantChanges,
} from './catalogChanges';
import type { CsvRow } from './csvText';
import { normaliseGtin } from './gtin';
import { newId } from './ids';
import { cell, type ColumnMapping } from './importLayouts';
import { parseMoney } from './money';
import { checkInStorePrefix } from './productForm';
import {
  ProductSchema,
  StockMovementSchema,
  TAX_CLASSES,
  VariantSchema,
  type Product,
  type StockMovement,
  type Variant,
} from './records';
import { searchWords } from './searchWords';
import { safeParseRecord, type Parsed } from './validation';

export interface RowProblem {
  row: number;
  message: string;
}

export interface ProductImportOptions {
  layout: 'shopify' | 'orderline';
  mapping: ColumnMapping;
  currency: string;
  /** Bin for rows that do not name one (the Shopify layout has none). */
  defaultBin: string;
  defaultCategory: string;
  /** The catalogue as it stands: variants by SKU, their products by id, and barcode keys
   * (normaliseGtin) → the SKU that has them. A row whose SKU (or else barcode) is here changes that
   * item instead of adding one. */
  existingVariants: ReadonlyMap<string, Variant>;
  existingProducts: ReadonlyMap<string, Product>;
  existingBarcodes: ReadonlyMap<string, string>;
  /** New items without a barcode get a new in-store EAN-13 when true; otherwise the row is refused. */
  makeMissingBarcodes: boolean;
  /** The store's prefix (20–29, store.barcodePrefix) for the in-store codes it makes. */
  barcodePrefix: string;
  /** File name, for the opening-stock movements' reason. */
  source: string;
  deskId: string;
  staffId?: string;
  now: string;
}

/** A row that changes an item already in the catalogue, and what it changes. */
export interface CatalogueChange {
  row: number;
  sku: string;
  product: string;
  changes: string[];
}

export interface ProductImportPlan {
  /** New products and new variants (some of them of products already in the catalogue). */
  products: Product[];
  variants: Variant[];
  /** Products and variants already in the catalogue that the file changes, with the fields changed. */
  updatedProducts: Array<{ row: Product; fields: string[] }>;
  updatedVariants: Array<{ row: Variant; fields: string[] }>;
  /** Rows that change an item already in the catalogue (its product's changes on its first row). */
  changes: CatalogueChange[];
  /** Rows that match an item already in the catalogue and change nothing. */
  unchangedRows: number;
  /** Rows of items already in the catalogue that give a stock quantity: stock is not changed by an
   * import (a count in Stock does that), so it is said, not done. */
  stockNotChanged: number;
  /** Opening stock: one 'receive' movement per variant with stock. */
  movements: StockMovement[];
  problems: RowProblem[];
  /** Rows that became new variants or match items already in the catalogue. */
  goodRows: number;
  /** Shopify's image-only rows: no variant on them, nothing lost. */
  skippedRows: number;
  madeBarcodes: number;
}

interface Group {
  key: string;
  first: CsvRow;
  rows: CsvRow[];
}

const TRUE_WORDS = new Set(['true', 'yes', 'y', '1', 'active']);
const FALSE_WORDS = new Set(['false', 'no', 'n', '0', 'draft', 'archived', 'inactive']);

/** Body (HTML) as plain text: tags become spaces, the common entities their characters. */
export function htmlToText(html: string): string {
  return html
    .replace(/<(br|\/p|\/div|\/li|\/h\d)\s*\/?>/gi, '\n')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/[ \t]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** The digits of a barcode cell, or a sentence saying why it cannot be one. */
function barcodeDigits(raw: string): { ok: true; code: string } | { ok: false; message: string } {
  // Shopify exports keep leading zeros with an apostrophe; pastes leave spaces and hyphens.
  const text = raw.replace(/^'/, '').replace(/[\s-]/g, '');
  if (/^\d+(\.\d+)?e\+?\d+$/i.test(text)) {
    return {
      ok: false,
      message: `Barcode ${raw} was turned into a number by a spreadsheet and its digits are lost; format the column as text and copy the barcodes in again`,
    };
  }
  // A GTIN-14 with a zero indicator is the EAN-13 inside it.
  const code = text.length === 14 && text.startsWith('0') ? text.slice(1) : text;
  const checked = checkGtin(code);
  return checked.ok ? { ok: true, code } : { ok: false, message: checked.message };
}

function parseActive(
  text: string,
  label: string,
): { ok: true; value: boolean } | { ok: false; message: string } {
  const word = text.toLowerCase();
  if (word === '' || TRUE_WORDS.has(word)) return { ok: true, value: true };
  if (FALSE_WORDS.has(word)) return { ok: true, value: false };
  return { ok: false, message: `${label} “${text}” is not one of active, draft, yes or no` };
}

function wholeNumber(
  text: string,
  label: string,
  round: boolean,
): { ok: true; value: number } | { ok: false; message: string } {
  if (text === '') return { ok: true, value: 0 };
  const plain = text.replace(/,/g, '');
  if (!/^-?\d+(\.\d+)?$/.test(plain)) return { ok: false, message: `${label} “${text}” is not a number` };
  const value = Number(plain);
  if (value < 0) return { ok: false, message: `${label} ${text} is negative` };
  if (!round && !Number.isInteger(value))
    return { ok: false, message: `${label} ${text} is not a whole number` };
  return { ok: true, value: Math.round(value) };
}

function skuFrom(text: string): string {
  return text
    .toUpperCase()
    .replace(/[^A-Z0-9._-]+/g, '-')
    .replace(/^[^A-Z0-9]+|-+$/g, '')
    .slice(0, 40);
}

/** Builds the import plan. `onProgress` gets 0..1 as rows are checked. */
export function planProductImport(
  rows: readonly CsvRow[],
  options: ProductImportOptions,
  onProgress: (fraction: number) => void = () => {},
): ProductImportPlan {
  const { mapping, layout } = options;
  const get = (r: CsvRow, key: string) => cell(r.cells, mapping, key);
  const problems: RowProblem[] = [];
  const problem = (row: number, message: string) => problems.push({ row, message });

  // 1. Rows into products: by handle (Shopify) or product name (Orderline), in order of first row.
  const groups = new Map<string, Group>();
  const keyField = layout === 'shopify' ? 'handle' : 'name';
  for (const r of rows) {
    const raw = get(r, keyField);
    if (raw === '') {
      problem(
        r.row,
        layout === 'shopify'
          ? 'Handle is empty; every Shopify row names its product by handle'
          : 'Product is empty; every row names its product',
      );
      continue;
    }
    const key = layout === 'shopify' ? raw.toLowerCase() : raw;
    const group = groups.get(key);
    if (!group) {
      groups.set(key, { key: raw, first: r, rows: [r] });
      continue;
    }
    const title = layout === 'shopify' ? get(r, 'title') : '';
    const firstTitle = get(group.first, 'title');
    if (title !== '' && firstTitle !== '' && title !== firstTitle) {
      problem(
        r.row,
        `Handle “${raw}” is already used for “${firstTitle}” on row ${group.first.row}; a second product needs its own handle`,
      );
      continue;
    }
    group.rows.push(r);
  }

  const products: Product[] = [];
  const variants: Variant[] = [];
  const movements: StockMovement[] = [];
  const skuRows = new Map<string, number>();
  const barcodeRows = new Map<string, { row: number; code: string }>();
  // A catalogue repeats a few prices many times: each text is read once.
  const prices = new Map<string, ReturnType<typeof parseMoney>>();
  const priceOf = (text: string) => {
    let parsed = prices.get(text);
    if (!parsed) prices.set(text, (parsed = parseMoney(text, options.currency)));
    return parsed;
  };
  // Opening-stock movements differ only in their id, variant (ids the schema has read) and
  // quantity: the schema reads each quantity once, and the others are copies of that movement.
  const openingByQuantity = new Map<number, Parsed<StockMovement>>();
  const openingStock = (variantId: string, quantity: number): Parsed<StockMovement> => {
    const checked = openingByQuantity.get(quantity);
    if (checked)
      return checked.ok ? { ok: true, value: { ...checked.value, id: newId(), variantId } } : checked;
    const movement = safeParseRecord(StockMovementSchema, {
      id: newId(),
      variantId,
      kind: 'receive',
      quantity,
      reason: `Opening stock from ${options.source}`.slice(0, 200),
      deskId: options.deskId,
      ...(options.staffId ? { staffId: options.staffId } : {}),
      createdAt: options.now,
    });
    openingByQuantity.set(quantity, movement);
    return movement;
  };
  const prefixRefused = checkInStorePrefix(options.barcodePrefix);
  let nextInStore = nextInStoreNumber(options.existingBarcodes, options.barcodePrefix);
  let madeBarcodes = 0;
  let skippedRows = 0;
  let checked = 0;
  const total = rows.length || 1;
  const updatedProducts: ProductImportPlan['updatedProducts'] = [];
  const updatedVariants: ProductImportPlan['updatedVariants'] = [];
  const changes: CatalogueChange[] = [];
  let unchangedRows = 0;
  let stockNotChanged = 0;
  // The variants of a product already in the catalogue, looked up only when a file touches one.
  let variantsByProduct: Map<string, Variant[]> | null = null;
  const variantsOf = (productId: string) => {
    if (!variantsByProduct) {
      variantsByProduct = new Map();
      for (const v of options.existingVariants.values()) {
        const list = variantsByProduct.get(v.productId);
        if (list) list.push(v);
        else variantsByProduct.set(v.productId, [v]);
      }
    }
    return variantsByProduct.get(productId) ?? [];
  };
  const barcodeKeyOf = (text: string) => {
    if (text === '') return null;
    const digits = barcodeDigits(text);
    return digits.ok ? normaliseGtin(digits.code) : null;
  };
  /** The catalogue's item a row names: by its SKU, or else by its barcode's value. */
  const existingOf = (sku: string, barcodeKey: string | null): Variant | undefined => {
    const bySku = options.existingVariants.get(sku);
    if (bySku) return bySku;
    const owner = barcodeKey ? options.existingBarcodes.get(barcodeKey) : undefined;
    return owner === undefined ? undefined : options.existingVariants.get(owner);
  };

  for (const group of groups.values()) {
    const first = group.first;
    const name = layout === 'shopify' ? get(first, 'title') : get(first, 'name');
    const categoryText = get(first, layout === 'shopify' ? 'type' : 'category');
    const brand = get(first, layout === 'shopify' ? 'vendor' : 'brand');
    const descriptionRaw = get(first, layout === 'shopify' ? 'body' : 'description');
    const description = layout === 'shopify' ? htmlToText(descriptionRaw) : descriptionRaw;
    const taxClassText = layout === 'orderline' ? get(first, 'taxClass').toLowerCase() : '';
    const activeText = get(first, layout === 'shopify' ? 'status' : 'active');
    const active = parseActive(activeText, 'Status');
    // Shopify marks a product without options as Option1 Name "Title", value "Default Title".
    const optionNames = [1, 2, 3].map((n) => get(first, `option${n}Name`));
    const defaultTitle =
      optionNames[0]?.toLowerCase() === 'title' &&
      get(first, 'option1Value').toLowerCase() === 'default title';
    const productOptions = defaultTitle ? [] : optionNames.filter((o) => o !== '');
    const optionValues = (r: CsvRow) =>
      defaultTitle
        ? []
        : optionNames.flatMap((o, i) =>
            o && get(r, `option${i + 1}Value`) ? [get(r, `option${i + 1}Value`)] : [],
          );
    const skuOf = (r: CsvRow) => {
      const sku = get(r, 'sku');
      return sku
        ? sku.toUpperCase()
        : skuFrom([group.key, ...optionValues(r)].join('-')) || skuFrom(name || group.key);
    };

    // A file's product is the catalogue's when one of its rows names an item already there.
    let existing: Product | undefined;
    // (An empty catalogue, as on a first import, has nothing to look up.)
    for (const r of options.existingVariants.size ? group.rows : []) {
      const match = existingOf(skuOf(r), barcodeKeyOf(get(r, 'barcode')));
      existing = match && options.existingProducts.get(match.productId);
      if (existing) break;
    }

    const productProblems: string[] = [];
    if (layout === 'shopify' && name === '' && !existing)
      productProblems.push(
        `Title is empty on the first row of handle “${group.key}”; the product needs a name`,
      );
    if (!active.ok) productProblems.push(active.message);
    if (taxClassText !== '' && !(TAX_CLASSES as readonly string[]).includes(taxClassText))
      productProblems.push(`Tax class “${taxClassText}” is not one of ${TAX_CLASSES.join(', ')}`);
    // An item already in the catalogue keeps what a cell leaves empty.
    const productName = name || existing?.name || group.key;
    const category = categoryText || existing?.category || options.defaultCategory;
    const productBrand = brand || existing?.brand;
    const productDescription = description || existing?.description;
    const parsedProduct = safeParseRecord(ProductSchema, {
      ...existing,
      id: existing?.id ?? newId(),
      name: productName,
      ...(productDescription ? { description: productDescription } : {}),
      category,
      ...(productBrand ? { brand: productBrand } : {}),
      taxClass: taxClassText || existing?.taxClass || 'standard',
      options: productOptions.length || !existing ? productOptions : existing.options,
      allowBackorder: existing?.allowBackorder ?? false,
      active: active.ok && (activeText !== '' || !existing) ? active.value : (existing?.active ?? true),
      searchWords: searchWords(productName, productBrand, category),
      createdAt: existing?.createdAt ?? options.now,
      updatedAt: options.now,
    });
    if (!parsedProduct.ok) productProblems.push(...parsedProduct.issues);
    if (productProblems.length > 0) {
      problem(first.row, productProblems.join('; '));
      for (const r of group.rows.slice(1))
        problem(r.row, `Belongs to “${name || group.key}” on row ${first.row}, which cannot be imported`);
      checked += group.rows.length;
      continue;
    }
    const product = (parsedProduct as { ok: true; value: Product }).value;
    const productFields = existing ? differingFields(existing, product, PRODUCT_FIELDS) : [];
    let productChangesShown = false;

    const productVariants: Variant[] = [];
    const productMovements: StockMovement[] = [];
    const productUpdates: ProductImportPlan['updatedVariants'] = [];
    const productChangeRows: CatalogueChange[] = [];
    let productUnchanged = 0;
    let productStockNotChanged = 0;
    const combos = new Map<string, number>();
    // The catalogue's own variants of this product: a new row may not repeat their options.
    const storedCombos = new Map(
      existing ? variantsOf(existing.id).map((v) => [JSON.stringify(v.attributes), v] as const) : [],
    );
    for (const r of group.rows) {
      checked++;
      if (checked % 2000 === 0) onProgress(checked / total);
      const values = [1, 2, 3].map((n) => get(r, `option${n}Value`));
      const sku = get(r, 'sku');
      const priceText = get(r, 'price');
      const barcodeText = get(r, 'barcode');
      // Shopify's extra image rows carry only the handle and an image: no variant on them.
      if (
        r !== first &&
        sku === '' &&
        priceText === '' &&
        barcodeText === '' &&
        values.every((v) => v === '')
      ) {
        skippedRows++;
        continue;
      }
      const issues: string[] = [];
      const attributes: Record<string, string> = {};
      if (!defaultTitle) {
        optionNames.forEach((optionName, i) => {
          const value = values[i] ?? '';
          if (optionName && value) attributes[optionName] = value;
          else if (optionName && !value)
            issues.push(
              `Option${i + 1} Value is empty; every variant of “${product.name}” needs a ${optionName}`,
            );
          else if (!optionName && value)
            issues.push(
              `Option${i + 1} Value “${value}” has no Option${i + 1} Name on the product's first row (row ${first.row})`,
            );
        });
      }
      const skuText = skuOf(r);
      let barcode = '';
      if (barcodeText !== '') {
        const digits = barcodeDigits(barcodeText);
        if (digits.ok) barcode = digits.code;
        else issues.push(digits.message);
      }
      const match = existingOf(skuText, barcode ? normaliseGtin(barcode) : null);
      if (match && match.productId !== product.id) {
        const other = options.existingProducts.get(match.productId)?.name ?? 'another product';
        issues.push(`SKU ${match.sku} is “${other}” in the catalogue, not “${product.name}”`);
      }

      const combo = JSON.stringify(Object.keys(attributes).length || !match ? attributes : match.attributes);
      const sameCombo = combos.get(combo);
      const storedCombo = storedCombos.get(combo);
      if (sameCombo !== undefined && Object.keys(attributes).length > 0)
        issues.push(`It is the same ${Object.values(attributes).join(' / ')} as row ${sameCombo}`);
      else if (sameCombo !== undefined)
        issues.push(`“${product.name}” has no options, so it can have only one variant (row ${sameCombo})`);
      else if (storedCombo && storedCombo.id !== match?.id)
        issues.push(
          `“${product.name}” already has ${Object.values(attributes).join(' / ') || 'its one variant'} as SKU ${storedCombo.sku}`,
        );

      const price = priceText === '' ? null : priceOf(priceText);
      if (price === null && !match) issues.push('Price is empty; every variant needs a price');
      else if (price && !price.ok) issues.push(`Price: ${price.message}`);
      const compareAt = get(r, 'compareAtPrice');
      if (compareAt !== '') {
        const parsed = priceOf(compareAt);
        if (!parsed.ok) issues.push(`Compare At Price: ${parsed.message}`);
      }
      const gramsText = get(r, 'grams');
      const grams = wholeNumber(gramsText, 'Weight', true);
      if (!grams.ok) issues.push(grams.message);
      const quantityText = get(r, 'quantity');
      const quantity = wholeNumber(quantityText, 'Opening stock', false);
      if (!quantity.ok) issues.push(quantity.message);

      if (barcodeText === '' && match) barcode = match.barcode;
      else if (barcodeText === '' && options.makeMissingBarcodes) {
        if (prefixRefused) issues.push(`No barcode, and none can be made: ${prefixRefused}`);
        else barcode = inStoreBarcode(nextInStore, options.barcodePrefix);
      } else if (barcodeText === '') issues.push('Barcode is empty; every item needs one to be scanned');
      const barcodeKey = barcode ? normaliseGtin(barcode) : null;
      if (barcodeKey) {
        const inFile = barcodeRows.get(barcodeKey);
        const owner = options.existingBarcodes.get(barcodeKey);
        if (inFile) issues.push(`Barcode ${barcode} is the same code as ${inFile.code} on row ${inFile.row}`);
        else if (owner !== undefined && owner !== match?.sku)
          issues.push(`Barcode ${barcode} is already in the catalogue (SKU ${owner})`);
      }
      const earlierSku = skuRows.get(skuText);
      const skuOwner = options.existingVariants.get(skuText);
      if (earlierSku !== undefined) issues.push(`SKU ${skuText} is already on row ${earlierSku}`);
      else if (skuOwner && skuOwner.id !== match?.id)
        issues.push(`SKU ${skuText} is already in the catalogue`);

      const binText = layout === 'orderline' ? get(r, 'bin').toUpperCase() : '';
      const parsed = safeParseRecord(VariantSchema, {
        ...match,
        id: match?.id ?? newId(),
        productId: product.id,
        sku: match && sku === '' ? match.sku : skuText,
        barcode,
        attributes: Object.keys(attributes).length || !match ? attributes : match.attributes,
        price: price?.ok ? price.value : (match?.price ?? { amount: 0, currency: options.currency }),
        weightGrams: grams.ok && (gramsText !== '' || !match) ? grams.value : (match?.weightGrams ?? 0),
        bin: binText || match?.bin || options.defaultBin,
        createdAt: match?.createdAt ?? options.now,
        updatedAt: options.now,
      });
      if (!parsed.ok) {
        // The barcode's own problem was said above; the schema would only say it again.
        issues.push(...parsed.issues.filter((issue) => barcode !== '' || !/^Barcode/.test(issue)));
      }
      if (issues.length > 0 || !parsed.ok) {
        problem(r.row, [...new Set(issues)].join('; '));
        continue;
      }
      const variant = parsed.value;
      combos.set(combo, r.row);
      skuRows.set(variant.sku, r.row);
      if (barcodeKey) barcodeRows.set(barcodeKey, { row: r.row, code: variant.barcode });
      if (match) {
        // Stock is counted, not imported, once an item is in the catalogue.
        if (quantityText !== '') productStockNotChanged++;
        const fields = differingFields(match, variant, VARIANT_FIELDS);
        const said = [
          ...(productChangesShown ? [] : productChanges(existing!, product)),
          ...variantChanges(match, variant),
        ];
        productChangesShown = true;
        if (fields.length) productUpdates.push({ row: variant, fields: [...fields, 'updatedAt'] });
        if (said.length)
          productChangeRows.push({ row: r.row, sku: variant.sku, product: product.name, changes: said });
        else productUnchanged++;
        continue;
      }
      if (barcodeText === '') {
        nextInStore++;
        madeBarcodes++;
      }
      productVariants.push(variant);
      if (quantity.ok && quantity.value > 0) {
        const movement = openingStock(variant.id, quantity.value);
        if (!movement.ok) {
          problem(r.row, movement.issues.join('; '));
          productVariants.pop();
          skuRows.delete(variant.sku);
          if (barcodeKey) barcodeRows.delete(barcodeKey);
          continue;
        }
        productMovements.push(movement.value);
      }
    }
    const matchedRows = productChangeRows.length + productUnchanged;
    if (productVariants.length === 0 && matchedRows === 0) continue;
    if (!existing) products.push(product);
    else if (productFields.length)
      updatedProducts.push({ row: product, fields: [...productFields, 'searchWords', 'updatedAt'] });
    variants.push(...productVariants);
    movements.push(...productMovements);
    updatedVariants.push(...productUpdates);
    changes.push(...productChangeRows);
    unchangedRows += productUnchanged;
    stockNotChanged += productStockNotChanged;
  }
  onProgress(1);
  problems.sort((a, b) => a.row - b.row);
  return {
    products,
    variants,
    movements,
    updatedProducts,
    updatedVariants,
    changes,
    unchangedRows,
    stockNotChanged,
    problems,
    goodRows: variants.length + changes.length + unchangedRows,
    skippedRows,
    madeBarcodes,
  };
}

/** The in-store EAN-13 with this serial number: the store's prefix, ten digits, check digit. */
export function inStoreBarcode(serial: number, prefix: string): string {
  return withCheckDigit(prefix + String(serial).padStart(10, '0'));
}

/** One past the highest in-store serial already in the catalogue, so a new code never collides. */
function nextInStoreNumber(existing: ReadonlyMap<string, string>, prefix: string): number {
  let highest = 0;
  for (const key of existing.keys()) {
    // Keys are 14 digits: a leading 0, then the EAN-13.
    if (key.startsWith(`0${prefix}`)) highest = Math.max(highest, Number(key.slice(3, 13)));
  }
  return highest + 1;
}
