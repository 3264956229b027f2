// The CSV layouts Orderline imports (Shopify's product export, its own product layout, customers):
// which fields each has, the headers each field is known by, and which column feeds which field.

export const IMPORT_LAYOUTS = ['shopify', 'orderline', 'customers'] as const;
export type ImportLayout = (typeof IMPORT_LAYOUTS)[number];

export interface ImportField {
  key: string;
  label: string;
  required: boolean;
  /** Headers this field is known by, compared without case, spaces or punctuation. */
  headers: readonly string[];
}

const field = (key: string, label: string, headers: readonly string[], required = false): ImportField => ({
  key,
  label,
  required,
  headers: [label, ...headers],
});

export const LAYOUT_NAMES: Record<ImportLayout, string> = {
  shopify: 'Products (Shopify export)',
  orderline: 'Products (Orderline layout)',
  customers: 'Customers',
};

const OPTION_FIELDS = [1, 2, 3].flatMap((n) => [
  field(`option${n}Name`, `Option${n} Name`, [`Option ${n} name`]),
  field(`option${n}Value`, `Option${n} Value`, [`Option ${n} value`]),
]);

export const LAYOUT_FIELDS: Record<ImportLayout, readonly ImportField[]> = {
  shopify: [
    field('handle', 'Handle', ['URL handle'], true),
    field('title', 'Title', ['Product title', 'Name']),
    field('body', 'Body (HTML)', ['Body', 'Description']),
    field('vendor', 'Vendor', ['Brand']),
    field('type', 'Type', ['Product type', 'Category']),
    field('tags', 'Tags', []),
    field('status', 'Status', ['Published']),
    ...OPTION_FIELDS,
    field('sku', 'Variant SKU', ['SKU']),
    field('grams', 'Variant Grams', ['Grams', 'Weight grams']),
    field('quantity', 'Variant Inventory Qty', ['Inventory quantity', 'Inventory', 'Quantity', 'Stock']),
    field('price', 'Variant Price', ['Price'], true),
    field('compareAtPrice', 'Variant Compare At Price', ['Compare at price']),
    field('barcode', 'Variant Barcode', ['Barcode', 'EAN', 'UPC', 'GTIN']),
  ],
  orderline: [
    field('name', 'Product', ['Product name', 'Name', 'Title'], true),
    field('sku', 'SKU', ['Variant SKU'], true),
    field('barcode', 'Barcode', ['EAN', 'UPC', 'GTIN', 'Variant barcode']),
    field('price', 'Price', ['Variant price', 'Unit price'], true),
    ...OPTION_FIELDS,
    field('category', 'Category', ['Type']),
    field('brand', 'Brand', ['Vendor']),
    field('taxClass', 'Tax class', []),
    field('grams', 'Weight (g)', ['Weight', 'Grams', 'Weight grams']),
    field('bin', 'Bin', ['Location']),
    field('description', 'Description', []),
    field('active', 'Active', ['Status']),
    field('quantity', 'On hand', ['Stock', 'Quantity', 'Inventory']),
  ],
  customers: [
    field('name', 'Name', ['Customer name', 'Full name'], true),
    field('firstName', 'First Name', ['Given name']),
    field('lastName', 'Last Name', ['Surname', 'Family name']),
    field('company', 'Company', ['Default Address Company', 'Organisation', 'Organization']),
    field('email', 'Email', ['E-mail', 'Email address']),
    field('phone', 'Phone', ['Telephone', 'Default Address Phone', 'Mobile']),
    field('line1', 'Address line 1', ['Address1', 'Default Address Address1', 'Address', 'Street']),
    field('line2', 'Address line 2', ['Address2', 'Default Address Address2']),
    field('city', 'City', ['Town', 'Default Address City']),
    field('region', 'Region', [
      'State',
      'Province',
      'County',
      'Default Address Province Code',
      'Province Code',
    ]),
    field('postalCode', 'Postcode', ['Zip', 'Postal code', 'Default Address Zip', 'ZIP code']),
    field('country', 'Country', ['Country code', 'Default Address Country Code', 'Country Code']),
    field('notes', 'Notes', ['Note']),
  ],
};

/** Field key → column index in the file, or null when no column feeds it. */
export type ColumnMapping = Record<string, number | null>;

const squash = (text: string) => text.toLowerCase().replace(/[^a-z0-9]/g, '');

/** Matches each field to the first column whose header is one of the field's names. */
export function autoMapping(layout: ImportLayout, headers: readonly string[]): ColumnMapping {
  const squashed = headers.map(squash);
  const mapping: ColumnMapping = {};
  const taken = new Set<number>();
  for (const f of LAYOUT_FIELDS[layout]) {
    const names = f.headers.map(squash);
    const index = squashed.findIndex((h, i) => !taken.has(i) && names.includes(h));
    mapping[f.key] = index === -1 ? null : index;
    if (index !== -1) taken.add(index);
  }
  return mapping;
}

/** The layout a file most likely has, judged by its headers. */
export function detectLayout(headers: readonly string[]): ImportLayout {
  const names = new Set(headers.map(squash));
  if (names.has('handle') && (names.has('variantprice') || names.has('variantsku'))) return 'shopify';
  const score = (layout: ImportLayout) =>
    LAYOUT_FIELDS[layout].filter((f) => f.headers.some((h) => names.has(squash(h)))).length;
  const customers = score('customers');
  const products = score('orderline');
  return customers > products ? 'customers' : names.has('handle') ? 'shopify' : 'orderline';
}

/** Sentences for required fields no column feeds; empty when the mapping can be used. */
export function mappingProblems(layout: ImportLayout, mapping: ColumnMapping): string[] {
  return LAYOUT_FIELDS[layout]
    .filter((f) => f.required && (mapping[f.key] ?? null) === null)
    .filter((f) => !(layout === 'customers' && f.key === 'name' && (mapping['firstName'] ?? null) !== null))
    .map((f) => `Choose the column that holds ${f.label}: every row needs it`);
}

/** The trimmed text of a field in one row ('' when unmapped or absent). */
export function cell(cells: readonly string[], mapping: ColumnMapping, key: string): string {
  const index = mapping[key];
  return index === null || index === undefined ? '' : (cells[index] ?? '').trim();
}
