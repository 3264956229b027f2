// CSV files of products, customers, orders and stock for spreadsheets and other systems. A cell
// that starts with = + - @ (or a tab or carriage return) is neutralised so a spreadsheet shows it
// as text and never runs it as a formula (OWASP "CSV injection").
import { defaultAddress } from './customerAddress';
import { toDecimalString } from './money';
import type { Customer, Order, Product, StockLevel, Variant } from './records';

export type CsvCell = string | number | boolean | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;

/** The cell as text a spreadsheet will not run: a leading ' before a formula character. */
export function neutraliseCell(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  // Plain negative numbers stay numbers; anything else starting with - is text.
  if (typeof value === 'number') return text;
  return FORMULA_START.test(text) ? `'${text}` : text;
}

function quote(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A CSV document: a BOM (so Excel reads UTF-8), the header, CRLF line ends. */
export function toCsv(headers: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  const lines = [headers.map((h) => quote(neutraliseCell(h))).join(',')];
  for (const row of rows) lines.push(row.map((c) => quote(neutraliseCell(c))).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** The Orderline product layout: what `planProductImport` reads back with layout 'orderline'. */
export const PRODUCT_HEADERS = [
  'Product',
  'SKU',
  'Barcode',
  'Price',
  'Option1 Name',
  'Option1 Value',
  'Option2 Name',
  'Option2 Value',
  'Option3 Name',
  'Option3 Value',
  'Category',
  'Brand',
  'Tax class',
  'Weight (g)',
  'Bin',
  'Description',
  'Active',
  'On hand',
] as const;

export function productsCsv(
  products: readonly Product[],
  variants: readonly Variant[],
  levels: ReadonlyMap<string, Pick<StockLevel, 'onHand'>>,
): string {
  const byProduct = new Map<string, Variant[]>();
  for (const v of variants) {
    const list = byProduct.get(v.productId) ?? [];
    list.push(v);
    byProduct.set(v.productId, list);
  }
  const rows: CsvCell[][] = [];
  for (const p of products) {
    for (const v of byProduct.get(p.id) ?? []) {
      const options = [0, 1, 2].flatMap((i) => {
        const name = p.options[i];
        return name ? [name, v.attributes[name] ?? ''] : ['', ''];
      });
      rows.push([
        p.name,
        v.sku,
        v.barcode,
        toDecimalString(v.price),
        ...options,
        p.category,
        p.brand,
        p.taxClass,
        v.weightGrams,
        v.bin,
        p.description,
        p.active ? 'yes' : 'no',
        levels.get(v.id)?.onHand ?? 0,
      ]);
    }
  }
  return toCsv(PRODUCT_HEADERS, rows);
}

export const CUSTOMER_HEADERS = [
  'Name',
  'Company',
  'Email',
  'Phone',
  'Address line 1',
  'Address line 2',
  'City',
  'Region',
  'Postcode',
  'Country',
  'Notes',
  'Created',
] as const;

export function customersCsv(customers: readonly Customer[]): string {
  return toCsv(
    CUSTOMER_HEADERS,
    customers.map((c) => {
      const a = defaultAddress(c);
      return [
        c.name,
        c.company,
        c.email,
        c.phone,
        a?.line1,
        a?.line2,
        a?.city,
        a?.region,
        a?.postalCode,
        a?.country,
        c.notes,
        c.createdAt,
      ];
    }),
  );
}

export const ORDER_HEADERS = [
  'Order',
  'Created',
  'Status',
  'Channel',
  'Customer',
  'Line SKU',
  'Line name',
  'Quantity',
  'Unit price',
  'Line discount',
  'Currency',
  'Order subtotal',
  'Order discount',
  'Shipping',
  'Tax',
  'Total',
  'Paid',
  'Refunded',
] as const;

/** One row per order line, the order's totals repeated on each, so a pivot table can sum either. */
export function ordersCsv(orders: readonly Order[]): string {
  const minor = (amount: number, currency: string) => toDecimalString({ amount, currency });
  const rows: CsvCell[][] = [];
  for (const o of orders) {
    const t = o.totals;
    const totals = [
      o.currency,
      minor(t.subtotal, o.currency),
      minor(t.discount, o.currency),
      minor(t.shipping, o.currency),
      minor(t.tax, o.currency),
      minor(t.total, o.currency),
      minor(t.paid, o.currency),
      minor(t.refunded, o.currency),
    ];
    const head = [o.number, o.createdAt, o.status, o.channel, o.customerName];
    if (o.lines.length === 0) rows.push([...head, '', '', '', '', '', ...totals]);
    for (const l of o.lines) {
      rows.push([
        ...head,
        l.sku,
        l.name,
        l.quantity,
        toDecimalString(l.unitPrice),
        l.discount ? toDecimalString(l.discount) : '',
        ...totals,
      ]);
    }
  }
  return toCsv(ORDER_HEADERS, rows);
}

export const STOCK_HEADERS = [
  'SKU',
  'Barcode',
  'Product',
  'Variant',
  'Bin',
  'On hand',
  'Reserved',
  'Available',
] as const;

export function stockCsv(
  products: ReadonlyMap<string, Pick<Product, 'name'>>,
  variants: readonly Variant[],
  levels: ReadonlyMap<string, Pick<StockLevel, 'onHand' | 'reserved'>>,
): string {
  const rows = [...variants]
    .sort((a, b) => a.bin.localeCompare(b.bin) || a.sku.localeCompare(b.sku))
    .map((v) => {
      const level = levels.get(v.id) ?? { onHand: 0, reserved: 0 };
      return [
        v.sku,
        v.barcode,
        products.get(v.productId)?.name ?? '',
        Object.values(v.attributes).join(' / '),
        v.bin,
        level.onHand,
        level.reserved,
        level.onHand - level.reserved,
      ];
    });
  return toCsv(STOCK_HEADERS, rows);
}
