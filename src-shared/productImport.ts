// Rows of a product CSV (Shopify's export or Orderline's layout) into validated products, variants
// and opening stock, with every bad row named by its number and reason. Nothing here writes: the
// desk shows the plan, and writes the good rows only when the user chooses to.
import { checkGtin, withCheckDigit } from './barcodes';
import type { CsvRow } from './csvText';
import { normaliseGtin } from './gtin';
import { newId } from './ids';
import { cell, type ColumnMapping } from './importLayouts';
import { parseMoney } from './money';
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
import { safeParseRecord } from './validation';

export interface RowProblem {
  row: number;
  message: string;
}

/** Where barcodes for items without one come from: GS1 prefix 04 is for a store's own use. */
export const IN_STORE_BARCODE_PREFIX = '04';

export interface ProductImportOptions {
  layout: 'shopify' | 'orderline';
  mapping: ColumnMapping;
  currency: string;
  /** Bin for rows that do not name one (the Shopify layout has none). */
  defaultBin: string;
  defaultCategory: string;
  /** SKUs already in the catalogue, and barcode keys (normaliseGtin) → the SKU that has them. */
  existingSkus: ReadonlySet<string>;
  existingBarcodes: ReadonlyMap<string, string>;
  /** Items without a barcode get a new in-store EAN-13 when true; otherwise the row is refused. */
  makeMissingBarcodes: boolean;
  /** File name, for the opening-stock movements' reason. */
  source: string;
  deskId: string;
  staffId?: string;
  now: string;
}

export interface ProductImportPlan {
  products: Product[];
  variants: Variant[];
  /** Opening stock: one 'receive' movement per variant with stock. */
  movements: StockMovement[];
  problems: RowProblem[];
  /** Rows that became variants. */
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
  let nextInStore = nextInStoreNumber(options.existingBarcodes);
  let madeBarcodes = 0;
  let skippedRows = 0;
  let checked = 0;
  const total = rows.length || 1;

  for (const group of groups.values()) {
    const first = group.first;
    const productId = newId();
    const name = layout === 'shopify' ? get(first, 'title') : get(first, 'name');
    const category = get(first, layout === 'shopify' ? 'type' : 'category') || options.defaultCategory;
    const brand = get(first, layout === 'shopify' ? 'vendor' : 'brand');
    const descriptionRaw = get(first, layout === 'shopify' ? 'body' : 'description');
    const description = layout === 'shopify' ? htmlToText(descriptionRaw) : descriptionRaw;
    const taxClassText = layout === 'orderline' ? get(first, 'taxClass').toLowerCase() : '';
    const active = parseActive(get(first, layout === 'shopify' ? 'status' : 'active'), 'Status');
    // Shopify marks a product without options as Option1 Name "Title", value "Default Title".
    const optionNames = [1, 2, 3].map((n) => get(first, `option${n}Name`));
    const defaultTitle =
      optionNames[0]?.toLowerCase() === 'title' &&
      get(first, 'option1Value').toLowerCase() === 'default title';
    const productOptions = defaultTitle ? [] : optionNames.filter((o) => o !== '');

    const productProblems: string[] = [];
    if (layout === 'shopify' && name === '')
      productProblems.push(
        `Title is empty on the first row of handle “${group.key}”; the product needs a name`,
      );
    if (!active.ok) productProblems.push(active.message);
    if (taxClassText !== '' && !(TAX_CLASSES as readonly string[]).includes(taxClassText))
      productProblems.push(`Tax class “${taxClassText}” is not one of ${TAX_CLASSES.join(', ')}`);
    const parsedProduct = safeParseRecord(ProductSchema, {
      id: productId,
      name: name || group.key,
      ...(description ? { description } : {}),
      category,
      ...(brand ? { brand } : {}),
      taxClass: taxClassText || 'standard',
      options: productOptions,
      allowBackorder: false,
      active: active.ok ? active.value : true,
      searchWords: searchWords(name || group.key, brand, category),
      createdAt: options.now,
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

    const productVariants: Variant[] = [];
    const productMovements: StockMovement[] = [];
    const combos = new Map<string, number>();
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
      const combo = JSON.stringify(attributes);
      const sameCombo = combos.get(combo);
      if (sameCombo !== undefined && Object.keys(attributes).length > 0)
        issues.push(`It is the same ${Object.values(attributes).join(' / ')} as row ${sameCombo}`);
      else if (sameCombo !== undefined)
        issues.push(`“${product.name}” has no options, so it can have only one variant (row ${sameCombo})`);

      const skuText = sku
        ? sku.toUpperCase()
        : skuFrom([group.key, ...Object.values(attributes)].join('-')) || skuFrom(product.name);
      const price = priceText === '' ? null : priceOf(priceText);
      if (price === null) issues.push('Price is empty; every variant needs a price');
      else if (!price.ok) issues.push(`Price: ${price.message}`);
      const compareAt = get(r, 'compareAtPrice');
      if (compareAt !== '') {
        const parsed = priceOf(compareAt);
        if (!parsed.ok) issues.push(`Compare At Price: ${parsed.message}`);
      }
      const grams = wholeNumber(get(r, 'grams'), 'Weight', true);
      if (!grams.ok) issues.push(grams.message);
      const quantity = wholeNumber(get(r, 'quantity'), 'Opening stock', false);
      if (!quantity.ok) issues.push(quantity.message);

      let barcode = '';
      if (barcodeText !== '') {
        const digits = barcodeDigits(barcodeText);
        if (digits.ok) barcode = digits.code;
        else issues.push(digits.message);
      } else if (options.makeMissingBarcodes) {
        barcode = inStoreBarcode(nextInStore);
      } else {
        issues.push('Barcode is empty; every item needs one to be scanned');
      }
      const barcodeKey = barcode ? normaliseGtin(barcode) : null;
      if (barcodeKey) {
        const inFile = barcodeRows.get(barcodeKey);
        const owner = options.existingBarcodes.get(barcodeKey);
        if (inFile) issues.push(`Barcode ${barcode} is the same code as ${inFile.code} on row ${inFile.row}`);
        else if (owner !== undefined)
          issues.push(`Barcode ${barcode} is already in the catalogue (SKU ${owner})`);
      }
      const earlierSku = skuRows.get(skuText);
      if (earlierSku !== undefined) issues.push(`SKU ${skuText} is already on row ${earlierSku}`);
      else if (options.existingSkus.has(skuText)) issues.push(`SKU ${skuText} is already in the catalogue`);

      const bin = (layout === 'orderline' ? get(r, 'bin').toUpperCase() : '') || options.defaultBin;
      const parsed = safeParseRecord(VariantSchema, {
        id: newId(),
        productId: product.id,
        sku: skuText,
        barcode,
        attributes,
        price: price?.ok ? price.value : { amount: 0, currency: options.currency },
        weightGrams: grams.ok ? grams.value : 0,
        bin,
        createdAt: options.now,
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
      if (barcodeText === '') {
        nextInStore++;
        madeBarcodes++;
      }
      productVariants.push(variant);
      if (quantity.ok && quantity.value > 0) {
        const movement = safeParseRecord(StockMovementSchema, {
          id: newId(),
          variantId: variant.id,
          kind: 'receive',
          quantity: quantity.value,
          reason: `Opening stock from ${options.source}`.slice(0, 200),
          deskId: options.deskId,
          ...(options.staffId ? { staffId: options.staffId } : {}),
          createdAt: options.now,
        });
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
    if (productVariants.length === 0) continue;
    products.push(product);
    variants.push(...productVariants);
    movements.push(...productMovements);
  }
  onProgress(1);
  problems.sort((a, b) => a.row - b.row);
  return { products, variants, movements, problems, goodRows: variants.length, skippedRows, madeBarcodes };
}

/** The in-store EAN-13 with this serial number: 04, ten digits, check digit. */
export function inStoreBarcode(serial: number): string {
  return withCheckDigit(IN_STORE_BARCODE_PREFIX + String(serial).padStart(10, '0'));
}

/** One past the highest in-store serial already in the catalogue, so a new code never collides. */
function nextInStoreNumber(existing: ReadonlyMap<string, string>): number {
  let highest = 0;
  for (const key of existing.keys()) {
    // Keys are 14 digits: a leading 0, then the EAN-13.
    if (key.startsWith(`0${IN_STORE_BARCODE_PREFIX}`)) highest = Math.max(highest, Number(key.slice(3, 13)));
  }
  return highest + 1;
}
