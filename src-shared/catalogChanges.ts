// What an import (or any edit) changes in a product or variant already in the catalogue: the fields
// that differ, for the outbox (last writer per field), and a short sentence for each, for people.
import { formatMoney } from './money';
import type { Product, Variant } from './records';

/** The product fields a person sets, in the order their changes are listed. */
export const PRODUCT_FIELDS = [
  'name',
  'category',
  'brand',
  'description',
  'taxClass',
  'options',
  'active',
] as const;
/** The variant fields an import sets, in the order their changes are listed. */
export const VARIANT_FIELDS = ['sku', 'barcode', 'attributes', 'price', 'weightGrams', 'bin'] as const;

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The fields of `fields` whose values differ between `before` and `after`. */
export function differingFields<T extends object, K extends keyof T & string>(
  before: T,
  after: T,
  fields: readonly K[],
): K[] {
  return fields.filter((f) => !same(before[f], after[f]));
}

const quoted = (text: string | undefined) => (text ? `“${text}”` : 'none');

/** One sentence per changed product field, e.g. `category Mugs → Kitchen`. */
export function productChanges(before: Product, after: Product): string[] {
  return differingFields(before, after, PRODUCT_FIELDS).map((field) => {
    switch (field) {
      case 'name':
        return `name ${quoted(before.name)} → ${quoted(after.name)}`;
      case 'category':
        return `category ${before.category} → ${after.category}`;
      case 'brand':
        return `brand ${quoted(before.brand)} → ${quoted(after.brand)}`;
      case 'description':
        return 'new description';
      case 'taxClass':
        return `tax class ${before.taxClass} → ${after.taxClass}`;
      case 'options':
        return `options ${before.options.join(' / ') || 'none'} → ${after.options.join(' / ') || 'none'}`;
      case 'active':
        return after.active ? 'back on sale' : 'archived';
    }
  });
}

/** One sentence per changed variant field, e.g. `price £12.50 → £13.00`. */
export function variantChanges(before: Variant, after: Variant): string[] {
  return differingFields(before, after, VARIANT_FIELDS).map((field) => {
    switch (field) {
      case 'sku':
        return `SKU ${before.sku} → ${after.sku}`;
      case 'barcode':
        return `barcode ${before.barcode} → ${after.barcode}`;
      case 'attributes':
        return `${Object.values(before.attributes).join(' / ') || 'no options'} → ${Object.values(after.attributes).join(' / ') || 'no options'}`;
      case 'price':
        return `price ${formatMoney(before.price)} → ${formatMoney(after.price)}`;
      case 'weightGrams':
        return `weight ${before.weightGrams} g → ${after.weightGrams} g`;
      case 'bin':
        return `bin ${before.bin} → ${after.bin}`;
    }
  });
}
